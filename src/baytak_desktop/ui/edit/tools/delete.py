"""Delete a feature: click it, confirm, gone (and back with Undo, with its photos and uuid).

The confirmation names the feature, because a click a few pixels off picks the neighbour. The same
confirmation serves Edit > Delete selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.store import Store, edits
from baytak_desktop.ui.edit import undo_commands as commands
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.base import MapEvent, MapTool
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.messages import message_of


def confirm_delete(parent: QWidget | None, layer: str, names: list[str]) -> bool:
    """Ask before deleting ``names`` (feature names or uuids) of ``layer``; True when the user agrees."""
    title = QCoreApplication.translate("MapTool", "Delete features")
    if len(names) == 1:
        text = QCoreApplication.translate("MapTool", "Delete “{name}” from {layer}? You can undo this with Undo.")
        text = text.format(name=names[0], layer=layer_title(layer))
    else:
        n = len(names)
        text = QCoreApplication.translate("MapTool", "Delete %n feature(s) from {layer}? Undo restores them.", None, n)
        text = text.format(layer=layer_title(layer))
    answer = QMessageBox.question(
        parent,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def feature_name(store: Store, layer: str, uuid: str) -> str:
    """What to call a feature in a question: its name or title, else the start of its uuid."""
    feature = store.get(layer, uuid)
    for field in ("name", "title", "species", "water_body"):
        value = feature.attributes.get(field)
        if value:
            return str(value)
    return uuid[:8]


def delete_features(session: EditSession, parent: QWidget | None, layer: str, uuids: list[str]) -> int:
    """Confirm, then delete each feature (one undo step each); returns how many were deleted."""
    store = session.store
    if store is None or not uuids or not confirm_delete(parent, layer, [feature_name(store, layer, u) for u in uuids]):
        return 0
    if len(uuids) == 1:
        session.delete_feature(layer, uuids[0])
    else:  # one user action, one transaction, one undo step
        session.perform(
            edits.Batch(tuple(edits.DeleteFeature(layer, uuid) for uuid in uuids)), commands.DeleteFeatureCommand
        )
    return len(uuids)


class DeleteTool(MapTool):
    cursor_shape = Qt.CursorShape.PointingHandCursor
    snaps = False

    def __init__(self, session: EditSession, layer_of: Callable[[], str | None], parent: QObject | None = None) -> None:
        super().__init__(None, parent)
        self.session = session
        self.layer_of = layer_of

    def hint(self) -> str:
        return QCoreApplication.translate("MapTool", "Click a feature of the edited layer to delete it")

    def click(self, event: MapEvent) -> bool:
        layer = self.layer_of()
        hit = self.pick(event, layer) if layer else None
        if layer is None or hit is None:
            return True
        self.band.set_geometry(self.stored_geometry(layer, hit[1]))
        try:
            delete_features(self.session, self.canvas, layer, [hit[1]])
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
        finally:
            self.band.clear()
        return True
