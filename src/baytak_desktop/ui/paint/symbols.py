"""Legend swatches: a layer's symbol drawn small, the same way the map draws the layer (QtGui only).

A filled square with its outline for areas, a marker for points. The layer panel, the style dialog's
preview and the print legend all use these, so the three show the same swatch.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import Symbol

SWATCH = 16  # px, the legend swatch at 96 dpi
MAX_STROKE = 3.0  # a 10 px outline would fill a 16 px swatch; the legend caps it
MIN_MARKER = 11.0  # px


def paint_symbol(painter: QPainter, rect: QRectF, symbol: Symbol, polygon: bool) -> None:
    """Draw ``symbol`` into ``rect``: a square patch for area layers, a centred marker for points."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = min(symbol.stroke_width, MAX_STROKE)
    pen = QPen(QColor(symbol.stroke), width) if width > 0 else QPen(Qt.PenStyle.NoPen)
    painter.setPen(pen)
    fill = QColor(symbol.fill)
    if polygon:
        fill.setAlphaF(symbol.fill_alpha)
        painter.setBrush(fill)
        inset = max(width / 2, 0.5) + 1
        painter.drawRect(rect.adjusted(inset, inset, -inset, -inset))
    else:
        painter.setBrush(fill)
        # a 4 px marker is a dot nobody can tell the colour of: legends show at least MIN_MARKER
        radius = min(max(symbol.size, MIN_MARKER), rect.height() - 2, rect.width() - 2) / 2
        painter.drawEllipse(QPointF(rect.center()), radius, radius)
    painter.restore()


def symbol_pixmap(symbol: Symbol, polygon: bool, size: int = SWATCH, ratio: float = 1.0) -> QPixmap:
    """A transparent swatch of ``size`` logical pixels, sharp on high-dpi screens (``ratio``)."""
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_symbol(painter, QRectF(0, 0, size, size), symbol, polygon)
    painter.end()
    return pixmap


def symbol_icon(symbol: Symbol, polygon: bool, ratio: float = 1.0) -> QIcon:
    return QIcon(symbol_pixmap(symbol, polygon, SWATCH, ratio))


def is_polygon(layer: str) -> bool:
    return LAYERS[layer].is_polygon if layer in LAYERS else False
