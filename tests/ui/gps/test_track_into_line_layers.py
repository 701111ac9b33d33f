"""A track recorded in the window (a real receiver's log replayed over TCP, paused once) saved into a line
layer the party published, chosen by the person in the dialog that follows Stop: the saved feature is
the log's points, one line per stretch walked, in that layer, and it syncs like any edit."""

from __future__ import annotations

import shutil

import pytest
import shapely
from layer_helpers import CANALS, RIVERS, publish_into
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from baytak_desktop.gps import Backoff, parse_source
from baytak_desktop.gps.notes import parse_note
from baytak_desktop.gps.replay import ReplayServer
from baytak_desktop.store import Store
from baytak_desktop.ui.gps.track_dialog import TrackSaveDialog
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.gps.conftest import expected
from tests.ui.gps.conftest import moved_log
from tests.ui.writes import written


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    path = tmp_path / "field.gpkg"
    shutil.copy(demo_file, path)
    with Store.open(path) as store:
        publish_into(store, RIVERS, CANALS)
    set_language("kk")
    window = MainWindow(Store.open(path), QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    window.gps.receiver.backoff = Backoff(0.2, 2.0, 1.0)
    yield window
    window.gps.close_down()
    set_language("en")
    QApplication.processEvents()


def choose_in_dialog(layer: str, seen: dict) -> None:
    """What the person does in the dialog after Stop: look at the layers offered, pick one, save."""
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TrackSaveDialog)
    seen["offered"] = [dialog.layer.itemData(i) for i in range(dialog.layer.count())]
    dialog.layer.setCurrentIndex(dialog.layer.findData(layer))
    dialog.simplify.setValue(0.0)
    seen["after"] = dialog.save_button.text()
    dialog.save_button.click()


def test_a_track_recorded_in_the_app_goes_into_the_published_line_layer_the_person_chooses(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "bank.nmea")
    epochs = expected(log)
    assert window.gps.start_recording(tmp_path / "bank.gpx")
    received: list = []
    window.gps.receiver.sigFix.connect(received.append)
    with ReplayServer(log, speed=1.0) as server:
        window.gps.connect_to(parse_source(f"tcp://127.0.0.1:{server.port}"))
        qtbot.waitUntil(lambda: window.gps.recorder.points >= 30, timeout=20_000)
        window.registry.actions["gps_pause"].trigger()  # a stretch not walked along the canal
        paused_at = len(received)
        qtbot.waitUntil(lambda: len(received) >= paused_at + 20, timeout=10_000)
        window.registry.actions["gps_pause"].trigger()
        qtbot.waitUntil(lambda: len(received) >= len(epochs), timeout=20_000)
        recorded = window.gps.recorder.points
        seen: dict = {}
        QTimer.singleShot(0, lambda: choose_in_dialog("canals", seen))
        window.gps.stop_recording()  # asks, as the Stop action does
    # every line layer of the store is offered, the published ones too, beside the area layers
    assert {"rivers", "canals", "quarries"} <= set(seen["offered"]) and "brick_factories" not in seen["offered"]
    assert seen["after"] == "Сызық ретінде сақтау"

    panel = window.edit_actions.panel
    assert panel.is_new() and panel.layer == "canals"
    assert panel.form.title.text() == "Суару арналары"
    values = panel.form.values()
    assert parse_note(values["notes"])["points"] == str(recorded)
    values.update({"name": "Үлкен Алматы арнасы", "status": "leaking"})
    uuid = panel.save(values)
    written(qtbot, window)
    assert uuid is not None, panel.form.problems()
    canal = window.store.get("canals", uuid)
    geometry = canal.geometry
    assert geometry.geom_type == "MultiLineString" and len(geometry.geoms) == 2  # one line per stretch walked
    points = shapely.get_coordinates(geometry)
    assert len(points) == recorded
    logged = {(round(e.lon, 7), round(e.lat, 7)) for e in epochs}
    assert all((round(x, 7), round(y, 7)) in logged for x, y in points)  # each point is one of the log's
    assert points[0] == pytest.approx((epochs[0].lon, epochs[0].lat), abs=1e-7)
    assert [(c.layer, c.op) for c in window.store.changes()] == [("canals", "insert")]  # it syncs like any edit
