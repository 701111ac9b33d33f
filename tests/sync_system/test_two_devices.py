"""Two devices edit the same feature offline and sync, through real server processes: different
fields merge, the same field with different values makes exactly one conflict that either side can
resolve, the same value makes none; update vs delete, delete vs delete, the same uuid inserted twice.
"""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.resolve import resolve

from .harness import FAST, assert_same_as_server, differences

LAYER = "brick_factories"


@pytest.fixture
def pair(device):
    """aigerim's and bolat's devices, both holding the same synced feature."""
    a, b = device("aigerim"), device("bolat")
    uuid = a.insert(name="Қапшағай кірпіш", operator="ЖШС Қапшағай", notes="бастапқы")
    a.sync()
    b.sync()
    return a, b, uuid


def open_conflicts(device) -> list[int]:
    with Store.open(device.path) as store:
        return [c.id for c in records.conflicts(store.conn)]


def conflicts_on(reader, uuid: str) -> list[dict]:
    return [c for c in reader.conflicts("all") if c["uuid"] == uuid]


def test_different_fields_both_survive_without_conflict(reader, pair):
    a, b, uuid = pair
    a.update(uuid, operator="Жаңа оператор")
    b.update(uuid, notes="Ёлка маңында", geometry=shapely.Point(77.0, 43.9))
    a.sync(), b.sync(), a.sync()
    fields = assert_same_as_server(reader, a, b)[(LAYER, uuid)]
    assert (fields["operator"], fields["notes"]) == ("Жаңа оператор", "Ёлка маңында")
    assert shapely.from_wkb(fields["geom"]).equals(shapely.Point(77.0, 43.9))
    assert conflicts_on(reader, uuid) == []


@pytest.mark.parametrize("resolver", ["author", "other side"])
@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_same_field_one_conflict_resolvable_from_either_side(reader, pair, resolver, keep):
    a, b, uuid = pair
    a.update(uuid, name="Атауы А")
    b.update(uuid, name="Атауы Б")
    a.sync()
    result = b.sync()
    a.sync()
    assert result.conflicts == 1
    (conflict,) = conflicts_on(reader, uuid)
    assert (conflict["field"], conflict["theirs"], conflict["mine"], conflict["author"]) == (
        "name",
        "Атауы А",
        "Атауы Б",
        "bolat",
    )
    for d in (a, b):  # both devices hold the record, offline
        assert conflict["id"] in open_conflicts(d)

    who = b if resolver == "author" else a
    record = resolve(who.path, conflict["id"], keep, options=FAST)
    a.sync(), b.sync()

    assert record.resolved and record.resolution == keep
    kept = {"mine": "Атауы Б", "theirs": "Атауы А"}[keep]
    assert assert_same_as_server(reader, a, b)[(LAYER, uuid)]["name"] == kept
    for d in (a, b):
        assert conflict["id"] not in open_conflicts(d)


def test_same_field_same_value_is_no_conflict(reader, pair):
    a, b, uuid = pair
    a.update(uuid, status="operating")
    b.update(uuid, status="operating")
    a.sync()
    assert b.sync().conflicts == 0
    a.sync()
    assert assert_same_as_server(reader, a, b)[(LAYER, uuid)]["status"] == "operating"
    assert conflicts_on(reader, uuid) == []


def test_update_vs_delete_keeps_the_edit_restorable(reader, pair):
    a, b, uuid = pair
    a.delete(uuid)
    b.update(uuid, notes="өзгертілді")
    a.sync()
    assert b.sync().conflicts == 1
    a.sync()
    assert (LAYER, uuid) not in assert_same_as_server(reader, a, b)
    (conflict,) = conflicts_on(reader, uuid)
    assert conflict["field"] == "*" and "өзгертілді" in conflict["mine"]

    resolve(b.path, conflict["id"], "mine", options=FAST)
    a.sync(), b.sync()
    fields = assert_same_as_server(reader, a, b)[(LAYER, uuid)]
    assert (fields["notes"], fields["name"]) == ("өзгертілді", "Қапшағай кірпіш")


def test_delete_vs_delete(reader, pair):
    a, b, uuid = pair
    a.delete(uuid)
    b.delete(uuid)
    a.sync(), b.sync(), a.sync()
    assert (LAYER, uuid) not in assert_same_as_server(reader, a, b)
    assert conflicts_on(reader, uuid) == []


def test_the_same_uuid_inserted_on_both_devices(reader, device):
    """Both insert one feature under one uuid (e.g. a shared import): one feature, conflicts only
    where the values differ."""
    a, b = device("aigerim"), device("bolat")
    uuid = "0190ffff-0000-7000-8000-00000000abcd"
    for d, operator in ((a, "Бір"), (b, "Екі")):
        with Store.open(d.path) as store:
            store.insert(
                LAYER,
                {"name": "Ортақ импорт", "status": "closed", "branch": "almaty", "operator": operator},
                shapely.Point(76.8, 43.3),
                uuid=uuid,
            )
    a.sync(), b.sync(), a.sync()
    assert assert_same_as_server(reader, a, b)[(LAYER, uuid)]["operator"] == "Бір"
    assert [(c["field"], c["theirs"], c["mine"]) for c in conflicts_on(reader, uuid)] == [("operator", "Бір", "Екі")]
    assert len(reader.history(LAYER, uuid)) == 1


def test_both_insert_new_features(reader, device):
    a, b = device("aigerim"), device("bolat")
    mine = [a.insert(name=f"А {i}") for i in range(3)]
    theirs = [b.insert(name=f"Б {i}") for i in range(3)]
    b.sync(), a.sync(), b.sync()
    server = assert_same_as_server(reader, a, b)
    assert all((LAYER, u) in server for u in mine + theirs)


def test_an_edit_that_changes_nothing_leaves_the_store_equal_to_the_server(server, reader, device):
    a = device("aigerim")
    uuid = a.insert(status="closed", name="Өзгеріссіз")
    a.sync()
    with Store.open(a.path) as store:
        store.update(LAYER, uuid, {"status": "closed"}, user="aigerim-laptop")
    result = a.sync()
    assert result.pushed == 0
    assert differences(a.path, reader.live()) == []
