"""Legend swatches: a layer's symbol drawn small, the same way the map draws the layer (QtGui only).

A filled square with its outline for areas, a stroke for lines, a marker for points. The layer panel, the style dialog's
preview and the print legend all use these, so the three show the same swatch.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from baytak_desktop.layers.style import Symbol
from baytak_desktop.ui.i18n import shown_catalog
from baytak_desktop.ui.paint.draw import stroke_pen

SWATCH = 16  # px, the legend swatch at 96 dpi
MAX_STROKE = 3.0  # a 10 px outline would fill a 16 px swatch; the legend caps it
SWATCH_DASH = 1.5  # px: the unit of a dash pattern in a swatch, whatever the line's width
MAX_LINE = 5.0  # a line's swatch: wide enough to tell 2 px from 4 px rivers, narrow enough to show its bend
MIN_MARKER = 11.0  # px


def paint_symbol(painter: QPainter, rect: QRectF, symbol: Symbol, shape: str) -> None:
    """Draw ``symbol`` into ``rect``: a square patch for area layers (``shape`` "polygon"), a bent stroke
    for line layers ("line"), a centred marker for points ("point"; ``LayerSchema.shape``)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    width = min(symbol.stroke_width, MAX_STROKE)
    pen = QPen(QColor(symbol.stroke), width) if width > 0 else QPen(Qt.PenStyle.NoPen)
    painter.setPen(pen)
    fill = QColor(symbol.fill)
    if shape == "line":  # the line's own width (a wide one capped so the bend shows), colour and pattern
        width = min(max(symbol.stroke_width, 1.0), MAX_LINE)
        pen = stroke_pen(replace(symbol, stroke_width=width))
        if symbol.dash_pattern():  # dashes of a thin line's length, so that a swatch shows two or three
            pen.setDashPattern([step * SWATCH_DASH / width for step in symbol.dash_pattern()])
        else:
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        left, right, top, bottom = rect.left() + 2, rect.right() - 2, rect.top() + 3, rect.bottom() - 3
        painter.drawPolyline(
            [QPointF(left, bottom), QPointF(left + rect.width() * 0.4, top), QPointF(right, rect.center().y())]
        )
    elif shape == "polygon":
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


def symbol_pixmap(symbol: Symbol, shape: str, size: int = SWATCH, ratio: float = 1.0) -> QPixmap:
    """A transparent swatch of ``size`` logical pixels, sharp on high-dpi screens (``ratio``)."""
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_symbol(painter, QRectF(0, 0, size, size), symbol, shape)
    painter.end()
    return pixmap


def symbol_icon(symbol: Symbol, shape: str, ratio: float = 1.0) -> QIcon:
    return QIcon(symbol_pixmap(symbol, shape, SWATCH, ratio))


def shape_of(layer: str) -> str:
    """How ``layer`` of the store shown is drawn in a legend (a layer it lacks: as points)."""
    schema = shown_catalog().get(layer)
    return schema.shape if schema is not None else "point"
