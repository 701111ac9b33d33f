"""What other programs changed in the store shown: polled on a timer, told to the views as store events.

QGIS, ogr2ogr or a script may edit the store while the window shows it. ``Store.outside_changes``'s
poller (``store.watch.ChangeWatcher``) reads ``PRAGMA data_version`` in one short read transaction on
the window's own connection, tens of microseconds, so a poll every second costs nothing; only when
another connection committed does it name the layers whose features changed. Those are announced on the
window's ``StoreEvents`` like an import's, so the map, the table, the layer counts and the unsynced
edits read the store again, each from its one connection to the signals (``ui.store_signals``).

A tool that rebuilt a table (ogr2ogr -overwrite) dropped its journal triggers; putting them back is a
write, so it runs as a job on the worker thread (``store.watch.repair_job``), never on the UI thread.
Commits of the window's own jobs (an import, a sync) are seen here too: they announced themselves
already, and a second refresh of the same layers is cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.watch import ChangeWatcher, OutsideChange, repair_job
from baytak_desktop.ui.worker import JobRunner

POLL_MS = 1000  # how soon an edit saved in QGIS shows in the window


class OutsideChanges(QObject):
    """Polls the store shown for other programs' commits while the window shows it."""

    sigChanged = Signal(object)  # OutsideChange, after its events were announced
    sigRepaired = Signal(object)  # {layer: edits caught up} after journal triggers were put back

    def __init__(self, parent: QObject | None = None, interval_ms: int = POLL_MS) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.watcher: ChangeWatcher | None = None
        self.repairing: JobRunner | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)

    def set_store(self, store: Store | None) -> None:
        """Watch ``store`` from now on (None: stop); what was committed before is not reported."""
        self.store = store
        self.watcher = store.watcher() if store is not None else None
        if store is None:
            self.timer.stop()
        else:
            self.timer.start()

    def poll(self) -> OutsideChange | None:
        """Look once; announce and return what others changed, or None."""
        if self.store is None or self.watcher is None:
            return None
        try:
            change = self.watcher.poll()
        except DatabaseError:  # the file went away or is damaged: the next action explains it
            return None
        if change is None:
            return None
        events = self.store.events
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
        return change

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

    def stop(self) -> None:
        """The window closes: no more polls; a repair that runs finishes its one transaction."""
        self.timer.stop()
        self.store, self.watcher = None, None
        if self.repairing is not None:
            self.repairing.wait(30)
