"""Names drawn on screen from small pictures made once per text: the halo and the glyphs together.

Stroking a name's outline for its halo is most of what a label costs on screen (about a millisecond a
name: Qt's stroker widens every curve of every glyph), and the same names come back on every pan and
zoom. So each text is measured once per font, and the first time it is drawn its halo and glyphs are
painted into a small transparent image that later renders copy (a few microseconds). Only for a raster
target (the screen's render workers, PNG exhibits): on paper (PDF, SVG) the glyphs stay real text, so
names can be searched and copied. The caches are shared by the render threads (one lock) and bounded.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QTransform,
)

FontKey = str  # QFont.key(): family, size, weight, style (the app's font may differ by language)
SPRITE_BYTES = 24 * 1024 * 1024  # the sprites kept, about (a dense town at three zooms needs a few MB)
WIDTHS_KEPT = 50_000  # measured texts kept
HALOS_KEPT = 4_000  # letters' halo outlines kept (an alphabet or two in a few fonts)


@dataclass(frozen=True)
class Measure:
    """A font's vertical metrics, in device pixels."""

    ascent: float
    descent: float


@dataclass(frozen=True)
class Sprite:
    """A name's halo and glyphs; the text's baseline starts at ``origin`` in ``image``."""

    image: QImage
    origin: QPoint


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.measures: dict[FontKey, Measure] = {}
        self.widths: OrderedDict[tuple[FontKey, str], float] = OrderedDict()
        self.sprites: OrderedDict[tuple[object, ...], Sprite] = OrderedDict()
        self.sprite_bytes = 0
        self.halos: OrderedDict[tuple[object, ...], QPainterPath] = OrderedDict()


_cache = _Cache()


def font_key(font: QFont) -> FontKey:
    return font.key()


def raster_target(painter: QPainter) -> bool:
    """Whether ``painter`` paints pixels one to one (a QImage, moved at most): sprites look the same there."""
    return (
        isinstance(painter.device(), QImage)
        and painter.worldTransform().type().value <= QTransform.TransformationType.TxTranslate.value
    )


def measure(font: QFont, key: FontKey) -> Measure:
    with _cache.lock:
        found = _cache.measures.get(key)
    if found is None:
        metrics = QFontMetricsF(font)
        found = Measure(metrics.ascent(), metrics.descent())
        with _cache.lock:
            _cache.measures[key] = found
    return found


def text_width(font: QFont, key: FontKey, text: str) -> float:
    """The advance of ``text`` in ``font``, measured once."""
    with _cache.lock:
        width = _cache.widths.get((key, text))
    if width is None:
        width = QFontMetricsF(font).horizontalAdvance(text)
        with _cache.lock:
            _cache.widths[(key, text)] = width
            while len(_cache.widths) > WIDTHS_KEPT:
                _cache.widths.popitem(last=False)
    return width


def sprite(font: QFont, key: FontKey, text: str, colour: str, halo: str, halo_px: float) -> Sprite:
    """The name ``text`` with its halo (``halo_px`` device pixels wide), painted once."""
    sprite_key = (key, text, colour, halo, halo_px)
    with _cache.lock:
        found = _cache.sprites.get(sprite_key)
        if found is not None:
            _cache.sprites.move_to_end(sprite_key)
            return found
    made = _paint_sprite(font, measure(font, key), text_width(font, key, text), text, colour, halo, halo_px)
    with _cache.lock:
        if sprite_key not in _cache.sprites:
            _cache.sprites[sprite_key] = made
            _cache.sprite_bytes += made.image.sizeInBytes()
        while _cache.sprite_bytes > SPRITE_BYTES and len(_cache.sprites) > 1:
            _cache.sprite_bytes -= _cache.sprites.popitem(last=False)[1].image.sizeInBytes()
    return made


def _paint_sprite(
    font: QFont, metrics: Measure, width: float, text: str, colour: str, halo: str, halo_px: float
) -> Sprite:
    pad = math.ceil(halo_px) + 1
    origin = QPoint(pad, pad + math.ceil(metrics.ascent))
    size = (math.ceil(width) + 2 * pad, math.ceil(metrics.ascent) + math.ceil(metrics.descent) + 2 * pad)
    image = QImage(*size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        path = QPainterPath()
        path.addText(QPointF(origin), font, text)
        pen = QPen(QColor(halo), 2 * halo_px, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.strokePath(path, pen)
        painter.setFont(font)
        painter.setPen(QColor(colour))
        painter.drawText(QPointF(origin), text)
    finally:
        painter.end()
    return Sprite(image, origin)


def letter_halo(font: QFont, key: FontKey, letter: str, at: QPointF, halo_px: float) -> QPainterPath:
    """The outline of ``letter``'s halo (``halo_px`` wide) with its baseline start at ``at``: a street
    name's letters are each turned their own way, so their halos are filled one by one from outlines
    made once (filling is cheap; widening a letter's curves into its halo is not, nor is one path
    of every letter on the map: its rasterising grows with its size)."""
    halo_key = (key, letter, at.x(), at.y(), halo_px)
    with _cache.lock:
        found = _cache.halos.get(halo_key)
    if found is None:
        path = QPainterPath()
        path.addText(at, font, letter)
        stroker = QPainterPathStroker(
            QPen(
                QColor(0, 0, 0), 2 * halo_px, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
            )
        )
        found = stroker.createStroke(path)
        with _cache.lock:
            _cache.halos[halo_key] = found
            while len(_cache.halos) > HALOS_KEPT:
                _cache.halos.popitem(last=False)
    return found


def draw_sprite(painter: QPainter, baseline: QPointF, made: Sprite) -> None:
    """Copy ``made`` so that its text's baseline starts at ``baseline`` (rounded to a whole pixel)."""
    painter.drawImage(QPoint(round(baseline.x()) - made.origin.x(), round(baseline.y()) - made.origin.y()), made.image)


def forget() -> None:
    """Drop every measure and sprite (tests)."""
    with _cache.lock:
        _cache.measures.clear()
        _cache.widths.clear()
        _cache.sprites.clear()
        _cache.sprite_bytes = 0
        _cache.halos.clear()


def counts() -> tuple[int, int]:
    """How many texts are measured and how many sprites kept (tests)."""
    with _cache.lock:
        return len(_cache.widths), len(_cache.sprites)
