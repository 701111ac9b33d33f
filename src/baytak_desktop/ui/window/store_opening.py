"""Opening a store off the UI thread: the file is opened, upgraded and read on a thread of its own.

Opening a store migrates it, checks its journal triggers and reads what the window shows first (the
layers, their styles, the basemaps and images it registers, whether it is the demo, the name put on
edits): tens of statements, 125 ms behind QGIS or ogr2ogr writing, and as long as another program keeps
the store locked. The UI thread must wait for none of it (issue 14), so ``StoreOpener.open`` runs it on
a thread and hands the opened store and what was read (``Prepared``) back to the UI thread as a queued
signal; the window shows a loading state meanwhile and stays usable.

The same reads (``read_shown``) run on the window's reader when a sync brings new layers or fields,
and the first start's demo store is made and filled here too (``open(..., create=True, demo=lang)``),
so neither reads the store on the UI thread.

While another program holds the store's lock the opener tries again every ``RETRY_S`` (and says so once),
so the store opens as soon as the lock goes. A newer ``open`` (or ``cancel``) supersedes the one
running: its store, if it opened, is closed on that thread and never shown. Python threads, not a
QThread pool: see ``ui.worker`` (pyproj).
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from baytak_desktop.demo import build_demo
from baytak_desktop.kept_threads import run_kept
from baytak_desktop.layers import Catalog
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata.reader import StoreLayout, store_layout
from baytak_desktop.mapdata.reference import ReferenceLayer, read_reference
from baytak_desktop.store import Store, StoreEvents
from baytak_desktop.store.lockwait import is_busy_error
from baytak_desktop.sync.author import local_author
from baytak_desktop.ui.sharing.writer import make_responsive
from baytak_desktop.ui.window.store_problems import open_store

RETRY_S = 0.5  # between two tries while another program holds the lock (each try waits the busy timeout)


@dataclass(frozen=True)
class Prepared:
    """What the window reads of a store before showing it, read on the opening thread."""

    catalog: Catalog
    styles: dict[str, LayerStyle]
    style_problems: list[Exception]
    demo: bool
    reference: list[ReferenceLayer]
    layout: StoreLayout
    author: str | None = None


def prepare(store: Store, chosen_author: str = "") -> Prepared:
    """Read on ``store`` (the opening thread's) everything the window needs to show it."""
    prepared = read_shown(store, chosen_author)
    make_responsive(store)  # the window's store from here on: done here, the UI thread finds it done
    return prepared


def read_shown(store: Store, chosen_author: str | None = None) -> Prepared:
    """What the window shows of ``store``, read on the calling thread: the opener's, or a reader's when
    a sync brought new layers or fields (then ``chosen_author`` is None: the name on edits stays)."""
    return Prepared(
        catalog=store.catalog,
        styles=store.styles(),
        style_problems=list(store.style_problems),
        demo=store.is_demo,
        reference=read_reference(store),
        layout=store_layout(store),
        author=local_author(store, chosen_author) if chosen_author is not None else None,
    )


class _Relay(QObject):
    """Lives on the UI thread (no parent: it must outlive the window while a thread emits)."""

    sigOpened = Signal(int, object, object)  # request, Store, Prepared
    sigFailed = Signal(int, object, object)  # request, path, the error
    sigWaiting = Signal(int, object)  # request, path: another program holds the lock


class StoreOpener(QObject):
    """Opens one store at a time on a thread; the newest ``open`` wins (see the module docstring)."""

    sigOpened = Signal(object, object)  # Store (now the caller's), Prepared
    sigFailed = Signal(object, object)  # path, the error (BaytakError: a file that cannot be shown)
    sigWaiting = Signal(object)  # path: another program holds the lock, the opener tries again

    def __init__(self, events: StoreEvents | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._events = events  # the window's: the store opened tells it, and keeps its layers read
        self._requests = itertools.count(1)
        self._current = 0  # the request whose answer is awaited; 0: none
        self._path: Path | None = None
        self._lock = threading.Lock()
        self._relay = _Relay()
        self._relay.sigOpened.connect(self._opened)
        self._relay.sigFailed.connect(self._failed)
        self._relay.sigWaiting.connect(self._waiting)

    def open(self, path: Path, chosen_author: str = "", *, create: bool = False, demo: str | None = None) -> int:
        """Open ``path`` (``create``: make a new store there, with the demo data in the language ``demo``
        when given: the first start) on a thread; ``sigOpened`` or ``sigFailed`` follows unless a newer
        open or a ``cancel`` comes first. Returns the request's number."""
        with self._lock:
            request = self._current = next(self._requests)
        self._path = Path(path)
        opening = Path(path)
        run_kept(lambda: self._run(request, opening, chosen_author, create, demo), "baytak-store-opener")
        return request

    def cancel(self) -> None:
        """Drop the opening under way: its store is closed on its thread, nothing is announced."""
        with self._lock:
            self._current = 0
        self._path = None

    def busy(self) -> bool:
        """A store is being opened."""
        return self._current != 0

    def path(self) -> Path | None:
        """The file being opened, if any."""
        return self._path if self.busy() else None

    def _wanted(self, request: int) -> bool:
        with self._lock:
            return self._current == request

    # -- the opening thread -----------------------------------------------------------------------
    def _run(self, request: int, path: Path, chosen_author: str, create: bool, demo: str | None) -> None:
        said_waiting = False
        while self._wanted(request):
            store: Store | None = None
            try:
                if create and demo is not None:  # its writes tell nobody: no view shows this file yet
                    store = Store.create(path)
                    build_demo(store, lang=demo)
                    store.events = self._events or store.events
                else:
                    store = Store.create(path, events=self._events) if create else open_store(path, self._events)
                prepared = prepare(store, chosen_author)
            except Exception as exc:  # delivered to the window, never lost in a thread
                if store is not None:
                    store.close()
                if create or not is_busy_error(exc):  # a new file half made is not made again
                    self._relay.sigFailed.emit(request, path, exc)
                    return
                if not said_waiting:
                    said_waiting = True
                    self._relay.sigWaiting.emit(request, path)
                time.sleep(RETRY_S)
                continue
            if not self._wanted(request):  # superseded while it was read: never shown
                store.close()
                return
            self._relay.sigOpened.emit(request, store, prepared)
            return

    # -- back on the UI thread --------------------------------------------------------------------
    def _opened(self, request: int, store: Store, prepared: Prepared) -> None:
        if not self._answered(request):  # superseded on its way here: closed where it cannot stall the UI
            close_later(store)
            return
        self.sigOpened.emit(store, prepared)

    def _failed(self, request: int, path: Path, error: Exception) -> None:
        if self._answered(request):
            self.sigFailed.emit(path, error)

    def _answered(self, request: int) -> bool:
        """Whether ``request`` is the one awaited; if so, none is awaited any more."""
        with self._lock:
            if request != self._current:
                return False
            self._current = 0
            return True

    def _waiting(self, request: int, path: Path) -> None:
        if request == self._current:
            self.sigWaiting.emit(path)


def close_later(store: Store) -> None:
    """Close ``store`` on a thread of its own: closing checkpoints the WAL, which waits on the disk."""
    run_kept(store.close, "baytak-store-closer")
