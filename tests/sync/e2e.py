"""Helpers for the end-to-end tests: sync with the fast client options, and compare stores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shapely

from baytak_desktop.jobs import NullProgress, Progress
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.sync.engine import SyncResult, sync
from tests.sync.conftest import FAST

KZ = shapely.Point(76.9, 43.2)
DISPLAY_ONLY = {"created_at", "created_by", "updated_at", "updated_by"}


def run(path: Path, progress: Progress | None = None) -> SyncResult:
    return sync(path, progress=progress or NullProgress(), options=FAST)


def add(path: Path, name: str = "Besagash brick works", **attributes: Any) -> str:
    with Store.open(path) as store:
        return store.insert("brick_factories", {"name": name, "status": "closed", **attributes}, KZ).uuid


def update(path: Path, uuid: str, **attributes: Any) -> None:
    with Store.open(path) as store:
        store.update("brick_factories", uuid, attributes)


def get(path: Path, uuid: str) -> dict[str, Any]:
    with Store.open(path) as store:
        return store.get("brick_factories", uuid).attributes


def exists(path: Path, uuid: str) -> bool:
    with Store.open(path) as store:
        return store.conn.execute("SELECT 1 FROM brick_factories WHERE uuid = ?", (uuid,)).fetchone() is not None


def snapshot(path: Path) -> dict[str, dict[str, tuple]]:
    """Every feature of every layer: its fields and its geometry as WKB; what 'equal stores' means."""
    found = {}
    with Store.open(path) as store:
        for layer in LAYERS:
            found[layer] = {
                f.uuid: (tuple(sorted(f.attributes.items())), shapely.to_wkb(f.geometry)) for f in store.features(layer)
            }
    return found


def pending(path: Path) -> list:
    with Store.open(path) as store:
        return store.changes()


def open_conflicts(path: Path) -> list:
    from baytak_desktop.sync import records

    with Store.open(path) as store:
        return records.conflicts(store.conn)
