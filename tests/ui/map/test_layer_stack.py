"""The canvas's layers composed as two pictures (``LayerStack``): the map looks exactly as when every
layer draws itself, and a layer that changes blends only itself and the layers above it again."""

from __future__ import annotations

import sys

import numpy as np
import pytest
import shapely
from PySide6.QtGui import QImage

from baytak_desktop.store import Store
from baytak_desktop.ui.map import items as items_module
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.map.items import SETTLED_AFTER

AREA = (76.7, 43.0, 77.3, 43.5)


@pytest.fixture
def canvas(qtbot, tmp_path):
    store = Store.create(tmp_path / "stack.gpkg")
    store.insert("brick_factories", {"name": "Works", "status": "operating"}, shapely.Point(76.9, 43.25))
    store.insert("quarries", {"name": "Pit", "status": "illegal"}, shapely.box(76.95, 43.10, 77.05, 43.18))
    store.close()
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(640, 480)
    canvas.show()
    qtbot.waitExposed(canvas)
    canvas.set_store(tmp_path / "stack.gpkg")
    canvas.zoom_to_lonlat(AREA)
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    yield canvas
    canvas.shutdown()


def grab(canvas: MapCanvas) -> np.ndarray:
    image = canvas.viewport().grab().toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)


def test_the_composed_layers_look_as_the_layers_drawn_one_by_one(qtbot, canvas):
    layers = canvas.layers
    layers.items["layer:quarries"].setOpacity(0.6)  # a translucent layer, and one swiped
    layers.items["basemap"].set_swipe(0.5)  # as a swiped image: shown left of the middle only
    for _ in range(SETTLED_AFTER + 1):  # settled: drawn from the composed pictures
        composed = grab(canvas)
    for stack in (layers.under, layers.over):
        for item in list(stack.members):
            stack.remove(item)
            item.update()
    alone = grab(canvas)
    assert np.abs(composed - alone).max() <= 1
    assert len(np.unique(alone.reshape(-1, 4), axis=0)) > 10  # a real map: land, data, names


def test_a_settled_stack_is_drawn_as_one_picture_and_a_changing_one_layer_by_layer(qtbot, canvas, monkeypatch):
    for _ in range(SETTLED_AFTER + 1):  # repaints showing the same: composed
        grab(canvas)
    drawn: list[object] = []
    real = items_module.draw_raster

    def counting(painter, item, world, widget, smooth=True):
        drawn.append(item)
        real(painter, item, world, widget, smooth)

    monkeypatch.setattr(items_module, "draw_raster", counting)
    grab(canvas)
    assert drawn == []  # the kept pictures are drawn as they are
    layers = canvas.layers
    quarries = layers.items["layer:quarries"]
    assert quarries.image is not None
    quarries.set_image(quarries.image.copy(), quarries.rect)  # a new picture of the quarries arrives
    shown = sorted(id(item) for item in layers.over.members if item.image is not None and item.isVisible())
    for _ in range(SETTLED_AFTER):
        drawn.clear()
        changing = grab(canvas)
        assert sorted(map(id, drawn)) == shown  # its stack drawn layer by layer, not composed yet
        assert layers.items["basemap"] not in drawn  # the other stack's picture is kept
    drawn.clear()
    settled = grab(canvas)
    assert sorted(map(id, drawn)) == shown  # settled: composed once
    drawn.clear()
    assert np.abs(grab(canvas) - settled).max() == 0 and drawn == []
    assert np.abs(settled - changing).max() <= 1


def test_a_pan_moves_the_composed_picture_as_it_would_move_each_layer(qtbot, canvas, monkeypatch):
    for _ in range(SETTLED_AFTER + 1):
        grab(canvas)
    drawn: list[object] = []
    real = items_module.draw_raster
    monkeypatch.setattr(items_module, "draw_raster", lambda *args: drawn.append(args[1]) or real(*args))
    canvas._pan_pixels(37, -21)
    canvas._render_timer.stop()  # before the new pictures come: the old ones moved with the map
    composed = grab(canvas)
    assert drawn == []  # the kept composition moved, not recomposed
    for stack in (canvas.layers.under, canvas.layers.over):
        for item in list(stack.members):
            stack.remove(item)
            item.update()
    alone = grab(canvas)
    assert np.abs(composed - alone).max() <= 1


def test_a_zoom_scales_the_composed_picture_until_the_new_pictures_come(qtbot, canvas, monkeypatch):
    for _ in range(SETTLED_AFTER + 1):
        grab(canvas)
    drawn: list[object] = []
    real = items_module.draw_raster
    monkeypatch.setattr(items_module, "draw_raster", lambda *args: drawn.append(args[1]) or real(*args))
    canvas._zoom_about(canvas.viewport().rect().center(), 2**0.5)  # a wheel notch out
    canvas._render_timer.stop()
    composed = grab(canvas)
    assert drawn == []  # each stack's picture scaled, not every layer scaled again
    for stack in (canvas.layers.under, canvas.layers.over):
        for item in list(stack.members):
            stack.remove(item)
            item.update()
    alone = grab(canvas)
    assert np.abs(composed - alone).mean() < 4  # the same map (unsmoothed against smoothed scaling)


def python_entered_by(call) -> list[str]:
    """The Python functions Qt calls while ``call()`` runs (each call takes the GIL: beside a render
    thread running Python, each may wait for it), by qualified name."""
    caller = sys._getframe(0)
    entered: list[str] = []

    def profile(frame, event, arg) -> None:
        if event == "call" and frame.f_back is caller:
            entered.append(frame.f_code.co_qualname)

    sys.setprofile(profile)
    try:
        call()
    finally:
        sys.setprofile(None)
    return entered


def test_a_repaint_of_the_map_calls_python_only_for_the_stacks_paint(qtbot, canvas):
    for _ in range(SETTLED_AFTER + 1):  # settled
        grab(canvas)
    layers = canvas.layers
    assert sum(item.image is not None for item in layers.items.values()) >= 3  # base, quarries, names
    entered = python_entered_by(canvas.viewport().repaint)
    assert sorted(entered) == ["LayerStack.paint", "LayerStack.paint", "ScaleBar.paintEvent"]
    # the layers removed from their stacks draw themselves again
    for stack in (layers.under, layers.over):
        for item in list(stack.members):
            stack.remove(item)
    entered = python_entered_by(canvas.viewport().repaint)
    drawn = [item for item in layers.items.values() if item.image is not None and item.isVisible()]
    assert entered.count("RasterItem.paint") == len(drawn)
