"""The off-thread renderer on real GeoPackages: colours where features are, R-tree use, stale results."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_style, default_styles
from baytak_desktop.mapdata.projection import fit_view
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store
from baytak_desktop.ui.paint.basemap import LAND, WATER, BasemapJob, OverlayJob, render_basemap, render_overlay
from baytak_desktop.ui.paint.layer import LayerJob, render_store_layer

ALMATY = (76.90, 43.25)
BESAGASH = (77.06, 43.30)
QUARRY = shapely.MultiPolygon([shapely.box(76.95, 43.10, 77.05, 43.18)])


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "render.gpkg")
    store.insert("brick_factories", {"name": "Operating works", "status": "operating"}, shapely.Point(*ALMATY))
    store.insert("brick_factories", {"name": "Closed works", "status": "closed"}, shapely.Point(*BESAGASH))
    store.insert("quarries", {"name": "Pit", "status": "illegal"}, QUARRY)
    yield store
    store.close()


def pixel(image: QImage, view, lon: float, lat: float) -> QColor:
    x, y = view.pixels(np.array([lon]), np.array([lat]))
    return image.pixelColor(int(x[0]), int(y[0]))


def close_to(colour: QColor, hex_colour: str, tolerance: int = 40) -> bool:
    other = QColor(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True))


def test_points_are_drawn_in_their_category_colour(qapp, store):
    view = fit_view((76.7, 43.0, 77.3, 43.5), 600, 400)
    style = default_style(LAYERS["brick_factories"])
    rendered = render_store_layer(LayerJob(store.path, style), view)
    assert rendered.features == 2
    operating, closed = pixel(rendered.image, view, *ALMATY), pixel(rendered.image, view, *BESAGASH)
    assert style.symbol_for("operating").fill != style.symbol_for("closed").fill
    assert close_to(operating, style.symbol_for("operating").fill) and operating.alpha() == 255
    assert close_to(closed, style.symbol_for("closed").fill)
    assert pixel(rendered.image, view, 77.2, 43.45).alpha() == 0  # nothing where there is no feature


def test_polygons_are_filled_and_outlined(qapp, store):
    style = default_style(LAYERS["quarries"])
    view = fit_view((76.7, 43.0, 77.3, 43.5), 600, 400)
    image = render_store_layer(LayerJob(store.path, style), view).image
    inside = pixel(image, view, 77.0, 43.14)
    illegal = style.symbol_for("illegal")
    assert 0 < inside.alpha() < 255  # the fill is translucent
    unpremultiplied = QColor(inside.red(), inside.green(), inside.blue())
    assert close_to(unpremultiplied, illegal.fill, 60)
    edge = pixel(image, view, 76.95, 43.14)
    assert edge.alpha() > inside.alpha()  # the outline is opaque


def test_many_points_are_deduplicated_to_pixels_and_still_drawn(qapp, tmp_path):
    store = Store.create(tmp_path / "many.gpkg")
    rng = np.random.default_rng(1)
    lon, lat = rng.uniform(70, 80, 30_000), rng.uniform(45, 50, 30_000)
    store.insert_many("brick_factories", {"name": "x", "status": "closed"}, list(shapely.points(lon, lat)))
    view = fit_view((70, 45, 80, 50), 300, 200)
    style = default_style(LAYERS["brick_factories"])
    rendered = render_store_layer(LayerJob(store.path, style), view)
    assert rendered.features == 30_000
    assert close_to(pixel(rendered.image, view, float(lon[7]), float(lat[7])), style.symbol_for("closed").fill, 80)
    store.close()


def test_basemap_shows_land_water_and_the_historic_aral(qapp):
    view = fit_view((45, 36, 90, 56), 900, 500)
    image = render_basemap(BasemapJob(basemap_path()), view).image
    assert close_to(pixel(image, view, 67.0, 48.0), "#fbfaf6", 6)  # Kazakhstan, a shade lighter
    assert close_to(pixel(image, view, 51.0, 42.0), WATER, 6)  # the Caspian
    assert close_to(pixel(image, view, 60.0, 55.5), "#eeeae0", 6) or close_to(pixel(image, view, 60.0, 55.5), LAND, 6)
    aral = fit_view((58.0, 43.3, 62.0, 47.0), 800, 800)
    image = render_basemap(BasemapJob(basemap_path()), aral).image
    colours = {image.pixelColor(x, y).name() for x in range(0, 800, 3) for y in range(0, 800, 3)}
    assert "#2b6ca3" in colours or any(close_to(QColor(c), "#2b6ca3", 12) for c in colours)


def test_no_edge_of_the_world_land_is_land_and_the_sea_is_sea_beyond_central_asia(qapp):
    view = fit_view((20, 20, 120, 70), 1000, 600)
    image = render_basemap(BasemapJob(basemap_path()), view).image
    neighbour_or_land = ("#eeeae0", LAND)
    for lon, lat in ((49.66, 58.6), (92.9, 56.0), (37.6, 55.75), (116.4, 39.9), (77.2, 28.6)):  # Kirov, Krasnoyarsk...
        assert any(close_to(pixel(image, view, lon, lat), colour, 6) for colour in neighbour_or_land), (lon, lat)
    for lon, lat in ((34.0, 43.3), (63.0, 22.5), (51.5, 27.0)):  # Black Sea, Arabian Sea, Persian Gulf
        assert close_to(pixel(image, view, lon, lat), WATER, 6), (lon, lat)


def test_overlay_names_places_in_the_ui_language(qapp, store):
    view = fit_view((76.0, 42.8, 78.0, 44.2), 800, 600)
    english = render_overlay(OverlayJob(basemap_path(), language="en"), view).image
    kazakh = render_overlay(OverlayJob(basemap_path(), language="kk"), view).image
    assert english != kazakh  # "Almaty" and "Алматы" differ

    labelled = tuple(s for s in default_styles().values() if s.label_field)
    with_labels = render_overlay(OverlayJob(None, store.path, labelled), view).image
    assert any(with_labels.pixelColor(x, y).alpha() for x in range(0, 800, 2) for y in range(0, 600, 2))


def test_a_missing_basemap_is_a_problem_not_a_crash(qapp, tmp_path):
    rendered = render_basemap(BasemapJob(tmp_path / "nowhere.gpkg"), fit_view((60, 40, 80, 50), 200, 100))
    assert rendered.image is None and "missing" in rendered.problems[0]


KAZAKHSTAN = (46.5, 40.5, 87.5, 55.5)


@pytest.mark.parametrize(
    ("language", "first"), [("kk", ("Астана", "Алматы", "Шымкент")), ("ru", ("Астана", "Алматы", "Шымкент"))]
)
@pytest.mark.parametrize("size", [(1000, 640), (700, 450)])
def test_the_capital_and_the_biggest_cities_are_named_at_country_scale_before_smaller_towns(
    qapp, language, first, size
):
    """Place rank: Bishkek's name (a foreign capital) once took Almaty's space while Taraz was named."""
    view = fit_view(KAZAKHSTAN, *size)
    labels = render_overlay(OverlayJob(basemap_path(), language=language), view).labels
    assert labels[:3] == first, labels[:8]
    for smaller in ("Тараз", "Қызылорда" if language == "kk" else "Кызылорда"):
        if smaller in labels:
            assert labels.index(smaller) > labels.index(first[1])


def test_a_country_filling_the_view_is_not_named_over_the_data(qapp):
    """At 1:27,000 in Ile district Kazakhstan fills the view: "ҚАЗАҚСТАН" would sit on the quarries."""
    close = render_overlay(OverlayJob(basemap_path(), language="kk"), fit_view((76.84, 43.44, 76.88, 43.47), 800, 600))
    country = render_overlay(OverlayJob(basemap_path(), language="kk"), fit_view(KAZAKHSTAN, 1000, 640))
    assert "ҚАЗАҚСТАН" not in close.labels and "ҚАЗАҚСТАН" in country.labels


def test_the_coarse_world_layers_are_valid_polygons_in_every_zoom_band(qapp):
    """Antarctica reaches the pole: cut at Web Mercator's edge before projecting, its ring does not fold
    onto itself (it did: an invalid polygon that painters fill unpredictably), nor once simplified."""
    from baytak_desktop.mapdata.basemap import load_basemap

    basemap = load_basemap(basemap_path())
    for name in ("land", "countries"):
        layer = basemap.layers[name]
        assert layer.is_coarse().sum() > 100  # the world beyond Central Asia is there
        assert shapely.is_valid(layer.geometries).all(), name
        for res in (5.0, 150.0, 2_400.0, 20_000.0):  # 1:20,000 .. the whole of Central Asia
            assert shapely.is_valid(layer.simplified(res)).all(), (name, res)


@pytest.mark.parametrize(
    ("lon", "lat", "scale"),
    [
        (24.944, 60.171, 100_000),  # Helsinki: the 1:110 million shore ran straight across the city
        (24.944, 60.171, 500_000),
        (30.3, 59.95, 250_000),  # St Petersburg
        (12.5, 41.9, 100_000),  # Rome
        (42.0, 41.6, 500_000),  # Batumi, by the seam of the detailed data
    ],
)
def test_no_long_straight_coast_crosses_a_field_scale_view(qapp, lon, lat, scale):
    """A shore drawn in a view has no edge longer than a fifth of the view: the coarse world layers'
    edges of 100 km and more are left out at field scales (the view is neutral there, not wrong)."""
    import math

    from baytak_desktop.mapdata.basemap import load_basemap
    from baytak_desktop.mapdata.projection import View, to_scene
    from baytak_desktop.ui.paint.basemap import _shapes

    width, height = 1366, 768
    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    view = View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)
    layers = load_basemap(basemap_path()).layers
    bound = width / 5
    for name in ("land", "countries", "seas", "lakes"):
        shapes = _shapes(layers.get(name), view)
        if not len(shapes):
            continue
        edges = shapely.clip_by_rect(shapely.boundary(shapes), -1, -1, width + 1, height + 1)
        for part in shapely.get_parts(edges):
            coords = shapely.get_coordinates(part)
            lengths = np.hypot(*np.diff(coords, axis=0).T) if len(coords) > 1 else np.zeros(1)
            on_frame = (np.abs(coords[:, 0] + 1) < 1e-6) | (np.abs(coords[:, 0] - width - 1) < 1e-6)
            on_frame |= (np.abs(coords[:, 1] + 1) < 1e-6) | (np.abs(coords[:, 1] - height - 1) < 1e-6)
            inside = ~(on_frame[:-1] & on_frame[1:])  # an edge along the frame is the clip, not a shore
            assert lengths[inside].max(initial=0) <= bound, (name, lengths.max())
    image = render_basemap(BasemapJob(basemap_path()), view).image
    if lon < 40:  # beyond the detailed data: neutral (the canvas's background shows), not half sea
        colours = {image.pixelColor(x, y).name() for x in range(0, width, 50) for y in range(0, height, 50)}
        assert QColor(WATER).name() not in colours


def test_the_render_thread_keeps_its_store_and_basemap_connections_between_jobs(qtbot, store, tmp_path):
    """A pool thread's Python state (and a threading.local with it) ends with every job: the store's and
    an OSM basemap's connections must still be the same from one redraw to the next on the map's real
    render thread, not opened again each time."""
    import sqlite3
    import types
    from dataclasses import replace
    from pathlib import Path

    from baytak_desktop.basemap import osm_view
    from baytak_desktop.basemap.build import build_basemap
    from baytak_desktop.mapdata import viewport
    from baytak_desktop.ui.map.scheduler import RenderScheduler
    from baytak_desktop.ui.paint.osm import OsmJob, render_osm

    osm = tmp_path / "helsinki.basemap.gpkg"
    build_basemap(Path(__file__).resolve().parents[2] / "data" / "osm" / "Helsinki.osm.pbf", osm)
    opened: list[str] = []

    def counting_connect(path, *args, **kwargs):
        opened.append("store")
        return viewport_connect(path, *args, **kwargs)

    def counting_sqlite(*args, **kwargs):
        opened.append("basemap")
        return sqlite3.connect(*args, **kwargs)

    scheduler = RenderScheduler()
    style = default_style(LAYERS["brick_factories"])
    view = fit_view((24.93, 60.16, 24.96, 60.18), 600, 400)  # Helsinki: both draw something
    viewport_connect, osm_sqlite = viewport.connect, osm_view.sqlite3
    viewport.connect = counting_connect
    osm_view.sqlite3 = types.SimpleNamespace(**{**vars(sqlite3), "connect": counting_sqlite})
    drawn: list[int] = []
    scheduler.sigResult.connect(lambda result: drawn.append(result.rendered.features))
    try:
        for step in range(3):
            moved = replace(view, x0=view.x0 + 50 * step * view.res)
            with qtbot.waitSignal(scheduler.sigIdle, timeout=60_000):
                scheduler.submit("layer", moved, render_store_layer, LayerJob(store.path, style))
                scheduler.submit("osm", moved, render_osm, OsmJob(osm))
    finally:
        viewport.connect, osm_view.sqlite3 = viewport_connect, osm_sqlite
        scheduler.shutdown()
    assert len(drawn) == 6 and max(drawn) > 0
    assert sorted(opened) == ["basemap", "store"]  # once each for three redraws


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)


def _pan_then_fresh(job, view, steps):
    """The render after the pans in ``steps`` (reusing the thread's last picture), and a fresh render of
    the same extent (nothing kept)."""
    from dataclasses import replace

    from baytak_desktop.ui.paint.layer import forget_pictures

    forget_pictures()
    render_store_layer(job, view)
    for dx, dy in steps:
        view = replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res)
        panned = render_store_layer(job, view)
    forget_pictures()
    return panned, render_store_layer(job, view)


@pytest.mark.parametrize("count", [400, 150_000])  # markers stamped one by one, and reduced to one per pixel
def test_a_panned_store_layer_reuses_its_picture_and_matches_a_fresh_render(qapp, tmp_path, monkeypatch, count):
    from baytak_desktop.mapdata import point_cache
    from baytak_desktop.ui.paint import layer as layer_module

    monkeypatch.setattr(point_cache, "POINTS_IN_MEMORY", 0)  # the R-tree path (points kept in memory read nothing)

    boxes = []
    read_layer = layer_module.read_layer

    def spy(conn, schema, style, box):
        boxes.append(box)
        return read_layer(conn, schema, style, box)

    monkeypatch.setattr(layer_module, "read_layer", spy)
    store = Store.create(tmp_path / "pan.gpkg")
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(76.5, 77.5, count), rng.uniform(43.0, 43.6, count)
    statuses = rng.choice(["operating", "closed", "illegal"], count).tolist()
    store.insert_many("brick_factories", {"name": "x", "status": statuses}, list(shapely.points(lon, lat)))
    store.insert("quarries", {"name": "Pit", "status": "illegal"}, QUARRY)
    for layer in ("brick_factories", "quarries"):
        job = LayerJob(store.path, default_style(LAYERS[layer]))
        view = fit_view((76.8, 43.1, 77.2, 43.4), 400, 300)
        boxes.clear()
        panned, fresh = _pan_then_fresh(job, view, [(100, 0), (0, -75), (-37, 41)])
        areas = [(east - west) * (north - south) for west, south, east, north in boxes]
        assert len(boxes) == 6  # whole, a strip, a strip, two strips, whole (fresh)
        assert max(areas[1:-1]) < 0.5 * areas[0]  # the pans read only the strips they uncovered
        difference = np.abs(_pixels(panned.image) - _pixels(fresh.image))
        assert difference.max() <= 2, layer  # the same pixels: strips drawn as the whole render draws them
        assert _pixels(fresh.image)[..., 3].any()
    store.close()


def test_a_store_change_after_a_pan_is_drawn_not_the_kept_picture(qapp, tmp_path):
    from dataclasses import replace

    from baytak_desktop.ui.paint.layer import forget_pictures

    store = Store.create(tmp_path / "change.gpkg")
    store.insert("brick_factories", {"name": "Old", "status": "closed"}, shapely.Point(*ALMATY))
    style = default_style(LAYERS["brick_factories"])
    job = LayerJob(store.path, style)
    view = fit_view((76.7, 43.0, 77.3, 43.5), 600, 400)
    forget_pictures()
    render_store_layer(job, view)
    moved = replace(view, x0=view.x0 + 40 * view.res)
    assert pixel(render_store_layer(job, moved).image, moved, *BESAGASH).alpha() == 0
    store.insert("brick_factories", {"name": "New", "status": "operating"}, shapely.Point(*BESAGASH))
    # in the part of the view the last picture covers: a reused strip would miss it
    again = replace(moved, x0=moved.x0 + 20 * view.res)
    image = render_store_layer(job, again).image
    assert close_to(pixel(image, again, *BESAGASH), style.symbol_for("operating").fill)
    assert close_to(pixel(render_store_layer(job, again).image, again, *ALMATY), style.symbol_for("closed").fill)
    store.close()


def test_a_pan_of_the_basemap_moves_its_last_picture_and_draws_only_the_strips_left(qapp):
    from dataclasses import replace

    from PySide6.QtGui import QPainter

    from baytak_desktop.ui.paint import basemap as base_paint

    base_paint.forget_overlays()
    job = BasemapJob(basemap_path())
    view = fit_view((67.0, 42.5, 69.0, 44.0), 600, 400)  # the Aral's east: land, water, shores, borders
    render_basemap(job, view)
    last = base_paint._bases.get("base")[0].image
    marker = QPainter(last)  # a mark on the kept picture: a pan that moves it shows it moved
    marker.fillRect(300, 200, 10, 10, QColor("#ff00ff"))
    marker.end()
    dx, dy = 90, -40
    moved = replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res)
    panned = render_basemap(job, moved).image
    assert panned.pixelColor(300 - dx + 5, 200 - dy + 5).name() == "#ff00ff"  # moved, not drawn again
    base_paint.forget_overlays()
    fresh = render_basemap(job, moved).image

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
        return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)

    ours, whole = pixels(panned), pixels(fresh)
    ours[200 - dy : 210 - dy, 300 - dx : 310 - dx] = whole[200 - dy : 210 - dy, 300 - dx : 310 - dx]
    assert np.abs(ours - whole).max() <= 2  # the strips drawn as a whole render draws them
    assert len(np.unique(whole.reshape(-1, 4), axis=0)) > 5
