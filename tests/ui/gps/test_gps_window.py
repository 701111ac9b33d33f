"""Live GPS in the running window: a real receiver's log sent over TCP on 127.0.0.1 into the GPS menu.

The log (moved to the demo quarry, see conftest) is served by ``gps.replay.ReplayServer`` as a receiver
or a phone would send it; the window reads it on the receiver's thread. Every check is against the log
itself, read independently (``tests.gps.conftest.expected``).
"""

from __future__ import annotations

import math
import time
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QTimer

from baytak_desktop.gps import SourceState, parse_source
from baytak_desktop.gps.notes import parse_note
from baytak_desktop.gps.replay import ReplayServer
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.ui.actions import menu_titles
from tests.gps.conftest import expected, seconds_of
from tests.gps.test_sources import GpsFake, free_port, needs_gpsfake
from tests.ui.gps.conftest import moved_log
from tests.ui.writes import written

GPX = "{http://www.topografix.com/GPX/1/1}"


def connect(window, server: ReplayServer) -> None:
    window.gps.connect_to(parse_source(f"tcp://127.0.0.1:{server.port}"))


def scene_of(lon: float, lat: float) -> tuple[float, float]:
    xs, ys = to_scene(np.array([lon]), np.array([lat]))
    return float(xs[0]), float(ys[0])


class Ticks:
    """A 50 ms timer on the UI thread: the longest gap between its ticks is how long the window froze."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.longest = 0.0
        self.timer = QTimer(interval=50)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def test_the_gps_menu_has_every_action(window):
    assert "GPS" in menu_titles(window)
    actions = window.registry.actions
    for key in ("connect", "disconnect", "follow", "add_point", "add_corner", "record", "pause", "stop"):
        assert f"gps_{key}" in actions
    assert not actions["gps_disconnect"].isEnabled()  # nothing connected yet
    assert not actions["gps_add_point"].isEnabled()
    assert actions["gps_follow"].isCheckable()


def test_the_marker_shows_each_position_of_the_log_with_its_accuracy(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    epochs = expected(log)
    shown: list[tuple[object, object, QPointF, float]] = []

    def seen(fix) -> None:  # connected after the window's own slot: the marker has moved already
        marker = window.gps.marker  # it shows the latest fix (a newer one may have come in the meantime)
        shown.append((fix, marker.snapshot.fix, QPointF(marker.center), marker.radius_scene))

    window.gps.receiver.sigFix.connect(seen)
    with ReplayServer(log, speed=8.0, loop=True) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: len(shown) >= len(epochs), timeout=20_000)
        assert window.gps.marker.isVisible() and not window.gps.marker.lost
        text = window.gps.status_label.text()
    logged = [(e.lat, e.lon) for e in epochs]
    for index, (fix, drawn, centre, radius) in enumerate(shown[: len(epochs)]):
        assert (fix.lat, fix.lon) == pytest.approx(logged[index], abs=1e-9)  # every epoch, in order
        at = [e.seconds for e in epochs].index(seconds_of(drawn))  # the epoch the marker shows
        assert (drawn.lat, drawn.lon) == pytest.approx(logged[at], abs=1e-9)
        assert (centre.x(), centre.y()) == pytest.approx(scene_of(drawn.lon, drawn.lat), abs=1e-3)
        # the accuracy circle: the receiver's GST error, in Mercator metres at this latitude
        error = math.hypot(epochs[at].lat_error, epochs[at].lon_error)
        assert radius == pytest.approx(error / math.cos(math.radians(drawn.lat)), rel=1e-6)
    assert "DGPS fix" in text and "8 satellites" in text and "±" in text


def test_follow_recentres_near_the_edge_and_pauses_when_the_person_pans(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "walk.nmea")
    with ReplayServer(log, speed=1.0, loop=True) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().fix is not None, timeout=20_000)
        follow = window.registry.actions["gps_follow"]
        follow.setChecked(False)
        follow.trigger()  # on: the map comes to the position, zoomed in from the whole country
        assert follow.isChecked()
        fix = window.gps.receiver.snapshot().fix
        lon, lat = window.canvas.center_lonlat()
        assert (lon, lat) == pytest.approx((fix.lon, fix.lat), abs=1e-4)
        assert window.canvas.resolution() < 5
        # the position well inside the view: the map stays put as fixes come
        centre = window.canvas.center_lonlat()
        fixes_before = window.gps.receiver.live.snapshot().fix
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().fix != fixes_before, timeout=5000)
        qtbot.wait(300)
        assert window.canvas.center_lonlat() == centre
        # the view moved so that the position is near its left edge: the next fix recentres
        view = window.canvas.viewport()
        offset = view.width() * 0.45 * window.canvas.resolution()
        x, y = scene_of(fix.lon, fix.lat)
        from baytak_desktop.mapdata.projection import to_lonlat

        window.canvas.center_on(*to_lonlat(x + offset, y))
        qtbot.waitUntil(
            lambda: window.canvas.center_lonlat()[0] == pytest.approx(window.gps.receiver.snapshot().fix.lon, abs=1e-4),
            timeout=5000,
        )
        # the person drags the map: follow pauses, and the map stays where they put it
        start = view.rect().center()
        qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
        qtbot.mouseMove(view, start + QPoint(300, 0))
        qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(300, 0))
        assert not follow.isChecked()
        assert any("paused" in text for text in window.message_bar.texts())
        where = window.canvas.center_lonlat()
        qtbot.wait(1500)  # fifteen more fixes at 10 Hz
        assert window.canvas.center_lonlat() == where
        follow.trigger()  # resumes
        assert window.canvas.center_lonlat()[0] == pytest.approx(window.gps.receiver.snapshot().fix.lon, abs=1e-4)


def test_a_receiver_that_goes_away_greys_the_marker_says_so_and_comes_back(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "walk.nmea")
    server = ReplayServer(log, speed=1.0, loop=True).start()
    port = server.port
    ticks = Ticks()
    try:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().state is SourceState.FIX, timeout=20_000)
        assert not window.gps.marker.lost
        server.stop()  # the phone left the network mid-stream
        qtbot.waitUntil(lambda: window.gps.marker.lost, timeout=15_000)
        qtbot.waitUntil(lambda: any("not answering" in t for t in window.message_bar.texts()), timeout=15_000)
        qtbot.wait(1200)
        window.gps.refresh()
        assert "ago" in window.gps.marker.label  # the last position stays, with its age
        assert "GPS: not answering" in window.gps.status_label.text() or "no fix" in window.gps.status_label.text()
        server = ReplayServer(log, port=port, speed=1.0, loop=True).start()  # it is back
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().state is SourceState.FIX, timeout=20_000)
        qtbot.waitUntil(lambda: not window.gps.marker.lost, timeout=5000)
        assert not any("not answering" in t for t in window.message_bar.texts())
        started = time.monotonic()
        window.registry.actions["gps_disconnect"].trigger()  # mid-stream
        assert time.monotonic() - started < 2.5
        assert not window.gps.marker.isVisible() and not window.gps.status_label.isVisible()
        assert not window.registry.actions["gps_add_point"].isEnabled()
    finally:
        server.stop()
        ticks.timer.stop()
    assert ticks.longest < 1.0, f"the window did not answer for {ticks.longest:.1f} s"


def test_add_point_at_my_position_stores_the_averaged_position_and_its_accuracy(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    epochs = expected(log)
    window.layer_panel.sigCurrentLayerChanged.emit("sewage_outflows")
    with ReplayServer(log, speed=4.0) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().fix is not None, timeout=20_000)
        window.registry.actions["gps_add_point"].trigger()
        dialog = window.gps.averaging
        assert dialog is not None and dialog.isVisible()
        dialog.count.setValue(5)
        qtbot.waitUntil(lambda: dialog.averager.count >= 2, timeout=10_000)
        assert "m" in dialog.spread.text()  # the spread shows while it averages
        qtbot.waitUntil(lambda: window.gps.averaging is None, timeout=10_000)  # closed by itself at 5
    taken = window.gps.last_fixes
    assert len(taken) == 5
    times = [epoch.seconds for epoch in epochs]
    first = times.index(taken[0].time.hour * 3600 + taken[0].time.minute * 60 + taken[0].time.second)
    used = epochs[first : first + 5]  # five consecutive epochs of the log
    lat, lon = np.mean([e.lat for e in used]), np.mean([e.lon for e in used])
    panel = window.edit_actions.panel
    assert panel.is_new() and panel.layer == "sewage_outflows"
    point = panel.feature_geometry
    assert (point.x, point.y) == pytest.approx((lon, lat), abs=1e-7)
    values = panel.form.values()
    note = parse_note(values["notes"])
    assert note["fixes"] == "5" and note["basis"] == "gst" and note["quality"] == "dgps"
    values.update({"name": "Outflow at the bridge", "status": "active"})
    uuid = panel.save(values)
    written(qtbot, window)
    assert uuid is not None
    feature = window.store.get("sewage_outflows", uuid)
    assert (feature.geometry.x, feature.geometry.y) == pytest.approx((lon, lat), abs=1e-7)
    assert parse_note(feature.attributes["notes"])["fixes"] == "5"


def test_a_recorded_track_with_a_pause_is_the_logs_points_in_a_gpx(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "walk.nmea")
    epochs = expected(log)
    gpx = tmp_path / "walk.gpx"
    assert window.gps.start_recording(gpx)
    received: list = []
    window.gps.receiver.sigFix.connect(received.append)
    with ReplayServer(log, speed=1.0) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.recorder.points >= 30, timeout=20_000)
        window.registry.actions["gps_pause"].trigger()
        paused_at = len(received)
        assert "track paused" in window.gps.status_label.text()
        qtbot.waitUntil(lambda: len(received) >= paused_at + 20, timeout=10_000)
        window.registry.actions["gps_pause"].trigger()  # go on: a new segment
        qtbot.waitUntil(lambda: len(received) >= len(epochs), timeout=20_000)
        path = window.gps.stop_recording(ask=False)
    assert path == gpx
    root = ET.parse(gpx).getroot()
    segments = root.findall(f"{GPX}trk/{GPX}trkseg")
    assert len(segments) == 2
    trkpts = [p for s in segments for p in s.findall(f"{GPX}trkpt")]
    points = [(float(p.get("lat")), float(p.get("lon"))) for p in trkpts]
    logged = [(e.lat, e.lon) for e in epochs]
    assert points[0] == pytest.approx(logged[0], abs=1e-7)
    times = [e.seconds for e in epochs]
    indices = [times.index(_seconds(p.find(f"{GPX}time").text)) for p in trkpts]  # the epoch each point is
    for (lat, lon), index in zip(points, indices, strict=True):
        assert (lat, lon) == pytest.approx(logged[index], abs=1e-7)  # each point is one of the log's
    first_segment = len(segments[0].findall(f"{GPX}trkpt"))
    assert indices[first_segment] - indices[first_segment - 1] >= 15  # the paused stretch is not in it
    assert indices == sorted(indices)


def _seconds(iso: str) -> float:
    clock = iso.split("T")[1].rstrip("Z")
    hours, minutes, seconds = clock.split(":")
    return round(int(hours) * 3600 + int(minutes) * 60 + float(seconds), 3)


def test_the_walked_loop_becomes_a_quarry(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "loop.nmea", epochs=40)  # the first 4 s close a small loop
    epochs = expected(log)
    assert window.gps.start_recording(tmp_path / "loop.gpx")
    with ReplayServer(log, speed=1.0) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.recorder.points >= len(epochs), timeout=20_000)
        window.gps.stop_recording(save_into="quarries", simplify_m=0.0)
    panel = window.edit_actions.panel
    assert panel.is_new() and panel.layer == "quarries"
    values = panel.form.values()
    assert parse_note(values["notes"])["points"] == str(len(epochs))
    values.update({"name": "Abat pit edge", "status": "illegal"})
    uuid = panel.save(values)
    written(qtbot, window)
    assert uuid is not None, panel.form.problems()
    feature = window.store.get("quarries", uuid)
    ring = feature.geometry.geoms[0].exterior.coords
    assert len(ring) == len(epochs) + 1
    assert ring[0] == pytest.approx((epochs[0].lon, epochs[0].lat), abs=1e-7)


def test_add_corner_at_my_position_walks_an_outline(qtbot, window, tmp_path):
    log = moved_log("nmea-rtk", tmp_path / "walk.nmea")
    window.layer_panel.sigCurrentLayerChanged.emit("quarries")
    corners = []
    with ReplayServer(log, speed=1.0) as server:
        connect(window, server)
        for _ in range(3):
            before = window.gps.receiver.snapshot().fix
            qtbot.waitUntil(lambda b=before: window.gps.receiver.snapshot().fix != b, timeout=10_000)
            qtbot.wait(400)  # walk on
            corners.append(window.gps.receiver.snapshot().fix)
            window.registry.actions["gps_add_corner"].trigger()
    assert window.edit_actions.active_tool_key() == "draw_polygon"
    tool = window.edit_actions.tools["draw_polygon"]
    assert tool.vertices == [(c.lon, c.lat) for c in corners]
    assert window.edit_actions.panel.is_new()  # the form opens at the third corner, as when clicking


def test_the_connect_dialog_remembers_each_kind(qtbot, window, tmp_path):
    from baytak_desktop.ui.gps.connect_dialog import KINDS, GpsConnectDialog

    settings = window.settings
    dialog = GpsConnectDialog(settings, window)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(KINDS.index(parse_source("tcp://a:1").kind))
    dialog.tcp_host.setText("192.168.43.1")
    dialog.tcp_port.setValue(11123)
    dialog.accept()
    assert str(dialog.spec) == "tcp://192.168.43.1:11123"
    assert settings.value("gps/source") == "tcp://192.168.43.1:11123"
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    again = GpsConnectDialog(settings, window)
    qtbot.addWidget(again)
    assert again.pages.currentIndex() == KINDS.index(dialog.spec.kind)
    assert again.tcp_host.text() == "192.168.43.1"
    again.kind.setCurrentIndex(len(KINDS) - 1)  # a log file that is not there: said, and the dialog stays
    again.file_path.setText(str(tmp_path / "missing.nmea"))
    again.accept()
    assert again.spec is None and "was not found" in again.error.text()
    again.file_path.setText(str(log))
    again.file_speed.setCurrentIndex(2)
    again.accept()
    assert again.spec is not None and again.spec.speed is None
    assert settings.value("gps/tcp") == "tcp://192.168.43.1:11123"  # the TCP choice stays for next time


def test_in_kazakh_a_lost_receiver_is_said_in_kazakh(qtbot, window, tmp_path):
    from baytak_desktop.ui.i18n import set_language

    set_language("kk")
    log = moved_log("nmea-rtk", tmp_path / "walk.nmea")
    server = ReplayServer(log, speed=1.0, loop=True).start()
    try:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().state is SourceState.FIX, timeout=20_000)
        qtbot.waitUntil(lambda: "жер серігі" in window.gps.status_label.text(), timeout=5000)
        server.stop()
        qtbot.waitUntil(lambda: any("жауап бермейді" in t for t in window.message_bar.texts()), timeout=15_000)
        assert window.registry.actions["gps_connect"].text().replace("&", "") == "Қосылу…"
    finally:
        server.stop()


def test_cancelled_averaging_adds_nothing(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    window.layer_panel.sigCurrentLayerChanged.emit("sewage_outflows")
    with ReplayServer(log, speed=2.0, loop=True) as server:
        connect(window, server)
        qtbot.waitUntil(lambda: window.gps.receiver.snapshot().fix is not None, timeout=20_000)
        dialog = window.gps.add_point_here()
        dialog.count.setValue(50)
        qtbot.waitUntil(lambda: dialog.averager.count >= 1, timeout=10_000)
        dialog.reject()
        qtbot.waitUntil(lambda: window.gps.averaging is None, timeout=5000)
    assert not window.edit_actions.panel.is_new()
    assert window.gps.last_position is None


def test_a_point_needs_a_point_layer(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    window.layer_panel.sigCurrentLayerChanged.emit("quarries")
    window.gps.connect_line(f"{log}?loop=1")  # the log file itself, at its recorded pace
    qtbot.waitUntil(lambda: window.gps.receiver.snapshot().fix is not None, timeout=20_000)
    assert window.gps.add_point_here() is None
    assert any("point layer" in t for t in window.message_bar.texts())


def test_a_log_replayed_to_its_end_is_said(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    assert window.gps.connect_line(f"{log}?speed=max")
    qtbot.waitUntil(lambda: any("replayed to its end" in t for t in window.message_bar.texts()), timeout=20_000)
    assert window.gps.marker.isVisible()
    assert not window.gps.connect_line("tcp://nowhere")  # a bad line: a message, no thread
    assert any("TCP source needs a host and a port" in t for t in window.message_bar.texts())


def test_a_phone_sending_udp_puts_the_marker_where_the_log_says(qtbot, window, tmp_path):
    import socket
    import threading

    from baytak_desktop.gps.replay import send_udp

    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    logged = {(round(e.lat, 9), round(e.lon, 9)) for e in expected(log)}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    window.gps.connect_line(f"udp://127.0.0.1:{port}")
    stop = threading.Event()

    def keep_sending() -> None:
        while not stop.is_set():
            send_udp(log, "127.0.0.1", port, speed=4.0, stop=stop)

    sender = threading.Thread(target=keep_sending, daemon=True)
    sender.start()
    try:
        qtbot.waitUntil(window.gps.marker.isVisible, timeout=20_000)
        fix = window.gps.marker.snapshot.fix
        assert (round(fix.lat, 9), round(fix.lon, 9)) in logged
        assert (window.gps.marker.center.x(), window.gps.marker.center.y()) == pytest.approx(
            scene_of(fix.lon, fix.lat), abs=1e-3
        )
    finally:
        stop.set()
        sender.join(5)


@needs_gpsfake
def test_a_gpsd_restart_is_a_message_then_the_position_again(qtbot, window, tmp_path):
    log = moved_log("quectel-L70", tmp_path / "standing.nmea")
    logged = {(round(e.lat, 9), round(e.lon, 9)) for e in expected(log)}
    fake = GpsFake(log, free_port()).start()  # (starting and stopping gpsd here holds this thread: no freeze timing)
    try:
        assert window.gps.connect_line(f"gpsd://127.0.0.1:{fake.port}")
        qtbot.waitUntil(lambda: "GPS: DGPS fix" in window.gps.status_label.text(), timeout=60_000)
        fix = window.gps.marker.snapshot.fix
        assert (round(fix.lat, 9), round(fix.lon, 9)) in logged
        fake.stop()  # gpsd restarted
        qtbot.waitUntil(lambda: any("not answering" in t for t in window.message_bar.texts()), timeout=30_000)
        qtbot.waitUntil(lambda: window.gps.marker.lost, timeout=10_000)
        fake.start()
        qtbot.waitUntil(lambda: not window.gps.marker.lost, timeout=60_000)
        # the marker reads the live position on its timer; the source's states come queued behind it
        qtbot.waitUntil(lambda: not any("not answering" in t for t in window.message_bar.texts()), timeout=10_000)
    finally:
        fake.stop()
