"""Edited but not yet synced: a halo on the map and a mark in the attribute table for each such feature.

A field activist must see at a glance what has not reached the server yet. The map's mark is an
orange halo drawn UNDER the layers (rings drawn on top covered labels and the points themselves, and
around Almaty they merged into a blob), and it is thinned to one per screen cell, so 200,000
not-synced points show as a sparse pattern of halos at country scale, never as a solid block. The set comes from the
store's own answer (``query.local_change``: the net change since the last sync), not from the undo
history, so a feature created and then undone is not marked, and one edited and edited back is not
either. After one edit only that feature is looked at again; the whole journal is read again when a
store is opened or the store says many edits changed at once (an import, a sync: ``journal_changed``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress, repeat
from operator import is_not, itemgetter
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.kept_threads import run_kept
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.ui.edit.tools.overlay import sprite, stamp
from baytak_desktop.ui.map.items import HALO_SCENE
from baytak_desktop.ui.sharing.readers import Readers

PENDING = QColor("#f77f00")
MAX_RINGS = 200_000
RING_RADIUS_PX = 7.0  # the halo's ring: around an 8 px marker (the layers' default), inside a 24 px cell
RING_WIDTH_PX = 3.0
CELL_PX = 24.0  # at most one halo per cell of this many logical pixels: halos never touch
Z_PENDING = 50  # under the layers (Z 100+) and their labels, above the basemap and tiles


def thin(points: np.ndarray, cell: float) -> np.ndarray:
    """One point per ``cell`` x ``cell`` square of a grid fixed in the points' own coordinates (the
    first one found in each), so what is kept does not change while the map is panned.

    It runs on the UI thread as the map paints, for every unsynced edit in view (100,000 and more).
    Where the grid is small (a view's worth of cells: always, once ``PendingRings`` keeps to the view)
    each cell's first point is found in one pass over a dense array of cells (~5 ms for 135,000
    points); otherwise by sorting one integer per cell; pairs of integers (``np.unique(axis=0)``,
    ~300 ms for 120,000) only when the cell numbers would not fit in 64 bits."""
    if len(points) < 2 or cell <= 0:
        return points
    keys = np.floor(points / cell)
    keys -= keys.min(axis=0)
    columns, rows = keys[:, 0].max() + 1, keys[:, 1].max() + 1
    if columns * rows <= max(4 * len(points), 1 << 20):
        flat = keys[:, 0].astype(np.int64) * int(rows) + keys[:, 1].astype(np.int64)
        first = np.full(int(columns * rows), len(points), dtype=np.int64)
        np.minimum.at(first, flat, np.arange(len(points)))
        return points[np.sort(first[first < len(points)])]
    if columns * rows >= 2**62:  # cells far smaller than the spread: pairs, the slow way
        _, found = np.unique(keys.astype(np.int64), axis=0, return_index=True)
    else:
        _, found = np.unique(keys[:, 0].astype(np.int64) * int(rows) + keys[:, 1].astype(np.int64), return_index=True)
    return points[np.sort(found)]


class PendingRings(QGraphicsItem):
    """An orange halo under the centre of every edited-but-not-synced feature, thinned by zoom."""

    def __init__(self) -> None:
        super().__init__()
        self.points = np.empty((0, 2))
        self._bounds = QRectF()
        self._sprite: tuple[float, QPixmap] | None = None
        self._thinned: tuple[float, np.ndarray] | None = None  # the last cell size and what it kept
        # the last view's thinning: (cell, the grid cells in view), what it kept
        self._in_view: tuple[tuple[float, float, float, float, float], np.ndarray] | None = None
        self.setZValue(Z_PENDING)

    def set_points(self, points: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.points = points
        self._thinned = None
        self._in_view = None
        if len(points):
            (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
            self._bounds = QRectF(QPointF(x0, y0), QPointF(x1, y1))
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        if not len(self.points):
            return QRectF()
        return self._bounds.adjusted(-HALO_SCENE, -HALO_SCENE, HALO_SCENE, HALO_SCENE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        device = painter.device()
        dpr = device.devicePixelRatioF() if hasattr(device, "devicePixelRatioF") else 1.0
        if self._sprite is None or self._sprite[0] != dpr:
            self._sprite = (dpr, sprite(_draw_ring, 2 * RING_RADIUS_PX + RING_WIDTH_PX + 2, dpr))
        transform = painter.worldTransform()
        scale = abs(transform.m11())  # logical pixels per scene unit
        inverse, invertible = transform.inverted()
        view = inverse.mapRect(QRectF(0, 0, device.width(), device.height())) if invertible else None
        stamp(painter, self._shown(CELL_PX / scale if scale > 0 else 0.0, view), self._sprite[1])

    def _shown(self, cell: float, view: QRectF | None) -> np.ndarray:
        """The halos to draw: thinned by ``cell``, only in the grid cells the view touches (zoomed in on a
        store of 100,000 edits, thinning them all took 50-100 ms of the UI thread at every repaint).
        Whole cells, so each keeps the point it keeps in the whole set: the same halos as the view pans.
        When everything is in view, the whole set is thinned once per scale; otherwise the last view's
        thinning is kept until the points, the scale or the cells in view change (the map repaints the
        halos' layer whenever anything above it changes: a selection, a hover, a label, a tile)."""
        points = self.points[:MAX_RINGS]
        if cell <= 0 or len(points) < 2:
            return points
        if self._thinned is not None and self._thinned[0] == cell:
            return self._thinned[1]
        if view is not None:
            left, top = float(np.floor(view.left() / cell)), float(np.floor(view.top() / cell))
            right, bottom = float(np.floor(view.right() / cell)), float(np.floor(view.bottom() / cell))
            wanted = (cell, left, top, right, bottom)
            if self._in_view is not None and self._in_view[0] == wanted:
                return self._in_view[1]
            keys = np.floor(points / cell)
            near = (keys[:, 0] >= left) & (keys[:, 0] <= right) & (keys[:, 1] >= top) & (keys[:, 1] <= bottom)
            if not near.all():
                self._in_view = (wanted, thin(points[near], cell))
                return self._in_view[1]
        self._thinned = (cell, thin(points, cell))  # a pan repaints at the same scale: thinned once
        return self._thinned[1]


def _draw_ring(painter: QPainter, centre: QPointF, dpr: float) -> None:
    """A solid orange ring with a faint orange disc inside: under a marker only the ring shows, under a
    translucent polygon the disc tints its centre."""
    painter.setPen(QPen(PENDING, RING_WIDTH_PX * dpr))
    painter.setBrush(QColor(PENDING.red(), PENDING.green(), PENDING.blue(), 60))
    painter.drawEllipse(centre, RING_RADIUS_PX * dpr, RING_RADIUS_PX * dpr)


Entry = tuple[int, float, float] | None  # a pending feature's fid and centre in the scene; None: not drawn
# by layer, {uuid: fid, or None when not drawn}: an int or None each, so the dicts hold nothing the
# collector walks (a (fid, x, y) tuple each for 100,000 unsynced edits was walked by the UI thread's
# collector once the store's marks landed); the drawn ones' centres are in ``Centres``
Pending = dict[str, dict[str, int | None]]


class Centres:
    """The drawn pending features' centres in one array, changed in place one feature at a time.

    Another program's save (QGIS's 5 features, ogr2ogr's 100) is looked at feature by feature; redrawing
    the rings after it must cost those features, not a pass in Python over every unsynced edit (140 ms
    on the UI thread for 120,000, once a second while QGIS saves). Each feature keeps a slot of ``xy``;
    a removed one frees its slot for the next. The fids drawn are kept per layer the same way, for the
    table's marks (``fids``: gathering them from every unsynced edit after each save took 60 ms and more)."""

    def __init__(self) -> None:
        # keyed by layer, then uuid: no (layer, uuid) tuple made per feature (100,000 of them were objects
        # the UI thread's collector walked once the store's marks landed)
        self.slots: dict[str, dict[str, int]] = {}
        self._fid_of: dict[str, dict[str, int]] = {}
        self._fids: dict[str, Counter[int]] = {}  # a count each: a deleted feature's fid may be reused meanwhile
        self._free: list[int] = []
        self.xy = np.empty((0, 2))
        self.live = np.ones(0, dtype=bool)
        self._frozen: dict[str, frozenset[int]] = {}  # ``fids`` asked and unchanged since

    @classmethod
    def of_drawn(cls, drawn: Sequence[tuple[str, Sequence[str], Sequence[int], np.ndarray]]) -> Centres:
        """The centres of the drawn features given by layer as (layer, uuids, fids, centres (n, 2)): made in C
        (zip, Counter, numpy) without Python per feature, on the reader, for 100,000 unsynced edits."""
        centres = cls()
        start = 0
        for layer, uuids, fids, _xy in drawn:
            slots, fid_of, counts = centres._of(layer)
            slots.update(zip(uuids, range(start, start + len(uuids)), strict=True))
            fid_of.update(zip(uuids, fids, strict=True))
            counts.update(fids)
            start += len(uuids)
        centres.xy = np.concatenate([np.empty((0, 2)), *(xy for *_, xy in drawn)]).astype(float)
        centres.live = np.ones(len(centres.xy), dtype=bool)
        return centres

    def _of(self, layer: str) -> tuple[dict[str, int], dict[str, int], Counter[int]]:
        """The layer's slots, fids by uuid and fid counts (made empty the first time)."""
        if layer not in self.slots:
            self.slots[layer], self._fid_of[layer], self._fids[layer] = {}, {}, Counter()
        return self.slots[layer], self._fid_of[layer], self._fids[layer]

    def set(self, key: tuple[str, str], entry: tuple[int, float, float] | None) -> None:
        """The feature's centre now (None: not drawn: deleted, no geometry, or no unsynced change)."""
        if entry is None:
            self.remove(key)
            return
        layer, uuid = key
        slots, fid_of, counts = self._of(layer)
        slot = slots.get(uuid)
        if slot is None:
            slot = self._free.pop() if self._free else self._grow()
            slots[uuid] = slot
        self.xy[slot] = entry[1:]
        self.live[slot] = True
        if fid_of.get(uuid) != entry[0]:
            self._forget_fid(key)
            fid_of[uuid] = entry[0]
            counts[entry[0]] += 1
            self._frozen.pop(layer, None)

    def remove(self, key: tuple[str, str]) -> None:
        slot = self.slots.get(key[0], {}).pop(key[1], None)
        if slot is not None:
            self.live[slot] = False
            self._free.append(slot)
        self._forget_fid(key)

    def entry(self, key: tuple[str, str]) -> Entry:
        """The feature's fid and centre (None: not drawn)."""
        slot = self.slots.get(key[0], {}).get(key[1])
        if slot is None:
            return None
        x, y = self.xy[slot].tolist()
        return (self._fid_of[key[0]][key[1]], x, y)

    def fids(self, layer: str) -> frozenset[int]:
        """The fids of ``layer``'s drawn pending features (the same object while they do not change)."""
        frozen = self._frozen.get(layer)
        if frozen is None:
            frozen = self._frozen[layer] = frozenset(self._fids.get(layer, ()))
        return frozen

    def _forget_fid(self, key: tuple[str, str]) -> None:
        fid = self._fid_of.get(key[0], {}).pop(key[1], None)
        if fid is not None:
            counts = self._fids[key[0]]
            counts[fid] -= 1
            if counts[fid] <= 0:
                del counts[fid]
            self._frozen.pop(key[0], None)

    def points(self) -> np.ndarray:
        return self.xy[self.live]

    def _grow(self) -> int:
        used = len(self.live)
        self.xy = np.concatenate([self.xy, np.empty((max(used, 64), 2))])
        self.live = np.concatenate([self.live, np.zeros(max(used, 64), dtype=bool)])
        self._free.extend(range(len(self.live) - 1, used, -1))  # the new slots, the lowest handed out first
        return used


class _Relay(QObject):
    sigLoaded = Signal(int, object)  # generation, (demo, Pending, Centres) or None


class PendingTracker(QObject):
    """Which features are edited but not synced, per layer: {uuid: fid, or None when not drawn (deleted, no
    geometry)}; the drawn ones' centres in ``centres``."""

    sigReloaded = Signal()  # a reload, or a look at some features, on a reading thread has been put in place

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.pending: Pending = {}
        self.centres = Centres()  # the drawn ones' centres, kept with ``pending``
        self.demo = False  # a demo store: nothing in it is an edit waiting for a sync, nothing is marked
        self.rings = PendingRings()
        self._relay = _Relay()  # no parent: it outlives the tracker while a reading thread may emit
        self._relay.sigLoaded.connect(self._loaded)
        self._generation = 0
        self._loading = False
        self._again = False
        self._touched: set[tuple[str, str]] = set()  # looked at while a reload was reading
        self._readers: Readers | None = None  # the window's reader threads: no read on the UI thread then
        self._to_look: set[tuple[str, str]] = set()  # features to look at again on a reader
        self._looking = 0  # the generation of the look on a reader (0: none); the features waiting go in the next

    def set_readers(self, readers: Readers | None) -> None:
        """Read on ``readers`` from now on (the window's): the UI thread never reads the journal."""
        self._readers = readers

    def set_store(self, store: Store | None) -> None:
        """Show ``store``'s unsynced edits: read at once on its own, on a thread in the window (nothing
        is marked until they are read)."""
        self.store = store
        self._generation += 1  # a reload still reading the previous store is dropped
        self._loading = self._again = False
        self._looking = 0  # the previous store's look is dropped
        self._to_look.clear()
        if self._readers is None:
            self.reload()
            return
        self.pending, self.centres = {}, Centres()
        self.demo = store is not None and store.is_demo  # one row, read as the store is shown (its title says it)
        self._redraw()
        self.reload_later()

    def reload(self) -> int:
        """Read every unsynced feature again (a new store, an import, a sync); returns how many edits."""
        self.pending = {layer: {} for layer in self.store.catalog} if self.store is not None else {}
        self.centres = Centres()
        self.demo = self.store is not None and self.store.is_demo
        if self.store is not None and not self.demo:  # the demo's sites are not the person's edits
            try:
                found = self.store.changes()
            except (DatabaseError, BaytakError):  # a damaged layer is reported elsewhere; mark nothing
                found = []
            for change in found:
                self._set(change.layer, change.uuid, _entry(change.current))
        self._redraw()
        return self.count()

    def reload_later(self) -> None:
        """Read every unsynced feature again on a thread of its own (an import, a sync, another program's
        big save): with a long journal that takes seconds, which the UI thread must not spend. The result
        is put in place on the UI thread (``sigReloaded``); features looked at meanwhile are looked at
        again then, so a newer edit is never hidden by the older snapshot."""
        if self.store is None or self.demo:
            return
        if self._loading:
            self._again = True
            return
        self._loading, self._again = True, False
        self._touched.clear()
        self._generation += 1
        generation, path, relay = self._generation, Path(self.store.path), self._relay

        if self._readers is not None:  # the window's readers: their connection, no file opened again
            self._readers.read(
                "pending-all",
                _read_all,
                lambda found: self._loaded(generation, found),
                lambda _error: self._loaded(generation, None),  # damaged or gone: the window says why elsewhere
                background=True,  # every unsynced edit: a scan nobody clicked for
            )
            return

        def read() -> None:
            try:
                with Store.open(path, readonly=True) as reading:
                    found: tuple[bool, Pending, Centres] | None = _read_all(reading)
            except (DatabaseError, BaytakError, OSError):  # damaged or gone: the window says why elsewhere
                found = None
            relay.sigLoaded.emit(generation, found)

        run_kept(read, "baytak-pending")

    def _loaded(self, generation: int, found: tuple[bool, Pending, Centres] | None) -> None:
        if generation != self._generation:  # another store shown meanwhile
            return
        self._loading = False
        if found is not None and self.store is not None:
            self.demo, self.pending, self.centres = found
            if self._readers is not None:
                self._to_look |= self._touched
                self._look_later()
            else:
                for layer, uuid in sorted(self._touched):
                    self._update(layer, uuid)
            self._redraw()
        self._touched.clear()
        self.sigReloaded.emit()
        if self._again:
            self.reload_later()

    def count(self) -> int:
        """Edits not yet synced (deletions included): the status bar's number."""
        return sum(len(entries) for entries in self.pending.values())

    def feature_changed(self, layer: str, uuid: str) -> None:
        """One feature was saved, undone or redone: look at it alone."""
        self.features_changed(layer, (uuid,))

    def features_changed(self, layer: str, uuids: tuple[str, ...]) -> None:
        """Some features were changed (by another program): each looked at alone, the rings drawn once.
        In the window, on a reader thread: ``sigReloaded`` when the marks are in place."""
        if self._readers is not None:
            if self.store is not None and not self.demo:
                self._to_look.update((layer, uuid) for uuid in uuids)
                self._look_later()
            return
        changed = [self._update(layer, uuid) for uuid in uuids]
        if any(changed):
            self._redraw()

    def _look_later(self) -> None:
        """Look at every feature waiting to be looked at, on a reader, one look at a time.

        While QGIS or ogr2ogr save every second, a look asked per save and replacing the one running
        was always overtaken before it landed: its result was dropped, the features waiting were never
        cleared, and each look read more of them than the last, until both reader threads did nothing
        else (the marks never updated, the table and the map waited behind). So a look runs to its end
        and is put in place; what arrived meanwhile goes in the next one."""
        if self._readers is None or not self._to_look:
            return
        if self._looking and "pending-features" in self._readers.keys_waiting(self._looking):
            return  # running (unless the readers dropped it, another store shown: then look again)
        wanted = frozenset(self._to_look)
        self._to_look.clear()
        self._looking = self._readers.read(
            "pending-features", lambda store: _look(store, wanted), self._looked, lambda _: self._look_failed(wanted)
        )

    def _look_failed(self, wanted: frozenset[tuple[str, str]]) -> None:
        """Damaged or busy past the readers' patience (the window says why elsewhere): these features
        are looked at again with the next change."""
        self._looking = 0
        self._to_look |= wanted

    def _looked(self, found: dict[tuple[str, str], Entry | bool]) -> None:
        """The features' marks read on a reader (only put in place here); then those that changed meanwhile."""
        self._looking = 0
        if self.store is None or self.demo:
            return
        changed = False
        for (layer, uuid), current in found.items():
            if self._loading:
                self._touched.add((layer, uuid))
            before = self._mark(layer, uuid)
            self.pending.setdefault(layer, {}).pop(uuid, None)
            self.centres.remove((layer, uuid))
            if current is not False:  # False: no unsynced change (any more)
                self._set(layer, uuid, None if current is True else current)
            changed |= self._mark(layer, uuid) != before
        if changed:
            self._redraw()
        self.sigReloaded.emit()
        self._look_later()

    def _update(self, layer: str, uuid: str) -> bool:
        if self.store is None or self.demo or layer not in self.store.catalog:
            return False
        if self._loading:
            self._touched.add((layer, uuid))
        before = self._mark(layer, uuid)
        self.pending.setdefault(layer, {}).pop(uuid, None)
        self.centres.remove((layer, uuid))
        change = self.store.local_change(layer, uuid)
        if change is not None:
            self._set(layer, uuid, _entry(change.current))
        return self._mark(layer, uuid) != before

    def _set(self, layer: str, uuid: str, entry: Entry) -> None:
        """Remember a pending feature; a deleted one or one without geometry (None) is counted, not drawn."""
        self.pending.setdefault(layer, {})[uuid] = entry[0] if entry is not None else None
        self.centres.set((layer, uuid), entry)

    def _mark(self, layer: str, uuid: str) -> Entry | bool:
        """The feature's mark now: its fid and centre, None when counted and not drawn, False: not pending."""
        if uuid not in self.pending.get(layer, {}):
            return False
        return self.centres.entry((layer, uuid))

    def fids(self, layer: str | None) -> frozenset[int]:
        return self.centres.fids(layer or "")

    def uuids(self, layer: str) -> set[str]:
        return set(self.pending.get(layer, {}))

    def _redraw(self) -> None:
        self.rings.set_points(self.centres.points())


def _entry(row: dict[str, Any] | None) -> Entry:
    """A pending feature's mark: its fid and centre on the map; None (counted, not drawn) when deleted
    or without geometry."""
    return _entries([row["fid"]], [row.get("geom")])[0] if row is not None else None


def _entries(fids: list[int | None], geoms: list[Any]) -> list[Entry]:
    """The marks of many features (``_entry`` each; a fid None: deleted), their centres projected in one
    call."""
    drawn, fids_drawn, xy = _centres(fids, geoms)
    marks: list[Entry] = [None] * len(fids)
    for index, fid, (x, y) in zip(drawn.tolist(), fids_drawn, xy.tolist(), strict=True):
        marks[index] = (fid, x, y)
    return marks


def _centres(fids: Sequence[int | None], geoms: Sequence[Any]) -> tuple[np.ndarray, list[int], np.ndarray]:
    """Which features are drawn (their indexes: a fid and a non-empty geometry), their fids and their
    centres in the scene, all blobs read at once (``blobs.envelope_centres``): a call per feature was
    most of a full re-read of 100,000 unsynced edits (0.75 s of a reader thread, which holds the GIL
    meanwhile: the UI thread waited for it at every turn while a store opened)."""
    n = len(fids)
    has = np.fromiter(map(is_not, fids, repeat(None)), bool, n) & np.fromiter(map(is_not, geoms, repeat(None)), bool, n)
    lon, lat, found = blobs.envelope_centres(list(compress(geoms, has.tolist())))
    xs, ys = to_scene(lon[found], lat[found])
    drawn = np.flatnonzero(has)[found]
    return drawn, _at(fids, drawn), np.column_stack([xs, ys]).astype(float).reshape(-1, 2)


def _at(items: Sequence[Any], indexes: np.ndarray) -> list[Any]:
    """``items`` at ``indexes`` (in C: no Python per item)."""
    if len(indexes) == 0:
        return []
    if len(indexes) == 1:
        return [items[int(indexes[0])]]
    return list(itemgetter(*indexes.tolist())(items))


def _read_pending(store: Store) -> tuple[Pending, Centres]:
    """Every unsynced feature of ``store`` (on the reading thread's own store), read narrowly (fid and
    geometry: ``Store.pending_marks``), with the drawn ones' centres. Dicts and arrays made in C (zip,
    numpy): no Python per feature, for a store of 100,000 unsynced edits."""
    pending: Pending = {layer: {} for layer in store.catalog}
    drawn_by_layer: list[tuple[str, list[str], list[int], np.ndarray]] = []
    for layer, rows in store.pending_marks().items():
        if not rows:
            continue
        # a column at a time: ``zip(*rows)`` was one C call of 40-120 ms holding the GIL (the UI thread
        # cannot run meanwhile), each of these is ~5 ms
        uuids, fids, geoms = (list(map(itemgetter(k), rows)) for k in range(3))
        drawn, fids_drawn, xy = _centres(fids, geoms)
        uuids_drawn = _at(uuids, drawn)
        if len(uuids_drawn) == len(uuids):  # all drawn: the usual store
            pending[layer] = dict(zip(uuids, fids_drawn, strict=True))
        else:
            pending.setdefault(layer, {}).update(dict.fromkeys(uuids))
            pending[layer].update(zip(uuids_drawn, fids_drawn, strict=True))
        drawn_by_layer.append((layer, uuids_drawn, fids_drawn, xy))
    return pending, Centres.of_drawn(drawn_by_layer)


def _read_all(store: Store) -> tuple[bool, Pending, Centres]:
    """Whether ``store`` is a demo, and its unsynced features (none for a demo: its sites are no edits)
    with their centres (gathered here, on the reading thread, not on the UI thread)."""
    if store.is_demo:
        return True, {}, Centres()
    return (False, *_read_pending(store))


def _look(store: Store, features: frozenset[tuple[str, str]]) -> dict[tuple[str, str], Entry | bool]:
    """On a reader: each feature's mark (``_entry``: made here, so the UI thread only puts it in place;
    True for one counted, not drawn), False for no unsynced change."""
    catalog = store.catalog
    found: dict[tuple[str, str], Entry | bool] = {}
    for layer, uuid in sorted(features):
        if layer in catalog:
            change = store.local_change(layer, uuid)
            found[(layer, uuid)] = False if change is None else (_entry(change.current) or True)
    return found
