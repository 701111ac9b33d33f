"""A scale bar measured on the ellipsoid at the map's centre, in round metres or kilometres.

Web Mercator stretches distances by 1/cos(latitude), so a bar computed from the projection would be
wrong by 40 % in Astana; this one asks pyproj.Geod how far apart two points a known number of pixels
apart at the centre of the map really are, then picks the round length (1, 2 or 5 x 10^n) that fits.
"""

from __future__ import annotations

import math

from pyproj import Geod
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QWidget

GEOD = Geod(ellps="WGS84")
TARGET_PX = 110


def metres_per_pixel(lon: float, lat: float, lon_per_px: float) -> float:
    """Ground metres per screen pixel along the parallel through (lon, lat)."""
    half = 50 * lon_per_px
    _, _, distance = GEOD.inv(lon - half, lat, lon + half, lat)
    return distance / 100


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above ``metres``."""
    if metres <= 0 or not math.isfinite(metres):
        return 0.0
    power = 10 ** math.floor(math.log10(metres))
    for step in (5, 2, 1):
        if step * power <= metres:
            return step * power
    return power


def format_length(metres: float) -> str:
    """``2 km`` / ``500 m``: a round length, its unit in the UI language (the strings of ``ui.measure``)."""
    if metres >= 1000:
        return QCoreApplication.translate("Measure", "{value} km").format(value=f"{metres / 1000:g}")
    return QCoreApplication.translate("Measure", "{value} m").format(value=f"{metres:g}")


class ScaleBar(QWidget):
    """Drawn over the map's bottom-left corner; the canvas calls :meth:`set_scale` when the view changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.length_m = 0.0
        self.length_px = 0.0
        self.text = ""
        self.resize(TARGET_PX + 30, 34)
        self.retranslate()

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Scale at the centre of the map, measured on the ellipsoid"))
        if self.length_m:
            self.text = format_length(self.length_m)
            self.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_scale(self, lon: float, lat: float, lon_per_px: float) -> None:
        per_px = metres_per_pixel(lon, lat, lon_per_px)
        self.length_m = nice_length(per_px * TARGET_PX)
        self.length_px = self.length_m / per_px if per_px > 0 else 0.0
        self.text = format_length(self.length_m) if self.length_m else ""
        self.update()

    def paintEvent(self, event) -> None:
        if not self.length_px:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, base = 8.0, self.height() - 8.0
        right = left + self.length_px
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 190))
        painter.drawRoundedRect(QRectF(left - 5, 3, self.length_px + 10, self.height() - 6), 3, 3)
        outline = QPainterPath()
        outline.moveTo(left, base - 7)
        outline.lineTo(left, base)
        outline.lineTo(right, base)
        outline.lineTo(right, base - 7)
        painter.strokePath(outline, QPen(QColor("#ffffff"), 4))
        painter.strokePath(outline, QPen(QColor("#222222"), 1.6))
        font = QFont(self.font())
        font.setPixelSize(12)
        painter.setFont(font)
        painter.setPen(QColor("#222222"))
        painter.drawText(QPointF(left + 2, base - 10), self.text)
        painter.end()
