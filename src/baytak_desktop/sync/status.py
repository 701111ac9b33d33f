"""The sync state a store keeps, as the desktop shows it: the last sync, the open conflicts, the refusals.

Plain reads of the store's own tables (``sync.records``, ``baytak_sync_state``), taking the ``Store``,
so the views never hold its connection.
"""

from __future__ import annotations

from typing import Any

from baytak_desktop.store import Store
from baytak_desktop.sync import records


def last_sync_at(store: Store) -> str | None:
    """When the last pull finished (the server's position saved with it), ISO 8601 UTC, or None: never."""
    row = store.conn.execute("SELECT last_sync_at FROM baytak_sync_state").fetchone()
    return str(row[0]) if row and row[0] else None


def conflicts(store: Store, *, open_only: bool = True) -> list[records.LocalConflict]:
    return records.conflicts(store.conn, open_only=open_only)


def conflicts_of(store: Store, layer: str, uuid: str) -> list[records.LocalConflict]:
    """The open conflicts of one feature (a field each, or the whole feature)."""
    return [c for c in records.conflicts(store.conn) if c.layer == layer and c.uuid == uuid]


def rejections(store: Store) -> list[dict[str, Any]]:
    """The edits the server refused, with its reason."""
    return records.rejections(store.conn)
