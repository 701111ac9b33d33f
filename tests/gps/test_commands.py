"""``baytak gps`` as a person runs it: real subprocesses, real sockets, a real store, real logs.

Each command is exercised end to end: watch and average from a log, log the site here from a receiver
on TCP, record a track from TCP and save it as a quarry, replay a log as a TCP or UDP receiver. Bad
input is one line on stderr and exit 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pyogrio
import pytest

from baytak_desktop.gps.gpx import read_track
from baytak_desktop.gps.nmea_sources import TcpSource, UdpSource
from baytak_desktop.gps.notes import parse_note
from baytak_desktop.gps.replay import ReplayServer
from baytak_desktop.store import Store

from .conftest import FAST, LOGS, Collector, expected
from .test_sources import check_against_log, free_port

QUECTEL = LOGS / "quectel-L70.log"
RTK = LOGS / "nmea-rtk.log"


def baytak(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)], capture_output=True, text=True, timeout=timeout
    )


def test_watch_prints_each_fix_as_json(tmp_path):
    done = baytak("gps", "watch", "--source", f"{QUECTEL}?speed=max", "--json", "--count", "5")
    assert done.returncode == 0, done.stderr
    fixes = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(fixes) == 5
    for fix, epoch in zip(fixes, expected("quectel-L70"), strict=False):
        assert (fix["lat"], fix["lon"]) == pytest.approx((epoch.lat, epoch.lon), abs=1e-9)
        assert fix["accuracy_basis"] == "gst" and fix["quality"] == "dgps"
    assert "connecting" in done.stderr and "fix" in done.stderr


def test_average_prints_the_position_spread_and_notes_line():
    done = baytak("gps", "average", "--source", f"file://{QUECTEL}?speed=max", "-n", "16", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    epochs = expected("quectel-L70")
    assert result["fixes"] == 16
    assert result["lat"] == pytest.approx(sum(e.lat for e in epochs) / 16, abs=1e-9)
    assert result["note"].startswith("[GPS] ") and "fixes=16" in result["note"]
    text = baytak("gps", "average", "--source", f"{QUECTEL}?speed=max", "-n", "16").stdout
    assert "Averaged 16 fixes" in text and "2DRMS" in text and "notes line: [GPS]" in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["watch", "--source", "bluetooth://phone"], "is not a GPS source"),
        (["watch", "--source", "tcp://127.0.0.1"], "needs a host and a port"),
        (["watch", "--source", "serial:///dev/ttyUSB0?baud=12345"], "the speed must be auto or one of"),
        (["watch", "--source", "file:///no/such/walk.nmea"], "was not found"),
        (["average", "--source", f"{LOGS / 'polarx2.log'}?speed=max", "-n", "16"], "Only 5 of 16 fixes"),
        (["average", "--source", f"{QUECTEL}?speed=0", "-n", "3"], "A replay speed is a number above 0"),
        (["replay", str(QUECTEL)], "Give either --tcp PORT or --udp HOST:PORT"),
        (["replay", str(QUECTEL), "--udp", "nowhere"], "--udp takes HOST:PORT"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(args, message):
    done = baytak("gps", *args, timeout=60)
    assert done.returncode == 1
    assert message in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith("error: ")


def test_log_the_site_here_from_a_receiver_on_tcp(tmp_path):
    store_path = tmp_path / "store.gpkg"
    Store.create(store_path).close()
    with ReplayServer(QUECTEL, speed=None, loop=True) as server:
        done = baytak(
            "gps", "add-point", store_path, "--layer", "sewage_outflows", "--source", f"tcp://127.0.0.1:{server.port}",
            "-n", "8", "--set", "name=Outflow at the bridge", "--set", "discharge=untreated", "--set", "status=active", "--user", "aigul", "--json",
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    with Store.open(store_path) as store:
        feature = store.get("sewage_outflows", result["uuid"])
    note = parse_note(feature.attributes["notes"])
    assert note["fixes"] == "8" and note["basis"] == "gst"
    assert (feature.geometry.y, feature.geometry.x) == pytest.approx((result["lat"], result["lon"]), abs=1e-12)
    assert feature.attributes["created_by"] == "aigul"
    # a wrong layer or a missing field is refused before anyone stands still for nothing
    refused = baytak("gps", "add-point", store_path, "--layer", "quarries", "--source", "tcp://127.0.0.1:9")
    assert refused.returncode == 1 and "holds outlines" in refused.stderr and "connecting" not in refused.stderr
    refused = baytak("gps", "add-point", store_path, "--layer", "sewage_outflows", "--source", "tcp://127.0.0.1:9")
    assert refused.returncode == 1 and "is required" in refused.stderr and "connecting" not in refused.stderr


def test_record_from_tcp_then_save_the_walk_as_a_quarry(tmp_path):
    track = tmp_path / "walk.gpx"
    with ReplayServer(RTK, speed=None) as server:
        done = baytak("gps", "record", "--source", f"tcp://127.0.0.1:{server.port}", "--out", track, "--count", "40")
    assert done.returncode == 0, done.stderr
    assert "Recorded 40 points" in done.stdout
    points = pyogrio.read_dataframe(track, layer="track_points")
    assert len(points) == 40
    for (_, row), epoch in zip(points.iterrows(), expected("nmea-rtk"), strict=False):
        assert (row.geometry.y, row.geometry.x) == pytest.approx((epoch.lat, epoch.lon), abs=1e-8)
    again = baytak("gps", "record", "--source", f"{RTK}?speed=max", "--out", track)
    assert again.returncode == 1 and "already exists" in again.stderr

    store_path = tmp_path / "store.gpkg"
    Store.create(store_path).close()
    saved = baytak(
        "gps", "save-track", store_path, track, "--layer", "quarries", "--set", "name=Abat pit edge",
        "--set", "status=illegal", "--json",
    )  # fmt: skip
    assert saved.returncode == 0, saved.stderr
    uuid = json.loads(saved.stdout)["uuid"]
    with Store.open(store_path) as store:
        quarry = store.get("quarries", uuid)
    # 40 points, of which the first two are one at GPX's 8 decimals (1 mm), and the ring closed
    assert len(quarry.geometry.geoms[0].exterior.coords) == 40
    assert parse_note(quarry.attributes["notes"])["points"] == "40"
    refused = baytak("gps", "save-track", store_path, track, "--layer", "brick_factories", "--set", "name=x")
    assert refused.returncode == 1 and "holds points" in refused.stderr


def test_record_resumes_an_interrupted_track_as_a_new_segment(tmp_path):
    track = tmp_path / "walk.gpx"
    first = baytak("gps", "record", "--source", f"{RTK}?speed=max", "--out", track, "--count", "10")
    second = baytak("gps", "record", "--source", f"{RTK}?speed=max", "--out", track, "--resume", "--count", "5")
    assert first.returncode == second.returncode == 0, second.stderr
    assert [len(s) for s in read_track(track)] == [10, 5]


def test_replay_over_udp_reaches_a_listening_source(running):
    port = free_port(socket.SOCK_DGRAM)
    got = Collector()
    running(UdpSource("127.0.0.1", port, got.on_fix, got.on_status, backoff=FAST))
    time.sleep(0.3)  # the source binds its port
    done = baytak("gps", "replay", QUECTEL, "--udp", f"127.0.0.1:{port}", "--speed", "max", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["sent_lines"] == 115
    assert got.wait(lambda c: len(c.fixes) >= 15, timeout=10)
    check_against_log(got.fixes, "quectel-L70")


def test_replay_serves_tcp_until_interrupted(running):
    port = free_port()
    # Ctrl-C as a terminal delivers it: a job a shell started in the background (a CI runner, nohup)
    # ignores SIGINT, every process it starts inherits that, and Python then installs no handler for it
    interactive = "import runpy, signal; signal.signal(signal.SIGINT, signal.default_int_handler); "
    interactive += "runpy.run_module('baytak_desktop.cli', run_name='__main__')"
    server = subprocess.Popen(
        [sys.executable, "-c", interactive, "gps", "replay", str(RTK), "--tcp", str(port), "--speed", "max",
         "--loop"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert "Serving" in server.stderr.readline()
        got = Collector()
        running(TcpSource("127.0.0.1", port, got.on_fix, got.on_status, backoff=FAST))
        assert got.wait(lambda c: len(c.fixes) >= 130)  # more than one pass: --loop
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=30)  # stderr drained: a full pipe would hold the exit
        assert server.returncode == 0, errors
    finally:
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()


def test_ports_lists_serial_ports():
    done = baytak("gps", "ports", "--json")
    assert done.returncode == 0, done.stderr
    assert isinstance(json.loads(done.stdout), list)


def test_the_commands_need_no_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-c", "import baytak_desktop.gps.commands, sys; print('PySide6' in sys.modules)"],
        capture_output=True, text=True, env=env,
    )  # fmt: skip
    assert done.stdout.strip() == "False"


def test_a_recorded_track_fills_a_published_line_layer(tmp_path):
    """A line layer the party published (rivers and canals, for water diplomacy): a walked bank saved into
    it from the recorded GPX, its length derived geodesically; a point added there is refused with why."""
    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    rivers = {
        "name": "rivers",
        "geometry": "MULTILINESTRING",
        "title": {"en": "Rivers and canals", "kk": "Өзендер мен арналар", "ru": "Реки и каналы"},
        "fields": [
            {
                "name": "name",
                "type": "text",
                "required": True,
                "title": {"en": "Name", "kk": "Атауы", "ru": "Название"},
            },
            {
                "name": "length_km",
                "type": "real",
                "derived": "length_km",
                "title": {"en": "Length, km", "kk": "Ұзындығы, км", "ru": "Длина, км"},
            },
        ],
    }
    store_path = tmp_path / "store.gpkg"
    with Store.create(store_path) as store, store.session() as conn:
        apply_revisions(conn, [PublishedRevision(1, 1, parse(rivers, "rivers"))])
    track = tmp_path / "bank.gpx"
    assert baytak("gps", "record", "--source", f"{RTK}?speed=max", "--out", track).returncode == 0
    saved = baytak("gps", "save-track", store_path, track, "--layer", "rivers", "--set", "name=Іле жағасы", "--json")
    assert saved.returncode == 0, saved.stderr
    uuid = json.loads(saved.stdout)["uuid"]
    with Store.open(store_path) as store:
        river = store.get("rivers", uuid)
        assert [(c.layer, c.op) for c in store.changes()] == [("rivers", "insert")]  # it syncs like any edit
    assert river.geometry.geom_type == "MultiLineString" and len(river.geometry.geoms[0].coords) > 10
    recorded = int(parse_note(river.attributes["notes"])["points"])
    vertices = sum(len(line.coords) for line in river.geometry.geoms)  # repeated positions are one vertex
    assert river.attributes["length_km"] > 0 and recorded >= vertices > 10
    refused = baytak("gps", "add-point", store_path, "--layer", "rivers", "--source", "tcp://127.0.0.1:9")
    assert refused.returncode == 1 and "holds lines, not points" in refused.stderr
