"""Migration 8 (frozen): the schema revisions the party published, kept in the store that applied them.

Each row is one revision of the ``layers`` series as the server published it: the whole definition
of one layer (docs/layer-definitions.md), applied in the transaction of the pull that brought it
(``store/layer_revisions.py``) and recorded in ``baytak_migrations`` with the series ``layers``. The
store's catalog of layers is the program's built-in layers plus these rows, so a store opened on
another machine knows every layer it holds.
"""

from __future__ import annotations

import sqlite3

NAME = "layer revisions"
CREATE = (
    "CREATE TABLE baytak_layer_revisions (revision INTEGER PRIMARY KEY, rev INTEGER NOT NULL, "
    "layer TEXT NOT NULL, definition TEXT NOT NULL, published_by TEXT, published_at TEXT, "
    "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"
)


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(CREATE)
