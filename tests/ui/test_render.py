"""The off-thread renderer on real GeoPackages: colours where features are, R-tree use, stale results."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QColor, QImage

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_style, default_styles
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store
from baytak_desktop.ui.basemap import LAND, WATER, BasemapJob, OverlayJob, render_basemap, render_overlay
from baytak_desktop.ui.projection import fit_view
from baytak_desktop.ui.render_data import decode_points, read_layer
from baytak_desktop.ui.render_jobs import RenderScheduler
from baytak_desktop.ui.render_layer import LayerJob, render_store_layer

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


def test_a_viewport_query_goes_through_the_rtree(store):
    conn = sqlite3.connect(str(store.path))
    statements = []
    conn.set_trace_callback(statements.append)
    read_layer(conn, LAYERS["brick_factories"], default_style(LAYERS["brick_factories"]), (76.8, 43.2, 76.95, 43.3))
    query = next(s for s in statements if "CROSS JOIN" in s)
    plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "VIRTUAL TABLE INDEX" in plan  # the R-tree's own index answers the box
    assert "SCAN brick_factories" not in plan  # the table is only looked up by fid
    conn.close()


def test_a_small_window_reads_only_what_is_in_it(store):
    conn = sqlite3.connect(str(store.path))
    data = read_layer(
        conn, LAYERS["brick_factories"], default_style(LAYERS["brick_factories"]), (76.8, 43.2, 76.95, 43.28)
    )
    assert len(data) == 1 and tuple(data.points[0]) == ALMATY
    conn.close()


def test_point_blobs_decode_vectorised_and_odd_ones_are_flagged():
    from baytak_desktop.layers import geometry as blobs

    geoms = [
        blobs.point_blob(1.5, 2.5),
        blobs.from_shapely(shapely.MultiPoint([(3, 4), (5, 6)])),
        None,
        blobs.point_blob(-7.0, 8.0),
    ]
    points, odd = decode_points(geoms)
    assert odd.tolist() == [False, True, True, False]
    assert points[0].tolist() == [1.5, 2.5] and points[3].tolist() == [-7.0, 8.0]


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


def test_only_the_newest_request_of_a_key_is_delivered(qtbot):
    scheduler = RenderScheduler()
    received = []
    scheduler.sigResult.connect(received.append)

    def slow(job, view, stale):
        import time

        time.sleep(0.05)
        return None

    view = fit_view((60, 40, 80, 50), 100, 100)
    with qtbot.waitSignal(scheduler.sigIdle, timeout=5000):
        for i in range(5):
            scheduler.submit("layer:x", view, slow, i)
    assert [r.request.job for r in received] == [4]
    scheduler.shutdown()


def test_scale_bar_is_geodesic_and_round():
    from baytak_desktop.ui.scale_bar import format_length, metres_per_pixel, nice_length

    assert [nice_length(v) for v in (0.9, 1, 3, 7.5, 120, 4999)] == [0.5, 1, 2, 5, 100, 2000]
    assert format_length(2000) == "2 km" and format_length(500) == "500 m"
    equator = metres_per_pixel(70.0, 0.0, 0.001)
    astana = metres_per_pixel(71.4, 51.1, 0.001)
    assert equator == pytest.approx(111.32, rel=1e-3)  # 0.001 degree of longitude on the equator
    assert astana / equator == pytest.approx(0.6293, rel=2e-3)  # ~cos(51.1°) on the ellipsoid


def test_place_names_follow_the_language():
    from baytak_desktop.ui.basemap_names import local_name

    assert local_name("Qaraghandy", "kk") == "Қарағанды"
    assert local_name("Qaraghandy", "ru") == "Караганда"
    assert local_name("Qaraghandy", "en") == "Karaganda"
    assert local_name("Unlisted Village", "kk") == "Unlisted Village"
