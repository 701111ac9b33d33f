"""Changes held on the device: what the server would refuse is never sealed, and says why.

Before a changeset is sealed, every change is checked with the rules the server applies at its door
(``layers.canonical.check``: text without control characters or lone surrogates, finite numbers, one
spelling of a date, linear geometries, required fields, ranges). A change that fails is held here, as
a change the server refuses is held after its answer: its journal rows are stamped with an id that is
never sent (so it waits until the feature is edited again) and a rejection record carries the message
the person sees (kept as its template and parameters too, so it is said in the person's language:
migration 9). The rest of the edits are sealed and sent as usual. Nothing is dropped: the held
values stay in the store exactly as they are.

A changeset therefore never carries a value that could make a server refuse or fail on all of it,
whatever that server's version.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from baytak_desktop.errors import Problem, problem_json
from baytak_desktop.i18n import Sentence
from baytak_desktop.layers import Catalog, LayerSchema, canonical, new_uuid
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.sync import wire

Change = tuple[str, str, str]  # (layer, uuid, the change as JSON text)


def hold_refused(
    conn: sqlite3.Connection, catalog: Catalog, found: list[Change], held_out: list[tuple[str, str]] | None = None
) -> list[Change]:
    """The changes of ``found`` the server would take; the others are held (the caller's session) and
    their (layer, uuid) added to ``held_out``. ``catalog`` is the store's (``store.catalog.catalog_of``):
    a published layer's changes are checked by its published rules, as the server checks them."""
    today = canonical.latest_date()
    kept: list[Change] = []
    held: list[tuple[str, str, list[Problem], str]] = []
    for layer, uuid, text in found:
        problems = change_problems(catalog.layer(layer), json.loads(text), today)
        if problems:
            code = "invalid_geometry" if any(p.field == wire.GEOM for p in problems) else "invalid_value"
            held.append((layer, uuid, problems, code))
        else:
            kept.append((layer, uuid, text))
    if held:
        _hold(conn, held)
        if held_out is not None:
            held_out += [(layer, uuid) for layer, uuid, *_ in held]
    return kept


def change_problems(schema: LayerSchema, change: dict[str, Any], today: dt.date | None = None) -> list[Problem]:
    """Every reason the server would refuse this change's values, each with its field and its template."""
    managed = set(BOOKKEEPING) | {f.name for f in schema.fields if f.derived}
    slots = {name: slot for name, slot in change.get("fields", {}).items() if name not in managed}
    problems = [
        Problem.of("the base value {problem}", field=name, problem=Sentence(problem.template, **problem.params))
        for name, slot in slots.items()
        if (problem := canonical.sendable_value_problem(slot.get("base"))) is not None
    ]
    if change.get("op") != "delete":
        checked = canonical.check(
            schema,
            {name: slot.get("new") for name, slot in slots.items()},
            whole=change.get("op") == "insert",
            today=today,
        )
        problems += checked.errors
    return problems


def _hold(conn: sqlite3.Connection, held: list[tuple[str, str, list[Problem], str]]) -> None:
    """Stamp the held features' journal rows with an id that is never sent, and say why: in English, and
    as the template and parameters each front end says in its person's language (``records.rejection_text``)."""
    held_id = new_uuid()
    for layer, uuid, problems, code in held:
        conn.execute(
            "UPDATE baytak_journal SET changeset_id = ? WHERE changeset_id IS NULL AND layer = ? AND uuid = ?",
            (held_id, layer, uuid),
        )
        shown = problems[:5]
        note = Sentence("Not sent: {reasons}", reasons="; ".join(str(p) for p in shown))
        conn.execute(
            "INSERT OR REPLACE INTO baytak_rejections (changeset_id, layer, uuid, code, message, details, template, "
            "params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            (
                held_id,
                layer,
                uuid,
                code,
                str(note),
                json.dumps(
                    {"problems": [str(p) for p in problems], "fields": sorted({p.field or "" for p in problems}),
                     "held": True},
                    ensure_ascii=False,
                ),
                note.template,
                json.dumps({"reasons": [problem_json(p) for p in shown]}, ensure_ascii=False),
            ),
        )  # fmt: skip
