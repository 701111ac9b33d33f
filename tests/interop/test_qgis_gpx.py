"""QGIS opens the tracks the program records: one written whole, and one whose recorder was killed.

The issue's check: "the track recorded, then the GPX opened in QGIS". The recording is made by the
real ``baytak gps record`` from a real receiver log served on a TCP socket; the second recorder is
killed with SIGKILL mid-walk. QGIS (python3-qgis, the system Python) runs as a subprocess; where it is
missing the test says so and is skipped.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from baytak_desktop.gps.replay import ReplayServer

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("qgis_gpx.py")
RTK = Path(__file__).resolve().parents[1] / "data" / "gps" / "nmea-rtk.log"


def _qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(
    not _qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)


def record(*args: object) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "baytak_desktop.cli", "gps", "record", *map(str, args)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_qgis_opens_a_recorded_track_and_a_killed_recorders_track(tmp_path):
    whole, killed = tmp_path / "whole.gpx", tmp_path / "killed.gpx"
    with ReplayServer(RTK, speed=None) as server:
        done = record("--source", f"tcp://127.0.0.1:{server.port}", "--out", whole, "--count", "60")
        assert done.wait(120) == 0, done.stderr.read() if done.stderr else ""
    with ReplayServer(RTK, speed=2.0) as server:  # 12 s of walk at twice the pace: killed after 20 points
        child = record("--source", f"tcp://127.0.0.1:{server.port}", "--out", killed)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and (not killed.exists() or killed.read_bytes().count(b"<trkpt") < 20):
                time.sleep(0.05)
            os.kill(child.pid, signal.SIGKILL)
        finally:
            child.wait(10)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(whole), str(killed)], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    first = report[str(whole)]
    assert first["points_valid"] and first["tracks_valid"]
    assert (first["points"], first["tracks"], first["segments"]) == (60, 1, [0])
    assert first["first"] == pytest.approx([-93.7505719, 41.57496591], abs=1e-8)  # $GNGGA,132819.60 of the log
    fields = first["first_fields"]
    assert fields["sat"] == 10 and fields["hdop"] == pytest.approx(0.9) and fields["fix"] == "dgps"
    assert fields["baytak_horizontal_error_m"] == pytest.approx(4.5)  # HDOP 0.9 x 5 m, from our extension
    second = report[str(killed)]
    assert second["points_valid"] and second["tracks_valid"] and second["points"] >= 20
