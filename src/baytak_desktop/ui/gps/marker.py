"""The live position on the map: a dot, the accuracy circle, the heading; grey with its age when lost.

The item sits in the canvas's scene (Web Mercator metres) above the layers. The accuracy circle is the
receiver's horizontal error drawn to scale: Mercator stretches distances by 1/cos(latitude), so a
radius of r metres on the ground is r/cos(lat) scene metres. The dot, the heading arrow and the age
label keep their size on screen (drawn in device pixels, as ``RasterItem`` draws its image), so they
read the same at every zoom. While the fix is lost the last position stays, greyed, labelled with how
long ago it came: a person sees where the receiver last was, not a position that looks current.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.gps.live import PositionSnapshot
from baytak_desktop.mapdata.projection import to_scene

LIVE = QColor("#1a73e8")
LOST = QColor("#8a8f98")
DOT_PX = 5.5  # the dot's radius on screen
ARROW_PX = 26.0  # how far the heading arrow reaches from the centre
MARGIN_PX = 120.0  # room for the arrow and the age label, in screen pixels


class PositionMarker(QGraphicsItem):
    def __init__(self) -> None:
        super().__init__()
        self.setZValue(2000)  # above the layers and the selection
        self.setVisible(False)
        self.snapshot: PositionSnapshot | None = None
        self.label = ""
        self.center = QPointF()
        self.radius_scene = 0.0
        self._pad_scene = 0.0

    @property
    def lost(self) -> bool:
        return self.snapshot is not None and self.snapshot.lost

    def show_position(self, snapshot: PositionSnapshot | None, res: float, label: str = "") -> None:
        """Draw ``snapshot`` (None or no fix yet: hide); ``res`` is the map's scene metres per pixel; ``label``
        is written beside a lost position (its age)."""
        fix = snapshot.fix if snapshot is not None else None
        if fix is None or not fix.has_position:
            self.setVisible(False)
            self.snapshot = None
            return
        self.prepareGeometryChange()
        xs, ys = to_scene(np.array([fix.lon]), np.array([fix.lat]))
        self.center = QPointF(float(xs[0]), float(ys[0]))
        error = snapshot.accuracy_m if snapshot is not None else None
        self.radius_scene = (error or 0.0) / max(math.cos(math.radians(fix.lat)), 1e-6)
        self._pad_scene = MARGIN_PX * res
        self.snapshot, self.label = snapshot, label
        self.setVisible(True)
        self.update()

    def set_resolution(self, res: float) -> None:
        """The map zoomed: the screen-sized parts need room in another number of scene metres."""
        self.prepareGeometryChange()
        self._pad_scene = MARGIN_PX * res

    def boundingRect(self) -> QRectF:
        if self.snapshot is None:
            return QRectF()
        reach = max(self.radius_scene, self._pad_scene)
        return QRectF(self.center.x() - reach, self.center.y() - reach, 2 * reach, 2 * reach)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        snapshot = self.snapshot
        if snapshot is None:
            return
        transform = painter.worldTransform()
        centre = transform.map(self.center)
        radius = self.radius_scene * abs(transform.m11())
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        colour = LOST if snapshot.lost else LIVE
        painter.save()
        painter.resetTransform()  # device pixels from here: the dot and the arrow keep their size
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if radius > 2 * dpr:
            fill, edge = QColor(colour), QColor(colour)
            fill.setAlpha(40 if not snapshot.lost else 28)
            edge.setAlpha(150)
            painter.setPen(QPen(edge, 1.2 * dpr))
            painter.setBrush(fill)
            painter.drawEllipse(centre, radius, radius)
        heading = snapshot.heading_deg
        if heading is not None:
            painter.setPen(QPen(QColor("white"), 1.5 * dpr))
            painter.setBrush(colour)
            painter.drawPath(_arrow(centre, heading, ARROW_PX * dpr, DOT_PX * dpr))
        painter.setPen(QPen(QColor("white"), 2.5 * dpr))
        painter.setBrush(QBrush(colour))
        painter.drawEllipse(centre, DOT_PX * dpr, DOT_PX * dpr)
        if snapshot.lost and self.label:
            _label(painter, centre + QPointF(12 * dpr, -12 * dpr), self.label, dpr)
        painter.restore()


def _arrow(centre: QPointF, heading_deg: float, reach: float, half_width: float) -> QPainterPath:
    """A wedge from beside the dot to ``reach`` pixels out, pointing along the heading (0 = north, clockwise)."""
    angle = math.radians(heading_deg)
    ahead = QPointF(math.sin(angle), -math.cos(angle))  # screen y grows downwards
    side = QPointF(math.cos(angle), math.sin(angle))
    path = QPainterPath(centre + ahead * reach)
    path.lineTo(centre + side * half_width)
    path.lineTo(centre - side * half_width)
    path.closeSubpath()
    return path


def _label(painter: QPainter, at: QPointF, text: str, dpr: float) -> None:
    font = QFont(painter.font())
    font.setPointSizeF(9 * dpr)
    painter.setFont(font)
    metrics = QFontMetricsF(font)
    box = QRectF(at.x(), at.y() - metrics.height(), metrics.horizontalAdvance(text) + 8 * dpr, metrics.height() + 2)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(255, 255, 255, 220))
    painter.drawRoundedRect(box, 3 * dpr, 3 * dpr)
    painter.setPen(QColor("#333333"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
