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
from functools import lru_cache
from typing import Any

import shapely

from baytak_desktop.layers import LAYERS, LayerSchema, new_uuid
from baytak_desktop.store import changes, journal
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
        payload = (f'{{"protocol":"{PROTOCOL_VERSION}","changeset_id":"{changeset_id}","device_id":"{device_id}",'
                   f'"changes":[{",".join(text for _, _, text in chunk)}]}}')
        seq = conn.execute("INSERT INTO baytak_outbox (changeset_id, payload, changes) VALUES (?, ?, ?)",
                           (changeset_id, payload, len(chunk))).lastrowid
        _stamp(conn, changeset_id, chunk, whole=len(found) <= limit)
        sealed.append(Sealed(seq, changeset_id, payload, len(chunk)))
    return sealed


def _stamp(conn: sqlite3.Connection, changeset_id: str, chunk: list[tuple[str, str, str]], whole: bool) -> None:
    """Mark the sealed journal rows. Rows of a feature stamped by an earlier, settled changeset (a
    refused change, held) keep that stamp: settling treats every stamped row of a feature as sent."""
    if whole:  # one changeset takes every unsealed row: one pass over the changeset_id index
        conn.execute("UPDATE baytak_journal SET changeset_id = ? WHERE changeset_id IS NULL", (changeset_id,))
        return
    by_layer: dict[str, list[str]] = {}
    for layer, uuid, _ in chunk:
        by_layer.setdefault(layer, []).append(uuid)
    for layer, uuids in by_layer.items():
        conn.execute("UPDATE baytak_journal SET changeset_id = ? WHERE changeset_id IS NULL AND layer = ? AND uuid IN "
                     "(SELECT value FROM json_each(?))", (changeset_id, layer, json.dumps(uuids)))


def build_changes(conn: sqlite3.Connection, schema: LayerSchema) -> list[tuple[str, str, str]]:
    """(layer, uuid, ChangeIn as JSON text) of every feature of the layer with an unsealed edit.

    SQLite itself compares base and current row and writes each change's JSON (``changes_sql``), so
    Python only joins strings. Features whose edits cancel out (an insert then a delete, an edit
    undone by hand) are settled on the spot: their journal rows and base are dropped, nothing is sent.
    """
    t = schema.name
    rows = conn.execute(changes_sql(t), (t,)).fetchall()
    if not rows:
        return []
    links = _links(conn, "baytak_attachment_links", t)
    synced_links = _links(conn, "baytak_synced_links", t)
    found, settled = [], []
    for uuid, op, fields, rev, made_at in rows:
        added = links.get(uuid, set()) - synced_links.get(uuid, set()) if op in ("insert", "update") else set()
        removed = synced_links.get(uuid, set()) - links.get(uuid, set()) if op == "update" else set()
        if op is None or (op == "update" and fields == "{}" and not added and not removed):
            settled.append(uuid)
            continue
        if "\"N:" in fields:
            fields = _normalize_geometry(fields)
        refs = _refs(conn, t, uuid, added) if added else "[]"
        gone = json.dumps(sorted(removed)) if removed else "[]"
        base_rev = "null" if op == "insert" or rev is None else rev
        found.append((t, uuid, f'{{"layer":"{t}","uuid":"{uuid}","op":"{op}","base_rev":{base_rev},"fields":{fields},'
                               f'"attachments_added":{refs},"attachments_removed":{gone},"made_at":"{made_at}"}}'))
    if settled:
        changes.mark_synced(conn, t, settled)
    return found


def _normalize_geometry(fields: str) -> str:
    """The rare geometry that is not 2D little-endian ISO WKB (written by some other tool): through shapely."""
    parsed = json.loads(fields)
    slot = parsed[wire.GEOM]
    for key in ("base", "new"):
        if isinstance(slot[key], str) and slot[key].startswith("N:"):
            blob = bytes.fromhex(slot[key][2:])
            slot[key] = shapely.to_wkb(shapely.from_wkb(blob), hex=True, output_dimension=2, flavor="iso",
                                       byte_order=1)
    return json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=None)
def changes_sql(layer: str) -> str:
    """One row per journaled feature: uuid, op (NULL when the edits cancel out), fields JSON, base_rev,
    made_at. Net change as store.changes.net_change decides it: base (last synced) against current."""
    schema = LAYERS[layer]
    tracked = journal.tracked_columns(schema)
    pairs = {col: (_value("b", col), _value("c", col)) for col in tracked}

    def field(col: str, base: str, new: str) -> str:
        return f"""'"{col}":' || json_object('base', {base}, 'new', {new})"""

    inserted = " || ',' || ".join(field(col, "NULL", new) for col, (_, new) in pairs.items())
    deleted = " || ',' || ".join(field(col, base, "NULL") for col, (base, _) in pairs.items())
    updated = " || ".join(f"CASE WHEN {_changed(col)} THEN {field(col, *pairs[col])} || ',' ELSE '' END"
                          for col in tracked)
    op = ("CASE WHEN b.uuid IS NULL AND s.uuid IS NULL THEN (CASE WHEN c.uuid IS NULL THEN NULL ELSE 'insert' END) "
          "WHEN c.uuid IS NULL THEN 'delete' ELSE 'update' END")
    return (
        f"SELECT j.uuid, {op}, CASE {op} WHEN 'insert' THEN '{{' || {inserted} || '}}' "
        f"WHEN 'delete' THEN CASE WHEN b.uuid IS NULL THEN '{{}}' ELSE '{{' || {deleted} || '}}' END "
        f"ELSE '{{' || rtrim({updated}, ',') || '}}' END, r.rev, j.made_at "
        "FROM (SELECT uuid, ',' || group_concat(ifnull(columns, '*')) || ',' AS cols, max(at) AS made_at, "
        "min(id) AS first FROM baytak_journal WHERE layer = ?1 GROUP BY uuid HAVING max(changeset_id IS NULL)) AS j "
        f'LEFT JOIN "{layer}" AS c ON c.uuid = j.uuid '
        f'LEFT JOIN "{journal.base_table(layer)}" AS b ON b.uuid = j.uuid '
        "LEFT JOIN baytak_synced AS s ON s.layer = ?1 AND s.uuid = j.uuid "
        "LEFT JOIN baytak_feature_revs AS r ON r.layer = ?1 AND r.uuid = j.uuid ORDER BY j.first"
    )


def _header_length() -> str:
    """CASE on the flags byte: 8 bytes of header plus the envelope its bits 1-3 announce (0, 4, 6, 6 or
    8 doubles), whatever the byte order (bit 0), empty (bit 4) or extended (bit 5) bits say."""
    sizes = {0: 8, 1: 40, 2: 56, 3: 56, 4: 72}
    whens = " ".join(f"WHEN '{flags:02X}' THEN {sizes[(flags >> 1) & 7]}" for flags in range(64)
                     if (flags >> 1) & 7 in sizes)
    return f"CASE hex(substr({{g}}, 4, 1)) {whens} ELSE 8 END"


_HEADER_LENGTH = _header_length()


def _wkb(alias: str) -> str:
    """The WKB of a GeoPackage blob: past the header and the envelope its flags byte announces."""
    return f"substr({alias}.geom, 1 + {_HEADER_LENGTH.format(g=alias + '.geom')})"


def _value(alias: str, col: str) -> str:
    """A column as the wire carries it; a geometry as hex WKB, marked N: when not 2D little-endian ISO."""
    if col != wire.GEOM:
        return f'{alias}."{col}"'
    wkb = _wkb(alias)
    return (f"CASE WHEN {alias}.geom IS NULL THEN NULL WHEN substr({wkb}, 1, 1) = x'01' AND "
            f"substr({wkb}, 3, 3) = x'000000' THEN hex({wkb}) ELSE 'N:' || hex({wkb}) END")


def _changed(col: str) -> str:
    """Compared with the base; with the base lost, the journaled column names say what changed."""
    differs = f"{_wkb('c')} IS NOT {_wkb('b')}" if col == wire.GEOM else f'c."{col}" IS NOT b."{col}"'
    return f"CASE WHEN b.uuid IS NULL THEN (j.cols GLOB '*[*]*' OR instr(j.cols, ',{col},') > 0) ELSE {differs} END"


def _refs(conn: sqlite3.Connection, layer: str, uuid: str, shas: set[str]) -> str:
    return json.dumps([attachment_ref(conn, layer, uuid, sha) for sha in sorted(shas)], ensure_ascii=False)


def attachment_ref(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT a.mime, a.size, a.original_name, l.caption, a.taken_at, a.lat, a.lon, a.camera "
        "FROM baytak_attachments a LEFT JOIN baytak_attachment_links l ON l.sha256 = a.sha256 AND l.layer = ? "
        "AND l.uuid = ? WHERE a.sha256 = ?", (layer, uuid, sha256)).fetchone()
    keys = ("mime", "size", "original_name", "caption", "taken_at", "lat", "lon", "camera")
    return {"sha256": sha256, **dict(zip(keys, row))}


def _links(conn: sqlite3.Connection, table: str, layer: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for uuid, sha in conn.execute(f"SELECT uuid, sha256 FROM {table} WHERE layer = ? AND uuid IN ({UNSEALED})",
                                  (layer, layer)):
        found.setdefault(uuid, set()).add(sha)
    return found


def stamped(conn: sqlite3.Connection, changeset_id: str) -> Iterator[tuple[str, str]]:
    """(layer, uuid) of the features sealed into ``changeset_id`` that still wait for its answer."""
    yield from conn.execute("SELECT DISTINCT layer, uuid FROM baytak_journal WHERE changeset_id = ?", (changeset_id,))
