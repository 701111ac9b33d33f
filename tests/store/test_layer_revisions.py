"""Schema revisions applied to a store: a new layer as complete as a built-in one, new columns on a
layer with unsynced edits, all or nothing, and read by GDAL and plain SQLite like any other layer."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pyogrio
import pytest
import shapely
from layer_helpers import DEPTH, ILLEGAL_DUMPS, KILNS, with_field

from baytak_desktop.errors import StoreError
from baytak_desktop.layers.catalog import builtin_catalog
from baytak_desktop.layers.definition import parse
from baytak_desktop.store import Store, journal
from baytak_desktop.store.check import check_store
from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

DUMPS = parse(ILLEGAL_DUMPS, "illegal_dumps")
ABAT = shapely.MultiPolygon([shapely.box(77.02, 43.64, 77.04, 43.66)])


def revisions(*definitions) -> list[PublishedRevision]:
    return [PublishedRevision(n, 100 + n, d, "admin", "2026-01-01T00:00:00Z") for n, d in enumerate(definitions, 1)]


def later_revisions() -> list[PublishedRevision]:
    """A new layer, then a field on quarries and one on brick factories: three revisions."""
    catalog = builtin_catalog()
    return revisions(
        DUMPS,
        with_field(catalog.definition("quarries"), DEPTH),
        with_field(catalog.definition("brick_factories"), KILNS),
    )


def apply(store: Store, published: list[PublishedRevision]) -> list[int]:
    with store.session() as conn:
        return apply_revisions(conn, published)


def test_a_new_layer_has_everything_a_built_in_one_has(store, store_path, plain_sqlite):
    assert apply(store, revisions(DUMPS)) == [1]
    conn = store.conn
    assert store.catalog.names[-1] == "illegal_dumps" and store.catalog.revision == 1
    contents = conn.execute(
        "SELECT data_type, identifier, srs_id FROM gpkg_contents WHERE table_name = 'illegal_dumps'"
    )
    assert contents.fetchone() == ("features", "Illegal dumps", 4326)
    assert conn.execute(
        "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = 'illegal_dumps'"
    ).fetchone() == ("POINT",)
    assert (
        conn.execute("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rtree_illegal_dumps_geom%'").fetchone()[0] > 1
    )
    assert journal.missing_or_altered_triggers(conn, store.layer("illegal_dumps")) == []
    described = dict(
        conn.execute("SELECT column_name, constraint_name FROM gpkg_data_columns WHERE table_name = 'illegal_dumps'")
    )
    assert described["status"] == "illegal_dumps_status" and described["branch"] == "branch"
    assert described["volume_m3"] == "illegal_dumps_volume_m3_range"
    enum = conn.execute(
        "SELECT value, description FROM gpkg_data_column_constraints WHERE constraint_name = 'illegal_dumps_status'"
    ).fetchall()
    assert enum == [("active", "Active"), ("cleaned", "Cleaned")]
    labels = conn.execute("SELECT code, label_kk FROM baytak_vocabularies WHERE vocabulary = 'illegal_dumps_status'")
    assert sorted(labels) == [("active", "Белсенді"), ("cleaned", "Тазартылды")]
    assert conn.execute(
        "SELECT min, max FROM gpkg_data_column_constraints WHERE constraint_name = 'illegal_dumps_volume_m3_range'"
    ).fetchone() == (0, 1_000_000)

    dump = store.insert(
        "illegal_dumps",
        {"name": "Үйінді", "status": "Белсенді", "burning": "да", "volume_m3": "1 200,5"},
        shapely.Point(76.9, 43.2),
    )
    assert dump.attributes["status"] == "active" and dump.attributes["burning"] == 1
    assert dump.attributes["volume_m3"] == 1200.5
    assert store.features("illegal_dumps", bbox=(76.8, 43.1, 77.0, 43.3))[0].uuid == dump.uuid  # the R-tree
    assert [(c.layer, c.op) for c in store.changes()] == [("illegal_dumps", "insert")]
    with closing(plain_sqlite(store_path)) as other:  # another tool's insert is journaled and gets a uuid
        other.execute("INSERT INTO illegal_dumps (name, status, geom) VALUES ('Басқа', 'active', NULL)")
    assert len(store.changes("illegal_dumps")) == 2
    frame = pyogrio.read_dataframe(store_path, layer="illegal_dumps")
    assert set(frame["name"]) == {"Үйінді", "Басқа"}
    errors = [f for f in check_store(store) if f.severity == "error"]  # validate checks the new layer too
    assert [(f.layer, f.check) for f in errors] == [("illegal_dumps", "feature")]
    assert "no geometry" in errors[0].message  # the other tool's row without a geometry


def test_new_fields_reach_a_layer_with_unsynced_edits_which_stay_as_they_were(store):
    quarry = store.insert("quarries", {"name": "Абат", "status": "illegal"}, ABAT)
    factory = store.insert("brick_factories", {"name": "Нарынқол", "status": "closed"}, shapely.Point(80.1, 42.7))
    with store.session() as conn:  # both synced
        from baytak_desktop.store.changes import mark_synced

        mark_synced(conn, "quarries", [quarry.uuid])
        mark_synced(conn, "brick_factories", [factory.uuid])
    store.update("quarries", quarry.uuid, {"status": "abandoned", "notes": "тоқтатылды"})
    store.delete("brick_factories", factory.uuid)
    outflow = store.insert("sewage_outflows", {"name": "Сорбұлақ", "status": "active"}, shapely.Point(76.6, 43.6))
    before = [(c.layer, c.uuid, c.op, c.fields) for c in store.changes()]
    journal_before = store.conn.execute("SELECT layer, uuid, op, columns FROM baytak_journal ORDER BY id").fetchall()

    assert apply(store, later_revisions()) == [1, 2, 3]
    after = [(c.layer, c.uuid, c.op, tuple(f for f in c.fields if f != "depth_m")) for c in store.changes()]
    assert after == [(layer, uuid, op, tuple(f for f in fields)) for layer, uuid, op, fields in before]
    assert (
        store.conn.execute("SELECT layer, uuid, op, columns FROM baytak_journal ORDER BY id").fetchall()
        == journal_before
    )
    for table in ("quarries", "baytak_base_quarries"):
        assert "depth_m" in [r[1] for r in store.conn.execute(f'PRAGMA table_info("{table}")')]
    base = store.conn.execute("SELECT status, depth_m FROM baytak_base_quarries WHERE uuid = ?", (quarry.uuid,))
    assert base.fetchone() == ("illegal", None)  # the base of the pending edit: the new column is no edit
    store.update("quarries", quarry.uuid, {"depth_m": 14})
    (change,) = store.changes("quarries")
    assert change.fields == ("status", "depth_m", "notes") and change.current["depth_m"] == 14.0
    assert outflow.uuid in {c.uuid for c in store.changes()}


def test_a_revision_seen_again_is_skipped_and_the_catalog_survives_reopening(store_path):
    with Store.create(store_path) as store:
        assert apply(store, later_revisions()[:1]) == [1]
        assert apply(store, later_revisions()) == [2, 3]  # a page fetched again brings 1 once more
        assert apply(store, later_revisions()) == []
    with Store.open(store_path, readonly=True) as store:
        assert store.catalog.revision == 3 and "kiln_count" in store.layer("brick_factories").field_names
        done = store.conn.execute(
            "SELECT version, name FROM baytak_migrations WHERE series = 'layers' ORDER BY version"
        )
        assert done.fetchall() == [(1, "layer illegal_dumps"), (2, "layer quarries"), (3, "layer brick_factories")]


def test_a_revision_that_cannot_be_applied_changes_nothing(store, store_path):
    with closing(sqlite3.connect(store_path)) as other:  # a user's own table in QGIS, with the same name
        other.execute("CREATE TABLE illegal_dumps (id INTEGER PRIMARY KEY, note TEXT)")
        other.commit()
    store.insert("tree_plantings", {"species": "elm", "tree_count": 5, "status": "planted"}, shapely.Point(76.9, 43.2))
    with pytest.raises(StoreError, match="already has a table illegal_dumps that is not a Baytak layer"):
        apply(store, later_revisions())
    assert store.catalog.revision == 0 and "depth_m" not in store.layer("quarries").field_names
    assert store.conn.execute("SELECT count(*) FROM baytak_layer_revisions").fetchone() == (0,)
    assert len(store.changes()) == 1


def test_the_new_layer_exports_and_imports(store, tmp_path: Path):
    from baytak_desktop.io.exporter import export_layer
    from baytak_desktop.io.importer import import_file

    apply(store, revisions(DUMPS))
    store.insert("illegal_dumps", {"name": "Үйінді", "status": "active", "burning": 0}, shapely.Point(76.9, 43.2))
    out = tmp_path / "dumps.geojson"
    exported = export_layer(store, "illegal_dumps", out)
    assert (exported.count, exported.warnings) == (1, [])
    store.update("illegal_dumps", store.features("illegal_dumps")[0].uuid, {"burning": 1})
    result = import_file(store, out, "illegal_dumps")  # its uuid is the store's: an update, not a copy
    assert (result.updated, store.count("illegal_dumps")) == (1, 1)
    assert store.features("illegal_dumps")[0]["burning"] == 0
    out.write_text(out.read_text(encoding="utf-8").replace('"uuid"', '"old_uuid"'), encoding="utf-8")
    assert import_file(store, out, "illegal_dumps").imported == 1 and store.count("illegal_dumps") == 2


def test_the_catalog_is_read_once_and_again_after_a_sync_announces_new_layers(store_path):
    """An edit never reads the layer definitions (a read that may wait for QGIS's lock): the store keeps
    them until a revision is applied by itself, or by a store sharing its events that announces it."""
    from baytak_desktop.store.meter import metered

    with Store.create(store_path) as created:
        created.insert("quarries", {"name": "Абат", "status": "illegal"}, ABAT)
    with metered() as meter, Store.open(store_path) as window, Store.open(store_path, events=window.events) as sync:
        assert "illegal_dumps" not in window.catalog.names
        mark = meter.mark()
        window.insert("quarries", {"name": "Қордай", "status": "illegal"}, ABAT)
        window.update("quarries", window.insert("quarries", {"name": "Б", "status": "illegal"}, ABAT).uuid, {})
        assert not [c for c in meter.since(mark) if "baytak_layer_revisions" in c.what]
        assert apply(sync, revisions(DUMPS)) == [1]
        assert "illegal_dumps" not in window.catalog.names  # not announced yet: the window keeps what it read
        sync.announce(sync.events.catalog_changed)
        assert window.catalog.names[-1] == "illegal_dumps" and sync.catalog.names[-1] == "illegal_dumps"
        assert apply(window, later_revisions()[1:]) == [2, 3]  # its own transaction: read again at once
        assert "kiln_count" in window.layer("brick_factories").field_names


def test_a_readers_catalog_sees_layers_added_through_any_connection_and_an_edit_never_reads_them(
    store_path, plain_sqlite
):
    """A reader (a read-only store with events of its own: the window's reader threads) keeps the catalog
    it read while only features change, and reads it again once another connection added a layer or a
    field: the window's sync (a store with other events), or a plain SQLite connection (a script)."""
    from baytak_desktop.store.meter import metered

    with Store.create(store_path) as created:
        created.insert("quarries", {"name": "Абат", "status": "illegal"}, ABAT)
    with metered() as meter, Store.open(store_path) as window, Store.open(store_path, readonly=True) as reader:
        assert "illegal_dumps" not in reader.catalog.names
        mark = meter.mark()
        window.insert("quarries", {"name": "Қордай", "status": "illegal"}, ABAT)  # another connection edits
        assert "illegal_dumps" not in reader.catalog.names and reader.layer("quarries").name == "quarries"
        assert not [c for c in meter.since(mark) if c.what.startswith("SELECT revision, definition")]
        assert apply(window, revisions(DUMPS)) == [1]  # announced on the window's events, not the reader's
        assert reader.catalog.names[-1] == "illegal_dumps" and reader.catalog.revision == 1
        conn = plain_sqlite(store_path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            apply_revisions(conn, later_revisions())
            conn.execute("COMMIT")
        finally:
            conn.close()
        assert reader.catalog.revision == 3 and "kiln_count" in reader.layer("brick_factories").field_names
