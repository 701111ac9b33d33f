"""An OpenStreetMap basemap's drawn features, read once per tile and kept projected: what pans and zooms reuse.

A redraw of a dense 1:20,000 view read 40,000 rows from the GeoPackage (the R-tree query, the rows, the
WKB parsed into geometries) and projected every vertex to Web Mercator again: about 40 % of the
basemap's time, for features the previous redraw had just read. Here each table is read by tiles of
the scene (a grid per level of scale, its side a few hundred screen pixels at the level's smallest
scale), the rows whose ``max_scale`` reaches the level's largest scale; the tile's geometries are
projected once and kept. A view takes the tiles it meets, leaves out the rows drawn only at larger
scales than its own and those outside it: a pan or a zoom within the level reads nothing.

Bounded: the tiles kept take at most ``MAX_BYTES`` (estimated from the geometries' sizes; the least
recently used go first). Invalidated: every call compares the file's stamp (path, inode, size,
modification time) with the one its tiles were read from, and drops them when the basemap was built
again or replaced. Shared by the render threads (shapely geometries are safe to read from several).
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from baytak_desktop.basemap.osm_view import (
    FeatureSet,
    FlatLines,
    file_stamp,
    largest_max_scale,
    read_rows,
    tables_for,
)
from baytak_desktop.mapdata.projection import METRES_PER_SCREEN_PIXEL, to_lonlat, to_scene

# Levels by scale denominator: a view at 1:S uses the level whose range holds S. Beyond the last one (a
# whole region at 1:1,000,000 and smaller) views read the generalised tables directly, uncached.
LEVEL_FLOORS = (0, 10_000, 50_000, 250_000, 1_000_000)
TILE_PX = 256  # a tile's side in screen pixels at its level's smallest scale
MAX_BYTES = 160 * 1024 * 1024
# the memory a geometry takes beyond its WKB (the Python object, GEOS's structures), per row and per byte
_ROW_BYTES = 320
_WKB_FACTOR = 2.0
_GEOMETRIES_PER_CALL = 2000  # shapely holds the GIL for a whole call: a few thousand at a time
LINE_TABLES = ("osm_roads", "osm_railways", "osm_waterways")
AREA_TABLES = ("osm_landcover", "osm_protected", "osm_water", "osm_buildings")
SceneRect = tuple[float, float, float, float]  # left, top, right, bottom in scene units


@dataclass(frozen=True)
class Tile:
    """One table's rows in one tile, projected to the scene, in fid order."""

    fids: np.ndarray
    geometries: np.ndarray  # scene coordinates
    bounds: np.ndarray  # (n, 4) scene
    classes: np.ndarray
    max_scales: np.ndarray
    size: int  # estimated bytes
    # lines: every coordinate (simplified for the level), its part and its row; each row's first coordinate
    flat: FlatLines | None = None
    starts: np.ndarray | None = None  # (n + 1): row i's coordinates are starts[i]:starts[i + 1]


_TileKey = tuple[str, str, int, int, int]  # the basemap's resolved path, table, level, column, row


class TileCache:
    """The tiles of every basemap drawn lately, at most ``max_bytes`` of them."""

    def __init__(self, max_bytes: int = MAX_BYTES) -> None:
        self.max_bytes = max_bytes
        self._tiles: OrderedDict[_TileKey, Tile] = OrderedDict()
        self._stamps: dict[str, tuple[str, int, int, int]] = {}
        self._largest: dict[tuple[str, str], int] = {}  # (file, table): its largest max_scale
        self._bytes = 0
        self._lock = threading.Lock()
        self.reads = 0  # tiles read from a file so far (tests: a pan within the cached tiles reads none)
        self.reads_ahead = 0  # of which read ahead (``warm``), not by a view asking for them

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._tiles)

    def clear(self) -> None:
        with self._lock:
            self._tiles.clear()
            self._stamps.clear()
            self._largest.clear()
            self._bytes = 0

    def features(
        self, path: Path, rect: SceneRect, scale: float, only: tuple[str, ...] | None = None
    ) -> dict[str, FeatureSet]:
        """The features of every table (in ``only``) that a view of the scene ``rect`` at 1:``scale``
        draws, keyed by base table name, in scene coordinates (``FeatureSet.scene``), without names."""
        stamp = file_stamp(path)
        key = stamp[0]
        with self._lock:
            if self._stamps.get(key) != stamp:  # built again or replaced: its tiles are another file's
                self._drop(key)
                self._stamps[key] = stamp
        level = level_of(scale)
        out = {}
        for base, table in tables_for(scale):
            if only is not None and base not in only:
                continue
            if scale > self._largest_max_scale(path, key, table):
                tiles = []  # none of its rows is drawn this far out (buildings beyond 1:25,000): not read
            elif level is None:
                tiles = [_read_tile(path, table, rect, scale, None)]
            else:
                tiles = [self._tile(path, key, table, level, column, row) for column, row in tiles_of(rect, level)]
            out[base] = _select(base, tiles, rect, scale)
        return out

    def warm(
        self,
        path: Path,
        views: list[tuple[SceneRect, float]],
        centre: tuple[float, float],
        stale: Callable[[], bool],
        only: tuple[str, ...] | None = None,
    ) -> int:
        """Read into the cache the tiles that views of the scene rects at their scales would read (the
        next pan's ring, a wheel step in and out), those nearest ``centre`` first, one tile at a time,
        checking ``stale()`` before each: a render asked meanwhile waits for one tile at most. Reads at
        most a quarter of the cache's bound, so that what is read ahead pushes out only tiles not used
        lately (the least recently used go first), never most of the cache. Returns the tiles read."""
        stamp = file_stamp(path)
        key = stamp[0]
        with self._lock:
            if self._stamps.get(key) != stamp:
                self._drop(key)
                self._stamps[key] = stamp
        wanted: dict[_TileKey, float] = {}
        for rect, scale in views:
            level = level_of(scale)
            if level is None:
                continue  # read uncached at such scales: nothing to keep
            side = tile_side(level)
            for base, table in tables_for(scale):
                if (only is not None and base not in only) or scale > self._largest_max_scale(path, key, table):
                    continue
                for column, row in tiles_of(rect, level):
                    x, y = (column + 0.5) * side, (row + 0.5) * side
                    distance = math.hypot(x - centre[0], y - centre[1]) / side
                    tile_key = (key, table, level, column, row)
                    wanted[tile_key] = min(distance, wanted.get(tile_key, math.inf))
        read = read_bytes = 0
        for tile_key in sorted(wanted, key=lambda k: (wanted[k], k[1:])):
            if stale() or read_bytes > self.max_bytes / 4:
                break
            with self._lock:
                if tile_key in self._tiles:
                    continue
            _, table, level, column, row = tile_key
            read_bytes += self._tile(path, key, table, level, column, row).size
            read += 1
            with self._lock:
                self.reads_ahead += 1
        return read

    def cached(self, path: Path, table: str, rect: SceneRect, scale: float) -> bool:
        """Whether every tile of ``table`` a view of ``rect`` at 1:``scale`` reads is in the cache."""
        level = level_of(scale)
        if level is None:
            return False
        key = file_stamp(path)[0]
        with self._lock:
            return all((key, table, level, column, row) in self._tiles for column, row in tiles_of(rect, level))

    def _largest_max_scale(self, path: Path, key: str, table: str) -> int:
        with self._lock:
            known = self._largest.get((key, table))
        if known is None:
            known = largest_max_scale(path, table)
            with self._lock:
                if self._stamps.get(key) is not None:  # (not dropped meanwhile: the file changed)
                    self._largest[(key, table)] = known
        return known

    def _tile(self, path: Path, key: str, table: str, level: int, column: int, row: int) -> Tile:
        tile_key = (key, table, level, column, row)
        with self._lock:
            tile = self._tiles.get(tile_key)
            if tile is not None:
                self._tiles.move_to_end(tile_key)
                return tile
        side = tile_side(level)
        rect = (column * side, row * side, (column + 1) * side, (row + 1) * side)
        tile = _read_tile(path, table, rect, LEVEL_FLOORS[level], _tolerance(level))
        with self._lock:
            self.reads += 1
            if self._stamps.get(key) is None:  # dropped meanwhile: the file changed, keep nothing of it
                return tile
            old = self._tiles.pop(tile_key, None)
            self._bytes -= old.size if old is not None else 0
            self._tiles[tile_key] = tile
            self._bytes += tile.size
            while self._bytes > self.max_bytes and len(self._tiles) > 1:
                _, gone = self._tiles.popitem(last=False)
                self._bytes -= gone.size
        return tile

    def _drop(self, key: str) -> None:
        for tile_key in [k for k in self._tiles if k[0] == key]:
            self._bytes -= self._tiles.pop(tile_key).size
        for largest_key in [k for k in self._largest if k[0] == key]:
            del self._largest[largest_key]
        self._stamps.pop(key, None)


def level_of(scale: float) -> int | None:
    """The level of a view at 1:``scale``; None beyond the last level (read uncached)."""
    level = sum(1 for floor in LEVEL_FLOORS if scale >= floor) - 1
    return level if level < len(LEVEL_FLOORS) - 1 else None


def tile_side(level: int) -> float:
    """A tile's side in scene units: ``TILE_PX`` screen pixels at the level's smallest scale."""
    return TILE_PX * LEVEL_FLOORS[level + 1] * METRES_PER_SCREEN_PIXEL


def tiles_of(rect: SceneRect, level: int) -> list[tuple[int, int]]:
    side = tile_side(level)
    left, top, right, bottom = rect
    return [
        (column, row)
        for row in range(math.floor(top / side), math.floor(bottom / side) + 1)
        for column in range(math.floor(left / side), math.floor(right / side) + 1)
    ]


def _tolerance(level: int) -> float:
    """Half a screen pixel at the level's largest scale (1:2,000 for the first), in scene units: lines
    simplified by it are drawn the same at every scale of the level."""
    return 0.5 * max(LEVEL_FLOORS[level], 2_000) * METRES_PER_SCREEN_PIXEL


def _read_tile(path: Path, table: str, rect: SceneRect, min_scale: float, tolerance: float | None) -> Tile:
    left, top, right, bottom = rect
    west, north = to_lonlat(left, top)
    east, south = to_lonlat(right, bottom)
    rows = read_rows(path, table, (west, south, east, north), min_scale)
    geometries = np.empty(len(rows.geometries), dtype=object)
    for start in range(0, len(geometries), _GEOMETRIES_PER_CALL):
        geometries[start : start + _GEOMETRIES_PER_CALL] = shapely.transform(
            rows.geometries[start : start + _GEOMETRIES_PER_CALL], _project
        )
    size = int(rows.wkb_bytes * _WKB_FACTOR) + _ROW_BYTES * len(geometries)
    bounds = shapely.bounds(geometries) if len(geometries) else np.empty((0, 4))
    flat, starts = None, None
    base = table.split("_low")[0]
    if tolerance is not None and (base in LINE_TABLES or base in AREA_TABLES):
        flat, starts = _flatten(geometries, tolerance, rings=base in AREA_TABLES)
        size += sum(a.nbytes for a in (flat.coords, flat.part, flat.feature, flat.ring) if a is not None)
    return Tile(rows.fids, geometries, bounds, rows.classes, rows.max_scales, size, flat, starts)


def _flatten(geometries: np.ndarray, tolerance: float, rings: bool) -> tuple[FlatLines, np.ndarray]:
    """Every coordinate of ``geometries`` (lines, or the rings of polygons), simplified by ``tolerance``,
    with its part, its row (and its ring); and where each row's coordinates start."""
    coords_pieces, part_pieces = [np.empty((0, 2))], [np.empty(0, np.int64)]
    feature_pieces, ring_pieces = [np.empty(0, np.int64)], [np.empty(0, np.int64)]
    parts_so_far = rings_so_far = 0
    for start in range(0, len(geometries), _GEOMETRIES_PER_CALL):
        parts, feature = shapely.get_parts(geometries[start : start + _GEOMETRIES_PER_CALL], return_index=True)
        if rings:
            pieces, ring_part = shapely.get_rings(parts, return_index=True)
        else:
            pieces, ring_part = parts, np.arange(len(parts))
        simplified = shapely.simplify(pieces, tolerance, preserve_topology=False)
        coords, piece = shapely.get_coordinates(simplified, return_index=True)
        coords_pieces.append(coords)
        part_pieces.append(ring_part[piece] + parts_so_far)
        feature_pieces.append(feature[ring_part[piece]] + start)
        ring_pieces.append(piece + rings_so_far)
        parts_so_far += len(parts)
        rings_so_far += len(pieces)
    feature = np.concatenate(feature_pieces)
    starts = np.searchsorted(feature, np.arange(len(geometries) + 1))
    flat = FlatLines(
        np.concatenate(coords_pieces),
        np.concatenate(part_pieces),
        feature,
        np.concatenate(ring_pieces) if rings else None,
    )
    return flat, starts


def _project(coords: np.ndarray) -> np.ndarray:
    return np.column_stack(to_scene(coords[:, 0], coords[:, 1]))


def _select(base: str, tiles: list[Tile], rect: SceneRect, scale: float) -> FeatureSet:
    """The rows of the tiles drawn at 1:``scale`` whose box meets ``rect``, each once, in fid order.

    Each tile's rows are chosen in the tile, and only those are gathered: a view's tiles hold several
    times the rows it draws (the rows for larger scales, those just outside it, a feature in several
    tiles), and joining every tile's arrays first, object arrays among them, took a tenth of a render."""
    left, top, right, bottom = rect
    picked = []
    for tile in tiles:
        bounds = tile.bounds
        wanted = (
            (tile.max_scales >= scale)
            & (bounds[:, 0] <= right)
            & (bounds[:, 2] >= left)
            & (bounds[:, 1] <= bottom)
            & (bounds[:, 3] >= top)
        )
        picked.append(np.flatnonzero(wanted))
    if tiles:
        fids = np.concatenate([tile.fids[rows] for tile, rows in zip(tiles, picked, strict=True)])
        local = np.concatenate(picked)
    else:
        fids, local = np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    tile_of = np.repeat(np.arange(len(tiles)), [len(rows) for rows in picked])
    fids, first = np.unique(fids, return_index=True)  # a feature across tiles is in each of them
    tile_of, local = tile_of[first], local[first]
    geometries = np.empty(len(fids), dtype=object)
    classes = np.empty(len(fids), dtype=object)
    mine = [np.flatnonzero(tile_of == i) for i in range(len(tiles))]  # the output rows of each tile
    for tile, out in zip(tiles, mine, strict=True):
        geometries[out] = tile.geometries[local[out]]
        classes[out] = tile.classes[local[out]]
    return FeatureSet(
        base,
        geometries,
        classes,
        np.full(len(fids), None, dtype=object),
        scene=True,
        fids=fids,
        flat=_flat_of(tiles, mine, local),
    )


def _flat_of(tiles: list[Tile], mine: list[np.ndarray], local: np.ndarray) -> FlatLines | None:
    """The flattened coordinates of the rows chosen (``mine[i]``: the output rows taken from tile i,
    ``local``: each output row's row in its tile), one row after another in the output's order, taken
    from each tile without a loop over rows: their parts (and rings) numbered apart, their rows 0..n-1."""
    if not tiles or any(t.flat is None or t.starts is None for t in tiles):
        return None
    counts = np.zeros(len(local), dtype=np.int64)
    for tile, out in zip(tiles, mine, strict=True):
        assert tile.starts is not None
        rows = local[out]
        counts[out] = tile.starts[rows + 1] - tile.starts[rows]
    out_starts = np.cumsum(counts) - counts  # where each output row's coordinates begin
    total = int(counts.sum())
    coords = np.empty((total, 2))
    parts = np.empty(total, dtype=np.int64)
    rings = np.empty(total, dtype=np.int64) if all(t.flat.ring is not None for t in tiles if t.flat) else None
    part_offset = ring_offset = 0
    for tile, out in zip(tiles, mine, strict=True):
        flat, starts = tile.flat, tile.starts
        assert flat is not None and starts is not None
        if len(out):
            n = counts[out]
            step = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)  # 0, 1, ... within each row
            source = np.repeat(starts[local[out]], n) + step
            target = np.repeat(out_starts[out], n) + step
            coords[target] = flat.coords[source]
            parts[target] = flat.part[source] + part_offset
            if rings is not None and flat.ring is not None:
                rings[target] = flat.ring[source] + ring_offset
        # parts and rings are numbered in order in a tile: the last is the largest
        part_offset += int(flat.part[-1]) + 1 if len(flat.part) else 0
        if flat.ring is not None:
            ring_offset += int(flat.ring[-1]) + 1 if len(flat.ring) else 0
    return FlatLines(coords, parts, np.repeat(np.arange(len(local)), counts), rings)


# the one cache of the app (render workers, print): tests make their own or clear this one
CACHE = TileCache()
