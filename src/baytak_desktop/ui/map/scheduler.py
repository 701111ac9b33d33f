"""Render jobs off the UI thread, newest wins (napari's slicer: work on a snapshot, drop stale results).

Each map item has a key ("layer:quarries", "basemap", ...). Asking for a render of a key supersedes
every earlier request for it: a request waiting to start is replaced, a running one is told it is
stale (it stops at its next check) and its result, if it still arrives, is dropped. At most one job per
key runs at a time, so panning quickly never piles up work. Jobs get only immutable values (a View and
a frozen job description) and open their own SQLite connections; results come back to the UI thread
as a queued signal. A render makes 100,000s of objects but no reference cycles; the cyclic collector
runs on the UI thread only (``ui.collector``), never in the middle of one.
"""

from __future__ import annotations

import contextlib
import itertools
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from baytak_desktop.errors import BaytakError
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint.layer import Rendered, Stale

RenderFunction = Callable[[Any, View, Callable[[], bool]], Rendered]


@dataclass(frozen=True)
class RenderRequest:
    key: str
    generation: int
    view: View
    function: RenderFunction
    job: Any  # a frozen description: LayerJob, BasemapJob, OverlayJob, TileJob


@dataclass
class RenderResult:
    request: RenderRequest
    rendered: Rendered | None
    error: str | None = None
    seconds: float = 0.0
    problems: tuple[str, ...] = field(default_factory=tuple)


class _Relay(QObject):
    """Lives on the UI thread; a worker's emit is queued to it."""

    sigDone = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, request: RenderRequest, stale: Callable[[], bool], relay: _Relay) -> None:
        super().__init__()
        self.request, self.stale, self.relay = request, stale, relay

    def run(self) -> None:
        start = time.perf_counter()
        rendered, error = None, None
        try:
            if not self.stale():
                rendered = self.request.function(self.request.job, self.request.view, self.stale)
        except Stale:
            rendered = None
        except BaytakError as exc:
            error = exc.message
        except Exception as exc:  # a broken layer must not take the map down: say what failed
            error = f"{type(exc).__name__}: {exc}"
            traceback.print_exc()
        with contextlib.suppress(RuntimeError):  # the canvas was deleted while this ran
            self.relay.sigDone.emit(RenderResult(self.request, rendered, error, time.perf_counter() - start))


class RenderScheduler(QObject):
    """Runs render requests on a private thread pool; emits fresh results and when all work is done.

    One worker thread by default: the renderers hold the GIL for much of their work, so a second worker
    adds little speed, and two workers handing the GIL back and forth starve the UI thread (measured:
    stalls of 100-150 ms with two, under 40 ms with one). Qt's drawing does not help either: PySide6
    (6.11) keeps the GIL through QPainter.drawLines, drawPath and drawPolygon (measured: a pure-Python
    thread beside them ran only in the switch intervals between calls, 0.1 % of a call of seconds), so
    two workers never paint at once."""

    sigResult = Signal(object)  # RenderResult, never a stale one
    sigIdle = Signal()

    def __init__(self, parent: QObject | None = None, threads: int = 1) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.sigDone.connect(self._on_done)
        self._counter = itertools.count(1)
        self._latest: dict[str, int] = {}
        self._running: set[str] = set()
        self._waiting: dict[str, RenderRequest] = {}

    def submit(self, key: str, view: View, function: RenderFunction, job: Any) -> None:
        request = RenderRequest(key, next(self._counter), view, function, job)
        self._latest[key] = request.generation
        if key in self._running:
            self._waiting[key] = request
        else:
            self._start(request)

    def cancel(self, key: str) -> None:
        """Forget ``key``: its running job becomes stale, its waiting one is dropped."""
        self._latest[key] = next(self._counter)
        self._waiting.pop(key, None)

    def is_idle(self) -> bool:
        return not self._running and not self._waiting

    def _start(self, request: RenderRequest) -> None:
        self._running.add(request.key)
        latest = self._latest

        def stale() -> bool:
            return latest.get(request.key) != request.generation

        self.pool.start(_Runnable(request, stale, self._relay))

    @Slot(object)
    def _on_done(self, result: RenderResult) -> None:
        key = result.request.key
        self._running.discard(key)
        waiting = self._waiting.pop(key, None)
        if waiting is not None:
            self._start(waiting)
        if self._latest.get(key) == result.request.generation:
            self.sigResult.emit(result)
        if self.is_idle():
            self.sigIdle.emit()

    def shutdown(self) -> None:
        """Stop: drop waiting work, mark running work stale and wait for it (threads are never killed)."""
        for key in list(self._latest):
            self.cancel(key)
        self.pool.clear()
        self.pool.waitForDone()
