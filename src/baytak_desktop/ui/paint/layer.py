"""Rendering one store layer for one view into a QImage: the job a render worker runs.

It gets an immutable snapshot (store path, style, language, view), opens its own read-only connection,
reads the view's features through the R-tree, paints them and returns the image. It checks ``stale()``
between steps and gives up early when the user has already moved on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QImage, QPainter

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.style import LayerStyle, Symbol
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.viewport import LayerData, odd_points, read_labels, read_layer, worker_connection
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
    style: LayerStyle
    language: str = "en"


@dataclass
class Rendered:
    image: QImage | None
    features: int = 0
    problems: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # the names the overlay placed, in priority order


def symbols_of(style: LayerStyle) -> list[Symbol]:
    """Index 0 is the default symbol, i + 1 the i-th category's (as mapdata.viewport.symbol_sql numbers them)."""
    return [style.symbol, *(c.symbol for c in style.categories)] if style.kind == "categorized" else [style.symbol]


def render_store_layer(job: LayerJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    conn = worker_connection(job.store_path)
    schema = catalog_of(conn).layer(job.style.layer)  # the store's: a layer published since is drawn too
    symbols = symbols_of(job.style)
    margin = max(s.size + 2 * s.stroke_width for s in symbols) * view.dpr / 2 + 1
    data = read_layer(conn, schema, job.style, view.lonlat_bbox(margin))
    if stale():
        raise Stale()
    if not len(data):
        return Rendered(None)
    image = paint.new_image(view)
    painter = QPainter(image)
    try:
        _paint_features(painter, schema, data, symbols, view, stale)
    finally:
        painter.end()
    image.setDevicePixelRatio(view.dpr)
    return Rendered(image, len(data))


def _paint_features(
    painter: QPainter,
    schema: LayerSchema,
    data: LayerData,
    symbols: list[Symbol],
    view: View,
    stale: Callable[[], bool] = lambda: False,
) -> None:
    """Points stamped as markers; lines and polygons a slice at a time (GIL-holding calls stay short)."""
    if data.points is not None:
        px = np.column_stack(view.pixels(data.points[:, 0], data.points[:, 1]))
        extra = odd_points(data)
        if len(extra):
            rows = extra[:, 2].astype(np.int64)
            px = np.vstack([px, np.column_stack(view.pixels(extra[:, 0], extra[:, 1]))])
            symbol = np.concatenate([data.symbol, data.symbol[rows]])
        else:
            symbol = data.symbol
        valid = ~np.isnan(px[:, 0])
        sprites = [paint.marker_sprite(s, view.dpr) for s in symbols]
        paint.draw_markers(painter, px[valid], symbol[valid], sprites, view.width, view.height)
        return
    if data.geometries is None:
        return
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
