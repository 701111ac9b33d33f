"""Recording a walk: fixes to a crash-safe GPX as they come, pausable, kept in memory for the layer.

:class:`TrackRecorder` is fed from a source's thread (``add``) and steered from the UI or the CLI
(``pause``, ``resume``, ``stop``); a lock keeps the two apart. Standing still adds nothing: a fix
closer than ``min_distance_m`` to the last one kept is skipped, so an outline does not pile up
corners where the walker waited.
"""

from __future__ import annotations

import threading
from enum import StrEnum
from pathlib import Path

from pyproj import Geod

from baytak_desktop.gps.fix import Fix
from baytak_desktop.gps.gpx import GpxTrackWriter

WGS84 = Geod(ellps="WGS84")


class RecorderState(StrEnum):
    RECORDING = "recording"
    PAUSED = "paused"
    STOPPED = "stopped"


class TrackRecorder:
    def __init__(
        self,
        path: Path,
        name: str = "",
        *,
        resume: bool = False,
        overwrite: bool = False,
        min_distance_m: float = 0.0,
    ) -> None:
        self.path = Path(path)
        self.min_distance_m = min_distance_m
        self._writer = GpxTrackWriter(self.path, name, resume=resume, overwrite=overwrite)
        self._segments: list[list[Fix]] = []
        self._lock = threading.Lock()
        self._state = RecorderState.RECORDING
        self._new_segment = True

    @property
    def state(self) -> RecorderState:
        return self._state

    def add(self, fix: Fix) -> bool:
        """Record ``fix`` unless paused, stopped, or too close to the last point; True if recorded."""
        with self._lock:
            if self._state is not RecorderState.RECORDING or not fix.has_position:
                return False
            if not self._new_segment and self._too_close(fix):
                return False
            if self._new_segment:
                self._segments.append([])
                self._new_segment = False
            self._writer.add(fix)
            self._segments[-1].append(fix)
            return True

    def pause(self) -> None:
        with self._lock:
            if self._state is RecorderState.RECORDING:
                self._writer.pause()
                self._state, self._new_segment = RecorderState.PAUSED, True

    def resume(self) -> None:
        with self._lock:
            if self._state is RecorderState.PAUSED:
                self._state = RecorderState.RECORDING

    def stop(self) -> None:
        with self._lock:
            if self._state is not RecorderState.STOPPED:
                self._writer.close()
                self._state = RecorderState.STOPPED

    @property
    def segments(self) -> list[list[Fix]]:
        with self._lock:
            return [list(segment) for segment in self._segments if segment]

    @property
    def points(self) -> int:
        return sum(len(segment) for segment in self.segments)

    @property
    def length_m(self) -> float:
        return track_length_m(self.segments)

    def _too_close(self, fix: Fix) -> bool:
        if self.min_distance_m <= 0 or not self._segments or not self._segments[-1]:
            return False
        last = self._segments[-1][-1]
        _, _, distance = WGS84.inv(last.lon, last.lat, fix.lon, fix.lat)
        return bool(distance < self.min_distance_m)


def track_length_m(segments: list[list[Fix]]) -> float:
    """Geodesic length of the segments (the gaps between segments are not walked)."""
    total = 0.0
    for segment in segments:
        if len(segment) > 1:
            total += WGS84.line_length([f.lon for f in segment], [f.lat for f in segment])
    return total
