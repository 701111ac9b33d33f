"""The promise to users: GDAL/QGIS and plain SQLite clients read the store, and their edits are journaled."""

from __future__ import annotations

import sqlite3
import uuid as uuidlib

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
import shapely

from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.changes import mark_synced

UUID7_CHARS = set("0123456789abcdef-")


def assert_uuid7(text: str) -> None:
    parsed = uuidlib.UUID(text)
    assert str(parsed) == text, "canonical lowercase form"
    assert parsed.version == 7 and parsed.variant == uuidlib.RFC_4122


def ops(store, layer="brick_factories"):
    return {c.uuid: (c.op, set(c.fields)) for c in store.changes(layer)}


def synced_factory(store, add_factory, **attributes):
    feature = add_factory(**attributes)
    with store.session() as conn:
        mark_synced(conn, "brick_factories", [feature.uuid])
    assert store.changes() == []
    return feature


# -- GDAL reads ----------------------------------------------------------------------------------
def test_gdal_lists_and_reads_every_layer_of_a_new_store(store, store_path):
    store.close()
    listed = {name: kind for name, kind in pyogrio.list_layers(store_path)}
    for name, schema in LAYERS.items():
        assert listed[name].upper() == schema.geometry_type
        info = pyogrio.read_info(store_path, layer=name)
        assert info["features"] == 0 and info["crs"] == "EPSG:4326"
        assert info["fid_column"] == "fid" and info["geometry_name"] == "geom"
        assert list(info["fields"]) == ["uuid", *schema.field_names]
        assert len(pyogrio.read_dataframe(store_path, layer=name)) == 0


AREA = shapely.box(77.0, 43.6, 77.01, 43.61)
SAMPLES = {
    "quarries": (
        {
            "name": "Abat",
            "status": "незаконный",
            "legal_status": "unlicensed",
            "license_no": "KZ-1",
            "observed_on": "2024-05-01",
        },
        AREA,
    ),
    "brick_factories": (
        {
            "name": "Besagash",
            "status": "закрыт",
            "branch": "almaty_region",
            "closed_on": "12.03.2019",
            "notes": "Қызылорда ✓",
        },
        shapely.Point(76.9, 43.2),
    ),
    "sewage_outflows": (
        {
            "name": "Sorbulak",
            "status": "active",
            "discharge": "partly_treated",
            "flow_m3_day": "450 000,5",
            "affected_settlements": 20,
        },
        shapely.Point(76.62, 43.67),
    ),
    "shorelines": (
        {"water_body": "aral", "observed_on": "1960", "source": "illustrative"},
        shapely.box(58.0, 43.5, 61.5, 46.8),
    ),
    "tree_plantings": (
        {
            "species": "вяз",
            "tree_count": "1 200",
            "survival_rate": 85.5,
            "status": "planted",
            "planted_on": "2024-04-20",
        },
        shapely.Point(71.43, 51.13),
    ),
    "cleanup_plans": (
        {
            "title": "Kapchagay shore",
            "planned_on": "2030-05-01",
            "status": "planned",
            "volunteers_needed": 40,
            "waste_collected_kg": 0,
        },
        AREA,
    ),
}


def test_samples_cover_every_layer():
    assert set(SAMPLES) == set(LAYERS)


def as_ours(name, theirs):
    """A value as GDAL hands it over, in the form the store keeps."""
    if pd.isna(theirs):
        return None
    if isinstance(theirs, pd.Timestamp):
        if name.endswith("_at"):
            return theirs.tz_convert("UTC").strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        return theirs.date().isoformat()
    return theirs.item() if hasattr(theirs, "item") else theirs


@pytest.mark.parametrize("layer", sorted(SAMPLES))
def test_gdal_reads_features_with_equal_geometry_and_attributes(store, store_path, layer):
    attributes, geometry = SAMPLES[layer]
    feature = store.insert(layer, attributes, geometry, user="aigerim")
    store.close()
    df = pyogrio.read_dataframe(store_path, layer=layer, fid_as_index=True)
    assert len(df) == 1 and df.index[0] == feature.fid
    row = df.iloc[0]
    assert row["uuid"] == feature.uuid
    assert shapely.equals_identical(row.geometry, feature.geometry)
    assert {name: as_ours(name, row[name]) for name in LAYERS[layer].field_names} == feature.attributes
    info = pyogrio.read_info(store_path, layer=layer)
    minx, miny, maxx, maxy = feature.geometry.bounds
    assert info["total_bounds"] == pytest.approx((minx, miny, maxx, maxy), abs=1e-4)


def test_gdal_reads_the_store_while_the_app_holds_it_open(store, store_path, add_factory):
    feature = add_factory()  # still in the WAL, not checkpointed
    df = pyogrio.read_dataframe(store_path, layer="brick_factories")
    assert list(df["uuid"]) == [feature.uuid]
    assert {name for name, _ in pyogrio.list_layers(store_path)} >= set(LAYERS)


def test_gdal_spatial_filter_uses_our_rtree(store, store_path, add_factory):
    near = add_factory(x=76.9, y=43.2)
    add_factory(x=80.0, y=50.0)
    store.close()
    df = pyogrio.read_dataframe(store_path, layer="brick_factories", bbox=(76.8, 43.1, 77.0, 43.3))
    assert list(df["uuid"]) == [near.uuid]


# -- GDAL writes ---------------------------------------------------------------------------------
def append_with_gdal(path, rows):
    frame = gpd.GeoDataFrame(
        {"name": [r[0] for r in rows], "status": [r[1] for r in rows]},
        geometry=[shapely.Point(r[2], r[3]) for r in rows],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, path, layer="brick_factories", append=True)


def test_gdal_append_gets_a_uuid7_and_is_journaled_as_insert(store, store_path):
    store.close()
    append_with_gdal(store_path, [("Narynkol", "closed", 79.2, 42.7)])
    with Store.open(store_path) as s:
        (uuid,) = list(s.iter_uuids("brick_factories"))
        assert_uuid7(uuid)
        feature = s.get("brick_factories", uuid)
        assert feature["name"] == "Narynkol" and feature.geometry.equals(shapely.Point(79.2, 42.7))
        assert ops(s) == {
            uuid: (
                "insert",
                {"branch", "name", "status", "operator", "closed_on", "emissions_note", "observed_on", "notes", "geom"},
            )
        }
        assert s.repaired == {}  # GDAL left our triggers alone
        assert s.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_gdal_append_of_several_gives_distinct_uuids(store, store_path):
    mine = store.insert("brick_factories", {"name": "ours", "status": "closed"}, shapely.Point(76.9, 43.2))
    store.close()
    append_with_gdal(store_path, [(f"site {i}", "unknown", 76.0 + i / 10, 43.0) for i in range(5)])
    with Store.open(store_path) as s:
        uuids = list(s.iter_uuids("brick_factories"))
        assert len(uuids) == len(set(uuids)) == 6 and uuids[0] == mine.uuid
        for u in uuids:
            assert_uuid7(u)
        assert {op for op, _ in ops(s).values()} == {"insert"} and set(ops(s)) == set(uuids)
        # the R-tree index was maintained by GDAL's inserts too
        assert len(s.features("brick_factories", (75.9, 42.9, 76.45, 43.1))) == 5


# -- plain sqlite3 with only the standard ST_* functions -----------------------------------------
def test_sqlite_update_is_journaled_with_exactly_the_changed_fields(store, store_path, add_factory, plain_sqlite):
    feature = synced_factory(store, add_factory, operator="old")
    conn = plain_sqlite(store_path)
    conn.execute(
        "UPDATE brick_factories SET status = 'relocated', operator = NULL, updated_at = 'x' WHERE uuid = ?",
        (feature.uuid,),
    )
    conn.close()
    (change,) = store.changes()
    assert (change.uuid, change.op, set(change.fields)) == (feature.uuid, "update", {"status", "operator"})
    assert change.base["status"] == "closed" and change.base["operator"] == "old"
    assert change.current["status"] == "relocated" and change.current["operator"] is None


def test_sqlite_geometry_update_is_journaled_and_reindexed(store, store_path, add_factory, plain_sqlite, gpkg_blob):
    feature = synced_factory(store, add_factory)
    conn = plain_sqlite(store_path)
    conn.execute(
        "UPDATE brick_factories SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.Point(78.0, 45.0)), feature.uuid)
    )
    conn.close()
    assert ops(store) == {feature.uuid: ("update", {"geom"})}
    assert [f.uuid for f in store.features("brick_factories", (77.9, 44.9, 78.1, 45.1))] == [feature.uuid]
    assert store.features("brick_factories", (76.8, 43.1, 77.0, 43.3)) == []


def test_sqlite_delete_is_journaled(store, store_path, add_factory, plain_sqlite):
    feature = synced_factory(store, add_factory)
    conn = plain_sqlite(store_path)
    conn.execute("DELETE FROM brick_factories WHERE uuid = ?", (feature.uuid,))
    conn.close()
    (change,) = store.changes()
    assert (change.op, change.fields, change.current) == ("delete", (), None)
    assert change.base["name"] == feature["name"]


def assert_two_new_journaled_features(store):
    uuids = list(store.iter_uuids("brick_factories"))
    assert len(set(uuids)) == 2
    for u in uuids:
        assert_uuid7(u)
    assert ops(store).keys() == set(uuids)


def test_sqlite_insert_without_uuid_gets_one_and_is_journaled(store, store_path, plain_sqlite, gpkg_blob):
    conn = plain_sqlite(store_path)
    conn.execute(
        "INSERT INTO brick_factories (name, status, geom) VALUES ('x', 'closed', ?)",
        (gpkg_blob(shapely.Point(76.9, 43.2)),),
    )
    conn.execute(
        "INSERT INTO brick_factories (uuid, name, status, geom) VALUES ('not a uuid', 'y', 'closed', ?)",
        (gpkg_blob(shapely.Point(76.9, 43.2)),),
    )
    conn.close()
    assert_two_new_journaled_features(store)


def test_insert_with_an_explicit_null_uuid_gets_one(store, store_path, plain_sqlite, gpkg_blob):
    """QGIS binds NULL for a field the user left empty: NOT NULL ON CONFLICT REPLACE takes the default."""
    conn = plain_sqlite(store_path)
    for name in ("a", "b"):
        conn.execute(
            "INSERT INTO brick_factories (uuid, name, status, geom) VALUES (NULL, ?, 'closed', ?)",
            (name, gpkg_blob(shapely.Point(76.9, 43.2))),
        )
    conn.close()
    assert_two_new_journaled_features(store)


def test_bare_sqlite_without_st_functions_cannot_write(store, store_path, add_factory, plain_sqlite, gpkg_blob):
    feature = add_factory()
    conn = plain_sqlite(store_path, st_functions=False)
    with pytest.raises(sqlite3.OperationalError, match="no such function: ST_"):
        conn.execute(
            "INSERT INTO brick_factories (name, status, geom) VALUES ('x', 'closed', ?)",
            (gpkg_blob(shapely.Point(76.9, 43.2)),),
        )
    with pytest.raises(sqlite3.OperationalError, match="no such function: ST_"):
        conn.execute(
            "UPDATE brick_factories SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.Point(77, 43)), feature.uuid)
        )
    conn.close()
    assert store.count("brick_factories") == 1


def test_changing_a_uuid_through_sqlite_is_refused(store, store_path, add_factory, plain_sqlite):
    feature = add_factory()
    conn = plain_sqlite(store_path)
    with pytest.raises(sqlite3.IntegrityError, match="uuid of a feature is its identity"):
        conn.execute(
            "UPDATE brick_factories SET uuid = ? WHERE uuid = ?", ("01900000-0000-7000-8000-000000000001", feature.uuid)
        )
    conn.close()
    assert list(store.iter_uuids("brick_factories")) == [feature.uuid]


def test_edits_while_applying_server_changes_are_not_journaled(store, store_path, add_factory, plain_sqlite, gpkg_blob):
    feature = synced_factory(store, add_factory)
    conn = plain_sqlite(store_path)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE baytak_sync_state SET applying = 1")
    conn.execute("UPDATE brick_factories SET name = 'from server' WHERE uuid = ?", (feature.uuid,))
    conn.execute(
        "INSERT INTO brick_factories (uuid, name, status, geom) VALUES (?, 'new', 'closed', ?)",
        ("01900000-0000-7000-8000-000000000002", gpkg_blob(shapely.Point(76.9, 43.2))),
    )
    conn.execute("UPDATE baytak_sync_state SET applying = 0")
    conn.execute("COMMIT")
    conn.close()
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone() == (0,)
    assert store.changes() == []
    assert store.get("brick_factories", feature.uuid)["name"] == "from server"
    assert store.count("brick_factories") == 2
