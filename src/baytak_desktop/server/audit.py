"""The audit log: every changeset ever pushed, who sent it from which device, when, and what came of it.

It is the ``baytak_changesets`` table that also makes pushes idempotent, so a changeset cannot be
applied without being audited: they are one row.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from baytak_desktop.server.db import Database


class AuditEntry(BaseModel):
    changeset_id: UUID
    user: str
    device_id: UUID
    at: datetime  # server clock
    server_rev: int
    changes: int
    applied: int
    merged: int
    unchanged: int
    conflicts: int
    rejected: int


_FIELDS = (
    "changeset_id",
    "username",
    "device_id",
    "received_at",
    "server_rev",
    "changes",
    "applied",
    "merged",
    "unchanged",
    "conflicts",
    "rejected",
)


def recent(db: Database, limit: int = 100) -> list[AuditEntry]:
    """The latest ``limit`` changesets, newest first."""
    with db.transaction() as tx:
        rows = tx.query(f"SELECT {', '.join(_FIELDS)} FROM baytak_changesets ORDER BY id DESC LIMIT ?", (limit,))
    return [
        AuditEntry(
            changeset_id=r[0],
            user=r[1],
            device_id=r[2],
            at=r[3],
            server_rev=r[4],
            changes=r[5],
            applied=r[6],
            merged=r[7],
            unchanged=r[8],
            conflicts=r[9],
            rejected=r[10],
        )
        for r in rows
    ]
