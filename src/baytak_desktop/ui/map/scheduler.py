"""Render jobs off the UI thread, newest wins (napari's slicer: work on a snapshot, drop stale results).

Each map item has a key ("layer:quarries", "basemap", ...). Asking for a render of a key supersedes
every earlier request for it: a request waiting to start is replaced, a running one is told it is
stale (it stops at its next check) and its result, if it still arrives, is dropped. At most one job per
key runs at a time, so panning quickly never piles up work. Jobs get only immutable values (a View and
a frozen job description) and open their own SQLite connections; results come back to the UI thread
as a queued signal. A render makes 100,000s of objects but no reference cycles; the cyclic collector
runs on the UI thread only (``ui.collector``), never in the middle of one.

Idle jobs (``submit_idle``: reading ahead what the next pan or zoom needs, while the person looks at
the map) run one at a time on the same worker, only while no render is running or waiting; any render
asked makes the running one stale (it stops at its next check, between tiles) and drops the queued
ones, so a render waits at most for one piece of them. They do not count for ``is_idle``.
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
    cpu_seconds: float = 0.0  # the worker thread's own CPU time (what others on the machine do not change)


class _Relay(QObject):
    """Lives on the UI thread; a worker's emit is queued to it."""

    sigDone = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, request: RenderRequest, stale: Callable[[], bool], relay: _Relay) -> None:
        super().__init__()
        self.request, self.stale, self.relay = request, stale, relay

    def run(self) -> None:
        start, cpu_start = time.perf_counter(), time.thread_time()
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
            seconds, cpu = time.perf_counter() - start, time.thread_time() - cpu_start
            self.relay.sigDone.emit(RenderResult(self.request, rendered, error, seconds, cpu_seconds=cpu))


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
    sigIdleJobDone = Signal(object)  # RenderResult of an idle job (finished, stopped or failed)

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
        self._idle_queue: list[RenderRequest] = []
        self._idle_running: RenderRequest | None = None
        self._idle_epoch = 0  # moves with every render asked: the idle work of before is stale

    def submit(self, key: str, view: View, function: RenderFunction, job: Any) -> None:
        self.cancel_idle()
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

    def submit_idle(self, key: str, view: View, function: RenderFunction, job: Any) -> None:
        """Queue a job to run when no render is running or waiting, after the idle jobs queued before."""
        self._idle_queue.append(RenderRequest(key, self._idle_epoch, view, function, job))
        self._start_idle()

    def cancel_idle(self) -> None:
        """Stop the running idle job at its next check and drop the queued ones."""
        self._idle_epoch += 1
        self._idle_queue.clear()

    def idle_work_left(self) -> bool:
        return self._idle_running is not None or bool(self._idle_queue)

    def is_idle(self) -> bool:
        return not self._running and not self._waiting

    def _start_idle(self) -> None:
        if self._idle_running is not None or not self._idle_queue or not self.is_idle():
            return
        request = self._idle_queue.pop(0)
        self._idle_running = request

        def stale() -> bool:
            return self._idle_epoch != request.generation

        self.pool.start(_Runnable(request, stale, self._relay))

    def _start(self, request: RenderRequest) -> None:
        self._running.add(request.key)
        latest = self._latest

        def stale() -> bool:
            return latest.get(request.key) != request.generation

        self.pool.start(_Runnable(request, stale, self._relay))

    @Slot(object)
    def _on_done(self, result: RenderResult) -> None:
        if result.request is self._idle_running:
            self._idle_running = None
            self.sigIdleJobDone.emit(result)
            self._start_idle()
            return
        key = result.request.key
        self._running.discard(key)
        waiting = self._waiting.pop(key, None)
        if waiting is not None:
            self._start(waiting)
        if self._latest.get(key) == result.request.generation:
            self.sigResult.emit(result)
        if self.is_idle():
            self.sigIdle.emit()
            self._start_idle()

    def shutdown(self) -> None:
        """Stop: drop waiting work, mark running work stale and wait for it (threads are never killed)."""
        for key in list(self._latest):
            self.cancel(key)
        self.cancel_idle()
        self.pool.clear()
        self.pool.waitForDone()
