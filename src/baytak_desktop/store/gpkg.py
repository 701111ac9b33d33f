"""The standard GeoPackage tables, written as GDAL writes them, so GDAL and QGIS open our files.

The SQL follows OGC 12-128 (GeoPackage 1.3): the required metadata tables, the R-tree spatial index
extension, and the schema extension (``gpkg_data_columns`` + ``gpkg_data_column_constraints``) through
which QGIS and GDAL see our vocabularies as value lists.

Why 1.3 and not 1.4: GDAL 3.6 and QGIS 3.22 (Debian 12's, still on many office computers) warn "may only
be partially supported" on every layer of a 1.4 file, and GDAL 3.6's validator stops at its first R-tree
trigger (it wants update1..update4). 1.3 files open without a word in every GDAL and QGIS since 2018.

Why the R-tree triggers are not 1.2's word for word: 1.2's ``update1`` does ``INSERT OR REPLACE`` into
the R-tree, which fails inside an UPSERT (``INSERT ... ON CONFLICT DO UPDATE``: SQLite applies the outer
statement's conflict policy to the trigger's insert, OGC geopackage issue 639); 1.4 fixed that by
splitting it into ``update6`` (update the entry) and ``update7`` (insert it). Our ``update1`` does the
same two steps in one trigger, and our ``update3`` deletes both ids before inserting, so neither needs
OR REPLACE. The names stay 1.3's, so the 1.2/1.3 validators (GDAL 3.6's and today's) accept them.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300  # GeoPackage 1.3.0: see the module docstring

WGS84_WKT = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
    'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",'
    '0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],'
    'AUTHORITY["EPSG","4326"]]'
)

CORE_TABLES = """
CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
  organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
  description TEXT);
CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
  identifier TEXT UNIQUE, description TEXT DEFAULT '',
  last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
  geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_tile_matrix_set (table_name TEXT NOT NULL PRIMARY KEY, srs_id INTEGER NOT NULL,
  min_x DOUBLE NOT NULL, min_y DOUBLE NOT NULL, max_x DOUBLE NOT NULL, max_y DOUBLE NOT NULL,
  CONSTRAINT fk_gtms_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gtms_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE gpkg_tile_matrix (table_name TEXT NOT NULL, zoom_level INTEGER NOT NULL,
  matrix_width INTEGER NOT NULL, matrix_height INTEGER NOT NULL, tile_width INTEGER NOT NULL,
  tile_height INTEGER NOT NULL, pixel_x_size DOUBLE NOT NULL, pixel_y_size DOUBLE NOT NULL,
  CONSTRAINT pk_ttm PRIMARY KEY (table_name, zoom_level),
  CONSTRAINT fk_tmm_table_name FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name));
CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL,
  definition TEXT NOT NULL, scope TEXT NOT NULL,
  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
CREATE TABLE gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT,
  title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT,
  CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name),
  CONSTRAINT gdc_tn UNIQUE (table_name, name));
CREATE TABLE gpkg_data_column_constraints (constraint_name TEXT NOT NULL,
  constraint_type TEXT NOT NULL, value TEXT, min NUMERIC, min_is_inclusive BOOLEAN, max NUMERIC,
  max_is_inclusive BOOLEAN, description TEXT,
  CONSTRAINT gdcc_ntv UNIQUE (constraint_name, constraint_type, value));
"""

SPATIAL_REF_SYS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    (
        "WGS 84 geodetic",
        4326,
        "EPSG",
        4326,
        WGS84_WKT,
        "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid",
    ),
]

SCHEMA_EXTENSION = "http://www.geopackage.org/spec/#extension_schema"
RTREE_EXTENSION = "http://www.geopackage.org/spec120/#extension_rtree"


def create_core(conn: sqlite3.Connection) -> None:
    """Turn an empty SQLite database into an empty GeoPackage."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for statement in CORE_TABLES.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)", SPATIAL_REF_SYS)
    conn.executemany(
        "INSERT INTO gpkg_extensions VALUES (?, NULL, 'gpkg_schema', ?, 'read-write')",
        [("gpkg_data_columns", SCHEMA_EXTENSION), ("gpkg_data_column_constraints", SCHEMA_EXTENSION)],
    )


def register_feature_table(
    conn: sqlite3.Connection, table: str, geometry_type: str, title: str, description: str
) -> None:
    """Declare a feature table in gpkg_contents and gpkg_geometry_columns and give it an R-tree."""
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)"
        " VALUES (?, 'features', ?, ?, 4326)",
        (table, title, description),
    )
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", (table, geometry_type))
    create_rtree(conn, table, "geom")


def create_rtree(conn: sqlite3.Connection, table: str, column: str) -> None:
    """The spatial index and its triggers (GeoPackage 1.3 names, bodies safe under UPSERT)."""
    conn.execute(
        "INSERT INTO gpkg_extensions VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')",
        (table, column, RTREE_EXTENSION),
    )
    for sql in rtree_sql(table, column):
        conn.execute(sql)


def rtree_sql(t: str, c: str) -> list[str]:
    """The R-tree's virtual table, then its triggers: what a writer that fills the index itself first
    (a basemap build) creates in two steps."""
    return [
        f'CREATE VIRTUAL TABLE "rtree_{t}_{c}" USING rtree(id, minx, maxx, miny, maxy)',
        *rtree_trigger_sql(t, c).values(),
    ]


def rtree_trigger_sql(t: str, c: str) -> dict[str, str]:
    """The R-tree triggers by name: insert, update1..update4, delete (see the module docstring)."""
    r = f"rtree_{t}_{c}"
    bounds = f'ST_MinX(NEW."{c}"), ST_MaxX(NEW."{c}"), ST_MinY(NEW."{c}"), ST_MaxY(NEW."{c}")'
    new_ok = f'(NEW."{c}" NOTNULL AND NOT ST_IsEmpty(NEW."{c}"))'
    new_none = f'(NEW."{c}" ISNULL OR ST_IsEmpty(NEW."{c}"))'
    return {
        f"{r}_insert": f'CREATE TRIGGER "{r}_insert" AFTER INSERT ON "{t}" WHEN {new_ok} '
        f'BEGIN INSERT OR REPLACE INTO "{r}" VALUES (NEW."fid", {bounds}); END',
        f"{r}_update1": f'CREATE TRIGGER "{r}_update1" AFTER UPDATE OF "{c}" ON "{t}" '
        f'WHEN OLD."fid" = NEW."fid" AND {new_ok} BEGIN '
        f'UPDATE "{r}" SET minx = ST_MinX(NEW."{c}"), maxx = ST_MaxX(NEW."{c}"), miny = ST_MinY(NEW."{c}"), '
        f'maxy = ST_MaxY(NEW."{c}") WHERE id = NEW."fid"; '
        f'INSERT INTO "{r}" SELECT NEW."fid", {bounds} WHERE NOT EXISTS (SELECT 1 FROM "{r}" WHERE id = NEW."fid"); '
        "END",
        f"{r}_update2": f'CREATE TRIGGER "{r}_update2" AFTER UPDATE OF "{c}" ON "{t}" '
        f'WHEN OLD."fid" = NEW."fid" AND {new_none} BEGIN DELETE FROM "{r}" WHERE id = OLD."fid"; END',
        f"{r}_update3": f'CREATE TRIGGER "{r}_update3" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND {new_ok} '
        f'BEGIN DELETE FROM "{r}" WHERE id IN (OLD."fid", NEW."fid"); INSERT INTO "{r}" VALUES (NEW."fid", {bounds}); '
        "END",
        f"{r}_update4": f'CREATE TRIGGER "{r}_update4" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND {new_none} '
        f'BEGIN DELETE FROM "{r}" WHERE id IN (OLD."fid", NEW."fid"); END',
        f"{r}_delete": f'CREATE TRIGGER "{r}_delete" AFTER DELETE ON "{t}" WHEN OLD."{c}" NOT NULL '
        f'BEGIN DELETE FROM "{r}" WHERE id = OLD."fid"; END',
    }


def rtree_triggers_altered(conn: sqlite3.Connection, table: str, column: str = "geom") -> list[str]:
    """R-tree triggers that are missing, not as we write them, or extra (another tool's 1.4 set)."""
    present = _rtree_triggers(conn, table, column)
    wanted = rtree_trigger_sql(table, column)
    return sorted({name for name, sql in wanted.items() if present.get(name) != sql} | (present.keys() - wanted.keys()))


def reinstall_rtree_triggers(conn: sqlite3.Connection, table: str, column: str = "geom") -> None:
    """Replace whatever R-tree triggers another tool left (GDAL writes 1.2's or 1.4's set) with ours."""
    for name in _rtree_triggers(conn, table, column):
        conn.execute(f'DROP TRIGGER "{name}"')
    for sql in rtree_trigger_sql(table, column).values():
        conn.execute(sql)


def _rtree_triggers(conn: sqlite3.Connection, table: str, column: str) -> dict[str, str]:
    prefix = f"rtree_{table}_{column}_"
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
    return {name: sql for name, sql in rows if name.startswith(prefix)}


def extend_extent(conn: sqlite3.Connection, table: str, bounds: tuple[float, float, float, float]) -> None:
    """Grow the layer extent in gpkg_contents to cover ``bounds`` (minx, miny, maxx, maxy).

    QGIS zooms to this extent. It is grown, never recomputed, so an edit costs the same in a layer of
    ten features or a million (recomputing would scan the whole R-tree on every save).
    """
    minx, miny, maxx, maxy = bounds
    conn.execute(
        "UPDATE gpkg_contents SET min_x = min(coalesce(min_x, ?), ?), min_y = min(coalesce(min_y, ?), ?), "
        "max_x = max(coalesce(max_x, ?), ?), max_y = max(coalesce(max_y, ?), ?), "
        "last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = ?",
        (minx, minx, miny, miny, maxx, maxx, maxy, maxy, table),
    )
