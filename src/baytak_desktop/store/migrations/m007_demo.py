"""Migration 7 (frozen): the demo mark (issue 14), so that a demo store never syncs and its features are
not local edits.

``baytak_sync_state.demo`` marks a demo store; it travels with the file. A store that an earlier
version filled with the demo is recognised here: the demo builder's features (created_by 'demo') that
never reached a server get demo uuids (the namespace of ``layers.demo_identity``, written out below)
and leave the journal and the base tables; the store itself is marked as a demo when it holds nothing
else and never synced. The six layers are named as they were at version 7.
"""

from __future__ import annotations

import sqlite3

NAME = "demo"
LAYERS = (
    ("quarries", 1),
    ("brick_factories", 2),
    ("sewage_outflows", 3),
    ("shorelines", 4),
    ("tree_plantings", 5),
    ("cleanup_plans", 6),
)
NEVER_SYNCED = (
    "created_by = 'demo' AND uuid NOT IN (SELECT uuid FROM baytak_feature_revs WHERE layer = '{t}') "
    "AND uuid NOT IN (SELECT uuid FROM baytak_synced WHERE layer = '{t}')"
)


def apply(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE baytak_sync_state ADD COLUMN demo INTEGER NOT NULL DEFAULT 0 CHECK (demo IN (0, 1))")
    conn.execute("UPDATE baytak_sync_state SET applying = 1")  # giving demo uuids is not an edit
    for t, number in LAYERS:
        demo_rows = f'SELECT uuid FROM "{t}" WHERE {NEVER_SYNCED.format(t=t)}'
        conn.execute(f"DELETE FROM baytak_journal WHERE layer = '{t}' AND uuid IN ({demo_rows})")
        conn.execute(f'DELETE FROM "baytak_base_{t}" WHERE uuid IN ({demo_rows})')
        conn.execute(
            f"UPDATE \"{t}\" SET uuid = printf('00000000-0000-8000-8%03x-%012x', {number}, fid) "
            f"WHERE {NEVER_SYNCED.format(t=t)}"
        )
    only_demo = " AND ".join(
        f"NOT EXISTS (SELECT 1 FROM \"{t}\" WHERE substr(uuid, 1, 19) <> '00000000-0000-8000-')" for t, _ in LAYERS
    )
    some_demo = " OR ".join(f'EXISTS (SELECT 1 FROM "{t}")' for t, _ in LAYERS)
    conn.execute(
        f"UPDATE baytak_sync_state SET demo = 1 WHERE server_url IS NULL AND last_pulled_rev = 0 "
        f"AND {only_demo} AND ({some_demo})"
    )
    conn.execute("UPDATE baytak_sync_state SET applying = 0")
