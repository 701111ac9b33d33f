"""Server migration 1 (frozen): accounts, tokens, the revision counter, changesets (audit), conflicts,
rejections, history, tombstones, attachments and blobs.

Written once and never edited; what differs between SQLite and PostgreSQL comes from the backend's
dialect (auto-numbered keys, the blob type, the PostGIS extension), which is data of the backend and
keeps its meaning.
"""

from __future__ import annotations

from baytak_desktop.server.db.base import Tx

NAME = "core tables: accounts, tokens, revisions, changesets, conflicts, history, blobs"


def apply(tx: Tx) -> None:
    """Accounts, tokens, the revision counter, changesets (audit), conflicts, rejections, history."""
    d = tx.dialect
    auto = d.id_column.format(name="id")
    for sql in d.extensions:
        tx.execute(sql)
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
