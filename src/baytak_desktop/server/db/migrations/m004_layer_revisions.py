"""Server migration 4 (frozen): the schema revisions published with ``baytak server layers publish``.

One row per revision: its number (the ``layers`` series, recorded in ``baytak_migrations`` like a
device's), the server revision it took (so it sits in the pull feed in order with the data), the
layer, its whole definition as published (docs/layer-definitions.md), who published it and when. The
layer tables a revision makes or widens are made from that definition (``server/layer_tables.py``).
"""

from __future__ import annotations

from baytak_desktop.server.db.base import Tx

NAME = "published schema revisions"


def apply(tx: Tx) -> None:
    tx.execute(
        "CREATE TABLE baytak_layer_revisions (revision BIGINT PRIMARY KEY, rev BIGINT NOT NULL UNIQUE, "
        "layer TEXT NOT NULL, definition TEXT NOT NULL, published_by TEXT NOT NULL, published_at TEXT NOT NULL)"
    )
