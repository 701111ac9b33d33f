"""Bulk insert: many validated features in one transaction, fast.

Per-row triggers cost more than the insert itself: the standard R-tree triggers call ST_MinX & co. in
Python, and the journal's insert triggers evaluate their conditions row by row. For a bulk load we do
what GDAL does for its R-tree: inside the same transaction, set the insert triggers aside, insert the
rows, then do the triggers' work for all rows at once (the R-tree from envelopes computed in one
vectorised call, packed at once when the index was empty, see rtree_bulk; one journal row per feature
in one statement, exactly what the journal trigger writes), and put the triggers back. Other
connections never see the store without its triggers: the transaction holds the write lock, and the
schema change is committed, or rolled back, together with the rows. Only the triggers that were
present are replaced by their bulk equivalent, so a layer whose journal is switched off stays so.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.feature import new_uuids
from baytak_desktop.store import gpkg, journal, rows, rtree_bulk

CHUNK = 5_000


def bulk_insert(
    conn: sqlite3.Connection,
    schema: LayerSchema,
    columns: dict[str, Sequence[Any] | Any],
    geometries: Sequence[shapely.Geometry],
    progress: Progress | None = None,
    uuids: Sequence[str | None] | None = None,
) -> list[str]:
    """Insert validated features given column-wise (a list per field, or one value for all rows);
    returns their uuids: those given in ``uuids`` (an import keeping a file's identities), new ones
    elsewhere. The caller holds the session (one transaction), so a cancel or a crash leaves nothing.
    """
    progress = progress or NullProgress()
    now = conn.execute("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')").fetchone()[0]
    count = len(geometries)
    fresh = new_uuids(count)
    chosen: list[str] = [given or made for given, made in zip(uuids or [None] * count, fresh, strict=True)]
    names = [name for name in schema.field_names if _has_values(columns.get(name))]
    values = [_column(columns.get(name), count) for name in names]
    encoded = blobs.many_from_shapely(geometries)
    first_fid = _next_fid(conn, schema.name)
    saved = _set_aside_insert_triggers(conn, schema.name)
    for start in range(0, count, CHUNK):
        stop = min(start + CHUNK, count)
        progress.update(start / max(count, 1), Phase("Saving features: {done} of {count}", done=start, count=count))
        chunk = [chosen[start:stop], *(column[start:stop] for column in values), encoded[start:stop]]
        rows.insert_rows(conn, schema, zip(*chunk, strict=True), names)
    if _next_fid(conn, schema.name) != first_fid + count:
        raise RuntimeError("bulk insert: fids were not consecutive; the transaction is rolled back")
    if any(name.startswith("rtree_") for name in saved):
        _fill_rtree(conn, schema.name, first_fid, geometries)
    if journal.trigger_names(schema.name)[0] in saved and not _applying(conn):
        conn.executemany(
            "INSERT INTO baytak_journal (layer, uuid, op, at) VALUES (?, ?, 'insert', ?)",
            ((schema.name, uuid, now) for uuid in chosen),
        )
    for sql in saved.values():
        conn.execute(sql)
    if count:
        gpkg.extend_extent(conn, schema.name, tuple(shapely.total_bounds(np.asarray(geometries, dtype=object))))
    progress.update(1.0, Phase("Saving features: {done} of {count}", done=count, count=count))
    return chosen


def _has_values(value: Sequence[Any] | Any) -> bool:
    """Columns with no value at all are left to their default instead of binding 100,000 NULLs."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return any(v is not None for v in value)
    return value is not None


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


def _set_aside_insert_triggers(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """Drop the R-tree triggers and the journal's insert triggers; returns their SQL by name."""
    wanted = set(journal.trigger_names(table)[0::4])  # the journal's insert and newuuid triggers
    found = {
        name: sql
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,)
        )
        if name.startswith(f"rtree_{table}_geom_") or name in wanted
    }
    for name in found:
        conn.execute(f'DROP TRIGGER "{name}"')
    return found


def _applying(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute("SELECT applying FROM baytak_sync_state").fetchone()[0] == 1)


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
    conn.executemany(
        f'INSERT INTO "rtree_{table}_geom" VALUES (?, ?, ?, ?, ?)',
        zip(fids.tolist(), b[:, 0].tolist(), b[:, 2].tolist(), b[:, 1].tolist(), b[:, 3].tolist(), strict=True),
    )
