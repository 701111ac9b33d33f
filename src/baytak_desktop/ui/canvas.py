"""The map canvas: a QGraphicsView over a Web Mercator scene, with wheel zoom and drag pan."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from baytak_desktop.ui.projection import to_lonlat, to_scene

KAZAKHSTAN = (46.5, 40.5, 87.4, 55.5)  # lon/lat box the app opens on


class MapCanvas(QGraphicsView):
    sigCursorMoved = Signal(float, float)  # lon, lat

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(QColor("#cfe3f2"))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setMouseTracking(True)
        world = to_scene(np.array([-180.0, 180.0]), np.array([-85.0, 85.0]))
        self.scene().setSceneRect(QRectF(QPointF(world[0][0], world[1][1]), QPointF(world[0][1], world[1][0])))

    def zoom_to_lonlat(self, box: tuple[float, float, float, float]) -> None:
        xs, ys = to_scene(np.array([box[0], box[2]]), np.array([box[1], box[3]]))
        self.fitInView(QRectF(QPointF(xs[0], ys[1]), QPointF(xs[1], ys[0])), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        self.scale(factor, factor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.mapToScene(event.position().toPoint())
        self.sigCursorMoved.emit(*to_lonlat(point.x(), point.y()))
        super().mouseMoveEvent(event)
