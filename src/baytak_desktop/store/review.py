"""Branch review: what others created or changed in a branch, and the review marks coordinators leave.

The server has no review endpoint, so a review is an ordinary field edit that syncs like any other
(and is undoable like any other): a line appended to the feature's ``notes``,

    [verified by dana on 2026-05-04]
    [rejected by dana on 2026-05-04] the photo shows a different pit

plus ``status = verified`` where the layer has that status (tree plantings). The marks are plain
text, so QGIS and the server's database show them too; the reporter sees the reason in the feature's
notes and, in the desktop's Branch review dock, in "Returned to you" after their next sync.

Only coordinators and admins review (``may_review``); the desktop, the CLI and the server read the
same marks with ``last_mark``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from baytak_desktop.layers import LAYERS, Catalog
from baytak_desktop.store.query import name_field
from baytak_desktop.store.store import Store

MARK = re.compile(r"^\[(verified|rejected) by (.+?) on (\d{4}-\d{2}-\d{2})\] ?(.*)$", re.MULTILINE)
REVIEWERS = ("coordinator", "admin")
STATES = ("verified", "rejected")


@dataclass(frozen=True)
class Reviewed:
    """A feature in a review list, with its latest review mark (if any)."""

    layer: str
    uuid: str
    fid: int
    name: str
    changed_by: str
    changed_at: str
    state: str | None  # verified, rejected or None
    reviewer: str | None
    reason: str


def may_review(role: str | None) -> bool:
    """Whether an account of ``role`` reviews the reports of its branch."""
    return role in REVIEWERS


def last_mark(notes: str | None) -> tuple[str | None, str | None, str]:
    """(state, reviewer, reason) of the latest mark in ``notes``."""
    marks = MARK.findall(notes or "")
    if not marks:
        return None, None, ""
    state, reviewer, _, reason = marks[-1]
    return state, reviewer, reason.strip()


def with_mark(notes: str | None, state: str, reviewer: str, reason: str = "", today: dt.date | None = None) -> str:
    """``notes`` with a new mark appended on a line of its own."""
    mark = f"[{state} by {reviewer} on {(today or dt.date.today()).isoformat()}]"
    line = f"{mark} {reason.strip()}" if reason.strip() else mark
    return f"{notes.rstrip()}\n{line}" if notes and notes.strip() else line


def review_values(
    layer: str,
    notes: str | None,
    state: str,
    reviewer: str,
    reason: str = "",
    catalog: Catalog = LAYERS,
) -> dict[str, Any]:
    """The field edit that records a review: the mark, and status=verified where the layer has it
    (``catalog``: the store's layers, published ones included)."""
    values: dict[str, Any] = {"notes": with_mark(notes, state, reviewer, reason)}
    schema = catalog[layer]
    status = schema.field("status") if "status" in schema.field_names else None
    if state == "verified" and status is not None and status.vocabulary and "verified" in status.vocabulary.codes:
        values["status"] = "verified"
    return values


def review_edit(store: Store, layer: str, uuid: str, state: str, reviewer: str, reason: str = "") -> dict[str, Any]:
    """The field values that record ``reviewer``'s review of the feature as it is stored now."""
    row = store.row(layer, uuid)
    return review_values(layer, row["notes"] if row is not None else None, state, reviewer, reason, store.catalog)


def changed_by_others(store: Store, me: str, branch: str | None, since: dt.date) -> list[Reviewed]:
    """Features of ``branch`` (every branch when None: an admin) last changed by someone else since ``since``."""
    where = "coalesce(updated_at, created_at, '') >= ? AND coalesce(updated_by, created_by, '') <> ?"
    params: tuple[Any, ...] = (since.isoformat(), me)
    if branch:
        where += " AND branch = ?"
        params += (branch,)
    return [r for layer in store.catalog for r in _select(store, layer, where, params)]


def returned_to(store: Store, me: str) -> list[Reviewed]:
    """The person's own reports whose latest review is a rejection: what they must look at again."""
    found = [
        r
        for layer in store.catalog
        for r in _select(store, layer, "created_by = ? AND notes LIKE '%[rejected by %'", (me,))
    ]
    return [r for r in found if r.state == "rejected"]


def _select(store: Store, layer: str, where: str, params: tuple[Any, ...]) -> list[Reviewed]:
    schema = store.catalog[layer]
    name = name_field(schema) or "uuid"
    sql = (
        f"SELECT fid, uuid, \"{name}\", coalesce(updated_by, created_by, ''), coalesce(updated_at, created_at, ''), "
        f'notes FROM "{schema.name}" WHERE {where} ORDER BY updated_at DESC'
    )
    found = []
    for fid, uuid, title, who, when, notes in store.conn.execute(sql, params):
        state, reviewer, reason = last_mark(notes)
        found.append(Reviewed(layer, uuid, fid, str(title or uuid[:8]), who, when, state, reviewer, reason))
    return found
