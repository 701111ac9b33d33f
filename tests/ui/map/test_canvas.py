"""The map canvas as a user drives it: clicks, keys, wheel, drags; real stores, real renders, offscreen."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from baytak_desktop.errors import NotAGeoPackage
from baytak_desktop.store import Store
from baytak_desktop.ui.map.canvas import MAX_RES, MIN_RES, PAN_LIMITS, MapCanvas
from baytak_desktop.ui.map.items import HIGHLIGHT
from baytak_desktop.ui.selection import SelectionModel

ALMATY = (76.90, 43.25)
BESAGASH = (77.06, 43.30)
QUARRY = shapely.MultiPolygon([shapely.box(76.95, 43.10, 77.05, 43.18)])
AREA = (76.7, 43.0, 77.3, 43.5)


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "canvas.gpkg")
    store.insert("brick_factories", {"name": "Operating works", "status": "operating"}, shapely.Point(*ALMATY))
    store.insert("brick_factories", {"name": "Closed works", "status": "closed"}, shapely.Point(*BESAGASH))
    store.insert("quarries", {"name": "Pit", "status": "illegal"}, QUARRY)
    yield store
    store.close()


def wait_idle(qtbot, canvas: MapCanvas) -> None:
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)


@pytest.fixture
def canvas(qtbot, store):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(800, 600)
    canvas.show()
    qtbot.waitExposed(canvas)
    selection = SelectionModel()
    canvas.set_selection_model(selection)
    canvas.selection = selection
    canvas.set_store(store.path)
    canvas.zoom_to_lonlat(AREA)
    wait_idle(qtbot, canvas)
    yield canvas
    canvas.shutdown()


def fid_of(store: Store, layer: str, name: str) -> int:
    return next(f.fid for f in store.features(layer) if f.attributes["name"] == name)


def test_clicking_a_point_identifies_and_selects_it(qtbot, canvas, store):
    with qtbot.waitSignal(canvas.sigIdentified, timeout=5000) as signal:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.pos_of(*ALMATY))
    expected = fid_of(store, "brick_factories", "Operating works")
    assert signal.args == ["brick_factories", expected]
    assert canvas.selection.selected("brick_factories") == {expected}


def test_a_click_a_few_pixels_off_still_hits_and_one_on_nothing_clears(qtbot, canvas, store):
    near = canvas.pos_of(*BESAGASH) + QPoint(5, 3)
    with qtbot.waitSignal(canvas.sigIdentified, timeout=5000) as signal:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=near)
    assert signal.args == ["brick_factories", fid_of(store, "brick_factories", "Closed works")]
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.pos_of(77.25, 43.45))
    assert canvas.selection.layers() == []


def test_clicking_inside_a_polygon_identifies_it(qtbot, canvas, store):
    with qtbot.waitSignal(canvas.sigIdentified, timeout=5000) as signal:
        qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.pos_of(77.0, 43.14))
    assert signal.args == ["quarries", fid_of(store, "quarries", "Pit")]


def test_selection_from_elsewhere_is_highlighted_on_the_map(qtbot, canvas, store):
    canvas.set_basemap_visible(False)
    fid = fid_of(store, "brick_factories", "Closed works")
    canvas.selection.select("brick_factories", [fid])
    wait_idle(qtbot, canvas)
    image = canvas.viewport().grab().toImage()
    centre = canvas.pos_of(*BESAGASH)
    ring = {image.pixelColor(centre + QPoint(dx, dy)).name() for dx in range(-10, 11) for dy in range(-10, 11)}
    assert HIGHLIGHT.name() in ring
    canvas.selection.clear()
    image = canvas.viewport().grab().toImage()
    ring = {image.pixelColor(centre + QPoint(dx, dy)).name() for dx in range(-10, 11) for dy in range(-10, 11)}
    assert HIGHLIGHT.name() not in ring


def test_the_map_shows_the_data_in_its_style_colour(qtbot, canvas, store):
    canvas.set_basemap_visible(False)
    wait_idle(qtbot, canvas)
    image = canvas.viewport().grab().toImage()
    colour = image.pixelColor(canvas.pos_of(*ALMATY))
    expected = canvas.layers.styles["brick_factories"].symbol_for("operating").fill
    assert colour.name() == expected or all(
        abs(a - b) < 40 for a, b in zip(colour.getRgb()[:3], QColorTuple(expected), strict=True)
    )


def QColorTuple(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))


def test_hiding_a_layer_by_style_removes_it(qtbot, canvas, store):
    from dataclasses import replace

    canvas.set_basemap_visible(False)
    styles = dict(canvas.layers.styles)
    styles["brick_factories"] = replace(styles["brick_factories"], visible=False)
    canvas.set_styles(styles)
    wait_idle(qtbot, canvas)
    image = canvas.viewport().grab().toImage()
    assert image.pixelColor(canvas.pos_of(*ALMATY)).name() != styles["brick_factories"].symbol_for("operating").fill
    qtbot.mouseClick(canvas.viewport(), Qt.MouseButton.LeftButton, pos=canvas.pos_of(*ALMATY))
    assert canvas.selection.layers() == []  # a hidden layer is not identified


def test_zoom_is_clamped_from_central_asia_to_a_quarry(qtbot, canvas):
    for _ in range(40):
        canvas.zoom_in()
    assert canvas.resolution() == MIN_RES
    assert canvas.scale_denominator() < 1000  # a quarry fills the screen
    for _ in range(60):
        canvas.zoom_out()
    assert canvas.resolution() == MAX_RES
    for _ in range(100):
        canvas._pan_pixels(5000, -5000)
    lon, lat = canvas.center_lonlat()
    assert PAN_LIMITS[0] - 1e-6 <= lon <= PAN_LIMITS[2] + 1e-6 and PAN_LIMITS[1] - 1e-6 <= lat <= PAN_LIMITS[3] + 1e-6
    wait_idle(qtbot, canvas)


def test_keys_pan_and_zoom(qtbot, canvas):
    res = canvas.resolution()
    qtbot.keyClick(canvas, Qt.Key.Key_Plus)
    assert canvas.resolution() == pytest.approx(res / 2)
    qtbot.keyClick(canvas, Qt.Key.Key_Minus)
    assert canvas.resolution() == pytest.approx(res)
    lon, _ = canvas.center_lonlat()
    qtbot.keyClick(canvas, Qt.Key.Key_Right)
    assert canvas.center_lonlat()[0] > lon


def test_wheel_zooms_about_the_cursor(qtbot, canvas):
    pos = QPointF(200, 150)
    before = canvas.lonlat_at(pos)
    res = canvas.resolution()
    event = QWheelEvent(
        pos,
        canvas.viewport().mapToGlobal(pos),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas.viewport(), event)
    assert canvas.resolution() < res
    after = canvas.lonlat_at(pos)
    assert after == pytest.approx(before, abs=canvas.resolution() / 111_000 * 2)


def test_drag_pans_without_identifying_and_shift_drag_zooms_to_the_box(qtbot, canvas):
    start_centre = canvas.center_lonlat()
    with qtbot.assertNotEmitted(canvas.sigIdentified):
        qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(400, 300))
        qtbot.mouseMove(canvas.viewport(), QPoint(300, 300))
        qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    assert canvas.center_lonlat()[0] > start_centre[0]  # dragged left: the map moved east
    res = canvas.resolution()
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(canvas.viewport(), Qt.MouseButton.LeftButton, shift, QPoint(100, 100))
    qtbot.mouseMove(canvas.viewport(), QPoint(300, 250))
    qtbot.mouseRelease(canvas.viewport(), Qt.MouseButton.LeftButton, shift, QPoint(300, 250))
    assert canvas.resolution() == pytest.approx(res * 0.25)


def test_zoom_to_layer_and_features(qtbot, canvas, store):
    canvas.zoom_to_layer("quarries")
    west, south, east, north = canvas.layers.layer_bbox("quarries")
    lon, lat = canvas.center_lonlat()
    assert west < lon < east and south < lat < north
    canvas.zoom_to_features("brick_factories", [fid_of(store, "brick_factories", "Closed works")])
    assert canvas.center_lonlat() == pytest.approx(BESAGASH, abs=1e-3)
    canvas.zoom_to_kazakhstan()
    assert 3e6 < canvas.scale_denominator() < 3e7


def test_signals_report_cursor_and_scale(qtbot, canvas):
    with qtbot.waitSignal(canvas.sigCursorMoved) as moved:
        qtbot.mouseMove(canvas.viewport(), canvas.pos_of(*ALMATY))
    assert moved.args == pytest.approx(list(ALMATY), abs=0.01)
    with qtbot.waitSignal(canvas.sigScaleChanged) as scaled:
        canvas.zoom_in()
    assert scaled.args[0] == pytest.approx(canvas.scale_denominator())
    assert canvas.scale_bar.text.endswith(("m", "km"))


def test_refresh_shows_a_new_feature(qtbot, canvas, store):
    canvas.set_basemap_visible(False)
    new = (77.2, 43.4)
    store.insert("brick_factories", {"name": "New works", "status": "operating"}, shapely.Point(*new))
    canvas.refresh("brick_factories")
    with qtbot.waitSignal(canvas.sigRenderFinished, timeout=10_000):
        pass
    wait_idle(qtbot, canvas)
    image = canvas.viewport().grab().toImage()
    assert image.pixelColor(canvas.pos_of(*new)).name() != image.pixelColor(canvas.pos_of(77.25, 43.45)).name()


def test_a_missing_basemap_and_a_missing_layer_are_reported_and_the_rest_shown(qtbot, tmp_path, store):
    import sqlite3

    canvas = MapCanvas(basemap=tmp_path / "gone.gpkg")
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    canvas.show()
    conn = sqlite3.connect(str(store.path))
    conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'sewage_outflows'")
    conn.commit()
    conn.close()
    canvas.set_store(store.path)
    canvas.zoom_to_lonlat(AREA)
    wait_idle(qtbot, canvas)
    assert any("gone.gpkg" in p and "missing" in p for p in canvas.basemap_problems())
    assert any("sewage_outflows" in p for p in canvas.problems())
    assert canvas.layers.items["layer:brick_factories"].image is not None
    canvas.shutdown()


def test_a_file_that_is_not_a_store_is_refused(qtbot, tmp_path):
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"")
    with pytest.raises(NotAGeoPackage):
        canvas.set_store(bad)
    canvas.shutdown()


def test_the_ui_thread_keeps_running_while_a_big_layer_renders(qtbot, tmp_path):
    store = Store.create(tmp_path / "big.gpkg")
    rng = np.random.default_rng(5)
    n = 150_000
    points = shapely.points(rng.uniform(46, 87, n), rng.uniform(41, 55, n))
    store.insert_many("brick_factories", {"name": "x", "status": "closed"}, list(points))
    store.close()
    canvas = MapCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(1200, 800)
    canvas.show()
    qtbot.waitExposed(canvas)
    wait_idle(qtbot, canvas)
    ticks = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(canvas.is_idle()))
    timer.start()
    canvas.set_store(store.path)
    wait_idle(qtbot, canvas)
    timer.stop()
    busy_ticks = ticks.count(False)
    assert busy_ticks >= 5  # the event loop kept turning while the layer rendered off-thread
    assert canvas.layers.items["layer:brick_factories"].image is not None
    canvas.shutdown()
