"""Two devices and a real server process: merges, conflicts, deletes, first download, attachments."""

from __future__ import annotations

from baytak_desktop.store import Store
from baytak_desktop.sync.resolve import resolve
from tests.sync.conftest import FAST
from tests.sync.e2e import add, exists, get, open_conflicts, pending, run, snapshot, update


def test_an_insert_reaches_the_other_device(device):
    a, b = device("a"), device("b")
    uuid = add(a, operator="ЖШС «Кірпіш»", notes=None)
    # "" differs from NULL; the app's forms store NULL, an outside tool may not
    with Store.open(a) as store, store.session() as conn:
        conn.execute("UPDATE brick_factories SET emissions_note = '' WHERE uuid = ?", (uuid,))
    pushed = run(a)
    assert (pushed.pushed, pushed.applied, pushed.conflicts) == (1, 1, 0)
    assert pending(a) == []
    pulled = run(b)
    assert pulled.pulled >= 1
    got = get(b, uuid)
    assert got["operator"] == "ЖШС «Кірпіш»" and got["notes"] is None and got["emissions_note"] == ""
    assert snapshot(a) == snapshot(b)


def test_different_fields_edited_offline_on_two_devices_both_survive(device):
    a, b = device("a"), device("b")
    uuid = add(a)
    run(a), run(b)
    update(a, uuid, name="Narynkol brick works")
    update(b, uuid, status="relocated")
    run(a)
    result = run(b)
    assert result.conflicts == 0 and result.merged + result.applied == 1
    run(a)
    for path in (a, b):
        assert (get(path, uuid)["name"], get(path, uuid)["status"]) == ("Narynkol brick works", "relocated")
    assert open_conflicts(a) == open_conflicts(b) == []
    assert snapshot(a) == snapshot(b)


def test_the_same_value_on_both_devices_is_no_conflict(device):
    a, b = device("a"), device("b")
    uuid = add(a)
    run(a), run(b)
    update(a, uuid, operator="ТОО Кирпич")
    update(b, uuid, operator="ТОО Кирпич")
    run(a)
    assert run(b).conflicts == 0
    assert open_conflicts(b) == []


def test_same_field_two_values_is_one_conflict_resolvable_from_the_other_side(device):
    a, b = device("a"), device("b")
    uuid = add(a)
    run(a), run(b)
    update(a, uuid, operator="Ақ Тас")
    update(b, uuid, operator="Белый камень")
    run(a)
    result = run(b)
    assert result.conflicts == 1 and result.open_conflicts == 1
    (conflict,) = open_conflicts(b)
    assert (conflict.field, conflict.theirs, conflict.mine) == ("operator", "Ақ Тас", "Белый камень")
    assert get(b, uuid)["operator"] == "Ақ Тас"  # the server's value; B's is kept in the record
    run(a)
    assert [c.id for c in open_conflicts(a)] == [conflict.id]
    resolve(a, conflict.id, "mine", options=FAST)  # A keeps the conflict author's (B's) value
    run(b)
    for path in (a, b):
        assert get(path, uuid)["operator"] == "Белый камень"
        assert open_conflicts(path) == []
    assert snapshot(a) == snapshot(b)


def test_update_against_delete_keeps_the_edit_restorable(device):
    a, b = device("a"), device("b")
    uuid = add(a, name="Abat quarry office")
    run(a), run(b)
    with Store.open(a) as store:
        store.delete("brick_factories", uuid)
    update(b, uuid, notes="still operating at night")
    run(a)
    result = run(b)
    assert result.conflicts == 1
    (conflict,) = open_conflicts(b)
    assert conflict.field == "*" and "still operating at night" in conflict.mine
    assert not exists(b, uuid)  # it stays deleted until someone keeps "mine"
    resolve(b, conflict.id, "mine", options=FAST)
    assert get(b, uuid)["notes"] == "still operating at night"
    run(a)
    assert get(a, uuid)["notes"] == "still operating at night"
    assert snapshot(a) == snapshot(b)


def test_delete_on_both_devices_is_unchanged(device):
    a, b = device("a"), device("b")
    uuid = add(a)
    run(a), run(b)
    for path in (a, b):
        with Store.open(path) as store:
            store.delete("brick_factories", uuid)
    run(a)
    result = run(b)
    assert result.conflicts == 0 and not exists(b, uuid)
    assert pending(a) == pending(b) == []


def test_first_sync_into_an_empty_store_downloads_everything(device):
    a = device("a")
    with Store.open(a) as store:
        import shapely

        points = [shapely.Point(76 + i / 100, 43 + i / 200) for i in range(300)]
        store.insert_many("brick_factories", {"name": [f"Factory {i}" for i in range(300)], "status": "closed"}, points)
    run(a)
    fresh = device("fresh")
    result = sync_paged(fresh)
    assert result.pulled == 300
    assert snapshot(fresh) == snapshot(a)
    assert pending(fresh) == []


def sync_paged(path):
    from dataclasses import replace

    from baytak_desktop.sync.engine import sync

    return sync(path, options=replace(FAST, page_size=70))


def test_a_photo_travels_by_its_hash(device, tmp_path):
    a, b = device("a"), device("b")
    uuid = add(a)
    photo = tmp_path / "pit.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + bytes(range(256)) * 40)
    with Store.open(a) as store:
        sha = store.attach("brick_factories", uuid, photo, caption="north pit").sha256
    assert run(a).blobs_uploaded == 1
    run(b)
    with Store.open(b) as store:
        (attached,) = store.attachments("brick_factories", uuid)
        from baytak_desktop.store.attachments import attachment_bytes

        assert attached.sha256 == sha and attachment_bytes(store.conn, sha) == photo.read_bytes()


def test_a_sync_announces_the_journal_it_settled_and_the_layers_it_pulled(device):
    from baytak_desktop.store.events import StoreEvents
    from baytak_desktop.sync.engine import sync

    a, b = device("a"), device("b")
    add(a)
    events = StoreEvents()
    heard: list[tuple] = []
    events.layer_changed.connect(lambda layer: heard.append(("layer", layer)))
    events.journal_changed.connect(lambda: heard.append(("journal",)))
    sync(a, options=FAST, events=events)
    assert heard[:2] == [("journal",), ("journal",)]  # sealed, then settled
    heard.clear()
    sync(b, options=FAST, events=events)
    assert ("layer", "brick_factories") in heard and ("journal",) in heard


def test_a_sync_that_brings_a_published_layer_announces_the_new_catalog(device, server, tmp_path):
    """The window rebuilds its lists of layers and fields when a pull applied a schema revision: the
    sync says so (catalog_changed), and names the published layer whose features it brought."""
    import json

    import shapely
    from layer_helpers import ILLEGAL_DUMPS

    from baytak_desktop.store.events import StoreEvents
    from baytak_desktop.sync.engine import sync
    from tests.sync.conftest import baytak_server

    a, b = device("a"), device("b")
    definition = tmp_path / "illegal_dumps.json"
    definition.write_text(json.dumps(ILLEGAL_DUMPS, ensure_ascii=False), encoding="utf-8")
    baytak_server("layers", "publish", str(definition), "--by", "aigerim", "--data", str(server.data))
    run(a)
    with Store.open(a) as store:
        store.insert("illegal_dumps", {"name": "Dump", "status": "active"}, shapely.Point(76.9, 43.2))
    run(a)
    events = StoreEvents()
    heard: list[tuple] = []
    events.catalog_changed.connect(lambda: heard.append(("catalog",)))
    events.layer_changed.connect(lambda layer: heard.append(("layer", layer)))
    sync(b, options=FAST, events=events)
    assert ("catalog",) in heard and ("layer", "illegal_dumps") in heard
    heard.clear()
    sync(b, options=FAST, events=events)
    assert ("catalog",) not in heard  # nothing new the second time
