"""The window's benchmarks beside other programs: what bench_sharing_ui.py and bench_ui_actions.py share.

Both drive the real main window (offscreen) while a real QGIS and ``ogr2ogr -append`` write to its store in
loops (``bench_sharing.OtherPrograms``), and both report the same figures: the UI thread's calls on the
store (``store.meter``) and how long the UI thread could not react at all (``Blocks``: a 5 ms timer's
lateness, with what the UI thread was doing when it passed 50 ms, so a stall names its cause). One copy of
each here, so the two benchmarks measure alike.

The benchmarks' own waiting turns the event loop (``run_until``, ``pause``) instead of sleeping or
spinning ``processEvents``, so every block measured is the app's, not the harness's.
"""

from __future__ import annotations

import gc
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _common as c
import bench_sharing

TARGET_MS = 50.0  # issue 14: the UI thread never waits longer on the database
TICK_MS = 5


# -- the other programs ---------------------------------------------------------------------------------
def beside_others(path: Path, source: Path, run: Callable[[], dict[str, Any]], qgis_first: bool = False) -> dict:
    """``run()`` while QGIS and ogr2ogr write to ``path`` in loops; its result with what they did: their
    commits as they counted them, and the rows the store gained meanwhile (that they really wrote)."""
    before = _rows(path)
    others = bench_sharing.OtherPrograms(path, source, qgis_first=qgis_first)
    try:
        others.start()
        result = run()
    finally:
        others.finish()
    after = _rows(path)
    result["other_programs"] = {
        **others.counts,
        "qgis_commit": c.distribution_ms(others.qgis_commit_s) if others.qgis_commit_s else None,
        "rows_before": before[0],
        "rows_after": after[0],
        "rows_by_qgis": after[1] - before[1],  # QGIS names its features "QGIS 0", "QGIS 1"...
    }
    return result


def _rows(path: Path) -> tuple[int, int]:
    """The layer's rows and those QGIS added (a plain read-only connection: not the app's, not metered)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=60) as conn:
        total, qgis = conn.execute(
            f"SELECT count(*), count(*) FILTER (WHERE name LIKE 'QGIS %') FROM {c.LAYER}"
        ).fetchone()
    conn.close()
    return int(total), int(qgis)


# -- the UI thread's calls on the store -----------------------------------------------------------------
def ui_calls(calls: list[Any], callers: bool, longest: int = 5) -> dict[str, Any]:
    """Count, distribution, the longest few (with their SQL and caller) and, with ``callers``, who made them."""
    return {
        **summary(calls),
        "longest": [described(call) for call in sorted(calls, key=lambda x: -x.seconds)[:longest]],
        **({"by_caller": by_caller(calls)} if callers else {}),
    }


def summary(calls: list[Any]) -> dict[str, Any]:
    seconds = [call.seconds for call in calls]
    return {
        "calls": len(seconds),
        **(c.distribution_ms(seconds) if seconds else {}),
        "longest_ms": round(max(seconds) * 1000, 3) if seconds else 0.0,
        "total_ms": round(sum(seconds) * 1000, 1),
    }


def by_caller(calls: list[Any]) -> dict[str, dict[str, float]]:
    """The calls grouped by who made them (the meter's nearest callers outside the store package)."""
    groups: dict[str, list[float]] = {}
    for call in calls:
        groups.setdefault(call.where, []).append(call.seconds)
    return {
        where: {"calls": len(v), "total_ms": round(sum(v) * 1000, 1), "longest_ms": round(max(v) * 1000, 3)}
        for where, v in sorted(groups.items(), key=lambda item: -sum(item[1]))
    }


def described(call: Any) -> dict[str, Any]:
    return {"ms": round(call.seconds * 1000, 3), "what": call.what, **({"where": call.where} if call.where else {})}


# -- the UI thread's blocks -----------------------------------------------------------------------------
class Blocks:
    """How long the UI thread could not react: a 5 ms timer's lateness, attributed to ``phase`` (the action
    running). A watchdog thread looks at the UI thread's stack while a block passes ``TARGET_MS``, so each
    long block is reported with where the UI thread was (database, drawing, Python, the harness)."""

    def __init__(self, ui_thread: int) -> None:
        from PySide6.QtCore import QElapsedTimer, Qt, QTimer

        self.ui_thread = ui_thread
        self.phase = "between actions"
        self.gaps: dict[str, list[float]] = {}
        self.stalls: list[dict[str, Any]] = []
        self._clock = QElapsedTimer()
        self._ticker = QTimer()
        self._ticker.setTimerType(Qt.TimerType.PreciseTimer)
        self._ticker.timeout.connect(self._tick)
        self._last = time.perf_counter()
        self._ticks = 0
        self._samples: dict[int, list[str]] = {}  # tick number -> the UI thread's stacks while that block lasted
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="bench-watchdog", daemon=True)
        self.collections: dict[str, list[tuple[int, float]]] = {}  # the UI thread's collections: generation, s
        self._collecting = 0.0

    def start(self) -> Blocks:
        self._last = time.perf_counter()
        self._ticker.start(TICK_MS)
        self._watchdog.start()
        gc.callbacks.append(self._collection)
        return self

    def stop(self) -> None:
        gc.callbacks.remove(self._collection)
        self._ticker.stop()
        self._stop.set()
        self._watchdog.join()

    def _collection(self, phase: str, info: dict[str, int]) -> None:
        """The cyclic collector on the UI thread (it holds the GIL: the watchdog cannot look meanwhile)."""
        if threading.get_ident() != self.ui_thread:
            return
        if phase == "start":
            self._collecting = time.perf_counter()
        else:
            self.collections.setdefault(self.phase, []).append(
                (info["generation"], time.perf_counter() - self._collecting)
            )

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = max(0.0, now - self._last - TICK_MS / 1000)
        self.gaps.setdefault(self.phase, []).append(gap)
        samples = self._samples.pop(self._ticks, None)
        if gap * 1000 > TARGET_MS:
            self.stalls.append({"phase": self.phase, "ms": round(gap * 1000, 1), "ui_thread_was_in": samples or []})
        self._ticks += 1
        self._last = time.perf_counter()

    def _watch(self) -> None:
        """Every 10 ms: a block past the target has the UI thread's stack noted (every 50 ms, 5 at most)."""
        noted = 0.0  # how late the block was at its last look (0: no block past the target now)
        while not self._stop.wait(0.01):
            late = time.perf_counter() - self._last - TICK_MS / 1000
            if late * 1000 <= TARGET_MS:
                noted = 0.0
                continue
            if noted and late - noted < TARGET_MS / 1000:
                continue
            noted = late
            frame = sys._current_frames().get(self.ui_thread)
            samples = self._samples.setdefault(self._ticks, [])
            if frame is not None and len(samples) < 5:
                samples.append(f"at {late * 1000:.0f} ms: {_stack(frame)}")

    def report(self, phase: str | None = None) -> dict[str, Any]:
        """The longest block and the blocks over the target, of one phase or of all."""
        gaps = [g for p, values in self.gaps.items() if phase in (None, p) for g in values]
        stalls = sorted((s for s in self.stalls if phase in (None, s["phase"])), key=lambda s: -s["ms"])
        collections = [entry for p, values in self.collections.items() if phase in (None, p) for entry in values]
        return {
            "longest_ms": round(max(gaps) * 1000, 1) if gaps else 0.0,
            "p95_ms": c.distribution_ms(gaps)["p95_ms"] if gaps else 0.0,
            f"over_{TARGET_MS:g}_ms": len(stalls),
            "longest_stalls": stalls[:3],
            "ui_thread_collections": {
                "count": len(collections),
                "longest_ms": round(max((s for _, s in collections), default=0.0) * 1000, 1),
                "full": sum(generation == 2 for generation, _ in collections),
                "longest_ms_by_generation": [
                    round(max((s for g, s in collections if g == generation), default=0.0) * 1000, 1)
                    for generation in range(3)
                ],
            },
        }


def _stack(frame: Any) -> str:
    """The innermost frame and the innermost frames of the app and the benchmark, innermost first."""
    frames = traceback.extract_stack(frame)
    ours = [f for f in frames if "baytak_desktop" in f.filename or "/bench/" in f.filename]
    chosen = [frames[-1], *[f for f in reversed(ours[-6:]) if f is not frames[-1]]]
    return " < ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in chosen)


# -- waiting without blocking ---------------------------------------------------------------------------
def run_until(done: Callable[[], bool], timeout_s: float) -> bool:
    """Turn the event loop until ``done()`` (looked at every 5 ms) or the timeout; ``done()`` at the end."""
    from PySide6.QtCore import QEventLoop, QTimer

    if done():
        return True
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(5)
    check.timeout.connect(lambda: loop.quit() if done() or time.monotonic() >= deadline else None)
    check.start()
    loop.exec()
    check.stop()
    return done()


def pause(seconds: float) -> None:
    """Let the event loop turn for ``seconds`` (queued results land, timers fire)."""
    end = time.monotonic() + seconds
    run_until(lambda: time.monotonic() >= end, seconds + 1)
