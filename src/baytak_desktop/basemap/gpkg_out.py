"""Writing a basemap GeoPackage batch by batch, with memory that does not grow with the extract.

The file is a plain GeoPackage 1.4 (GDAL and QGIS open it): the core tables as the store writes them,
one feature table per kind of map feature, each with its standard R-tree. Rows are inserted without
the R-tree triggers (they would call our Python ST_* functions for every row); each batch puts its
envelopes straight into the R-tree, already computed by shapely, and the triggers are created at the
end so that later edits in QGIS keep the index right. The file is written as ``<name>.part`` with no
journal (nobody else can see it yet) and renamed into place only when complete: a cancelled or killed
build leaves the previous basemap untouched.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import gpkg
from baytak_desktop.store.connection import register_functions

CACHE_KIB = 65_536


class BasemapWriter:
    """An open basemap being written: ``create_table``, ``append`` batches, then ``finish``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.part = path.with_name(path.name + ".part")
        self.part.unlink(missing_ok=True)
        self.conn = sqlite3.connect(str(self.part), isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        register_functions(self.conn)
        self.conn.execute("BEGIN")
        gpkg.create_core(self.conn)
        self.columns: dict[str, list[str]] = {}
        self.counts: dict[str, int] = {}
        self.extents: dict[str, list[float]] = {}

    def create_table(self, name: str, geometry_type: str, columns: dict[str, str], title: str) -> None:
        """A feature table (fid, geom and ``columns`` name -> SQL type) with an empty R-tree."""
        body = ", ".join(f'"{c}" {sql_type}' for c, sql_type in columns.items())
        self.conn.execute(
            f'CREATE TABLE "{name}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom {geometry_type}, {body})'
        )
        self.conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
            "VALUES (?, 'features', ?, ?, 4326)",
            (name, name, title),
        )
        self.conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", (name, geometry_type))
        self.conn.execute(gpkg.rtree_sql(name, "geom")[0])  # the virtual table; triggers come in finish()
        self.columns[name] = list(columns)
        self.counts[name] = 0

    def append(self, name: str, geometries: np.ndarray, values: dict[str, Any]) -> int:
        """Insert one batch (geometries in EPSG:4326 and a list per column); returns rows written."""
        keep = ~(shapely.is_missing(geometries) | shapely.is_empty(geometries))
        geometries = geometries[keep]
        if not len(geometries):
            return 0
        columns = self.columns[name]
        kept = [np.asarray(values[c], dtype=object)[keep] for c in columns]
        first = self._next_fid(name)
        encoded = blobs.many_from_shapely(list(geometries))
        fids = range(first, first + len(geometries))
        names = ", ".join(["fid", "geom", *(f'"{c}"' for c in columns)])
        marks = ", ".join("?" * (len(columns) + 2))
        self.conn.executemany(
            f'INSERT INTO "{name}" ({names}) VALUES ({marks})',
            zip(fids, encoded, *(_plain(column) for column in kept), strict=True),
        )
        bounds = shapely.bounds(geometries)
        self.conn.executemany(
            f'INSERT INTO "rtree_{name}_geom" VALUES (?, ?, ?, ?, ?)',
            zip(fids, *(bounds[:, i].tolist() for i in (0, 2, 1, 3)), strict=True),
        )
        self._grow_extent(name, bounds)
        self.counts[name] += len(geometries)
        return len(geometries)

    def add_index(self, table: str, column: str) -> None:
        self.conn.execute(f'CREATE INDEX "{table}_{column}" ON "{table}" ("{column}")')

    def add_info(self, info: dict[str, str]) -> None:
        """Where the basemap came from, as an attributes table QGIS lists beside the layers."""
        self.conn.execute("CREATE TABLE baytak_basemap_info (key TEXT PRIMARY KEY, value TEXT)")
        self.conn.executemany("INSERT INTO baytak_basemap_info VALUES (?, ?)", sorted(info.items()))
        self.conn.execute(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
            "VALUES ('baytak_basemap_info', 'attributes', 'baytak_basemap_info', ?)",
            ("Where this basemap came from: the OpenStreetMap extract, its SHA-256, the area, when it was built",),
        )

    def finish(self) -> None:
        """Extents, R-tree triggers and the extension rows; commit; then rename into place."""
        for name in self.columns:
            extent = self.extents.get(name)
            if extent:
                self.conn.execute(
                    "UPDATE gpkg_contents SET min_x = ?, min_y = ?, max_x = ?, max_y = ? WHERE table_name = ?",
                    (*extent, name),
                )
            self.conn.execute(
                "INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', ?, 'write-only')",
                (name, gpkg.RTREE_EXTENSION),
            )
            for statement in gpkg.rtree_sql(name, "geom")[1:]:
                self.conn.execute(statement)
        self.conn.execute("COMMIT")
        self.conn.execute("PRAGMA journal_mode = DELETE")
        self.conn.execute("ANALYZE")
        self.conn.close()
        self.part.replace(self.path)

    def abort(self) -> None:
        """Forget the half-written file; whatever was at ``path`` before stays as it was."""
        try:
            self.conn.close()
        finally:
            self.part.unlink(missing_ok=True)

    def _next_fid(self, name: str) -> int:
        return self.counts[name] + 1  # rows are only ever appended, in order, by this writer

    def _grow_extent(self, name: str, bounds: np.ndarray) -> None:
        batch = [
            float(np.nanmin(bounds[:, 0])),
            float(np.nanmin(bounds[:, 1])),
            float(np.nanmax(bounds[:, 2])),
            float(np.nanmax(bounds[:, 3])),
        ]
        old = self.extents.get(name)
        self.extents[name] = (
            batch
            if old is None
            else [min(old[0], batch[0]), min(old[1], batch[1]), max(old[2], batch[2]), max(old[3], batch[3])]
        )


def _plain(column: np.ndarray) -> list[Any]:
    """Python values SQLite can bind: NaN and pandas' missing values become NULL, numpy ints int."""
    out: list[Any] = []
    for value in column.tolist():
        if value is None or (isinstance(value, float) and value != value):
            out.append(None)
        else:
            out.append(value)
    return out
