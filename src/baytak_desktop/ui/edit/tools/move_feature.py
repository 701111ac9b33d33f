"""Move a whole feature: press on it, drag, release. One undo step, written on release.

While dragging only the rubber band moves (the layer keeps its rendered picture); the store is
written once, when the mouse is released, so a drag is one transaction and one undo step. The grab
point snaps, so a site can be put exactly on a vertex of another layer.
"""

from __future__ import annotations

from collections.abc import Callable

import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt
from shapely import affinity

from baytak_desktop.errors import BaytakError, ValidationError
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.base import MapEvent, MapTool, problem_text
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.messages import message_of

CLICK_SLOP_PX = 3


class MoveFeatureTool(MapTool):
    cursor_shape = Qt.CursorShape.SizeAllCursor

    def __init__(
        self,
        session: EditSession,
        layer_of: Callable[[], str | None],
        snapper: Snapper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(snapper, parent)
        self.session = session
        self.layer_of = layer_of
        self._grab: tuple[str, str, shapely.Geometry, MapEvent] | None = None
        self._moved: shapely.Geometry | None = None

    def hint(self) -> str:
        return QCoreApplication.translate("MapTool", "Drag a feature of the edited layer to move it")

    def reset(self) -> None:
        self._grab, self._moved = None, None
        super().reset()

    def press(self, event: MapEvent) -> bool:
        layer = self.layer_of()
        hit = self.pick(event, layer) if layer and event.button == Qt.MouseButton.LeftButton else None
        geometry = self.stored_geometry(layer, hit[1]) if layer and hit else None
        if layer is None or hit is None or geometry is None:
            return False
        self._grab, self._moved = (layer, hit[1], geometry, event), None
        return True

    def move(self, event: MapEvent, dragging: bool) -> None:
        if not dragging or self._grab is None:
            return
        _layer, _uuid, geometry, start = self._grab
        if abs(event.x - start.x) + abs(event.y - start.y) < CLICK_SLOP_PX:
            return
        self._moved = affinity.translate(geometry, event.lon - start.lon, event.lat - start.lat)
        self.band.set_geometry(self._moved)

    def release(self, event: MapEvent) -> None:
        grab, moved = self._grab, self._moved
        self.reset()
        if grab is None or moved is None:
            return
        try:
            self.session.update_geometry(grab[0], grab[1], moved)
        except ValidationError as invalid:
            self.sigMessage.emit(problem_text(invalid.problems), "error")
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
