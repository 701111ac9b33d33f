"""Writing a pulled page's features of one layer in bulk, the spatial index maintained in bulk too.

The GeoPackage R-tree triggers call the ST_* functions, in Python, about nine times per updated row;
for 10,000 pulled features that is most of the apply time. As store/bulk.py does for imports, the
R-tree triggers are set aside inside the applying transaction, the rows written with one executemany,
and the index entries written from envelopes computed in one vectorised call (packed at once when
the index is empty: a first download). The triggers are put back before the transaction commits, so
no other connection ever sees the layer without them.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import shapely

from baytak_desktop.layers import FieldType, LayerSchema
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import gpkg, rtree_bulk
from baytak_desktop.store.changes import row_digest
from baytak_desktop.store.rows import select_sql
from baytak_desktop.sync import wire
from baytak_desktop.sync.protocol import FeatureState

IN_LIST = "(SELECT value FROM json_each(?))"


@contextmanager
def rtree_set_aside(conn: sqlite3.Connection, table: str) -> Iterator[bool]:
    """Drop the layer's R-tree triggers for the block (caller holds the transaction); yields whether
    there were any, i.e. whether the block must maintain the index itself."""
    found = dict(
        conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND name LIKE ?",
            (table, f"rtree_{table}_geom_%"),
        )
    )
    for name in found:
        conn.execute(f'DROP TRIGGER "{name}"')
    try:
        yield bool(found)
    finally:
        for sql in found.values():
            conn.execute(sql)


def delete_features(conn: sqlite3.Connection, layer: str, uuids: list[str], rtree: bool) -> None:
    listed = json.dumps(uuids)
    if rtree:
        fids = conn.execute(f'SELECT fid FROM "{layer}" WHERE uuid IN {IN_LIST}', (listed,)).fetchall()
        conn.executemany(f'DELETE FROM "rtree_{layer}_geom" WHERE id = ?', fids)
    conn.execute(f'DELETE FROM "{layer}" WHERE uuid IN {IN_LIST}', (listed,))
    for table in ("baytak_synced", "baytak_feature_revs", "baytak_synced_links", "baytak_attachment_links"):
        conn.execute(f"DELETE FROM {table} WHERE layer = ? AND uuid IN {IN_LIST}", (layer, listed))


def upsert_features(
    conn: sqlite3.Connection, schema: LayerSchema, states: Sequence[FeatureState], uuids: list[str], rtree: bool
) -> None:
    """Insert new features and overwrite known ones (one executemany), then their index entries."""
    names = schema.field_names
    shapes = shapely.from_wkb(np.array([s.fields.get(wire.GEOM) for s in states], dtype=object))
    geoms = blobs.many_from_shapely(shapes)
    columns = [_typed_column(schema, name, [s.fields.get(name) for s in states]) for name in names]
    columns_sql = ", ".join(f'"{c}"' for c in ("uuid", *names, "geom"))
    marks = ", ".join("?" for _ in range(len(names) + 2))
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in (*names, "geom"))
    conn.executemany(
        f'INSERT INTO "{schema.name}" ({columns_sql}) VALUES ({marks}) ON CONFLICT (uuid) DO UPDATE SET {updates}',
        zip(uuids, *columns, geoms, strict=True),
    )
    fids = _fids(conn, schema.name, uuids)
    if rtree:
        _index(conn, schema.name, np.array([fids[u] for u in uuids]), shapes)
    bounds = shapely.total_bounds(shapes)
    if not np.isnan(bounds).any():
        minx, miny, maxx, maxy = (float(b) for b in bounds)
        gpkg.extend_extent(conn, schema.name, (minx, miny, maxx, maxy))
    remember_synced(conn, schema, list(fids.values()))


def _typed_column(schema: LayerSchema, name: str, values: list[Any]) -> list[Any]:
    """JSON has one number type: a REAL field gets floats, an INTEGER field ints (see wire.typed)."""
    if schema.field(name).type in (FieldType.REAL, FieldType.INTEGER, FieldType.BOOLEAN):
        return [wire.typed(schema, name, v) for v in values]
    return values


def _fids(conn: sqlite3.Connection, layer: str, uuids: list[str]) -> dict[str, int]:
    return dict(conn.execute(f'SELECT uuid, fid FROM "{layer}" WHERE uuid IN {IN_LIST}', (json.dumps(uuids),)))


def _index(conn: sqlite3.Connection, layer: str, fids: np.ndarray, shapes: np.ndarray) -> None:
    """R-tree entries as the standard triggers would leave them: one per non-empty geometry."""
    rtree = f"rtree_{layer}_geom"
    bounds = shapely.bounds(shapes)
    keep = ~np.isnan(bounds[:, 0])
    if (~keep).any():
        conn.executemany(f'DELETE FROM "{rtree}" WHERE id = ?', ((int(f),) for f in fids[~keep]))
    fids, bounds = fids[keep], bounds[keep]
    if len(fids) and rtree_bulk.is_empty(conn, rtree):
        rtree_bulk.bulk_load(conn, rtree, fids, bounds)
        return
    conn.executemany(
        f'INSERT OR REPLACE INTO "{rtree}" VALUES (?, ?, ?, ?, ?)',
        zip(
            fids.tolist(),
            bounds[:, 0].tolist(),
            bounds[:, 2].tolist(),
            bounds[:, 1].tolist(),
            bounds[:, 3].tolist(),
            strict=True,
        ),
    )


def remember_synced(conn: sqlite3.Connection, schema: LayerSchema, fids: list[int]) -> None:
    """The synced digest of rows just written (read back, so the digest is of what SQLite stored)."""
    names = ("fid", "uuid", *schema.field_names, "geom")
    rows = conn.execute(select_sql(schema) + f" WHERE fid IN {IN_LIST}", (json.dumps(fids),)).fetchall()
    conn.executemany(
        "INSERT OR REPLACE INTO baytak_synced VALUES (?, ?, ?)",
        ((schema.name, row[1], row_digest(dict(zip(names, row, strict=True)))) for row in rows),
    )
