"""Net change per feature since the last sync, and the trigger self-check on open."""

from __future__ import annotations

import shapely

from baytak_desktop.layers import get_layer
from baytak_desktop.store import Store, journal
from baytak_desktop.store.changes import mark_synced

LAYER = "brick_factories"
ALL_FIELDS = {"branch", "name", "status", "operator", "closed_on", "emissions_note", "observed_on", "notes", "geom"}


def net(store):
    return {c.uuid: (c.op, set(c.fields)) for c in store.changes(LAYER)}


def sync(store, *uuids):
    with store.session() as conn:
        mark_synced(conn, LAYER, list(uuids))


def test_new_store_has_no_changes(store):
    assert store.changes() == []


def test_insert_is_an_insert_of_every_tracked_field(store, add_factory):
    f = add_factory()
    assert net(store) == {f.uuid: ("insert", ALL_FIELDS)}
    (change,) = store.changes()
    assert change.base is None and change.current["name"] == f["name"]


def test_insert_then_update_is_still_an_insert(store, add_factory):
    f = add_factory()
    store.update(LAYER, f.uuid, {"name": "renamed"}, shapely.Point(77, 43))
    assert net(store) == {f.uuid: ("insert", ALL_FIELDS)}
    assert store.changes()[0].current["name"] == "renamed"


def test_insert_then_delete_is_nothing(store, add_factory):
    f = add_factory()
    store.delete(LAYER, f.uuid)
    assert store.changes() == []


def test_after_sync_an_update_records_base_and_changed_fields(store, add_factory):
    f = add_factory(operator="ТОО А")
    sync(store, f.uuid)
    assert store.changes() == []
    store.update(LAYER, f.uuid, {"status": "relocated"})
    store.update(LAYER, f.uuid, {"operator": None})
    (change,) = store.changes()
    assert (change.op, set(change.fields)) == ("update", {"status", "operator"})
    assert change.base["status"] == "closed" and change.base["operator"] == "ТОО А"
    base_rows = store.conn.execute(f"SELECT uuid, status FROM {journal.base_table(LAYER)}").fetchall()
    assert base_rows == [(f.uuid, "closed")]  # saved once, on the first edit


def test_bookkeeping_only_update_is_not_a_change(store, add_factory):
    f = add_factory()
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"name": f["name"]}, user="someone")  # same value, new updated_at/by
    assert store.changes() == []


def test_update_reverted_to_base_is_nothing(store, add_factory):
    f = add_factory()
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"name": "other", "operator": "x"}, shapely.Point(77, 44))
    store.update(LAYER, f.uuid, {"name": f["name"], "operator": None}, f.geometry)
    assert store.changes() == []


def test_update_then_delete_is_delete(store, add_factory):
    f = add_factory()
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"name": "other"})
    store.delete(LAYER, f.uuid)
    (change,) = store.changes()
    assert (change.op, change.current) == ("delete", None)
    assert change.base["name"] == f["name"]  # the last-synced state, not the intermediate edit


def test_delete_then_reinsert_same_values_is_nothing(store, add_factory):
    f = add_factory(operator="op")
    sync(store, f.uuid)
    store.delete(LAYER, f.uuid)
    store.insert(LAYER, {"name": f["name"], "status": f["status"], "operator": "op"}, f.geometry, uuid=f.uuid)
    assert store.changes() == []


def test_delete_then_reinsert_with_one_changed_value_is_update_of_that_field(store, add_factory):
    f = add_factory(operator="op")
    sync(store, f.uuid)
    store.delete(LAYER, f.uuid)
    store.insert(LAYER, {"name": f["name"], "status": "unknown", "operator": "op"}, f.geometry, uuid=f.uuid)
    assert net(store) == {f.uuid: ("update", {"status"})}


def test_mark_synced_of_a_delete_forgets_the_feature(store, add_factory):
    f = add_factory()
    sync(store, f.uuid)
    store.delete(LAYER, f.uuid)
    sync(store, f.uuid)
    assert store.changes() == []
    assert store.conn.execute("SELECT count(*) FROM baytak_synced").fetchone() == (0,)
    store.insert(LAYER, {"name": "again", "status": "closed"}, f.geometry, uuid=f.uuid)
    assert net(store) == {f.uuid: ("insert", ALL_FIELDS)}


def test_null_to_value_and_back_are_changes(store, add_factory):
    f = add_factory()
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"notes": "seen from the road"})
    assert net(store) == {f.uuid: ("update", {"notes"})}
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"notes": None})
    assert net(store) == {f.uuid: ("update", {"notes"})}


def test_changes_are_per_layer_and_in_first_edit_order(store, add_factory):
    a = add_factory(name="a")
    q = store.insert("quarries", {"name": "q", "status": "illegal"}, shapely.box(76.9, 43.6, 76.91, 43.61))
    b = add_factory(name="b")
    assert [c.uuid for c in store.changes()] == [q.uuid, a.uuid, b.uuid]  # layers in schema order
    assert [c.uuid for c in store.changes(LAYER)] == [a.uuid, b.uuid]
    assert [c.uuid for c in store.changes("quarries")] == [q.uuid]


# -- the trigger self-check ----------------------------------------------------------------------
def test_all_triggers_present_on_a_new_store(store):
    from baytak_desktop.layers import LAYERS

    for schema in LAYERS.values():
        assert journal.missing_or_altered_triggers(store.conn, schema) == []


def test_missing_triggers_are_reinstalled_and_missed_edits_journaled(
    store, store_path, add_factory, plain_sqlite, gpkg_blob
):
    kept, edited, deleted = add_factory(name="kept"), add_factory(name="edited"), add_factory(name="deleted")
    sync(store, kept.uuid, edited.uuid, deleted.uuid)
    store.close()

    conn = plain_sqlite(store_path)
    journal.drop_triggers(conn, LAYER)  # as a GDAL table rebuild would
    missing = journal.missing_or_altered_triggers(conn, get_layer(LAYER))
    assert sorted(missing) == sorted(journal.trigger_names(LAYER))
    conn.execute(
        "INSERT INTO brick_factories (name, status, geom) VALUES ('sneaked in', 'closed', ?)",
        (gpkg_blob(shapely.Point(76.95, 43.25)),),
    )
    conn.execute("UPDATE brick_factories SET status = 'relocated' WHERE uuid = ?", (edited.uuid,))
    conn.execute("DELETE FROM brick_factories WHERE uuid = ?", (deleted.uuid,))
    assert conn.execute("SELECT count(*) FROM baytak_journal").fetchone() == (0,)  # nothing was journaled
    conn.close()

    with Store.open(store_path) as s:
        assert journal.missing_or_altered_triggers(s.conn, get_layer(LAYER)) == []
        assert s.repaired == {LAYER: 3}
        changes = {c.uuid: c for c in s.changes()}
        (sneaked,) = [u for u in s.iter_uuids(LAYER) if u not in (kept.uuid, edited.uuid)]
        assert set(changes) == {sneaked, edited.uuid, deleted.uuid}
        assert changes[sneaked].op == "insert" and changes[sneaked].current["name"] == "sneaked in"
        assert changes[edited.uuid].op == "update" and "status" in changes[edited.uuid].fields
        assert changes[deleted.uuid].op == "delete"
        # and the re-installed triggers work again
        s.update(LAYER, kept.uuid, {"operator": "new"})
        assert {c.uuid for c in s.changes()} == {sneaked, edited.uuid, deleted.uuid, kept.uuid}

    with Store.open(store_path) as again:
        assert again.repaired == {}


def test_one_missing_trigger_is_enough_to_trigger_repair(store, store_path, add_factory, plain_sqlite):
    f = add_factory()
    sync(store, f.uuid)
    store.close()
    conn = plain_sqlite(store_path)
    conn.execute(f'DROP TRIGGER "baytak_journal_{LAYER}_delete"')
    conn.execute("DELETE FROM brick_factories WHERE uuid = ?", (f.uuid,))
    conn.close()
    with Store.open(store_path) as s:
        assert s.repaired == {LAYER: 1}
        assert [(c.uuid, c.op) for c in s.changes()] == [(f.uuid, "delete")]
        assert journal.missing_or_altered_triggers(s.conn, get_layer(LAYER)) == []


def test_an_altered_trigger_is_replaced(store, store_path, plain_sqlite):
    store.close()
    conn = plain_sqlite(store_path)
    name = f"baytak_journal_{LAYER}_update"
    conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(f'CREATE TRIGGER "{name}" AFTER UPDATE ON "{LAYER}" BEGIN SELECT 1; END')
    assert journal.missing_or_altered_triggers(conn, get_layer(LAYER)) == [name]
    conn.close()
    with Store.open(store_path) as s:
        assert s.repaired == {LAYER: 0}
        assert journal.missing_or_altered_triggers(s.conn, get_layer(LAYER)) == []


def test_edits_already_journaled_before_the_triggers_vanished_keep_their_detail(
    store, store_path, add_factory, plain_sqlite
):
    f = add_factory()
    sync(store, f.uuid)
    store.update(LAYER, f.uuid, {"operator": "x"})
    store.close()
    conn = plain_sqlite(store_path)
    journal.drop_triggers(conn, LAYER)
    conn.close()
    with Store.open(store_path) as s:
        assert s.repaired == {LAYER: 0}
        assert net(s) == {f.uuid: ("update", {"operator"})}
