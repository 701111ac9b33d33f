"""Legend swatches and a legend widget, drawn from ``layers.style.legend_entries``.

The entries (label in the UI language, symbol) come from the domain, so the panel, the style dialog's
preview and a print layout show the same legend; this module only paints them. A swatch is drawn the
way the map draws the layer: a filled square with its outline for areas, a marker for points.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import LayerStyle, Symbol, legend_entries
from baytak_desktop.ui.i18n import current_language, layer_title

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


class LegendWidget(QWidget):
    """The legend of one style: a swatch and a label per entry, in the UI language.

    Relabels itself on ``LanguageChange``; used as the style dialog's live preview and wherever a
    legend is shown outside the layer list.
    """

    def __init__(self, style: LayerStyle | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._style = style
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_style(self, style: LayerStyle | None) -> None:
        if style != self._style:
            self._style = style
            self.updateGeometry()
            self.update()

    def entries(self) -> list[tuple[str, Symbol]]:
        if self._style is None:
            return []
        return legend_entries(self._style, current_language(), layer_title(self._style.layer))

    def _row_height(self) -> int:
        return max(SWATCH, self.fontMetrics().height()) + 4

    def sizeHint(self) -> QSize:
        entries = self.entries()
        text_width = max((self.fontMetrics().horizontalAdvance(label) for label, _ in entries), default=0)
        return QSize(SWATCH + 12 + text_width, max(1, len(entries)) * self._row_height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(SWATCH * 3, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._style is None:
            return
        painter = QPainter(self)
        polygon = is_polygon(self._style.layer)
        row = self._row_height()
        for i, (label, symbol) in enumerate(self.entries()):
            top = 2 + i * row
            paint_symbol(painter, QRectF(2, top + (row - SWATCH) / 2, SWATCH, SWATCH), symbol, polygon)
            text_rect = QRectF(SWATCH + 8, top, self.width() - SWATCH - 10, row)
            painter.setPen(self.palette().color(self.foregroundRole()))
            elided = self.fontMetrics().elidedText(label, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.updateGeometry()
            self.update()
        super().changeEvent(event)
