"""The window's reader threads: every read a view makes of the store, off the UI thread.

QGIS or ogr2ogr may hold the store's lock for seconds, and a re-count of a big layer takes tens of
milliseconds by itself; the UI thread must wait for neither (issue 14). So the views (the attribute
table, the layer counts, the unsynced edits) never read the store themselves: they hand a read to
``Readers.read`` under a key ("table", "layer-counts"...) and get its result on the UI thread as a
queued signal, while they keep showing what they had. As datasette does, a few threads each keep one
read-only connection to the file (pooled, opened once per store); only they wait for another program's
commit (the store's ``busy_timeout``), never the UI thread.

Newest wins per key: a read asked again before it started is replaced (a burst of ten refreshes reads
once), and the result of a read that a newer one of the same key has overtaken is dropped (a generation
number), as napari's slicer and the map's render scheduler do. Showing another store drops every read
of the previous one. Python threads, not a QThread pool: see ``ui.worker`` (pyproj).

Two lanes: a click's read (a zoom to a layer, an identify, a feature's details) must not wait behind the
scans a store's opening starts (every layer checked, counted, its unsynced edits read: seconds on
100,000 features; a zoom to a layer waited 3.3 s behind them). Reads asked as ``background``, and any
key whose last read took over ``SLOW_S``, go to the slow lane; one thread takes only the quick lane, the
others take the quick lane first, then the slow one.

Held while a new store is given to every view (``held``): the reads the views ask meanwhile start when
the last view has it. Started at once, the reader threads took the GIL from the UI thread between two
views (a 5 ms switch each time), and the 60 ms of Python that shows a store stopped the window 100-300 ms.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, Signal

from baytak_desktop.store import Store

THREADS = 3  # one for the quick lane only, two for either: reads of different views run side by side
SLOW_S = 0.1  # a key whose last read took longer goes to the slow lane
Work = Callable[[Store], Any]


@dataclass
class _Read:
    key: str
    generation: int
    epoch: int  # which store: a read of a store no longer shown is dropped
    path: Path
    work: Work


class _Relay(QObject):
    """Lives on the UI thread (no parent: it must outlive the readers while a thread emits)."""

    sigDone = Signal(str, int, object)
    sigFailed = Signal(str, int, object)


class Readers(QObject):
    """Reader threads with pooled read-only connections to the store shown (see the module docstring)."""

    sigIdle = Signal()  # nothing queued, running or waiting to be delivered

    def __init__(self, parent: QObject | None = None, threads: int = THREADS) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._epoch = 0
        self._generations = itertools.count(1)
        self._asked = 0  # the newest generation handed out
        self._lock = threading.Lock()
        self._queued: dict[str, _Read] = {}  # the newest read of each key not yet started
        self._latest: dict[str, int] = {}  # the newest generation asked of each key
        self._callbacks: dict[tuple[str, int], tuple[Callable[[Any], None], Callable[[Exception], None] | None]] = {}
        self._lanes: tuple[deque[str], deque[str]] = (deque(), deque())  # keys to start: quick, slow
        self._slow: set[str] = set()  # keys whose last read took over SLOW_S
        self._wake = threading.Condition(self._lock)
        self._stopping = False
        self._holds = 0  # while above 0 no read starts (``held``)
        self._relay = _Relay()
        self._relay.sigDone.connect(self._done)
        self._relay.sigFailed.connect(self._failed)
        self._threads = [
            threading.Thread(target=self._run, args=(i > 0 or threads == 1,), name=f"baytak-reader-{i}", daemon=True)
            for i in range(threads)
        ]
        for thread in self._threads:
            thread.start()

    def set_path(self, path: Path | str | None) -> None:
        """Read this store from now on (None: none); reads of the previous one are dropped."""
        with self._lock:
            self._path = Path(path) if path is not None else None
            self._epoch += 1
            self._queued.clear()
            self._latest.clear()
            for lane in self._lanes:
                lane.clear()
        self._callbacks.clear()
        self._maybe_idle()

    def path(self) -> Path | None:
        """The store read now."""
        return self._path

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """The reads asked inside start when it ends (a read already running finishes meanwhile)."""
        with self._lock:
            self._holds += 1
        try:
            yield
        finally:
            with self._lock:
                self._holds -= 1
                self._wake.notify_all()

    def read(
        self,
        key: str,
        work: Work,
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] | None = None,
        *,
        background: bool = False,
    ) -> int:
        """Run ``work(store)`` on a reader thread; ``done(result)`` (or ``failed(error)``) on the UI thread,
        unless a newer read of ``key`` was asked meanwhile. ``background``: a scan nobody is waiting on
        (it never holds up a click's read). Returns the read's generation."""
        generation = self._asked = next(self._generations)
        with self._lock:
            if self._path is None:
                return generation
            self._latest[key] = generation
            replaced = key in self._queued
            self._queued[key] = _Read(key, generation, self._epoch, self._path, work)
            if not replaced:
                self._lanes[background or key in self._slow].append(key)
                self._wake.notify_all()
        self._callbacks = {k: v for k, v in self._callbacks.items() if k[0] != key}
        self._callbacks[(key, generation)] = (done, failed)
        return generation

    def busy(self) -> bool:
        """Some read is queued, running, or its result is on its way to the UI thread."""
        return bool(self._callbacks)

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Process events until every read asked was delivered (tests, closing); False on timeout."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.busy() and time.monotonic() < deadline:  # a result may ask for more (a row block)
            loop = QEventLoop()
            self.sigIdle.connect(loop.quit)
            QTimer.singleShot(max(1, int((deadline - time.monotonic()) * 1000)), loop.quit)
            loop.exec()
            self.sigIdle.disconnect(loop.quit)
            QCoreApplication.processEvents()
        return not self.busy()

    def asked(self) -> int:
        """The generation of the newest read asked so far: ``wait_reads(asked())`` waits for the reads asked
        until now and not for later ones."""
        return self._asked

    def waiting(self, upto: int) -> bool:
        """A read asked up to generation ``upto`` is queued, running, or its result is on its way to the UI
        thread (one overtaken by a newer read of its key is not: its result will never be shown)."""
        return bool(self.keys_waiting(upto))

    def keys_waiting(self, upto: int) -> list[str]:
        """The keys of the reads ``waiting(upto)`` waits for (what a benchmark that waits long names)."""
        return sorted(key for key, generation in self._callbacks if generation <= upto)

    def wait_reads(self, upto: int, timeout_ms: int = 10_000) -> bool:
        """Process events until the reads asked up to generation ``upto`` were delivered or overtaken; False on
        timeout. Unlike ``wait_idle`` it does not wait for reads asked later: while QGIS or ogr2ogr commit
        every second, the window reads again what they changed all the time and is never idle, yet what an
        action asked for is done (the benchmarks, tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        if not self.waiting(upto):
            return True
        loop = QEventLoop()
        check = QTimer()
        check.setInterval(5)
        check.timeout.connect(lambda: None if self.waiting(upto) and time.monotonic() < deadline else loop.quit())
        check.start()
        loop.exec()
        check.stop()
        return not self.waiting(upto)

    def stop(self) -> None:
        """No more reads: the threads close their connections and end (a read running finishes first)."""
        self.set_path(None)
        with self._lock:
            self._stopping = True
            self._wake.notify_all()

    # -- the reader threads -------------------------------------------------------------------------------
    def _next(self, slow_too: bool) -> _Read | None:
        """The next read for a thread (the quick lane first; ``slow_too`` for the slow one), None to end."""
        with self._lock:
            while True:
                if self._stopping:
                    return None
                for lane in () if self._holds else self._lanes if slow_too else self._lanes[:1]:
                    while lane:
                        item = self._queued.pop(lane.popleft(), None)
                        if item is not None and item.epoch == self._epoch:
                            return item
                self._wake.wait()

    def _run(self, slow_too: bool) -> None:
        stores: dict[Path, Store] = {}  # this thread's connections, one per store file
        try:
            while (item := self._next(slow_too)) is not None:
                for path in [p for p in stores if p != item.path]:  # another store shown: close the old one
                    stores.pop(path).close()
                started = time.monotonic()
                try:
                    store = stores.get(item.path)
                    if store is None:
                        store = stores[item.path] = Store.open(item.path, readonly=True)
                    result = item.work(store)
                except Exception as exc:  # delivered to the view, never lost in a thread
                    self._relay.sigFailed.emit(item.key, item.generation, exc)
                else:
                    self._relay.sigDone.emit(item.key, item.generation, result)
                finally:
                    self._learn(item.key, time.monotonic() - started)
        finally:
            for store in stores.values():
                store.close()

    def _learn(self, key: str, seconds: float) -> None:
        """A key that took long goes to the slow lane next time; one that got quick comes back."""
        with self._lock:
            if seconds > SLOW_S:
                self._slow.add(key)
            elif seconds < SLOW_S / 2:
                self._slow.discard(key)

    # -- back on the UI thread ----------------------------------------------------------------------------
    def _take(self, key: str, generation: int) -> tuple[Callable[[Any], None], Callable[[Exception], None] | None]:
        callbacks = self._callbacks.pop((key, generation), None)
        if callbacks is None or self._latest.get(key) != generation:
            return (lambda _result: None), None  # overtaken by a newer read, or another store shown
        return callbacks

    def _done(self, key: str, generation: int, result: Any) -> None:
        done, _ = self._take(key, generation)
        try:
            done(result)
        finally:
            self._maybe_idle()

    def _failed(self, key: str, generation: int, error: Exception) -> None:
        _, failed = self._take(key, generation)
        try:
            if failed is not None:
                failed(error)
        finally:
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._callbacks:
            self.sigIdle.emit()
