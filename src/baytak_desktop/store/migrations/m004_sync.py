"""Migration 4 (frozen): the sync client's state, so that a sync killed at any point resumes from the file.

Sealed changesets waiting for the server's answer (sent again byte for byte), each feature's server
revision (its next change's base_rev), conflict and rejection records, and the attachment links the
server has. The triggers that journal a photo linked to or unlinked from a feature (so that attaching
a photo alone is an edit that syncs) are derived from the live layers, like the journal's own
(``journal.trigger_sql``), and installed after migrating.
"""

from __future__ import annotations

import sqlite3

NAME = "sync"
STATEMENTS = (
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
)


def apply(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
