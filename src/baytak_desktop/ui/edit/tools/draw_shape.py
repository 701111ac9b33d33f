"""Draw a polygon or a line: click the corners, double-click or Enter to finish.

Backspace takes back the last corner, Esc cancels. The shape so far follows the cursor (a rubber
band) and is announced as it grows (``sigShapeChanged``), so the form's derived area and the measure
read-out update live. On finish a polygon is checked before anyone sees a form: fewer than 3 corners
keeps the tool drawing with a message; an outline that crosses itself offers ``shapely.make_valid``'s
repair or going back to drawing. Nothing is written here: the finished shape goes out through
``sigShapeFinished``.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from baytak_desktop.errors import Problem, ValidationError
from baytak_desktop.layers import builtin_catalog
from baytak_desktop.store.edits import GeometryNeedsFix, check_geometry, polygon_from_vertices
from baytak_desktop.ui.edit.tools.base import MapEvent, MapTool, in_world, problem_text
from baytak_desktop.ui.edit.tools.snapping import Snapper

POLYGON, LINE = "polygon", "line"
_CHECK_SCHEMA = "quarries"  # any polygon layer: the corner and self-intersection rules are the same


class DrawShapeTool(MapTool):
    sigShapeChanged = Signal(object)  # the shape so far (with the cursor as its next corner), or None
    sigShapeFinished = Signal(object)  # the finished, valid shape (Polygon or LineString, lon/lat)

    def __init__(self, mode: str = POLYGON, snapper: Snapper | None = None, parent: QObject | None = None) -> None:
        super().__init__(snapper, parent)
        self.mode = mode
        self.vertices: list[tuple[float, float]] = []
        self.finished: shapely.Geometry | None = None

    def hint(self) -> str:
        if self.mode == POLYGON:
            return QCoreApplication.translate(
                "MapTool",
                "Click the corners; double-click or Enter to finish, Backspace removes the last corner, Esc cancels",
            )
        return QCoreApplication.translate(
            "MapTool",
            "Click the points of the line; double-click or Enter to "
            "finish, Backspace removes the last point, Esc cancels",
        )

    def reset(self) -> None:
        self.vertices, self.finished = [], None
        super().reset()
        self.sigShapeChanged.emit(None)

    # -- events ----------------------------------------------------------------------------------------
    def click(self, event: MapEvent) -> bool:
        if self.finished is not None:  # a new shape starts (the last one stays until then)
            self.vertices, self.finished = [], None
        if not in_world(event.lon, event.lat):
            self.sigMessage.emit(problem_text([_outside()]), "error")
            return True
        self.vertices.append(event.lonlat)
        self._show(None)
        return True

    def add_vertex(self, lon: float, lat: float) -> None:
        """A corner from elsewhere than a click (GPS › Add corner at my position), as a click would add it."""
        if self.finished is not None:
            self.vertices, self.finished = [], None
        self.vertices.append((lon, lat))
        self._show(None)

    def move(self, event: MapEvent, dragging: bool) -> None:
        if self.vertices and self.finished is None:
            self._show(event.lonlat)

    def double_click(self, event: MapEvent) -> bool:
        """Finish; the double-click's own position is the last corner (platforms differ in whether
        its first press already arrived as a click)."""
        if self.finished is None and self.vertices:
            if not self._near_last(event):
                self.vertices.append(event.lonlat)
            self.finish()
        return True

    def _near_last(self, event: MapEvent) -> bool:
        last = self.canvas.pos_of(*self.vertices[-1]) if self.canvas is not None else None
        return last is not None and abs(last.x() - event.x) + abs(last.y() - event.y) <= 3

    def key(self, event: QKeyEvent) -> bool:
        if self.finished is None and self.vertices:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.finish()
                return True
            if event.key() == Qt.Key.Key_Backspace:
                self.vertices.pop()
                self._show(None)
                return True
        if event.key() == Qt.Key.Key_Escape and (self.vertices or self.finished is not None):
            self.reset()
            return True
        return super().key(event)

    def snap_extra(self) -> np.ndarray | None:
        return np.array(self.vertices) if self.vertices and self.finished is None else None

    # -- the shape ----------------------------------------------------------------------------------------
    def shape(self, cursor: tuple[float, float] | None = None) -> shapely.Geometry | None:
        """The shape of the corners so far (and the cursor), or None while it is not a shape yet."""
        points = self.vertices + ([cursor] if cursor is not None else [])
        if self.mode == POLYGON and len(points) >= 3:
            return shapely.Polygon(points)
        if len(points) >= 2:
            return shapely.LineString(points)
        return shapely.MultiPoint(points) if points else None

    def _show(self, cursor: tuple[float, float] | None) -> None:
        shape = self.shape(cursor)
        self.band.set_geometry(shape)
        self.band.set_handles(np.array(self.vertices) if self.vertices else None)
        self.sigShapeChanged.emit(shape if shape is not None and shape.geom_type != "MultiPoint" else None)

    def finish(self) -> shapely.Geometry | None:
        """Check and finish the shape; returns it, or None when the user keeps drawing."""
        try:
            shape = self._checked()
        except GeometryNeedsFix as needs_fix:
            if needs_fix.fixed is None or not ask_fix(self.canvas):
                self._show(None)
                return None
            shape = needs_fix.fixed
        except ValidationError as invalid:
            self.sigMessage.emit(problem_text(invalid.problems), "error")
            return None
        self.finished = shape
        self.band.set_geometry(shape)
        self.band.set_handles(None)
        self.sigShapeChanged.emit(shape)
        self.sigShapeFinished.emit(shape)
        return shape

    def _checked(self) -> shapely.Geometry:
        if self.mode == POLYGON:
            polygon = polygon_from_vertices(self.vertices)
            check_geometry(builtin_catalog().layer(_CHECK_SCHEMA), polygon)
            return polygon
        if len({tuple(v) for v in self.vertices}) < 2:
            raise ValidationError([_few_points()])
        return shapely.LineString(self.vertices)


def ask_fix(parent: QWidget | None) -> bool:
    """Offer the repaired outline: True to use it, False to keep editing."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("MapTool", "The outline crosses itself"))
    box.setText(
        QCoreApplication.translate(
            "MapTool",
            "The outline crosses itself. Fix it automatically (the crossing parts become separate "
            "parts of the area), or keep editing?",
        )
    )
    fix = box.addButton(QCoreApplication.translate("MapTool", "Fix outline"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("MapTool", "Keep editing"), QMessageBox.ButtonRole.RejectRole)
    box.setObjectName("fix_outline_box")
    box.exec()
    return box.clickedButton() is fix


def _outside() -> Problem:
    return Problem("coordinates outside the world", field="geom")


def _few_points() -> Problem:
    return Problem(QCoreApplication.translate("MapTool", "A line needs at least 2 points"), field="geom")
