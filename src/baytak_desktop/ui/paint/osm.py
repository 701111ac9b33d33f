"""Drawing an OpenStreetMap basemap (``baytak basemap add``) for one view: on a render worker, or on paper.

What is drawn comes from ``mapdata.osm_tiles`` on screen (the rows whose ``max_scale`` reaches the
view's scale, generalised copies at small scales, read once per tile and kept projected, their lines
flattened) and from ``basemap.osm_view.read_features`` on paper; how it looks from
``basemap.osm_style`` (OSM-Carto's colours, widths by scale band). The order is the cartographer's:
land cover, protected areas, water, buildings, then roads (every casing under every fill, minor
classes under major ones, so junctions join cleanly), railways on top. Each class of lines is drawn
as one array of segments (dashes laid out in numpy): a few calls per class rather than one per line.
Names are not drawn here but in the overlay (``paint_osm_labels``), with the same placer as the other
names, above imagery and data, so no two labels collide.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QTransform

from baytak_desktop.basemap import osm_style as style
from baytak_desktop.basemap.osm_view import BasemapMissing, FeatureSet
from baytak_desktop.mapdata import osm_tiles as tiles
from baytak_desktop.mapdata.pan import pan_offset, uncovered
from baytak_desktop.mapdata.projection import View, scale_denominator, to_lonlat
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.label_cache import label_features
from baytak_desktop.ui.paint.labels import LabelPlacer, LabelStyle, draw_labels, make_font
from baytak_desktop.ui.paint.layer import Rendered, Stale

DRAWN = (
    "osm_landcover",
    "osm_protected",
    "osm_water",
    "osm_waterways",
    "osm_buildings",
    "osm_roads",
    "osm_railways",
)
NAMED = ("osm_places", "osm_water")
RAIL_ORDER = ("tram", "rail")  # rails over tram lines
MARGIN_PX = 16  # roads just outside the view still reach in with their casing
WATER_NAME_MIN_PX = 70.0
STREET_FONT_PX = (10.5, 11.5)  # at 1:20,000 and at 1:5,000
STREET_TEXT = "#3c3c3c"
_Key = tuple[str, int, int, str]  # the basemap's path, inode and modification time, and the language
# Each render worker's last picture per basemap (what its next pan reuses), by thread id: a pool
# thread's Python state, and with it a threading.local, is dropped after every job it runs
_Picture = tuple[_Key, View, QImage, int, float]  # what it shows, where, the image, features, scale
_pictures: dict[tuple[int, str], list[_Picture]] = {}
_pictures_lock = threading.Lock()
_PICTURES_KEPT = 8
# pictures kept per thread and basemap, the newest first: the one before the last is what a zoom back
# out (or in) returns to, drawn again by a copy
_PICTURES_PER_BASEMAP = 2


@dataclass(frozen=True)
class OsmJob:
    path: Path
    language: str = "en"


def view_scale(view: View) -> float:
    """The view's scale denominator at its centre (1:N on a 96 dpi screen)."""
    _, lat = to_lonlat((view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2)
    return scale_denominator(view.res * view.dpr, lat)


def render_osm(job: OsmJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """The basemap's land cover, water, buildings, roads and railways under ``view``.

    A pan (the same resolution, moved by whole pixels) keeps what the last picture of this thread
    already shows and draws only the strips uncovered: the features there, read for the strips alone,
    painted with the whole view's transform and clipped to the strips, so the pixels are those a whole
    render gives, at a fraction of the cost (a pan of a quarter of the view draws a quarter). The two
    last pictures are kept: a zoom back to the view before is a copy."""
    if not Path(job.path).exists():
        raise BasemapMissing(path=str(job.path))
    scale = view_scale(view)
    status = Path(job.path).stat()
    key: _Key = (str(job.path), status.st_ino, status.st_mtime_ns, job.language)
    reused = _reusable(key, view)
    image = paint.new_image(view)
    painter = QPainter(image)
    try:
        if reused is None:
            features = tiles.CACHE.features(job.path, _scene_rect(view), scale, only=DRAWN)
            if stale():
                raise Stale()
            drawn = paint_osm(painter, features, view, scale, stale)
        else:
            # the strips are read at the picture's scale: a pan north moves the centre's scale a little,
            # and features at their scale limit must not show in one strip and not in the rest
            old, old_drawn, dx, dy, scale = reused
            target = QRectF(-dx, -dy, view.width, view.height)
            # onto a transparent image: copied as it is, not blended (a third of the time)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.drawImage(target, old, QRectF(0, 0, view.width, view.height))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            drawn = old_drawn
            for left, top, right, bottom in uncovered(view.width, view.height, dx, dy):
                strip = View(view.x0 + left * view.res, view.y0 + top * view.res, view.res, right - left, bottom - top)
                features = tiles.CACHE.features(job.path, _scene_rect(strip), scale, only=DRAWN)
                if stale():
                    raise Stale()
                painter.save()
                painter.setClipRect(QRectF(left, top, right - left, bottom - top))
                drawn += paint_osm(painter, features, view, scale, stale, within=(left, top, right, bottom))
                painter.restore()
    finally:
        painter.end()
    _remember(key, (key, view, image, drawn, scale))
    # the thread keeps its own, without the screen's pixel ratio, for the next pan: a copy that shares
    # the pixels (nothing paints on either again), made a copy of its own by Qt only when the ratio
    # differs (a 1600 x 1000 copy is a few ms a redraw)
    shown = QImage(image)
    shown.setDevicePixelRatio(view.dpr)
    return Rendered(shown if drawn else None, drawn)


def _scene_rect(view: View) -> tuple[float, float, float, float]:
    """The scene rectangle of ``view`` grown by ``MARGIN_PX``."""
    m = MARGIN_PX * view.res
    return view.x0 - m, view.y0 - m, view.x1 + m, view.y1 + m


def _remember(key: _Key, picture: _Picture) -> None:
    with _pictures_lock:
        kept = [p for p in _pictures.pop((threading.get_ident(), key[0]), []) if p[0] == key]
        _pictures[(threading.get_ident(), key[0])] = [picture, *kept][:_PICTURES_PER_BASEMAP]
        while len(_pictures) > _PICTURES_KEPT:  # the oldest first (threads the pool let go of)
            _pictures.pop(next(iter(_pictures)))


def forget_pictures() -> None:
    """Drop every kept picture (tests; a whole render follows)."""
    with _pictures_lock:
        _pictures.clear()


def _reusable(key: _Key, view: View) -> tuple[QImage, int, int, int, float] | None:
    """Of the last pictures of the same basemap and language on this thread, the one ``view`` is a pan
    of (or the very view: a zoom back to where the map was) that leaves least to draw, the
    whole-pixel offset (dx, dy) of ``view`` from it and the scale it was drawn at; None when there is
    none (a zoom to a new scale, a resize)."""
    with _pictures_lock:
        kept = list(_pictures.get((threading.get_ident(), key[0]), []))
    best = None
    for shown, old, image, drawn, scale in kept:
        offset = pan_offset(old, view) if shown == key else None
        if offset is None:
            continue
        left = abs(offset[0]) * view.height + abs(offset[1]) * view.width  # pixels to draw, about
        if best is None or left < best[0]:
            best = (left, (image, drawn, offset[0], offset[1], scale))
    return best[1] if best is not None else None


def paint_osm(
    painter: QPainter,
    features: dict[str, FeatureSet],
    view: View,
    scale: float,
    stale: Callable[[], bool] = lambda: False,
    within: tuple[int, int, int, int] | None = None,
) -> int:
    """Paint the features read for ``view`` (screen or page); returns how many were in view. ``within``:
    only this pixel rectangle (left, top, right, bottom) is drawn (a pan's strip, the painter clipped
    to it): the segments of lines far from it are left out (Qt would clip them away one by one)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    d = view.dpr
    count = sum(len(f) for f in features.values())
    _areas(painter, features.get("osm_landcover"), view, style.LANDCOVER, style.LANDCOVER_DEFAULT)
    protected = features.get("osm_protected")
    if protected is not None and len(protected):
        pixels = _pixels(protected, view)
        brush = QBrush(paint.qcolor(style.PROTECTED.fill, style.PROTECTED.fill_alpha))
        paint.draw_polygons(painter, pixels, np.zeros(len(pixels), np.int16), [QPen(Qt.PenStyle.NoPen)], [brush])
        width = style.PROTECTED_OUTLINE_PX[style.band(scale)] * d
        pen = QPen(paint.qcolor(style.PROTECTED.outline or style.PROTECTED.fill, 0.8), width, Qt.PenStyle.DashLine)
        paint.draw_lines(painter, shapely.boundary(pixels), [pen])
    _areas(painter, features.get("osm_water"), view, {}, style.WATER)
    if stale():
        raise Stale()
    waterways = tuple(style.WATERWAYS)
    waterway_lines = _segments(features.get("osm_waterways"), view, waterways)
    _lines(painter, waterway_lines, scale, d, style.WATERWAYS, waterways, within=within)
    smallest = style.BUILDING_MIN_BOX_PX[style.band(scale)] * d * d
    _areas(painter, features.get("osm_buildings"), view, {}, style.BUILDINGS, smallest)
    if stale():
        raise Stale()
    roads = _segments(features.get("osm_roads"), view, style.ROAD_ORDER)
    _lines(painter, roads, scale, d, style.ROADS, style.ROAD_ORDER, casing=True, within=within)
    _lines(painter, roads, scale, d, style.ROADS, style.ROAD_ORDER, within=within)
    railways = _segments(features.get("osm_railways"), view, RAIL_ORDER)
    _lines(painter, railways, scale, d, style.RAILWAYS, RAIL_ORDER, within=within)
    if railways is not None and style.band(scale) >= 1:
        first, last = int(railways.bounds[1]), int(railways.bounds[2])  # the class "rail"
        width = style.line_width(style.RAILWAYS["rail"], scale) * 0.45 * d
        painter.setPen(QPen(QColor(style.RAIL_TIES), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        ties = paint.dashes(railways.segments[first:last], railways.geometry[first:last], [6.0, 6.0], width)
        paint.draw_segments(painter, _near(ties, within))
    return count


def _pixels(features: FeatureSet, view: View, chosen: np.ndarray | None = None) -> np.ndarray:
    geometries = features.geometries if chosen is None else features.geometries[chosen]
    valid = ~shapely.is_missing(geometries)
    return paint.to_pixel_geometries(geometries[valid], view, projected=features.scene)


def _areas(
    painter: QPainter,
    features: FeatureSet | None,
    view: View,
    by_class: dict[str, style.AreaStyle],
    default: style.AreaStyle,
    smallest: float = 0.0,
) -> None:
    """Polygons filled by class; those smaller than a pixel and a half are left out (no dots of forest),
    and those whose box on screen is under ``smallest`` square pixels."""
    if features is None or not len(features):
        return
    names = [*by_class, "*"]
    index = {name: i for i, name in enumerate(names)}
    symbol = _codes(features.classes, index, len(names) - 1).astype(np.int16)
    looks = [*by_class.values(), default]
    pens = [QPen(QColor(s.outline), 0.6 * view.dpr) if s.outline else QPen(Qt.PenStyle.NoPen) for s in looks]
    brushes = [QBrush(paint.qcolor(s.fill, s.fill_alpha)) for s in looks]
    if features.flat is not None and features.flat.ring is not None:
        _flat_areas(painter, features, view, symbol, pens, brushes, smallest)
        return
    valid = ~shapely.is_missing(features.geometries)
    pixels = paint.to_pixel_geometries(features.geometries[valid], view, projected=features.scene)
    _, large = paint.split_small(pixels)
    if smallest > 0:
        bounds = shapely.bounds(pixels)
        large &= (bounds[:, 2] - bounds[:, 0]) * (bounds[:, 3] - bounds[:, 1]) >= smallest
    paint.draw_polygons(painter, pixels[large], symbol[valid][large], pens, brushes)


def _flat_areas(
    painter: QPainter,
    features: FeatureSet,
    view: View,
    symbol: np.ndarray,
    pens: list[QPen],
    brushes: list[QBrush],
    smallest: float = 0.0,
) -> None:
    """The polygons of a table read from the tiles (flattened in the scene, simplified for the level):
    moved to pixels with numpy, without shapely; only those far bigger than the view are clipped by
    shapely first (Qt misdraws coordinates millions of pixels away)."""
    flat = features.flat
    assert flat is not None and flat.ring is not None
    if not len(flat.coords):
        return
    pixels = (flat.coords - (view.x0, view.y0)) / view.res
    firsts = np.flatnonzero(np.r_[True, flat.feature[1:] != flat.feature[:-1]])  # each feature's first
    low, high = np.minimum.reduceat(pixels, firsts), np.maximum.reduceat(pixels, firsts)
    size = high - low
    small = (size[:, 0] < paint.DOT_BELOW_PX) & (size[:, 1] < paint.DOT_BELOW_PX)
    small |= size[:, 0] * size[:, 1] < smallest
    huge = (size[:, 0] > 2 * view.width) | (size[:, 1] > 2 * view.height)
    kept = np.zeros(len(features), dtype=bool)
    kept[flat.feature[firsts[~small & ~huge]]] = True
    chosen = kept[flat.feature]
    coords, ring, part, feature = pixels[chosen], flat.ring[chosen], flat.part[chosen], flat.feature[chosen]
    clipped = flat.feature[firsts[huge]]
    if len(clipped):
        shapes = paint.to_pixel_geometries(features.geometries[clipped], view, projected=True)
        more, offsets, ring_part, part_geom = paint.ring_arrays(shapes)
        counts = np.diff(offsets)
        their_ring = np.repeat(np.arange(len(counts)), counts)
        top_ring, top_part = int(ring.max(initial=-1)) + 1, int(part.max(initial=-1)) + 1
        coords = np.concatenate([coords, more])
        ring = np.concatenate([ring, their_ring + top_ring])
        part = np.concatenate([part, ring_part[their_ring] + top_part])
        feature = np.concatenate([feature, clipped[part_geom[ring_part[their_ring]]]])
        order = np.argsort(feature, kind="stable")  # the features' order, as drawn without the tiles
        coords, ring, part, feature = coords[order], ring[order], part[order], feature[order]
    paint.draw_flat_polygons(painter, coords, ring, part, symbol[feature], pens, brushes)


def _codes(classes: np.ndarray, code_of: dict[str, int], other: int) -> np.ndarray:
    """Each class's code (``other`` for a class not in ``code_of``): the dictionary's own lookup mapped
    over the array in C, a third of the time of a comprehension (tens of thousands of rows a render)."""
    return np.fromiter(map(code_of.get, classes, itertools.repeat(other, len(classes))), np.int64, len(classes))


@dataclass(frozen=True)
class _Segments:
    """A table's lines in pixels as straight segments, sorted by class (the order's index), near the view."""

    segments: np.ndarray  # (n, 4): x1, y1, x2, y2
    geometry: np.ndarray  # each segment's feature (the row in the table)
    bounds: np.ndarray  # where each class's segments start and end: class i is bounds[i]:bounds[i + 1]


def _segments(features: FeatureSet | None, view: View, order: tuple[str, ...]) -> _Segments | None:
    """The segments of the features of the classes in ``order``: projected and simplified once for the
    casings and the fills."""
    if features is None or not len(features):
        return None
    rank_of = {name: i for i, name in enumerate(order)}
    ranks = _codes(features.classes, rank_of, -1)
    chosen = np.flatnonzero((ranks >= 0) & ~shapely.is_missing(features.geometries))
    if not len(chosen):
        return None
    if features.flat is not None:  # flattened in the scene already: segments without a call per line
        flat = features.flat
        starts = np.flatnonzero((flat.part[1:] == flat.part[:-1]) & (ranks[flat.feature[:-1]] >= 0))
        segments = np.empty((len(starts), 4))
        segments[:, 0:2] = (flat.coords[starts] - (view.x0, view.y0)) / view.res
        segments[:, 2:4] = (flat.coords[starts + 1] - (view.x0, view.y0)) / view.res
        owner = flat.feature[starts]
    else:
        pixels = paint.to_pixel_geometries(features.geometries[chosen], view, projected=features.scene)
        segments, owner = paint.line_segments(pixels)
        owner = chosen[owner]
    near = paint.segments_near(segments, view.width, view.height)
    segments, geometry = segments[near], owner[near]
    segment_ranks = ranks[geometry]
    by_rank = np.argsort(segment_ranks, kind="stable")
    bounds = np.searchsorted(segment_ranks[by_rank], np.arange(len(order) + 1))
    return _Segments(segments[by_rank], geometry[by_rank], bounds)


def _lines(
    painter: QPainter,
    lines: _Segments | None,
    scale: float,
    d: float,
    by_class: dict[str, style.LineStyle],
    order: tuple[str, ...],
    casing: bool = False,
    within: tuple[int, int, int, int] | None = None,
) -> None:
    """Every class in ``order`` (the last on top): the casings when ``casing``, else the fills; each
    class's lines in a few calls of segments (dashed ones as their dashes, laid along the whole line so
    that a strip's dashes are those of a whole render)."""
    if lines is None:
        return
    for index, name in enumerate(order):
        look = by_class[name]
        width = style.line_width(look, scale)
        first, last = int(lines.bounds[index]), int(lines.bounds[index + 1])
        if width <= 0 or (casing and (look.casing is None or width < 2.0)) or first == last:
            continue
        pen = QPen(
            QColor(look.casing if casing else style.line_colour(look, scale)),
            (width + 2 * look.casing_px if casing else width) * d,
        )
        pen.setCapStyle(_cap(look))
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        segments = lines.segments[first:last]
        if look.dash and not casing:
            segments = paint.dashes(segments, lines.geometry[first:last], list(look.dash), pen.widthF())
        paint.draw_segments(painter, _near(segments, within))


def _cap(look: style.LineStyle) -> Qt.PenCapStyle:
    """Dashes end flat, solid lines square. Each segment is stroked on its own, its caps making the
    line's joints: Qt strokes a round cap as a curve, seven times the cost of a square one (a dense
    1:20,000 view's roads took 120 ms with round caps, 25 ms with square ones). A square cap covers
    the round one and the corner beyond it: at a bend, a sliver of a fifth of the width at most; at a
    dead end, a square end in place of a round one (screenshots at 1:20,000 and 1:5,000 look alike)."""
    return Qt.PenCapStyle.FlatCap if look.dash else Qt.PenCapStyle.SquareCap


def _near(segments: np.ndarray, within: tuple[int, int, int, int] | None) -> np.ndarray:
    """The segments that reach into the pixel rectangle ``within`` (all of them without one)."""
    if within is None or not len(segments):
        return segments
    left, top, right, bottom = within
    near: np.ndarray = segments[paint.segments_near(segments, right - left, bottom - top, MARGIN_PX, left, top)]
    return near


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
    painter: QPainter, placer: LabelPlacer, places: FeatureSet, view: View, scale: float, placed: list[str]
) -> None:
    named = np.array([isinstance(label, str) and label != "" for label in places.labels], dtype=bool)
    named &= ~shapely.is_missing(places.geometries)
    if not named.any():
        return
    ranks = np.array([style.place_rank(c) for c in places.classes[named]])
    coords = shapely.get_coordinates(shapely.centroid(places.geometries[named]))
    xs, ys = view.pixels(coords[:, 0], coords[:, 1])
    labels = places.labels[named]
    order = np.lexsort((labels.astype(str), ranks))
    dots = style.band(scale) <= 1  # at 1:100,000 and smaller a village is a dot with its name
    for rank in np.unique(ranks).tolist():
        size, bold = style.place_font(rank)
        look = LabelStyle(size, style.PLACE_TEXT, style.PLACE_HALO, 2.5, bold=bold, offset_px=5.0 if dots else 0.0)
        chosen = [i for i in order.tolist() if ranks[i] == rank]
        before = len(placed)
        radius = (3.0 if rank <= 1 else 2.2) * view.dpr
        entries = [(float(xs[i]), float(ys[i]), str(labels[i])) for i in chosen]
        shown: list[tuple[float, float]] = []
        for x, y, text in entries:
            if draw_labels(painter, placer, [(x, y, text)], look, view.dpr, radius + 1 if dots else 0.0, placed):
                shown.append((x, y))
        if dots and len(placed) > before:
            painter.setPen(QPen(QColor("#ffffff"), 1.2 * view.dpr))
            painter.setBrush(QColor("#3a3a3a"))
            for x, y in shown:
                painter.drawEllipse(QPointF(x, y), radius, radius)


def _water_labels(painter: QPainter, placer: LabelPlacer, water: FeatureSet, view: View, placed: list[str]) -> None:
    named = np.array([isinstance(label, str) and label != "" for label in water.labels], dtype=bool)
    named &= ~shapely.is_missing(water.geometries)
    if not named.any():
        return
    pixels = paint.to_pixel_geometries(water.geometries[named], view)
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
    roads: FeatureSet,
    view: View,
    scale: float,
    language: str,
    placed: list[str],
) -> None:
    """Each route number in a small box on its road, major classes first, one per ``SHIELD_SPACING_PX``
    of the route on screen (at most ``SHIELD_MAX_PER_REF``), never over another label."""
    if roads.refs is None:
        return
    classes = style.SHIELD_CLASSES[style.band(scale)]
    rank_of = {name: i for i, name in enumerate(style.ROAD_ORDER)}
    has_ref = np.array([isinstance(r, str) and r.strip() != "" for r in roads.refs], dtype=bool)
    has_ref &= np.isin(roads.classes.astype(str), classes) & ~shapely.is_missing(roads.geometries)
    if not has_ref.any():
        return
    indices = np.flatnonzero(has_ref)
    pixels = shapely.clip_by_rect(
        paint.to_pixel_geometries(roads.geometries[indices], view), 0, 0, view.width, view.height
    )
    lengths = shapely.length(pixels)
    ranks = np.array([rank_of.get(str(c), -1) for c in roads.classes[indices]])
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
    painter: QPainter, placer: LabelPlacer, roads: FeatureSet, view: View, scale: float, placed: list[str]
) -> None:
    """Each street's name once, letter by letter along the street's curve (turned to read left to
    right), where the street bends gently enough under it; bigger roads first. Every letter's turned
    box is claimed in the placer, so a name never crosses another. The letters are real text."""
    named = np.array([isinstance(n, str) and n != "" for n in roads.labels], dtype=bool)
    named &= ~shapely.is_missing(roads.geometries)
    if not named.any():
        return
    rank_of = {name: i for i, name in enumerate(style.ROAD_ORDER)}
    indices = np.flatnonzero(named)
    pixels = paint.to_pixel_geometries(roads.geometries[indices], view)
    lengths = shapely.length(pixels)
    ranks = np.array([rank_of.get(str(c), -1) for c in roads.classes[indices]])
    order = np.lexsort((-lengths, -ranks))
    size = STREET_FONT_PX[0] if style.band(scale) < 3 else STREET_FONT_PX[1]
    look = LabelStyle(size, STREET_TEXT, style.PLACE_HALO, 2.0)
    font = make_font(look, view.dpr)
    metrics = QFontMetricsF(font)
    halo = look.halo_px * view.dpr
    glyphs: list[_Glyph] = []
    done: set[str] = set()
    widths: dict[str, float] = {}
    for row in order.tolist():
        text = str(roads.labels[indices[row]])
        if text in done or ranks[row] < rank_of["service"]:  # footpaths and tracks stay unnamed
            continue
        if text not in widths:
            widths[text] = metrics.horizontalAdvance(text)
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
    halo_path = QPainterPath()
    for glyph in glyphs:
        letter = QPainterPath()
        letter.addText(QPointF(glyph.x, glyph.y), font, glyph.text)
        halo_path.addPath(glyph.transform.map(letter))
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.strokePath(
        halo_path,
        QPen(QColor(look.halo), 2 * halo, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin),
    )
    painter.setFont(font)
    painter.setPen(QColor(look.colour))
    base = painter.transform()
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
