"""Migration 2 (frozen): photos and documents, content-addressed: the SHA-256 is computed once, on capture."""

from __future__ import annotations

import sqlite3

NAME = "attachments"
STATEMENTS = (
    """CREATE TABLE baytak_attachments (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        mime TEXT NOT NULL, size INTEGER NOT NULL, bytes BLOB NOT NULL, original_name TEXT,
        taken_at TEXT, lat REAL, lon REAL, camera TEXT,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))""",
    """CREATE TABLE baytak_attachment_links (
        layer TEXT NOT NULL, uuid TEXT NOT NULL, sha256 TEXT NOT NULL REFERENCES baytak_attachments(sha256),
        caption TEXT, added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        PRIMARY KEY (layer, uuid, sha256)) WITHOUT ROWID""",
    "CREATE INDEX baytak_attachment_links_sha ON baytak_attachment_links (sha256)",
)


def apply(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
