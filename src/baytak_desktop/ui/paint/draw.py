"""Painting numpy geometry onto a QImage fast, in a worker thread, in device pixels.

What makes it fast (measured on 1600x1000): markers are drawn by ``drawPixmapFragments`` from one
sprite and a numpy array of fragments (12 ms for 100,000 points, against 380 ms for a drawEllipse
loop); above ``DEDUPE_ABOVE`` points they are first reduced to one per pixel (a million points cover
fewer pixels than that). Polygons are projected, clipped and simplified to about a pixel with shapely's
vectorised functions, then drawn one polygon at a time (DESIGN.md: one big QPainterPath is ~20x
slower); rings are sliced out of one coordinate array into QPolygonF buffers without a Python loop
over vertices. Anything smaller than ~1.5 px is drawn as a dot. Many lines of one square-capped pen
(the OSM basemap's roads) go to ``drawLines`` as one numpy array of segments a few thousand at a time
(a QPainterPath of them strokes 6x slower, a polyline per line costs a Python call and a copy each).
"""

from __future__ import annotations

import math

import numpy as np
import shapely
import shiboken6
from PySide6.QtCore import QLineF, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from baytak_desktop.layers.style import Symbol
from baytak_desktop.mapdata.projection import View

DEDUPE_ABOVE = 20_000
SEGMENTS_PER_CALL = 4000  # drawLines of this many segments takes a few milliseconds (the GIL is held)
# PySide and shapely hold the GIL for the whole of one call: big batches are cut into pieces of a
# couple of milliseconds, so the UI thread gets its turn while a worker draws (DESIGN: never > 50 ms).
FRAGMENTS_PER_CALL = 4000
SIMPLIFY_PX = 0.5  # Douglas-Peucker tolerance: deviations under half a pixel cannot be seen
DOT_BELOW_PX = 1.5
CLIP_MARGIN_PX = 64
# shapely's array calls (transform, get_parts, simplify, get_coordinates) hold the GIL for the whole
# array: on a dense OSM view one call took 100-300 ms, and the UI thread, waiting for the GIL, froze as
# long. A few thousand geometries at a time keep each call to a few milliseconds.
GEOMETRIES_PER_CALL = 2000


def in_slices(count: int) -> range:
    """Starts of the slices of ``GEOMETRIES_PER_CALL`` geometries."""
    return range(0, count, GEOMETRIES_PER_CALL)


def new_image(view: View) -> QImage:
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    return image


def qcolor(hex_colour: str, alpha: float = 1.0) -> QColor:
    colour = QColor(hex_colour)
    colour.setAlphaF(max(0.0, min(1.0, alpha)))
    return colour


def stroke_pen(symbol: Symbol, dpr: float = 1.0) -> QPen:
    """The pen of a line or an outline: its colour, width and pattern (dashes in units of the width, with
    flat ends so that a dot stays a dot). The map, the print layout and the legend draw with it."""
    pen = QPen(qcolor(symbol.stroke), symbol.stroke_width * dpr)
    pattern = symbol.dash_pattern()
    if pattern:
        pen.setDashPattern(list(pattern))
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def qpolygonf(coords: np.ndarray) -> QPolygonF:
    """A QPolygonF filled from an (n, 2) float array in one copy."""
    polygon = QPolygonF()
    polygon.resize(len(coords))
    if len(coords):
        # shiboken6's stubs know neither VoidPtr(address, size, writeable) nor that it is a buffer
        buffer = shiboken6.VoidPtr(polygon.data(), len(coords) * 16, True)  # type: ignore[call-arg, arg-type]
        np.frombuffer(buffer, dtype=np.float64).reshape(-1, 2)[:] = coords  # type: ignore[call-overload]
    return polygon


class PolygonBuffer:
    """One QPolygonF refilled for ring after ring: a ring costs a resize and a numpy copy into memory
    already there, not a new QPolygonF (a third of the cost of drawing a small building). The polygon
    never leaves this object but as a const reference to Qt calls that copy what they keep
    (``drawPolygon``, ``QPainterPath.addPolygon``): it is never shared, so a resize within its capacity
    keeps its points where they are. Their address is taken again only when a ring is longer than the
    memory mapped (asking for it costs as much as the rest of a fill)."""

    def __init__(self, capacity: int) -> None:
        self.polygon = QPolygonF()
        self.polygon.reserve(max(capacity, 1))
        self.polygon.resize(max(capacity, 1))
        self._view = np.empty((0, 2))
        self._map()

    def _map(self) -> None:
        address = shiboken6.getCppPointer(self.polygon.data())[0]
        # the stubs know neither VoidPtr(address, size, writeable) nor that it is a buffer
        buffer = shiboken6.VoidPtr(address, self.polygon.capacity() * 16, True)  # type: ignore[call-arg]
        self._view = np.frombuffer(buffer, dtype=np.float64).reshape(-1, 2)  # type: ignore[call-overload]

    def fill(self, coords: np.ndarray) -> QPolygonF:
        self.polygon.resize(len(coords))
        if len(coords) > len(self._view):  # grown beyond its capacity: moved
            self._map()
        self._view[: len(coords)] = coords
        return self.polygon


# -- markers -----------------------------------------------------------------------------------------
def marker_sprite(symbol: Symbol, dpr: float) -> QPixmap:
    """A circle marker with its outline, antialiased once, stamped for every point."""
    diameter = symbol.size * dpr
    stroke = symbol.stroke_width * dpr
    side = math.ceil(diameter + stroke + 2)
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(qcolor(symbol.stroke), stroke) if stroke > 0 else Qt.PenStyle.NoPen)
    painter.setBrush(qcolor(symbol.fill))
    painter.drawEllipse(QPointF(side / 2, side / 2), diameter / 2, diameter / 2)
    painter.end()
    return QPixmap.fromImage(image)


def dedupe_pixels(px: np.ndarray, symbol: np.ndarray, width: int, height: int) -> tuple[np.ndarray, np.ndarray]:
    """One marker per device pixel; where several fall in one pixel the last one drawn wins (its symbol)."""
    ix = np.clip(px[:, 0].astype(np.int64), 0, width - 1)
    iy = np.clip(px[:, 1].astype(np.int64), 0, height - 1)
    grid = np.zeros(width * height, dtype=np.int16)
    grid[iy * width + ix] = symbol + 1
    occupied = np.flatnonzero(grid)
    centres = np.column_stack([occupied % width + 0.5, occupied // width + 0.5])
    return centres, grid[occupied] - 1


def draw_markers(
    painter: QPainter, px: np.ndarray, symbol: np.ndarray, sprites: list[QPixmap], width: int, height: int
) -> int:
    """Stamp ``sprites[symbol[i]]`` centred at each pixel position; returns how many were drawn."""
    margin = max((s.width() for s in sprites), default=0) / 2 + 1
    inside = (px[:, 0] > -margin) & (px[:, 0] < width + margin) & (px[:, 1] > -margin) & (px[:, 1] < height + margin)
    px, symbol = px[inside], symbol[inside]
    if len(px) > DEDUPE_ABOVE:
        px, symbol = dedupe_pixels(px, symbol, width, height)
    for index in np.unique(symbol):
        chosen = px[symbol == index]
        sprite = sprites[int(index)]
        fragments = np.zeros((len(chosen), 10), dtype=np.float64)
        fragments[:, 0:2] = chosen
        fragments[:, 4], fragments[:, 5] = sprite.width(), sprite.height()
        fragments[:, 6:8] = 1.0
        fragments[:, 9] = 1.0
        for start in range(0, len(fragments), FRAGMENTS_PER_CALL):
            piece = np.ascontiguousarray(fragments[start : start + FRAGMENTS_PER_CALL])
            fragment_array = shiboken6.wrapInstance(piece.ctypes.data, QPainter.PixmapFragment)
            # the stub types wrapInstance as returning a bare shiboken Object: it is the PixmapFragment array
            painter.drawPixmapFragments(fragment_array, len(piece), sprite)  # type: ignore[arg-type]
    return len(px)


# -- polygons and lines ------------------------------------------------------------------------------
def to_pixel_geometries(geoms: np.ndarray, view: View, *, projected: bool = False) -> np.ndarray:
    """Lon/lat (or scene, if ``projected``) shapely geometries -> device pixels, clipped near the view
    (Qt misdraws coordinates millions of pixels away) and simplified to about half a pixel."""
    if projected:

        def transform(c: np.ndarray) -> np.ndarray:
            return np.column_stack(view.scene_pixels(c[:, 0], c[:, 1]))
    else:

        def transform(c: np.ndarray) -> np.ndarray:
            return np.column_stack(view.pixels(c[:, 0], c[:, 1]))

    pixels = np.empty(len(geoms), dtype=object)
    for start in in_slices(len(geoms)):
        part = shapely.transform(geoms[start : start + GEOMETRIES_PER_CALL], transform)
        bounds = shapely.bounds(part)
        huge = ((bounds[:, 2] - bounds[:, 0]) > 2 * view.width) | ((bounds[:, 3] - bounds[:, 1]) > 2 * view.height)
        if huge.any():
            m = CLIP_MARGIN_PX
            part[huge] = shapely.clip_by_rect(part[huge], -m, -m, view.width + m, view.height + m)
        pixels[start : start + GEOMETRIES_PER_CALL] = part
    return pixels


def split_small(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Boolean masks: geometries too small to draw as shapes (dots), and the rest."""
    bounds = shapely.bounds(pixels)
    present = ~np.isnan(bounds[:, 0])
    small = present & ((bounds[:, 2] - bounds[:, 0]) < DOT_BELOW_PX) & ((bounds[:, 3] - bounds[:, 1]) < DOT_BELOW_PX)
    return small, present & ~small


def draw_dots(painter: QPainter, pixels: np.ndarray, symbol: np.ndarray, colours: list[QColor]) -> None:
    """Features under a pixel and a half: a 2 px dot in their outline colour, so they stay findable."""
    bounds = shapely.bounds(pixels)
    centres = np.column_stack([(bounds[:, 0] + bounds[:, 2]) / 2, (bounds[:, 1] + bounds[:, 3]) / 2])
    for index in np.unique(symbol):
        pen = QPen(colours[int(index)], 2.0)
        painter.setPen(pen)
        painter.drawPoints(qpolygonf(centres[symbol == index]))


def ring_arrays(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Flatten polygons into (coords, ring offsets, ring -> part, part -> geometry index) arrays."""
    parts, part_geom = shapely.get_parts(pixels, return_index=True)
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    simplified = shapely.simplify(rings, SIMPLIFY_PX, preserve_topology=False)
    coords, coord_ring = shapely.get_coordinates(simplified, return_index=True)
    counts = np.bincount(coord_ring, minlength=len(rings))
    offsets = np.concatenate([[0], np.cumsum(counts)])
    return coords, offsets, ring_part, part_geom


def draw_polygons(
    painter: QPainter, pixels: np.ndarray, symbol: np.ndarray, pens: list[QPen], brushes: list[QBrush]
) -> None:
    """Each polygon part on its own; parts with holes as an odd-even QPainterPath."""
    for start in in_slices(len(pixels)):
        end = start + GEOMETRIES_PER_CALL
        _draw_polygons(painter, pixels[start:end], symbol[start:end], pens, brushes)


def _draw_polygons(
    painter: QPainter, pixels: np.ndarray, symbol: np.ndarray, pens: list[QPen], brushes: list[QBrush]
) -> None:
    coords, offsets, ring_part, part_geom = ring_arrays(pixels)
    if not len(ring_part):
        return
    _draw_rings(painter, coords, offsets[:-1], offsets[1:], ring_part, symbol[part_geom[ring_part]], pens, brushes)


def draw_flat_polygons(
    painter: QPainter,
    coords: np.ndarray,
    ring: np.ndarray,
    part: np.ndarray,
    symbol: np.ndarray,
    pens: list[QPen],
    brushes: list[QBrush],
) -> None:
    """Polygons given as one coordinate array with each coordinate's ring, part and symbol (rings and
    parts in order, a part's shell first): each part on its own, as :func:`draw_polygons` draws them."""
    if not len(coords):
        return
    starts = np.flatnonzero(np.r_[True, ring[1:] != ring[:-1]])
    ends = np.r_[starts[1:], len(coords)]
    _draw_rings(painter, coords, starts, ends, part[starts], symbol[starts], pens, brushes)


def _draw_rings(
    painter: QPainter,
    coords: np.ndarray,
    starts: np.ndarray,
    ends: np.ndarray,
    ring_part: np.ndarray,
    ring_symbol: np.ndarray,
    pens: list[QPen],
    brushes: list[QBrush],
) -> None:
    """Ring i is coords[starts[i]:ends[i]]; the rings of one part follow each other, its shell first."""
    first_ring = np.flatnonzero(np.r_[True, ring_part[1:] != ring_part[:-1]])
    last_ring = np.r_[first_ring[1:], len(ring_part)]
    begin, end, symbols = starts.tolist(), ends.tolist(), ring_symbol.tolist()
    buffer = PolygonBuffer(int((ends - starts).max(initial=0)))
    current = -1
    for start, stop in zip(first_ring.tolist(), last_ring.tolist(), strict=True):
        part_symbol = symbols[start]
        if part_symbol != current:
            painter.setPen(pens[part_symbol])
            painter.setBrush(brushes[part_symbol])
            current = part_symbol
        if end[start] - begin[start] < 3:
            continue
        if stop - start == 1:
            painter.drawPolygon(buffer.fill(coords[begin[start] : end[start]]))
            continue
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in range(start, stop):
            if end[ring] - begin[ring] >= 3:
                path.addPolygon(buffer.fill(coords[begin[ring] : end[ring]]))  # the path copies the points
        painter.drawPath(path)


def draw_lines(painter: QPainter, pixels: np.ndarray, pens: list[QPen], symbol: np.ndarray | None = None) -> None:
    """Line strings (and polygon outlines passed as rings) as polylines."""
    current = -1
    for start in in_slices(len(pixels)):
        parts, part_geom = shapely.get_parts(pixels[start : start + GEOMETRIES_PER_CALL], return_index=True)
        simplified = shapely.simplify(parts, SIMPLIFY_PX, preserve_topology=False)
        coords, coord_part = shapely.get_coordinates(simplified, return_index=True)
        offsets = np.concatenate([[0], np.cumsum(np.bincount(coord_part, minlength=len(parts)))])
        for index in range(len(parts)):
            if offsets[index + 1] - offsets[index] < 2:
                continue
            line_symbol = 0 if symbol is None else int(symbol[start + part_geom[index]])
            if line_symbol != current:
                painter.setPen(pens[line_symbol])
                current = line_symbol
            painter.drawPolyline(qpolygonf(coords[offsets[index] : offsets[index + 1]]))


# -- many lines of one pen at once -----------------------------------------------------------------------
def line_segments(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Line geometries in pixels -> their segments as an (n, 4) array (x1, y1, x2, y2) after simplifying
    to half a pixel, and each segment's geometry index (:func:`segments_near` leaves out those far off)."""
    pieces, owners = [np.empty((0, 4))], [np.empty(0, dtype=np.int64)]
    for first in in_slices(len(pixels)):  # shapely holds the GIL for a whole call: a few thousand at a time
        parts, part_geom = shapely.get_parts(pixels[first : first + GEOMETRIES_PER_CALL], return_index=True)
        simplified = shapely.simplify(parts, SIMPLIFY_PX, preserve_topology=False)
        coords, coord_part = shapely.get_coordinates(simplified, return_index=True)
        starts = np.flatnonzero(coord_part[1:] == coord_part[:-1])  # coordinates i and i + 1 on one part
        segments = np.empty((len(starts), 4), dtype=np.float64)
        segments[:, 0:2] = coords[starts]
        segments[:, 2:4] = coords[starts + 1]
        pieces.append(segments)
        owners.append(part_geom[coord_part[starts]] + first)
    return np.concatenate(pieces), np.concatenate(owners)


def segments_near(
    segments: np.ndarray, width: float, height: float, margin: float = CLIP_MARGIN_PX, left: float = 0, top: float = 0
) -> np.ndarray:
    """A mask of the segments whose box meets the rectangle (``left``, ``top``, ``width``, ``height``;
    by default the view) grown by ``margin`` pixels."""
    x_low = np.minimum(segments[:, 0], segments[:, 2])
    x_high = np.maximum(segments[:, 0], segments[:, 2])
    y_low = np.minimum(segments[:, 1], segments[:, 3])
    y_high = np.maximum(segments[:, 1], segments[:, 3])
    mask: np.ndarray = (
        (x_high >= left - margin)
        & (x_low <= left + width + margin)
        & (y_high >= top - margin)
        & (y_low <= top + height + margin)
    )
    return mask


def draw_segments(painter: QPainter, segments: np.ndarray) -> None:
    """Straight segments (an (n, 4) float64 array) with the painter's pen, a few thousand per call.

    With a square-capped solid pen the segments of a line drawn one by one cover what the line drawn
    as a polyline with round joins covers, and the corners of the caps at its bends (a round cap
    would cover exactly that, but Qt strokes it seven times slower); a whole class of roads goes to Qt
    in a handful of calls instead of one call (and one QPolygonF) per road: a dense city view at
    1:20,000 strokes its 36,000 roads in half the time. Dashed lines come here as their dashes
    (:func:`dashes`), with a flat cap."""
    for start in range(0, len(segments), SEGMENTS_PER_CALL):
        piece = np.ascontiguousarray(segments[start : start + SEGMENTS_PER_CALL], dtype=np.float64)
        # QLineF is four doubles: the array is handed to Qt as a QLineF pointer, as drawPixmapFragments above
        lines = shiboken6.wrapInstance(piece.ctypes.data, QLineF)
        painter.drawLines(lines, len(piece))  # type: ignore[call-overload]


def dashes(segments: np.ndarray, geometry: np.ndarray, pattern: list[float], width: float) -> np.ndarray:
    """The dashes of ``pattern`` (on, off, on, off... in units of the pen's ``width``) laid along each line
    given by its consecutive segments, as segments of their own for :func:`draw_segments` with a flat
    cap: what Qt's dash stroker draws, without a Python call per line. A line is a run of segments of
    one geometry joined end to start; its pattern starts at its first point, as Qt's does. A dash over a
    vertex is drawn as the chord (dashes are a few pixels long: the chord is within a fraction of a
    pixel of the corner).

    As Qt: the unit is one pixel for pens thinner than that, and such pens (Qt's cosmetic stroker)
    measure a dash along the line's main axis (a diagonal dash is longer by up to 1.41)."""
    if not len(segments):
        return np.empty((0, 4))
    dx, dy = np.abs(segments[:, 2] - segments[:, 0]), np.abs(segments[:, 3] - segments[:, 1])
    lengths = np.maximum(dx, dy) if width <= 1.0 else np.hypot(dx, dy)
    unit = max(width, 1.0)
    run_start = np.r_[True, (geometry[1:] != geometry[:-1]) | np.any(segments[1:, 0:2] != segments[:-1, 2:4], axis=1)]
    along = np.concatenate([[0.0], np.cumsum(lengths)])  # every segment's start on one axis for all lines
    firsts = np.flatnonzero(run_start)
    lasts = np.r_[firsts[1:], len(segments)]
    line_start, line_end = along[firsts], along[lasts]
    steps = np.asarray(pattern, dtype=np.float64) * unit
    period = float(steps.sum())
    on = np.cumsum(steps)  # the pattern's ends of dashes and gaps within a period
    on_starts = np.r_[0.0, on[1:-1:2]]  # where each dash of one period starts and ends
    on_ends = on[0::2]
    periods = np.ceil((line_end - line_start) / period).astype(np.int64)
    line = np.repeat(np.arange(len(firsts)), periods)
    k = np.arange(len(line)) - np.repeat(np.cumsum(periods) - periods, periods)
    base = line_start[line] + k * period
    starts = (base[:, None] + on_starts[None, :]).ravel()
    ends = (base[:, None] + on_ends[None, :]).ravel()
    limit = np.repeat(line_end[line], len(on_starts))
    ends = np.minimum(ends, limit)
    keep = starts < ends - 1e-9
    starts, ends = starts[keep], ends[keep]
    out = np.empty((len(starts), 4))
    out[:, 0:2] = _point_at(segments, along, lengths, starts, side="right")
    out[:, 2:4] = _point_at(segments, along, lengths, ends, side="left")
    return out


def _point_at(segments: np.ndarray, along: np.ndarray, lengths: np.ndarray, at: np.ndarray, side: str) -> np.ndarray:
    """The points at positions ``at`` on the common axis of ``dashes``: a start belongs to the segment
    that begins there, an end to the one that finishes there."""
    index = np.clip(np.searchsorted(along, at, side=side) - 1, 0, len(segments) - 1)  # type: ignore[call-overload]
    t = np.clip((at - along[index]) / np.where(lengths[index] > 0, lengths[index], 1.0), 0.0, 1.0)
    xy: np.ndarray = segments[index, 0:2] + t[:, None] * (segments[index, 2:4] - segments[index, 0:2])
    return xy
