"""Server migration 3 (frozen): conflict creators, upload owners and expiry, the audit log of every action.

Conflicts know the feature's creator (a reporter settles the conflicts of what they reported and sees
them); partial uploads know who started them and when they last grew (limits per account, expiry); the
audit log records every action that changes data (pushes, resolutions, reviews, the console's account
commands) with the device of the token beside the device a push claims. Earlier pushes are copied into
it. Written once and never edited: a later change is a later migration.
"""

from __future__ import annotations

from baytak_desktop.server.db.base import Tx

NAME = "conflict creators, upload owners and expiry, the audit log of every action"
LAYERS_V1 = ("quarries", "brick_factories", "sewage_outflows", "shorelines", "tree_plantings", "cleanup_plans")


def apply(tx: Tx) -> None:
    auto = tx.dialect.id_column.format(name="id")
    statements = [
        f"""CREATE TABLE baytak_audit ({auto}, at TEXT NOT NULL, user_id BIGINT, username TEXT NOT NULL,
            action TEXT NOT NULL, device_id TEXT, claimed_device_id TEXT, changeset_id TEXT, layer TEXT,
            uuid TEXT, conflict_id BIGINT, rev BIGINT, details TEXT)""",
        "ALTER TABLE baytak_conflicts ADD COLUMN creator TEXT",
        *(
            f'UPDATE baytak_conflicts SET creator = (SELECT f.created_by FROM "{layer}" f WHERE f.uuid = '
            f"baytak_conflicts.uuid) WHERE layer = '{layer}'"
            for layer in LAYERS_V1
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
    for sql in statements:
        tx.execute(sql)
