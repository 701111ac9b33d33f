"""The layers this server has: the program's built-in ones plus the revisions published on it.

Read from the database in every transaction that needs it (several server processes share one
database, and any of them, or the command line, may publish), parsed again only when the revisions
changed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from baytak_desktop.layers import catalog as layer_catalog
from baytak_desktop.layers.catalog import Catalog
from baytak_desktop.server.db import Tx
from baytak_desktop.sync.protocol import LayerRevision

TABLE = "baytak_layer_revisions"


def catalog_of(tx: Tx) -> Catalog:
    rows = tx.query(f"SELECT revision, definition FROM {TABLE} ORDER BY revision")
    if not rows:
        return layer_catalog.builtin_catalog()
    return layer_catalog.catalog_from_texts(tuple((int(number), str(text)) for number, text in rows))


def revisions_in_range(tx: Tx, after: int, until: int) -> list[LayerRevision]:
    """The revisions published with a server revision in (after, until], for the pull feed."""
    rows = tx.query(
        f"SELECT revision, rev, layer, definition, published_by, published_at FROM {TABLE} "
        "WHERE rev > ? AND rev <= ? ORDER BY revision",
        (after, until),
    )
    return [_wire(row) for row in rows]


def all_revisions(tx: Tx) -> list[LayerRevision]:
    return revisions_in_range(tx, 0, 2**62)


def _wire(row: tuple[Any, ...]) -> LayerRevision:
    number, rev, layer, text, by, at = row
    return LayerRevision(
        revision=int(number),
        rev=int(rev),
        layer=str(layer),
        definition=json.loads(text),
        published_by=str(by),
        published_at=dt.datetime.fromisoformat(str(at).replace("Z", "+00:00")),
    )
