"""Delete a feature: click it, confirm, gone (and back with Undo, with its photos and uuid).

The confirmation names the feature, because a click a few pixels off picks the neighbour. The same
confirmation serves Edit > Delete selected. The feature under the click and its name are read on the
window's reader threads (``MapTool.read_then``): the question comes when they land.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.mapdata.tool_reads import Picked, feature_name, pick_feature
from baytak_desktop.store import Store, edits
from baytak_desktop.ui.edit import undo_commands as commands
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.base import PICK_TOLERANCE_PX, MapEvent, MapTool
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


def delete_features(
    session: EditSession, parent: QWidget | None, layer: str, uuids: list[str], names: list[str]
) -> int:
    """Confirm (naming ``names``, read beforehand on a reader), then delete the features ``uuids`` (one
    undo step); returns how many were deleted."""
    if session.store is None or not uuids or not confirm_delete(parent, layer, names):
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
        if layer is None:
            return True
        canvas = self.active_canvas
        view, style = canvas.current_view(), canvas.layers.styles[layer]
        px, py = event.x * view.dpr, event.y * view.dpr

        def read(store: Store) -> tuple[Picked, str] | None:
            hit = pick_feature(store, style, view, px, py, PICK_TOLERANCE_PX)
            return None if hit is None else (hit, feature_name(store, layer, hit.uuid))

        self.read_then(read, self._confirm)
        return True

    def _confirm(self, found: tuple[Picked, str] | None) -> None:
        if found is None:
            return
        hit, name = found
        self.band.set_geometry(hit.geometry)
        try:
            delete_features(self.session, self.canvas, hit.layer, [hit.uuid], [name])
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
        finally:
            self.band.clear()
