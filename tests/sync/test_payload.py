"""The push payload written by SQLite (sync.payload_sql) on the paths the fast one does not take:
a row replaced by another tool, a base lost, an empty update, a polygon with an envelope header.
Each change is checked against store.changes, the store's own (slow, per feature) net change."""

from __future__ import annotations

import json

import shapely

from baytak_desktop.layers import LAYERS
from baytak_desktop.store import changes, journal
from baytak_desktop.sync import payload_sql
from tests.sync.helpers import LAYER, seal, settle_all


def changes_of(sealed):
    return {c["uuid"]: c for s in sealed for c in s.body()["changes"]}


def synced(store, add_factory, **fields):
    f = add_factory(**fields)
    seal(store)
    settle_all(store, rev=4)
    return f


def test_a_row_replaced_by_another_tool_is_found_by_uuid_not_by_the_old_fid(store, add_factory, plain_sqlite):
    f = synced(store, add_factory, name="Old name", status="closed")
    store.update(LAYER, f.uuid, {"name": "Renamed"})  # the base is saved with the old fid
    old_fid = store.conn.execute(f"SELECT fid FROM {LAYER} WHERE uuid = ?", (f.uuid,)).fetchone()[0]
    conn = plain_sqlite(store.path)
    columns = [r[1] for r in conn.execute(f"PRAGMA table_info({LAYER})") if r[1] != "fid"]
    conn.execute(
        f"INSERT OR REPLACE INTO {LAYER} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM {LAYER} "
        "WHERE uuid = ?",
        (f.uuid,),
    )  # same uuid, new fid (REPLACE on the unique uuid)
    conn.execute(f"UPDATE {LAYER} SET status = 'operating' WHERE uuid = ?", (f.uuid,))
    conn.commit()
    conn.close()
    new_fid = store.conn.execute(f"SELECT fid FROM {LAYER} WHERE uuid = ?", (f.uuid,)).fetchone()[0]
    assert new_fid != old_fid
    change = changes_of(seal(store))[f.uuid]
    assert change["op"] == "update" and change["base_rev"] == 4
    assert change["fields"]["name"] == {"base": "Old name", "new": "Renamed"}
    assert change["fields"]["status"] == {"base": "closed", "new": "operating"}


def test_with_the_base_lost_the_journaled_columns_are_sent(store, add_factory):
    f = synced(store, add_factory, name="Kept", status="closed")
    store.update(LAYER, f.uuid, {"status": "relocated"})
    with store.session() as conn:
        conn.execute(f'DELETE FROM "{journal.base_table(LAYER)}" WHERE uuid = ?', (f.uuid,))
    change = changes_of(seal(store))[f.uuid]
    assert change["op"] == "update"
    assert change["fields"] == {"status": {"base": None, "new": "relocated"}}


def test_an_edit_undone_by_hand_is_settled_without_sending(store, add_factory):
    f = synced(store, add_factory, name="Same")
    store.update(LAYER, f.uuid, {"name": "Other"})
    store.update(LAYER, f.uuid, {"name": "Same"})
    assert seal(store) == []
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0


def test_the_sql_payload_agrees_with_the_stores_own_net_change(store, add_factory, gpkg_blob):
    kept = [synced(store, add_factory, name=f"F{i}", notes="қазақша") for i in range(4)]
    store.update(LAYER, kept[0].uuid, {"name": "Жаңа", "notes": None})
    with store.session() as conn:  # another tool writes a header with an envelope: not the fast path
        conn.execute(
            f"UPDATE {LAYER} SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.Point(70.5, 45.25)), kept[1].uuid)
        )
    store.delete(LAYER, kept[2].uuid)
    fresh = add_factory(name="New", operator='"quoted" \\ text')
    expected = {c.uuid: c for c in changes.pending_changes(store.conn, LAYER)}
    sent = changes_of(seal(store))
    assert set(sent) == set(expected) == {kept[0].uuid, kept[1].uuid, kept[2].uuid, fresh.uuid}
    for uuid, change in sent.items():
        assert change["op"] == expected[uuid].op
        if change["op"] != "delete":  # a delete carries every base value; the store lists no field
            assert set(change["fields"]) == set(expected[uuid].fields)
    assert set(sent[kept[2].uuid]["fields"]) == set(journal.tracked_columns(LAYERS[LAYER]))
    assert sent[fresh.uuid]["fields"]["operator"]["new"] == '"quoted" \\ text'
    assert shapely.from_wkb(sent[kept[1].uuid]["fields"]["geom"]["new"]).equals(shapely.Point(70.5, 45.25))


def test_every_change_text_is_one_json_object_with_fields_after_op(store, add_factory):
    add_factory(name="A")
    ((uuid, text, plain),) = store.conn.execute(payload_sql.changes_sql(store.layer(LAYER)), (LAYER,)).fetchall()
    change = json.loads(text)
    assert plain == 1 and change["uuid"] == uuid and list(change)[:4] == ["layer", "uuid", "op", "fields"]
