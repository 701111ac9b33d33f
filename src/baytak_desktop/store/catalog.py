"""The layers a store has: the program's built-in ones plus the schema revisions it applied."""

from __future__ import annotations

import sqlite3

from baytak_desktop.layers import catalog as layer_catalog
from baytak_desktop.layers.catalog import Catalog

REVISIONS_TABLE = "baytak_layer_revisions"


def catalog_of(conn: sqlite3.Connection) -> Catalog:
    """The layers of the store on ``conn``: read on every call (a sync on another connection may have
    added some), the definitions parsed again only when the revisions changed."""
    try:
        rows = conn.execute(f"SELECT revision, definition FROM {REVISIONS_TABLE} ORDER BY revision").fetchall()
    except sqlite3.OperationalError:  # a store from before the revisions (opened read-only, not migrated)
        return layer_catalog.builtin_catalog()
    if not rows:
        return layer_catalog.builtin_catalog()
    return layer_catalog.catalog_from_texts(tuple((int(number), str(text)) for number, text in rows))


def revisions_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """What the layer definitions are now, in one cheap statement: how many revisions, and the last one.

    Every change of the catalog (a sync's pull, on any connection, in this process or another) adds a
    revision row, so a stamp that moved means the definitions must be read again, and one that did not
    means they need not (an edit never moves it). Counting tens of rows, with the last from the primary
    key: microseconds, against the parse of every definition that ``catalog_of`` may do."""
    try:
        count, last = conn.execute(f"SELECT count(*), coalesce(max(revision), 0) FROM {REVISIONS_TABLE}").fetchone()
    except sqlite3.OperationalError:  # a store from before the revisions (opened read-only, not migrated)
        return (-1, -1)
    return int(count), int(last)
