"""The OSM basemap and imagery painters on real data (tests/data/osm, tests/data/imagery): real pixels.

A road is drawn in its class's colour where the road is, the names of the extract's places come back
from the overlay in the UI language, and an image's pixels are where the image is.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
import rasterio
import shapely
from PySide6.QtGui import QColor, QImage

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.basemap.osm_view import read_features
from baytak_desktop.mapdata.projection import View, to_scene
from baytak_desktop.store import Store
from baytak_desktop.ui.paint.basemap import OverlayJob, render_overlay
from baytak_desktop.ui.paint.imagery import ImageryJob, render_imagery
from baytak_desktop.ui.paint.osm import OsmJob, render_osm, view_scale

DATA = Path(__file__).resolve().parents[2] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
LANDSAT = DATA / "imagery" / "rgb_deflate.tif"
CENTRE = (24.944, 60.171)


@pytest.fixture(scope="module")
def basemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("osm") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


def view_at(lon: float, lat: float, scale: float, width: int = 1366, height: int = 768) -> View:
    """A view centred on lon/lat at 1:``scale`` on a 96 dpi screen."""
    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    return View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)


def pixel(image: QImage, view: View, lon: float, lat: float) -> QColor:
    x, y = view.pixels(np.array([lon]), np.array([lat]))
    return image.pixelColor(int(x[0]), int(y[0]))


def close_to(colour: QColor, hex_colour: str, tolerance: int = 12) -> bool:
    other = QColor(hex_colour)
    return all(abs(a - b) <= tolerance for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True))


def pixels_rgba(image: QImage) -> np.ndarray:
    converted = image.convertToFormat(QImage.Format.Format_RGBA8888)
    return np.frombuffer(converted.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4).copy()


def colour_count(image: QImage, hex_colour: str) -> int:
    """How many pixels of ``image`` are ``hex_colour`` (opaque)."""
    rgba = pixels_rgba(image)
    target = QColor(hex_colour)
    return int(np.count_nonzero(np.all(rgba == (target.red(), target.green(), target.blue(), 255), axis=-1)))


def test_at_1_100000_the_main_roads_show_and_paths_do_not(qapp, basemap: Path) -> None:
    image = render_osm(OsmJob(basemap), view_at(*CENTRE, 100_000)).image
    assert colour_count(image, osm_style.ROADS["primary"].colour) > 20
    assert colour_count(image, osm_style.ROADS["path"].colour) == 0
    close = render_osm(OsmJob(basemap), view_at(*CENTRE, 5_000)).image
    assert colour_count(close, osm_style.ROADS["path"].colour) > 200


@pytest.mark.parametrize("scale", [20_000, 5_000])
def test_primary_roads_are_drawn_in_the_primary_colour_where_they_are(qapp, basemap: Path, scale: int) -> None:
    view = view_at(*CENTRE, scale)
    rendered = render_osm(OsmJob(basemap), view)
    assert rendered.image is not None and rendered.features > 100
    roads = read_features(basemap, view.lonlat_bbox(), view_scale(view), only=("osm_roads",))["osm_roads"]
    rails = read_features(basemap, view.lonlat_bbox(), view_scale(view), only=("osm_railways",))["osm_railways"]

    def to_pixels(geometries: np.ndarray) -> np.ndarray:
        return shapely.transform(geometries, lambda c: np.column_stack(view.pixels(c[:, 0], c[:, 1])))

    primary = osm_style.ROADS["primary"]
    width = osm_style.line_width(primary, scale)
    # the pixels well inside a primary road's band, clear of what is drawn over it: tram lines and the
    # fills of bigger roads (every casing is drawn under every fill, so minor roads never cover it)
    band = shapely.buffer(shapely.union_all(to_pixels(roads.geometries[roads.classes == "primary"])), width / 2 - 1)
    over = np.isin(roads.classes, ["trunk", "motorway"])
    other_roads = shapely.union_all(to_pixels(roads.geometries[over]))
    trams = shapely.union_all(to_pixels(rails.geometries))
    region = band.difference(shapely.buffer(other_roads, 6)).difference(shapely.buffer(trams, 2.5))
    region = region.intersection(shapely.box(0, 0, view.width - 1, view.height - 1))
    xs, ys = np.meshgrid(np.arange(view.width) + 0.5, np.arange(view.height) + 0.5)
    inside = shapely.contains_xy(region, xs, ys)
    assert inside.sum() > 200
    rgba = pixels_rgba(rendered.image)
    target = QColor(primary.colour)
    matches = np.all(np.abs(rgba[inside][:, :3].astype(int) - target.getRgb()[:3]) <= 12, axis=-1)
    assert matches.mean() > 0.95
    # far from the extract there is nothing: transparent, the Natural Earth basemap shows through
    assert rendered.image.pixelColor(5, view.height // 2).alpha() == 0


def test_buildings_only_at_the_largest_scales(qapp, basemap: Path) -> None:
    buildings_near = read_features(basemap, view_at(*CENTRE, 5_000).lonlat_bbox(), 5_000, only=("osm_buildings",))
    buildings_far = read_features(basemap, view_at(*CENTRE, 100_000).lonlat_bbox(), 100_000, only=("osm_buildings",))
    assert len(buildings_near["osm_buildings"]) > 100
    assert len(buildings_far["osm_buildings"]) == 0
    view = view_at(*CENTRE, 5_000)
    image = render_osm(OsmJob(basemap), view).image
    building = max(buildings_near["osm_buildings"].geometries, key=lambda g: g.area)
    inside = shapely.point_on_surface(building)
    assert close_to(pixel(image, view, inside.x, inside.y), osm_style.BUILDINGS.fill)


def test_footpaths_are_left_out_at_1_20000_and_drawn_at_1_5000(qapp, basemap: Path, tmp_path: Path) -> None:
    """Footways and paths are drawn from 1:8,000 on (OSM-Carto's zoom 16): not at 1:20,000 nor 1:12,000,
    where the tiles the screen reads leave them out, and not from a basemap built when they were kept
    down to 1:20,000; at 1:5,000 they are there, as red dashes."""
    import sqlite3

    from baytak_desktop.mapdata import osm_tiles
    from baytak_desktop.ui.paint import osm

    path_colour = osm_style.ROADS["path"].colour
    for scale in (20_000, 12_000):
        view = view_at(*CENTRE, scale)
        assert colour_count(render_osm(OsmJob(basemap), view).image, path_colour) == 0
        read = osm_tiles.CACHE.features(basemap, osm._scene_rect(view), view_scale(view), only=("osm_roads",))
        assert "path" not in set(read["osm_roads"].classes) and len(read["osm_roads"]) > 300
    close = render_osm(OsmJob(basemap), view_at(*CENTRE, 5_000)).image
    assert colour_count(close, path_colour) > 200
    older = tmp_path / "older.basemap.gpkg"  # as built before: paths down to 1:20,000
    shutil.copy(basemap, older)
    with sqlite3.connect(older) as db:
        # the R-tree triggers name GeoPackage's functions, called only when a fid changes: never here
        for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):
            db.create_function(name, 1, lambda _: pytest.fail("a fid changed"))
        assert db.execute("UPDATE osm_roads SET max_scale = 20000 WHERE class = 'path'").rowcount > 100
    db.close()
    assert colour_count(render_osm(OsmJob(older), view_at(*CENTRE, 12_000)).image, path_colour) == 0
    assert colour_count(render_osm(OsmJob(older), view_at(*CENTRE, 5_000)).image, path_colour) > 200


def test_at_1_20000_only_the_big_buildings_are_drawn_and_at_1_5000_every_one(qapp, basemap: Path) -> None:
    """The basemap keeps buildings from 1:25,000 on; at 1:20,000 those whose box on screen is under
    ``BUILDING_MIN_BOX_PX`` (houses, sheds) are left out, the big ones (blocks, factories) drawn; from
    1:10,000 on every one is. Looked at on the rendered pixels, inside each building."""
    far = view_at(*CENTRE, 20_000)
    rendered = render_osm(OsmJob(basemap), far)
    assert rendered.image is not None
    buildings = read_features(basemap, far.lonlat_bbox(), view_scale(far), only=("osm_buildings",))["osm_buildings"]
    pixels = shapely.transform(buildings.geometries, lambda c: np.column_stack(far.pixels(c[:, 0], c[:, 1])))
    bounds = shapely.bounds(pixels)
    box = (bounds[:, 2] - bounds[:, 0]) * (bounds[:, 3] - bounds[:, 1])
    smallest = osm_style.BUILDING_MIN_BOX_PX[osm_style.band(view_scale(far))]
    inside = shapely.contains_xy(shapely.box(20, 20, far.width - 20, far.height - 20), *bounds[:, :2].T)
    small = np.flatnonzero(inside & (box < 0.7 * smallest) & (box > 16))  # clear of the limit either way
    big = np.flatnonzero(inside & (box > 1.5 * smallest))
    assert len(small) > 30 and len(big) > 10

    def building_coloured(image: QImage, view: View, rows: np.ndarray) -> float:
        """The share of the buildings ``rows`` whose inner point is drawn in the buildings' fill."""
        points = shapely.point_on_surface(buildings.geometries[rows])
        return float(np.mean([close_to(pixel(image, view, p.x, p.y), osm_style.BUILDINGS.fill) for p in points]))

    assert building_coloured(rendered.image, far, small) < 0.1  # (a road's casing may be that colour)
    assert building_coloured(rendered.image, far, big) > 0.6  # (some lie under a road or a tram line)
    near = view_at(*CENTRE, 5_000, 4000, 3000)  # the same ground, four times closer
    close = render_osm(OsmJob(basemap), near).image
    assert close is not None
    assert building_coloured(close, near, small) > 0.9


@pytest.mark.parametrize(("language", "name"), [("kk", "Хельсинки"), ("ru", "Хельсинки"), ("en", "Helsinki")])
def test_place_names_come_back_from_the_overlay_in_the_ui_language(
    qapp, basemap: Path, language: str, name: str
) -> None:
    view = view_at(*CENTRE, 20_000)
    rendered = render_overlay(OverlayJob(None, None, (), language, ((basemap, None),)), view)
    assert rendered.labels[0] == name  # the city is named first: settlements ranked
    assert len(rendered.labels) == len(set(rendered.labels)) >= 4
    # and the text is really on the image: dark glyph pixels near the city's node
    image = rendered.image
    places = read_features(basemap, view.lonlat_bbox(), 20_000, only=("osm_places",))["osm_places"]
    city = places.geometries[list(places.classes).index("city")]
    x, y = view.pixels(np.array([city.x]), np.array([city.y]))
    window = [image.pixelColor(int(x[0]) + dx, int(y[0]) + dy) for dx in range(-60, 61) for dy in range(-10, 11)]
    assert sum(c.alpha() == 255 and c.lightness() < 80 for c in window) > 30


def test_labels_never_overlap_at_small_scale(qapp, basemap: Path) -> None:
    # at 1:100,000 the whole extract is a few pixels wide: the suburbs' names crowd one spot, few fit
    view = view_at(*CENTRE, 100_000)
    rendered = render_overlay(OverlayJob(None, None, (), "en", ((basemap, None),)), view)
    assert rendered.labels[0] == "Helsinki"
    assert len(rendered.labels) < 7  # seven places in the extract: some were left out rather than overlap


@pytest.fixture
def landsat_store(tmp_path: Path):
    image = tmp_path / "andros.tif"
    shutil.copy(LANDSAT, image)
    store = Store.create(tmp_path / "field.gpkg")
    entry = add_image(store, image, "2026-07-15", "Andros")
    yield store, entry
    store.close()


def test_imagery_pixels_are_where_the_image_is(qapp, landsat_store) -> None:
    _, entry = landsat_store
    with rasterio.open(entry.path) as src:
        from rasterio.warp import transform_bounds

        west, south, east, north = transform_bounds(src.crs, "EPSG:4326", *src.bounds)
    lon, lat = (west + east) / 2, (south + north) / 2
    view = view_at(lon, lat, 2_000_000, 800, 600)
    rendered = render_imagery(ImageryJob(entry), view)
    assert rendered.image is not None
    image = rendered.image
    assert pixel(image, view, lon, lat).alpha() == 255  # the scene's centre is land and sea, not nodata
    assert pixel(image, view, west - 0.5, lat).alpha() == 0  # left of the scene: nothing
    assert pixel(image, view, east + 0.5, lat).alpha() == 0
    # the colours are the scene's: the centre pixel matches GDAL's own read of the file there
    with rasterio.open(entry.path) as src:
        from rasterio.warp import transform

        xs, ys = transform("EPSG:4326", src.crs, [lon], [lat])
        row, col = src.index(xs[0], ys[0])
        window = src.read(window=((row - 2, row + 3), (col - 2, col + 3)))
    drawn = pixel(image, view, lon, lat)
    for band, value in enumerate(drawn.getRgb()[:3]):
        assert window[band].min() - 2 <= value <= window[band].max() + 2


def test_street_names_along_the_streets_at_1_5000_and_none_at_1_100000(qapp, basemap: Path) -> None:
    view = view_at(*CENTRE, 5_000)
    rendered = render_overlay(OverlayJob(None, None, (), "en", ((basemap, None),)), view)
    roads = read_features(basemap, view.lonlat_bbox(), 5_000, only=("osm_roads",))["osm_roads"]
    street_names = {str(n) for n in roads.labels if isinstance(n, str)}
    streets = [label for label in rendered.labels if label in street_names]
    assert len(streets) >= 5 and "Aleksanterinkatu" in streets
    assert len(rendered.labels) == len(set(rendered.labels))  # each name once
    assert rendered.labels[0] == "Helsinki"  # settlements are placed before streets
    far = render_overlay(OverlayJob(None, None, (), "en", ((basemap, None),)), view_at(*CENTRE, 100_000))
    assert not set(far.labels) & street_names - {"Helsinki"}


def test_no_country_name_among_the_streets(qapp, basemap: Path) -> None:
    """Over an OSM basemap at field scale Natural Earth's "FINLAND" is noise; at 1:2,000,000 it is named."""
    from baytak_desktop.resources import basemap_path

    near = render_overlay(OverlayJob(basemap_path(), None, (), "en", ((basemap, None),)), view_at(*CENTRE, 100_000))
    assert "Helsinki" in near.labels and "FINLAND" not in near.labels
    far = render_overlay(OverlayJob(basemap_path(), None, (), "en", ((basemap, None),)), view_at(*CENTRE, 4_000_000))
    assert "FINLAND" in far.labels


def test_a_basemap_built_again_in_place_is_drawn_anew(qapp, tmp_path: Path) -> None:
    """The render worker keeps its connection to a basemap; built again (atomically replaced) from
    another extract, the next draw reads the new file, not the old one it still has open."""
    out = tmp_path / "area.basemap.gpkg"
    build_basemap(HELSINKI, out)
    view = view_at(*CENTRE, 20_000)
    assert render_osm(OsmJob(out), view).features > 100
    build_basemap(DATA / "osm" / "test.osm.pbf", out)  # Kouvola: nothing in central Helsinki
    assert render_osm(OsmJob(out), view).features == 0


@pytest.mark.parametrize("shift", [(400, 0), (0, -250), (-180, 130)])
def test_a_pan_draws_only_the_new_strips_and_the_same_pixels(qapp, basemap: Path, shift) -> None:
    """A pan by whole pixels keeps the last picture and draws the uncovered strips alone: the result is
    the picture a whole render of the new view gives (antialiasing included, up to rounding)."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import osm

    view = view_at(*CENTRE, 15_000)  # (a pan north changes the scale a little: not at a class's limit)
    osm.forget_pictures()
    render_osm(OsmJob(basemap), view)
    moved = replace(view, x0=view.x0 + shift[0] * view.res, y0=view.y0 + shift[1] * view.res)
    drawn: list[int] = []
    original = osm.paint.draw_segments

    def counting(painter, segments):
        drawn.append(len(segments))
        original(painter, segments)

    osm.paint.draw_segments = counting
    try:
        panned = render_osm(OsmJob(basemap), moved)
        on_pan = sum(drawn)
        drawn.clear()
        osm.forget_pictures()
        whole = render_osm(OsmJob(basemap), moved)
    finally:
        osm.paint.draw_segments = original
    # the strips' segments, not the view's (a strip beyond the small extract's roads has none)
    assert whole.features > 0 and on_pan < 0.7 * sum(drawn)
    a, b = pixels_rgba(panned.image).astype(int), pixels_rgba(whole.image).astype(int)
    difference = np.abs(a - b).max(axis=-1)
    assert difference.mean() < 0.5
    assert (difference > 24).mean() < 0.001
    assert render_osm(OsmJob(basemap), view_at(*CENTRE, 10_000)).features > 0  # a zoom: drawn whole


def test_a_pan_back_over_ground_drawn_before_copies_it_from_an_older_picture(qapp, basemap: Path) -> None:
    """Around a block (east, south, west): the last pan's strip is ground the first picture shows, all
    but its bottom corner; that is copied, only the corner is read and drawn, and the picture is the
    one a whole render gives."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import osm

    view = view_at(*CENTRE, 15_000)
    osm.forget_pictures()

    def moved(dx: int, dy: int) -> View:
        return replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res)

    for dx, dy in ((0, 0), (400, 0), (400, 250)):
        render_osm(OsmJob(basemap), moved(dx, dy))
    asked: list[tuple[float, float, float, float]] = []  # the scene rectangles read for the last pan
    original = osm.tiles.CACHE.features

    def recording(path, rect, *args, **kwargs):
        asked.append(rect)
        return original(path, rect, *args, **kwargs)

    osm.tiles.CACHE.features = recording  # type: ignore[method-assign]
    try:
        panned = render_osm(OsmJob(basemap), moved(0, 250))
    finally:
        del osm.tiles.CACHE.features
    # the strip on the west is 400 x 1000 pixels: the first picture shows all of it but 400 x 250
    margin = 2 * osm.MARGIN_PX
    assert len(asked) == 1
    left, top, right, bottom = asked[0]
    assert round((right - left) / view.res) == 400 + margin and round((bottom - top) / view.res) == 250 + margin
    assert math.isclose(top, view.y0 + view.height * view.res - osm.MARGIN_PX * view.res)
    osm.forget_pictures()
    whole = render_osm(OsmJob(basemap), moved(0, 250))
    assert whole.features > 0 and panned.image is not None and whole.image is not None
    a, b = pixels_rgba(panned.image).astype(int), pixels_rgba(whole.image).astype(int)
    difference = np.abs(a - b).max(axis=-1)
    assert difference.mean() < 0.5
    assert (difference > 24).mean() < 0.001


def test_the_canvas_render_thread_keeps_its_last_picture_between_jobs(qtbot, basemap: Path) -> None:
    """The pool thread's Python state (and a threading.local with it) ends with every job: the pan
    reuse must survive from one job to the next on the map's real render thread."""
    from dataclasses import replace

    from baytak_desktop.ui.map.scheduler import RenderScheduler
    from baytak_desktop.ui.paint import osm

    osm.forget_pictures()
    scheduler = RenderScheduler()
    view = view_at(*CENTRE, 15_000)
    reads: list[int] = []  # the features each job's drawing took from the basemap's tiles
    original = osm.tiles.CACHE.features

    def counting(*args, **kwargs):
        result = original(*args, **kwargs)
        reads.append(sum(len(f) for f in result.values()))
        return result

    osm.tiles.CACHE.features = counting  # type: ignore[method-assign]
    try:
        for step in range(3):
            with qtbot.waitSignal(scheduler.sigIdle, timeout=60_000):
                moved = replace(view, x0=view.x0 + 300 * step * view.res)
                scheduler.submit("osm", moved, render_osm, OsmJob(basemap))
    finally:
        del osm.tiles.CACHE.features
        scheduler.shutdown()
    assert len(reads) == 3 and reads[1] < 0.7 * reads[0] and reads[2] < 0.7 * reads[0]


@pytest.mark.parametrize("shift", [(300, 0), (0, -200), (-170, 120)])
@pytest.mark.parametrize("scale", [1_000_000, 2_000_000])  # full resolution, and from an overview
def test_an_image_pan_warps_only_the_new_strips_and_gives_the_same_pixels(qapp, landsat_store, shift, scale) -> None:
    """A pan by whole pixels keeps the last warp and reads only the uncovered strips (from the whole
    view's overview level): the picture is the one a whole warp of the new view gives."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import imagery

    _, entry = landsat_store
    view = view_at(-77.77, 24.56, scale, 800, 600)
    imagery.forget_pictures()
    render_imagery(ImageryJob(entry), view)
    moved = replace(view, x0=view.x0 + shift[0] * view.res, y0=view.y0 + shift[1] * view.res)
    warped: list[int] = []
    original = imagery.read_view_at

    def counting(entry, part, *args, **kwargs):
        warped.append(part.width * part.height)
        return original(entry, part, *args, **kwargs)

    imagery.read_view_at = counting
    try:
        panned = render_imagery(ImageryJob(entry), moved)
    finally:
        imagery.read_view_at = original
    imagery.forget_pictures()
    whole = render_imagery(ImageryJob(entry), moved)
    assert panned.image is not None and whole.image is not None
    assert 0 < sum(warped) < 0.6 * moved.width * moved.height  # the strips, not the view
    a, b = pixels_rgba(panned.image).astype(int), pixels_rgba(whole.image).astype(int)
    assert (a[..., 3] > 0).mean() > 0.15  # the image fills much of the view: a real comparison
    differs = np.abs(a - b).max(axis=-1) > 0
    if shift[0] == 0:  # rows across the whole width: the warper's very rows, the very pixels
        assert not differs.any()
    else:  # GDAL's approximate transformer interpolates along each row of a warp, between points that
        # depend on the row's span: a nearest-neighbour sample now and then takes the next source pixel
        assert differs.mean() < 0.02
    assert (a[..., 3] != b[..., 3]).mean() < 0.001  # the image's edge where it is


def test_an_image_zoom_or_other_brightness_is_warped_whole(qapp, landsat_store) -> None:
    from dataclasses import replace

    from baytak_desktop.ui.paint import imagery

    _, entry = landsat_store
    view = view_at(-77.77, 24.56, 1_000_000, 800, 600)
    imagery.forget_pictures()
    render_imagery(ImageryJob(entry), view)
    moved = replace(view, x0=view.x0 + 100 * view.res)
    brighter = render_imagery(ImageryJob(entry, 0.2), moved)
    imagery.forget_pictures()
    fresh = render_imagery(ImageryJob(entry, 0.2), moved)
    assert brighter.image is not None and fresh.image is not None
    assert np.array_equal(pixels_rgba(brighter.image), pixels_rgba(fresh.image))
    zoomed = replace(moved, res=moved.res * 1.5)
    kept = render_imagery(ImageryJob(entry, 0.2), zoomed)
    imagery.forget_pictures()
    assert kept.image is not None
    assert np.array_equal(pixels_rgba(kept.image), pixels_rgba(render_imagery(ImageryJob(entry, 0.2), zoomed).image))


def test_a_zoom_back_to_the_view_before_shows_its_picture_again_without_a_warp(qapp, landsat_store) -> None:
    """A wheel zoom in and back out (or out and back in) returns to a view drawn just before: its
    picture is kept (two per image and thread), so nothing is warped, and a pan from it warps only the
    strips; the pixels are those of a whole warp."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import imagery

    _, entry = landsat_store
    view = view_at(-77.77, 24.56, 1_000_000, 800, 600)
    job = ImageryJob(entry)
    imagery.forget_pictures()
    first = render_imagery(job, view)
    render_imagery(job, view.zoomed_window(0.5))  # from another overview level
    warped: list[int] = []
    original = imagery.read_view_at

    def counting(entry, part, *args, **kwargs):
        warped.append(part.width * part.height)
        return original(entry, part, *args, **kwargs)

    imagery.read_view_at = counting
    try:
        back = render_imagery(job, view)
        assert warped == []
        moved = replace(view, x0=view.x0 + 120 * view.res)
        panned = render_imagery(job, moved)
        assert 0 < sum(warped) <= 120 * 600
    finally:
        imagery.read_view_at = original
    assert first.image is not None and back.image is not None and panned.image is not None
    assert np.array_equal(pixels_rgba(back.image), pixels_rgba(first.image))
    assert back.features == first.features > 0.15 * 800 * 600
    imagery.forget_pictures()
    whole = render_imagery(job, moved)
    assert whole.image is not None and abs(panned.features - whole.features) < 0.001 * 800 * 600  # the edge
    differs = np.abs(pixels_rgba(panned.image).astype(int) - pixels_rgba(whole.image).astype(int)).max(axis=-1) > 0
    assert differs.mean() < 0.02  # GDAL's approximate transformer, as for any pan (the test above)


def test_drawing_in_slices_gives_the_pixels_of_one_piece(qapp, basemap: Path, monkeypatch) -> None:
    """Lines, areas and their projection go to shapely and Qt a slice of geometries at a time (a whole
    dense view in one call held the GIL, and froze the UI thread, for 100s of ms): the same pixels."""
    from baytak_desktop.ui.paint import draw, osm

    view = view_at(*CENTRE, 10_000)
    osm.forget_pictures()
    monkeypatch.setattr(draw, "GEOMETRIES_PER_CALL", 10**9)
    whole = render_osm(OsmJob(basemap), view)
    osm.forget_pictures()
    monkeypatch.setattr(draw, "GEOMETRIES_PER_CALL", 7)
    sliced = render_osm(OsmJob(basemap), view)
    osm.forget_pictures()
    assert whole.features > 700 and whole.image is not None and sliced.image is not None
    assert np.array_equal(pixels_rgba(whole.image), pixels_rgba(sliced.image))


@pytest.mark.parametrize("language", ["en", "kk"])
def test_the_overlay_reads_only_named_features_and_places_the_same_names(qapp, basemap: Path, language) -> None:
    """The names read only features with a name or a route number (a city's nameless service roads and
    paths are most of its roads): the overlay places and draws exactly what it did reading them all."""
    from baytak_desktop.basemap.osm_view import read_features
    from baytak_desktop.ui.paint import label_cache, osm_labels
    from baytak_desktop.ui.paint.basemap import forget_overlays

    view = view_at(*CENTRE, 5_000)
    job = OverlayJob(None, None, (), language, ((basemap, None),))
    read: dict[bool, int] = {}
    original = osm_labels.label_features

    def reading(*args, **kwargs):
        result = original(*args, **kwargs)
        read[True] = sum(len(f) for f in result.values())
        return result

    def reading_all(path, bbox, scale, language, only):
        result = {
            name: label_cache.prepared(features)
            for name, features in read_features(path, bbox, scale, language, only=only).items()
        }
        read[False] = sum(len(f) for f in result.values())
        return result

    osm_labels.label_features = reading
    try:
        forget_overlays()
        label_cache.forget_reads()
        named = render_overlay(job, view)
        osm_labels.label_features = reading_all
        forget_overlays()  # placed afresh, not kept from the render before
        every = render_overlay(job, view)
    finally:
        osm_labels.label_features = original
    assert read[True] < 0.7 * read[False]
    assert len(named.labels) > 10 and named.labels == every.labels
    a, b = pixels_rgba(named.image).astype(int), pixels_rgba(every.image).astype(int)
    # (the same overlay drawn twice differs in a few antialiased pixels of its text already)
    assert (np.abs(a - b).max(axis=-1) > 0).mean() < 0.0005


def test_a_pan_stopped_stale_in_any_strip_ends_its_painter_balanced(qapp, qtlog, basemap: Path) -> None:
    """A pan's strip is drawn under a clip saved on the painter; a render made stale in the middle of a
    strip (the person moved on) left that state saved ("QPainter::end: Painter ended with 1 saved
    states" at every such pan). Stopped at each of its checks in turn, the pan never leaves one."""
    from dataclasses import replace

    from baytak_desktop.ui.paint import osm
    from baytak_desktop.ui.paint.layer import Stale

    view = view_at(*CENTRE, 15_000)
    moved = replace(view, x0=view.x0 + 300 * view.res, y0=view.y0 + 200 * view.res)
    calls: list[int] = []

    def counting() -> bool:
        calls.append(1)
        return False

    osm.forget_pictures()
    render_osm(OsmJob(basemap), view)
    render_osm(OsmJob(basemap), moved, counting)
    checks = len(calls)
    assert checks > 3
    stopped = 0
    for stop_at in range(1, checks + 1):
        seen: list[int] = []

        def stale(stop_at: int = stop_at, seen: list[int] = seen) -> bool:
            seen.append(1)
            return len(seen) >= stop_at

        osm.forget_pictures()
        render_osm(OsmJob(basemap), view)
        try:
            render_osm(OsmJob(basemap), moved, stale)
        except Stale:
            stopped += 1
    assert stopped == checks
    assert not [r.message for r in qtlog.records if "saved states" in r.message]
