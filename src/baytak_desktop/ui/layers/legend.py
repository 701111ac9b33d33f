"""The legend widget: a swatch and a label per entry of ``layers.style.legend_entries``.

The entries (label in the UI language, symbol) come from the domain, so the panel, the style dialog's
preview and a print layout show the same legend; the swatches are painted by ``ui.paint.symbols``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from baytak_desktop.layers.style import LayerStyle, Symbol, legend_entries
from baytak_desktop.ui.i18n import current_language, layer_title, shown_catalog
from baytak_desktop.ui.paint.symbols import SWATCH, paint_symbol, shape_of


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
        return legend_entries(self._style, current_language(), layer_title(self._style.layer), shown_catalog())

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
        shape = shape_of(self._style.layer)
        row = self._row_height()
        for i, (label, symbol) in enumerate(self.entries()):
            top = 2 + i * row
            paint_symbol(painter, QRectF(2, top + (row - SWATCH) / 2, SWATCH, SWATCH), symbol, shape)
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
