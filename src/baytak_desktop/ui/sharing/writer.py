"""The window's writer thread: every edit's write, so that the UI thread never waits on the database.

Every edit, undo and redo of the window's ``EditSession`` is written here, never on the UI thread (a
commit alone takes tens of milliseconds on a slow disk): one writer thread fed by a queue, as datasette
feeds its write connection. It opens its own ``Store`` on the file (same events, same author, same
branch for new features), waits there through the store's ``LockPolicy`` in slices while QGIS, ogr2ogr
or the app's own import holds the store, and the status bar says "Waiting for QGIS…" meanwhile. Only when the other program keeps the lock
past the policy's patience does a write fail, with the translated message that names it. Writes keep
their order. Other writes of the window (a style saved) try the window's own connection first with a
patience of a few tens of milliseconds (``UI_PATIENCE_S``) and come here when another program holds it.

Results come back on the UI thread (a queued signal) to the callback given with the work: the edit
session learns a step's undo edit or drops a refused step then. Python threads, not a QThread pool:
see ``ui.worker`` (pyproj).
"""

from __future__ import annotations

import itertools
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QTimer, Signal

from baytak_desktop.store import Store, StoreEvents
from baytak_desktop.store.lockwait import PATIENCE_S, Waiting
from baytak_desktop.ui.worker import waiting_text

UI_SLICE_MS = 15  # how long one try on the UI thread may wait for a lock
UI_PATIENCE_S = 0.025  # after this, the UI thread gives the write to the writer thread
UI_READ_BUSY_MS = 50  # how long a read on the UI thread waits for another program's commit

Work = Callable[[Store], Any]


def make_responsive(store: Store) -> Store:
    """The window's own store: its writes give up at once when another program holds the lock (they go
    to the writer thread then), and its reads wait for another program's commit at most
    ``UI_READ_BUSY_MS``, so the UI thread never waits long on the database; nor does it read the layer
    definitions again (the window reads them on a reader after a sync and gives them to it)."""
    store.lock_policy.slice_ms = UI_SLICE_MS
    store.lock_policy.patience = UI_PATIENCE_S
    store.set_read_timeout(UI_READ_BUSY_MS)
    store.catalog_follows = "given"  # its layers are read on a reader and given to it (Store.use_catalog)
    return store


@dataclass
class _Item:
    token: int
    path: Path
    events: StoreEvents
    author: str | None
    branch: str | None  # the store's new_feature_branch
    work: Work


class _Relay(QObject):
    """Lives on the UI thread: what the writer thread emits arrives queued there."""

    sigDone = Signal(int, object)
    sigFailed = Signal(int, object)
    sigWaiting = Signal(object)  # Waiting, or None when the wait is over


class StoreWriter(QObject):
    """One writer thread for the window's store; ``submit`` queues work, callbacks run on the UI thread."""

    sigWaiting = Signal(str)  # "Waiting for QGIS (process 4242)…" in the UI language; "" when over
    sigIdle = Signal()  # the queue is empty again

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[_Item | None] = queue.Queue()
        self._relay = _Relay()  # no parent: it must outlive this object while the thread emits
        self._relay.sigDone.connect(self._done)
        self._relay.sigFailed.connect(self._failed)
        self._relay.sigWaiting.connect(self._waiting)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None
        self.patience = PATIENCE_S  # how long a queued write waits for another program before it gives up

    def pending(self) -> int:
        """Work queued or running: while there is any, new writes queue behind it (order is kept)."""
        return len(self._callbacks)

    def submit(
        self, store: Store, work: Work, done: Callable[[Any], None], failed: Callable[[Exception], None]
    ) -> None:
        """Run ``work(writer_store)`` on the writer thread, on a store of its own on ``store``'s file."""
        token = next(self._tokens)
        self._callbacks[token] = (done, failed)
        self._queue.put(_Item(token, Path(store.path), store.events, store.author, store.new_feature_branch, work))
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="baytak-writer", daemon=True)
            self._thread.start()

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until every write queued was written and its callback ran (tests, closing);
        False on timeout."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.pending() and time.monotonic() < deadline:
            loop = QEventLoop()
            self.sigIdle.connect(loop.quit)
            QTimer.singleShot(max(1, int((deadline - time.monotonic()) * 1000)), loop.quit)
            if self.pending():  # the last callback may have run while connecting
                loop.exec()
            self.sigIdle.disconnect(loop.quit)
        return not self.pending()

    def stop(self, timeout: float = 60.0) -> bool:
        """Let the queued writes finish (each is one transaction), then end the thread; False on timeout."""
        if self._thread is None:
            return True
        self._queue.put(None)
        self._thread.join(timeout)
        alive = self._thread.is_alive()
        self._thread = None
        return not alive

    # -- the writer thread -------------------------------------------------------------------------------
    def _run(self) -> None:
        store: Store | None = None
        try:
            while True:
                item = self._queue.get()
                if item is None:
                    return
                if store is None or store.path != item.path:
                    if store is not None:
                        store.close()
                    try:
                        store = Store.open(item.path, events=item.events)
                    except Exception as exc:  # delivered to the caller, never lost in a thread
                        store = None
                        self._relay.sigFailed.emit(item.token, exc)
                        continue
                    store.lock_policy.on_wait = self._relay.sigWaiting.emit
                store.events, store.author, store.new_feature_branch = item.events, item.author, item.branch
                store.lock_policy.patience = self.patience
                try:
                    result = item.work(store)
                except Exception as exc:
                    self._relay.sigFailed.emit(item.token, exc)
                else:
                    self._relay.sigDone.emit(item.token, result)
                finally:
                    self._relay.sigWaiting.emit(None)
        finally:
            if store is not None:
                store.close()

    # -- back on the UI thread ----------------------------------------------------------------------------
    def _done(self, token: int, result: Any) -> None:
        done, _ = self._callbacks.pop(token)
        done(result)
        self._maybe_idle()

    def _failed(self, token: int, error: Exception) -> None:
        _, failed = self._callbacks.pop(token)
        failed(error)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._callbacks:
            self.sigWaiting.emit("")
            self.sigIdle.emit()

    def _waiting(self, report: Waiting | None) -> None:
        self.sigWaiting.emit("" if report is None else waiting_text(report))
