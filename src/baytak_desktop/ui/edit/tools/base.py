"""The edit tool interface: what the canvas hands a tool, and what every tool has in common.

The canvas knows nothing about editing: while a tool is set (``MapCanvas.set_tool``) it offers each
mouse and key event to the tool first and keeps its own pan, box zoom and identify for what the tool
leaves. A press the tool takes (a vertex handle, a feature to drag) brings its drag and release to the
tool; any other press pans as usual, and a press and release without a drag is a ``click``. So the map
can still be panned while a polygon is being drawn.

Tools see ``MapEvent``s: the position in lon/lat (snapped when snapping is on and something is within
reach) and in viewport pixels. They never write to the store themselves: they call the EditSession
(one undo step per user action) or emit a signal for the window to open the form. Nor do they read it
on the UI thread (issue 14: another program may hold its lock): what a click needs to know of the
store (the feature under it, its geometry, its name) is read on the window's reader threads
(``read_then``); meanwhile the cursor is busy and the status bar says so, and the tool acts when the
answer lands. A newer read of the same tool, Esc or another tool drops the answer of the older one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent

from baytak_desktop.errors import BaytakError, Problem
from baytak_desktop.mapdata.tool_reads import Picked, pick_feature, stored_geometry
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.ui.edit.tools.overlay import RubberBand
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.readers import Readers

T = TypeVar("T")

PICK_TOLERANCE_PX = 6.0


@dataclass(frozen=True)
class MapEvent:
    lon: float
    lat: float
    x: float  # viewport (logical) pixels
    y: float
    button: Qt.MouseButton = Qt.MouseButton.NoButton
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    snapped: bool = False

    @property
    def lonlat(self) -> tuple[float, float]:
        return self.lon, self.lat


class MapTool(QObject):
    """Base of every edit tool. Subclasses override ``press``/``move``/``release``/``click``/
    ``double_click``/``key`` (each returns True when it used the event) and ``hint``."""

    sigMessage = Signal(str, str)  # text in the UI language, level: info, warning, error
    sigHint = Signal(str)  # what to do next, for the status bar

    cursor_shape = Qt.CursorShape.CrossCursor
    snaps = True  # whether clicks of this tool snap (a delete or pick tool does not)

    def __init__(self, snapper: Snapper | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.snapper = snapper
        self.canvas: MapCanvas | None = None  # while the tool is active
        self.band = RubberBand()
        self._double_at: QPointF | None = None  # where the last double-click was
        self.readers: Readers | None = None  # the window's reader threads: the tool's reads run there
        self._read_token = 0  # the newest read asked: an answer for an older one is dropped
        self.reading = False  # a read is on its way: busy cursor, "Reading…" in the status bar

    # -- life cycle ----------------------------------------------------------------------------------
    def activate(self, canvas: MapCanvas) -> None:
        self.canvas = canvas
        canvas.scene().addItem(self.band)
        canvas.viewport().setCursor(self.cursor_shape)
        self.sigHint.emit(self.hint())

    @property
    def active_canvas(self) -> MapCanvas:
        """The canvas the tool is active on: the only time it gets events."""
        if self.canvas is None:
            raise RuntimeError("the tool is not active on a canvas")
        return self.canvas

    def deactivate(self) -> None:
        self.reset()
        if self.canvas is not None and self.band.scene() is not None:
            self.canvas.scene().removeItem(self.band)
        self.canvas = None
        self.sigHint.emit("")

    def reset(self) -> None:
        """Forget what is being drawn or dragged (Esc, another tool, another store), and drop the
        answer of a read still on its way."""
        self._read_token += 1
        self._stop_waiting()
        self.band.clear()

    def is_active(self) -> bool:
        return self.canvas is not None

    def hint(self) -> str:
        return ""

    # -- what subclasses override ----------------------------------------------------------------------
    def press(self, event: MapEvent) -> bool:
        return False

    def move(self, event: MapEvent, dragging: bool) -> None:
        """The cursor moved; ``dragging`` when this tool took the press."""

    def release(self, event: MapEvent) -> None:
        """The end of a press this tool took."""

    def click(self, event: MapEvent) -> bool:
        return False

    def double_click(self, event: MapEvent) -> bool:
        return False

    def key(self, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and (self.reading or not self.band.is_empty()):
            self.reset()
            return True
        return False

    def snap_extra(self) -> np.ndarray | None:
        """Vertices not in the store that clicks should snap to (the outline being drawn)."""
        return None

    def snap_ignore(self) -> np.ndarray | None:
        return None

    # -- the canvas hook (MapCanvas calls these) --------------------------------------------------------
    def canvas_press(self, event: QMouseEvent) -> bool:
        return self.press(self.map_event(event))

    def canvas_move(self, event: QMouseEvent, dragging: bool) -> None:
        if not dragging and self.canvas is not None and not event.buttons():
            self.canvas.viewport().setCursor(self._cursor())  # a pan resets it
        self.move(self.map_event(event, show_snap=True), dragging)

    def canvas_release(self, event: QMouseEvent) -> None:
        self.release(self.map_event(event))

    def canvas_click(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        after_double, self._double_at = self._double_at, None
        if after_double is not None and (event.position() - after_double).manhattanLength() <= 2:
            return True  # the release that ends a double-click is not another click
        return self.click(self.map_event(event))

    def canvas_double_click(self, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        self._double_at = event.position()
        return self.double_click(self.map_event(event))

    def canvas_key(self, event: QKeyEvent) -> bool:
        return self.key(event)

    def map_event(self, event: QMouseEvent, show_snap: bool = False) -> MapEvent:
        pos = event.position()
        lonlat = self.snap_at(pos) if self.snaps else None
        if show_snap:
            self.band.set_snap(lonlat)
        lon, lat = lonlat if lonlat is not None else self.active_canvas.lonlat_at(pos)
        return MapEvent(lon, lat, pos.x(), pos.y(), event.button(), event.modifiers(), lonlat is not None)

    def snap_at(self, pos: QPointF) -> tuple[float, float] | None:
        if self.snapper is None or self.canvas is None:
            return None
        return self.snapper.snap(self.canvas, pos.x(), pos.y(), extra=self.snap_extra(), ignore=self.snap_ignore())

    # -- reads of the store, on the window's reader threads ----------------------------------------------
    def read_then(self, work: Callable[[Store], T], done: Callable[[T], None]) -> bool:
        """Run ``work(store)`` on a reader thread and ``done(result)`` on the UI thread when it lands,
        unless the tool read again, was reset or put away meanwhile. False when there is nothing to read
        (no store shown)."""
        readers = self.readers
        if readers is None or readers.path() is None or self.canvas is None:
            return False
        self._read_token += 1
        token = self._read_token
        self._start_waiting()

        def landed(result: Any) -> None:
            if token == self._read_token and self.canvas is not None:
                self._stop_waiting()
                done(result)

        def failed(error: Exception) -> None:
            if token != self._read_token:
                return
            self._stop_waiting()
            if not isinstance(error, (BaytakError, DatabaseError)):
                raise error
            self.sigMessage.emit(message_of(error), "error")

        readers.read(f"edit-tool-{id(self)}", work, landed, failed)
        return True

    def pick_then(self, event: MapEvent, layer: str, done: Callable[[Picked | None], None]) -> bool:
        """Read which feature of ``layer`` is under the event (within a few pixels), with its stored
        geometry, then ``done(picked or None)``."""
        canvas = self.active_canvas
        view, style = canvas.current_view(), canvas.layers.styles[layer]
        px, py = event.x * view.dpr, event.y * view.dpr
        return self.read_then(lambda store: pick_feature(store, style, view, px, py, PICK_TOLERANCE_PX), done)

    def geometry_then(self, layer: str, uuid: str, done: Callable[[shapely.Geometry | None], None]) -> bool:
        """Read the feature's geometry as stored now, then ``done(geometry or None)``."""
        return self.read_then(lambda store: stored_geometry(store, layer, uuid), done)

    def waiting_text(self) -> str:
        return QCoreApplication.translate("MapTool", "Reading the map data…")

    def _start_waiting(self) -> None:
        self.reading = True
        self._show_cursor()
        QTimer.singleShot(0, self._show_cursor)  # again once the canvas has finished the click (it unsets it)
        self.sigHint.emit(self.waiting_text())

    def _stop_waiting(self) -> None:
        if not self.reading:
            return
        self.reading = False
        if self.canvas is not None:
            self._show_cursor()
            self.sigHint.emit(self.hint())

    def _show_cursor(self) -> None:
        if self.canvas is not None:
            self.canvas.viewport().setCursor(self._cursor())

    def _cursor(self) -> Qt.CursorShape:
        return Qt.CursorShape.BusyCursor if self.reading else self.cursor_shape


def in_world(lon: float, lat: float) -> bool:
    return -180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0


def problem_text(problems: Iterable[Problem]) -> str:
    """Validation problems of a drawn shape in the UI language (the domain's English otherwise)."""
    texts = []
    for problem in problems:
        message = problem.message
        if "at least 3 corners" in message:
            text = QCoreApplication.translate("MapTool", "A polygon needs at least 3 corners; this one has {count}")
            text = text.format(count=problem.params.get("count", "?"))
        elif "crosses itself" in message:
            text = QCoreApplication.translate("MapTool", "The outline crosses itself")
        elif "outside the world" in message:
            text = QCoreApplication.translate(
                "MapTool", "The position is outside the world: longitude must be -180…180 and latitude -90…90"
            )
        else:
            text = message
        texts.append(text)
    return "\n".join(texts)
