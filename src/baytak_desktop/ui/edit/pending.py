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

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.ui.edit.tools.overlay import sprite, stamp
from baytak_desktop.ui.map.items import HALO_SCENE

PENDING = QColor("#f77f00")
MAX_RINGS = 200_000
RING_RADIUS_PX = 7.0  # the halo's ring: around an 8 px marker (the layers' default), inside a 24 px cell
RING_WIDTH_PX = 3.0
CELL_PX = 24.0  # at most one halo per cell of this many logical pixels: halos never touch
Z_PENDING = 50  # under the layers (Z 100+) and their labels, above the basemap and tiles


def thin(points: np.ndarray, cell: float) -> np.ndarray:
    """One point per ``cell`` x ``cell`` square of a grid fixed in the points' own coordinates (the
    first one found in each), so what is kept does not change while the map is panned."""
    if len(points) < 2 or cell <= 0:
        return points
    keys = np.floor(points / cell).astype(np.int64)
    _, first = np.unique(keys, axis=0, return_index=True)
    return points[np.sort(first)]


class PendingRings(QGraphicsItem):
    """An orange halo under the centre of every edited-but-not-synced feature, thinned by zoom."""

    def __init__(self) -> None:
        super().__init__()
        self.points = np.empty((0, 2))
        self._bounds = QRectF()
        self._sprite: tuple[float, QPixmap] | None = None
        self.setZValue(Z_PENDING)

    def set_points(self, points: np.ndarray) -> None:
        self.prepareGeometryChange()
        self.points = points
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
        scale = abs(painter.worldTransform().m11())  # logical pixels per scene unit
        shown = thin(self.points[:MAX_RINGS], CELL_PX / scale) if scale > 0 else self.points[:MAX_RINGS]
        stamp(painter, shown, self._sprite[1])


def _draw_ring(painter: QPainter, centre: QPointF, dpr: float) -> None:
    """A solid orange ring with a faint orange disc inside: under a marker only the ring shows, under a
    translucent polygon the disc tints its centre."""
    painter.setPen(QPen(PENDING, RING_WIDTH_PX * dpr))
    painter.setBrush(QColor(PENDING.red(), PENDING.green(), PENDING.blue(), 60))
    painter.drawEllipse(centre, RING_RADIUS_PX * dpr, RING_RADIUS_PX * dpr)


class PendingTracker(QObject):
    """Which features are edited but not synced, per layer: {uuid: (fid, scene x, scene y), or None when
    deleted}."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.pending: dict[str, dict[str, tuple[int, float, float] | None]] = {}
        self.rings = PendingRings()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def reload(self) -> int:
        """Read every unsynced feature again (a new store, an import, a sync); returns how many edits."""
        self.pending = {layer: {} for layer in LAYERS}
        if self.store is not None:
            try:
                found = self.store.changes()
            except (DatabaseError, BaytakError):  # a damaged layer is reported elsewhere; mark nothing
                found = []
            for change in found:
                self._put(change.layer, change.uuid, change.current)
        self._redraw()
        return self.count()

    def count(self) -> int:
        """Edits not yet synced (deletions included): the status bar's number."""
        return sum(len(entries) for entries in self.pending.values())

    def feature_changed(self, layer: str, uuid: str) -> None:
        """One feature was saved, undone or redone: look at it alone."""
        if self.store is None or layer not in LAYERS:
            return
        entries = self.pending.setdefault(layer, {})
        before = entries.pop(uuid, False)
        change = self.store.local_change(layer, uuid)
        if change is not None:
            self._put(layer, uuid, change.current)
        if entries.get(uuid, False) != before:  # a ring appeared, moved or went: draw them again
            self._redraw()

    def _put(self, layer: str, uuid: str, row: dict[str, Any] | None) -> None:
        """Remember a pending feature; a deleted one (no row) or one without geometry is counted, not drawn."""
        envelope = blobs.envelope(row["geom"]) if row is not None and row.get("geom") is not None else None
        if row is None or envelope is None:
            self.pending.setdefault(layer, {})[uuid] = None
            return
        minx, maxx, miny, maxy = envelope
        xs, ys = to_scene(np.array([(minx + maxx) / 2]), np.array([(miny + maxy) / 2]))
        self.pending[layer][uuid] = (int(row["fid"]), float(xs[0]), float(ys[0]))

    def fids(self, layer: str | None) -> frozenset[int]:
        return frozenset(entry[0] for entry in self.pending.get(layer or "", {}).values() if entry is not None)

    def uuids(self, layer: str) -> set[str]:
        return set(self.pending.get(layer, {}))

    def _redraw(self) -> None:
        points = [entry[1:] for entries in self.pending.values() for entry in entries.values() if entry is not None]
        self.rings.set_points(np.array(points, dtype=float).reshape(-1, 2))
