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
- ``baytak_journal_<t>_uuid`` refuses to change a uuid: it is the identity across devices;
- ``baytak_links_<t>_insert`` / ``_delete`` journal a photo linked to or unlinked from a feature, so
  attaching a photo alone is an edit that syncs.

The triggers are machinery, not schema: they are derived from the live layer definitions and installed
after the migrations have brought the tables to those definitions (``store.migrations.upgrade``), and
again whenever another tool dropped or altered them.

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


def is_uuid_sql(expr: str) -> str:
    return f"({expr} IS NOT NULL AND {expr} GLOB '{UUID_GLOB}')"


def tracked_columns(schema: LayerSchema) -> list[str]:
    """Columns whose change is an edit: every field and the geometry, not the bookkeeping stamps."""
    return [f.name for f in schema.fields if f.name not in BOOKKEEPING] + ["geom"]


def base_table(layer: str) -> str:
    return f"baytak_base_{layer}"


def trigger_names(layer: str) -> list[str]:
    """The layer's journal triggers, then the two on ``baytak_attachment_links`` that journal its photos."""
    journal = [f"baytak_journal_{layer}_{kind}" for kind in ("insert", "update", "delete", "uuid", "newuuid")]
    return journal + [f"baytak_links_{layer}_{kind}" for kind in ("insert", "delete")]


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
        names[5]: _link_trigger_sql(schema, names[5], "insert", "NEW"),
        names[6]: _link_trigger_sql(schema, names[6], "delete", "OLD"),
    }


def _link_trigger_sql(schema: LayerSchema, name: str, kind: str, row: str) -> str:
    """A photo linked to or unlinked from a feature is an edit of it: base saved, journaled as an update."""
    t = schema.name
    columns = ", ".join(f'"{c}"' for c in ["uuid", "fid", *schema.field_names, "geom"])
    unsynced = f"NOT EXISTS (SELECT 1 FROM baytak_journal WHERE layer = '{t}' AND uuid = {row}.uuid)"
    return (
        f'CREATE TRIGGER "{name}" AFTER {kind.upper()} ON baytak_attachment_links '
        f"WHEN {row}.layer = '{t}' AND {APPLYING} BEGIN "
        f'INSERT OR IGNORE INTO "{base_table(t)}" ({columns}) SELECT {columns} FROM "{t}" '
        f"WHERE uuid = {row}.uuid AND {unsynced}; "
        f"INSERT INTO baytak_journal (layer, uuid, op, columns) VALUES ('{t}', {row}.uuid, 'update', ''); END"
    )


def install_triggers(conn: sqlite3.Connection, schema: LayerSchema) -> None:
    for name, sql in trigger_sql(schema).items():
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(sql)


def missing_or_altered_triggers(conn: sqlite3.Connection, schema: LayerSchema) -> list[str]:
    """Names of this layer's journal triggers that are absent or not as we wrote them."""
    wanted = trigger_sql(schema)
    marks = ", ".join("?" * len(wanted))
    present = dict(
        conn.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", list(wanted))
    )
    return [name for name, sql in wanted.items() if present.get(name) != sql]


def dropped_triggers(conn: sqlite3.Connection, layer: str) -> list[str]:
    """Names of the layer's triggers that are absent (a GDAL rebuild of the table drops them)."""
    names = trigger_names(layer)
    marks = ", ".join("?" * len(names))
    present = {
        r[0]
        for r in conn.execute(f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ({marks})", names)
    }
    return [name for name in names if name not in present]


def drop_triggers(conn: sqlite3.Connection, layer: str) -> None:
    """Remove a layer's journal triggers (benchmarks and the self-check tests use it)."""
    for name in trigger_names(layer):
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
