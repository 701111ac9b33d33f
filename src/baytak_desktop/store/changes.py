"""Local changes not yet synced, as one net change per feature.

The journal records every edit; what the sync must send is the net effect since the last sync. It is
derived from data, not by replaying the journal: the feature's saved base (its last-synced state)
against its current row. That makes the answer right for any sequence of edits: an insert then a
delete is nothing; a delete then an undo that re-inserts it is an update of what differs, or nothing;
an edit reverted by hand is nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from baytak_desktop.errors import GeometryError
from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import journal
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.rows import select_sql

BULK_ABOVE = 200  # more journaled features in a layer than this: their rows read in three statements


@dataclass(frozen=True)
class Change:
    layer: str
    uuid: str
    op: str  # insert, update, delete
    fields: tuple[str, ...]  # changed columns (all tracked ones for an insert)
    base: dict[str, Any] | None  # last-synced row, when known
    current: dict[str, Any] | None  # row now (None for a delete)

    def as_json(self) -> dict[str, Any]:
        return {"layer": self.layer, "uuid": self.uuid, "op": self.op, "fields": list(self.fields)}


def pending_changes(conn: sqlite3.Connection, layer: str | None = None) -> list[Change]:
    """The net local change of every journaled feature, in the order features were first edited."""
    found = []
    for schema in catalog_of(conn).values():
        if layer is None or schema.name == layer:
            found.extend(_layer_changes(conn, schema))
    return found


def _layer_changes(conn: sqlite3.Connection, schema: LayerSchema) -> list[Change]:
    rows = conn.execute(
        "SELECT uuid, group_concat(ifnull(columns, '*')) FROM baytak_journal WHERE layer = ? "
        "GROUP BY uuid ORDER BY min(id)",
        (schema.name,),
    ).fetchall()
    if len(rows) <= BULK_ABOVE:
        found = [net_change(conn, schema, uuid, journaled) for uuid, journaled in rows]
    else:
        current = _journaled_rows(conn, schema, schema.name)
        base = _journaled_rows(conn, schema, journal.base_table(schema.name))
        synced = {u for (u,) in conn.execute("SELECT uuid FROM baytak_synced WHERE layer = ?", (schema.name,))}
        tracked = tuple(journal.tracked_columns(schema))
        found = [
            _net(schema, uuid, journaled, current.get(uuid), base.get(uuid), synced.__contains__, tracked)
            for uuid, journaled in rows
        ]
    return [change for change in found if change is not None]


Mark = tuple[str, int | None, Any]  # uuid, fid and geometry blob now (None, None: deleted)


def pending_marks(conn: sqlite3.Connection) -> dict[str, list[Mark]]:
    """Every feature with a net local change (``pending_changes``'s features, in its order), with only
    its fid and geometry now: what the map's unsynced-edit marks need. A feature never synced (no base,
    never in ``baytak_synced``) is an insert exactly when its row is there, so its row is not compared
    field by field: for a store of 100,000 new points this is one narrow statement, not 100,000 rows
    made into dicts and changes (2 s of a reader thread holding the GIL as the store opens, and as many
    objects for the UI thread's collector to walk; the rows are kept as read, no tuple made per feature).
    Features synced before are compared as there. By layer."""
    return {name: _layer_marks(conn, schema) for name, schema in catalog_of(conn).items()}


def _layer_marks(conn: sqlite3.Connection, schema: LayerSchema) -> list[Mark]:
    """The layer's marks, in journal order. The features never synced are read and filtered by SQLite
    and kept as its rows (no Python per feature: 100,000 of them took a reader thread's loop holding the
    GIL as a store opened); only the features synced before (``_synced_changes``) are looked at here,
    and put in journal order by a sort on their first journal id."""
    name = schema.name
    synced = {
        u
        for (u,) in conn.execute(
            "SELECT uuid FROM baytak_synced WHERE layer = ? AND uuid IN "
            "(SELECT uuid FROM baytak_journal WHERE layer = ?)",
            (name, name),
        )
    }
    synced |= {u for (u,) in conn.execute(f'SELECT uuid FROM "{journal.base_table(name)}"')}
    journaled = "SELECT uuid, min(id) AS first FROM baytak_journal WHERE layer = ? GROUP BY uuid"
    never_synced = (
        f'FROM ({journaled}) AS j JOIN "{name}" AS l ON l.uuid = j.uuid '
        "WHERE j.uuid NOT IN (SELECT uuid FROM baytak_synced WHERE layer = ?) "
        f'AND j.uuid NOT IN (SELECT uuid FROM "{journal.base_table(name)}") ORDER BY j.first'
    )
    if not synced:
        return conn.execute(f"SELECT j.uuid, l.fid, l.geom {never_synced}", (name, name)).fetchall()
    existed = _synced_changes(conn, schema, synced)
    firsts = dict(conn.execute(journaled, (name,)).fetchall()) if existed else {}
    rows = conn.execute(f"SELECT j.uuid, l.fid, l.geom, j.first {never_synced}", (name, name)).fetchall()
    for uuid, change in existed.items():
        now = change.current
        rows.append(
            (uuid, now["fid"], now["geom"], firsts[uuid]) if now is not None else (uuid, None, None, firsts[uuid])
        )
    rows.sort(key=itemgetter(3))  # runs already sorted: a merge, in C
    return list(map(itemgetter(0, 1, 2), rows))  # in C, ~10 ms a 100,000 (``zip(*rows)`` held the GIL 40 ms and more)


def _synced_changes(conn: sqlite3.Connection, schema: LayerSchema, synced: set[str]) -> dict[str, Change]:
    """The net changes of the journaled features synced before: a feature at a time when they are few,
    else every journaled feature's in bulk (``_layer_changes``), kept for these."""
    if len(synced) > BULK_ABOVE:
        return {change.uuid: change for change in _layer_changes(conn, schema) if change.uuid in synced}
    found = {}
    for uuid in synced:
        (journaled,) = conn.execute(
            "SELECT group_concat(ifnull(columns, '*')) FROM baytak_journal WHERE layer = ? AND uuid = ?",
            (schema.name, uuid),
        ).fetchone()
        change = net_change(conn, schema, uuid, journaled or "")
        if change is not None:
            found[uuid] = change
    return found


def net_change(conn: sqlite3.Connection, schema: LayerSchema, uuid: str, journaled: str) -> Change | None:
    current = _row(conn, schema, schema.name, uuid)
    base = _row(conn, schema, journal.base_table(schema.name), uuid)
    return _net(schema, uuid, journaled, current, base, lambda u: _was_synced(conn, schema.name, u))


def _net(
    schema: LayerSchema,
    uuid: str,
    journaled: str,
    current: dict[str, Any] | None,
    base: dict[str, Any] | None,
    was_synced: Callable[[str], bool],
    tracked: tuple[str, ...] | None = None,
) -> Change | None:
    """The net change of one feature from its row now and its last-synced base (either may be missing);
    ``tracked``: the layer's journaled columns, when the caller has them already."""
    existed = base is not None or was_synced(uuid)
    tracked = tracked if tracked is not None else tuple(journal.tracked_columns(schema))
    if not existed:
        return Change(schema.name, uuid, "insert", tracked, None, current) if current else None
    if current is None:
        return Change(schema.name, uuid, "delete", (), base, None)
    if base is None:  # synced earlier, base lost (edits made while the triggers were missing)
        fields = tracked if "*" in journaled else tuple(c for c in tracked if c in journaled.split(","))
    else:
        fields = tuple(c for c in tracked if not same_value(c, base[c], current[c]))
    return Change(schema.name, uuid, "update", fields, base, current) if fields else None


def same_value(column: str, a: Any, b: Any) -> bool:
    """Geometries compare by their WKB: a tool that rewrites the header has not changed the shape. A blob
    that is not a GeoPackage blob (another tool's junk) compares by its bytes, so it is still a change."""
    if column == "geom" and a is not None and b is not None:
        try:
            return bytes(a[blobs.header_length(a) :]) == bytes(b[blobs.header_length(b) :])
        except GeometryError:
            return bytes(a) == bytes(b)
    if a is None or b is None:
        return a is b
    return type(a) is type(b) and a == b


def _row(conn: sqlite3.Connection, schema: LayerSchema, table: str, uuid: str) -> dict[str, Any] | None:
    row = conn.execute(select_sql(schema, table) + " WHERE uuid = ?", (uuid,)).fetchone()
    if row is None:
        return None
    return dict(zip(("fid", "uuid", *schema.field_names, "geom"), row, strict=True))


def _journaled_rows(conn: sqlite3.Connection, schema: LayerSchema, table: str) -> dict[str, dict[str, Any]]:
    """The rows of ``table`` (the layer, or its base table) of every journaled feature, by uuid: one
    statement where a row each made three per feature (100,000 unsynced edits: 300,000 statements, the
    seconds a reader thread spent on every full re-read of the unsynced edits)."""
    names = ("fid", "uuid", *schema.field_names, "geom")
    cursor = conn.execute(
        select_sql(schema, table) + " WHERE uuid IN (SELECT uuid FROM baytak_journal WHERE layer = ?)", (schema.name,)
    )
    return {row[1]: dict(zip(names, row, strict=True)) for row in cursor}


def _was_synced(conn: sqlite3.Connection, layer: str, uuid: str) -> bool:
    row = conn.execute("SELECT 1 FROM baytak_synced WHERE layer = ? AND uuid = ?", (layer, uuid)).fetchone()
    return row is not None


def row_digest(row: dict[str, Any]) -> str:
    """A stable fingerprint of a row's tracked values, to notice edits made while triggers were off."""

    def encode(value: Any) -> Any:
        return value.hex() if isinstance(value, (bytes, memoryview)) else value

    payload = json.dumps({k: encode(v) for k, v in sorted(row.items()) if k != "fid"}, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def mark_synced(conn: sqlite3.Connection, layer: str, uuids: list[str]) -> None:
    """After the server has the features' state: forget their journal and base, remember the digest."""
    schema = catalog_of(conn).layer(layer)
    for uuid in uuids:
        conn.execute("DELETE FROM baytak_journal WHERE layer = ? AND uuid = ?", (layer, uuid))
        conn.execute(f'DELETE FROM "{journal.base_table(layer)}" WHERE uuid = ?', (uuid,))
        row = _row(conn, schema, layer, uuid)
        if row is None:
            conn.execute("DELETE FROM baytak_synced WHERE layer = ? AND uuid = ?", (layer, uuid))
        else:
            conn.execute("INSERT OR REPLACE INTO baytak_synced VALUES (?, ?, ?)", (layer, uuid, row_digest(row)))


def refresh_digests(conn: sqlite3.Connection, schema: LayerSchema) -> int:
    """Fingerprint the synced, unedited features again, after a migration changed the layer's columns.

    With the triggers intact until the migration, a synced feature with no journal entry is exactly as
    it was synced; only its digest, made over the old columns, no longer matches. Returns how many.
    """
    t = schema.name
    names = ("fid", "uuid", *schema.field_names, "geom")
    rows = conn.execute(
        select_sql(schema) + " WHERE uuid IN (SELECT uuid FROM baytak_synced WHERE layer = ?) "
        "AND uuid NOT IN (SELECT uuid FROM baytak_journal WHERE layer = ?)",
        (t, t),
    ).fetchall()
    digests = [(row_digest(dict(zip(names, row, strict=True))), t, row[1]) for row in rows]
    conn.executemany("UPDATE baytak_synced SET digest = ? WHERE layer = ? AND uuid = ?", digests)
    return len(digests)


def rebuild_journal(conn: sqlite3.Connection, schema: LayerSchema) -> int:
    """Journal the edits made while this layer's triggers were missing; returns how many were found.

    A feature with no journal entry is compared with its synced digest: unknown -> insert, different
    -> update of unknown columns, gone -> delete. Features already journaled need nothing: their net
    change is computed from the base anyway.
    """
    t = schema.name
    conn.execute(f'UPDATE "{t}" SET uuid = {journal.NEW_UUID_SQL} WHERE NOT {journal.is_uuid_sql("uuid")}')
    journaled = {u for (u,) in conn.execute("SELECT DISTINCT uuid FROM baytak_journal WHERE layer = ?", (t,))}
    synced = dict(conn.execute("SELECT uuid, digest FROM baytak_synced WHERE layer = ?", (t,)))
    found = []
    names = ("fid", "uuid", *schema.field_names, "geom")
    for row in conn.execute(select_sql(schema)):
        record = dict(zip(names, row, strict=True))
        uuid = record["uuid"]
        if uuid in journaled:
            continue
        if uuid not in synced:
            found.append((t, uuid, "insert", None))
        elif synced[uuid] != row_digest(record):
            found.append((t, uuid, "update", None))
        synced.pop(uuid, None)
    found += [(t, uuid, "delete", None) for uuid in synced if uuid not in journaled]
    conn.executemany("INSERT INTO baytak_journal (layer, uuid, op, columns) VALUES (?, ?, ?, ?)", found)
    return len(found)
