"""The audit log: every action that changes data, who did it, when, and from which device.

One row per action in ``baytak_audit``, written in the same transaction as the action itself, so
nothing changes without its row: a push (its outcome counts are in ``baytak_changesets``, the table
that also makes pushes idempotent), a conflict resolved, a review, and the administrator's console
commands (accounts and tokens, layers published). ``device_id`` is the device the request's token was issued to; what a
push body claims is kept beside it as ``claimed_device_id``, so a device cannot pass itself off as
another in the log.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from baytak_desktop.server.accounts import Account
from baytak_desktop.server.db import Database, Tx

CONSOLE = "(server console)"  # who the administrator's commands are recorded as


class AuditAction(StrEnum):
    push = "push"
    resolve = "resolve"
    review = "review"
    user_add = "user_add"
    user_disable = "user_disable"
    user_enable = "user_enable"
    token_revoke = "token_revoke"
    layer_publish = "layer_publish"


class AuditEntry(BaseModel):
    id: int
    action: AuditAction
    user: str
    at: datetime  # server clock
    device_id: UUID | None = None  # the device the token was issued to
    claimed_device_id: UUID | None = None  # the device a push body named
    changeset_id: UUID | None = None
    layer: str | None = None
    uuid: UUID | None = None
    conflict_id: int | None = None
    server_rev: int | None = None
    details: dict[str, Any] = {}
    # a push's outcome counts (None for other actions)
    changes: int | None = None
    applied: int | None = None
    merged: int | None = None
    unchanged: int | None = None
    conflicts: int | None = None
    rejected: int | None = None


@dataclass(frozen=True)
class Event:
    """One action to record; ``account`` None for the server console."""

    action: AuditAction
    account: Account | None
    at: str
    claimed_device_id: str | None = None
    changeset_id: str | None = None
    layer: str | None = None
    uuid: str | None = None
    conflict_id: int | None = None
    rev: int | None = None
    details: dict[str, Any] | None = None


def record(tx: Tx, event: Event) -> None:
    account = event.account
    tx.execute(
        "INSERT INTO baytak_audit (at, user_id, username, action, device_id, claimed_device_id, changeset_id, "
        "layer, uuid, conflict_id, rev, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            event.at,
            None if account is None else account.id,
            CONSOLE if account is None else account.username,
            event.action.value,
            None if account is None else account.device_id,
            event.claimed_device_id,
            event.changeset_id,
            event.layer,
            event.uuid,
            event.conflict_id,
            event.rev,
            None if event.details is None else json.dumps(event.details, ensure_ascii=False, sort_keys=True),
        ),
    )


_COLUMNS = (
    "a.id, a.action, a.username, a.at, a.device_id, a.claimed_device_id, a.changeset_id, a.layer, a.uuid, "
    "a.conflict_id, a.rev, a.details, c.changes, c.applied, c.merged, c.unchanged, c.conflicts, c.rejected"
)
_COUNTS = ("changes", "applied", "merged", "unchanged", "conflicts", "rejected")


def recent(db: Database, limit: int = 100) -> list[AuditEntry]:
    """The latest ``limit`` actions, newest first."""
    with db.transaction() as tx:
        rows = tx.query(
            f"SELECT {_COLUMNS} FROM baytak_audit a LEFT JOIN baytak_changesets c ON a.action = 'push' AND "
            "c.changeset_id = a.changeset_id ORDER BY a.id DESC LIMIT ?",
            (limit,),
        )
    return [_entry(row) for row in rows]


def _entry(row: tuple[Any, ...]) -> AuditEntry:
    (id_, action, user, at, device, claimed, changeset, layer, uuid, conflict, rev, details, *counts) = row
    return AuditEntry(
        id=id_,
        action=action,
        user=user,
        at=at,
        device_id=device,
        claimed_device_id=claimed,
        changeset_id=changeset,
        layer=layer,
        uuid=uuid,
        conflict_id=conflict,
        server_rev=rev,
        details=json.loads(details) if details else {},
        **dict(zip(_COUNTS, counts, strict=True)),
    )


def line(entry: AuditEntry) -> str:
    """One line of ``baytak server audit``."""
    device = f"device {entry.device_id or '?'}"
    if entry.claimed_device_id and entry.claimed_device_id != entry.device_id:
        device += f" (claimed {entry.claimed_device_id})"
    start = f"{entry.at:%Y-%m-%d %H:%M:%S} {entry.user:<16} {entry.action.value}"
    if entry.action is AuditAction.push:
        return (
            f"{start} {entry.changeset_id} {device} rev {entry.server_rev}: {entry.changes} changes, "
            f"{entry.applied} applied, {entry.merged} merged, {entry.unchanged} unchanged, "
            f"{entry.conflicts} conflicts, {entry.rejected} rejected"
        )
    target = "".join(f" {part}" for part in (entry.layer, entry.uuid) if part)  # a publication names no feature
    if entry.conflict_id is not None:
        target = f" conflict {entry.conflict_id}" + target
    facts = ", ".join(f"{key} {_shown(value)}" for key, value in sorted(entry.details.items()))
    where = f" {device}" if entry.device_id or entry.claimed_device_id else ""
    rev = f" rev {entry.server_rev}" if entry.server_rev is not None else ""
    return f"{start}{target}{where}{rev}{': ' + facts if facts else ''}"


def _shown(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)
