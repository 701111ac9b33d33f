"""The store's events as Qt signals: the one bridge between ``store.events`` and the widgets.

The window keeps one ``StoreEvents`` for whichever store it shows and bridges it here once; the views
(map, table, layer counts, the unsynced edits and their marks, the details, charts, review) connect to
these signals once, and an edit, an import or a sync reaches all of them without anyone calling a view.
An announcement made on a worker thread (a sync, an import) arrives queued on the UI thread, because
this object lives there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from baytak_desktop.store import StoreEvents


class StoreSignals(QObject):
    sigLayerChanged = Signal(str)  # the features of a layer were written: redraw, recount
    sigFeatureChanged = Signal(str, str)  # layer, uuid: one feature created, changed, deleted, or its photos
    sigJournalChanged = Signal()  # many unsynced edits may have changed (an import, a sync)
    sigStoreReplaced = Signal(object)  # the Store now shown, or None

    def __init__(self, events: StoreEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self._bridges = (
            (events.layer_changed, self.sigLayerChanged.emit),
            (events.feature_changed, self.sigFeatureChanged.emit),
            (events.journal_changed, self.sigJournalChanged.emit),
            (events.replaced, self.sigStoreReplaced.emit),
        )
        for event, emit in self._bridges:
            event.connect(emit)

    def detach(self) -> None:
        """Stop bridging (the window is closing): a store still holding the events tells nobody."""
        for event, emit in self._bridges:
            event.disconnect(emit)
        self._bridges = ()
