"""The change journal: SQL triggers that record every edit on a synced layer, whoever makes it.

The triggers use only standard SQLite (no JSON, no extension functions beyond what the GeoPackage
R-tree triggers already need), so an edit from QGIS, GDAL or a Python ``sqlite3`` script is journaled
exactly like one from the app. For each synced layer:

- ``baytak_journal_<t>_insert`` journals an insert; ``baytak_journal_<t>_newuuid`` first gives a
  feature inserted without a valid uuid (GDAL writes a column's DEFAULT expression as literal text) a
  fresh UUIDv7-shaped uuid;
- ``baytak_journal_<t>_update`` / ``_delete`` save the feature's last-synced state in
  ``baytak_base_<t>`` on its first edit since the last sync (the common ancestor for a three-way merge),
  then journal the change with the names of the changed columns;
- ``baytak_journal_<t>_uuid`` refuses to change a uuid: it is the identity across devices.

All of them stand still while ``baytak_sync_state.applying`` is 1: changes that come from the server
are not local edits.
"""

from __future__ import annotations

import sqlite3

from baytak_desktop.layers.schema import BOOKKEEPING, LayerSchema

APPLYING = "(SELECT applying FROM baytak_sync_state) = 0"
_HEX = "[0-9a-f]"
UUID_GLOB = "-".join(_HEX * n for n in (8, 4, 4, 4, 12))
# A UUIDv7 in plain SQLite: 48 bits of Unix milliseconds, version 7, variant 10, 74 random bits.
_MS = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
NEW_UUID_SQL = (
    "lower(printf('%08x-%04x-7%03x-%x%03x-%012x', "
    f"{_MS} >> 16, {_MS} & 65535, abs(random()) % 4096, 8 + abs(random()) % 4, "
    "abs(random()) % 4096, abs(random()) % 281474976710656))"
)

JOURNAL_TABLES = """
CREATE TABLE baytak_sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0, 1)),
  device_id TEXT NOT NULL,
  server_url TEXT,
  last_pulled_rev INTEGER NOT NULL DEFAULT 0,
  last_sync_at TEXT
);
CREATE TABLE baytak_journal (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL,
  uuid TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
  columns TEXT,
  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  changeset_id TEXT
);
CREATE INDEX baytak_journal_feature ON baytak_journal (layer, uuid);
CREATE TABLE baytak_synced (
  layer TEXT NOT NULL,
  uuid TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (layer, uuid)
) WITHOUT ROWID
"""


def is_uuid_sql(expr: str) -> str:
    return f"({expr} IS NOT NULL AND {expr} GLOB '{UUID_GLOB}')"


def tracked_columns(schema: LayerSchema) -> list[str]:
    """Columns whose change is an edit: every field and the geometry, not the bookkeeping stamps."""
    return [f.name for f in schema.fields if f.name not in BOOKKEEPING] + ["geom"]


def all_columns(schema: LayerSchema) -> list[str]:
    return ["fid", "uuid", *schema.field_names, "geom"]


def base_table(layer: str) -> str:
    return f"baytak_base_{layer}"


def base_table_sql(schema: LayerSchema) -> str:
    fields = ", ".join(f'"{f.name}" {f.sql_type}' for f in schema.fields)
    return f'CREATE TABLE "{base_table(schema.name)}" (uuid TEXT PRIMARY KEY, fid INTEGER, {fields}, geom BLOB)'


def trigger_names(layer: str) -> list[str]:
    return [f"baytak_journal_{layer}_{kind}" for kind in ("insert", "update", "delete", "uuid", "newuuid")]


def trigger_sql(schema: LayerSchema) -> dict[str, str]:
    """The CREATE TRIGGER statements for one layer, by trigger name (the self-check compares them)."""
    t = schema.name
    names = trigger_names(t)
    base = base_table(t)
    base_cols = ", ".join(f'"{c}"' for c in ["uuid", "fid", *schema.field_names, "geom"])
    old_cols = ", ".join(f'OLD."{c}"' for c in ["uuid", "fid", *schema.field_names, "geom"])
    save_base = (
        f'INSERT OR IGNORE INTO "{base}" ({base_cols}) SELECT {old_cols} WHERE NOT EXISTS '
        f"(SELECT 1 FROM baytak_journal WHERE layer = '{t}' AND uuid = OLD.uuid);"
    )
    tracked = tracked_columns(schema)
    changed_any = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in tracked)
    changed_list = " || ".join(f"""CASE WHEN OLD."{c}" IS NOT NEW."{c}" THEN '{c},' ELSE '' END""" for c in tracked)
    return {
        names[0]: (
            f'CREATE TRIGGER "{names[0]}" AFTER INSERT ON "{t}" WHEN {APPLYING} AND {is_uuid_sql("NEW.uuid")} '
            f"BEGIN INSERT INTO baytak_journal (layer, uuid, op) VALUES ('{t}', NEW.uuid, 'insert'); END"
        ),
        names[4]: (
            f'CREATE TRIGGER "{names[4]}" AFTER INSERT ON "{t}" WHEN {APPLYING} AND NOT {is_uuid_sql("NEW.uuid")} '
            f'BEGIN UPDATE "{t}" SET uuid = {NEW_UUID_SQL} WHERE fid = NEW.fid; '
            f"INSERT INTO baytak_journal (layer, uuid, op) SELECT '{t}', uuid, 'insert' FROM \"{t}\" "
            "WHERE fid = NEW.fid; END"
        ),
        names[1]: (
            f'CREATE TRIGGER "{names[1]}" AFTER UPDATE ON "{t}" WHEN {APPLYING} AND {is_uuid_sql("OLD.uuid")} '
            f"AND ({changed_any}) BEGIN {save_base} "
            f"INSERT INTO baytak_journal (layer, uuid, op, columns) VALUES ('{t}', OLD.uuid, 'update', "
            f"rtrim({changed_list}, ',')); END"
        ),
        names[2]: (
            f'CREATE TRIGGER "{names[2]}" AFTER DELETE ON "{t}" WHEN {APPLYING} AND {is_uuid_sql("OLD.uuid")} '
            f"BEGIN {save_base} INSERT INTO baytak_journal (layer, uuid, op) VALUES ('{t}', OLD.uuid, 'delete'); END"
        ),
        names[3]: (
            f'CREATE TRIGGER "{names[3]}" BEFORE UPDATE OF uuid ON "{t}" WHEN {APPLYING} AND '
            f"{is_uuid_sql('OLD.uuid')} AND NEW.uuid IS NOT OLD.uuid BEGIN SELECT RAISE(ABORT, "
            "'baytak: the uuid of a feature is its identity across devices and cannot be changed'); END"
        ),
    }


def install_triggers(conn: sqlite3.Connection, schema: LayerSchema) -> None:
    for name, sql in trigger_sql(schema).items():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(sql)


def missing_or_altered_triggers(conn: sqlite3.Connection, schema: LayerSchema) -> list[str]:
    """Names of this layer's journal triggers that are absent or not as we wrote them."""
    present = dict(
        conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (schema.name,))
    )
    return [name for name, sql in trigger_sql(schema).items() if present.get(name) != sql]


def drop_triggers(conn: sqlite3.Connection, layer: str) -> None:
    """Remove a layer's journal triggers (benchmarks and the self-check tests use it)."""
    for name in trigger_names(layer):
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
