"""Sealing: the pending local edits become changesets in the outbox, in one local transaction.

Sealing fixes everything a push needs before anything is sent: the ``changeset_id`` (a UUIDv7), and
the exact JSON body. The journal rows of the sealed features are stamped with that id in the same
transaction, so:

- a retry after a lost answer, even from a new process after a crash, sends the same id and the same
  body, and the server answers with its stored result instead of applying the edits twice;
- an edit made while the push is on its way writes a new, unstamped journal row: it is not part of the
  sealed body, stays pending and goes with the next sync.

The net change of a feature is computed like ``store.changes.net_change`` (base against current row),
but for all the features of a layer at once: three queries per layer instead of three per feature, so
building the payload for 10,000 edits costs the same on a layer of 100,000 rows or 1,000,000.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from baytak_desktop.layers import LAYERS, LayerSchema, new_uuid
from baytak_desktop.store import changes, journal
from baytak_desktop.store.rows import select_sql
from baytak_desktop.sync import wire
from baytak_desktop.sync.protocol import MAX_CHANGES_PER_CHANGESET, PROTOCOL_VERSION

UNSEALED = "SELECT uuid FROM baytak_journal WHERE layer = ? AND changeset_id IS NULL"


@dataclass(frozen=True)
class Sealed:
    """One changeset of the outbox: its body is sent byte for byte on every attempt."""

    seq: int
    changeset_id: str
    payload: str
    changes: int
    sent_at: str | None = None

    def body(self) -> dict[str, Any]:
        return json.loads(self.payload)


def has_unsealed(conn: sqlite3.Connection) -> bool:
    """The no-edit fast path: one index probe."""
    return conn.execute("SELECT 1 FROM baytak_journal WHERE changeset_id IS NULL LIMIT 1").fetchone() is not None


def outbox(conn: sqlite3.Connection) -> list[Sealed]:
    """Changesets sealed earlier whose answer has not been settled yet, oldest first."""
    return [Sealed(*row) for row in conn.execute(
        "SELECT seq, changeset_id, payload, changes, sent_at FROM baytak_outbox ORDER BY seq")]


def pending_count(conn: sqlite3.Connection) -> int:
    """Features with an edit not yet accepted by the server (sealed or not): what a person calls 'my edits'."""
    return conn.execute("SELECT count(*) FROM (SELECT DISTINCT layer, uuid FROM baytak_journal)").fetchone()[0]


def seal(conn: sqlite3.Connection, device_id: str, limit: int = MAX_CHANGES_PER_CHANGESET) -> list[Sealed]:
    """Turn the unsealed edits into outbox changesets (at most ``limit`` changes each); the caller holds
    the session, so the stamps and the outbox rows commit together or not at all."""
    if not has_unsealed(conn):
        return []
    found = [change for schema in LAYERS.values() for change in build_changes(conn, schema)]
    sealed = []
    for start in range(0, len(found), limit):
        chunk = found[start:start + limit]
        changeset_id = new_uuid()
        payload = json.dumps({"protocol": PROTOCOL_VERSION, "changeset_id": changeset_id, "device_id": device_id,
                              "changes": chunk}, ensure_ascii=False, separators=(",", ":"))
        seq = conn.execute("INSERT INTO baytak_outbox (changeset_id, payload, changes) VALUES (?, ?, ?)",
                           (changeset_id, payload, len(chunk))).lastrowid
        conn.executemany("UPDATE baytak_journal SET changeset_id = ? WHERE layer = ? AND uuid = ?",
                         ((changeset_id, c["layer"], c["uuid"]) for c in chunk))
        sealed.append(Sealed(seq, changeset_id, payload, len(chunk)))
    return sealed


def build_changes(conn: sqlite3.Connection, schema: LayerSchema) -> list[dict[str, Any]]:
    """The wire form (a ChangeIn as a dict) of every feature of the layer with an unsealed edit.

    Features whose edits cancel out (an insert then a delete, an edit undone by hand) are settled on
    the spot: their journal rows and base are dropped, nothing is sent.
    """
    t = schema.name
    journaled = conn.execute(
        "SELECT uuid, group_concat(ifnull(columns, '*')), max(at) FROM baytak_journal WHERE layer = ? AND uuid IN "
        f"({UNSEALED}) GROUP BY uuid ORDER BY min(id)", (t, t)).fetchall()
    if not journaled:
        return []
    current = _rows(conn, schema, t, t)
    base = _rows(conn, schema, journal.base_table(t), t)
    synced = _set(conn, f"SELECT uuid FROM baytak_synced WHERE layer = ? AND uuid IN ({UNSEALED})", t)
    revs = dict(conn.execute(f"SELECT uuid, rev FROM baytak_feature_revs WHERE layer = ? AND uuid IN ({UNSEALED})",
                             (t, t)))
    links = _links(conn, "baytak_attachment_links", t)
    synced_links = _links(conn, "baytak_synced_links", t)
    found, settled = [], []
    for uuid, columns, made_at in journaled:
        row, old = current.get(uuid), base.get(uuid)
        change = _net_change(schema, uuid, columns, row, old, uuid in synced or old is not None)
        added = links.get(uuid, set()) - synced_links.get(uuid, set()) if row is not None else set()
        removed = synced_links.get(uuid, set()) - links.get(uuid, set()) if row is not None else set()
        if change is None and (added or removed) and row is not None:
            change = ("update", ())
        if change is None:
            settled.append(uuid)
            continue
        found.append(_wire_change(schema, uuid, change, row, old, revs.get(uuid), made_at, added, removed))
    _settle_nothing(conn, t, settled)
    _geometries_to_wire(found)
    _attach_refs(conn, found)
    return found


def _net_change(schema: LayerSchema, uuid: str, columns: str, row: dict | None, old: dict | None,
                existed: bool) -> tuple[str, tuple[str, ...]] | None:
    """(op, changed columns) as store.changes.net_change decides it, from rows already fetched."""
    tracked = tuple(journal.tracked_columns(schema))
    if not existed:
        return ("insert", tracked) if row is not None else None
    if row is None:
        return ("delete", tracked if old is not None else ())
    if old is None:  # synced earlier, base lost (edits made while the triggers were missing)
        fields = tracked if "*" in columns else tuple(c for c in tracked if c in columns.split(","))
    else:
        fields = tuple(c for c in tracked if not changes.same_value(c, old[c], row[c]))
    return ("update", fields) if fields else None


def _wire_change(schema: LayerSchema, uuid: str, change: tuple[str, tuple[str, ...]], row: dict | None,
                 old: dict | None, rev: int | None, made_at: str, added: set[str], removed: set[str]) -> dict:
    op, columns = change
    if op == "insert":
        fields = {c: {"base": None, "new": row[c]} for c in columns}
    elif op == "delete":
        fields = {c: {"base": old[c], "new": None} for c in columns}
    else:
        fields = {c: {"base": None if old is None else old[c], "new": row[c]} for c in columns}
    return {"layer": schema.name, "uuid": uuid, "op": op, "base_rev": None if op == "insert" else rev,
            "fields": fields, "attachments_added": sorted(added), "attachments_removed": sorted(removed),
            "made_at": made_at}


def _geometries_to_wire(found: list[dict]) -> None:
    """Every geometry value of the layer's changes converted in one vectorised call."""
    slots = [(change["fields"][wire.GEOM], key) for change in found if wire.GEOM in change["fields"]
             for key in ("base", "new")]
    converted = wire.geoms_to_wire([slot[key] for slot, key in slots])
    for (slot, key), value in zip(slots, converted):
        slot[key] = value


def _attach_refs(conn: sqlite3.Connection, found: list[dict]) -> None:
    """attachments_added named by SHA-256 become full AttachmentRefs (metadata from the local table)."""
    for change in found:
        change["attachments_added"] = [attachment_ref(conn, change["layer"], change["uuid"], sha)
                                       for sha in change["attachments_added"]]


def attachment_ref(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT a.mime, a.size, a.original_name, l.caption, a.taken_at, a.lat, a.lon, a.camera "
        "FROM baytak_attachments a LEFT JOIN baytak_attachment_links l ON l.sha256 = a.sha256 AND l.layer = ? "
        "AND l.uuid = ? WHERE a.sha256 = ?", (layer, uuid, sha256)).fetchone()
    keys = ("mime", "size", "original_name", "caption", "taken_at", "lat", "lon", "camera")
    return {"sha256": sha256, **dict(zip(keys, row))}


def _settle_nothing(conn: sqlite3.Connection, layer: str, uuids: list[str]) -> None:
    if uuids:
        changes.mark_synced(conn, layer, uuids)


def _rows(conn: sqlite3.Connection, schema: LayerSchema, table: str, layer: str) -> dict[str, dict[str, Any]]:
    names = ("fid", "uuid", *schema.field_names, "geom")
    query = select_sql(schema, table) + f" WHERE uuid IN ({UNSEALED})"
    return {row[1]: dict(zip(names, row)) for row in conn.execute(query, (layer,))}


def _set(conn: sqlite3.Connection, query: str, layer: str) -> set[str]:
    return {row[0] for row in conn.execute(query, (layer, layer))}


def _links(conn: sqlite3.Connection, table: str, layer: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for uuid, sha in conn.execute(f"SELECT uuid, sha256 FROM {table} WHERE layer = ? AND uuid IN ({UNSEALED})",
                                  (layer, layer)):
        found.setdefault(uuid, set()).add(sha)
    return found


def stamped(conn: sqlite3.Connection, changeset_id: str) -> Iterator[tuple[str, str]]:
    """(layer, uuid) of the features sealed into ``changeset_id`` that still wait for its answer."""
    yield from conn.execute("SELECT DISTINCT layer, uuid FROM baytak_journal WHERE changeset_id = ?", (changeset_id,))
