"""Conflict and rejection records kept in the store, so they can be read and resolved offline.

The server is the authority on conflicts (every device of the branch sees the same records); the
local copies come with the pull feed and with resolutions, keyed by the server's id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from baytak_desktop.sync.protocol import ConflictRecord, Rejection

CONFLICT_COLUMNS = (
    "id",
    "rev",
    "layer",
    "uuid",
    "field",
    "base",
    "theirs",
    "mine",
    "author",
    "device_id",
    "changeset_id",
    "created_at",
    "resolved",
    "resolved_by",
    "resolution",
)


@dataclass(frozen=True)
class LocalConflict:
    id: int
    rev: int
    layer: str
    uuid: str
    field: str
    base: Any
    theirs: Any
    mine: Any
    author: str | None
    device_id: str | None
    changeset_id: str | None
    created_at: str | None
    resolved: bool
    resolved_by: str | None
    resolution: str | None

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "resolved": bool(self.resolved)}


def save_conflicts(conn: sqlite3.Connection, records: Iterable[ConflictRecord]) -> int:
    rows = [
        (
            r.id,
            r.rev,
            r.layer,
            str(r.uuid),
            r.field,
            r.base,
            r.theirs,
            r.mine,
            r.author,
            str(r.device_id),
            str(r.changeset_id),
            r.created_at.isoformat(),
            int(r.resolved),
            r.resolved_by,
            r.resolution,
        )
        for r in records
    ]
    marks = ", ".join("?" for _ in CONFLICT_COLUMNS)
    conn.executemany(f"INSERT OR REPLACE INTO baytak_conflicts ({', '.join(CONFLICT_COLUMNS)}) VALUES ({marks})", rows)
    return len(rows)


def save_rejections(conn: sqlite3.Connection, records: Iterable[Rejection]) -> int:
    rows = [
        (
            str(r.changeset_id),
            r.layer,
            str(r.uuid),
            r.id,
            r.rev,
            r.author,
            r.error.code.value,
            r.error.message,
            json.dumps(r.error.details, ensure_ascii=False),
            r.created_at.isoformat(),
        )
        for r in records
    ]
    conn.executemany(
        "INSERT OR REPLACE INTO baytak_rejections (changeset_id, layer, uuid, server_id, rev, author, code, message, "
        "details, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def conflicts(conn: sqlite3.Connection, *, open_only: bool = True) -> list[LocalConflict]:
    where = " WHERE resolved = 0" if open_only else ""
    return [
        LocalConflict(*row)
        for row in conn.execute(f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM baytak_conflicts{where} ORDER BY id")
    ]


def conflict(conn: sqlite3.Connection, conflict_id: int) -> LocalConflict | None:
    row = conn.execute(
        f"SELECT {', '.join(CONFLICT_COLUMNS)} FROM baytak_conflicts WHERE id = ?", (conflict_id,)
    ).fetchone()
    return None if row is None else LocalConflict(*row)


def rejections(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    keys = ("changeset_id", "layer", "uuid", "code", "message", "created_at")
    return [
        dict(zip(keys, row, strict=True))
        for row in conn.execute(f"SELECT {', '.join(keys)} FROM baytak_rejections ORDER BY created_at")
    ]
