"""Edited but not yet synced: a ring on the map and a mark in the attribute table for each such feature.

A field activist must see at a glance what has not reached the server yet. The set comes from the
store's own answer (``query.local_change``: the net change since the last sync), not from the undo
history, so a feature created and then undone is not marked, and one edited and edited back is not
either. After one edit only that feature is looked at again; the whole journal is read again when a
store is opened or the store says many edits changed at once (an import, a sync: ``journal_changed``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import QObject, QPointF, QRectF, Qt
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
RING_RADIUS_PX = 11.0
Z_PENDING = 1500  # above the layers and the selection, under the rubber band


class PendingRings(QGraphicsItem):
    """An orange ring around the centre of every edited-but-not-synced feature."""

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
            self._sprite = (dpr, sprite(_draw_ring, 2 * RING_RADIUS_PX + 4, dpr))
        stamp(painter, self.points[:MAX_RINGS], self._sprite[1])


def _draw_ring(painter: QPainter, centre: QPointF, dpr: float) -> None:
    pen = QPen(PENDING, 2.5 * dpr)
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawEllipse(centre, RING_RADIUS_PX * dpr, RING_RADIUS_PX * dpr)


class PendingTracker(QObject):
    """Which features are edited but not synced, per layer: {uuid: (fid, scene x, scene y), or None when
    deleted}."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.pending: dict[str, dict[str, tuple[int, float, float] | None]] = {}
        self.demo = False  # a demo store: nothing in it is an edit waiting for a sync, nothing is marked
        self.rings = PendingRings()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.reload()

    def reload(self) -> int:
        """Read every unsynced feature again (a new store, an import, a sync); returns how many edits."""
        self.pending = {layer: {} for layer in LAYERS}
        self.demo = self.store is not None and self.store.is_demo
        if self.store is not None and not self.demo:  # the demo's sites are not the person's edits
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
        if self._update(layer, uuid):  # a ring appeared, moved or went: draw them again
            self._redraw()

    def features_changed(self, layer: str, uuids: tuple[str, ...]) -> None:
        """Some features were changed by another program: each looked at alone, the rings drawn once."""
        changed = [self._update(layer, uuid) for uuid in uuids]
        if any(changed):
            self._redraw()

    def _update(self, layer: str, uuid: str) -> bool:
        if self.store is None or self.demo or layer not in LAYERS:
            return False
        entries = self.pending.setdefault(layer, {})
        before = entries.pop(uuid, False)
        change = self.store.local_change(layer, uuid)
        if change is not None:
            self._put(layer, uuid, change.current)
        return entries.get(uuid, False) != before

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
