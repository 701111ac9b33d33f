"""Labels with halos that never overlap, placed greedily in priority order.

A label is text beside an anchor point. The most important labels (a capital, a big town, the first
features) are placed first; a label whose box would overlap one already placed is skipped, so the map
stays readable at every zoom instead of turning into a smear of text. The halo (a pale outline around
the glyphs) keeps names readable over water, borders and data. Works in a worker thread (QPainter on
a QImage, text included, is thread-safe in Qt).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

CELL = 64  # px: the collision grid's cell size


@dataclass(frozen=True)
class LabelStyle:
    font_px: float = 12.0
    colour: str = "#202020"
    halo: str = "#ffffff"
    halo_px: float = 3.0
    bold: bool = False
    italic: bool = False
    offset_px: float = 6.0  # from the anchor to the text's left edge (0: centred on the anchor; < 0: text on its left)


class LabelPlacer:
    """Remembers the boxes already taken; a coarse grid keeps each test to a few boxes."""

    def __init__(self, width: float, height: float) -> None:
        self.width, self.height = width, height
        self._cells: dict[tuple[int, int], list[QRectF]] = {}
        self.placed: list[str] = []  # the texts drawn, in the order they were placed (what tests read)

    def _keys(self, box: QRectF) -> list[tuple[int, int]]:
        return [
            (cx, cy)
            for cx in range(int(box.left() // CELL), int(box.right() // CELL) + 1)
            for cy in range(int(box.top() // CELL), int(box.bottom() // CELL) + 1)
        ]

    def take(self, box: QRectF) -> bool:
        """Claim ``box`` if it is on the image and free; returns whether it was claimed."""
        if box.left() < 0 or box.top() < 0 or box.right() > self.width or box.bottom() > self.height:
            return False
        keys = self._keys(box)
        if any(box.intersects(other) for key in keys for other in self._cells.get(key, ())):
            return False
        for key in keys:
            self._cells.setdefault(key, []).append(box)
        return True

    def take_all(self, boxes: list[QRectF]) -> bool:
        """Claim every box (the letters of a name along a curve, a shield) if all are free, else none."""
        for box in boxes:
            if box.left() < 0 or box.top() < 0 or box.right() > self.width or box.bottom() > self.height:
                return False
            if any(box.intersects(other) for key in self._keys(box) for other in self._cells.get(key, ())):
                return False
        for box in boxes:
            for key in self._keys(box):
                self._cells.setdefault(key, []).append(box)
        return True


def make_font(style: LabelStyle, dpr: float) -> QFont:
    font = QFont()
    font.setPixelSize(max(1, round(style.font_px * dpr)))
    font.setBold(style.bold)
    font.setItalic(style.italic)
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    for tag in ("liga", "clig"):  # no "ﬂ" glyph: a PDF search for "outflow" must find the label
        font.setFeature(QFont.Tag(tag), 0)
    return font


def draw_labels(
    painter: QPainter,
    placer: LabelPlacer,
    labels: list[tuple[float, float, str]],
    style: LabelStyle,
    dpr: float,
    reserve_anchor: float = 0.0,
    placed_texts: list[str] | None = None,
) -> int:
    """Draw ``(x, y, text)`` labels in the given (priority) order where they fit; returns how many.

    The halo is an outline path, the glyphs are real text (``drawText``): in a PDF or SVG the names can
    be searched, selected and copied, with the font embedded. The texts drawn are appended to the
    placer's ``placed`` and to ``placed_texts`` when given (what a render reports it named)."""
    font = make_font(style, dpr)
    metrics = QFontMetricsF(font)
    offset = style.offset_px * dpr
    halo = style.halo_px * dpr
    path = QPainterPath()
    texts: list[tuple[QPointF, str]] = []
    for x, y, text in labels:
        width = metrics.horizontalAdvance(text)
        left = x + offset if offset > 0 else x + offset - width if offset < 0 else x - width / 2
        box = QRectF(left - halo, y - metrics.ascent() / 2 - halo - 1, width + 2 * halo, metrics.ascent() + 2 * halo)
        if not placer.take(box):
            continue
        if reserve_anchor:
            placer.take(QRectF(x - reserve_anchor, y - reserve_anchor, 2 * reserve_anchor, 2 * reserve_anchor))
        baseline = QPointF(left, y + metrics.ascent() / 2 - metrics.descent() / 2)
        path.addText(baseline, font, text)
        texts.append((baseline, text))
        placer.placed.append(text)
        if placed_texts is not None:
            placed_texts.append(text)
    if texts:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        halo_pen = QPen(
            QColor(style.halo), 2 * halo, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
        painter.strokePath(path, halo_pen)
        painter.setFont(font)
        painter.setPen(QColor(style.colour))
        for baseline, text in texts:
            painter.drawText(baseline, text)
        painter.restore()
    return len(texts)
