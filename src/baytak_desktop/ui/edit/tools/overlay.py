"""The rubber band: what an edit tool is drawing, on top of the map, before anything is saved.

One small item per tool (pyqtgraph-style: setters store and ``update()``, ``paint`` draws): the shape
being drawn or dragged (lines and polygon outlines with a translucent fill), the vertex handles of the
feature being edited, the selected handle, and a ring where the cursor snapped. Everything is kept in
scene coordinates; pens are cosmetic and handles pixel-sized, so it reads the same at every zoom.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.ui.map.items import HALO_SCENE
from baytak_desktop.ui.paint.draw import draw_markers, qpolygonf

BAND = QColor("#0077b6")
BAND_FILL = QColor(0, 119, 182, 50)
HANDLE_FILL = QColor("#ffffff")
CHOSEN = QColor("#d00000")
SNAP = QColor("#ff006e")
MAX_HANDLES = 5000  # handles drawn at once (the ones in view); a 5,000-vertex outline shows all
HANDLE_PX = 7.0
Z_RUBBER_BAND = 2000  # above the layers and the selection highlight


def sprite(draw: Callable[[QPainter, QPointF, float], None], side_px: float, dpr: float) -> QPixmap:
    """A small antialiased picture drawn once by ``draw(painter, centre, dpr)`` and stamped many times."""
    side = int(np.ceil(side_px * dpr)) + 2
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    draw(painter, QPointF(side / 2, side / 2), dpr)
    painter.end()
    return QPixmap.fromImage(image)


def stamp(painter: QPainter, scene_xy: np.ndarray, picture: QPixmap) -> None:
    """Draw ``picture`` centred on each scene point, in device pixels: one C++ call per few thousand
    points (``drawPixmapFragments``), not one Python call per point."""
    if not len(scene_xy):
        return
    t = painter.worldTransform()
    device = np.column_stack([scene_xy[:, 0] * t.m11() + t.dx(), scene_xy[:, 1] * t.m22() + t.dy()])
    size = painter.device()
    ratio = size.devicePixelRatioF() if hasattr(size, "devicePixelRatioF") else 1.0
    width, height = int(size.width() * ratio), int(size.height() * ratio)
    painter.save()
    painter.resetTransform()
    draw_markers(painter, device, np.zeros(len(device), dtype=np.int64), [picture], width, height)
    painter.restore()


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
        self.paths: list[tuple[QPainterPath, bool]] = []  # an area is filled, a line is not
        self.points = np.empty((0, 2))  # point geometries and single clicks: drawn as markers
        self.handles = np.empty((0, 2))
        self.chosen: QPointF | None = None
        self.snap: QPointF | None = None
        self._bounds = QRectF()
        self._handle_sprite: tuple[float, QPixmap] | None = None
        self._shape: shapely.Geometry | None = None  # the lon/lat shape of ``paths``
        self._simplified_for = 0.0  # the pixel size (scene units) ``paths`` were simplified for
        self.setZValue(Z_RUBBER_BAND)

    # -- setters: store, recompute the bounds, repaint --------------------------------------------
    def set_geometry(self, geometry: shapely.Geometry | None) -> None:
        """The shape (lon/lat) drawn so far, or None."""
        self.paths, points, self._shape = [], np.empty((0, 2)), None
        if geometry is not None and not geometry.is_empty:
            if geometry.geom_type in ("Point", "MultiPoint"):
                points = shapely.get_coordinates(geometry)
            else:
                self._shape, self._simplified_for = geometry, self._pixel_size()
                self.paths = scene_paths(geometry, self._simplified_for)
        self.points = scene_points(points)
        self._changed()

    def _pixel_size(self) -> float:
        """Scene units per pixel of the view showing this item (0 when not shown yet)."""
        views = self.scene().views() if self.scene() is not None else []
        return abs(1.0 / views[0].transform().m11()) if views and views[0].transform().m11() else 0.0

    def set_handles(self, lonlat: np.ndarray | None, chosen: tuple[float, float] | None = None) -> None:
        self.handles = scene_points(lonlat if lonlat is not None else np.empty((0, 2)))
        self.chosen = _point(chosen)
        self._changed()

    def set_snap(self, lonlat: tuple[float, float] | None) -> None:
        if _point(lonlat) != self.snap:
            self.snap = _point(lonlat)
            self._changed()

    def clear(self) -> None:
        self.paths, self.points, self.handles, self.chosen, self.snap = (
            [],
            np.empty((0, 2)),
            np.empty((0, 2)),
            None,
            None,
        )
        self._shape = None
        self._changed()

    def is_empty(self) -> bool:
        return not self.paths and not len(self.points) and not len(self.handles) and self.snap is None

    def _changed(self) -> None:
        self.prepareGeometryChange()
        rect = QRectF()
        for path, _area in self.paths:
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
        if self._shape is not None and not 0.5 < pixel / (self._simplified_for or pixel) < 2:
            self._simplified_for = pixel  # zoomed since: simplify again for this zoom
            self.paths = scene_paths(self._shape, pixel)
        pen = QPen(BAND, 2.0)
        pen.setCosmetic(True)
        painter.setPen(pen)
        for path, area in self.paths:
            painter.setBrush(QBrush(BAND_FILL) if area else Qt.BrushStyle.NoBrush)
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
        if len(self.handles):
            dpr = painter.device().devicePixelRatioF() if hasattr(painter.device(), "devicePixelRatioF") else 1.0
            if self._handle_sprite is None or self._handle_sprite[0] != dpr:
                self._handle_sprite = (dpr, sprite(_draw_handle, HANDLE_PX + 2, dpr))
            stamp(painter, self.handles[:MAX_HANDLES], self._handle_sprite[1])
        if self.chosen is not None:
            pen = QPen(BAND, 1.0)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(QBrush(CHOSEN))
            painter.drawRect(QRectF(self.chosen.x() - side * 0.7, self.chosen.y() - side * 0.7, side * 1.4, side * 1.4))


def _draw_handle(painter: QPainter, centre: QPointF, dpr: float) -> None:
    side = HANDLE_PX * dpr
    painter.setPen(QPen(BAND, dpr))
    painter.setBrush(QBrush(HANDLE_FILL))
    painter.drawRect(QRectF(centre.x() - side / 2, centre.y() - side / 2, side, side))


def scene_paths(geometry: shapely.Geometry, pixel: float) -> list[tuple[QPainterPath, bool]]:
    """(path, is an area) per part in scene coordinates, simplified to half a pixel: a 5,000-corner outline at
    field zoom draws as a few hundred segments, so dragging one of its corners stays smooth."""
    projected = shapely.transform(geometry, lambda c: np.column_stack(to_scene(c[:, 0], c[:, 1])))
    if pixel > 0:
        simplified = shapely.simplify(projected, pixel / 2, preserve_topology=False)
        projected = projected if simplified.is_empty else simplified
    paths = []
    for part in getattr(projected, "geoms", [projected]):
        path = QPainterPath()
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            coords = np.asarray(ring.coords)
            if len(coords) >= 2:
                path.addPolygon(qpolygonf(coords[:, :2]))
        path.setFillRule(Qt.FillRule.OddEvenFill)
        paths.append((path, part.geom_type == "Polygon"))
    return paths


def _point(lonlat: tuple[float, float] | None) -> QPointF | None:
    if lonlat is None:
        return None
    x, y = scene_points(np.array([lonlat]))[0]
    return QPointF(float(x), float(y))
