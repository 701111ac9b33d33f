"""Rendering one store layer for one view into a QImage: the job a render worker runs.

It gets an immutable snapshot (store path, style, view), opens its own read-only connection,
reads the view's features through the R-tree, paints them and returns the image. It checks ``stale()``
between steps and gives up early when the user has already moved on.

A pan (the same resolution, moved by whole pixels) keeps the pixels of the render thread's last picture
of the layer and reads and draws only the strips the pan uncovered, as long as the store's data has not
changed since: the picture is keyed by the connection's ``PRAGMA data_version`` (which moves with every
commit of another connection: an edit, a sync, another program), not by the file's mtime, which a
write within the same clock tick leaves alone. The picture before the last is kept too: a zoom back to
the previous view is a copy of it.

A point layer's points are read once per data version and kept in memory (``mapdata.point_cache``):
each view (or strip) then picks its points with a numpy mask instead of SQLite. Larger layers, and lines
and polygons, are read through the R-tree.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QBrush, QImage, QPainter

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.style import LayerStyle, Symbol
from baytak_desktop.mapdata.pan import PictureShelf, nearest_pan, strip_view, uncovered
from baytak_desktop.mapdata.point_cache import forget_points, point_table
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.viewport import (
    LayerData,
    data_version,
    odd_points,
    read_labels,
    read_layer,
    worker_connection,
)
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.labels import LabelPlacer, LabelStyle, draw_labels

LABEL_LIMIT = 300
GEOMETRIES_PER_STEP = 1000  # labels only when at most this many features are in view: more is unreadable
DATA_LABELS = LabelStyle(font_px=11.5, colour="#1d1d1d", halo="#ffffff", halo_px=2.5)


class Stale(Exception):
    """The view moved on while rendering: the result would be thrown away, so stop."""


@dataclass(frozen=True)
class LayerJob:
    store_path: Path
    style: LayerStyle  # no language: a layer's labels are the overlay's (``paint_data_labels``)


@dataclass
class Rendered:
    image: QImage | None
    features: int = 0
    problems: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # the names the overlay placed, in priority order


def symbols_of(style: LayerStyle) -> list[Symbol]:
    """Index 0 is the default symbol, i + 1 the i-th category's (as mapdata.viewport.symbol_sql numbers them)."""
    return [style.symbol, *(c.symbol for c in style.categories)] if style.kind == "categorized" else [style.symbol]


@dataclass(frozen=True)
class _Picture:
    """A render thread's last picture of a store layer: what its next pan reuses."""

    key: tuple[Any, ...]  # the store (file, connection, data version) and the style
    view: View
    image: QImage | None  # None: nothing in view
    features: int
    deduped: bool  # its markers were reduced to one per pixel: the strips are too, as a whole render


# the last, the one before (a zoom back to where the map was is a copy) and the two a wheel notch in and
# out show, drawn ahead while the map stands still (``MapLayers._draw_ahead_jobs``)
PICTURES_PER_LAYER = 4
_pictures: PictureShelf[tuple[_Picture, ...]] = PictureShelf(16)


def render_store_layer(job: LayerJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """The layer in ``view``; a pan of the last picture of this thread (same data, same style) draws only
    the strips it uncovered, each grown by a marker's reach so that what crosses a seam is drawn whole."""
    conn = worker_connection(job.store_path)
    store_key = (str(job.store_path), job.store_path.stat().st_ino, id(conn), data_version(conn))
    key = (*store_key, job.style)
    source = (str(job.store_path), job.style.layer)
    kept = [p for p in _pictures.get(source) or () if p.key == key]
    reused = nearest_pan(kept, view)
    if reused is None:
        picture = _Picture(key, view, *_render_whole(conn, job, view, store_key, stale))
    elif reused[1] == (0, 0):  # back to a view drawn before (a zoom in and out): that very picture
        picture = reused[0]
    else:
        last, offset = reused
        picture = _Picture(key, view, *_render_pan(conn, job, view, store_key, last, offset, stale))
    previous = [p for p in kept if reused is None or p is not reused[0]]
    _pictures.put(source, (picture, *previous)[:PICTURES_PER_LAYER])
    image, features = picture.image, picture.features
    if image is None:
        return Rendered(None)
    if view.dpr != 1:  # the kept picture stays in device pixels (dpr 1) for the next pan to draw from
        image = image.copy()  # (at dpr 1 the canvas shares it: QImage is copy-on-write, neither writes)
        image.setDevicePixelRatio(view.dpr)
    return Rendered(image, features)


def _read(
    conn: Any, schema: LayerSchema, style: LayerStyle, view: View, margin: float, store_key: tuple[str, int, int, int]
) -> LayerData:
    """The features of ``view`` grown by ``margin`` pixels: from the points kept in memory, or (lines,
    polygons, point layers too large to keep) through the R-tree."""
    table = point_table(conn, schema, style, store_key)
    if table is None:
        return read_layer(conn, schema, style, view.lonlat_bbox(margin))
    m = margin * view.res
    return table.in_box(view.x0 - m, view.y0 - m, view.x1 + m, view.y1 + m)


def _prepare(conn: Any, job: LayerJob, view: View) -> tuple[LayerSchema, list[Symbol], float]:
    schema = catalog_of(conn).layer(job.style.layer)  # the store's: a layer published since is drawn too
    symbols = symbols_of(job.style)
    margin = max(s.size + 2 * s.stroke_width for s in symbols) * view.dpr / 2 + 1
    return schema, symbols, margin


def _render_whole(
    conn: Any, job: LayerJob, view: View, store_key: tuple[str, int, int, int], stale: Callable[[], bool]
) -> tuple[QImage | None, int, bool]:
    schema, symbols, margin = _prepare(conn, job, view)
    data = _read(conn, schema, job.style, view, margin, store_key)
    if stale():
        raise Stale()
    if not len(data):
        return None, 0, False
    image = paint.new_image(view)
    painter = QPainter(image)
    try:
        deduped = _paint_features(painter, schema, data, symbols, view, stale)
    finally:
        painter.end()
    return image, len(data), deduped


def _render_pan(
    conn: Any,
    job: LayerJob,
    view: View,
    store_key: tuple[str, int, int, int],
    last: _Picture,
    offset: tuple[int, int],
    stale: Callable[[], bool],
) -> tuple[QImage | None, int, bool]:
    """The last picture moved by ``offset`` and the uncovered strips drawn into it. Each strip is drawn
    as a view of its own grown by the markers' reach (clamped to the view, whose own edges behave as in
    a whole render), then only the strip itself is copied: a marker centred just outside the strip is
    drawn as far as it reaches in, as a whole render draws it."""
    schema, symbols, margin = _prepare(conn, job, view)
    dx, dy = offset
    features = last.features
    reach = math.ceil(margin)
    pieces: list[tuple[QRect, QPoint, QImage | None]] = []  # None: nothing in that strip
    for left, top, right, bottom in uncovered(view.width, view.height, dx, dy):
        if stale():
            raise Stale()
        grown = (
            max(0, left - reach),
            max(0, top - reach),
            min(view.width, right + reach),
            min(view.height, bottom + reach),
        )
        part = strip_view(view, grown)
        data = _read(conn, schema, job.style, part, margin, store_key)
        strip = QRect(left, top, right - left, bottom - top)
        if not len(data):
            pieces.append((strip, QPoint(), None))
            continue
        features += len(data)
        piece = paint.new_image(part)
        piece_painter = QPainter(piece)
        try:
            _paint_features(piece_painter, schema, data, symbols, part, stale, dedupe=last.deduped)
        finally:
            piece_painter.end()
        pieces.append((strip, QPoint(grown[0], grown[1]), piece))
    if last.image is None and all(drawn is None for _, _, drawn in pieces):
        return None, 0, last.deduped  # nothing in view before, nothing uncovered: no picture at all
    if last.image is None:
        image = paint.new_image(view)
    else:  # every pixel is written below (copied, a strip's piece, or cleared): no fill of the whole first
        image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
        if last.image is not None:
            painter.drawImage(QPoint(-dx, -dy), last.image)
        for strip, at, drawn in pieces:
            painter.setClipRect(strip)
            if drawn is None:
                painter.fillRect(strip, Qt.GlobalColor.transparent)
            else:
                painter.drawImage(at, drawn)
    finally:
        painter.end()
    return image, features, last.deduped


def _paint_features(
    painter: QPainter,
    schema: LayerSchema,
    data: LayerData,
    symbols: list[Symbol],
    view: View,
    stale: Callable[[], bool] = lambda: False,
    dedupe: bool | None = None,
) -> bool:
    """Points stamped as markers; lines and polygons a slice at a time (GIL-holding calls stay short).
    ``dedupe``: markers reduced to one per pixel (True), not (False), or as many as ``paint.DEDUPE_ABOVE``
    decide (None: a whole render). Returns whether they were reduced."""
    if data.scene is not None:  # kept in memory: projected already, multipoints exploded
        px = np.column_stack(view.scene_pixels(data.scene[:, 0], data.scene[:, 1]))
        symbol = data.symbol
    elif data.points is not None:
        px = np.column_stack(view.pixels(data.points[:, 0], data.points[:, 1]))
        extra = odd_points(data)
        if len(extra):
            rows = extra[:, 2].astype(np.int64)
            px = np.vstack([px, np.column_stack(view.pixels(extra[:, 0], extra[:, 1]))])
            symbol = np.concatenate([data.symbol, data.symbol[rows]])
        else:
            symbol = data.symbol
    if data.scene is not None or data.points is not None:
        valid = ~np.isnan(px[:, 0])
        sprites = [paint.marker_sprite(s, view.dpr) for s in symbols]
        px, symbol = px[valid], symbol[valid]
        reach = max((s.width() for s in sprites), default=0) / 2 + 1
        inside = (px[:, 0] > -reach) & (px[:, 0] < view.width + reach)
        inside &= (px[:, 1] > -reach) & (px[:, 1] < view.height + reach)
        deduped = int(inside.sum()) > paint.DEDUPE_ABOVE if dedupe is None else dedupe
        if deduped:
            # Where several markers share a pixel the one of the last category wins, as it would be drawn
            # on top; not the one the R-tree happened to return last, which differs between a whole
            px, symbol = px[inside], symbol[inside]
            # view's query and a strip's. The grid reaches a marker beyond the view's edges: a marker
            # just outside is drawn where it is, not pulled onto the edge's pixels (a pan shows it).
            order = np.argsort(symbol, kind="stable")
            edge = math.ceil(reach)
            px, symbol = paint.dedupe_pixels(
                px[order] + edge, symbol[order], view.width + 2 * edge, view.height + 2 * edge
            )
            px -= edge
            order = np.argsort(symbol, kind="stable")  # drawn category after category, in slices that
            px, symbol = px[order], symbol[order]  # draw_markers does not reduce (and pull in) again
            for start in range(0, len(px), paint.DEDUPE_ABOVE):
                end = start + paint.DEDUPE_ABOVE
                paint.draw_markers(painter, px[start:end], symbol[start:end], sprites, view.width, view.height)
            return True
        # Left to right, then top to bottom: overlapping markers of one symbol are stacked the same way
        # whatever order the rows came in (the R-tree's, the table's, a strip's)
        order = np.lexsort((px[:, 1], px[:, 0]))
        paint.draw_markers(painter, px[order], symbol[order], sprites, view.width, view.height)
        return deduped
    if data.geometries is None:
        return False
    geometries = data.geometries
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pens = [paint.stroke_pen(s, view.dpr) for s in symbols]
    brushes = [
        QBrush(paint.qcolor(s.fill, s.fill_alpha)) if s.fill_alpha > 0 else QBrush(Qt.BrushStyle.NoBrush)
        for s in symbols
    ]
    dots = [paint.qcolor(s.stroke) for s in symbols]
    for start in range(0, len(data), GEOMETRIES_PER_STEP):
        if stale():
            raise Stale()
        pixels = paint.to_pixel_geometries(geometries[start : start + GEOMETRIES_PER_STEP], view)
        symbol = data.symbol[start : start + GEOMETRIES_PER_STEP]
        small, large = paint.split_small(pixels)
        if "LINE" in schema.geometry_type:
            paint.draw_lines(painter, pixels[large], pens, symbol[large])
        else:
            paint.draw_polygons(painter, pixels[large], symbol[large], pens, brushes)
        if small.any():
            paint.draw_dots(painter, pixels[small], symbol[small], dots)
    return False


def paint_data_labels(
    painter: QPainter, placer: LabelPlacer, store_path: Path, styles: tuple[LayerStyle, ...], language: str, view: View
) -> None:
    """Labels of every labelled layer (top layer first), sharing one placer with the basemap's names so
    that no two labels overlap; only layers with few features in view get labels."""
    conn = worker_connection(store_path)
    catalog = catalog_of(conn)
    for style in sorted(styles, key=lambda s: -s.order):
        if style.label_field is None or style.layer not in catalog:
            continue
        schema = catalog.layer(style.layer)
        values, geometries = read_labels(conn, schema, style.label_field, view.lonlat_bbox(), LABEL_LIMIT + 1)
        if values and len(values) <= LABEL_LIMIT:
            _paint_labels(painter, placer, values, geometries, schema, style, language, view)


def _paint_labels(
    painter: QPainter,
    placer: LabelPlacer,
    values: list[Any],
    geometries: np.ndarray,
    schema: LayerSchema,
    style: LayerStyle,
    language: str,
    view: View,
) -> None:
    """Label each feature at its point (points), halfway along it (lines) or at a point inside it
    (polygons), in the UI language."""
    assert style.label_field is not None  # only labelled styles come here
    field = schema.field(style.label_field)
    pixels = paint.to_pixel_geometries(geometries, view)
    if schema.is_line:  # halfway along a river, beside it
        anchors = shapely.get_coordinates(shapely.line_interpolate_point(pixels, 0.5, normalized=True))
    else:
        anchors = shapely.get_coordinates(shapely.point_on_surface(pixels))
        bounds = shapely.bounds(pixels)
        small = (bounds[:, 2] - bounds[:, 0]) < 40 * view.dpr  # beside a small polygon, not on top of it
        anchors[small, 0] = bounds[small, 2]
    labels = []
    for value, (x, y) in zip(values, anchors.tolist(), strict=True):
        text = field.vocabulary.label(str(value), language) if field.vocabulary else str(value)
        labels.append((x, y, text))
    offset = max(s.size for s in symbols_of(style)) / 2 + 3 if schema.geometry_type == "POINT" else 3.0
    label_style = LabelStyle(
        DATA_LABELS.font_px, DATA_LABELS.colour, DATA_LABELS.halo, DATA_LABELS.halo_px, offset_px=offset
    )
    draw_labels(painter, placer, labels, label_style, view.dpr)


def forget_pictures() -> None:
    """Drop every kept picture and point table (tests; a whole render follows)."""
    _pictures.clear()
    forget_points()
