"""Averaging N fixes into one position for "log the site here", with how far they spread.

A single fix from a handheld receiver wanders by metres from one second to the next; standing still
and averaging N of them gives a steadier position, and the spread of the N says how steady. The
spread is measured geodesically (pyproj.Geod on WGS 84): each fix's offset from the mean, north and
east in metres; their standard deviations (population, ddof=0: the spread of the fixes taken, not an
estimate for fixes not taken); DRMS = sqrt(sd_north² + sd_east²) and 2DRMS = twice that, which about
95 % of the fixes fall within. The receivers' own error estimates are kept beside it: the spread says
how much the fixes agree, the receiver's estimate how far they may all be off together.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from pyproj import Geod

from baytak_desktop.errors import GpsSourceError
from baytak_desktop.gps.fix import AccuracyBasis, Fix, FixQuality

WGS84 = Geod(ellps="WGS84")


@dataclass(frozen=True)
class AveragedPosition:
    lat: float
    lon: float
    altitude_m: float | None
    fixes: int
    sd_north_m: float
    sd_east_m: float
    drms_m: float
    max_distance_m: float
    receiver_error_m: float | None  # the mean of the fixes' own horizontal errors
    accuracy_basis: AccuracyBasis | None
    quality: FixQuality  # the worst of the fixes
    satellites_min: int | None
    hdop_mean: float | None
    first_time: datetime | None
    last_time: datetime | None

    @property
    def two_drms_m(self) -> float:
        return 2 * self.drms_m


def average_fixes(fixes: Sequence[Fix]) -> AveragedPosition:
    """The mean position of ``fixes`` and their spread; GpsSourceError for none."""
    usable = [f for f in fixes if f.has_position]
    if not usable:
        raise GpsSourceError("No GPS fix to average: wait until the receiver has a position.")
    lat, lon = _mean_position(usable)
    north, east, distance = _offsets(lat, lon, usable)
    sd_north, sd_east = float(np.std(north)), float(np.std(east))
    times = [f.time for f in usable if f.time is not None]
    return AveragedPosition(
        lat=lat,
        lon=lon,
        altitude_m=_mean([f.altitude_m for f in usable]),
        fixes=len(usable),
        sd_north_m=sd_north,
        sd_east_m=sd_east,
        drms_m=math.hypot(sd_north, sd_east),
        max_distance_m=float(distance.max()),
        receiver_error_m=_mean([f.horizontal_error_m for f in usable]),
        accuracy_basis=_most_common([f.accuracy_basis for f in usable]),
        quality=min((f.quality for f in usable), key=_rank),
        satellites_min=min((f.satellites_used for f in usable if f.satellites_used is not None), default=None),
        hdop_mean=_mean([f.hdop for f in usable]),
        first_time=min(times, default=None),
        last_time=max(times, default=None),
    )


class FixAverager:
    """Collects fixes from a source's thread until it has ``target``; the UI reads ``current()`` to show
    the spread growing, and the result once ``done``."""

    def __init__(self, target: int) -> None:
        if target < 1:
            raise GpsSourceError("Average at least 1 fix, not {target}.", target=target)
        self.target = target
        self._fixes: list[Fix] = []
        self._lock = threading.Lock()
        self.finished = threading.Event()

    def add(self, fix: Fix) -> bool:
        """Take one fix (ignored once enough); True when the target is reached."""
        with self._lock:
            if fix.has_position and len(self._fixes) < self.target:
                self._fixes.append(fix)
            if len(self._fixes) >= self.target:
                self.finished.set()
            return self.finished.is_set()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._fixes)

    @property
    def fixes(self) -> list[Fix]:
        with self._lock:
            return list(self._fixes)

    def current(self) -> AveragedPosition | None:
        fixes = self.fixes
        return average_fixes(fixes) if fixes else None


def _mean_position(fixes: Sequence[Fix]) -> tuple[float, float]:
    """The mean of unit vectors: right across the antimeridian, and equal to the plain mean for small spreads."""
    lat = np.radians([f.lat for f in fixes])
    lon = np.radians([f.lon for f in fixes])
    x, y, z = (np.cos(lat) * np.cos(lon)).mean(), (np.cos(lat) * np.sin(lon)).mean(), np.sin(lat).mean()
    return float(np.degrees(math.atan2(z, math.hypot(x, y)))), float(np.degrees(math.atan2(y, x)))


def _offsets(lat: float, lon: float, fixes: Sequence[Fix]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(fixes)
    azimuth, _, distance = WGS84.inv([lon] * n, [lat] * n, [f.lon for f in fixes], [f.lat for f in fixes])
    azimuth, distance = np.radians(np.asarray(azimuth)), np.asarray(distance)
    return distance * np.cos(azimuth), distance * np.sin(azimuth), distance


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _most_common(values: Sequence[AccuracyBasis | None]) -> AccuracyBasis | None:
    present = Counter(v for v in values if v is not None)
    return present.most_common(1)[0][0] if present else None


# Worst first: a position is no better than its weakest fix.
_ORDER = (
    FixQuality.INVALID,
    FixQuality.SIMULATION,
    FixQuality.MANUAL,
    FixQuality.ESTIMATED,
    FixQuality.GPS,
    FixQuality.PPS,
    FixQuality.DGPS,
    FixQuality.RTK_FLOAT,
    FixQuality.RTK_FIXED,
)


def _rank(quality: FixQuality) -> int:
    return _ORDER.index(quality)
