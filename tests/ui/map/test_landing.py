"""A redraw's pictures shown together (``ui.map.landing``): the layers of one pan landing one by one
repaint the map once, when the last lands; a slow layer does not hold the others back past the update
interval; the whole redraw is composed at that repaint, so the next pan moves the composed pictures."""

from __future__ import annotations

import threading

import pytest
import shapely
from PySide6.QtGui import QImage

from baytak_desktop.store import Store
from baytak_desktop.ui.map import items as items_module
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.map.scheduler import RenderResult
from baytak_desktop.ui.paint.layer import Rendered

AREA = (76.7, 43.0, 77.3, 43.5)


@pytest.fixture
def canvas(qtbot, tmp_path):
    store = Store.create(tmp_path / "landing.gpkg")
    store.insert("brick_factories", {"name": "Works", "status": "operating"}, shapely.Point(76.9, 43.25))
    store.insert("quarries", {"name": "Pit", "status": "illegal"}, shapely.box(76.95, 43.10, 77.05, 43.18))
    store.close()
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_store(tmp_path / "landing.gpkg")
    canvas.zoom_to_lonlat(AREA)
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    canvas.viewport().grab()  # the first redraw shown
    yield canvas
    canvas.shutdown()


def pictures(canvas: MapCanvas) -> dict[str, int]:
    return {key: item.image.cacheKey() for key, item in canvas.layers.items.items() if item.image is not None}


def pan(qtbot, canvas: MapCanvas, dx: float, dy: float) -> None:
    """A pan and its first repaint (the old pictures moved), its redraw not asked yet."""
    canvas._pan_pixels(dx, dy)
    canvas._render_timer.stop()
    canvas.viewport().grab()


def test_the_layers_of_one_redraw_landing_repaint_the_map_once(qtbot, canvas, monkeypatch):
    canvas.layers.landing.timer.setInterval(60_000)  # a slow machine: no progressive update in between
    pan(qtbot, canvas, 120, -80)
    before = pictures(canvas)
    drawn: list[object] = []
    real = items_module.draw_raster
    monkeypatch.setattr(items_module, "draw_raster", lambda *args: drawn.append(args[1]) or real(*args))
    shown_early: list[str] = []
    landed: list[str] = []

    def on_result(result: RenderResult) -> None:  # after the canvas took it
        landed.append(result.request.key)
        if not canvas.layers.scheduler.is_idle():
            now = pictures(canvas)
            shown_early.extend(key for key in now if now[key] != before.get(key))

    canvas.layers.scheduler.sigResult.connect(on_result)
    canvas._render()
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    qtbot.waitUntil(lambda: bool(drawn), timeout=5_000)  # the repaint it asked for
    qtbot.wait(50)  # and any other (none expected)
    assert len(landed) >= 3  # the basemap, the store's layers, the names
    assert shown_early == []  # nothing shown while the others were still rendering
    after = pictures(canvas)
    assert all(after[key] != before.get(key) for key in ("basemap", "overlay", "layer:quarries"))
    shown = [item for item in canvas.layers.items.values() if item.image is not None and item.isVisible()]
    assert sorted(map(id, drawn)) == sorted(map(id, shown))  # one repaint: each layer blended once


def test_a_layer_slower_than_the_update_interval_does_not_hold_the_others_back(qtbot, canvas):
    layers = canvas.layers
    pan(qtbot, canvas, -90, 60)
    before = pictures(canvas)
    release = threading.Event()

    def slow_layer(job: object, view: object, stale: object) -> Rendered:
        release.wait(20)  # a layer still rendering long after the others
        return Rendered(QImage())

    canvas._render()
    view = layers._last_view
    assert view is not None
    layers.scheduler.submit("layer:slow", view, slow_layer, None)  # runs after the others (one worker)
    try:
        qtbot.waitUntil(lambda: pictures(canvas).get("basemap") != before["basemap"], timeout=10_000)
        now = pictures(canvas)
        assert all(now[key] != before[key] for key in ("basemap", "overlay", "layer:quarries"))  # together
        assert not layers.scheduler.is_idle()  # shown while the slow one still renders
    finally:
        release.set()
    qtbot.waitUntil(canvas.is_idle, timeout=10_000)


def test_the_pan_after_a_redraw_moves_its_composed_pictures(qtbot, canvas, monkeypatch):
    pan(qtbot, canvas, 100, 40)
    canvas._render()
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    canvas.viewport().grab()  # the redraw shown: one repaint
    drawn: list[object] = []
    real = items_module.draw_raster
    monkeypatch.setattr(items_module, "draw_raster", lambda *args: drawn.append(args[1]) or real(*args))
    pan(qtbot, canvas, 37, -21)
    assert drawn == []  # two pictures moved, not every layer blended again


def test_a_map_not_on_screen_still_reads_ahead(qtbot, tmp_path):
    """No repaint comes for a hidden map: its idle jobs are not held for one."""
    store = Store.create(tmp_path / "hidden.gpkg")
    store.insert("brick_factories", {"name": "Works", "status": "operating"}, shapely.Point(76.9, 43.25))
    store.close()
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)  # never shown
    try:
        canvas.set_store(tmp_path / "hidden.gpkg")
        canvas.zoom_to_lonlat(AREA)
        canvas._render_timer.stop()
        canvas._render()
        qtbot.waitUntil(canvas.is_idle, timeout=20_000)
        finished: list[str] = []
        canvas.layers.scheduler.sigIdleJobDone.connect(lambda result: finished.append(result.request.key))
        qtbot.waitUntil(lambda: not canvas.layers.scheduler.idle_work_left(), timeout=30_000)
        assert any(key.startswith("draw:") for key in finished)  # the wheel notches drawn ahead
    finally:
        canvas.shutdown()
