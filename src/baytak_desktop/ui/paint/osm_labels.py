"""The names of an OpenStreetMap basemap, drawn in the overlay above imagery and data.

Settlements, lakes, route numbers in shields and street names along their streets, all placed by the
overlay's one placer so that no two names collide. The features come from ``label_cache`` (read once
for a neighbourhood of the view); the basemap's drawing itself is ``osm``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter, QPen, QTransform

from baytak_desktop.basemap import osm_style as style
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint import label_sprites as sprites
from baytak_desktop.ui.paint.label_cache import NamedFeatures, label_features
from baytak_desktop.ui.paint.labels import LabelPlacer, LabelStyle, draw_labels, make_font
from baytak_desktop.ui.paint.osm import view_scale

NAMED = ("osm_places", "osm_water")
SHIELD_REACH_PX = 80.0  # from a road to the far edge of a shield on it (half the widest route number's box)
WATER_NAME_MIN_PX = 70.0
STREET_FONT_PX = (10.5, 11.5)  # at 1:20,000 and at 1:5,000
STREET_TEXT = "#3c3c3c"


# -- names (drawn in the overlay) -------------------------------------------------------------------------
def paint_osm_labels(
    painter: QPainter, placer: LabelPlacer, path: Path, view: View, language: str, placed: list[str]
) -> None:
    """Settlements (cities first, then towns, villages...; bigger population first within a rank), the
    names of lakes wide enough on screen, the route numbers of the main roads in shields, then from
    1:50,000 on street names along their streets; each only where it overlaps no name already placed."""
    if not Path(path).exists():
        return
    scale = view_scale(view)
    streets = style.band(scale) >= 2
    features = label_features(path, view.lonlat_bbox(), scale, language, (*NAMED, "osm_roads"))
    places = features.get("osm_places")
    if places is not None and len(places):
        _place_labels(painter, placer, places, view, scale, placed)
    water = features.get("osm_water")
    if water is not None and len(water):
        _water_labels(painter, placer, water, view, placed)
    roads = features.get("osm_roads")
    if roads is not None and len(roads):
        _shields(painter, placer, roads, view, scale, language, placed)
        if streets:
            _street_labels(painter, placer, roads, view, scale, placed)


def _place_labels(
    painter: QPainter, placer: LabelPlacer, places: NamedFeatures, view: View, scale: float, placed: list[str]
) -> None:
    named = places.named
    if not named.any():
        return
    ranks = places.ranks[named]
    coords = shapely.get_coordinates(shapely.centroid(places.geometries[named]))
    xs, ys = view.scene_pixels(coords[:, 0], coords[:, 1])
    labels = places.labels[named]
    order = np.lexsort((labels.astype(str), ranks))
    dots = style.band(scale) <= 1  # at 1:100,000 and smaller a village is a dot with its name
    for rank in np.unique(ranks).tolist():
        size, bold = style.place_font(rank)
        look = LabelStyle(size, style.PLACE_TEXT, style.PLACE_HALO, 2.5, bold=bold, offset_px=5.0 if dots else 0.0)
        chosen = [i for i in order.tolist() if ranks[i] == rank]
        radius = (3.0 if rank <= 1 else 2.2) * view.dpr
        entries = [(float(xs[i]), float(ys[i]), str(labels[i])) for i in chosen]
        shown: list[tuple[float, float]] = []  # one call per rank: a font and its metrics made once
        draw_labels(painter, placer, entries, look, view.dpr, radius + 1 if dots else 0.0, placed, shown)
        if dots and shown:
            painter.setPen(QPen(QColor("#ffffff"), 1.2 * view.dpr))
            painter.setBrush(QColor("#3a3a3a"))
            for x, y in shown:
                painter.drawEllipse(QPointF(x, y), radius, radius)


def _water_labels(painter: QPainter, placer: LabelPlacer, water: NamedFeatures, view: View, placed: list[str]) -> None:
    named = water.named
    if not named.any():
        return
    pixels = paint.to_pixel_geometries(water.geometries[named], view, projected=True)
    visible = shapely.clip_by_rect(pixels, 0, 0, view.width, view.height)
    bounds = shapely.bounds(visible)
    widths = np.nan_to_num(bounds[:, 2] - bounds[:, 0])
    entries = []
    for row in np.argsort(-widths).tolist():
        if widths[row] < WATER_NAME_MIN_PX * view.dpr:
            break
        point = shapely.point_on_surface(visible[row])
        entries.append((point.x, point.y, str(water.labels[named][row])))
    look = LabelStyle(12.0, style.WATER_TEXT, style.WATER_HALO, 2.0, italic=True, offset_px=0.0)
    draw_labels(painter, placer, entries, look, view.dpr, placed_texts=placed)


# -- route numbers in shields -------------------------------------------------------------------------------
def _shields(
    painter: QPainter,
    placer: LabelPlacer,
    roads: NamedFeatures,
    view: View,
    scale: float,
    language: str,
    placed: list[str],
) -> None:
    """Each route number in a small box on its road, major classes first, one per ``SHIELD_SPACING_PX``
    of the route on screen (at most ``SHIELD_MAX_PER_REF``), never over another label."""
    if roads.refs is None:
        return
    rank_of = {name: i for i, name in enumerate(style.ROAD_ORDER)}
    shield_ranks = [rank_of[name] for name in style.SHIELD_CLASSES[style.band(scale)]]
    # a road shorter on screen than a shield needs (at most its length in the scene) carries none
    has_ref = roads.numbered & np.isin(roads.ranks, shield_ranks) & (roads.lengths / view.res >= 40 * view.dpr)
    has_ref &= _beyond_known(roads.boxes, view, placer, SHIELD_REACH_PX * view.dpr)
    if not has_ref.any():
        return
    indices = np.flatnonzero(has_ref)
    pixels = shapely.clip_by_rect(
        paint.to_pixel_geometries(roads.geometries[indices], view, projected=True), 0, 0, view.width, view.height
    )
    lengths = shapely.length(pixels)
    ranks = roads.ranks[indices]
    font = make_font(LabelStyle(style.SHIELD_FONT_PX, bold=True), view.dpr)
    metrics = QFontMetricsF(font)
    pad_x, pad_y = 3.0 * view.dpr, 1.5 * view.dpr
    drawn: dict[str, list[tuple[float, float]]] = {}
    boxes: list[tuple[QRectF, str, str]] = []  # (box, text, class)
    for row in np.lexsort((-lengths, -ranks)).tolist():
        text = style.shield_text(str(roads.refs[indices[row]]), language)
        if not text or lengths[row] < 40 * view.dpr:
            continue
        road_class = str(roads.classes[indices[row]])
        width = metrics.horizontalAdvance(text) + 2 * pad_x
        height = metrics.ascent() + metrics.descent() + 2 * pad_y
        spacing = style.SHIELD_SPACING_PX * view.dpr
        for part in shapely.get_parts(pixels[row]):
            if part.length < 40 * view.dpr:
                continue
            for fraction in (0.5, 0.3, 0.7, 0.15, 0.85):  # the middle, else aside of a junction or a name
                shown = drawn.setdefault(text, [])
                if len(shown) >= style.SHIELD_MAX_PER_REF:
                    break
                point = part.interpolate(fraction, normalized=True)
                if any(math.hypot(x - point.x, y - point.y) < spacing for x, y in shown):
                    continue
                box = QRectF(point.x - width / 2, point.y - height / 2, width, height)
                if not placer.take_all([box.adjusted(-2, -2, 2, 2)]):
                    continue
                shown.append((point.x, point.y))
                boxes.append((box, text, road_class))
                if text not in placed:
                    placed.append(text)
                    placer.placed.append(text)
    if not boxes:
        return
    painter.save()
    painter.setFont(font)
    for box, text, road_class in boxes:
        look = style.ROADS[road_class]
        painter.setPen(QPen(QColor(look.casing or style.SHIELD_TEXT), 1.0 * view.dpr))
        painter.setBrush(QColor(look.colour))
        painter.drawRoundedRect(box, 2.0 * view.dpr, 2.0 * view.dpr)
        painter.setPen(QColor(style.SHIELD_TEXT))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
    painter.restore()


# -- street names along their streets -------------------------------------------------------------------------
MAX_TURN_PER_LETTER = 20.0  # degrees between neighbouring letters: more reads as a broken name
MAX_TURN_IN_NAME = 45.0  # degrees from the first letter to the last: more wraps the name round a corner


@dataclass(frozen=True)
class _Glyph:
    transform: QTransform  # from the letter's frame (its baseline centre at 0, 0) to the image
    text: str
    x: float  # the letter's baseline start in its frame
    y: float


def _street_labels(
    painter: QPainter, placer: LabelPlacer, roads: NamedFeatures, view: View, scale: float, placed: list[str]
) -> None:
    """Each street's name once, letter by letter along the street's curve (turned to read left to
    right), where the street bends gently enough under it; bigger roads first. Every letter's turned
    box is claimed in the placer, so a name never crosses another. The letters are real text."""
    size = STREET_FONT_PX[0] if style.band(scale) < 3 else STREET_FONT_PX[1]
    look = LabelStyle(size, STREET_TEXT, style.PLACE_HALO, 2.0)
    font = make_font(look, view.dpr)
    key = sprites.font_key(font)
    metrics = QFontMetricsF(font)
    halo = look.halo_px * view.dpr
    # a street is at most as long on screen as in the scene: one shorter than its name (and 12 px)
    # cannot carry it, nor can one lying where the last render judged (a pan): both set aside first
    reach = roads.lengths / view.res
    rows = np.flatnonzero(roads.named & (roads.ranks >= style.ROAD_ORDER.index("service")) & (reach >= 12))
    letter_reach = metrics.maxWidth() + metrics.ascent() + 2 * halo  # from the street to a letter's far corner
    rows = rows[_beyond_known(roads.boxes[rows], view, placer, letter_reach)]
    widths = {text: sprites.text_width(font, key, text) for text in set(roads.labels[rows].tolist())}
    need = np.array([widths[text] + 12 for text in roads.labels[rows]], dtype=np.float64).reshape(-1)
    indices = rows[reach[rows] >= need]
    if not len(indices):
        return
    pixels = paint.to_pixel_geometries(roads.geometries[indices], view, projected=True)
    lengths = shapely.length(pixels)
    order = np.lexsort((-lengths, -roads.ranks[indices]))
    glyphs: list[_Glyph] = []
    done: set[str] = set()
    for row in order.tolist():
        text = str(roads.labels[indices[row]])
        if text in done:
            continue
        if lengths[row] < widths[text] + 12:  # most pieces of a street are shorter than its name
            continue
        letters = _along(pixels[row], lengths[row], text, metrics, halo, placer)
        if letters is None:
            continue
        glyphs.extend(letters)
        done.add(text)
        placed.append(text)
        placer.placed.append(text)
    if not glyphs:
        return
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base = painter.transform()
    halo_colour = QColor(look.halo)
    for glyph in glyphs:  # every halo under every letter: a halo never covers the letter before
        painter.setTransform(glyph.transform * base)
        painter.fillPath(sprites.letter_halo(font, key, glyph.text, QPointF(glyph.x, glyph.y), halo), halo_colour)
    painter.setFont(font)
    painter.setPen(QColor(look.colour))
    for glyph in glyphs:
        painter.setTransform(glyph.transform * base)
        painter.drawText(QPointF(glyph.x, glyph.y), glyph.text)
    painter.setTransform(base)
    painter.restore()


def _along(
    line: shapely.Geometry, length: float, text: str, metrics: QFontMetricsF, halo: float, placer: LabelPlacer
) -> list[_Glyph] | None:
    """The letters of ``text`` set along ``line`` (pixels): centred on the middle, else a third of the way
    along either side, where the line bends no more than a name can follow; claimed in the placer."""
    if line.geom_type != "LineString":
        return None
    stops = np.array([metrics.horizontalAdvance(text[:i]) for i in range(len(text) + 1)])
    width = float(stops[-1])
    if length < width + 12:
        return None
    ascent, baseline = metrics.ascent(), metrics.ascent() / 2 - metrics.descent() / 2
    for fraction in (0.5, 0.33, 0.67):
        start = fraction * length - width / 2
        if start < 0 or start + width > length:
            continue
        first, last = line.interpolate(start), line.interpolate(start + width)
        if last.x < first.x:  # the street runs right to left here: set the name from its other end
            along, start = shapely.reverse(line), length - start - width
        else:
            along = line
        centres = start + (stops[:-1] + stops[1:]) / 2
        ahead = shapely.line_interpolate_point(along, np.minimum(centres + 2.5, length))
        behind = shapely.line_interpolate_point(along, np.maximum(centres - 2.5, 0))
        at = shapely.get_coordinates(shapely.line_interpolate_point(along, centres))
        a, b = shapely.get_coordinates(ahead), shapely.get_coordinates(behind)
        angles = np.degrees(np.arctan2(a[:, 1] - b[:, 1], a[:, 0] - b[:, 0]))
        turns = (np.diff(angles) + 180) % 360 - 180
        if len(turns) and (np.abs(turns).max() > MAX_TURN_PER_LETTER or abs(turns.sum()) > MAX_TURN_IN_NAME):
            continue
        if np.abs((angles + 180) % 360 - 180).max() > 100:  # upside down letters somewhere on the way
            continue
        letters, boxes = [], []
        for i, ch in enumerate(text):
            advance = float(stops[i + 1] - stops[i])
            turn = QTransform().translate(float(at[i, 0]), float(at[i, 1])).rotate(float(angles[i]))
            letters.append(_Glyph(turn, ch, -advance / 2, baseline))
            if not ch.isspace():
                boxes.append(
                    turn.mapRect(QRectF(-advance / 2 - halo, -ascent / 2 - halo, advance + 2 * halo, ascent + 2 * halo))
                )
        if placer.take_all(boxes):
            return letters
    return None


def _beyond_known(boxes: np.ndarray, view: View, placer: LabelPlacer, margin: float) -> np.ndarray:
    """Which features (scene bounds ``boxes``) could carry a name reaching ``margin`` pixels beyond
    them outside the part of the view the last render judged (a pan): all without one."""
    known = placer.known
    if known is None or not len(boxes):
        return np.ones(len(boxes), dtype=bool)
    left = (boxes[:, 0] - view.x0) / view.res - margin
    top = (boxes[:, 1] - view.y0) / view.res - margin
    right = (boxes[:, 2] - view.x0) / view.res + margin
    bottom = (boxes[:, 3] - view.y0) / view.res + margin
    inside = (left > known.left()) & (top > known.top()) & (right < known.right()) & (bottom < known.bottom())
    return ~inside
