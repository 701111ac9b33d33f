"""Drawing an OpenStreetMap basemap (``baytak basemap add``) for one view: on a render worker, or on paper.

What is drawn comes from ``mapdata.osm_tiles`` on screen (the rows whose ``max_scale`` reaches the
view's scale, generalised copies at small scales, read once per tile and kept projected, their lines
flattened) and from ``basemap.osm_view.read_features`` on paper; how it looks from
``basemap.osm_style`` (OSM-Carto's colours, widths by scale band). The order is the cartographer's:
land cover, protected areas, water, buildings, then roads (every casing under every fill, minor
classes under major ones, so junctions join cleanly), railways on top. Each class of lines is drawn
as one array of segments (dashes laid out in numpy): a few calls per class rather than one per line.
Names are not drawn here but in the overlay (``osm_labels.paint_osm_labels``), with the same placer
as the other names, above imagery and data, so no two labels collide.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from baytak_desktop.basemap import osm_style as style
from baytak_desktop.basemap.osm_view import BasemapMissing, FeatureSet
from baytak_desktop.mapdata import osm_tiles as tiles
from baytak_desktop.mapdata.pan import Rect, grid_shift, overlap, pan_offset, subtract, uncovered
from baytak_desktop.mapdata.projection import View, scale_denominator, to_lonlat
from baytak_desktop.ui.paint import draw as paint
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
RAIL_ORDER = ("tram", "rail")  # rails over tram lines
MARGIN_PX = 16  # roads just outside the view still reach in with their casing
# the basemap's path, inode and modification time: no language, the names are the overlay's (a language
# switch keeps these pictures; with the language in the key it drew the view and all drawn ahead again)
_Key = tuple[str, int, int]
# Each render worker's last picture per basemap (what its next pan reuses), by thread id: a pool
# thread's Python state, and with it a threading.local, is dropped after every job it runs
_Picture = tuple[_Key, View, QImage, int, float]  # what it shows, where, the image, features, scale
_pictures: dict[tuple[int, str], list[_Picture]] = {}
_pictures_lock = threading.Lock()
_PICTURES_KEPT = 8
# pictures kept per thread and basemap, the newest first: the one before the last is what a zoom back
# out (or in) returns to, drawn again by a copy, and a wheel notch in and out are drawn ahead while the
# map stands still (``MapLayers._draw_ahead_jobs``); the older ones hold ground a pan comes back over (a
# tour around a site). At least two of the basemap drawn last; more, and others, while all the pictures
# kept take fewer device pixels than this (ten of 1600 x 1000, 64 MB; two on a 3200 x 2000 screen)
_PICTURES_PER_BASEMAP = 2
_PICTURE_PIXELS = 16_000_000
# and apart from them, the last six drawn ahead (a wheel notch in and out, a pan of a quarter of the view
# each way: ``OsmJob.ahead``; 38 MB at 1600 x 1000): among the others they pushed out the ground a tour
# comes back over (with the notches alone, the pans' OSM time rose from 4 to 20-27 ms a redraw, median,
# in the field view's tour); shown, one joins the others. The pan ring is drawn ahead only while its six
# pictures take at most ``AHEAD_PIXELS`` (a full HD screen; not at 2560 x 1440 or a 2x screen: there
# only the notches, 2 x 25.6 MB)
AHEAD_PER_BASEMAP = 6
AHEAD_PIXELS = 16_000_000
_ahead: dict[tuple[int, str], list[_Picture]] = {}


@dataclass(frozen=True)
class OsmJob:
    path: Path
    ahead: bool = False  # drawn ahead (a view a wheel notch shows, not shown yet): kept apart


def view_scale(view: View) -> float:
    """The view's scale denominator at its centre (1:N on a 96 dpi screen)."""
    _, lat = to_lonlat((view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2)
    return scale_denominator(view.res * view.dpr, lat)


def render_osm(job: OsmJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """The basemap's land cover, water, buildings, roads and railways under ``view``.

    A pan (the same resolution, moved by whole pixels) keeps what the last picture of this thread
    already shows and draws only the strips uncovered: the features there, read for the strips alone,
    painted with the whole view's transform and clipped to the strips, so the pixels are those a whole
    render gives, at a fraction of the cost (a pan of a quarter of the view draws a quarter). The last
    pictures are kept: a zoom back to the view before is a copy, and the parts of the strips that an
    older picture at the same scale shows (ground the map was panned over before: back and forth
    along a road, around a site) are copied from it, so only ground not seen lately is drawn."""
    if not Path(job.path).exists():
        raise BasemapMissing(path=str(job.path))
    scale = view_scale(view)
    status = Path(job.path).stat()
    key: _Key = (str(job.path), status.st_ino, status.st_mtime_ns)
    reused = _reusable(key, view)
    if reused is not None and reused[2:4] == (0, 0):  # the very view again (a zoom back, a notch drawn ahead)
        old, drawn, _, _, scale = reused
        _remember(key, (key, view, old, drawn, scale), job.ahead)
        shown = QImage(old)  # shares the pixels, as below
        shown.setDevicePixelRatio(view.dpr)
        return Rendered(shown if drawn else None, drawn)
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
            strips = _copy_kept(painter, key, view, scale, old, uncovered(view.width, view.height, dx, dy))
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            drawn = old_drawn
            for left, top, right, bottom in strips:
                strip = View(view.x0 + left * view.res, view.y0 + top * view.res, view.res, right - left, bottom - top)
                features = tiles.CACHE.features(job.path, _scene_rect(strip), scale, only=DRAWN)
                if stale():
                    raise Stale()
                painter.save()  # restored also when the strip's drawing stops stale (Qt warns at end() else)
                try:
                    painter.setClipRect(QRectF(left, top, right - left, bottom - top))
                    drawn += paint_osm(painter, features, view, scale, stale, within=(left, top, right, bottom))
                finally:
                    painter.restore()
    finally:
        painter.end()
    _remember(key, (key, view, image, drawn, scale), job.ahead)
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


def _copy_kept(painter: QPainter, key: _Key, view: View, scale: float, base: QImage, strips: list[Rect]) -> list[Rect]:
    """Copy into ``strips`` (pixel rectangles of ``view``) what the other pictures kept on this thread
    show of them: those of the same basemap drawn at ``scale`` on the same pixel grid
    (the same features, painted with a transform shifted by whole pixels: the same pixels). Returns
    the rectangles no picture covers, still to draw. The painter's composition is the copy's."""
    kept = _kept(key)
    for shown, old, image, _, drawn_at in kept:
        if not strips:
            break
        shift = grid_shift(old, view) if shown == key and drawn_at == scale and image is not base else None
        if shift is None:
            continue
        dx, dy = shift
        cover = (-dx, -dy, view.width - dx, view.height - dy)  # the old picture in the new view's pixels
        left = []
        for strip in strips:
            common = overlap(strip, cover)
            if common is None:
                left.append(strip)
                continue
            x0, y0, x1, y1 = common
            painter.drawImage(QRectF(x0, y0, x1 - x0, y1 - y0), image, QRectF(x0 + dx, y0 + dy, x1 - x0, y1 - y0))
            left.extend(subtract(strip, common))
        strips = left
    return strips


def _kept(key: _Key) -> list[_Picture]:
    """This thread's pictures of the basemap, those shown first (the newest first), then those drawn ahead."""
    with _pictures_lock:
        here = (threading.get_ident(), key[0])
        return [*_pictures.get(here, []), *_ahead.get(here, [])]


def _remember(key: _Key, picture: _Picture, ahead: bool = False) -> None:
    with _pictures_lock:
        here = (threading.get_ident(), key[0])
        drawn_ahead = [p for p in _ahead.pop(here, []) if p[0] == key and p[1] != picture[1]]
        if ahead:
            if any(p[0] == key and p[1] == picture[1] for p in _pictures.get(here, [])):
                _ahead[here] = drawn_ahead  # shown before (a zoom back): kept among the others already
                return
            mine = _ahead[here] = [picture, *drawn_ahead][:AHEAD_PER_BASEMAP]
            while len(mine) > 2 and sum(_pixels_of(p) for p in mine) > AHEAD_PIXELS:
                mine.pop()  # the oldest (a screen made larger: those of the smaller view)
            while len(_ahead) > _PICTURES_KEPT:
                _ahead.pop(next(iter(_ahead)))
            return
        _ahead[here] = drawn_ahead  # one drawn ahead and now shown joins the others
        # (a zoom back to a view kept gives the same picture again: kept once)
        kept = [p for p in _pictures.pop((threading.get_ident(), key[0]), []) if p[0] == key and p[1] != picture[1]]
        mine = _pictures[(threading.get_ident(), key[0])] = [picture, *kept]
        total = sum(_pixels_of(p) for pictures in _pictures.values() for p in pictures)
        for other in [k for k in _pictures if _pictures[k] is not mine]:  # the oldest first
            if total <= _PICTURE_PIXELS:
                break
            total -= sum(_pixels_of(p) for p in _pictures.pop(other))
        while total > _PICTURE_PIXELS and len(mine) > _PICTURES_PER_BASEMAP:
            total -= _pixels_of(mine.pop())
        while len(_pictures) > _PICTURES_KEPT:  # the oldest first (threads the pool let go of)
            _pictures.pop(next(iter(_pictures)))


def _pixels_of(picture: _Picture) -> int:
    return picture[2].width() * picture[2].height()


def forget_pictures() -> None:
    """Drop every kept picture (tests; a whole render follows)."""
    with _pictures_lock:
        _pictures.clear()
        _ahead.clear()


def _reusable(key: _Key, view: View) -> tuple[QImage, int, int, int, float] | None:
    """Of the last pictures of the same basemap on this thread, the one ``view`` is a pan
    of (or the very view: a zoom back to where the map was) that leaves least to draw, the
    whole-pixel offset (dx, dy) of ``view`` from it and the scale it was drawn at; None when there is
    none (a zoom to a new scale, a resize)."""
    kept = _kept(key)
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
    if stale():
        raise Stale()
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
    _lines(painter, waterway_lines, scale, d, style.WATERWAYS, waterways, within=within, stale=stale)
    smallest = style.BUILDING_MIN_BOX_PX[style.band(scale)] * d * d
    _areas(painter, features.get("osm_buildings"), view, {}, style.BUILDINGS, smallest)
    if stale():
        raise Stale()
    roads = _segments(features.get("osm_roads"), view, style.ROAD_ORDER)
    _lines(painter, roads, scale, d, style.ROADS, style.ROAD_ORDER, casing=True, within=within, stale=stale)
    _lines(painter, roads, scale, d, style.ROADS, style.ROAD_ORDER, within=within, stale=stale)
    railways = _segments(features.get("osm_railways"), view, RAIL_ORDER)
    _lines(painter, railways, scale, d, style.RAILWAYS, RAIL_ORDER, within=within, stale=stale)
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
    stale: Callable[[], bool] = lambda: False,
) -> None:
    """Every class in ``order`` (the last on top): the casings when ``casing``, else the fills; each
    class's lines in a few calls of segments (dashed ones as their dashes, laid along the whole line so
    that a strip's dashes are those of a whole render). ``stale()`` is asked between classes: a render
    asked while a view is drawn ahead waits for one class of lines at most."""
    if lines is None:
        return
    for index, name in enumerate(order):
        if stale():
            raise Stale()
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
