"""Replaying a log at the pace it was recorded: wait as long between epochs as the receiver did.

The pace comes from the sentences' own UTC times, so a 1 Hz log replays at one epoch a second and a
10 Hz log at ten, at ``speed`` times real time. Gaps longer than ``MAX_GAP_S`` (a receiver switched off
and on, a log glued from two sessions) are skipped rather than waited out.
"""

from __future__ import annotations

import threading

from baytak_desktop.gps.nmea import TIMED, parse_sentence

MAX_GAP_S = 5.0
DAY_S = 86_400.0


class Pacer:
    """``wait_before(line)`` sleeps until ``line`` is due; ``speed=None`` never sleeps (as fast as possible)."""

    def __init__(self, speed: float | None, stop: threading.Event | None = None) -> None:
        if speed is not None and speed <= 0:
            raise ValueError("speed must be above 0")
        self.speed = speed
        self.stop = stop or threading.Event()
        self._last: float | None = None

    def wait_before(self, line: str) -> None:
        if self.speed is None:
            return
        seconds = _seconds_of_day(line)
        if seconds is None:
            return
        if self._last is not None and seconds != self._last:
            delta = seconds - self._last
            if delta < -DAY_S / 2:
                delta += DAY_S  # past midnight
            if 0 < delta <= MAX_GAP_S:
                self.stop.wait(delta / self.speed)
        self._last = seconds


def _seconds_of_day(line: str) -> float | None:
    if not line.startswith("$") or line[3:6] not in TIMED:
        return None
    sentence = parse_sentence(line)
    stamp = getattr(sentence, "timestamp", None)
    if stamp is None or not hasattr(stamp, "hour"):
        return None
    return float(stamp.hour * 3600 + stamp.minute * 60 + stamp.second) + float(stamp.microsecond) / 1e6
