"""The live position's rules (lost after silence, age, heading only while moving), on real fixes."""

from __future__ import annotations

import pytest

from baytak_desktop.gps import SourceState, SourceStatus
from baytak_desktop.gps.live import LivePosition
from baytak_desktop.gps.nmea import fixes_from_lines

from .conftest import LOGS


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def log_fixes(name: str):
    return [f for f in fixes_from_lines((LOGS / f"{name}.log").read_text().splitlines()) if f is not None]


def test_a_fix_is_shown_then_greyed_with_its_age_when_no_more_come():
    clock = Clock()
    live = LivePosition(lost_after_s=5, clock=clock)
    assert live.snapshot().lost and live.snapshot().fix is None
    fix = log_fixes("quectel-L70")[0]
    live.status(SourceStatus(SourceState.FIX, "tcp://phone:11123"))
    live.fix(fix)
    clock.now += 1
    now = live.snapshot()
    assert not now.lost and now.fix == fix and now.age_s == 1 and now.accuracy_m == fix.horizontal_error_m
    clock.now += 5
    later = live.snapshot()
    assert later.lost and later.fix == fix and later.age_s == 6  # the last position stays, with its age


def test_a_lost_connection_greys_the_position_at_once():
    clock = Clock()
    live = LivePosition(clock=clock)
    live.status(SourceStatus(SourceState.FIX, "gpsd"))
    live.fix(log_fixes("quectel-L70")[0])
    live.status(SourceStatus(SourceState.DISCONNECTED, "gpsd", detail="connection refused", retry_in_s=4))
    snapshot = live.snapshot()
    assert snapshot.lost and snapshot.state is SourceState.DISCONNECTED
    assert (snapshot.detail, snapshot.retry_in_s) == ("connection refused", 4)


@pytest.mark.parametrize("name, moving", [("quectel-L70", False), ("nmea-rtk", True)])
def test_the_heading_is_the_course_only_while_moving(name, moving):
    live = LivePosition(clock=Clock())
    live.status(SourceStatus(SourceState.FIX, "file"))
    headings = []
    for fix in log_fixes(name):
        live.fix(fix)
        snapshot = live.snapshot()
        headings.append(snapshot.heading_deg)
        if snapshot.heading_deg is not None:
            assert fix.speed_mps >= 0.5 and snapshot.heading_deg == fix.course_deg
    assert any(h is not None for h in headings) is moving
