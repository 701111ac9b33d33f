"""Track recording to GPX: valid after every point, readable by GDAL after a kill -9, repairable when torn.

The recorded fixes are the Trimble RTK log's (tests/data/gps/nmea-rtk.log, 10 Hz, moving); GDAL's GPX
driver (through pyogrio) is the reader, as QGIS uses it (tests/interop/test_qgis_gpx.py opens the same
kind of file in QGIS itself).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest

from baytak_desktop.errors import TrackError
from baytak_desktop.gps import RecorderState, TrackRecorder
from baytak_desktop.gps.gpx import GpxTrackWriter, read_track, repair_gpx
from baytak_desktop.gps.nmea import fixes_from_lines
from baytak_desktop.gps.track import track_length_m

from .conftest import LOGS, expected

RTK = LOGS / "nmea-rtk.log"


def rtk_fixes():
    return [f for f in fixes_from_lines(RTK.read_text().splitlines()) if f is not None]


def gdal_points(path: Path):
    return pyogrio.read_dataframe(path, layer="track_points")


def test_every_fix_is_a_track_point_gdal_reads_back(tmp_path):
    path = tmp_path / "walk.gpx"
    fixes = rtk_fixes()
    with GpxTrackWriter(path, "Quarry walk") as writer:
        for fix in fixes:
            writer.add(fix)
    points = gdal_points(path)
    assert len(points) == len(fixes) == len(expected("nmea-rtk"))
    for (_, row), epoch in zip(points.iterrows(), expected("nmea-rtk"), strict=True):
        assert row.geometry.y == pytest.approx(epoch.lat, abs=1e-8)
        assert row.geometry.x == pytest.approx(epoch.lon, abs=1e-8)
        assert row.ele == pytest.approx(epoch.altitude, abs=0.01)
        assert row.sat == epoch.satellites and row.hdop == pytest.approx(epoch.hdop)
    assert str(points.time.iloc[0]).startswith("2020-03-18 13:28:19.6")
    assert set(points.fix) == {"dgps"}
    tracks = pyogrio.read_dataframe(path, layer="tracks")
    assert len(tracks) == 1 and tracks.name.iloc[0] == "Quarry walk"
    again = read_track(path)
    assert [len(s) for s in again] == [len(fixes)]
    assert again[0][5].horizontal_error_m == pytest.approx(fixes[5].horizontal_error_m, abs=1e-3)


def test_the_file_is_a_whole_gpx_after_each_point(tmp_path):
    path = tmp_path / "walk.gpx"
    writer = GpxTrackWriter(path)
    for count, fix in enumerate(rtk_fixes()[:12], start=1):
        writer.add(fix)
        root = ET.parse(path).getroot()  # readable at this very moment, without close()
        assert len(root.findall(".//{*}trkpt")) == count
        if count == 6:
            writer.pause()
            assert len(root.findall(".//{*}trkseg")) == 1
    writer.close()
    assert [len(s) for s in read_track(path)] == [6, 6]


def test_pause_and_resume_make_segments_and_standing_still_adds_nothing(tmp_path):
    path = tmp_path / "walk.gpx"
    recorder = TrackRecorder(path, min_distance_m=0.5)
    fixes = rtk_fixes()
    taken = sum(recorder.add(f) for f in fixes[:60])
    recorder.pause()
    assert recorder.state is RecorderState.PAUSED and not recorder.add(fixes[60])
    recorder.resume()
    taken += sum(recorder.add(f) for f in fixes[70:])
    recorder.stop()
    assert not recorder.add(fixes[0]) and recorder.state is RecorderState.STOPPED
    points = gdal_points(path)
    assert len(points) == taken == recorder.points < len(fixes) - 10  # the near-duplicates were skipped
    assert sorted(set(points.track_seg_id)) == [0, 1]
    assert recorder.length_m == pytest.approx(track_length_m(read_track(path)), abs=0.01)  # 8 decimals in GPX


def test_an_existing_file_is_not_overwritten_by_accident(tmp_path):
    path = tmp_path / "walk.gpx"
    path.write_text("my other track")
    with pytest.raises(TrackError, match="already exists"):
        GpxTrackWriter(path)
    assert path.read_text() == "my other track"
    GpxTrackWriter(path, overwrite=True).close()
    assert read_track(path) == []


RECORD = """
import sys, time
from pathlib import Path
from baytak_desktop.gps.nmea_sources import FileSource
from baytak_desktop.gps.track import TrackRecorder
recorder = TrackRecorder(Path(sys.argv[2]), "killed walk")
source = FileSource(Path(sys.argv[1]), recorder.add, speed=2.0)
source.start()
source.join()
recorder.stop()
"""


def test_a_killed_recorder_leaves_a_gpx_gdal_reads(tmp_path):
    path = tmp_path / "killed.gpx"
    child = subprocess.Popen([sys.executable, "-c", RECORD, str(RTK), str(path)])
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (not path.exists() or path.read_bytes().count(b"<trkpt") < 30):
            time.sleep(0.05)
        assert child.poll() is None, "the recording ended before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    points = gdal_points(path)
    assert 30 <= len(points) < len(expected("nmea-rtk"))
    for (_, row), epoch in zip(points.iterrows(), expected("nmea-rtk"), strict=False):
        assert (row.geometry.y, row.geometry.x) == pytest.approx((epoch.lat, epoch.lon), abs=1e-8)


def test_a_torn_file_is_cut_back_to_its_last_whole_point_and_recording_goes_on(tmp_path):
    path = tmp_path / "torn.gpx"
    fixes = rtk_fixes()
    with GpxTrackWriter(path) as writer:
        for fix in fixes[:20]:
            writer.add(fix)
    data = path.read_bytes()
    cut = data.index(b"<trkpt", data.index(b"<trkpt") + 1)  # the second point ...
    for torn_at in (cut + 40, len(data) - 5):  # ... cut through; and the closing tags lost
        path.write_bytes(data[:torn_at])
        with pytest.raises(ET.ParseError):
            ET.parse(path)
        assert repair_gpx(path) is True
        assert sum(len(s) for s in read_track(path)) in (1, 20)
    assert repair_gpx(path) is False  # whole already
    with GpxTrackWriter(path, resume=True) as writer:
        for fix in fixes[20:30]:
            writer.add(fix)
    assert [len(s) for s in read_track(path)] == [20, 10]
    assert len(gdal_points(path)) == 30


def test_a_file_that_is_no_track_is_refused(tmp_path):
    path = tmp_path / "notes.gpx"
    path.write_text("<html>not a track")
    with pytest.raises(TrackError, match="not a GPX track"):
        repair_gpx(path)
    with pytest.raises(TrackError, match="is not a whole GPX file"):
        read_track(path)
