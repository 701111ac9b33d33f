"""The map's scale bar: a round length in metres or kilometres, measured on the ellipsoid at the centre.

The arithmetic (``mapdata.scale``) is shared with the print layout; this widget draws the bar over the
map's bottom-left corner and writes its length in the UI language.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from baytak_desktop.mapdata.scale import metres_per_pixel, nice_length

TARGET_PX = 110


def format_length(metres: float) -> str:
    """``2 km`` / ``500 m``: a round length, its unit in the UI language (the strings of ``ui.edit.measure``)."""
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

    def paintEvent(self, event: QPaintEvent) -> None:
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
