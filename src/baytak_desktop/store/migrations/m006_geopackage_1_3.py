"""Migration 6 (frozen): the store becomes a GeoPackage 1.3, with R-tree triggers that survive an UPSERT.

Stores of schema 1-5 were stamped GeoPackage 1.4 (user_version 10400), on which GDAL 3.6 and QGIS 3.22
(Debian 12's) warn "may only be partially supported" for every layer, and with 1.4's R-tree triggers
(update5/6/7), which GDAL 3.6's validator refuses. This stamps 1.3 (10300) and gives each layer's R-tree
1.3's trigger names (insert, update1..update4, delete) with bodies that need no INSERT OR REPLACE when a
feature is updated, so the UPSERT bug that 1.4 fixed stays fixed (store/gpkg.py says why). The SQL is
written out here as it was at schema version 6; ``gpkg.rtree_trigger_sql`` is what new stores and the
self-repair after another tool's rewrite use.
"""

from __future__ import annotations

import sqlite3

NAME = "geopackage_1_3"
USER_VERSION = 10300
LAYERS = ("quarries", "brick_factories", "sewage_outflows", "shorelines", "tree_plantings", "cleanup_plans")
RTREE_TRIGGERS = (
    'CREATE TRIGGER "rtree_{t}_geom_insert" AFTER INSERT ON "{t}" WHEN (NEW."geom" NOTNULL AND NOT '
    'ST_IsEmpty(NEW."geom")) BEGIN INSERT OR REPLACE INTO "rtree_{t}_geom" VALUES (NEW."fid", ST_MinX(NEW."geom"), '
    'ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END',
    'CREATE TRIGGER "rtree_{t}_geom_update1" AFTER UPDATE OF "geom" ON "{t}" WHEN OLD."fid" = NEW."fid" AND '
    '(NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN UPDATE "rtree_{t}_geom" SET minx = '
    'ST_MinX(NEW."geom"), maxx = ST_MaxX(NEW."geom"), miny = ST_MinY(NEW."geom"), maxy = ST_MaxY(NEW."geom") '
    'WHERE id = NEW."fid"; INSERT INTO "rtree_{t}_geom" SELECT NEW."fid", ST_MinX(NEW."geom"), '
    'ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom") WHERE NOT EXISTS (SELECT 1 FROM '
    '"rtree_{t}_geom" WHERE id = NEW."fid"); END',
    'CREATE TRIGGER "rtree_{t}_geom_update2" AFTER UPDATE OF "geom" ON "{t}" WHEN OLD."fid" = NEW."fid" AND '
    '(NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "rtree_{t}_geom" WHERE id = OLD."fid"; END',
    'CREATE TRIGGER "rtree_{t}_geom_update3" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND '
    '(NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "rtree_{t}_geom" WHERE id IN '
    '(OLD."fid", NEW."fid"); INSERT INTO "rtree_{t}_geom" VALUES (NEW."fid", ST_MinX(NEW."geom"), '
    'ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END',
    'CREATE TRIGGER "rtree_{t}_geom_update4" AFTER UPDATE ON "{t}" WHEN OLD."fid" != NEW."fid" AND '
    '(NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom")) BEGIN DELETE FROM "rtree_{t}_geom" WHERE id IN '
    '(OLD."fid", NEW."fid"); END',
    'CREATE TRIGGER "rtree_{t}_geom_delete" AFTER DELETE ON "{t}" WHEN OLD."geom" NOT NULL BEGIN DELETE FROM '
    '"rtree_{t}_geom" WHERE id = OLD."fid"; END',
)


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for table in LAYERS:
        prefix = f"rtree_{table}_geom_"
        found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
        for name in [name for (name,) in found if name.startswith(prefix)]:
            conn.execute(f'DROP TRIGGER "{name}"')
        for sql in RTREE_TRIGGERS:
            conn.execute(sql.replace("{t}", table))
