"""The store is a GeoPackage 1.3 that GDAL 3.6 / QGIS 3.22 open without a warning and the validators of
GDAL 3.6 (Debian 12) and of today's GDAL pass, with R-tree triggers that survive an UPSERT (the bug
GeoPackage 1.4's triggers fix), on new stores and on stores migrated from 1.4."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
import shapely
from gpkg_validators import VALIDATORS, validate_gpkg

from baytak_desktop.demo import build_demo
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store, gpkg
from baytak_desktop.store.migrations import m006_geopackage_1_3

OGRINFO = shutil.which("ogrinfo")


def rtree_triggers(conn: sqlite3.Connection, table: str) -> list[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))
    return sorted(name[len(f"rtree_{table}_geom_") :] for (name,) in rows if name.startswith(f"rtree_{table}_geom_"))


def test_a_new_store_is_geopackage_1_3_with_the_1_3_trigger_names(store: Store) -> None:
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 10300
    for table in LAYERS:
        assert rtree_triggers(store.conn, table) == ["delete", "insert", "update1", "update2", "update3", "update4"]
        assert "OR REPLACE" not in " ".join(sql for name, sql in gpkg.rtree_trigger_sql(table, "geom").items()
                                            if "update" in name)  # fmt: skip


def upsert(conn: sqlite3.Connection, uuid: str, geometry: shapely.Geometry, blob) -> None:
    conn.execute(
        "INSERT INTO brick_factories (uuid, name, status, geom) VALUES (?, 'Kiln', 'closed', ?) "
        "ON CONFLICT (uuid) DO UPDATE SET geom = excluded.geom",
        (uuid, blob(geometry)),
    )


def test_an_upsert_that_moves_a_feature_keeps_the_index_right(
    store: Store, store_path: Path, plain_sqlite, gpkg_blob
) -> None:
    feature = store.insert("brick_factories", {"name": "Kiln", "status": "closed"}, shapely.Point(76.9, 43.2))
    conn = plain_sqlite(store_path)
    upsert(conn, feature.uuid, shapely.Point(77.5, 44.0), gpkg_blob)  # a tool's INSERT ... ON CONFLICT DO UPDATE
    entry = conn.execute("SELECT minx, miny FROM rtree_brick_factories_geom WHERE id = ?", (feature.fid,)).fetchone()
    assert entry == pytest.approx((77.5, 44.0), abs=1e-4)


def test_the_upsert_bug_is_real_with_the_1_2_trigger(store: Store, store_path: Path, plain_sqlite, gpkg_blob) -> None:
    """GeoPackage 1.2's update1 (GDAL 3.6 writes it) fails the same upsert: what our update1 avoids."""
    feature = store.insert("brick_factories", {"name": "Kiln", "status": "closed"}, shapely.Point(76.9, 43.2))
    conn = plain_sqlite(store_path)
    conn.execute('DROP TRIGGER "rtree_brick_factories_geom_update1"')
    conn.execute(
        'CREATE TRIGGER "rtree_brick_factories_geom_update1" AFTER UPDATE OF "geom" ON "brick_factories" '
        'WHEN OLD."fid" = NEW."fid" AND (NEW."geom" NOTNULL AND NOT ST_IsEmpty(NEW."geom")) BEGIN '
        'INSERT OR REPLACE INTO "rtree_brick_factories_geom" VALUES (NEW."fid", ST_MinX(NEW."geom"), '
        'ST_MaxX(NEW."geom"), ST_MinY(NEW."geom"), ST_MaxY(NEW."geom")); END'
    )
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE constraint failed"):
        upsert(conn, feature.uuid, shapely.Point(77.5, 44.0), gpkg_blob)


def test_opening_puts_back_the_triggers_another_program_rewrote(store: Store, store_path: Path, plain_sqlite) -> None:
    store.close()
    conn = plain_sqlite(store_path)
    for name in ("update1", "update3"):  # as GDAL 3.9 writes a 1.4 file's: update6/update7 and update5
        conn.execute(f'DROP TRIGGER "rtree_quarries_geom_{name}"')
    conn.execute(
        'CREATE TRIGGER "rtree_quarries_geom_update6" AFTER UPDATE OF "geom" ON "quarries" BEGIN SELECT 1; END'
    )
    conn.close()
    with Store.open(store_path) as reopened:
        assert rtree_triggers(reopened.conn, "quarries") == [
            "delete", "insert", "update1", "update2", "update3", "update4",
        ]  # fmt: skip
        assert gpkg.rtree_triggers_altered(reopened.conn, "quarries") == []


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.name)
def test_a_store_of_schema_4_stamped_1_4_is_migrated_to_1_3(tmp_path: Path, validator) -> None:
    """The committed schema-4 store (user_version 10400, 1.4's update5/6/7): migration 6 makes it 1.3."""
    path = tmp_path / "schema-4.gpkg"
    shutil.copyfile(Path(__file__).parents[1] / "data" / "stores" / "schema-4.gpkg", path)
    with Store.open(path) as migrated:
        assert migrated.schema_version() >= 6
        assert migrated.conn.execute("PRAGMA user_version").fetchone()[0] == 10300
        for table in LAYERS:
            assert rtree_triggers(migrated.conn, table) == [
                "delete", "insert", "update1", "update2", "update3", "update4",
            ]  # fmt: skip
        pending = len(migrated.changes())
    assert pending > 0  # the offline edits of the fixture are still there to sync
    assert validate_gpkg(validator, path) == ""


def test_the_frozen_migration_sql_is_what_new_stores_get(store: Store) -> None:
    for table in LAYERS:
        expected = sorted(sql.replace("{t}", table) for sql in m006_geopackage_1_3.RTREE_TRIGGERS)
        assert sorted(gpkg.rtree_trigger_sql(table, "geom").values()) == expected


@pytest.mark.parametrize("validator", VALIDATORS, ids=lambda v: v.name)
def test_gdal_validators_pass_on_a_demo_store(validator, tmp_path: Path) -> None:
    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    assert validate_gpkg(validator, path) == ""


@pytest.mark.skipif(OGRINFO is None, reason="GDAL's ogrinfo (gdal-bin) is not installed")
def test_the_system_ogrinfo_opens_every_layer_without_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    done = subprocess.run([OGRINFO, "-so", "-al", str(path)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr + done.stdout and "partially supported" not in done.stderr
