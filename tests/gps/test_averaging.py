"""Averaging N fixes: the mean and the spread, checked against a computation of their own from the log.

The check uses the log's values (conftest.expected, plain string parsing) and a local flat-earth
approximation (metres per degree on the WGS 84 ellipsoid at that latitude), which agrees with the
geodesic computation to far better than 1 % over metres; a wrong mean, a variance with the wrong
divisor or north and east swapped all fail.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from baytak_desktop.errors import GpsSourceError
from baytak_desktop.gps import AccuracyBasis, FixAverager, FixQuality, average_fixes
from baytak_desktop.gps.nmea import fixes_from_lines

from .conftest import LOGS, expected

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)


def metres_per_degree(lat: float) -> tuple[float, float]:
    """(north, east) metres per degree at ``lat`` on WGS 84 (meridian and prime-vertical radii)."""
    s = math.sin(math.radians(lat))
    meridian = A * (1 - E2) / (1 - E2 * s * s) ** 1.5
    normal = A / math.sqrt(1 - E2 * s * s)
    return math.radians(meridian), math.radians(normal * math.cos(math.radians(lat)))


def independent(name: str):
    epochs = expected(name)
    lat = np.array([e.lat for e in epochs])
    lon = np.array([e.lon for e in epochs])
    mean_lat, mean_lon = lat.mean(), lon.mean()
    per_north, per_east = metres_per_degree(mean_lat)
    north, east = (lat - mean_lat) * per_north, (lon - mean_lon) * per_east
    errors = [math.hypot(e.lat_error, e.lon_error) for e in epochs if e.lat_error is not None]
    return {
        "lat": mean_lat,
        "lon": mean_lon,
        "sd_north": north.std(),
        "sd_east": east.std(),
        "max": np.hypot(north, east).max(),
        "error": sum(errors) / len(errors) if errors else None,
        "n": len(epochs),
    }


def log_fixes(name: str):
    return [f for f in fixes_from_lines((LOGS / f"{name}.log").read_text().splitlines()) if f is not None]


@pytest.mark.parametrize("name", ["quectel-L70", "neo-m8n", "nmea-rtk"])
def test_the_average_and_its_spread_agree_with_the_log(name):
    position = average_fixes(log_fixes(name))
    want = independent(name)
    assert position.fixes == want["n"]
    assert position.lat == pytest.approx(want["lat"], abs=1e-9)
    assert position.lon == pytest.approx(want["lon"], abs=1e-9)
    assert position.sd_north_m == pytest.approx(want["sd_north"], rel=0.01, abs=1e-4)
    assert position.sd_east_m == pytest.approx(want["sd_east"], rel=0.01, abs=1e-4)
    assert position.drms_m == pytest.approx(math.hypot(want["sd_north"], want["sd_east"]), rel=0.01, abs=1e-4)
    assert position.two_drms_m == pytest.approx(2 * position.drms_m)
    assert position.max_distance_m == pytest.approx(want["max"], rel=0.01, abs=1e-4)


def test_the_quectel_site_with_its_receivers_own_error():
    position = average_fixes(log_fixes("quectel-L70"))
    want = independent("quectel-L70")
    # 16 DGPS fixes standing still: they agree to a few decimetres; the receiver says +-9 to 10 m (GST)
    assert 0.05 < position.two_drms_m < 1.0
    assert position.receiver_error_m == pytest.approx(want["error"])
    assert position.accuracy_basis is AccuracyBasis.GST
    assert position.quality is FixQuality.DGPS and position.satellites_min == 8
    assert position.altitude_m == pytest.approx(np.mean([e.altitude for e in expected("quectel-L70")]))
    assert position.first_time.isoformat() == "2022-03-09T15:01:19+00:00"
    assert position.last_time.isoformat() == "2022-03-09T15:01:34+00:00"


def test_the_worst_quality_counts():
    fixes = log_fixes("nmea-rtk")  # DGPS, then (the last 18) RTK fixed
    assert average_fixes(fixes[-10:]).quality is FixQuality.RTK_FIXED
    assert average_fixes(fixes).quality is FixQuality.DGPS


def test_across_the_antimeridian_the_spread_is_the_same():
    fixes = log_fixes("quectel-L70")
    centre = np.mean([f.lon for f in fixes])
    moved = [replace(f, lon=((f.lon - centre + 180 + 180) % 360) - 180) for f in fixes]
    assert min(f.lon for f in moved) < -179.99 and max(f.lon for f in moved) > 179.99  # on both sides
    here, there = average_fixes(fixes), average_fixes(moved)
    assert abs(there.lon) == pytest.approx(180, abs=1e-6)
    assert there.drms_m == pytest.approx(here.drms_m, rel=1e-3)


def test_one_fix_has_no_spread_and_none_is_an_error():
    fix = log_fixes("polarx2")[0]
    position = average_fixes([fix])
    assert (position.lat, position.lon) == pytest.approx((fix.lat, fix.lon), abs=1e-12)
    assert (position.fixes, position.drms_m, position.max_distance_m) == (1, 0, pytest.approx(0, abs=1e-6))
    assert position.receiver_error_m == pytest.approx(math.hypot(317.563, 10.659))
    with pytest.raises(GpsSourceError, match="No GPS fix"):
        average_fixes([])


def test_the_averager_collects_up_to_its_target_from_another_thread():
    averager = FixAverager(5)
    fixes = log_fixes("neo-m8n")
    done = [averager.add(f) for f in fixes[:7]]
    assert done == [False] * 4 + [True] * 3
    assert averager.count == 5 and averager.finished.is_set()
    assert averager.current() == average_fixes(fixes[:5])
    with pytest.raises(GpsSourceError):
        FixAverager(0)
