"""Sealing and settling against real GeoPackages: what is sent, what stays pending, nothing lost."""

from __future__ import annotations

import shapely

from baytak_desktop.store import Store
from baytak_desktop.sync import outbox
from tests.sync.helpers import LAYER, net, seal, settle_all

TRACKED = {"branch", "name", "status", "operator", "closed_on", "emissions_note", "observed_on", "notes", "geom"}


def changes_of(sealed):
    return {c["uuid"]: c for s in sealed for c in s.body()["changes"]}


def test_no_edits_seals_nothing(store):
    assert seal(store) == []
    assert outbox.outbox(store.conn) == []


def test_an_insert_is_sealed_with_every_field_and_wkb_geometry(store, add_factory):
    f = add_factory(operator="ТОО Кірпіш")
    (sealed,) = seal(store)
    change = changes_of([sealed])[f.uuid]
    assert change["op"] == "insert" and change["base_rev"] is None
    assert set(change["fields"]) == TRACKED
    assert change["fields"]["operator"] == {"base": None, "new": "ТОО Кірпіш"}
    assert shapely.from_wkb(change["fields"]["geom"]["new"]).equals(shapely.Point(76.9, 43.2))
    stamps = store.conn.execute("SELECT DISTINCT changeset_id FROM baytak_journal").fetchall()
    assert stamps == [(sealed.changeset_id,)]


def test_the_sealed_body_survives_a_restart_unchanged(store_path, store, add_factory):
    add_factory()
    (sealed,) = seal(store)
    store.close()
    with Store.open(store_path) as again:
        assert outbox.outbox(again.conn) == [sealed]
        assert seal(again) == []  # nothing new: the same changeset will be resent, not a new one


def test_an_edit_made_after_sealing_stays_pending_with_the_sent_state_as_base(store, add_factory):
    f = add_factory(name="A")
    seal(store)
    store.update(LAYER, f.uuid, {"name": "B"})  # while the push is on its way
    settle_all(store, rev=7)
    assert net(store) == {f.uuid: ("update", {"name"})}
    (sealed,) = seal(store)
    change = changes_of([sealed])[f.uuid]
    assert change["op"] == "update" and change["base_rev"] == 7
    assert change["fields"] == {"name": {"base": "A", "new": "B"}}


def test_an_applied_change_is_settled_and_its_revision_kept(store, add_factory):
    f = add_factory()
    seal(store)
    settle_all(store, rev=3)
    assert store.changes() == [] and outbox.outbox(store.conn) == []
    store.update(LAYER, f.uuid, {"status": "relocated"}, shapely.Point(77.0, 43.3))
    change = changes_of(seal(store))[f.uuid]
    assert change["base_rev"] == 3 and set(change["fields"]) == {"status", "geom"}
    assert change["fields"]["status"] == {"base": "closed", "new": "relocated"}


def test_a_delete_carries_the_base_values_of_every_field(store, add_factory):
    f = add_factory(name="A")
    seal(store)
    settle_all(store)
    store.delete(LAYER, f.uuid)
    change = changes_of(seal(store))[f.uuid]
    assert change["op"] == "delete" and set(change["fields"]) == TRACKED
    assert change["fields"]["name"] == {"base": "A", "new": None}


def test_edits_that_cancel_out_are_not_sent(store, add_factory):
    f = add_factory()
    store.delete(LAYER, f.uuid)
    g = add_factory(name="kept")
    seal(store)
    settle_all(store)
    store.update(LAYER, g.uuid, {"name": "changed"})
    store.update(LAYER, g.uuid, {"name": "kept"})
    assert seal(store) == []
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0


def test_big_pushes_are_split_into_disjoint_changesets(store, add_factory):
    made = {add_factory(name=f"F{i}").uuid for i in range(5)}
    with store.session() as conn:
        sealed = outbox.seal(conn, store.device_id, limit=2)
    assert [s.changes for s in sealed] == [2, 2, 1]
    assert len({s.changeset_id for s in sealed}) == 3
    assert set(changes_of(sealed)) == made


def test_a_rejected_change_keeps_its_local_value_and_waits_for_a_new_edit(store, add_factory):
    f = add_factory(name="mine")
    seal(store)
    settle_all(store, **{f.uuid: "rejected"})
    assert store.get(LAYER, f.uuid)["name"] == "mine"
    assert net(store) == {f.uuid: ("insert", TRACKED)}
    (code,) = store.conn.execute("SELECT code FROM baytak_rejections").fetchone()
    assert code == "forbidden"
    assert seal(store) == []  # not resent as it is: it would be refused again
    store.update(LAYER, f.uuid, {"branch": "almaty_region"})
    change = changes_of(seal(store))[f.uuid]
    assert change["op"] == "insert" and change["fields"]["branch"]["new"] == "almaty_region"


def test_a_change_the_answer_leaves_out_goes_back_to_pending(store, add_factory):
    f, g = add_factory(name="F"), add_factory(name="G")
    (sealed,) = seal(store)
    from baytak_desktop.sync.protocol import ChangesetResult
    from baytak_desktop.sync.settle import settle

    partial = ChangesetResult(
        changeset_id=sealed.changeset_id,
        server_rev=1,
        results=[{"layer": LAYER, "uuid": f.uuid, "outcome": "applied", "rev": 1}],
    )
    with store.session() as conn:
        settle(conn, sealed, partial)
    assert set(net(store)) == {g.uuid}
    assert set(changes_of(seal(store))) == {g.uuid}


def test_a_photo_attached_to_a_synced_feature_is_an_edit(store, add_factory, tmp_path):
    f = add_factory()
    seal(store)
    settle_all(store)
    photo = tmp_path / "quarry.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"evidence" * 100)
    stored = store.attach(LAYER, f.uuid, photo, caption="north pit")
    change = changes_of(seal(store))[f.uuid]
    assert change["op"] == "update" and change["fields"] == {}
    (ref,) = change["attachments_added"]
    assert ref["sha256"] == stored.sha256 and ref["caption"] == "north pit" and ref["mime"] == "image/jpeg"
    settle_all(store)
    assert seal(store) == []


def test_a_geometry_written_big_endian_by_another_tool_is_sent_as_little_endian_iso_wkb(store, add_factory):
    import struct

    f = add_factory()
    seal(store)
    settle_all(store)
    moved = shapely.Point(77.0, 43.5)
    blob = struct.pack("<2sBBi", b"GP", 0, 0x01, 4326) + shapely.to_wkb(moved, byte_order=0)
    with store.session() as conn:
        conn.execute(f"UPDATE {LAYER} SET geom = ? WHERE uuid = ?", (blob, f.uuid))
    change = changes_of(seal(store))[f.uuid]
    assert change["fields"]["geom"]["new"] == shapely.to_wkb(moved, hex=True, byte_order=1)
    assert change["fields"]["geom"]["base"] == shapely.to_wkb(shapely.Point(76.9, 43.2), hex=True)


def test_the_same_shape_with_another_header_is_no_change(store, add_factory, gpkg_blob):
    f = add_factory()
    seal(store)
    settle_all(store)
    with store.session() as conn:  # GDAL-style header with an envelope, same WKB
        conn.execute(f"UPDATE {LAYER} SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.Point(76.9, 43.2)), f.uuid))
    assert seal(store) == []


def test_big_payloads_are_split_by_size_too(store, add_factory):
    made = {add_factory(name=f"F{i}", notes="x" * 2000).uuid for i in range(4)}
    with store.session() as conn:
        sealed = outbox.seal(conn, store.device_id, max_bytes=6000)
    assert [s.changes for s in sealed] == [2, 2]
    assert set(changes_of(sealed)) == made
    stamps = {row[0] for row in store.conn.execute("SELECT changeset_id FROM baytak_journal")}
    assert stamps == {s.changeset_id for s in sealed}
