"""Reading ahead while the map stands still (idle jobs of the render worker), on a real OSM basemap built
from the Helsinki extract and a store whose points are its nodes: after an idle moment the next pan's
tiles and the layer's points are kept (the pan reads no tile), a render asked meanwhile is served first
and draws the right picture, the reading stops when another basemap or store is shown."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from baytak_desktop.mapdata import osm_tiles, point_cache
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.reference import OSM, ReferenceLayer
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.map.scheduler import RenderResult
from baytak_desktop.ui.paint import osm as osm_paint
from baytak_desktop.ui.paint.osm import OsmJob, render_osm
from tests.conftest import open_plain_sqlite

DATA = Path(__file__).resolve().parents[2] / "data" / "osm"
HELSINKI = DATA / "Helsinki.osm.pbf"
CENTRE = (24.944, 60.171)
SCALE = 5_000
KEY = "osm:1"


@pytest.fixture
def canvas(qtbot):
    osm_tiles.CACHE.clear()
    osm_paint.forget_pictures()
    point_cache.forget_points()
    made = MapCanvas()
    qtbot.addWidget(made)
    made.resize(800, 600)
    made.show()
    qtbot.waitExposed(made)
    made.set_basemap_visible(False)
    qtbot.waitUntil(made.is_idle, timeout=30_000)
    yield made
    made.shutdown()
    osm_tiles.CACHE.clear()


def reference(path: Path) -> list[ReferenceLayer]:
    return [ReferenceLayer(KEY, OSM, "Helsinki", path, True)]


def settle(qtbot, canvas: MapCanvas) -> None:
    """Wait for the renders, then for the idle jobs the map standing still starts."""
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    qtbot.waitUntil(lambda: not canvas.layers.scheduler.idle_work_left(), timeout=60_000)


def kept_points(store: Path) -> point_cache._Kept | None:
    """What the render worker keeps of the store's brick factories (kept per thread: the one worker's)."""
    kept = [v for (_, source), v in point_cache._tables._pictures.items() if source == (str(store), "brick_factories")]
    assert len(kept) <= 1
    return kept[0] if kept else None


def render_reads() -> int:
    """The tiles the renders read (not those read ahead)."""
    return osm_tiles.CACHE.reads - osm_tiles.CACHE.reads_ahead


def when_reading_ahead(canvas: MapCanvas, action) -> list[bool]:
    """Run ``action`` the first time the render worker turns to reading ahead around a view at 1:5,000
    (right after the idle jobs are queued, before they can have read much): a person acting meanwhile."""
    scheduler = canvas.layers.scheduler
    fired: list[bool] = []

    def once() -> None:
        last = canvas.layers._last_view
        at_scale = last is not None and math.isclose(osm_paint.view_scale(last), SCALE, rel_tol=0.01)
        if not fired and at_scale and scheduler.idle_work_left():
            fired.append(True)
            action()

    scheduler.sigIdle.connect(once)  # (after the layers' own slot, which queues the idle jobs)
    return fired


def scene_rect(view: View) -> tuple[float, float, float, float]:
    return osm_paint._scene_rect(view)


def panned(view: View, dx: float, dy: float) -> View:
    return View(view.x0 + dx * view.res, view.y0 + dy * view.res, view.res, view.width, view.height, view.dpr)


def a_pan_into_new_tiles(view: View) -> tuple[float, float]:
    """A pan of a quarter of the view (east, west, south or north) whose view meets tiles the view does
    not: without reading ahead, its render reads them."""
    level = osm_tiles.level_of(SCALE)
    assert level is not None
    now = set(osm_tiles.tiles_of(scene_rect(view), level))
    for dx, dy in ((0.25, 0), (-0.25, 0), (0, 0.25), (0, -0.25)):
        step = (dx * view.width, dy * view.height)
        if set(osm_tiles.tiles_of(scene_rect(panned(view, *step)), level)) - now:
            return step
    raise AssertionError("every quarter pan stays within the view's tiles")


def pixels(image: QImage | None) -> np.ndarray:
    assert image is not None
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def test_after_an_idle_moment_the_next_pan_reads_no_tile_and_the_points_are_kept(qtbot, canvas, basemap, points_store):
    canvas.set_store(points_store)
    canvas.set_reference(reference(basemap))
    canvas.zoom_to_scale(*CENTRE, SCALE)
    settle(qtbot, canvas)
    view = canvas.current_view()
    assert math.isclose(osm_paint.view_scale(view), SCALE, rel_tol=0.01)
    # the points were read at once, not at the second render
    kept = kept_points(points_store)
    assert kept is not None and kept.read and kept.table is not None and len(kept.table.x) > 1000
    reads = render_reads()
    dx, dy = a_pan_into_new_tiles(view)
    canvas._pan_pixels(dx, dy)
    canvas._render()
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    assert render_reads() == reads  # every tile of the pan was read ahead
    assert canvas.layers.items[KEY].image is not None
    # a wheel step out (1:7,071) finds its tiles too
    settle(qtbot, canvas)
    reads = render_reads()
    canvas._zoom_about(canvas.viewport().rect().center(), math.sqrt(2))
    canvas._render()
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    assert render_reads() == reads


def test_a_render_asked_while_reading_ahead_is_served_first_and_right(qtbot, canvas, basemap):
    stopped: list[RenderResult] = []
    canvas.layers.scheduler.sigIdleJobDone.connect(lambda r: stopped.append(r) if r.rendered is None else None)
    moves: list[tuple[float, float]] = []
    before: list[View] = []

    def pan() -> None:  # the reading ahead has just started (the whole ring to read): the person pans
        before.append(canvas.current_view())
        moves.append(a_pan_into_new_tiles(before[0]))
        canvas._pan_pixels(*moves[0])
        canvas._render()

    fired = when_reading_ahead(canvas, pan)
    canvas.set_reference(reference(basemap))
    canvas.zoom_to_scale(*CENTRE, SCALE)
    qtbot.waitUntil(lambda: bool(fired) and canvas.is_idle(), timeout=30_000)
    dx, dy = moves[0]
    assert any(r.request.key == f"ahead:{KEY}" for r in stopped)  # it gave way to the render
    shown = canvas.layers.items[KEY].image
    target = canvas.current_view()
    # the picture the same two renders give with nothing read ahead and nothing kept (here, on this thread)
    osm_tiles.CACHE.clear()
    osm_paint.forget_pictures()
    render_osm(OsmJob(basemap), before[0])
    expected = render_osm(OsmJob(basemap), target).image
    ours, theirs = pixels(shown), pixels(expected)
    assert ours.shape == theirs.shape and ours[..., 3].any()
    assert np.array_equal(ours, theirs)
    settle(qtbot, canvas)  # and it reads ahead again around the new view
    assert osm_tiles.CACHE.cached(basemap, "osm_roads", scene_rect(panned(target, dx, dy)), SCALE)


def test_reading_ahead_stops_when_another_basemap_is_shown(qtbot, canvas, basemap, tmp_path):
    done: list[RenderResult] = []
    canvas.layers.scheduler.sigIdleJobDone.connect(done.append)
    other = tmp_path / "other.basemap.gpkg"
    other.write_bytes(basemap.read_bytes())
    queued: list[int] = []

    def switch() -> None:
        canvas.set_reference([ReferenceLayer("osm:2", OSM, "Other", other, True)])
        queued.append(len(canvas.layers.scheduler._idle_queue))

    fired = when_reading_ahead(canvas, switch)
    canvas.set_reference(reference(basemap))
    canvas.zoom_to_scale(*CENTRE, SCALE)
    qtbot.waitUntil(lambda: bool(fired), timeout=30_000)
    assert queued == [0]
    qtbot.waitUntil(lambda: any(r.request.key == f"ahead:{KEY}" for r in done), timeout=30_000)
    first = next(r for r in done if r.request.key == f"ahead:{KEY}")
    assert first.rendered is None  # stopped between two tiles
    settle(qtbot, canvas)
    read = [r.request.key for r in done if r.rendered is not None and r.request.key.startswith("ahead:")]
    assert read == ["ahead:osm:2"]  # the new one's ring (then its wheel notches are drawn ahead)


def test_reading_ahead_stops_when_another_store_is_shown(qtbot, canvas, basemap, points_store, tmp_path):
    """The points are read whole at the first render of an opened store, and ahead after a commit (the
    render after it reads its view through the R-tree): closing the store then stops that reading."""
    store = tmp_path / "edited.gpkg"
    shutil.copy(points_store, store)
    canvas.set_reference(reference(basemap))
    canvas.set_store(store)
    canvas.zoom_to_scale(*CENTRE, SCALE)
    settle(qtbot, canvas)
    conn = open_plain_sqlite(store)  # another program commits: what the worker keeps is out of date
    conn.execute("UPDATE brick_factories SET status = 'closed' WHERE fid = 1")
    conn.close()
    done: list[RenderResult] = []
    canvas.layers.scheduler.sigIdleJobDone.connect(done.append)
    queued: list[list[str]] = []

    def close_store() -> None:  # the points are being read, the basemap's tiles queued after them
        queued.append([r.key for r in canvas.layers.scheduler._idle_queue])
        canvas.set_store(None)
        queued.append([r.key for r in canvas.layers.scheduler._idle_queue])

    fired = when_reading_ahead(canvas, close_store)
    canvas._pan_pixels(40, 0)
    canvas._render()
    qtbot.waitUntil(lambda: bool(fired), timeout=30_000)
    assert f"ahead:{KEY}" in queued[0] and queued[1] == []  # the basemap's reading, queued, is dropped
    settle(qtbot, canvas)
    points = [r for r in done if r.request.key == "ahead:layer:brick_factories"]
    assert len(points) == 1 and points[0].rendered is None  # the one running stopped
    kept = kept_points(store)
    assert kept is None or not kept.read
