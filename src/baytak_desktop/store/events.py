"""Store events: what changed in a store, told to whoever shows it (plain callbacks, no Qt).

The writers announce, through ``Store.announce``: an edit (``edits.apply``) the feature and the layer it
changed, a bulk insert (an import) its layer and the journal, a sync the layers it pulled and the
journal it sealed or settled. An announcement waits for its transaction to commit, so a listener that
reads the store again sees what was written; a rollback drops it.

The desktop window keeps one ``StoreEvents`` for whichever store it shows, gives it to that store and to
the stores its worker threads open on the same file, and bridges it once to Qt signals
(``ui.store_signals``): the views (map, table, layer counts, unsynced edits, charts) connect there, once.
Listeners may be called on a worker thread; the Qt bridge turns that into a queued signal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, ParamSpec

P = ParamSpec("P")


class Event(Generic[P]):
    """One kind of announcement and the callbacks that listen to it."""

    def __init__(self) -> None:
        self._listeners: list[Callable[P, object]] = []

    def connect(self, listener: Callable[P, object]) -> None:
        self._listeners.append(listener)

    def disconnect(self, listener: Callable[P, object]) -> None:
        self._listeners.remove(listener)

    def emit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for listener in list(self._listeners):  # a listener may disconnect itself
            listener(*args, **kwargs)


class StoreEvents:
    """The events of the store a window shows (and of the stores its jobs open on the same file)."""

    def __init__(self) -> None:
        # the features of a layer were written (edit, import, sync): redraw it, count it again
        self.layer_changed: Event[[str]] = Event()
        # one feature (layer, uuid) was created, changed or deleted, or its photos changed
        self.feature_changed: Event[[str, str]] = Event()
        # some features of a layer (layer, uuids) were changed by another program: look at those alone
        self.features_changed: Event[[str, tuple[str, ...]]] = Event()
        # many unsynced edits may have changed at once (an import, a sync): read the journal again
        self.journal_changed: Event[[]] = Event()
        # the store's layers changed (a sync applied a published schema revision: a new layer, a new field):
        # rebuild what lists layers or fields (panel, table, forms, menus)
        self.catalog_changed: Event[[]] = Event()
        # counts catalog_changed (first listener, on whichever thread announces): a store keeps the catalog
        # it read until this moves, so an edit never reads the layer definitions again
        self.catalog_generation = 0
        self.catalog_changed.connect(self._catalog_moved)
        # another store is shown, or none: whoever shows it announces it (the window, swapping or closing
        # stores); listeners ask it which store that is now
        self.replaced: Event[[]] = Event()

    def _catalog_moved(self) -> None:
        self.catalog_generation += 1
