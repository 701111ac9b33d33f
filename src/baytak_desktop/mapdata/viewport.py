"""Reading what a layer shows in a view, as numpy arrays, on a render worker's own connection.

No Qt here: a worker calls these with the SQLite connection it opened. The view's box goes through the
R-tree (``store.bbox_sql``), except when it covers the layer's whole extent, where a plain table scan
reads the same rows without the join. Each row's symbol is chosen in SQL (a ``CASE`` over the style's
categories), so Python never loops over a million status strings. Point blobs, nearly always the same
29 bytes (GeoPackage header + 2D WKB point), are decoded in one numpy view instead of one by one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import shapely

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.per_thread import PerThread
from baytak_desktop.store.connection import connect
from baytak_desktop.store.store import BBox, bbox_sql

POINT_BLOB_BYTES = 29
# Rows fetched a few thousand at a time: one fetchall of a layer's 50,000 points in view held the GIL,
# and froze the UI thread, for 100 ms and more
ROWS_PER_FETCH = 2000
# One worker fetches rows at a time. Each row fetched releases and retakes the GIL; two threads doing
# that together win every handover from the UI thread, which then stalls for 100 ms and more (the
# GIL "convoy"). Alone, a fetching worker lets the UI thread in at once.
_FETCHING = threading.Lock()
_POINT_PREFIX = np.frombuffer(b"\x01\x01\x00\x00\x00", dtype=np.uint8)  # little-endian WKB point


@dataclass
class LayerData:
    """The features of one layer in a box: the symbol index of each (0 = default symbol, i + 1 = the
    style's i-th category), and either lon/lat points or shapely geometries (lines, polygons, and the
    rare multipoint of a point layer), or the scene coordinates of points already projected."""

    symbol: np.ndarray
    points: np.ndarray | None = None  # (n, 2) lon, lat
    geometries: np.ndarray | None = None
    odd_rows: np.ndarray | None = None  # point layers: rows whose geometry is in ``geometries`` (multipoints)
    scene: np.ndarray | None = None  # point layers kept in memory (``point_cache``): (n, 2) scene x, y

    def __len__(self) -> int:
        return len(self.symbol)


CONNECTIONS_PER_THREAD = 4


def _close_all(connections: dict[tuple[str, int, int], sqlite3.Connection]) -> None:
    while connections:
        connections.popitem()[1].close()


_connections: PerThread[dict[tuple[str, int, int], sqlite3.Connection]] = PerThread(dict, _close_all)


def worker_connection(path: Path) -> sqlite3.Connection:
    """This thread's read-only connection to ``path``, opened on first use and kept.

    Render workers are long-lived pool threads; opening a connection, setting it up and parsing the
    GeoPackage's schema costs a few milliseconds, a third of a small redraw. Connections never leave
    their thread, kept by thread id (``baytak_desktop.per_thread``: a pool thread's ``threading.local`` ends with each
    job). A file replaced under the same name (another inode) gets a fresh connection.
    """
    stat = path.stat()
    key = (str(path.resolve()), stat.st_dev, stat.st_ino)
    cache = _connections.get()
    conn = cache.get(key)
    if conn is None:
        if len(cache) >= CONNECTIONS_PER_THREAD:
            cache.pop(next(iter(cache))).close()
        conn = cache[key] = connect(path, readonly=True)
    return conn


def data_version(conn: sqlite3.Connection) -> int:
    """``PRAGMA data_version`` of ``conn``: it changes whenever another connection has committed to the
    file (an edit, a sync, another program), which is what a render's kept picture must notice; the
    file's mtime can stay the same across a write within the same clock tick."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


@contextmanager
def read_only(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one job (a printed map, an extent), closed when it is done."""
    conn = connect(path, readonly=True)
    try:
        yield conn
    finally:
        conn.close()


def symbol_sql(style: LayerStyle) -> tuple[str, list[str]]:
    """A SQL expression giving each row's symbol index, with its parameters."""
    if style.kind != "categorized" or not style.field or not style.categories:
        return "0", []
    whens = " ".join(f"WHEN ? THEN {i + 1}" for i in range(len(style.categories)))
    return f'CASE "{style.field}" {whens} ELSE 0 END', [c.value for c in style.categories]


def layer_extent(conn: sqlite3.Connection, table: str) -> BBox | None:
    row = conn.execute("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (table,)).fetchone()
    if row is None or any(v is None for v in row):
        return None
    return float(row[0]), float(row[1]), float(row[2]), float(row[3])


def covers(box: BBox, extent: BBox | None) -> bool:
    return (
        extent is not None
        and box[0] <= extent[0]
        and box[1] <= extent[1]
        and box[2] >= extent[2]
        and box[3] >= extent[3]
    )


def select_in_box(
    conn: sqlite3.Connection,
    table: str,
    columns: str,
    box: BBox,
    params: Sequence[object] = (),
    limit: int | None = None,
) -> list[tuple[Any, ...]]:
    """Rows of ``SELECT columns FROM table`` whose envelope meets ``box``: through the R-tree, or a plain
    scan when the box covers the whole layer (the join would only add work)."""
    select = f'SELECT {columns} FROM "{table}"'
    tail = "" if limit is None else f" LIMIT {int(limit)}"
    if covers(box, layer_extent(conn, table)):
        sql, all_params = select + " WHERE geom IS NOT NULL" + tail, tuple(params)
    else:
        sql, box_params = bbox_sql(table, select, box)
        sql, all_params = sql + tail, (*params, *box_params)
    rows: list[tuple[Any, ...]] = []
    with _FETCHING:
        cursor = conn.execute(sql, all_params)
        while chunk := cursor.fetchmany(ROWS_PER_FETCH):  # fetchall holds the GIL for all the rows
            rows.extend(chunk)
    return rows


def read_layer(conn: sqlite3.Connection, schema: LayerSchema, style: LayerStyle, box: BBox) -> LayerData:
    """Every feature whose envelope meets ``box``, with its symbol index (only the columns drawing needs)."""
    expression, params = symbol_sql(style)
    rows = select_in_box(conn, schema.name, "geom" if expression == "0" else f"geom, {expression}", box, params)
    if not rows:
        return LayerData(np.empty(0, np.int16), np.empty((0, 2)), np.empty(0, object))
    geoms = [r[0] for r in rows]
    if expression == "0":
        symbol = np.zeros(len(rows), np.int16)
    else:
        symbol = np.fromiter((r[1] for r in rows), np.int16, len(rows))
    release(rows)
    if schema.geometry_type == "POINT":
        points, odd = decode_points(geoms)
        rows_odd = np.flatnonzero(odd)
        data = LayerData(
            symbol, points=points, odd_rows=rows_odd, geometries=blobs.many_to_shapely([geoms[i] for i in rows_odd])
        )
    else:
        data = LayerData(symbol, geometries=decode_in_slices(geoms))
    release(geoms)
    return data


def release(items: list[Any], step: int = 50_000) -> None:
    """Empty a big list a slice at a time: freeing a million rows in one go holds the GIL (and so the UI
    thread) for ~80 ms; slices give the interpreter a chance to switch threads in between."""
    while items:
        del items[-step:]


def decode_in_slices(geoms: Sequence[bytes | None], step: int = 2000) -> np.ndarray:
    """Shapely geometries from blobs, a slice at a time: one from_wkb call holds the GIL throughout."""
    if len(geoms) <= step:
        return blobs.many_to_shapely(geoms)
    return np.concatenate([blobs.many_to_shapely(geoms[i : i + step]) for i in range(0, len(geoms), step)])


def read_labels(
    conn: sqlite3.Connection, schema: LayerSchema, field: str, box: BBox, limit: int
) -> tuple[list[Any], np.ndarray]:
    """The label values and geometries of up to ``limit`` features in ``box`` (labels are only drawn
    when few features are in view, so the caller asks for one more than it would draw)."""
    rows = select_in_box(conn, schema.name, f'"{field}", geom', box, limit=limit)
    if len(rows) >= limit:
        return [None] * len(rows), np.empty(0, dtype=object)
    rows = [r for r in rows if r[0] not in (None, "") and r[1] is not None]
    return [r[0] for r in rows], blobs.many_to_shapely([r[1] for r in rows])


def decode_points(geoms: Sequence[bytes | None]) -> tuple[np.ndarray, np.ndarray]:
    """(n, 2) lon/lat of point blobs, and a mask of the rows that are not plain 2D little-endian points
    (multipoints, big-endian, with an envelope, empty, NULL): those are NaN here, for shapely to decode."""
    n = len(geoms)
    blobs_only = cast(Sequence[bytes], geoms)  # a NULL among them makes join raise TypeError, caught below
    try:  # joined a slice at a time: one join of a million blobs would hold the GIL for ~100 ms
        joined = b"".join([b"".join(blobs_only[i : i + 50_000]) for i in range(0, n, 50_000)])
    except TypeError:  # a NULL geometry
        joined = b""
    if len(joined) == n * POINT_BLOB_BYTES:
        points, plain = _decode_fixed(joined, n)
        if plain.all():
            return points, ~plain
    plain = np.array([g is not None and len(g) == POINT_BLOB_BYTES for g in geoms], dtype=bool)
    points = np.full((n, 2), np.nan)
    if plain.any():
        kept = b"".join(g for g, p in zip(geoms, plain, strict=True) if p and g is not None)
        fixed, ok = _decode_fixed(kept, int(plain.sum()))
        points[plain] = fixed
        plain[plain] = ok
    points[~plain] = np.nan
    return points, ~plain


def _decode_fixed(joined: bytes, n: int) -> tuple[np.ndarray, np.ndarray]:
    raw = np.frombuffer(joined, dtype=np.uint8).reshape(n, POINT_BLOB_BYTES)
    plain = (
        (raw[:, 0] == 71)
        & (raw[:, 1] == 80)
        & ((raw[:, 3] & 0x0F) == 0x01)
        & (raw[:, 8:13] == _POINT_PREFIX).all(axis=1)
    )
    points = np.ascontiguousarray(raw[:, 13:29]).view("<f8").reshape(n, 2).astype(float)
    points[~plain] = np.nan
    return points, plain


def odd_points(data: LayerData) -> np.ndarray:
    """(x, y, row) of every point of the rows the fast decoder skipped (multipoints, big-endian...)."""
    if data.odd_rows is None or not len(data.odd_rows) or data.geometries is None:
        return np.empty((0, 3))
    present = ~shapely.is_missing(data.geometries)
    if not present.any():
        return np.empty((0, 3))
    coords, index = shapely.get_coordinates(data.geometries[present], return_index=True)
    return np.column_stack([coords, data.odd_rows[present][index]])
