"""The features of an OpenStreetMap basemap that a view at a given scale shows: what painting reads.

A view at 1:S reads, per table, the rows whose R-tree box meets the view and whose ``max_scale`` is at
least S, from the generalised ``*_low`` tables from 1:250,000 on and from the detailed ones below;
so a 1:500,000 view of the Ile district reads a few thousand simplified roads and lakes rather than
every lane, and a 1:5,000 view reads buildings. Labels come in the UI language (name:kk, then
name:ru, then name for Kazakh). Connections are read-only and kept per thread, since render workers
run on several threads at once.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import shapely

from baytak_desktop.basemap import osm_classes
from baytak_desktop.basemap.build import LOW_SUFFIX
from baytak_desktop.errors import BaytakError
from baytak_desktop.per_thread import PerThread

BBox = tuple[float, float, float, float]  # west, south, east, north in degrees
# The WKB inside a GeoPackage blob, cut out by SQLite: after the 8-byte header and the envelope, whose
# size the flags byte gives (envelope type 0: none, 1: 32 bytes, 2 or 3: 48, 4: 64); the flags byte is
# below 0x80, so unicode() reads it as its value. Saves a Python call per feature on big views.
_WKB = (
    "substr(t.geom, 9 + CASE (unicode(substr(t.geom, 4, 1)) >> 1) & 7 "
    "WHEN 0 THEN 0 WHEN 1 THEN 32 WHEN 4 THEN 64 ELSE 48 END)"
)
Connections = dict[str, tuple[int, sqlite3.Connection]]


def _close_all(connections: Connections) -> None:
    while connections:
        connections.popitem()[1][1].close()


# each render thread's connections, by thread id (a pool thread's threading.local ends with every job)
_connections: PerThread[Connections] = PerThread(dict, _close_all)
# A render worker's read of a dense view (36,000 roads) is cut into pieces, so the UI thread gets the
# GIL in between rather than waiting a quarter of a second for the whole of it
_ROWS_PER_FETCH = 2000
# a name in any language the labels use (``_labels``), or a route number: NULL <> '' is not true
_NAMED_SQL = " AND (t.name <> '' OR t.name_kk <> '' OR t.name_ru <> ''{ref})"


class BasemapMissing(BaytakError):
    template = "The basemap {path} is not on this device; the map is drawn without it. Add it again from File."


@dataclass(frozen=True)
class FlatLines:
    """Lines or polygons as one coordinate array, in the order of their rows: what drawing turns into
    segments or rings without shapely and without a call per line (``mapdata.osm_tiles`` makes it once
    per tile, simplified for its level)."""

    coords: np.ndarray  # (m, 2)
    part: np.ndarray  # each coordinate's part: for lines two neighbours with the same part make a segment
    feature: np.ndarray  # each coordinate's row in the FeatureSet
    ring: np.ndarray | None = None  # polygons: each coordinate's ring (a part's first ring is its shell)


@dataclass(frozen=True)
class FeatureSet:
    """The rows of one table under a view: geometries (EPSG:4326), class codes and labels."""

    table: str
    geometries: np.ndarray
    classes: np.ndarray
    labels: np.ndarray  # the name in the asked language, None where the feature has none
    refs: np.ndarray | None = None  # roads: the route number (ref=M-36), None where there is none
    scene: bool = False  # geometries projected to the scene (Web Mercator, y down) rather than lon/lat
    fids: np.ndarray | None = None  # the rows' fids
    flat: FlatLines | None = None  # lines: their coordinates flattened (scene), when the reader made them

    def __len__(self) -> int:
        return len(self.geometries)


def tables_for(scale: float) -> list[tuple[str, str]]:
    """(base table, table read) pairs for a view at 1:``scale``."""
    low = scale >= osm_classes.LOW_DETAIL_FROM
    return [(t.name, t.name + LOW_SUFFIX if low and t.generalised else t.name) for t in osm_classes.TABLES]


def read_features(
    path: Path,
    bbox: BBox,
    scale: float,
    language: str = "en",
    only: tuple[str, ...] | None = None,
    named: bool = False,
) -> dict[str, FeatureSet]:
    """Every table's features that a view of ``bbox`` at 1:``scale`` draws, keyed by base table name
    (only the base tables named in ``only`` when given: the labels read just the places and waters).
    ``named``: only features with a name (or a road with a route number), all the labels need; the
    nameless majority of a city's roads (service roads, footpaths) is not read, nor decoded."""
    conn = _connection(path)
    west, south, east, north = bbox
    out = {}
    for base, table in tables_for(scale):
        if only is not None and base not in only:
            continue
        with_ref = base == "osm_roads"
        cursor = conn.execute(
            f'SELECT {_WKB} AS wkb, t.class, t.name, t.name_kk, t.name_ru, t.fid{", t.ref" if with_ref else ""} FROM "{table}" t '
            f'JOIN "rtree_{table}_geom" r ON t.fid = r.id '
            "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND t.max_scale >= ?"
            + (_NAMED_SQL.format(ref=" OR t.ref <> ''" if with_ref else "") if named else ""),
            (east, west, north, south, scale),
        )
        rows, geometries = _fetch(cursor, 0)
        out[base] = FeatureSet(
            base,
            geometries,
            np.array([row[1] for row in rows], dtype=object),
            _labels(rows, language),
            np.array([row[6] for row in rows], dtype=object) if with_ref else None,
            fids=np.array([row[5] for row in rows], dtype=np.int64),
        )
    return out


@dataclass(frozen=True)
class Rows:
    """The rows of one table under a box, for drawing only (no names): what ``mapdata.osm_tiles`` keeps."""

    fids: np.ndarray  # int64
    geometries: np.ndarray  # EPSG:4326
    classes: np.ndarray
    max_scales: np.ndarray  # int64
    wkb_bytes: int  # the size of the geometries as read, for the cache's bound


def read_rows(path: Path, table: str, bbox: BBox, min_scale: float) -> Rows:
    """Every row of ``table`` whose R-tree box meets ``bbox`` and whose ``max_scale`` is at least
    ``min_scale``, in fid order, without names (the basemap's drawing needs none)."""
    conn = _connection(path)
    west, south, east, north = bbox
    cursor = conn.execute(
        f'SELECT t.fid, {_WKB} AS wkb, t.class, t.max_scale FROM "{table}" t '
        f'JOIN "rtree_{table}_geom" r ON t.fid = r.id '
        "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND t.max_scale >= ? ORDER BY t.fid",
        (east, west, north, south, min_scale),
    )
    rows, geometries = _fetch(cursor, 1)
    return Rows(
        np.array([row[0] for row in rows], dtype=np.int64),
        geometries,
        np.array([row[2] for row in rows], dtype=object),
        np.array([row[3] if row[3] is not None else 0 for row in rows], dtype=np.int64),
        sum(len(cast(bytes, row[1])) for row in rows),
    )


def largest_max_scale(path: Path, table: str) -> int:
    """The largest ``max_scale`` of ``table`` (0 when it is empty): at smaller scales none of its rows is
    drawn (buildings beyond 1:25,000), so a view there need not read it (its index answers at once)."""
    row = _connection(path).execute(f'SELECT max(max_scale) FROM "{table}"').fetchone()
    return int(row[0]) if row is not None and row[0] is not None else 0


def file_stamp(path: Path) -> tuple[str, int, int, int]:
    """What tells one basemap file from another: its resolved path, inode, size and modification time
    (a basemap built again in place, or replaced by a copy, has another)."""
    key = str(Path(path).resolve())
    status = Path(key).stat()
    return key, status.st_ino, status.st_size, status.st_mtime_ns


def _labels(rows: list[tuple[object, ...]], language: str) -> np.ndarray:
    """``osm_classes.local_name`` for every row at once: the first name present in the language's order."""
    labels = np.full(len(rows), None, dtype=object)
    column = {"name": 2, "name_kk": 3, "name_ru": 4}
    for key in reversed(osm_classes.label_order(language)):
        names = np.array([row[column[key]] for row in rows], dtype=object)
        present = np.array([isinstance(n, str) and n != "" for n in names], dtype=bool)
        labels = np.where(present, names, labels)
    return labels


def _connection(path: Path) -> sqlite3.Connection:
    """This thread's connection to ``path``; a new one when the file was replaced (a basemap built again
    in place), since a connection to the old file would go on reading the old features."""
    connections = _connections.get()
    key = str(Path(path).resolve())
    status = Path(key).stat()
    stamp = status.st_ino ^ status.st_mtime_ns
    if key in connections and connections[key][0] != stamp:
        connections.pop(key)[1].close()
    if key not in connections:
        conn = sqlite3.connect(f"{Path(key).as_uri()}?mode=ro", uri=True, check_same_thread=False)
        connections[key] = (stamp, conn)
    return connections[key][1]


def close_connections() -> None:
    """Close this thread's connections (before a basemap file is rebuilt in place, and in tests)."""
    _connections.close_mine()


def _fetch(cursor: sqlite3.Cursor, wkb_column: int) -> tuple[list[tuple[object, ...]], np.ndarray]:
    """The cursor's rows and their geometries parsed from column ``wkb_column``, both in pieces:
    fetchall and from_wkb each hold the GIL for all they are given, and a render thread must not."""
    rows: list[tuple[object, ...]] = []
    while chunk := cursor.fetchmany(_ROWS_PER_FETCH):
        rows.extend(chunk)
    blobs = np.array([row[wkb_column] for row in rows], dtype=object)
    geometries = np.empty(len(rows), dtype=object)
    for start in range(0, len(rows), _ROWS_PER_FETCH):
        geometries[start : start + _ROWS_PER_FETCH] = shapely.from_wkb(blobs[start : start + _ROWS_PER_FETCH])
    return rows, geometries
