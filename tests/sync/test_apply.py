"""Applying pulled pages to real GeoPackages: bulk writes, the R-tree, the position, and rebase."""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.store import Store, journal
from baytak_desktop.sync.apply import apply_page
from baytak_desktop.sync.protocol import ConflictRecord, FeatureState
from tests.sync.helpers import LAYER, net, new_id, page, seal, settle_all, state

ALMATY_BOX = (76.0, 43.0, 78.0, 44.0)


def apply(store, *pages):
    for p in pages:
        with store.session() as conn:
            apply_page(conn, p)


def test_first_pull_creates_features_without_journaling_them(store):
    a, b = new_id(), new_id()
    apply(store, page(0, 2, state(a, 1, name="Нарынкол", operator="ЖШС Кірпіш"), state(b, 2, x=77.5)))
    assert store.get(LAYER, a)["name"] == "Нарынкол" and store.get(LAYER, a)["operator"] == "ЖШС Кірпіш"
    assert store.changes() == []
    assert len(store.fids_in_bbox(LAYER, ALMATY_BOX)) == 2
    assert store.conn.execute("SELECT last_pulled_rev, applying FROM baytak_sync_state").fetchone() == (2, 0)
    assert dict(store.conn.execute("SELECT uuid, rev FROM baytak_feature_revs")) == {a: 1, b: 2}


def test_pulled_features_are_known_as_synced(store_path, store):
    """The digest written on apply matches the row: a trigger repair later finds no phantom edits."""
    a = new_id()
    apply(store, page(0, 1, state(a, 1, notes="Сорбұлақ", operator=None)))
    journal.drop_triggers(store.conn, LAYER)
    store.close()
    with Store.open(store_path) as again:
        assert again.repaired[LAYER] == 0 and again.changes() == []


def test_updates_move_the_spatial_index_and_deletes_remove_features(store):
    a, b = new_id(), new_id()
    apply(store, page(0, 2, state(a, 1), state(b, 2)))
    apply(store, page(2, 4, state(a, 3, x=60.0, y=45.0, status="relocated"), state(b, 4, deleted=True)))
    assert store.get(LAYER, a)["status"] == "relocated"
    assert store.features(LAYER, ALMATY_BOX) == []
    assert [f.uuid for f in store.features(LAYER, (59.0, 44.0, 61.0, 46.0))] == [a]
    assert store.count(LAYER) == 1 and store.changes() == []


def test_a_local_edit_is_rebased_not_overwritten(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1, name="old", status="closed")))
    store.update(LAYER, a, {"name": "mine"})
    apply(store, page(1, 2, state(a, 2, name="old", status="relocated")))
    feature = store.get(LAYER, a)
    assert (feature["name"], feature["status"]) == ("mine", "relocated")
    assert net(store) == {a: ("update", {"name"})}
    (change,) = [c for s in seal(store) for c in s.body()["changes"]]
    assert change["fields"] == {"name": {"base": "old", "new": "mine"}} and change["base_rev"] == 2


def test_both_sides_changing_a_field_keeps_the_old_base_so_the_server_sees_the_conflict(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1, name="old")))
    store.update(LAYER, a, {"name": "mine"})
    apply(store, page(1, 2, state(a, 2, name="theirs")))
    assert store.get(LAYER, a)["name"] == "mine"
    (change,) = [c for s in seal(store) for c in s.body()["changes"]]
    assert change["fields"]["name"] == {"base": "old", "new": "mine"} and change["base_rev"] == 1


def test_the_same_value_on_both_sides_is_no_longer_an_edit(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1, name="old")))
    store.update(LAYER, a, {"name": "same"})
    apply(store, page(1, 2, state(a, 2, name="same")))
    assert seal(store) == [] and store.changes() == []


def test_an_edit_against_a_server_delete_is_kept_for_the_server_to_judge(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1, name="old")))
    store.update(LAYER, a, {"name": "mine"})
    apply(store, page(1, 2, state(a, 2, deleted=True)))
    assert store.get(LAYER, a)["name"] == "mine"
    (change,) = [c for s in seal(store) for c in s.body()["changes"]]
    assert change["op"] == "update" and change["base_rev"] == 1


def test_deleted_on_both_sides_is_settled(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1)))
    store.delete(LAYER, a)
    apply(store, page(1, 2, state(a, 2, deleted=True)))
    assert store.changes() == [] and seal(store) == []


def test_a_local_insert_then_its_own_echo_from_the_server(store, add_factory):
    f = add_factory(name="A")
    seal(store)
    settle_all(store, rev=5)
    apply(store, page(0, 5, state(f.uuid, 5, name="A", updated_by="server-clock")))
    assert store.changes() == [] and store.get(LAYER, f.uuid)["updated_by"] == "server-clock"


def test_conflict_records_come_with_the_page(store):
    a = new_id()
    record = ConflictRecord(
        id=9,
        rev=3,
        layer=LAYER,
        uuid=a,
        field="name",
        base="old",
        theirs="Ақтау",
        mine="Актау",
        author="dana",
        device_id=new_id(),
        changeset_id=new_id(),
        created_at="2024-05-01T10:00:00Z",
    )
    apply(store, page(0, 3, state(a, 3), conflicts=[record]))
    row = store.conn.execute("SELECT id, theirs, mine, resolved FROM baytak_conflicts").fetchone()
    assert row == (9, "Ақтау", "Актау", 0)


def test_a_failed_page_leaves_store_and_position_as_they_were(store):
    a = new_id()
    apply(store, page(0, 1, state(a, 1)))
    bad = page(1, 2, state(a, 2, name="new"), state(new_id(), 2, geom="not wkb"))
    with pytest.raises(shapely.errors.GEOSException):
        apply(store, bad)
    assert store.get(LAYER, a)["name"] == "Besagash brick works"
    assert store.conn.execute("SELECT last_pulled_rev, applying FROM baytak_sync_state").fetchone() == (1, 0)


def test_real_and_integer_fields_keep_their_types(store):
    a = new_id()
    outflow = FeatureState(
        layer="sewage_outflows",
        uuid=a,
        rev=1,
        fields={
            "name": "Sorbulak",
            "status": "active",
            "flow_m3_day": 5,
            "affected_settlements": 20.0,
            "geom": shapely.to_wkb(shapely.Point(77.0, 43.6), hex=True),
        },
    )
    apply(store, page(0, 1, outflow))
    got = store.get("sewage_outflows", a)
    assert got["flow_m3_day"] == 5.0 and isinstance(got["flow_m3_day"], float)
    assert got["affected_settlements"] == 20 and isinstance(got["affected_settlements"], int)
