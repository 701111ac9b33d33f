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
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen

from baytak_desktop.ui.paint import label_sprites as sprites

CELL = 64  # px: the collision grid's cell size
REPEAT_PX = 250.0  # a name kept from the last render is not placed again this close to itself


@dataclass(frozen=True)
class LabelStyle:
    font_px: float = 12.0
    colour: str = "#202020"
    halo: str = "#ffffff"
    halo_px: float = 3.0
    bold: bool = False
    italic: bool = False
    offset_px: float = 6.0  # from the anchor to the text's left edge (0: centred on the anchor; < 0: text on its left)


Claim = tuple[tuple[QRectF, ...], str | None]  # the boxes a label took, and its text when known


class _Placed(list[str]):
    """The texts placed, in order; appending a text names the claims taken since the last one (a name
    and the dot reserved under its place, the letters of a street): what a pan keeps reports them."""

    def __init__(self, placer: LabelPlacer) -> None:
        super().__init__()
        self._placer = placer

    def append(self, text: str) -> None:
        super().append(text)
        self._placer.name_claims(text)


class LabelPlacer:
    """Remembers the boxes already taken; a coarse grid keeps each test to a few boxes.

    After a pan (``known``: the part of the image the last render already judged, in this render's
    pixels) the labels kept from the last render are claimed first (``keep``) and a candidate that lies
    wholly in the known part is refused: it was placed then (and is kept) or refused then. Only the
    candidates reaching into the newly uncovered strips are tested, so labels never move on a pan and
    never overlap the kept ones."""

    def __init__(self, width: float, height: float, known: QRectF | None = None) -> None:
        self.width, self.height = width, height
        self.known = known
        self._cells: dict[tuple[int, int], list[QRectF]] = {}
        self.placed: list[str] = _Placed(self)  # the texts drawn, in the order they were placed (what tests read)
        self.claims: list[Claim] = []
        self._unnamed = 0  # claims at the end of ``claims`` not named yet
        # the names kept from the last render, at their boxes' centres: a strip does not repeat them nearby
        self.kept_texts: dict[str, list[QPointF]] = {}

    def _keys(self, box: QRectF) -> list[tuple[int, int]]:
        return [
            (cx, cy)
            for cx in range(int(box.left() // CELL), int(box.right() // CELL) + 1)
            for cy in range(int(box.top() // CELL), int(box.bottom() // CELL) + 1)
        ]

    def _free(self, box: QRectF) -> bool:
        if box.left() < 0 or box.top() < 0 or box.right() > self.width or box.bottom() > self.height:
            return False
        return not any(box.intersects(other) for key in self._keys(box) for other in self._cells.get(key, ()))

    def _claim(self, boxes: tuple[QRectF, ...], text: str | None = None) -> None:
        for box in boxes:
            for key in self._keys(box):
                self._cells.setdefault(key, []).append(box)
        self.claims.append((boxes, text))
        self._unnamed = 0 if text is not None else self._unnamed + 1

    def name_claims(self, text: str) -> None:
        for index in range(len(self.claims) - self._unnamed, len(self.claims)):
            self.claims[index] = (self.claims[index][0], text)
        self._unnamed = 0

    def _judged(self, boxes: list[QRectF]) -> bool:
        return self.known is not None and all(self.known.contains(box) for box in boxes)

    def judged(self, box: QRectF) -> bool:
        """Whether ``box`` lies wholly in the part the last render judged (a pan): refused at once."""
        return self.known is not None and self.known.contains(box)

    def keep(self, claims: list[Claim], dx: float, dy: float) -> None:
        """Claim again the labels of the last render moved by (-dx, -dy) (a pan), those still in view."""
        view = QRectF(0, 0, self.width, self.height)
        for boxes, text in claims:
            moved = tuple(box.translated(-dx, -dy) for box in boxes)
            if any(box.intersects(view) for box in moved):
                self._claim(moved, text)
                if text is not None:
                    self.kept_texts.setdefault(text, []).append(moved[0].center())
                    list.append(self.placed, text)

    def repeats(self, text: str, box: QRectF) -> bool:
        """Whether ``text`` is a name kept from the last render close to ``box`` (a lake or a town named
        at another point of itself when the view moved): not placed again there."""
        centre = box.center()
        return any(
            abs(centre.x() - at.x()) + abs(centre.y() - at.y()) < REPEAT_PX for at in self.kept_texts.get(text, ())
        )

    def take(self, box: QRectF) -> bool:
        """Claim ``box`` if it is on the image and free; returns whether it was claimed."""
        if self._judged([box]) or not self._free(box):
            return False
        self._claim((box,))
        return True

    def take_all(self, boxes: list[QRectF]) -> bool:
        """Claim every box (the letters of a name along a curve, a shield) if all are free, else none."""
        if self._judged(boxes) or not all(self._free(box) for box in boxes):
            return False
        self._claim(tuple(boxes))
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
    anchors: list[tuple[float, float]] | None = None,
) -> int:
    """Draw ``(x, y, text)`` labels in the given (priority) order where they fit; returns how many.

    On screen each name is copied from its picture (``label_sprites``: measured and painted once per
    text and font). On paper the halo is an outline path and the glyphs are real text (``drawText``):
    in a PDF or SVG the names can be searched, selected and copied, with the font embedded. The texts
    drawn are appended to the placer's ``placed`` and to ``placed_texts`` when given (what a render
    reports it named), their anchors to ``anchors`` when given (where a place's dot goes)."""
    font = make_font(style, dpr)
    key = sprites.font_key(font)
    metrics = sprites.measure(font, key)
    offset = style.offset_px * dpr
    halo = style.halo_px * dpr
    texts: list[tuple[QPointF, str]] = []
    for x, y, text in labels:
        width = sprites.text_width(font, key, text)
        left = x + offset if offset > 0 else x + offset - width if offset < 0 else x - width / 2
        box = QRectF(left - halo, y - metrics.ascent / 2 - halo - 1, width + 2 * halo, metrics.ascent + 2 * halo)
        if placer.judged(box) or (placer.kept_texts and placer.repeats(text, box)) or not placer.take(box):
            continue
        if reserve_anchor:
            placer.take(QRectF(x - reserve_anchor, y - reserve_anchor, 2 * reserve_anchor, 2 * reserve_anchor))
        texts.append((QPointF(left, y + metrics.ascent / 2 - metrics.descent / 2), text))
        placer.placed.append(text)
        if placed_texts is not None:
            placed_texts.append(text)
        if anchors is not None:
            anchors.append((x, y))
    if not texts:
        return 0
    if sprites.raster_target(painter):
        for baseline, text in texts:
            sprites.draw_sprite(painter, baseline, sprites.sprite(font, key, text, style.colour, style.halo, halo))
    else:
        _draw_as_text(painter, texts, font, style, halo)
    return len(texts)


def _draw_as_text(
    painter: QPainter, texts: list[tuple[QPointF, str]], font: QFont, style: LabelStyle, halo: float
) -> None:
    """The halos as one outline path, then the glyphs as text (paper: searchable names)."""
    path = QPainterPath()
    for baseline, text in texts:
        path.addText(baseline, font, text)
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
