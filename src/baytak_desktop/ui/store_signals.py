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
    sigFeaturesChanged = Signal(str, object)  # layer, (uuid, ...): features another program changed
    sigJournalChanged = Signal()  # many unsynced edits may have changed (an import, a sync)
    sigCatalogChanged = Signal()  # a sync brought a new layer or field: the window reads it on a reader...
    sigCatalogRead = Signal(object)  # ...and gives the new Catalog here: rebuild the lists of layers and fields
    sigStoreReplaced = Signal()  # another store is shown, or none: ask the window (context) which

    def __init__(self, events: StoreEvents, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.events = events
        events.layer_changed.connect(self._layer_changed)
        events.feature_changed.connect(self._feature_changed)
        events.features_changed.connect(self._features_changed)
        events.journal_changed.connect(self._journal_changed)
        events.replaced.connect(self._replaced)
        events.catalog_changed.connect(self._catalog_changed)
        self._attached = True

    def detach(self) -> None:
        """Stop bridging (the window is closing): a store still holding the events tells nobody. A window
        may be closed more than once; the second time there is nothing left to do."""
        if not self._attached:
            return
        self._attached = False
        self.events.layer_changed.disconnect(self._layer_changed)
        self.events.feature_changed.disconnect(self._feature_changed)
        self.events.features_changed.disconnect(self._features_changed)
        self.events.journal_changed.disconnect(self._journal_changed)
        self.events.replaced.disconnect(self._replaced)
        self.events.catalog_changed.disconnect(self._catalog_changed)

    def _layer_changed(self, layer: str) -> None:
        self.sigLayerChanged.emit(layer)

    def _feature_changed(self, layer: str, uuid: str) -> None:
        self.sigFeatureChanged.emit(layer, uuid)

    def _features_changed(self, layer: str, uuids: tuple[str, ...]) -> None:
        self.sigFeaturesChanged.emit(layer, uuids)

    def _journal_changed(self) -> None:
        self.sigJournalChanged.emit()

    def _catalog_changed(self) -> None:
        self.sigCatalogChanged.emit()

    def _replaced(self) -> None:
        self.sigStoreReplaced.emit()
