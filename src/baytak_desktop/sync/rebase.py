"""Rebase: a server state arrives for a feature that has a local edit the server has not accepted yet.

Field by field, between the local base (last synced), the local row and the server's state:

- a field the person did not touch takes the server's value, in the row and in the base;
- a field they changed keeps their value and stays pending; its base moves to the server's value
  when the server agrees with them or has not touched it either;
- a field both changed to different values keeps its OLD base: the next push then meets the server's
  value and the server records a conflict with both values. Moving that base to the server's value
  would make the push overwrite the other device's edit without anyone seeing it.

The feature's base_rev moves to the server's revision only when every base moved. A local delete, a
local insert, or an edit against a server delete is kept as it is: the server decides on the push
(a conflict record, never a silent loss).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.store import journal
from baytak_desktop.store.changes import same_value
from baytak_desktop.store.rows import select_sql
from baytak_desktop.sync import wire
from baytak_desktop.sync.protocol import FeatureState
from baytak_desktop.sync.settle import mark_synced_bulk


def rebase(conn: sqlite3.Connection, schema: LayerSchema, state: FeatureState) -> None:
    t, uuid = schema.name, str(state.uuid)
    current = _row(conn, schema, t, uuid)
    base = _row(conn, schema, journal.base_table(t), uuid)
    if state.deleted:
        if current is None:  # deleted on both sides: nothing left to send
            mark_synced_bulk(conn, schema, [uuid])
            conn.execute("DELETE FROM baytak_feature_revs WHERE layer = ? AND uuid = ?", (t, uuid))
        return
    if current is None or base is None:
        return
    server = _server_row(schema, state)
    row_values, base_values, kept_old_base = merge_fields(schema, base, current, server)
    _update(conn, t, uuid, row_values)
    _update(conn, journal.base_table(t), uuid, base_values)
    if not kept_old_base:
        conn.execute("INSERT OR REPLACE INTO baytak_feature_revs VALUES (?, ?, ?)", (t, uuid, state.rev))
    _rebase_links(conn, t, uuid, state)


def merge_fields(
    schema: LayerSchema, base: dict[str, Any], current: dict[str, Any], server: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], bool]:
    """(new row values, new base values, whether some base kept its old value) as the module says."""
    row_values: dict[str, Any] = {}
    base_values: dict[str, Any] = {name: server[name] for name in BOOKKEEPING}
    kept_old_base = False
    for name in journal.tracked_columns(schema):
        if same_value(name, base[name], current[name]):
            row_values[name] = base_values[name] = server[name]
        elif same_value(name, server[name], current[name]) or same_value(name, server[name], base[name]):
            base_values[name] = server[name]
        else:
            kept_old_base = True
    return row_values, base_values, kept_old_base


def _server_row(schema: LayerSchema, state: FeatureState) -> dict[str, Any]:
    row = {name: wire.typed(schema, name, state.fields.get(name)) for name in schema.field_names}
    row[wire.GEOM] = wire.geom_from_wire(state.fields.get(wire.GEOM))
    return row


def _row(conn: sqlite3.Connection, schema: LayerSchema, table: str, uuid: str) -> dict[str, Any] | None:
    row = conn.execute(select_sql(schema, table) + " WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else dict(zip(("fid", "uuid", *schema.field_names, "geom"), row, strict=True))


def _update(conn: sqlite3.Connection, table: str, uuid: str, values: dict[str, Any]) -> None:
    if values:
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        conn.execute(f'UPDATE "{table}" SET {assignments} WHERE uuid = ?', (*values.values(), uuid))


def _rebase_links(conn: sqlite3.Connection, layer: str, uuid: str, state: FeatureState) -> None:
    """Three-way on sets: keep the local additions and removals on top of the server's attachments."""
    local = _shas(conn, "baytak_attachment_links", layer, uuid)
    synced = _shas(conn, "baytak_synced_links", layer, uuid)
    server = {ref.sha256: ref for ref in state.attachments}
    wanted = (set(server) - (synced - local)) | (local - synced)
    for sha in local - wanted:
        conn.execute(
            "DELETE FROM baytak_attachment_links WHERE layer = ? AND uuid = ? AND sha256 = ?", (layer, uuid, sha)
        )
    conn.executemany(
        "INSERT OR IGNORE INTO baytak_attachment_links (layer, uuid, sha256, caption) VALUES (?, ?, ?, ?)",
        ((layer, uuid, sha, server[sha].caption) for sha in wanted - local),
    )
    conn.execute("DELETE FROM baytak_synced_links WHERE layer = ? AND uuid = ?", (layer, uuid))
    conn.executemany("INSERT INTO baytak_synced_links VALUES (?, ?, ?)", ((layer, uuid, sha) for sha in server))


def _shas(conn: sqlite3.Connection, table: str, layer: str, uuid: str) -> set[str]:
    return {row[0] for row in conn.execute(f"SELECT sha256 FROM {table} WHERE layer = ? AND uuid = ?", (layer, uuid))}
