"""Bulk insert: many validated features in one transaction, fast.

The standard R-tree triggers call ST_MinX & co. once per row, which from Python costs more than the
insert itself. For a bulk load we do what GDAL does: inside the same transaction, set the R-tree
triggers aside, insert the rows (the journal triggers still fire, so every row is journaled), fill the
R-tree from envelopes computed in one vectorised shapely call (packed at once when the index was empty,
see rtree_bulk), and put the triggers back. Other
connections never see the store without its triggers: the transaction holds the write lock and its
schema change is committed, or rolled back, together with the rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from baytak_desktop.jobs import NullProgress, Progress
from baytak_desktop.layers import LayerSchema, new_uuid
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import gpkg, rows, rtree_bulk

CHUNK = 5_000


def bulk_insert(
    conn: sqlite3.Connection,
    schema: LayerSchema,
    columns: dict[str, Sequence[Any] | Any],
    geometries: Sequence[shapely.Geometry],
    progress: Progress | None = None,
) -> list[str]:
    """Insert validated features given column-wise (a list per field, or one value for all rows);
    returns the new uuids. The caller holds the session (one transaction), so a cancel or a crash
    leaves nothing behind.
    """
    progress = progress or NullProgress()
    count = len(geometries)
    uuids = [new_uuid() for _ in range(count)]
    values = [_column(columns.get(name), count) for name in schema.field_names]
    encoded = blobs.many_from_shapely(geometries)
    first_fid = _next_fid(conn, schema.name)
    saved = _set_aside_rtree_triggers(conn, schema.name)
    for start in range(0, count, CHUNK):
        stop = min(start + CHUNK, count)
        progress.update(start / max(count, 1), f"{start:,} / {count:,}")
        chunk = [uuids[start:stop], *(column[start:stop] for column in values), encoded[start:stop]]
        rows.insert_rows(conn, schema, zip(*chunk))
    if _next_fid(conn, schema.name) != first_fid + count:
        raise RuntimeError("bulk insert: fids were not consecutive; the transaction is rolled back")
    _fill_rtree(conn, schema.name, first_fid, geometries)
    for sql in saved:
        conn.execute(sql)
    gpkg.update_extent(conn, schema.name)
    progress.update(1.0, f"{count:,} / {count:,}")
    return uuids


def _column(value: Sequence[Any] | Any, count: int) -> list[Any]:
    if isinstance(value, (list, tuple, np.ndarray)):
        if len(value) != count:
            raise ValueError(f"column has {len(value)} values for {count} geometries")
        return list(value)
    return [value] * count


def _next_fid(conn: sqlite3.Connection, table: str) -> int:
    """The fid AUTOINCREMENT gives the next row: past both the highest fid and any deleted one."""
    seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    top = conn.execute(f'SELECT max(fid) FROM "{table}"').fetchone()[0]
    return max(seq[0] if seq else 0, top or 0) + 1


def _spatial_order(bounds: np.ndarray) -> np.ndarray:
    """Insertion order along a Z-order curve: neighbours go in together, so the R-tree splits less."""
    if len(bounds) == 0:
        return np.arange(0)
    centre_x = (bounds[:, 0] + bounds[:, 2]) / 2
    centre_y = (bounds[:, 1] + bounds[:, 3]) / 2
    cells = [_cell(centre_x), _cell(centre_y)]
    keys = np.zeros(len(bounds), dtype=np.uint64)
    for bit in range(16):
        for axis, values in enumerate(cells):
            keys |= ((values >> np.uint64(bit)) & np.uint64(1)) << np.uint64(2 * bit + axis)
    return np.argsort(keys, kind="stable")


def _cell(values: np.ndarray) -> np.ndarray:
    low, high = float(values.min()), float(values.max())
    scale = 65535 / (high - low) if high > low else 0.0
    return ((values - low) * scale).astype(np.uint64)


def _set_aside_rtree_triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                         "AND name LIKE ?", (table, f"rtree_{table}_geom_%")).fetchall()
    for name, _ in found:
        conn.execute(f'DROP TRIGGER "{name}"')
    return [sql for _, sql in found]


def _fill_rtree(conn: sqlite3.Connection, table: str, first_fid: int, geometries: Sequence[Any]) -> None:
    """R-tree entries for the rows just inserted, whose fids are consecutive from ``first_fid``."""
    array = np.asarray(geometries, dtype=object)
    bounds = shapely.bounds(array)
    keep = ~np.isnan(bounds[:, 0])
    fids = np.arange(first_fid, first_fid + len(array))[keep]
    b = bounds[keep]
    rtree = f"rtree_{table}_geom"
    if len(fids) and rtree_bulk.is_empty(conn, rtree):
        rtree_bulk.bulk_load(conn, rtree, fids, b)
        return
    order = _spatial_order(b)
    fids, b = fids[order], b[order]
    conn.executemany(f'INSERT INTO "rtree_{table}_geom" VALUES (?, ?, ?, ?, ?)',
                     zip(fids.tolist(), b[:, 0].tolist(), b[:, 2].tolist(), b[:, 1].tolist(), b[:, 3].tolist()))
