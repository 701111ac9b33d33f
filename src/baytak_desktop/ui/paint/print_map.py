"""The map of an exhibit painted with any QPainter (PDF, SVG or image), as vectors, from the canvas's own code.

The canvas renders each layer into its own QImage; a printed page wants the same picture as vector
paths, so here the basemap and the store's layers are painted straight onto the page's painter, through
the canvas's drawing functions (draw, basemap, layer). The basemap's private helpers are
called on purpose: this module is the thin public entry point for printing, so the screen and the paper
never draw the same sea in two different ways. Only point markers are drawn differently: the canvas stamps
a raster sprite, paper gets a vector circle (up to ``VECTOR_MARKERS`` points; beyond that the sprites).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen
from rasterio.enums import Resampling

from baytak_desktop.basemap.imagery_view import read_view
from baytak_desktop.basemap.osm_view import FeatureSet, read_features
from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.layers.style import LayerStyle, Symbol
from baytak_desktop.mapdata.basemap import Basemap, load_basemap
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.reference import OSM, Look, ReferenceLayer, read_reference, with_looks
from baytak_desktop.mapdata.viewport import LayerData, odd_points, read_layer, read_only
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.ui.paint import basemap as base
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.imagery import image_view, to_qimage
from baytak_desktop.ui.paint.labels import LabelPlacer
from baytak_desktop.ui.paint.layer import paint_data_labels, symbols_of
from baytak_desktop.ui.paint.osm import DRAWN, paint_osm, view_scale
from baytak_desktop.ui.paint.osm_labels import paint_osm_labels

VECTOR_MARKERS = 20_000  # more points than this are stamped from a sprite (a PDF of a million circles is slow)
HIGHLIGHT, HIGHLIGHT_HALO = "#e4007c", "#ffffff"


@dataclass
class MapContent:
    """What one exhibit map shows: the styles drawn (bottom first) and the features of each in view."""

    styles: list[LayerStyle]
    data: dict[str, LayerData] = field(default_factory=dict)
    basemap: Basemap | None = None
    catalog: Catalog = field(default_factory=builtin_catalog)  # the store's layers, published ones included
    osm: list[tuple[Path, dict[str, FeatureSet]]] = field(default_factory=list)  # OSM basemaps, as vectors
    images: list[ReferenceLayer] = field(default_factory=list)  # drone and satellite images, as the map shows them
    labels: list[str] = field(default_factory=list)  # the OSM names placed on the map

    def counts(self, layer: str) -> np.ndarray:
        """Features per symbol index of ``layer`` in view (index 0: the default symbol)."""
        data = self.data.get(layer)
        style = next(s for s in self.styles if s.layer == layer)
        size = len(symbols_of(style))
        return (
            np.bincount(data.symbol, minlength=size)[:size] if data is not None and len(data) else np.zeros(size, int)
        )


def read_content(
    store: Path | None,
    styles: list[LayerStyle],
    view: View,
    basemap: Path | None,
    looks: tuple[Look, ...] | None = None,
) -> MapContent:
    """The features of every style's layer in ``view`` (one read-only connection), the basemap, and the
    store's basemaps and images as ``looks`` say (``reference.with_looks``)."""
    content = MapContent(sorted(styles, key=lambda s: s.order), basemap=load_basemap(basemap) if basemap else None)
    if store is None:
        return content
    read_reference_content(content, store, view, with_basemaps=basemap is not None, looks=looks)
    with read_only(store) as conn:
        content.catalog = catalog_of(conn)
        content.styles = [s for s in content.styles if s.layer in content.catalog]
        for style in content.styles:
            margin = max(s.size + 2 * s.stroke_width for s in symbols_of(style)) * view.dpr / 2 + 1
            schema = content.catalog.layer(style.layer)
            content.data[style.layer] = read_layer(conn, schema, style, view.lonlat_bbox(margin))
    return content


def read_reference_content(
    content: MapContent, store: Path, view: View, with_basemaps: bool = True, looks: tuple[Look, ...] | None = None
) -> None:
    """The store's OSM basemaps (their features at the paper's scale: ``view`` carries the print dpi) and
    its images, those on this device and shown (``looks``); an old store without the registry tables has none."""
    try:
        with Store.open(store, readonly=True) as opened:
            layers = [layer for layer in with_looks(read_reference(opened), looks) if layer.present]
    except (BaytakError, DatabaseError):
        return
    scale = view_scale(view)
    west, south, east, north = view.lonlat_bbox(0)
    for layer in layers:
        if layer.kind == OSM and with_basemaps:
            content.osm.append((layer.path, read_features(layer.path, view.lonlat_bbox(16), scale, "en", DRAWN)))
        elif layer.image is not None:
            w, s, e, n = layer.image.bounds
            if w <= east and e >= west and s <= north and n >= south:  # only what the page shows (and lists)
                content.images.append(layer)


def paint_images(painter: QPainter, images: list[ReferenceLayer], view: View) -> None:
    """Each image warped to the page at print resolution (bilinear: no blocky pixels on paper), with the
    opacity and brightness it has on screen, so the paper shows what the person looked at."""
    for layer in images:
        if layer.image is None:
            continue
        rgba = read_view(layer.image, image_view(view), layer.brightness, resampling=Resampling.bilinear)
        if rgba[..., 3].any():
            painter.save()
            painter.setOpacity(layer.opacity)
            painter.drawImage(QRectF(0, 0, view.width, view.height), to_qimage(rgba))
            painter.restore()


def paint_map(
    painter: QPainter,
    content: MapContent,
    view: View,
    language: str,
    store: Path | None,
    tiles: QImage | None = None,
    highlight: shapely.Geometry | None = None,
    reserved: tuple[QRectF, ...] = (),
) -> None:
    """The whole map into (0, 0, view.width, view.height) of the painter: basemap, tiles, data, labels."""
    painter.save()
    painter.setClipRect(QRectF(0, 0, view.width, view.height))
    painter.fillRect(QRectF(0, 0, view.width, view.height), QColor(base.BACKGROUND))
    if content.basemap is not None and content.basemap.layers:
        paint_basemap(painter, content.basemap, view)
    for _, features in content.osm:
        paint_osm(painter, features, view, view_scale(view))
    if tiles is not None and not tiles.isNull():
        painter.drawImage(QRectF(0, 0, view.width, view.height), tiles)
    paint_images(painter, content.images, view)
    for style in content.styles:
        data = content.data.get(style.layer)
        if data is not None and len(data):
            painter.save()
            painter.setOpacity(style.opacity)
            paint_features(painter, style, data, view, content.catalog.layer(style.layer).is_line)
            painter.restore()
    if highlight is not None:
        paint_highlight(painter, highlight, view)
    paint_overlay(painter, content, view, language, store, reserved)
    painter.restore()


def paint_basemap(painter: QPainter, basemap: Basemap, view: View) -> None:
    """The basemap's base picture, in the order and colours of ``basemap.render_basemap``."""
    layers, d = basemap.layers, view.dpr
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    base._fill_coverage(painter, layers, view)
    base._fill(painter, base._shapes(layers.get("land"), view), base.LAND, None, 0)
    countries = layers.get("countries")
    if countries is not None:
        home = countries.attributes.get("iso_a3", np.array([], dtype=object)) == base.HOME_ISO
        base._fill(painter, base._shapes(countries, view, ~home), base.NEIGHBOUR, None, 0)
        base._fill(painter, base._shapes(countries, view, home), base.HOME, None, 0)
    base._fill(painter, base._shapes(layers.get("playas"), view), base.PLAYA, base.PLAYA_EDGE, 0.6 * d)
    base._draw_rivers(painter, layers.get("rivers"), view)
    for name in ("seas", "lakes"):
        base._fill(painter, base._shapes(layers.get(name), view), base.WATER, base.WATER_EDGE, 0.8 * d)
    historic = base._shapes(layers.get("lakes_historic"), view)
    if len(historic):
        pen = QPen(QColor(base.HISTORIC_ARAL), 1.4 * d, Qt.PenStyle.DashLine)
        paint.draw_lines(painter, shapely.boundary(historic), [pen])


def basemap_shows(basemap: Basemap | None, view: View) -> set[str]:
    """Which basemap layers have something in view (the legend lists only those)."""
    if basemap is None:
        return set()
    frame = shapely.box(0, 0, view.width, view.height)
    return {
        name
        for name, layer in basemap.layers.items()
        if len(layer.geometries) and shapely.intersects(base._shapes(layer, view), frame).any()
    }


def paint_overlay(
    painter: QPainter,
    content: MapContent,
    view: View,
    language: str,
    store: Path | None,
    reserved: tuple[QRectF, ...] = (),
) -> None:
    """Borders, data labels and basemap names, placed by one placer as in ``basemap.render_overlay``; no
    label goes under the ``reserved`` boxes (the scale bar and north arrow drawn over the map)."""
    layers = content.basemap.layers if content.basemap is not None else {}
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    borders = base._shapes(layers.get("boundary_lines"), view, base._real_borders(layers.get("boundary_lines")))
    if len(borders):
        paint.draw_lines(painter, borders, [QPen(QColor(255, 255, 255, 170), 3.6 * view.dpr)])
        paint.draw_lines(painter, borders, [QPen(QColor(base.BORDER), 1.3 * view.dpr)])
    placer = LabelPlacer(view.width, view.height)
    for box in reserved:  # clamped: the placer refuses a box reaching past the image by a fraction of a pixel
        placer.take(box.intersected(QRectF(0, 0, view.width - 0.01, view.height - 0.01)))
    places = base._places(layers.get("places"), view, language)
    if content.osm:  # the OSM places name the towns more precisely; Natural Earth's only beyond them
        places = base._outside(places, view, tuple((path, _bounds(features)) for path, features in content.osm))
    base._draw_places(painter, placer, [p for p in places if p[3]], view, base.CAPITAL_LABEL)
    labelled = tuple(s for s in content.styles if s.label_field)
    if store is not None and labelled:
        paint_data_labels(painter, placer, store, labelled, language, view)
    for path, _ in content.osm:
        paint_osm_labels(painter, placer, path, view, language, content.labels)
    if layers:
        field_scale = bool(content.osm) and view_scale(view) < base.FIELD_SCALE
        base._draw_names(painter, placer, layers, view, language, [p for p in places if not p[3]], not field_scale)


def _bounds(features: dict[str, FeatureSet]) -> tuple[float, float, float, float] | None:
    """The lon/lat box of the OSM features read for the page (where the OSM places replace Natural Earth's)."""
    geometries = [f.geometries for f in features.values() if len(f)]
    if not geometries:
        return None
    west, south, east, north = shapely.total_bounds(np.concatenate(geometries))
    return float(west), float(south), float(east), float(north)


def paint_features(painter: QPainter, style: LayerStyle, data: LayerData, view: View, lines: bool = False) -> None:
    """One layer's features: polygons and lines (``lines``) through ``draw``, points as vector circles."""
    symbols = symbols_of(style)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if data.points is not None:
        _paint_points(painter, data.points, data, symbols, view)
        return
    if data.geometries is None:
        return
    pixels = paint.to_pixel_geometries(data.geometries, view)
    small, large = paint.split_small(pixels)
    pens = [paint.stroke_pen(s, view.dpr) for s in symbols]
    if lines:
        paint.draw_lines(painter, pixels[large], pens, data.symbol[large])
    else:
        brushes = [
            QBrush(paint.qcolor(s.fill, s.fill_alpha)) if s.fill_alpha > 0 else QBrush(Qt.BrushStyle.NoBrush)
            for s in symbols
        ]
        paint.draw_polygons(painter, pixels[large], data.symbol[large], pens, brushes)
    if small.any():
        paint.draw_dots(painter, pixels[small], data.symbol[small], [paint.qcolor(s.stroke) for s in symbols])


def _paint_points(painter: QPainter, points: np.ndarray, data: LayerData, symbols: list[Symbol], view: View) -> None:
    px = np.column_stack(view.pixels(points[:, 0], points[:, 1]))
    symbol = data.symbol
    extra = odd_points(data)
    if len(extra):
        px = np.vstack([px, np.column_stack(view.pixels(extra[:, 0], extra[:, 1]))])
        symbol = np.concatenate([symbol, symbol[extra[:, 2].astype(np.int64)]])
    valid = ~np.isnan(px[:, 0])
    px, symbol = px[valid], symbol[valid]
    if len(px) > VECTOR_MARKERS:
        sprites = [paint.marker_sprite(s, view.dpr) for s in symbols]
        paint.draw_markers(painter, px, symbol, sprites, view.width, view.height)
        return
    for index, s in enumerate(symbols):
        chosen = px[symbol == index]
        if not len(chosen):
            continue
        stroke = s.stroke_width * view.dpr
        painter.setPen(QPen(paint.qcolor(s.stroke), stroke) if stroke > 0 else QPen(Qt.PenStyle.NoPen))
        painter.setBrush(paint.qcolor(s.fill))
        radius = s.size * view.dpr / 2
        for x, y in chosen.tolist():
            painter.drawEllipse(QPointF(x, y), radius, radius)


def paint_highlight(painter: QPainter, geometry: shapely.Geometry, view: View) -> None:
    """The dossier's site: a white-haloed magenta outline (or ring around a point) nobody can miss."""
    pixels = paint.to_pixel_geometries(np.array([geometry], dtype=object), view)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if geometry.geom_type in ("Point", "MultiPoint"):
        for x, y in shapely.get_coordinates(pixels).tolist():
            for colour, width in ((HIGHLIGHT_HALO, 5.0), (HIGHLIGHT, 2.5)):
                painter.setPen(QPen(QColor(colour), width * view.dpr))
                painter.drawEllipse(QPointF(x, y), 11 * view.dpr, 11 * view.dpr)
        return
    rings = shapely.boundary(pixels) if "Polygon" in geometry.geom_type else pixels
    paint.draw_lines(painter, rings, [QPen(QColor(HIGHLIGHT_HALO), 5.0 * view.dpr)])
    paint.draw_lines(painter, rings, [QPen(QColor(HIGHLIGHT), 2.5 * view.dpr)])
