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
import re
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
# Half the server's default request limit (64 MiB): 20,000 big polygons would not fit in one request.
MAX_CHANGESET_BYTES = 32 * 1024 * 1024


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
    """The no-edit fast path: the journal is empty after a sync, so this reads nothing."""
    return conn.execute("SELECT 1 FROM baytak_journal WHERE changeset_id IS NULL LIMIT 1").fetchone() is not None


def outbox(conn: sqlite3.Connection) -> list[Sealed]:
    """Changesets sealed earlier whose answer has not been settled yet, oldest first."""
    return [Sealed(*row) for row in conn.execute(
        "SELECT seq, changeset_id, payload, changes, sent_at FROM baytak_outbox ORDER BY seq")]


def pending_count(conn: sqlite3.Connection) -> int:
    """Features with an edit not yet accepted by the server (sealed or not): what a person calls 'my edits'."""
    return conn.execute("SELECT count(*) FROM (SELECT DISTINCT layer, uuid FROM baytak_journal)").fetchone()[0]


def seal(conn: sqlite3.Connection, device_id: str, limit: int = MAX_CHANGES_PER_CHANGESET,
         max_bytes: int = MAX_CHANGESET_BYTES) -> list[Sealed]:
    """Turn the unsealed edits into outbox changesets (at most ``limit`` changes and about ``max_bytes``
    of JSON each); the caller holds the session, so the stamps and the outbox rows commit together."""
    if not has_unsealed(conn):
        return []
    found = [change for schema in LAYERS.values() for change in build_changes(conn, schema)]
    chunks = list(_chunks(found, limit, max_bytes))
    sealed = []
    for chunk in chunks:
        changeset_id = new_uuid()
        payload = (f'{{"protocol":"{PROTOCOL_VERSION}","changeset_id":"{changeset_id}","device_id":"{device_id}",'
                   f'"changes":[{",".join(text for _, _, text in chunk)}]}}')
        seq = conn.execute("INSERT INTO baytak_outbox (changeset_id, payload, changes) VALUES (?, ?, ?)",
                           (changeset_id, payload, len(chunk))).lastrowid
        _stamp(conn, changeset_id, chunk, whole=len(chunks) == 1)
        sealed.append(Sealed(seq, changeset_id, payload, len(chunk)))
    return sealed


def _chunks(found: list[tuple[str, str, str]], limit: int, max_bytes: int) -> Iterator[list[tuple[str, str, str]]]:
    """Split by count (the protocol's limit) and by size (under the server's request limit)."""
    chunk: list[tuple[str, str, str]] = []
    size = 0
    for change in found:
        if chunk and (len(chunk) >= limit or size + len(change[2]) > max_bytes):
            yield chunk
            chunk, size = [], 0
        chunk.append(change)
        size += len(change[2])
    if chunk:
        yield chunk


def _stamp(conn: sqlite3.Connection, changeset_id: str, chunk: list[tuple[str, str, str]], whole: bool) -> None:
    """Mark the sealed journal rows. Rows of a feature stamped by an earlier, settled changeset (a
    refused change, held) keep that stamp: settling treats every stamped row of a feature as sent."""
    if whole:  # one changeset takes every unsealed row: one pass over the journal
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
    plain = _plain_geometries("".join(row[2] or "" for row in rows))
    found, settled = [], []
    for uuid, op, fields, rev, made_at in rows:
        added, removed = _link_changes(op, links.get(uuid), synced_links.get(uuid)) if links or synced_links \
            else (None, None)
        if op is None or (op == "update" and fields == "{}" and not added and not removed):
            settled.append(uuid)
            continue
        if not plain and not _plain_geometries(fields):
            fields = _normalize_geometry(fields)
        refs = _refs(conn, t, uuid, added) if added else "[]"
        gone = json.dumps(sorted(removed)) if removed else "[]"
        base_rev = "null" if op == "insert" or rev is None else rev
        found.append((t, uuid, f'{{"layer":"{t}","uuid":"{uuid}","op":"{op}","base_rev":{base_rev},"fields":{fields},'
                               f'"attachments_added":{refs},"attachments_removed":{gone},"made_at":"{made_at}"}}'))
    if settled:
        changes.mark_synced(conn, t, settled)
    return found


def _link_changes(op: str | None, links: set[str] | None, synced: set[str] | None) -> tuple[set[str], set[str]]:
    """Attachments linked and unlinked since the last sync (a deleted feature sends none)."""
    links, synced = links or set(), synced or set()
    added = links - synced if op in ("insert", "update") else set()
    removed = synced - links if op == "update" else set()
    return added, removed


def _plain_geometries(fields: str) -> bool:
    """Whether every geometry value in ``fields`` (one change's, or many joined) is 2D little-endian
    ISO WKB as the store and GDAL write it: hex '01', a type code 1..7, three zero bytes. One regex
    pass over the whole layer's text in the common case; a change that fails is rewritten by shapely."""
    return fields.count('"geom":{') == len(_PLAIN_GEOM.findall(fields))


_WKB_VALUE = r'(?:null|"010[1-7]000000[0-9A-F]*")'
_PLAIN_GEOM = re.compile(rf'"geom":\{{"base":{_WKB_VALUE},"new":{_WKB_VALUE}\}}')


def _normalize_geometry(fields: str) -> str:
    """The rare geometry that is not 2D little-endian ISO WKB (written by some other tool): through shapely."""
    parsed = json.loads(fields)
    slot = parsed[wire.GEOM]
    for key in ("base", "new"):
        if isinstance(slot[key], str):
            slot[key] = shapely.to_wkb(shapely.from_wkb(bytes.fromhex(slot[key])), hex=True, output_dimension=2,
                                       flavor="iso", byte_order=1)
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
        "FROM (SELECT uuid, ',' || group_concat(ifnull(columns, '*')) || ',' AS cols, max(at) AS made_at "
        "FROM baytak_journal WHERE layer = ?1 GROUP BY uuid HAVING max(changeset_id IS NULL)) AS j "
        f'LEFT JOIN "{layer}" AS c ON c.uuid = j.uuid '
        f'LEFT JOIN "{journal.base_table(layer)}" AS b ON b.uuid = j.uuid '
        "LEFT JOIN baytak_synced AS s ON s.layer = ?1 AND s.uuid = j.uuid "
        "LEFT JOIN baytak_feature_revs AS r ON r.layer = ?1 AND r.uuid = j.uuid"
    )


def _header_length() -> str:
    """CASE on the flags byte: 8 bytes of header plus the envelope its bits 1-3 announce (0, 4, 6, 6 or
    8 doubles), whatever the byte order (bit 0), empty (bit 4) or extended (bit 5) bits say. The two
    flags every writer uses for 2D data (0x01 no envelope, 0x03 XY envelope) are tried first."""
    sizes = {0: 8, 1: 40, 2: 56, 3: 56, 4: 72}
    flags = [0x01, 0x03, *(f for f in range(64) if f not in (0x01, 0x03) and (f >> 1) & 7 in sizes)]
    whens = " ".join(f"WHEN x'{f:02X}' THEN {sizes[(f >> 1) & 7]}" for f in flags)
    return f"CASE substr({{g}}, 4, 1) {whens} ELSE 8 END"


_HEADER_LENGTH = _header_length()


def _wkb(alias: str) -> str:
    """The WKB of a GeoPackage blob: past the header and the envelope its flags byte announces."""
    return f"substr({alias}.geom, 1 + {_HEADER_LENGTH.format(g=alias + '.geom')})"


def _value(alias: str, col: str) -> str:
    """A column as the wire carries it; a geometry as hex WKB (checked for 2D little-endian ISO in Python)."""
    return f"hex({_wkb(alias)})" if col == wire.GEOM else f'{alias}."{col}"'


def _changed(col: str) -> str:
    """Compared with the base; with the base lost, the journaled column names say what changed. Two
    geometry blobs with the same 8-byte header differ in their WKB when they differ at all; only when
    the headers differ (another tool wrote one) are the WKBs cut out and compared."""
    if col == wire.GEOM:
        differs = ("c.geom IS NOT b.geom AND (substr(c.geom, 1, 8) = substr(b.geom, 1, 8) OR "
                   f"{_wkb('c')} IS NOT {_wkb('b')})")
    else:
        differs = f'c."{col}" IS NOT b."{col}"'
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
