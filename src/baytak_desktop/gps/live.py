"""The live position as the map and the status bar show it: the last fix, how old it is, whether it is lost.

A source's thread calls ``fix`` and ``status``; the UI asks for a :class:`PositionSnapshot` when it
repaints (a timer, so the age keeps counting while no fix comes). The snapshot is a value: the map
marker draws the accuracy circle from ``accuracy_m``, the heading arrow from ``heading_deg``, greys
the marker when ``lost``, and the status bar writes quality, satellites and ``age_s``. The rules live
here, without Qt, so they are tested without a window:

- a position is **lost** when no fix came for ``lost_after_s`` seconds, or the source says no fix,
  disconnected or stopped; the last position stays, with its age;
- the **heading** is the course over ground only while moving (``MIN_SPEED_FOR_HEADING_MPS``): standing
  still, a receiver's course points anywhere.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from baytak_desktop.gps.fix import Fix
from baytak_desktop.gps.source import SourceState, SourceStatus

LOST_AFTER_S = 5.0
MIN_SPEED_FOR_HEADING_MPS = 0.5  # a slow walk is about 1 m/s


@dataclass(frozen=True, slots=True)
class PositionSnapshot:
    fix: Fix | None  # the last fix, however old
    age_s: float | None  # seconds since it came (this computer's clock)
    lost: bool
    state: SourceState | None
    detail: str = ""
    retry_in_s: float | None = None

    @property
    def accuracy_m(self) -> float | None:
        return self.fix.horizontal_error_m if self.fix is not None else None

    @property
    def heading_deg(self) -> float | None:
        fix = self.fix
        if fix is None or self.lost or fix.course_deg is None or fix.speed_mps is None:
            return None
        return fix.course_deg if fix.speed_mps >= MIN_SPEED_FOR_HEADING_MPS else None


class LivePosition:
    """Thread-safe holder of the latest fix and source state."""

    def __init__(self, lost_after_s: float = LOST_AFTER_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.lost_after_s = lost_after_s
        self._clock = clock
        self._lock = threading.Lock()
        self._fix: Fix | None = None
        self._fix_at: float | None = None
        self._status: SourceStatus | None = None

    def fix(self, fix: Fix) -> None:
        with self._lock:
            self._fix, self._fix_at = fix, self._clock()

    def status(self, status: SourceStatus) -> None:
        with self._lock:
            self._status = status

    def snapshot(self) -> PositionSnapshot:
        with self._lock:
            fix, fix_at, status = self._fix, self._fix_at, self._status
        age = None if fix_at is None else max(0.0, self._clock() - fix_at)
        state = status.state if status is not None else None
        lost = fix is None or age is None or age > self.lost_after_s or state not in (SourceState.FIX, None)
        return PositionSnapshot(
            fix=fix,
            age_s=age,
            lost=lost,
            state=state,
            detail=status.detail if status is not None else "",
            retry_in_s=status.retry_in_s if status is not None else None,
        )
