"""What the real logs of tests/data/gps say, read here independently of the code under test.

``expected(name)`` reads a log with plain string splitting (no pynmea2, nothing of baytak_desktop.gps):
one entry per epoch that has a position, in order, with the values the receiver wrote. The tests compare
what each source delivers against it, so a fault in the parsing or the grouping cannot hide behind
itself. ``Collector`` runs a real source and waits for what it delivers.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from baytak_desktop.gps import AccuracyBasis, Fix, PositionSource, SourceStatus
from baytak_desktop.gps.source import Backoff

LOGS = Path(__file__).resolve().parents[1] / "data" / "gps"
KNOT = 1852 / 3600


@dataclass
class Epoch:
    seconds: float  # UTC seconds of the day
    lat: float
    lon: float
    date: date | None = None
    altitude: float | None = None
    satellites: int | None = None
    hdop: float | None = None
    lat_error: float | None = None
    lon_error: float | None = None
    speed: float | None = None


def _degrees(value: str, hemisphere: str, width: int) -> float:
    degrees = int(value[:width]) + float(value[width:]) / 60
    return -degrees if hemisphere in ("S", "W") else degrees


def _seconds(hhmmss: str) -> float:
    return int(hhmmss[:2]) * 3600 + int(hhmmss[2:4]) * 60 + float(hhmmss[4:])


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


def expected(name: str | Path) -> list[Epoch]:
    """The epochs with a position of tests/data/gps/NAME.log (or of the log at a path), in order."""
    path = name if isinstance(name, Path) else LOGS / f"{name}.log"
    epochs: dict[float, Epoch] = {}
    order: list[float] = []
    dates: dict[float, date] = {}
    gst: dict[float, tuple[float, float]] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.startswith("$") or "*" not in line:
            continue
        fields = line.split("*")[0].split(",")
        kind = fields[0][3:]
        if kind == "GGA" and fields[6] not in ("", "0") and fields[2]:
            t = _seconds(fields[1])
            epoch = epochs.setdefault(t, Epoch(t, 0, 0))
            epoch.lat, epoch.lon = _degrees(fields[2], fields[3], 2), _degrees(fields[4], fields[5], 3)
            epoch.altitude, epoch.satellites = _number(fields[9]), int(fields[7])
            epoch.hdop = _number(fields[8])
            if t not in order:
                order.append(t)
        elif kind == "RMC" and fields[2] == "A":
            t = _seconds(fields[1])
            dates[t] = date(2000 + int(fields[9][4:]), int(fields[9][2:4]), int(fields[9][:2]))
            epoch = epochs.get(t)
            if epoch is None:  # no GGA (yet): the RMC position
                epoch = epochs[t] = Epoch(t, _degrees(fields[3], fields[4], 2), _degrees(fields[5], fields[6], 3))
                order.append(t)
            epoch.speed = _number(fields[7]) * KNOT if _number(fields[7]) is not None else None
        elif kind == "GLL" and fields[6] == "A" and _seconds(fields[5]) not in epochs:
            t = _seconds(fields[5])
            epochs[t] = Epoch(t, _degrees(fields[1], fields[2], 2), _degrees(fields[3], fields[4], 3))
            order.append(t)
        elif kind == "GST" and fields[6] and fields[7]:
            gst[_seconds(fields[1])] = (float(fields[6]), float(fields[7]))
        elif kind == "ZDA":
            dates[_seconds(fields[1])] = date(int(fields[4]), int(fields[3]), int(fields[2]))
    for t, epoch in epochs.items():
        epoch.date = dates.get(t)
        if t in gst:
            epoch.lat_error, epoch.lon_error = gst[t]
    return [epochs[t] for t in order]


def seconds_of(fix: Fix) -> float:
    assert fix.time is not None
    return fix.time.hour * 3600 + fix.time.minute * 60 + fix.time.second + fix.time.microsecond / 1e6


def assert_matches(fix: Fix, epoch: Epoch) -> None:
    """A delivered fix says what the log says for its epoch."""
    assert fix.lat == pytest.approx(epoch.lat, abs=1e-9)
    assert fix.lon == pytest.approx(epoch.lon, abs=1e-9)
    if epoch.altitude is not None and fix.altitude_m is not None:
        assert fix.altitude_m == pytest.approx(epoch.altitude)
    if epoch.lat_error is not None and fix.accuracy_basis is AccuracyBasis.GST:
        assert (fix.lat_error_m, fix.lon_error_m) == pytest.approx((epoch.lat_error, epoch.lon_error))
        assert fix.horizontal_error_m == pytest.approx(math.hypot(epoch.lat_error, epoch.lon_error))


@dataclass
class Collector:
    """The callbacks of a source, collected; ``wait`` polls a condition (the source runs on its thread)."""

    fixes: list[Fix] = field(default_factory=list)
    statuses: list[SourceStatus] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def on_fix(self, fix: Fix) -> None:
        with self.lock:
            self.fixes.append(fix)

    def on_status(self, status: SourceStatus) -> None:
        with self.lock:
            self.statuses.append(status)

    @property
    def states(self) -> list[str]:
        with self.lock:
            return [s.state.value for s in self.statuses]

    def wait(self, condition: Callable[[Collector], bool], timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self):
                return True
            time.sleep(0.02)
        return condition(self)


FAST = Backoff(first_s=0.05, factor=2.0, longest_s=0.2)


@pytest.fixture
def running():
    """Start sources through this and they are stopped after the test, whatever happens."""
    started: list[PositionSource] = []

    def start(source: PositionSource) -> PositionSource:
        started.append(source)
        source.start()
        return source

    yield start
    for source in started:
        source.stop()
        assert not source.running, f"{source.name} did not stop"
