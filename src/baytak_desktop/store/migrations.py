"""Numbered schema migrations, recorded in ``baytak_migrations``.

Each migration is a function that takes a connection inside the opening transaction. A store is
migrated when it is opened, so an old file from the field is brought up to date on a new laptop; a
file written by a newer version than this one is refused rather than misread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from baytak_desktop.errors import StoreError
from baytak_desktop.layers import ALL_VOCABULARIES, LAYERS, LayerSchema
from baytak_desktop.layers.feature import new_uuid
from baytak_desktop.store import gpkg, journal, styles

Migration = Callable[[sqlite3.Connection], None]


def _m001_layers(conn: sqlite3.Connection) -> None:
    """The GeoPackage core (when the file is new), the six synced layers, the journal and vocabularies."""
    if not _has_table(conn, "gpkg_contents"):
        gpkg.create_core(conn)
    _ensure_schema_extension(conn)
    for statement in journal.JOURNAL_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT INTO baytak_sync_state (id, applying, device_id) VALUES (1, 0, ?)", (new_uuid(),))
    _create_vocabularies(conn)
    for schema in LAYERS.values():
        if _has_table(conn, schema.name):
            raise StoreError(
                "This GeoPackage already has a table {table} that is not a Baytak layer; "
                "rename it in QGIS or use another file.",
                table=schema.name,
            )
        create_layer(conn, schema)


def _m002_attachments(conn: sqlite3.Connection) -> None:
    """Photos and documents, content-addressed: the SHA-256 is computed once, on capture."""
    conn.execute("""CREATE TABLE baytak_attachments (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        mime TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, original_name TEXT,
        taken_at TEXT, lat REAL, lon REAL, camera TEXT,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))""")
    conn.execute("""CREATE TABLE baytak_attachment_links (
        layer TEXT NOT NULL, uuid TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES baytak_attachments(sha256),
        caption TEXT, added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (layer, uuid, sha256)) WITHOUT ROWID""")
    conn.execute("CREATE INDEX baytak_attachment_links_sha ON baytak_attachment_links (sha256)")


def _m003_styles(conn: sqlite3.Connection) -> None:
    """How each layer is drawn, saved in the file (an 'attributes' table; not journaled, not synced)."""
    styles.create_table(conn)


def _m004_sync(conn: sqlite3.Connection) -> None:
    """The sync client's state, so that a sync killed at any point resumes from the file: sealed
    changesets waiting for the server's answer (sent again byte for byte), each feature's server
    revision (its next change's base_rev), conflict and rejection records, the attachment links the
    server has; and triggers that journal a photo linked to or unlinked from a feature, so that
    attaching a photo alone is an edit that syncs."""
    for statement in (
        "CREATE TABLE baytak_outbox (seq INTEGER PRIMARY KEY, changeset_id TEXT NOT NULL UNIQUE, "
        "payload TEXT NOT NULL, changes INTEGER NOT NULL, "
        "sealed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), sent_at TEXT)",
        "CREATE TABLE baytak_feature_revs (layer TEXT NOT NULL, uuid TEXT NOT NULL, rev INTEGER NOT NULL, "
        "PRIMARY KEY (layer, uuid)) WITHOUT ROWID",
        "CREATE TABLE baytak_synced_links (layer TEXT NOT NULL, uuid TEXT NOT NULL, sha256 TEXT NOT NULL, "
        "PRIMARY KEY (layer, uuid, sha256)) WITHOUT ROWID",
        "CREATE TABLE baytak_conflicts (id INTEGER PRIMARY KEY, rev INTEGER NOT NULL, layer TEXT NOT NULL, "
        "uuid TEXT NOT NULL, field TEXT NOT NULL, base, theirs, mine, author TEXT, device_id TEXT, "
        "changeset_id TEXT, created_at TEXT, resolved INTEGER NOT NULL DEFAULT 0, resolved_by TEXT, resolution TEXT)",
        "CREATE TABLE baytak_rejections (changeset_id TEXT NOT NULL, layer TEXT NOT NULL, uuid TEXT NOT NULL, "
        "server_id INTEGER, rev INTEGER, author TEXT, code TEXT NOT NULL, message TEXT NOT NULL, details TEXT, "
        "created_at TEXT, PRIMARY KEY (changeset_id, layer, uuid)) WITHOUT ROWID",
    ):
        conn.execute(statement)
    for schema in LAYERS.values():
        for kind, row in (("insert", "NEW"), ("delete", "OLD")):
            conn.execute(_link_trigger_sql(schema, kind, row))


def _link_trigger_sql(schema: LayerSchema, kind: str, row: str) -> str:
    t = schema.name
    columns = ", ".join(f'"{c}"' for c in ["uuid", "fid", *schema.field_names, "geom"])
    unsynced = f"NOT EXISTS (SELECT 1 FROM baytak_journal WHERE layer = '{t}' AND uuid = {row}.uuid)"
    return (
        f'CREATE TRIGGER "baytak_links_{t}_{kind}" AFTER {kind.upper()} ON baytak_attachment_links '
        f"WHEN {row}.layer = '{t}' AND {journal.APPLYING} BEGIN "
        f'INSERT OR IGNORE INTO "{journal.base_table(t)}" ({columns}) SELECT {columns} FROM "{t}" '
        f"WHERE uuid = {row}.uuid AND {unsynced}; "
        f"INSERT INTO baytak_journal (layer, uuid, op, columns) VALUES ('{t}', {row}.uuid, 'update', ''); END"
    )


# Migration 5 as it was written: later changes of layers or of the demo's marks must not change it.
_M005_LAYERS = (
    ("quarries", 1),
    ("brick_factories", 2),
    ("sewage_outflows", 3),
    ("shorelines", 4),
    ("tree_plantings", 5),
    ("cleanup_plans", 6),
)
_M005_NEVER_SYNCED = (
    "created_by = 'demo' AND uuid NOT IN (SELECT uuid FROM baytak_feature_revs WHERE layer = '{t}') "
    "AND uuid NOT IN (SELECT uuid FROM baytak_synced WHERE layer = '{t}')"
)


def _m005_demo(conn: sqlite3.Connection) -> None:
    """The demo mark (issue 14): a demo store never syncs, and its features are not local edits.

    A store that an earlier version filled with the demo is recognised: the demo builder's features
    (created_by 'demo') that never reached a server get demo uuids (layers.demo_identity) and leave the
    journal; the store itself is marked as a demo when it holds nothing else and never synced.
    """
    conn.execute("ALTER TABLE baytak_sync_state ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))")
    conn.execute("UPDATE baytak_sync_state SET applying = 1")
    for t, number in _M005_LAYERS:
        demo_rows = f'SELECT uuid FROM "{t}" WHERE {_M005_NEVER_SYNCED.format(t=t)}'
        conn.execute(f"DELETE FROM baytak_journal WHERE layer = '{t}' AND uuid IN ({demo_rows})")
        conn.execute(f'DELETE FROM "baytak_base_{t}" WHERE uuid IN ({demo_rows})')
        conn.execute(
            f"UPDATE \"{t}\" SET uuid = printf('00000000-0000-8000-8%03x-%012x', {number}, fid) "
            f"WHERE {_M005_NEVER_SYNCED.format(t=t)}"
        )
    only_demo = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM \"{t}\" WHERE substr(uuid, 1, 19) <> '00000000-0000-8000-')"
        for t, _ in _M005_LAYERS
    )
    some_demo = " OR ".join(f'EXISTS (SELECT 1 FROM "{t}")' for t, _ in _M005_LAYERS)
    conn.execute(
        f"UPDATE baytak_sync_state SET demo = 1 WHERE server_url IS NULL AND last_pulled_rev = 0 "
        f"AND {only_demo} AND ({some_demo})"
    )
    conn.execute("UPDATE baytak_sync_state SET applying = 0")


MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "layers", _m001_layers),
    (2, "attachments", _m002_attachments),
    (3, "styles", _m003_styles),
    (4, "sync", _m004_sync),
    (5, "demo", _m005_demo),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def applied(conn: sqlite3.Connection) -> list[int]:
    if not _has_table(conn, "baytak_migrations"):
        return []
    return [row[0] for row in conn.execute("SELECT id FROM baytak_migrations ORDER BY id")]


def pending(conn: sqlite3.Connection) -> list[tuple[int, str, Migration]]:
    done = applied(conn)
    if done and max(done) > SCHEMA_VERSION:
        raise StoreError(
            "This store was written by a newer baytak-desktop (schema {found}, this one knows "
            "{known}); update the program.",
            found=max(done),
            known=SCHEMA_VERSION,
        )
    return [m for m in MIGRATIONS if m[0] not in done]


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply what is missing; the caller holds the write transaction."""
    todo = pending(conn)
    if todo and not _has_table(conn, "baytak_migrations"):
        conn.execute(
            "CREATE TABLE baytak_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
        )
    for number, name, function in todo:
        function(conn)
        conn.execute("INSERT INTO baytak_migrations (id, name) VALUES (?, ?)", (number, name))
    return [m[0] for m in todo]


def create_layer(conn: sqlite3.Connection, schema: LayerSchema) -> None:
    """A feature table as GDAL would write it, plus our uuid default, base table, triggers, metadata.

    Outside tools must be able to insert without knowing the uuid: plain SQL gets the DEFAULT (a fresh
    UUIDv7); QGIS binds an explicit NULL, which ``NOT NULL ON CONFLICT REPLACE`` turns into that
    default; GDAL writes the DEFAULT's text literally, which the journal's newuuid trigger replaces.
    """
    columns = ",\n  ".join(f'"{f.name}" {f.sql_type}' for f in schema.fields)
    conn.execute(
        f'CREATE TABLE "{schema.name}" (\n  "fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        f'  "uuid" TEXT NOT NULL ON CONFLICT REPLACE UNIQUE DEFAULT ({journal.NEW_UUID_SQL}),\n  {columns},\n'
        f'  "geom" {schema.geometry_type})'
    )
    gpkg.register_feature_table(conn, schema.name, schema.geometry_type, schema.title, schema.description)
    conn.execute(journal.base_table_sql(schema))
    journal.install_triggers(conn, schema)
    _describe_columns(conn, schema)


def _describe_columns(conn: sqlite3.Connection, schema: LayerSchema) -> None:
    """gpkg_data_columns: titles and, for coded fields, the enum constraint QGIS shows as a value list."""
    rows = [
        (schema.name, f.name, f.name, f.title, None, f.vocabulary.name if f.vocabulary else None) for f in schema.fields
    ]
    conn.executemany(
        "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, "
        "constraint_name) VALUES (?, ?, ?, ?, ?, ?)",
        rows,
    )


def _create_vocabularies(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE baytak_vocabularies (vocabulary TEXT NOT NULL, code TEXT NOT NULL, "
        "sort_order INTEGER NOT NULL, label_kk TEXT NOT NULL, label_ru TEXT NOT NULL, "
        "label_en TEXT NOT NULL, PRIMARY KEY (vocabulary, code)) WITHOUT ROWID"
    )
    for vocab in ALL_VOCABULARIES.values():
        for order, term in enumerate(vocab.terms):
            conn.execute(
                "INSERT INTO baytak_vocabularies VALUES (?, ?, ?, ?, ?, ?)",
                (vocab.name, term.code, order, term.kk, term.ru, term.en),
            )
            conn.execute(
                "INSERT INTO gpkg_data_column_constraints (constraint_name, constraint_type, value, "
                "description) VALUES (?, 'enum', ?, ?)",
                (vocab.name, term.code, term.en),
            )


def _ensure_schema_extension(conn: sqlite3.Connection) -> None:
    """A GeoPackage made by another tool may lack the schema-extension tables; add them."""
    if _has_table(conn, "gpkg_data_columns"):
        return
    for statement in gpkg.CORE_TABLES.split(";"):
        if "gpkg_data_column" in statement:
            conn.execute(statement.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS"))
    if not _has_table(conn, "gpkg_extensions"):
        conn.execute(next(s for s in gpkg.CORE_TABLES.split(";") if "gpkg_extensions" in s))
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_extensions VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')",
        [("gpkg_data_columns", gpkg.SCHEMA_EXTENSION), ("gpkg_data_column_constraints", gpkg.SCHEMA_EXTENSION)],
    )


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None
