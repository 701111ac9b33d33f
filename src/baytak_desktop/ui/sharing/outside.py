"""What other programs changed in the store shown: polled on a thread, told to the views as store events.

QGIS, ogr2ogr or a script may edit the store while the window shows it. A thread of its own polls
``store.watch.ChangeWatcher`` on a read-only connection of its own every second: ``PRAGMA data_version``
in one short read transaction, tens of microseconds; only when another connection committed does it
name the layers whose features changed. Being off the UI thread, the poll may wait for another
program's lock as long as it needs, and reading what changed (a rebuilt table's triggers, thousands of
journal rows) never freezes the window. What it found arrives on the UI thread as a queued signal and
is announced on the window's ``StoreEvents`` like an import's, so the map, the table, the layer counts
and the unsynced edits read the store again (on their reader threads, ``ui.sharing.readers``).

The poller's connection is not the one the window writes with, but every store of this process tells
the poller which commits are its own (``store.watch.OwnCommits``: the journal ids and schema version
each commit left), so the window's own edits, imports and syncs, which announced themselves already,
do not refresh the map, table and counts a second time.

A tool that rebuilt a table (ogr2ogr -overwrite) dropped its journal triggers; putting them back is a
write, so it runs as a job on the worker thread (``store.watch.repair_job``), never on the UI thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from baytak_desktop.errors import BaytakError
from baytak_desktop.kept_threads import Done, run_kept
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.watch import OutsideChange, repair_job
from baytak_desktop.ui.worker import JobRunner

POLL_MS = 1000  # how soon an edit saved in QGIS shows in the window
POLL_BUSY_MS = 2000  # the poller waits this long for another program's commit, then looks again later


class _Relay(QObject):
    """Lives on the UI thread (no parent: it must outlive the poller while its thread emits)."""

    sigFound = Signal(int, object)  # generation, OutsideChange


class OutsideChanges(QObject):
    """Polls the store shown for other programs' commits, on a thread, while the window shows it."""

    sigChanged = Signal(object)  # OutsideChange, after its events were announced
    sigRepaired = Signal(object)  # {layer: edits caught up} after journal triggers were put back

    def __init__(self, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.interval_ms = interval_ms
        self.repairing: JobRunner | None = None
        self._generation = 0
        self._stop: threading.Event | None = None
        self._thread: Done | None = None
        self._relay = _Relay()
        self._relay.sigFound.connect(self._found)

    def set_store(self, store: Store | None) -> None:
        """Watch ``store`` from now on (None: stop); what was committed before is not reported."""
        self._end_thread()
        self.store = store
        if store is None:
            return
        self._generation += 1
        self._stop = threading.Event()
        path, interval_s, stop, generation, relay = (
            Path(store.path),
            self.interval_ms / 1000,
            self._stop,
            self._generation,
            self._relay,
        )
        self._thread = run_kept(lambda: _poll(path, interval_s, stop, generation, relay), "baytak-outside")

    def _found(self, generation: int, change: OutsideChange) -> None:
        """On the UI thread: announce what the poller found (unless another store is shown since)."""
        if generation != self._generation or self.store is None:
            return
        events = self.store.events
        if change.repair or change.edits == 0:  # a schema changed, or unknown commits (another app's sync)
            events.catalog_changed.emit()  # the layers are read again on a reader: none read here
        for layer in sorted(change.layers):
            events.layer_changed.emit(layer)
        if change.features is None:  # many, or unknown: every unsynced edit is read again
            events.journal_changed.emit()
        else:  # a few (QGIS's save, an ogr2ogr run): each is looked at alone, in one batch per layer
            for layer in sorted({layer for layer, _ in change.features}):
                events.features_changed.emit(layer, tuple(sorted(u for n, u in change.features if n == layer)))
        if change.repair and not self.store.readonly:
            self._repair()
        self.sigChanged.emit(change)

    def _repair(self) -> None:
        if self.store is None or self.repairing is not None:
            return
        runner = JobRunner(self, "", repair_job, self.store.path, show_dialog=False, events=self.store.events)
        runner.sigFinished.connect(self.sigRepaired)
        runner.sigEnded.connect(self._repair_ended)
        self.repairing = runner
        runner.start()

    def _repair_ended(self) -> None:
        self.repairing = None

    def _end_thread(self) -> None:
        self._generation += 1  # what the old poller still sends is dropped
        if self._stop is not None:
            self._stop.set()
        self._stop, self._thread = None, None

    def stop(self) -> None:
        """The window closes: no more polls; a repair that runs finishes its one transaction."""
        self._end_thread()
        self.store = None
        if self.repairing is not None:
            self.repairing.wait(30)


def _poll(path: Path, interval_s: float, stop: threading.Event, generation: int, relay: _Relay) -> None:
    """The poller thread: its own read-only connection, one look a second until ``stop`` is set."""
    try:
        store = Store.open(path, readonly=True, busy_ms=POLL_BUSY_MS)
    except (DatabaseError, BaytakError, OSError):  # gone or damaged: the window's next action says why
        return
    try:
        watcher = store.outside_watcher()
    except DatabaseError:
        store.close()
        return
    try:
        while not stop.wait(interval_s):
            try:
                change = watcher.poll()
            except DatabaseError:  # damaged meanwhile, or busy past the wait: look again next time
                continue
            if change is not None:
                relay.sigFound.emit(generation, change)
    finally:
        watcher.close()
        store.close()
