"""The OSM basemap's fast drawing against a plain reference drawing of the same extent (real Helsinki data).

The canvas draws the basemap from projected tiles kept between redraws, every class of roads as
segments in a handful of calls, dashes laid out in numpy (ui/paint/osm.py). The reference here is the
straightforward way: the rows read for the view by ``read_features`` (lon/lat, in fid order), every
line drawn as its own polyline with Qt's round joins (and square ends, as the map's) and Qt's own dash
pattern, every polygon as its own polygon, in the same order and with the same style table. The two
pictures must agree but for antialiasing at edges (and the corners of square ends at bends), at the
four scale bands, for a whole render and for a pan (strips drawn on the last
picture).
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPen

from baytak_desktop.basemap import osm_style as style
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.osm_view import FeatureSet, read_features
from baytak_desktop.mapdata import osm_tiles
from baytak_desktop.mapdata.projection import View, to_scene
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.osm import DRAWN, MARGIN_PX, OsmJob, forget_pictures, render_osm, view_scale

DATA = Path(__file__).resolve().parents[2] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
CENTRE = (24.944, 60.171)
SCALES = (500_000, 100_000, 20_000, 5_000)


@pytest.fixture(scope="module")
def basemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("osm") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


def view_at(lon: float, lat: float, scale: float, width: int = 1000, height: int = 700) -> View:
    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    return View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)


def in_fid_order(features: dict[str, FeatureSet]) -> dict[str, FeatureSet]:
    out = {}
    for name, f in features.items():
        order = np.argsort(f.fids) if f.fids is not None else np.arange(len(f))
        out[name] = FeatureSet(name, f.geometries[order], f.classes[order], f.labels[order])
    return out


def reference(path: Path, view: View) -> QImage:
    """The basemap drawn feature by feature (the way it was drawn before the tile cache and segments)."""
    scale = view_scale(view)
    features = in_fid_order(read_features(path, view.lonlat_bbox(MARGIN_PX), scale, "en", only=DRAWN))
    image = paint.new_image(view)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def pixels(f: FeatureSet, chosen: np.ndarray) -> list[np.ndarray]:
        geoms = paint.to_pixel_geometries(f.geometries[chosen], view)
        return list(geoms)

    def areas(
        f: FeatureSet | None, by_class: dict[str, style.AreaStyle], default: style.AreaStyle, smallest: float = 0.0
    ) -> None:
        if f is None or not len(f):
            return
        for geometry, cls in zip(pixels(f, np.arange(len(f))), f.classes, strict=True):
            if geometry is None or shapely.is_empty(geometry):
                continue
            x0, y0, x1, y1 = shapely.bounds(geometry)
            if x1 - x0 < paint.DOT_BELOW_PX and y1 - y0 < paint.DOT_BELOW_PX:
                continue
            if (x1 - x0) * (y1 - y0) < smallest:  # buildings at 1:20,000: the big ones alone
                continue
            look = by_class.get(str(cls), default)
            painter.setPen(QPen(QColor(look.outline), 0.6) if look.outline else QPen(Qt.PenStyle.NoPen))
            painter.setBrush(QBrush(paint.qcolor(look.fill, look.fill_alpha)))
            for part in shapely.get_parts(geometry):
                rings = [shapely.simplify(r, paint.SIMPLIFY_PX) for r in shapely.get_rings(part)]
                if len(rings) == 1:
                    painter.drawPolygon(paint.qpolygonf(shapely.get_coordinates(rings[0])))
                else:
                    from PySide6.QtGui import QPainterPath

                    shape = QPainterPath()
                    shape.setFillRule(Qt.FillRule.OddEvenFill)
                    for ring in rings:
                        shape.addPolygon(paint.qpolygonf(shapely.get_coordinates(ring)))
                    painter.drawPath(shape)

    def lines(f: FeatureSet | None, by_class: dict[str, style.LineStyle], order: tuple[str, ...], casing: bool) -> None:
        if f is None or not len(f):
            return
        for name in order:
            look = by_class[name]
            width = style.line_width(look, scale)
            if width <= 0 or (casing and (look.casing is None or width < 2.0)):
                continue
            pen = QPen(
                QColor(look.casing if casing else style.line_colour(look, scale)),
                width + 2 * look.casing_px if casing else width,
            )
            pen.setCapStyle(Qt.PenCapStyle.SquareCap if not look.dash else Qt.PenCapStyle.FlatCap)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            if look.dash and not casing:
                pen.setDashPattern(list(look.dash))
            painter.setPen(pen)
            polylines(f, np.flatnonzero(f.classes == name))

    def polylines(f: FeatureSet, chosen: np.ndarray) -> None:
        for geometry in pixels(f, chosen):
            for part in shapely.get_parts(geometry):
                coords = shapely.get_coordinates(shapely.simplify(part, paint.SIMPLIFY_PX, preserve_topology=False))
                if len(coords) >= 2:
                    painter.drawPolyline(paint.qpolygonf(coords))

    areas(features.get("osm_landcover"), style.LANDCOVER, style.LANDCOVER_DEFAULT)
    areas(features.get("osm_protected"), {}, style.PROTECTED)
    areas(features.get("osm_water"), {}, style.WATER)
    lines(features.get("osm_waterways"), style.WATERWAYS, tuple(style.WATERWAYS), False)
    areas(features.get("osm_buildings"), {}, style.BUILDINGS, style.BUILDING_MIN_BOX_PX[style.band(scale)])
    lines(features.get("osm_roads"), style.ROADS, style.ROAD_ORDER, True)
    lines(features.get("osm_roads"), style.ROADS, style.ROAD_ORDER, False)
    railways = features.get("osm_railways")
    lines(railways, style.RAILWAYS, ("tram", "rail"), False)
    if railways is not None and len(railways) and style.band(scale) >= 1:
        width = style.line_width(style.RAILWAYS["rail"], scale) * 0.45
        ties = QPen(QColor(style.RAIL_TIES), width, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap)
        ties.setDashPattern([6.0, 6.0])
        painter.setPen(ties)
        polylines(railways, np.flatnonzero(railways.classes == "rail"))
    painter.end()
    return image


def rgba(image: QImage) -> np.ndarray:
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(converted.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).astype(int)


def blocks(pixels: np.ndarray, side: int = 4) -> np.ndarray:
    """The mean of every ``side`` x ``side`` block: a dash a pixel further along the same path, or an
    edge antialiased a little differently, leaves it almost unchanged; a feature missing or moved does not."""
    h, w = pixels.shape[0] // side * side, pixels.shape[1] // side * side
    return pixels[:h, :w].reshape(h // side, side, w // side, side, 4).mean(axis=(1, 3))


def assert_alike(ours: QImage, theirs: QImage) -> None:
    a, b = rgba(ours), rgba(theirs)
    # there is a map to compare, not two empty sheets (at 1:500,000 the extract is a few pixels wide)
    assert ((a[..., 3] > 0) | (b[..., 3] > 0)).sum() > 100
    assert np.abs(a - b).mean() < 2.0
    coarse_a, coarse_b = blocks(a), blocks(b)
    painted = (coarse_a[..., 3] > 0) | (coarse_b[..., 3] > 0)
    differ = np.abs(coarse_a - coarse_b).max(axis=-1) > 32
    assert differ.sum() / painted.sum() < 0.02


@pytest.mark.parametrize("scale", SCALES)
def test_a_whole_render_matches_the_reference(qapp, basemap: Path, scale: int) -> None:
    osm_tiles.CACHE.clear()
    forget_pictures()
    view = view_at(*CENTRE, scale)
    ours = render_osm(OsmJob(basemap), view)
    assert ours.image is not None and ours.features > 0
    assert_alike(ours.image, reference(basemap, view))
    # drawn again from the tiles kept (nothing read): the same picture
    reads = osm_tiles.CACHE.reads
    forget_pictures()
    again = render_osm(OsmJob(basemap), view)
    assert osm_tiles.CACHE.reads == reads
    assert again.image is not None and rgba(again.image).tolist() == rgba(ours.image).tolist()


@pytest.mark.parametrize("scale", [20_000, 5_000])
def test_a_pan_and_a_zoom_match_the_reference(qapp, basemap: Path, scale: int) -> None:
    osm_tiles.CACHE.clear()
    forget_pictures()
    view = view_at(*CENTRE, scale)
    render_osm(OsmJob(basemap), view)
    panned = View(view.x0 + 250 * view.res, view.y0 - 120 * view.res, view.res, view.width, view.height)
    ours = render_osm(OsmJob(basemap), panned)
    assert ours.image is not None
    assert_alike(ours.image, reference(basemap, panned))
    zoomed = panned.zoomed_window(0.5)  # the wheel's step: within the scale's level, from the tiles kept
    ours = render_osm(OsmJob(basemap), zoomed)
    assert ours.image is not None
    assert_alike(ours.image, reference(basemap, zoomed))


def test_a_polygon_far_bigger_than_the_view_is_clipped_and_matches(qapp, basemap: Path) -> None:
    """At 1:2,000 a park or the sea around Helsinki is many times the view: it is clipped by shapely
    (not moved to pixels with numpy as the others) and drawn in its place among the others."""
    osm_tiles.CACHE.clear()
    forget_pictures()
    view = view_at(*CENTRE, 2_000)
    features = osm_tiles.CACHE.features(basemap, (view.x0, view.y0, view.x1, view.y1), 2_000, only=DRAWN)
    bounds = np.concatenate([shapely.bounds(features[t].geometries) for t in ("osm_landcover", "osm_water")])
    wide = (bounds[:, 2] - bounds[:, 0]) / view.res > 2 * view.width
    tall = (bounds[:, 3] - bounds[:, 1]) / view.res > 2 * view.height
    assert (wide | tall).any()
    ours = render_osm(OsmJob(basemap), view)
    assert ours.image is not None
    assert_alike(ours.image, reference(basemap, view))


def test_a_zoom_back_to_the_view_before_draws_nothing(qapp, basemap: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zoomed in and back out (the wheel's steps): the picture of the view before is kept and shown
    again; nothing is read, and it is the same picture."""
    osm_tiles.CACHE.clear()
    forget_pictures()
    view = view_at(*CENTRE, 20_000)
    first = render_osm(OsmJob(basemap), view)
    render_osm(OsmJob(basemap), view.zoomed_window(0.5))
    asked: list[float] = []
    original = osm_tiles.CACHE.features
    monkeypatch.setattr(osm_tiles.CACHE, "features", lambda *a, **k: asked.append(1) or original(*a, **k))
    back = render_osm(OsmJob(basemap), view)
    assert asked == []
    assert first.image is not None and back.image is not None and back.features == first.features
    assert rgba(back.image).tolist() == rgba(first.image).tolist()
