"""The rubber band: what an edit tool is drawing, on top of the map, before anything is saved.

One small item per tool (pyqtgraph-style: setters store and ``update()``, ``paint`` draws): the shape
being drawn or dragged (lines and polygon outlines with a translucent fill), the vertex handles of the
feature being edited, the selected handle, and a ring where the cursor snapped. Everything is kept in
scene coordinates; pens are cosmetic and handles pixel-sized, so it reads the same at every zoom.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.ui.map_items import HALO_SCENE, geometry_paths
from baytak_desktop.ui.projection import to_scene

BAND = QColor("#0077b6")
BAND_FILL = QColor(0, 119, 182, 50)
HANDLE_FILL = QColor("#ffffff")
CHOSEN = QColor("#d00000")
SNAP = QColor("#ff006e")
MAX_HANDLES = 5000  # handles drawn at once (the ones in view); a 5,000-vertex outline shows all
HANDLE_PX = 7.0
Z_RUBBER_BAND = 2000  # above the layers and the selection highlight


def scene_points(lonlat: np.ndarray) -> np.ndarray:
    """(n, 2) lon/lat -> (n, 2) scene coordinates."""
    lonlat = np.asarray(lonlat, dtype=float).reshape(-1, 2)
    if not len(lonlat):
        return np.empty((0, 2))
    return np.column_stack(to_scene(lonlat[:, 0], lonlat[:, 1]))


class RubberBand(QGraphicsItem):
    """The shape, handles, chosen handle and snap ring of one edit tool."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[QPainterPath] = []
        self.points = np.empty((0, 2))  # point geometries and single clicks: drawn as markers
        self.handles = np.empty((0, 2))
        self.chosen: QPointF | None = None
        self.snap: QPointF | None = None
        self._bounds = QRectF()
        self.setZValue(Z_RUBBER_BAND)

    # -- setters: store, recompute the bounds, repaint --------------------------------------------
    def set_geometry(self, geometry: shapely.Geometry | None) -> None:
        """The shape (lon/lat) drawn so far, or None."""
        self.paths, points = [], np.empty((0, 2))
        if geometry is not None and not geometry.is_empty:
            if geometry.geom_type in ("Point", "MultiPoint"):
                points = shapely.get_coordinates(geometry)
            else:
                self.paths = geometry_paths(geometry)
        self.points = scene_points(points)
        self._changed()

    def set_handles(self, lonlat: np.ndarray | None, chosen: tuple[float, float] | None = None) -> None:
        self.handles = scene_points(lonlat if lonlat is not None else np.empty((0, 2)))
        self.chosen = _point(chosen)
        self._changed()

    def set_snap(self, lonlat: tuple[float, float] | None) -> None:
        if _point(lonlat) != self.snap:
            self.snap = _point(lonlat)
            self._changed()

    def clear(self) -> None:
        self.paths, self.points, self.handles, self.chosen, self.snap = [], np.empty((0, 2)), np.empty((0, 2)), None, None
        self._changed()

    def is_empty(self) -> bool:
        return not self.paths and not len(self.points) and not len(self.handles) and self.snap is None

    def _changed(self) -> None:
        self.prepareGeometryChange()
        rect = QRectF()
        for path in self.paths:
            rect = rect.united(path.boundingRect())
        for array in (self.points, self.handles):
            if len(array):
                (x0, y0), (x1, y1) = array.min(axis=0), array.max(axis=0)
                rect = rect.united(QRectF(QPointF(x0, y0), QPointF(x1, y1)))
        for point in (self.chosen, self.snap):
            if point is not None:
                rect = rect.united(QRectF(point, point))
        self._bounds = rect
        self.update()

    # -- QGraphicsItem -------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        if self.is_empty() and self.chosen is None:
            return QRectF()
        return self._bounds.adjusted(-HALO_SCENE, -HALO_SCENE, HALO_SCENE, HALO_SCENE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pixel = 1.0 / (painter.worldTransform().m11() or 1.0)  # scene units per pixel
        pen = QPen(BAND, 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(QBrush(BAND_FILL))
        for path in self.paths:
            painter.drawPath(path)
        for x, y in self.points.tolist():
            painter.drawEllipse(QPointF(x, y), 5 * pixel, 5 * pixel)
        self._paint_handles(painter, option.exposedRect, pixel)
        if self.snap is not None:
            ring = QPen(SNAP, 2.0)
            ring.setCosmetic(True)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(self.snap, 8 * pixel, 8 * pixel)

    def _paint_handles(self, painter: QPainter, exposed: QRectF, pixel: float) -> None:
        side = HANDLE_PX * pixel
        pen = QPen(BAND, 1.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        if len(self.handles):
            h = self.handles
            inside = ((h[:, 0] >= exposed.left()) & (h[:, 0] <= exposed.right())
                      & (h[:, 1] >= exposed.top()) & (h[:, 1] <= exposed.bottom()))
            painter.setBrush(QBrush(HANDLE_FILL))
            for x, y in h[inside][:MAX_HANDLES].tolist():
                painter.drawRect(QRectF(x - side / 2, y - side / 2, side, side))
        if self.chosen is not None:
            painter.setBrush(QBrush(CHOSEN))
            painter.drawRect(QRectF(self.chosen.x() - side * 0.7, self.chosen.y() - side * 0.7, side * 1.4, side * 1.4))


def _point(lonlat: tuple[float, float] | None) -> QPointF | None:
    if lonlat is None:
        return None
    x, y = scene_points(np.array([lonlat]))[0]
    return QPointF(float(x), float(y))
