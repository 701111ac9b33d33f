"""The server's tables, created and upgraded by numbered migrations recorded in ``baytak_migrations``.

Each migration is a function of one transaction; the list only ever grows. Several server processes
starting at once on one PostgreSQL take an advisory lock first, so exactly one of them migrates.

Layer tables are plain tables named after the layers (``quarries``...), with the layer's typed columns
and, in PostgreSQL, a typed PostGIS geometry column ``geom`` with a GIST index: QGIS and any GIS open
the central database directly. Deleted features leave these tables (their last state is kept in
``baytak_tombstones``), so what a GIS shows is what exists.
"""

from __future__ import annotations

from collections.abc import Callable

from baytak_desktop.layers import LAYERS, LayerSchema
from baytak_desktop.layers.schema import FieldType
from baytak_desktop.server.db.base import Database, Dialect, Tx

MIGRATION_LOCK = 0x6261_7974  # "bayt": the advisory lock key that serialises concurrent migrations
SQL_TYPES = {
    FieldType.TEXT: "TEXT",
    FieldType.INTEGER: "BIGINT",
    FieldType.REAL: "DOUBLE PRECISION",
    FieldType.DATE: "TEXT",
    FieldType.DATETIME: "TEXT",
}  # dates stay text exactly as sent


def _core(tx: Tx) -> None:
    """Accounts, tokens, the revision counter, changesets (audit), conflicts, rejections, history."""
    d = tx.dialect
    auto = d.id_column.format(name="id")
    if d.name == "postgresql":
        tx.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    statements = [
        "CREATE TABLE baytak_counter (id INTEGER PRIMARY KEY, rev BIGINT NOT NULL)",
        "INSERT INTO baytak_counter (id, rev) VALUES (1, 0)",
        f"""CREATE TABLE baytak_users ({auto}, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
            role TEXT NOT NULL, branch TEXT, disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""",
        """CREATE TABLE baytak_tokens (token_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES baytak_users(id),
            device_id TEXT, device_name TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT)""",
        "CREATE INDEX baytak_tokens_user ON baytak_tokens (user_id)",
        f"CREATE TABLE baytak_login_failures ({auto}, username TEXT NOT NULL, at TEXT NOT NULL)",
        "CREATE INDEX baytak_login_failures_user ON baytak_login_failures (username, at)",
        f"""CREATE TABLE baytak_changesets ({auto}, changeset_id TEXT NOT NULL UNIQUE, user_id BIGINT NOT NULL,
            username TEXT NOT NULL, device_id TEXT NOT NULL, received_at TEXT NOT NULL, server_rev BIGINT NOT NULL,
            changes INTEGER NOT NULL, applied INTEGER NOT NULL, merged INTEGER NOT NULL, unchanged INTEGER NOT NULL,
            conflicts INTEGER NOT NULL, rejected INTEGER NOT NULL, result TEXT NOT NULL)""",
        f"""CREATE TABLE baytak_conflicts ({auto}, rev BIGINT NOT NULL, layer TEXT NOT NULL, uuid TEXT NOT NULL,
            field TEXT NOT NULL, base TEXT NOT NULL, theirs TEXT NOT NULL, mine TEXT NOT NULL,
            author_id BIGINT NOT NULL, author TEXT NOT NULL, device_id TEXT NOT NULL, changeset_id TEXT NOT NULL,
            branch TEXT, created_at TEXT NOT NULL, resolved INTEGER NOT NULL DEFAULT 0, resolved_by TEXT,
            resolution TEXT)""",
        "CREATE INDEX baytak_conflicts_rev ON baytak_conflicts (rev)",
        "CREATE INDEX baytak_conflicts_feature ON baytak_conflicts (layer, uuid)",
        f"""CREATE TABLE baytak_rejections ({auto}, rev BIGINT NOT NULL, layer TEXT NOT NULL, uuid TEXT NOT NULL,
            author_id BIGINT NOT NULL, author TEXT NOT NULL, changeset_id TEXT NOT NULL, error TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        "CREATE INDEX baytak_rejections_rev ON baytak_rejections (rev)",
        f"""CREATE TABLE baytak_history ({auto}, layer TEXT NOT NULL, uuid TEXT NOT NULL, rev BIGINT NOT NULL,
            deleted INTEGER NOT NULL, state TEXT NOT NULL, attachments TEXT NOT NULL, changed_by TEXT NOT NULL,
            changed_at TEXT NOT NULL, changeset_id TEXT)""",
        "CREATE INDEX baytak_history_feature ON baytak_history (layer, uuid, rev)",
        """CREATE TABLE baytak_tombstones (layer TEXT NOT NULL, uuid TEXT NOT NULL, rev BIGINT NOT NULL,
            state TEXT NOT NULL, deleted_by TEXT NOT NULL, deleted_at TEXT NOT NULL, PRIMARY KEY (layer, uuid))""",
        "CREATE INDEX baytak_tombstones_rev ON baytak_tombstones (rev)",
        """CREATE TABLE baytak_attachments (layer TEXT NOT NULL, uuid TEXT NOT NULL, sha256 TEXT NOT NULL,
            mime TEXT NOT NULL, size BIGINT NOT NULL, original_name TEXT, caption TEXT, taken_at TEXT,
            lat DOUBLE PRECISION, lon DOUBLE PRECISION, camera TEXT, PRIMARY KEY (layer, uuid, sha256))""",
        """CREATE TABLE baytak_blobs (sha256 TEXT PRIMARY KEY, total BIGINT NOT NULL, received BIGINT NOT NULL,
            complete INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL, completed_at TEXT)""",
        f"""CREATE TABLE baytak_blob_chunks (sha256 TEXT NOT NULL, start BIGINT NOT NULL, data {d.blob_type} NOT NULL,
            PRIMARY KEY (sha256, start))""",
    ]
    for sql in statements:
        tx.execute(sql)


def layer_table_sql(dialect: Dialect, schema: LayerSchema) -> list[str]:
    """CREATE TABLE and indexes of one layer: fid (for GIS tools), uuid (the identity), rev, fields, geom."""
    columns = [dialect.id_column.format(name="fid"), "uuid TEXT NOT NULL UNIQUE", "rev BIGINT NOT NULL"]
    columns += [f'"{f.name}" {SQL_TYPES[f.type]}' for f in schema.fields]
    columns.append(f"geom {dialect.geometry_type(schema.geometry_type)}")
    t = schema.name
    statements = [f'CREATE TABLE "{t}" ({", ".join(columns)})', f'CREATE INDEX "{t}_rev" ON "{t}" (rev)']
    if dialect.name == "postgresql":
        statements.append(f'CREATE INDEX "{t}_geom" ON "{t}" USING GIST (geom)')
    return statements


def _layers(tx: Tx) -> None:
    for schema in LAYERS.values():
        for sql in layer_table_sql(tx.dialect, schema):
            tx.execute(sql)


_AUDIT_TABLE = """CREATE TABLE baytak_audit ({id}, at TEXT NOT NULL, user_id BIGINT, username TEXT NOT NULL,
    action TEXT NOT NULL, device_id TEXT, claimed_device_id TEXT, changeset_id TEXT, layer TEXT, uuid TEXT,
    conflict_id BIGINT, rev BIGINT, details TEXT)"""
_HARDENING = [
    "ALTER TABLE baytak_conflicts ADD COLUMN creator TEXT",
    *(
        f'UPDATE baytak_conflicts SET creator = (SELECT f.created_by FROM "{layer}" f WHERE f.uuid = '
        f"baytak_conflicts.uuid) WHERE layer = '{layer}'"
        for layer in (
            "quarries",
            "brick_factories",
            "sewage_outflows",
            "shorelines",
            "tree_plantings",
            "cleanup_plans",
        )
    ),
    "ALTER TABLE baytak_blobs ADD COLUMN uploader_id BIGINT",
    "ALTER TABLE baytak_blobs ADD COLUMN updated_at TEXT",
    "UPDATE baytak_blobs SET updated_at = created_at",
    "CREATE INDEX baytak_blobs_open ON baytak_blobs (complete, updated_at)",
    "CREATE INDEX baytak_blobs_uploader ON baytak_blobs (uploader_id, complete)",
    "CREATE INDEX baytak_changesets_user ON baytak_changesets (user_id, received_at)",
    "INSERT INTO baytak_audit (at, user_id, username, action, claimed_device_id, changeset_id, rev) "
    "SELECT received_at, user_id, username, 'push', device_id, changeset_id, server_rev FROM baytak_changesets "
    "ORDER BY id",
    "CREATE INDEX baytak_audit_at ON baytak_audit (at)",
]


def _hardening(tx: Tx) -> None:
    """Conflicts know the feature's creator (a reporter resolves the conflicts of what they reported);
    partial uploads know who started them and when they last grew (limits per account, expiry); the
    audit log records every action that changes data, with the device of the token beside the claimed
    one. Frozen SQL: never edit, add a new migration."""
    identity = {
        "sqlite": "id INTEGER PRIMARY KEY",
        "postgresql": "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    }[tx.dialect.name]
    tx.execute(_AUDIT_TABLE.format(id=identity))
    for sql in _HARDENING:
        tx.execute(sql)


MIGRATIONS: list[tuple[str, Callable[[Tx], None]]] = [
    ("core tables: accounts, tokens, revisions, changesets, conflicts, history, blobs", _core),
    ("one table per layer with typed columns and a spatial index", _layers),
    ("conflict creators, upload owners and expiry, the audit log of every action", _hardening),
]


def migrate(db: Database, now: str) -> list[int]:
    """Apply the migrations not yet recorded; returns the versions applied now."""
    applied_now = []
    with db.transaction(write=True) as tx:
        if tx.dialect.name == "postgresql":
            tx.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
        tx.execute(
            "CREATE TABLE IF NOT EXISTS baytak_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
            "applied_at TEXT NOT NULL)"
        )
        done = {row[0] for row in tx.query("SELECT version FROM baytak_migrations")}
        for version, (name, function) in enumerate(MIGRATIONS, start=1):
            if version not in done:
                function(tx)
                tx.execute(
                    "INSERT INTO baytak_migrations (version, name, applied_at) VALUES (?, ?, ?)", (version, name, now)
                )
                applied_now.append(version)
    return applied_now


def schema_version(db: Database) -> int:
    with db.transaction() as tx:
        return int(tx.scalar("SELECT max(version) FROM baytak_migrations") or 0)
