"""A point layer's points kept in memory by a render worker, so that a pan or a zoom reads nothing.

Through the R-tree, a pan of a view with 100,000 store points spent 20-26 ms reading and decoding the
uncovered strips and a zoom out 85-97 ms, every time, for points that had not changed. A worker keeps
instead, per point layer, every point projected once to scene metres with its symbol index (18 bytes a
point), and picks a view's points with a numpy mask: a fraction of a millisecond for 100,000.

What is kept is keyed by the store file (path, inode), the worker's connection and its
``PRAGMA data_version`` (which moves with every commit of another connection: an edit, a sync, another
program), the layer and the style's symbol expression: any commit by anyone reads the layer again.
Reading all of it costs more than one view through the R-tree (~60 ms for 100,000 points), so after a
commit it is read at the second render of the same data (the first pan or zoom after it), not at the
first: a run of edits with the map still redraws through the R-tree, a view at a time. When the map
stands still after a render, the canvas reads it ahead instead (``read_ahead``, an idle job of the
render worker), so that the first pan finds it kept. A layer this worker keeps nothing of yet (the store
just opened) is read whole at its first render: at a field view that read costs what the view's
R-tree read costs (85-90 ms of CPU for 100,000 points, most of them in the view), and the half second
after opening is left to reading the OSM ground around the view ahead, which the first pans need.
Layers over ``POINTS_IN_MEMORY`` points are not kept (memory stays bounded, and a read after a commit
stays under a second): they are read through the R-tree as before. No Qt here.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata.pan import PictureShelf
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.mapdata.viewport import LayerData, odd_points, read_layer, symbol_sql

POINTS_IN_MEMORY = 1_000_000  # 18 MB a layer, ~0.6 s to read; larger layers are read through the R-tree
_PROGRESS_STEPS = 20_000  # SQLite instructions between two checks of stale() while reading ahead
_EVERYWHERE = (-math.inf, -math.inf, math.inf, math.inf)


@dataclass(frozen=True)
class PointTable:
    """Every point of a layer: scene x and y (metres, y down) and symbol index, in the table's order;
    the points of a multipoint are points of their own with their row's symbol."""

    x: np.ndarray
    y: np.ndarray
    symbol: np.ndarray

    def in_box(self, left: float, top: float, right: float, bottom: float) -> LayerData:
        """The points in the scene box, as ``LayerData`` carrying their scene coordinates."""
        inside = (self.x >= left) & (self.x <= right) & (self.y >= top) & (self.y <= bottom)
        chosen = np.flatnonzero(inside)
        return LayerData(self.symbol[chosen], scene=np.column_stack([self.x[chosen], self.y[chosen]]))


@dataclass(frozen=True)
class _Kept:
    key: Hashable
    table: PointTable | None  # None: not read yet (rendered once), or more points than are kept
    read: bool = False


_tables: PictureShelf[_Kept] = PictureShelf(8)


def point_table(
    conn: sqlite3.Connection, schema: LayerSchema, style: LayerStyle, store_key: tuple[str, int, int, int]
) -> PointTable | None:
    """This thread's points of a point layer, read at the first call when nothing of the layer is kept
    (opening), else at the second call for ``store_key`` (the store file, the connection and its data
    version: after a commit); None at the first call after a commit, and when the layer is too large to
    keep (or not points): the caller reads through the R-tree then."""
    if schema.geometry_type != "POINT":
        return None
    key = (store_key, symbol_sql(style))
    source = (store_key[0], schema.name)
    kept = _tables.get(source)
    if kept is not None and kept.key != key:
        _tables.put(source, _Kept(key, None))  # a first render of this data: the R-tree's, a view at a time
        return None
    if kept is None or not kept.read:
        kept = _Kept(key, _read(conn, schema, style), read=True)
        _tables.put(source, kept)
    return kept.table


def read_ahead(
    conn: sqlite3.Connection,
    schema: LayerSchema,
    style: LayerStyle,
    store_key: tuple[str, int, int, int],
    stale: Callable[[], bool] = lambda: False,
) -> bool | None:
    """Read and keep the layer's points now, if not kept for ``store_key`` yet (the render worker's idle
    time after a first render). True when a read was made; None when ``stale()`` turned true meanwhile
    (checked every few thousand SQLite steps: the read stops at once, nothing is kept)."""
    if schema.geometry_type != "POINT":
        return False
    key = (store_key, symbol_sql(style))
    source = (store_key[0], schema.name)
    kept = _tables.get(source)
    if kept is not None and kept.key == key and kept.read:
        return False
    conn.set_progress_handler(lambda: 1 if stale() else 0, _PROGRESS_STEPS)
    try:
        table = _read(conn, schema, style)
    except sqlite3.OperationalError:
        if stale():  # interrupted by the progress handler
            return None
        raise
    finally:
        conn.set_progress_handler(None, 0)
    if stale():
        return None
    _tables.put(source, _Kept(key, table, read=True))
    return True


def _read(conn: sqlite3.Connection, schema: LayerSchema, style: LayerStyle) -> PointTable | None:
    rows = int(conn.execute(f'SELECT count(*) FROM "{schema.name}"').fetchone()[0])
    if rows > POINTS_IN_MEMORY:
        return None
    data = read_layer(conn, schema, style, _EVERYWHERE)
    if data.points is None:
        return PointTable(np.empty(0), np.empty(0), np.empty(0, np.int16))
    lonlat, symbol = data.points, data.symbol
    extra = odd_points(data)
    if len(extra):
        lonlat = np.vstack([lonlat, extra[:, :2]])
        symbol = np.concatenate([symbol, data.symbol[extra[:, 2].astype(np.int64)]])
    present = ~np.isnan(lonlat[:, 0])
    x, y = to_scene(lonlat[present, 0], lonlat[present, 1])
    return PointTable(np.ascontiguousarray(x), np.ascontiguousarray(y), symbol[present])


def forget_points() -> None:
    """Drop every kept table (tests)."""
    _tables.clear()
