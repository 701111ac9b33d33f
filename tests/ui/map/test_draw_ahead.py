"""Drawing ahead while the map stands still (idle jobs of the render worker), on a real OSM basemap built
from the Helsinki extract, a store whose points are its nodes, and a real Landsat scene: after an idle
moment a wheel notch in or out shows the pictures drawn then (copies), pixel for pixel those a cold
render of that view gives; a render asked meanwhile stops the drawing and is served first; the
pictures kept stay within their caps."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
import rasterio
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage
from rasterio.crs import CRS

from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.mapdata import osm_tiles, point_cache
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.reference import OSM, ReferenceLayer, read_reference
from baytak_desktop.store import Store
from baytak_desktop.ui.map.canvas import WHEEL_STEP, MapCanvas
from baytak_desktop.ui.map.map_layers import BASEMAP, layer_key
from baytak_desktop.ui.map.scheduler import RenderResult
from baytak_desktop.ui.paint import basemap as base_paint
from baytak_desktop.ui.paint import imagery as imagery_paint
from baytak_desktop.ui.paint import layer as layer_paint
from baytak_desktop.ui.paint import osm as osm_paint

DATA = Path(__file__).resolve().parents[2] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
LANDSAT = DATA / "imagery" / "rgb_deflate.tif"
OSM_KEY, POINTS = "osm:1", layer_key("brick_factories")


@pytest.fixture(scope="module")
def landsat_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("landsat")
    shutil.copy(LANDSAT, folder / "andros.tif")
    with rasterio.open(folder / "andros.tif", "r+") as image:  # moved to Almaty: the map's pan limits
        image.crs = CRS.from_epsg(32643)
        image.transform = rasterio.Affine(300.0, 0, 530_000.0 - 300 * image.width / 2, 0, -300.0, 4_830_000.0)
    with Store.create(folder / "field.gpkg") as store:
        add_image(store, folder / "andros.tif", "2026-07-15", "Andros")
        return store.path


def forget_everything() -> None:
    osm_tiles.CACHE.clear()
    osm_paint.forget_pictures()
    layer_paint.forget_pictures()
    imagery_paint.forget_pictures()
    base_paint.forget_overlays()
    point_cache.forget_points()


@pytest.fixture
def canvas(qtbot):
    forget_everything()
    made = MapCanvas()
    qtbot.addWidget(made)
    made.resize(800, 600)
    made.show()
    qtbot.waitExposed(made)
    qtbot.waitUntil(made.is_idle, timeout=30_000)
    yield made
    made.shutdown()
    forget_everything()


def settle(qtbot, canvas: MapCanvas) -> None:
    """Wait for the renders, then for the idle jobs (reading and drawing ahead) the map standing still starts."""
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    qtbot.waitUntil(lambda: not canvas.layers.scheduler.idle_work_left(), timeout=120_000)


def pixels(image: QImage | None) -> np.ndarray:
    assert image is not None
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def like_a_pan(panned: QImage | None, whole: QImage | None) -> bool:
    """A pan's OSM picture (strips drawn into the last) is a whole render's up to antialiasing's rounding
    at the seams (``test_osm_render``'s measure of it)."""
    a, b = pixels(panned).astype(int), pixels(whole).astype(int)
    difference = np.abs(a - b).max(axis=-1)
    return bool(a[..., 3].any() and difference.mean() < 0.5 and (difference > 24).mean() < 0.001)


def kept_pictures(key: str) -> list[tuple[View, QImage | None]]:
    """Every picture the render worker keeps for a canvas key, with its view (on every thread)."""
    if key == OSM_KEY:
        kept = [*osm_paint._pictures.values(), *osm_paint._ahead.values()]
        return [(p[1], p[2]) for pictures in kept for p in pictures]
    if key == BASEMAP:
        return [(p.view, p.image) for pictures in base_paint._bases._pictures.values() for p in pictures]
    if key.startswith("image:"):
        return [(p.view, p.image) for pictures in imagery_paint._pictures._pictures.values() for p in pictures]
    name = key.split(":", 1)[1]
    shelf = layer_paint._pictures._pictures
    return [(p.view, p.image) for (_, source), pictures in shelf.items() if source[1] == name for p in pictures]


def wheel(canvas: MapCanvas, factor: float, pos: QPoint | None = None) -> None:
    canvas._zoom_about(canvas.viewport().rect().center() if pos is None else pos, factor)
    canvas._render()


def show_helsinki(canvas: MapCanvas, basemap: Path, points_store: Path) -> list[str]:
    canvas.set_store(points_store)
    canvas.set_reference([ReferenceLayer(OSM_KEY, OSM, "Helsinki", basemap, True)])
    canvas.zoom_to_scale(24.944, 60.171, 10_000)
    return [BASEMAP, OSM_KEY, POINTS]


def show_andros(canvas: MapCanvas, landsat_store: Path) -> list[str]:
    with Store.open(landsat_store, readonly=True) as store:
        reference = read_reference(store)
    canvas.set_store(landsat_store)
    canvas.set_reference(reference)
    canvas.zoom_to_scale(77.39, 43.62, 1_000_000)
    return [BASEMAP, reference[0].key]


@pytest.mark.parametrize("notch", [0, 1], ids=["in", "out"])
@pytest.mark.parametrize("place", ["helsinki", "andros"])
def test_a_wheel_notch_after_an_idle_moment_is_the_picture_drawn_ahead_and_a_cold_render(
    qtbot, canvas, basemap, points_store, landsat_store, place, notch
):
    keys = show_helsinki(canvas, basemap, points_store) if place == "helsinki" else show_andros(canvas, landsat_store)
    settle(qtbot, canvas)
    ahead = canvas.wheel_views()[notch]
    drawn = {key: [image for view, image in kept_pictures(key) if view == ahead] for key in keys}
    assert all(len(images) == 1 and images[0] is not None for images in drawn.values()), drawn
    wheel(canvas, 1 / WHEEL_STEP if notch == 0 else WHEEL_STEP)
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    assert canvas.problems() == []
    assert canvas.current_view() == ahead  # the view drawn ahead is the one the notch shows, to the pixel
    jobs = canvas.layers._jobs(canvas.layers.language)
    shown = {key: canvas.layers.items[key].image for key in keys}
    forget_everything()
    for key in keys:
        image = shown[key]
        assert image is not None and image.cacheKey() == drawn[key][0].cacheKey(), key  # a copy, not drawn again
        function, job = jobs[key]
        cold = function(job, ahead).image  # nothing kept, nothing read: the view drawn from scratch
        ours, theirs = pixels(image), pixels(cold)
        assert np.array_equal(ours, theirs), key
        assert ours[..., 3].any() or key == BASEMAP  # (Natural Earth is blank beyond its detailed data up close)


def test_a_notch_about_another_point_is_a_pan_of_the_picture_drawn_ahead(qtbot, canvas, basemap, points_store):
    show_helsinki(canvas, basemap, points_store)
    settle(qtbot, canvas)
    ahead = canvas.wheel_views()[0]
    read: list[tuple[float, ...]] = []  # the scene rectangles features were read for
    original = osm_tiles.CACHE.features

    def recording(path, rect, *args, **kwargs):
        read.append(rect)
        return original(path, rect, *args, **kwargs)

    osm_tiles.CACHE.features = recording  # type: ignore[method-assign]
    try:
        wheel(canvas, 1 / WHEEL_STEP, QPoint(600, 200))
        qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    finally:
        del osm_tiles.CACHE.features
    view = canvas.current_view()
    assert view != ahead and view.res == ahead.res
    assert osm_paint._scene_rect(view) not in read  # only the strips the picture drawn ahead leaves were drawn
    shown = canvas.layers.items[OSM_KEY].image
    forget_everything()
    cold = osm_paint.render_osm(osm_paint.OsmJob(basemap), view).image
    assert like_a_pan(shown, cold)


def test_a_render_asked_while_drawing_ahead_stops_it_and_is_served_first(qtbot, canvas, basemap, points_store):
    scheduler = canvas.layers.scheduler
    done: list[RenderResult] = []
    queued: list[list[str]] = []
    moved: list[View] = []

    def pan_once(result: RenderResult) -> None:  # a first view drawn ahead, more queued: the person pans
        done.append(result)
        if not moved and result.request.key.startswith("draw:") and scheduler._idle_queue:
            canvas._pan_pixels(200, 0)
            canvas._render()
            moved.append(canvas.current_view())
            queued.append([r.key for r in scheduler._idle_queue])

    scheduler.sigIdleJobDone.connect(pan_once)
    show_helsinki(canvas, basemap, points_store)
    qtbot.waitUntil(lambda: bool(moved) and canvas.is_idle(), timeout=60_000)
    assert queued == [[]]  # the views still to draw were dropped at once
    shown = canvas.layers.items[OSM_KEY].image
    settle(qtbot, canvas)  # then drawn ahead again, around the new view
    for ahead in canvas.wheel_views():
        assert any(view == ahead for view, _ in kept_pictures(OSM_KEY))
    forget_everything()
    cold = osm_paint.render_osm(osm_paint.OsmJob(basemap), moved[0]).image
    assert like_a_pan(shown, cold)


def test_the_pictures_kept_stay_within_their_caps(qtbot, canvas, basemap, points_store):
    show_helsinki(canvas, basemap, points_store)
    for step in range(6):
        settle(qtbot, canvas)
        if step % 2:
            wheel(canvas, WHEEL_STEP if step % 4 == 1 else 1 / WHEEL_STEP)
        else:
            canvas._pan_pixels(150, 100)
            canvas._render()
    settle(qtbot, canvas)
    for pictures in layer_paint._pictures._pictures.values():
        assert len(pictures) <= layer_paint.PICTURES_PER_LAYER
    for bases in base_paint._bases._pictures.values():
        assert len(bases) <= base_paint.BASES_KEPT
    kept = [p for pictures in osm_paint._pictures.values() for p in pictures]
    pixels_kept = sum(p[2].width() * p[2].height() for p in kept)
    assert pixels_kept <= osm_paint._PICTURE_PIXELS or len(kept) <= osm_paint._PICTURES_PER_BASEMAP
    assert all(len(pictures) <= osm_paint.AHEAD_PER_BASEMAP for pictures in osm_paint._ahead.values())
    assert len(kept_pictures(POINTS)) >= 3  # the view, and the two drawn ahead


@pytest.mark.parametrize("pos", [None, QPoint(5, 7), QPoint(790, 590)])
def test_the_wheel_views_are_the_views_a_notch_shows(qtbot, canvas, pos):
    canvas.zoom_to_scale(76.9, 43.25, 20_000)
    for factor in (1 / WHEEL_STEP, WHEEL_STEP, WHEEL_STEP, 1 / WHEEL_STEP):
        inward, outward = canvas.wheel_views()
        wheel(canvas, factor)
        assert canvas.current_view() == (inward if factor < 1 else outward)
    if pos is not None:  # a notch about another point: the same resolution and pixel grid
        inward = canvas.wheel_views()[0]
        wheel(canvas, 1 / WHEEL_STEP, pos)
        view = canvas.current_view()
        assert view.res == inward.res
        shift = ((view.x0 - inward.x0) / view.res, (view.y0 - inward.y0) / view.res)
        assert all(abs(s - round(s)) < 1e-6 for s in shift)


@pytest.mark.parametrize("direction", [(1, 0), (0, -1)])
def test_a_pan_of_a_quarter_after_an_idle_moment_shows_the_osm_picture_drawn_ahead(
    qtbot, canvas, basemap, points_store, direction
):
    show_helsinki(canvas, basemap, points_store)
    settle(qtbot, canvas)
    view = canvas.current_view()
    dx, dy = direction[0] * round(view.width / 4), direction[1] * round(view.height / 4)
    drawn = [
        image
        for kept, image in kept_pictures(OSM_KEY)
        if kept.res == view.res
        and round((kept.x0 - view.x0) / view.res) == dx
        and round((kept.y0 - view.y0) / view.res) == dy
    ]
    assert len(drawn) == 1 and drawn[0] is not None
    canvas._pan_pixels(dx, dy)
    canvas._render()
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    shown = canvas.layers.items[OSM_KEY].image
    assert shown is not None and shown.cacheKey() == drawn[0].cacheKey()  # a copy, not drawn again
    # the picture the pan gives with nothing drawn ahead: the view's, then its strips (drawn at the view's
    # scale, as a pan draws them: a pan north moves the centre's scale a little)
    forget_everything()
    job = osm_paint.OsmJob(basemap)
    osm_paint.render_osm(job, view)
    assert np.array_equal(pixels(shown), pixels(osm_paint.render_osm(job, canvas.current_view()).image))


def test_on_a_large_screen_only_the_notches_are_drawn_ahead(qtbot, canvas, basemap, points_store):
    """Six OSM pictures of a 2560 x 1440 view would take 88 MB: there the pan ring is not drawn ahead."""
    show_helsinki(canvas, basemap, points_store)
    settle(qtbot, canvas)
    assert any(key.endswith(":pan0") for key in canvas.layers._read_ahead_for)  # 800 x 600: the ring too
    canvas.resize(2560, 1440)
    canvas._render()
    settle(qtbot, canvas)
    view = canvas.current_view()
    assert view.width * view.height > 3_000_000
    ahead = [kept for kept, _ in kept_pictures(OSM_KEY) if kept.width == view.width and kept.res == view.res]
    assert ahead and all(kept.x0 == view.x0 for kept in ahead)  # no pan of this view was drawn
    for pictures in osm_paint._ahead.values():  # the smaller view's dropped: the cap in pixels holds
        assert len(pictures) <= 2 or sum(p[2].width() * p[2].height() for p in pictures) <= osm_paint.AHEAD_PIXELS


def test_the_osm_pans_are_drawn_ahead_before_the_wheel_notches(qtbot, canvas, basemap, points_store):
    """A person pans more often than they turn the wheel, and a pan onto new ground costs most (the OSM
    basemap's strips): when the map stands still, the OSM pictures of the pan ring are drawn first, then
    every layer's pictures of the notches (each of those is cheap to draw at the zoom itself)."""
    settle(qtbot, canvas)  # what the empty map drew ahead at its start
    done: list[str] = []
    canvas.layers.scheduler.sigIdleJobDone.connect(lambda result: done.append(result.request.key))
    show_helsinki(canvas, basemap, points_store)
    settle(qtbot, canvas)
    drawn = [key for key in done if key.startswith("draw:")]
    pans = [i for i, key in enumerate(drawn) if ":pan" in key]
    notches = [i for i, key in enumerate(drawn) if ":pan" not in key]
    assert len(pans) == 4 and notches
    assert max(pans) < min(notches)
