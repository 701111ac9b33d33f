"""The store: create/open, refusing non-GeoPackages, CRUD by uuid, sessions, bbox through the R-tree."""

from __future__ import annotations

import os
import sqlite3
import stat

import geopandas as gpd
import pyogrio
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baytak_desktop.errors import (
    FeatureNotFound,
    NotAGeoPackage,
    NotAStore,
    ReadOnlyStore,
    StoreError,
    StoreTooNew,
    UnknownLayer,
    ValidationError,
)
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.gpkg import APPLICATION_ID
from baytak_desktop.store.migrations import MIGRATIONS, SCHEMA_VERSION
from baytak_desktop.store.store import bbox_sql

BRICK_FACTORIES = LAYERS["brick_factories"]


def journal_rows(store):
    return store.conn.execute("SELECT layer, uuid, op, columns FROM baytak_journal ORDER BY id").fetchall()


# -- creating and opening ------------------------------------------------------------------------
def test_create_makes_a_geopackage_with_every_layer(store):
    conn = store.conn
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == 0x47504B47
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    contents = dict(conn.execute("SELECT table_name, data_type FROM gpkg_contents"))
    assert {name: contents[name] for name in LAYERS} == dict.fromkeys(LAYERS, "features")
    geom_cols = dict(conn.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
    assert geom_cols == {name: schema.geometry_type for name, schema in LAYERS.items()}
    for name in LAYERS:
        assert conn.execute(f'SELECT count(*) FROM "rtree_{name}_geom"').fetchone()[0] == 0
    assert store.schema_version() == SCHEMA_VERSION
    assert store.count("brick_factories") == 0


def test_reopen_keeps_features_and_device_id(store, store_path, add_factory):
    feature = add_factory()
    device = store.device_id
    store.close()
    with Store.open(store_path) as again:
        assert again.get("brick_factories", feature.uuid).attributes == feature.attributes
        assert again.device_id == device
        assert again.repaired == {}
        assert again.conn.execute("SELECT count(*) FROM baytak_migrations").fetchone()[0] == len(MIGRATIONS)


def test_create_refuses_an_existing_file(store_path):
    store_path.write_bytes(b"precious")
    with pytest.raises(StoreError, match="already exists"):
        Store.create(store_path)
    assert store_path.read_bytes() == b"precious"


def test_create_refuses_a_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store.create(tmp_path / "nowhere" / "s.gpkg")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "the file is empty"),
        (b"Name;Status\nNarynkol;closed\n", "it is not an SQLite database"),
        (b"SQLite format 3", "it is not an SQLite database"),
    ],
)
def test_open_refuses_files_that_are_not_sqlite(tmp_path, content, reason):
    path = tmp_path / "x.gpkg"
    path.write_bytes(content)
    with pytest.raises(NotAGeoPackage) as info:
        Store.open(path)
    assert str(info.value).startswith(f"{path} is not a GeoPackage: {reason}")  # SQLite's words after ours


def test_open_refuses_a_plain_sqlite_database(tmp_path):
    path = tmp_path / "plain.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAGeoPackage, match="an SQLite database without the GeoPackage mark"):
        Store.open(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("t",)]  # untouched


def test_open_refuses_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(NotAGeoPackage, match="does not exist"):
        Store.open(tmp_path / "missing.gpkg")
    with pytest.raises(NotAGeoPackage, match="folder"):
        Store.open(tmp_path)


def test_readonly_store_reads_but_refuses_writes(store, store_path, add_factory):
    feature = add_factory()
    store.close()
    with Store.open(store_path, readonly=True) as ro:
        assert ro.get("brick_factories", feature.uuid).attributes["name"] == feature.attributes["name"]
        with pytest.raises(ReadOnlyStore, match="cannot be written"):
            ro.insert("brick_factories", {"name": "B", "status": "closed"}, shapely.Point(76.9, 43.2))
        with pytest.raises(ReadOnlyStore):
            ro.update("brick_factories", feature.uuid, {"name": "C"})
        with pytest.raises(ReadOnlyStore):
            ro.delete("brick_factories", feature.uuid)
        assert ro.count("brick_factories") == 1
    with Store.open(store_path) as rw:
        assert rw.get("brick_factories", feature.uuid).attributes["name"] == feature.attributes["name"]


def test_read_only_file_is_refused_for_writing(store, store_path):
    store.close()
    os.chmod(store_path, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        if os.access(store_path, os.W_OK):
            pytest.skip("running as root: a 0o444 file is still writable, so there is nothing to refuse")
        with pytest.raises(ReadOnlyStore, match="read-only"):
            Store.open(store_path)
    finally:
        os.chmod(store_path, 0o644)


# -- features ------------------------------------------------------------------------------------
def test_insert_get_update_delete_by_uuid(store, add_factory):
    feature = add_factory(name="Narynkol", status="operating", operator="ТОО Кірпіш")
    assert feature.fid is not None and feature.geometry.equals(shapely.Point(76.9, 43.2))
    assert feature["created_at"] == feature["updated_at"] and feature["created_at"].endswith("Z")
    got = store.get("brick_factories", feature.uuid)
    assert got.attributes == feature.attributes

    updated = store.update(
        "brick_factories", feature.uuid, {"status": "закрыт"}, shapely.Point(77.0, 43.3), user="aigerim"
    )
    assert updated["status"] == "closed" and updated["operator"] == "ТОО Кірпіш"
    assert updated["updated_by"] == "aigerim" and updated.geometry.equals(shapely.Point(77.0, 43.3))

    store.delete("brick_factories", feature.uuid)
    assert store.count("brick_factories") == 0
    with pytest.raises(FeatureNotFound):
        store.get("brick_factories", feature.uuid)


def test_insert_with_a_given_uuid_keeps_it(store):
    wanted = "01900000-0000-7000-8000-000000000001"
    f = store.insert("brick_factories", {"name": "a", "status": "closed"}, shapely.Point(76.9, 43.2), uuid=wanted)
    assert f.uuid == wanted and list(store.iter_uuids("brick_factories")) == [wanted]


def test_quarry_polygon_stored_as_multipolygon_with_area(store):
    f = store.insert("quarries", {"name": "Abat", "status": "незаконный"}, shapely.box(76.9, 43.6, 76.91, 43.61))
    assert f.geometry.geom_type == "MultiPolygon"
    assert f["status"] == "illegal"
    assert f["area_ha"] == pytest.approx(89.70, abs=0.01)
    bigger = store.update("quarries", f.uuid, geometry=shapely.box(76.9, 43.6, 76.92, 43.61))
    assert bigger["area_ha"] == pytest.approx(2 * 89.70, abs=0.05)


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.get("brick_factories", "01900000-0000-7000-8000-00000000dead"),
        lambda s: s.update("brick_factories", "01900000-0000-7000-8000-00000000dead", {"name": "x"}),
        lambda s: s.delete("brick_factories", "01900000-0000-7000-8000-00000000dead"),
    ],
)
def test_unknown_uuid_is_feature_not_found(store, add_factory, call):
    add_factory()
    with pytest.raises(FeatureNotFound, match="00000000dead in layer brick_factories"):
        call(store)
    assert store.count("brick_factories") == 1


def test_unknown_layer_names_the_known_ones(store):
    with pytest.raises(UnknownLayer, match="brick_factories"):
        store.count("bricks")


def test_validation_error_lists_every_problem_and_writes_nothing(store, add_factory):
    good = add_factory()
    before = journal_rows(store)
    with pytest.raises(ValidationError) as info:
        store.insert("brick_factories", {"status": "demolished", "observed_on": "2023-02-30"}, shapely.Point(76.9, 95))
    fields = {p.field for p in info.value.problems if p.severity == "error"}
    assert fields == {"name", "status", "observed_on", "geom"}
    assert "field name: is required" in str(info.value)
    with pytest.raises(ValidationError, match="status"):
        store.update("brick_factories", good.uuid, {"status": "demolished"})
    assert store.count("brick_factories") == 1
    assert store.get("brick_factories", good.uuid).attributes == good.attributes
    assert journal_rows(store) == before


def test_outside_kazakhstan_is_kept_with_a_warning(store):
    f = store.insert("brick_factories", {"name": "Paris", "status": "unknown"}, shapely.Point(2.35, 48.85))
    assert store.get("brick_factories", f.uuid).geometry.equals(shapely.Point(2.35, 48.85))


def test_gpkg_contents_extent_follows_inserts(store, add_factory):
    extent = "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'brick_factories'"
    assert store.conn.execute(extent).fetchone() == (None, None, None, None)
    add_factory(x=76.9, y=43.2)
    add_factory(x=78.5, y=45.0)
    min_x, min_y, max_x, max_y = store.conn.execute(extent).fetchone()
    # the R-tree keeps 32-bit floats, rounded outwards
    assert min_x == pytest.approx(76.9, abs=1e-4) and min_x <= 76.9
    assert min_y == pytest.approx(43.2, abs=1e-4) and min_y <= 43.2
    assert max_x == pytest.approx(78.5, abs=1e-4) and max_x >= 78.5
    assert max_y == pytest.approx(45.0, abs=1e-4) and max_y >= 45.0


# -- sessions ------------------------------------------------------------------------------------
def test_inner_session_joins_the_outer_transaction(store, add_factory):
    with store.session():
        with store.session():
            add_factory(name="inner")
        assert store.session.depth == 1
        assert store.conn.in_transaction
    assert not store.conn.in_transaction
    assert store.count("brick_factories") == 1


def test_exception_in_outer_session_rolls_back_inner_writes(store, add_factory):
    with pytest.raises(RuntimeError, match="cancelled"), store.session():
        add_factory(name="one")
        with store.session():
            add_factory(name="two")
        raise RuntimeError("cancelled")
    assert store.count("brick_factories") == 0
    assert journal_rows(store) == []
    assert not store.conn.in_transaction and store.session.depth == 0
    add_factory(name="after")  # the store is usable again
    assert store.count("brick_factories") == 1


def test_committed_session_is_visible_to_another_connection(store, store_path, add_factory):
    with store.session():
        add_factory(name="one")
        other = sqlite3.connect(store_path)
        assert other.execute("SELECT count(*) FROM brick_factories").fetchone()[0] == 0  # not yet
    assert other.execute("SELECT count(*) FROM brick_factories").fetchone()[0] == 1
    other.close()


# -- spatial queries -----------------------------------------------------------------------------
GRID = [(76.0 + 0.5 * i, 43.0 + 0.5 * j) for i in range(6) for j in range(6)]


def test_bbox_returns_exactly_the_features_meeting_the_box(store, add_factory):
    uuids = {xy: add_factory(name=f"{xy}", x=xy[0], y=xy[1]).uuid for xy in GRID}
    quarry = store.insert("quarries", {"name": "Karaoy", "status": "illegal"}, shapely.box(76.2, 43.2, 76.8, 43.4))
    for box in [
        (76.25, 43.25, 77.25, 44.25),
        (75.0, 42.0, 76.0, 43.0),
        (76.1, 43.1, 76.4, 43.4),
        (76.0, 43.0, 78.5, 45.5),
        (80.0, 40.0, 81.0, 41.0),
    ]:
        minx, miny, maxx, maxy = box
        want = {u for (x, y), u in uuids.items() if minx <= x <= maxx and miny <= y <= maxy}
        assert {f.uuid for f in store.features("brick_factories", box)} == want, box
        fids = set(store.fids_in_bbox("brick_factories", box))
        assert fids == {store.get("brick_factories", u).fid for u in want}
    assert [f.uuid for f in store.features("quarries", (76.7, 43.35, 77.0, 44.0))] == [quarry.uuid]
    assert [f.uuid for f in store.features("quarries", (76.3, 43.25, 76.4, 43.3))] == [quarry.uuid]  # inside
    assert store.features("quarries", (76.81, 43.0, 77.0, 44.0)) == []


def test_bbox_query_uses_the_rtree(store, add_factory):
    add_factory()
    schema = BRICK_FACTORIES
    sql, params = bbox_sql(schema.name, f'SELECT fid FROM "{schema.name}"', (76, 43, 77, 44))
    plan = " | ".join(row[-1] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert f'"rtree_{schema.name}_geom" AS r' in sql
    assert "SCAN r VIRTUAL TABLE INDEX" in plan, plan  # the R-tree is what is scanned
    assert "USING INTEGER PRIMARY KEY" in plan, plan  # features fetched by fid, not by a table scan
    assert "SCAN brick_factories" not in plan, plan


def test_deleted_and_moved_features_leave_the_index(store, add_factory):
    a = add_factory(x=76.9, y=43.2)
    b = add_factory(x=77.9, y=44.2)
    store.update("brick_factories", b.uuid, geometry=shapely.Point(76.95, 43.25))
    store.delete("brick_factories", a.uuid)
    assert [f.uuid for f in store.features("brick_factories", (76.8, 43.1, 77.0, 43.3))] == [b.uuid]
    assert store.features("brick_factories", (77.8, 44.1, 78.0, 44.3)) == []
    assert store.conn.execute("SELECT count(*) FROM rtree_brick_factories_geom").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.mark.parametrize("bad", ["NOT-A-UUID", "01900000-0000-7000-8000-00000000000A", ""])
def test_insert_with_an_invalid_uuid_is_refused_and_writes_nothing(store, bad):
    with pytest.raises(ValidationError, match="not a lowercase UUID"):
        store.insert("brick_factories", {"name": "a", "status": "closed"}, shapely.Point(76.9, 43.2), uuid=bad)
    assert store.count("brick_factories") == 0 and journal_rows(store) == []


def test_bbox_edge_finer_than_the_rtree_float32_precision(store, add_factory):
    f = add_factory(x=76.9, y=43.2)
    assert store.features("brick_factories", (76.900001, 43.0, 77.0, 44.0)) == []  # just east of it
    assert store.features("brick_factories", (76.0, 43.0, 76.899999, 44.0)) == []  # just west of it
    assert [g.uuid for g in store.features("brick_factories", (76.9, 43.2, 76.9, 43.2))] == [f.uuid]
    # the raw R-tree answer is only a superset: it may include the point
    assert f.fid in store.fids_in_bbox("brick_factories", (76.899, 43.0, 76.9000001, 44.0))


coordinate = st.floats(76.0, 78.0, allow_nan=False)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    points=st.lists(st.tuples(coordinate, coordinate.map(lambda v: v - 33)), min_size=1, max_size=15),
    corners=st.tuples(coordinate, coordinate.map(lambda v: v - 33), coordinate, coordinate.map(lambda v: v - 33)),
)
def test_bbox_property_exactly_the_points_in_the_box(tmp_path_factory, points, corners):
    minx, maxx = sorted(corners[0::2])
    miny, maxy = sorted(corners[1::2])
    with Store.create(tmp_path_factory.mktemp("bbox") / "s.gpkg") as s:
        made = [
            (s.insert("brick_factories", {"name": "p", "status": "closed"}, shapely.Point(x, y)).uuid, x, y)
            for x, y in points
        ]
        want = {u for u, x, y in made if minx <= x <= maxx and miny <= y <= maxy}
        assert {f.uuid for f in s.features("brick_factories", (minx, miny, maxx, maxy))} == want


def gdal_geopackage(path, layer, geometry):
    frame = gpd.GeoDataFrame({"name": ["x"]}, geometry=[geometry], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer=layer)


@pytest.mark.parametrize("table", ["roads", "quarries"])
@pytest.mark.parametrize("readonly", [False, True])
def test_open_refuses_a_geopackage_made_by_gdal_and_leaves_it_alone(tmp_path, table, readonly):
    """Another program's GeoPackage is never turned into a store (issue 13): not even its journal mode."""
    path = tmp_path / "roads.gpkg"
    gdal_geopackage(path, table, shapely.LineString([(76, 43), (77, 44)]))
    before = path.read_bytes()
    with pytest.raises(NotAStore, match="is a GeoPackage but not a Baytak store"):
        Store.open(path, readonly=readonly)
    assert path.read_bytes() == before


def test_open_refuses_a_store_from_a_newer_version(store, store_path):
    with store.session() as conn:
        conn.execute("INSERT INTO baytak_migrations VALUES ('program', 99, 'future', '2030-01-01T00:00:00Z')")
    store.close()
    with pytest.raises(StoreTooNew, match="newer baytak-desktop") as refused:
        Store.open(store_path)
    assert isinstance(refused.value, StoreError) and refused.value.params == {"found": 99, "known": SCHEMA_VERSION}


def test_inner_session_failure_is_undone_even_when_caught(store):
    from baytak_desktop.errors import ValidationError

    with store.session():
        store.insert("brick_factories", {"name": "kept", "status": "closed"}, shapely.Point(76.9, 43.2))
        try:
            with store.session() as conn:
                conn.execute("DELETE FROM baytak_journal")
                raise ValidationError([])
        except ValidationError:
            pass
    assert store.count("brick_factories") == 1
    assert len(store.changes()) == 1
