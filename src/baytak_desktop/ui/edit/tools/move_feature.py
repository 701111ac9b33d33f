"""Move a whole feature: press on it, drag, release. One undo step, written on release.

While dragging only the rubber band moves (the layer keeps its rendered picture); the store is
written once, when the mouse is released, so a drag is one transaction and one undo step. The grab
point snaps, so a site can be put exactly on a vertex of another layer. The feature under the press is
read on a reader thread: the tool takes the press at once, keeps the cursor's last position and the
release meanwhile, and carries them out when the feature lands (a press on no feature moves nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt
from shapely import affinity

from baytak_desktop.errors import BaytakError, ValidationError
from baytak_desktop.mapdata.tool_reads import Picked
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
        self._pressed: MapEvent | None = None  # a press whose feature is being read
        self._early: tuple[MapEvent | None, MapEvent | None] = (None, None)  # last move, release before it landed

    def hint(self) -> str:
        return QCoreApplication.translate("MapTool", "Drag a feature of the edited layer to move it")

    def reset(self) -> None:
        self._grab, self._moved, self._pressed, self._early = None, None, None, (None, None)
        super().reset()

    def press(self, event: MapEvent) -> bool:
        layer = self.layer_of()
        if layer is None or event.button != Qt.MouseButton.LeftButton:
            return False
        self._grab, self._moved, self._pressed, self._early = None, None, event, (None, None)
        return self.pick_then(event, layer, self._grabbed)

    def _grabbed(self, hit: Picked | None) -> None:
        """The feature under the press landed: grab it and catch up with the mouse."""
        pressed, (moved, released) = self._pressed, self._early
        self._pressed, self._early = None, (None, None)
        if hit is None or hit.geometry is None or pressed is None:
            return
        self._grab, self._moved = (hit.layer, hit.uuid, hit.geometry, pressed), None
        if moved is not None:
            self.move(moved, True)
        if released is not None:
            self.release(released)

    def move(self, event: MapEvent, dragging: bool) -> None:
        if dragging and self._pressed is not None:
            self._early = (event, self._early[1])
            return
        if not dragging or self._grab is None:
            return
        _layer, _uuid, geometry, start = self._grab
        if abs(event.x - start.x) + abs(event.y - start.y) < CLICK_SLOP_PX:
            return
        self._moved = affinity.translate(geometry, event.lon - start.lon, event.lat - start.lat)
        self.band.set_geometry(self._moved)

    def release(self, event: MapEvent) -> None:
        if self._pressed is not None:  # the feature is still being read: release when it lands
            self._early = (self._early[0], event)
            return
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
