"""Conflict and rejection records kept in the store, so they can be read and resolved offline.

The server is the authority on conflicts (every device of the branch sees the same records); the
local copies come with the pull feed and with resolutions, keyed by the server's id.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any

from baytak_desktop.errors import Problem, problem_from_json
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
            *said_template(r.error.details),
            r.created_at.isoformat(),
        )
        for r in records
    ]
    conn.executemany(
        "INSERT OR REPLACE INTO baytak_rejections (changeset_id, layer, uuid, server_id, rev, author, code, message, "
        "details, template, params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def said_template(details: dict[str, Any]) -> tuple[str | None, str | None]:
    """The template and parameters (JSON text) a server's refusal carries in its details, kept beside its
    English message so that ``rejection_text`` says it in the reader's language; (None, None) from a
    server that sends only the message."""
    template, params = details.get("template"), details.get("params")
    if isinstance(template, str) and isinstance(params, str) and _params(params) is not None:
        return template, params
    return None, None


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
    """Every refusal, with its English ``message``; ``template`` and ``params`` (None in a row written
    before migration 9, or from a server that sent only its message) are what ``rejection_text`` says
    it from."""
    keys = ("changeset_id", "layer", "uuid", "code", "message", "created_at", "template", "params")
    found = [
        dict(zip(keys, row, strict=True))
        for row in conn.execute(f"SELECT {', '.join(keys)} FROM baytak_rejections ORDER BY created_at")
    ]
    for record in found:
        record["params"] = _params(record["params"])
    return found


def _params(text: str | None) -> dict[str, Any] | None:
    try:
        params = json.loads(text) if text else None
    except json.JSONDecodeError:
        return None  # written by another tool: the English message is said instead
    return params if isinstance(params, dict) else None


Say = Callable[[str, dict[str, Any]], str]


def rejection_text(record: dict[str, Any], say: Say, say_problem: Callable[[Problem], str]) -> str:
    """A refusal (``rejections``) in the language of ``say`` (a template and its parameters translated and
    formatted) and ``say_problem`` (one reason, its field in front); its English ``message`` when it kept
    no template. A held change's ``reasons`` are problems (``errors.problem_json``), each said on its own."""
    template, params = record.get("template"), record.get("params")
    if not isinstance(template, str) or not isinstance(params, dict):
        return str(record["message"] or record["code"])
    reasons = params.get("reasons")
    if isinstance(reasons, list):
        problems = [problem for problem in map(problem_from_json, reasons) if problem is not None]
        params = {**params, "reasons": "; ".join(say_problem(problem) for problem in problems)}
    return say(template, params)
