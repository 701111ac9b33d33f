"""Drawing the offline Natural Earth basemap: a base image under the data and an overlay above it.

The base is what the data sits on: pale land (Kazakhstan a shade lighter than its neighbours), the
Caspian and the lakes in blue, dry lake beds in sand, rivers, and the late-1950s Aral Sea as a dashed
shoreline beside today's remnants. The overlay is what must stay readable over the data: borders with
a white halo, and names (places, countries, waters) with halos, placed without overlaps and thinned by
zoom. Names come in the UI language where known (basemap_names).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import shapely
from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen, QRegion

from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata.basemap import BaseLayer, Basemap, load_basemap
from baytak_desktop.mapdata.pan import PictureShelf, nearest_pan, uncovered
from baytak_desktop.mapdata.place_rank import TIER_FOREIGN_CAPITAL, place_tiers, rank_order
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.viewport import data_version, worker_connection
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.labels import Claim, LabelPlacer, LabelStyle, draw_labels
from baytak_desktop.ui.paint.layer import Rendered, Stale, paint_data_labels
from baytak_desktop.ui.paint.osm import view_scale
from baytak_desktop.ui.paint.osm_labels import paint_osm_labels

Place = tuple[float, float, str, bool]  # device pixel x, y, name, a major place
BACKGROUND = "#dde5ea"  # outside the basemap's coverage
LAND, HOME, NEIGHBOUR = "#f4f1e9", "#fbfaf6", "#eeeae0"
WATER, WATER_EDGE, WATER_TEXT = "#a9cde8", "#7fb1d6", "#2c5f8a"
PLAYA, PLAYA_EDGE = "#ece3c9", "#cdbf98"
RIVER, HISTORIC_ARAL = "#78aad3", "#2b6ca3"
BORDER, BORDER_HALO = "#8f7ea3", "#ffffff"
HOME_ISO = "KAZ"
# Closer than this, over an OSM basemap, a country's name is noise among the streets (OSM's style too
# names countries only at small scales)
FIELD_SCALE = 500_000
# The coarse world layers (Natural Earth 1:110 million) are drawn from this scale out; closer, one of
# their coastline's edges crosses the whole view (a straight shore through Helsinki at 1:100,000), so
# there the map is neutral beyond the detailed data, as beyond its coverage, rather than wrong
COARSE_FROM_SCALE = 1_000_000

PLACE_LABEL = LabelStyle(font_px=12.0, colour="#2b2b2b", halo="#ffffff", halo_px=2.5, offset_px=5.0)
CAPITAL_LABEL = LabelStyle(font_px=13.5, colour="#1a1a1a", halo="#ffffff", halo_px=2.5, bold=True, offset_px=6.0)
COUNTRY_LABEL = LabelStyle(font_px=14.0, colour="#8a8275", halo="#fbfaf6", halo_px=2.0, bold=True, offset_px=0.0)
WATER_LABEL = LabelStyle(font_px=12.0, colour=WATER_TEXT, halo="#d9e9f5", halo_px=2.0, italic=True, offset_px=0.0)


@dataclass(frozen=True)
class BasemapJob:
    """The Natural Earth base: no names (they are the overlay's), so no language: a language switch keeps
    its pictures and draws them neither again nor ahead."""

    path: Path


@dataclass(frozen=True)
class OverlayJob:
    """What is drawn above the data: borders and names of the basemap (unless hidden: ``basemap`` None)
    and the labels of the store's labelled layers, all placed by one placer so none overlap."""

    basemap: Path | None
    store: Path | None = None
    label_styles: tuple[LayerStyle, ...] = ()
    language: str = "en"
    # OSM basemaps shown (file, lon/lat bounds): their settlement and lake names; Natural Earth's towns
    # are left out inside their bounds, where the OSM places name the same towns more precisely
    osm: tuple[tuple[Path, tuple[float, float, float, float] | None], ...] = ()


def _scene_rect(view: View, margin_px: float = 8) -> tuple[float, float, float, float]:
    m = margin_px * view.res
    return view.x0 - m, view.y0 - m, view.x1 + m, view.y1 + m


def _shapes(layer: BaseLayer | None, view: View, keep: np.ndarray | None = None) -> np.ndarray:
    """The layer's features in view, simplified for the zoom band, in device pixels."""
    if layer is None or not len(layer.geometries):
        return np.empty(0, dtype=object)
    chosen = layer.in_rect(_scene_rect(view))
    if keep is not None:
        chosen &= keep
    if layer.coarse is not None and view_scale(view) < COARSE_FROM_SCALE:
        chosen &= ~layer.coarse
    if not chosen.any():
        return np.empty(0, dtype=object)
    return paint.to_pixel_geometries(layer.simplified(view.res)[chosen], view, projected=True)


def _fill(painter: QPainter, shapes: np.ndarray, fill: str, edge: str | None, width: float) -> None:
    if len(shapes):
        pen = QPen(QColor(edge), width) if edge else QPen(Qt.PenStyle.NoPen)
        paint.draw_polygons(painter, shapes, np.zeros(len(shapes), np.int16), [pen], [QBrush(QColor(fill))])


def _begin(view: View) -> tuple[QImage, QPainter]:
    image = paint.new_image(view)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return image, painter


def _finish(image: QImage, painter: QPainter, view: View, basemap: Basemap) -> Rendered:
    painter.end()
    image.setDevicePixelRatio(view.dpr)
    return Rendered(image, problems=tuple(basemap.problems))


@dataclass(frozen=True)
class _Base:
    """A render thread's picture of the Natural Earth base for one view (device pixels, dpr 1)."""

    job: BasemapJob
    basemap: Basemap  # the one loaded: a basemap loaded again is drawn again
    view: View
    image: QImage


BASES_KEPT = 4  # the last, the one before and a wheel notch in and out (drawn ahead): the same view is a copy
_bases: PictureShelf[tuple[_Base, ...]] = PictureShelf()


def render_basemap(job: BasemapJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """Land, countries, dry lake beds, waters, rivers and the historic Aral shoreline. The pictures of
    the last views are kept on the render thread: the same view again (a zoom back, a wheel notch drawn
    ahead) is a copy."""
    basemap = load_basemap(job.path)
    if not basemap.layers:
        return Rendered(None, problems=tuple(basemap.problems))
    kept = [base for base in _bases.get("base") or () if base.job == job and base.basemap is basemap]
    same = next((base for base in kept if base.view == view), None)
    if same is None:
        found = nearest_pan(kept, view)
        if found is not None:  # a pan: the last picture moved, only the strips it leaves drawn
            (last, (dx, dy)) = found
            same = _Base(job, basemap, view, _draw_base(basemap, view, stale, (last.image, dx, dy)))
        else:
            same = _Base(job, basemap, view, _draw_base(basemap, view, stale))
    _bases.put("base", (same, *(base for base in kept if base is not same))[:BASES_KEPT])
    image = QImage(same.image)  # shares the pixels (neither is painted on again)
    image.setDevicePixelRatio(view.dpr)
    return Rendered(image, problems=tuple(basemap.problems))


def _draw_base(
    basemap: Basemap, view: View, stale: Callable[[], bool], panned: tuple[QImage, int, int] | None = None
) -> QImage:
    """The base of ``view``; ``panned`` (the last picture and the view's whole-pixel offset from it):
    that picture moved, and the base drawn only in the strips it leaves (a pan filled and blended the
    whole view again: 5-9 ms of a field view's pan, its fills most of it)."""
    layers, d = basemap.layers, view.dpr
    image, painter = _begin(view) if panned is None else _moved(view, *panned)
    try:
        _fill_coverage(painter, layers, view)
        _fill(painter, _shapes(layers.get("land"), view), LAND, None, 0)
        countries = layers.get("countries")
        if countries is not None:
            home = countries.attributes.get("iso_a3", np.array([], dtype=object)) == HOME_ISO
            _fill(painter, _shapes(countries, view, ~home), NEIGHBOUR, None, 0)
            _fill(painter, _shapes(countries, view, home), HOME, None, 0)
        if stale():
            raise Stale()
        playa_pen_width = 0.6 * d
        _fill(painter, _shapes(layers.get("playas"), view), PLAYA, PLAYA_EDGE, playa_pen_width)
        _draw_rivers(painter, layers.get("rivers"), view)
        for name in ("seas", "lakes"):
            _fill(painter, _shapes(layers.get(name), view), WATER, WATER_EDGE, 0.8 * d)
        historic = _shapes(layers.get("lakes_historic"), view)
        if len(historic):
            pen = QPen(QColor(HISTORIC_ARAL), 1.4 * d, Qt.PenStyle.DashLine)
            paint.draw_lines(painter, shapely.boundary(historic), [pen])
    finally:
        painter.end()
    return image


def _moved(view: View, last: QImage, dx: int, dy: int) -> tuple[QImage, QPainter]:
    """A picture of ``view`` holding ``last`` moved by (-dx, -dy), its painter clipped to the strips
    left (cleared): what is drawn next lands only there."""
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
    painter.drawImage(QPoint(-dx, -dy), last)
    region = QRegion()
    for left, top, right, bottom in uncovered(view.width, view.height, dx, dy):
        strip = QRect(left, top, right - left, bottom - top)
        painter.fillRect(strip, Qt.GlobalColor.transparent)
        region = region.united(strip)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    painter.setClipRegion(region)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return image, painter


def _fill_coverage(painter: QPainter, layers: dict[str, BaseLayer], view: View) -> None:
    """Water under the land, over the area the basemap covers: what is not land there is water
    (Kara-Bogaz-Gol is in no lake layer); beyond it the neutral background says "no data here". At
    field scales the coarse world data does not count as covering: its sea is not drawn either."""
    land = layers.get("land")
    if land is None or not len(land.bounds):
        return
    bounds = land.bounds
    if view_scale(view) < COARSE_FROM_SCALE and land.is_coarse().any() and not land.is_coarse().all():
        bounds = bounds[~land.is_coarse()]  # closer, only the detailed data's sea is known
    left, top = bounds[:, 0].min(), bounds[:, 1].min()
    right, bottom = bounds[:, 2].max(), bounds[:, 3].max()
    x0, y0 = view.scene_pixels(np.array([left]), np.array([top]))
    x1, y1 = view.scene_pixels(np.array([right]), np.array([bottom]))
    box = QRectF(QPointF(float(x0[0]), float(y0[0])), QPointF(float(x1[0]), float(y1[0])))
    painter.fillRect(box.intersected(QRectF(0, 0, view.width, view.height)), QColor(WATER))


def _draw_rivers(painter: QPainter, rivers: BaseLayer | None, view: View) -> None:
    """Rivers thinned by zoom: only the big ones (low scalerank) at country scale."""
    if rivers is None:
        return
    rank = np.array(
        [
            r if isinstance(r, (int, float)) and r == r else 10
            for r in rivers.attributes.get("scalerank", np.full(len(rivers.geometries), 10))
        ],
        dtype=float,
    )
    limit = 5 if view.res * view.dpr > 2500 else 7 if view.res * view.dpr > 800 else 99
    shown = rank <= limit
    shapes = _shapes(rivers, view, shown)
    if not len(shapes):
        return
    chosen = np.flatnonzero(rivers.in_rect(_scene_rect(view)) & shown)
    widths = np.where(rank[chosen] <= 4, 1.6, np.where(rank[chosen] <= 6, 1.2, 0.9))
    zoom_bonus = 0.6 if view.res * view.dpr < 300 else 0.0
    pens = [QPen(QColor(RIVER), (w + zoom_bonus) * view.dpr) for w in (1.6, 1.2, 0.9)]
    symbol = np.select([widths == 1.6, widths == 1.2], [0, 1], 2).astype(np.int16)
    paint.draw_lines(painter, shapes, pens, symbol)


@dataclass(frozen=True)
class _Overlay:
    """A render thread's last overlay: what its next pan keeps (pixels in device pixels, dpr 1)."""

    key: tuple[object, ...]
    view: View
    image: QImage
    claims: list[Claim]


# the last, the one before (a zoom back to where the map was is a copy) and the two a wheel notch in and
# out show, drawn ahead while the map stands still (``MapLayers._draw_ahead_jobs``)
OVERLAYS_KEPT = 4
_overlays: PictureShelf[tuple[_Overlay, ...]] = PictureShelf()


def _overlay_key(job: OverlayJob) -> tuple[object, ...]:
    """The job and the store's data version (``PRAGMA data_version`` on this thread's connection): a
    commit anywhere changes the store's labels, so the next overlay is placed afresh."""
    if job.store is None or not job.label_styles:
        return (job,)
    conn = worker_connection(job.store)
    return (job, job.store.stat().st_ino, id(conn), data_version(conn))


def render_overlay(job: OverlayJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """Borders, then the data's labels, then the basemap's names where they still fit.

    A pan (whole pixels, same resolution and job, the store unchanged) keeps the last overlay's pixels
    and labels where they are, moved with the map; the borders are drawn in the uncovered strips and
    only the names reaching into them are placed, around the kept ones (``LabelPlacer``). The overlay
    before the last is kept too: a wheel zoom back to its view keeps its names as they were."""
    basemap = load_basemap(job.basemap) if job.basemap else Basemap(Path(), {}, [])
    layers = basemap.layers
    if not layers and not (job.store and job.label_styles) and not job.osm:
        return Rendered(None, problems=tuple(basemap.problems))
    key = _overlay_key(job)
    kept = [overlay for overlay in _overlays.get("overlay") or () if overlay.key == key]
    found = nearest_pan(kept, view)
    last, offset = found if found is not None else (None, None)
    if last is not None and offset == (0, 0):  # the very view again (a zoom back, a notch drawn ahead)
        _overlays.put("overlay", (last, *(o for o in kept if o is not last))[:OVERLAYS_KEPT])
        return _kept_overlay(last, view, basemap)
    image, painter = _begin(view)
    placed: list[str] = []
    try:
        strips = [QRect(0, 0, view.width, view.height)]
        placer = LabelPlacer(view.width, view.height)
        if last is not None and offset is not None:
            dx, dy = offset
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
            painter.drawImage(QPoint(-dx, -dy), last.image)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            strips = [
                QRect(left, top, right - left, bottom - top)
                for left, top, right, bottom in uncovered(view.width, view.height, dx, dy)
            ]
            placer = LabelPlacer(view.width, view.height, known=QRectF(-dx, -dy, view.width, view.height))
            placer.keep(last.claims, dx, dy)
        borders = _borders_of(basemap, view) if layers.get("boundary_lines") is not None else None
        if borders is not None and strips:
            region = QRegion()
            for strip in strips:
                region = region.united(strip)
            painter.setClipRegion(region)
            painter.drawImage(QPoint(0, 0), borders)  # onto transparent pixels: the lines' very pixels
            painter.setClipping(False)
        places = _outside(_places(layers.get("places"), view, job.language), view, job.osm)
        _draw_places(painter, placer, [p for p in places if p[3]], view, CAPITAL_LABEL)
        if job.store and job.label_styles:
            paint_data_labels(painter, placer, job.store, job.label_styles, job.language, view)
        if stale():
            raise Stale()
        for path, _ in job.osm:
            paint_osm_labels(painter, placer, path, view, job.language, placed)
        field_scale = bool(job.osm) and view_scale(view) < FIELD_SCALE
        minor = [p for p in places if not p[3]]
        _draw_names(painter, placer, layers, view, job.language, minor, countries=not field_scale, placed=placed)
    finally:
        result = _finish(image, painter, view, basemap)
    picture = image if view.dpr == 1 else image.copy()
    picture.setDevicePixelRatio(1.0)
    others = [overlay for overlay in kept if overlay is not last]
    _overlays.put("overlay", (_Overlay(key, view, picture, placer.claims), *others)[:OVERLAYS_KEPT])
    result.labels = tuple(placer.placed)
    return result


@dataclass(frozen=True)
class _Borders:
    """A render thread's last picture of the borders alone (device pixels, dpr 1)."""

    basemap: Basemap
    view: View
    image: QImage


# The borders do not change with the language, and drawing them was half an overlay's time (12,900
# polylines of the country-scale view, 25-35 ms of 60): kept apart from the names, a language switch
# draws the names only, a pan moves the borders and draws them in its strips alone
_borders: PictureShelf[_Borders] = PictureShelf()


def _borders_of(basemap: Basemap, view: View) -> QImage:
    """The country borders of ``view`` alone: the last picture of them when ``view`` is its very view (a
    language switch) or a pan of it (moved, the strips drawn), else drawn whole."""
    last = _borders.get("borders")
    found = nearest_pan([last] if last is not None and last.basemap is basemap else [], view)
    if found is not None and found[1] == (0, 0):
        return found[0].image
    image, painter = _begin(view) if found is None else _moved(view, found[0].image, *found[1])
    try:
        lines = basemap.layers.get("boundary_lines")
        borders = _shapes(lines, view, _real_borders(lines))
        if len(borders):
            paint.draw_lines(painter, borders, [QPen(QColor(255, 255, 255, 170), 3.6 * view.dpr)])
            paint.draw_lines(painter, borders, [QPen(QColor(BORDER), 1.3 * view.dpr)])
    finally:
        painter.end()
    _borders.put("borders", _Borders(basemap, view, image))
    return image


def _kept_overlay(overlay: _Overlay, view: View, basemap: Basemap) -> Rendered:
    """A kept overlay as its view's picture: every name it placed stays, none is placed again (a
    render of that view with it kept would judge every candidate already judged, as a pan does)."""
    image = overlay.image
    if view.dpr != 1:
        image = image.copy()
        image.setDevicePixelRatio(view.dpr)
    labels = tuple(text for _, text in overlay.claims if text is not None)
    return Rendered(image, problems=tuple(basemap.problems), labels=labels)


def forget_overlays() -> None:
    """Drop every kept overlay and base picture (tests; a whole render follows)."""
    _overlays.clear()
    _bases.clear()
    _borders.clear()


def last_claims() -> list[Claim]:
    """The boxes and texts of this thread's last overlay (tests)."""
    kept = _overlays.get("overlay")
    return kept[0].claims if kept else []


def _outside(
    places: list[Place], view: View, osm: tuple[tuple[Path, tuple[float, float, float, float] | None], ...]
) -> list[Place]:
    """The Natural Earth places outside every OSM basemap shown (pixel positions tested against its box)."""
    boxes = []
    for _, bounds in osm:
        if bounds is not None:
            west, south, east, north = bounds
            xs, ys = view.pixels(np.array([west, east]), np.array([north, south]))
            boxes.append((float(xs[0]), float(ys[0]), float(xs[1]), float(ys[1])))
    return [p for p in places if not any(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for x0, y0, x1, y1 in boxes)]


def _real_borders(lines: BaseLayer | None) -> np.ndarray | None:
    """Country borders only: Natural Earth also draws the Baikonur lease limit, which is not one."""
    if lines is None:
        return None
    return np.array([c != "Lease limit" for c in lines.attributes.get("featurecla", [])], dtype=bool)


def _min_population(res: float) -> float:
    """Which towns are named at a zoom: cities only at the scale of Central Asia, all up close."""
    return 300_000 if res > 3000 else 100_000 if res > 1500 else 30_000 if res > 600 else 0


def _draw_names(
    painter: QPainter,
    placer: LabelPlacer,
    layers: dict[str, BaseLayer],
    view: View,
    language: str,
    minor_places: list[Place],
    countries: bool = True,
    placed: list[str] | None = None,
) -> None:
    """Waters, countries, then the smaller towns, each only where it does not overlap a name already drawn."""
    _draw_area_names(painter, placer, layers.get("seas"), view, language, WATER_LABEL, 40)
    _draw_area_names(painter, placer, layers.get("lakes"), view, language, WATER_LABEL, 40)
    _draw_area_names(painter, placer, layers.get("lakes_historic"), view, language, WATER_LABEL, 60)
    if countries:
        _draw_area_names(
            painter, placer, layers.get("countries"), view, language, COUNTRY_LABEL, 160, upper=True, placed=placed
        )
    _draw_places(painter, placer, minor_places, view, PLACE_LABEL)


def _places(layer: BaseLayer | None, view: View, language: str) -> list[Place]:
    """(x px, y px, name, is_major) of the places to name, in place rank order (``mapdata.place_rank``)."""
    if layer is None:
        return []
    inside = layer.in_rect(_scene_rect(view))
    count = len(inside)
    population = np.array(
        [p if isinstance(p, (int, float)) and p == p else 0 for p in layer.attributes.get("pop_max", np.zeros(count))],
        dtype=float,
    )
    kind = layer.attributes.get("featurecla", np.full(count, "", dtype=object))
    tiers = place_tiers(
        layer.attributes.get("name", np.full(count, "", dtype=object)),
        layer.attributes.get("adm0name", np.full(count, "", dtype=object)),
        kind,
        population,
    )
    always = tiers <= TIER_FOREIGN_CAPITAL
    chosen = np.flatnonzero(inside & ((population >= _min_population(view.res * view.dpr)) | always))
    if not len(chosen):
        return []
    order = chosen[rank_order(tiers[chosen], population[chosen])]
    coords = shapely.get_coordinates(layer.geometries[order])
    xs, ys = view.scene_pixels(coords[:, 0], coords[:, 1])
    names = layer.names(language)
    major = always | (population >= 500_000)
    return [
        (x, y, names[i], bool(major[i]))
        for x, y, i in zip(xs.tolist(), ys.tolist(), order.tolist(), strict=True)
        if names[i]
    ]


def _draw_places(painter: QPainter, placer: LabelPlacer, places: list[Place], view: View, style: LabelStyle) -> None:
    """A dot for each town whose name fits (on the right of the dot, else on its left), then the dots on
    top of the halos so they stay visible."""
    radius = (3.0 if style.bold else 2.3) * view.dpr
    left = replace(style, offset_px=-style.offset_px)
    shown = []
    for x, y, name, _ in places:
        for side in (style, left):
            if draw_labels(painter, placer, [(x, y, name)], side, view.dpr, reserve_anchor=radius + 1):
                shown.append((x, y))
                break
    painter.setPen(QPen(QColor("#ffffff"), 1.2 * view.dpr))
    painter.setBrush(QColor("#3a3a3a"))
    for x, y in shown:
        painter.drawEllipse(QPointF(x, y), radius, radius)


def _draw_area_names(
    painter: QPainter,
    placer: LabelPlacer,
    layer: BaseLayer | None,
    view: View,
    language: str,
    style: LabelStyle,
    min_width_px: float,
    upper: bool = False,
    placed: list[str] | None = None,
) -> None:
    """Names of countries and waters at a point inside them, when they are wide enough on screen."""
    if layer is None:
        return
    chosen = np.flatnonzero(layer.in_rect(_scene_rect(view)))
    if not len(chosen):
        return
    shapes = paint.to_pixel_geometries(layer.simplified(view.res)[chosen], view, projected=True)
    visible = shapely.clip_by_rect(shapes, 0, 0, view.width, view.height)
    bounds = shapely.bounds(visible)
    names = layer.names(language)
    labels: list[tuple[float, float, float, str]] = []
    for row, index in enumerate(chosen.tolist()):
        width = bounds[row, 2] - bounds[row, 0]
        name = names[index]
        if upper and shapely.area(visible[row]) >= 0.9 * view.width * view.height:
            continue  # a country filling the whole view: its name would only sit on the data
        if name and width >= min_width_px * view.dpr and not shapely.is_empty(visible[row]):
            point = shapely.point_on_surface(_largest_part(visible[row]))
            text = name.upper() if upper else name
            labels.append((width, point.x, point.y, text))
    labels.sort(reverse=True)
    draw_labels(painter, placer, [(x, y, t) for _, x, y, t in labels], style, view.dpr, placed_texts=placed)


def _largest_part(geom: shapely.Geometry) -> shapely.Geometry:
    parts = shapely.get_parts(geom)
    return parts[int(np.argmax(shapely.area(parts)))] if len(parts) > 1 else geom
