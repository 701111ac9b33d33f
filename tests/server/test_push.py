"""Push and merge through HTTP, on both backends: the cases two offline devices produce."""

from __future__ import annotations

import json

from .conftest import OTHER_POINT, POINT, Server, delete, insert, new_uuid, update


def _setup(server: Server):
    a = server.user("aigerim")
    b = server.user("bolat")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    return a, b, uuid, rev


def test_insert_then_pull_returns_every_field(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    result = a.push(insert(uuid, operator="ТОО Кірпіш"))
    assert result["results"][0]["outcome"] == "applied" and result["server_rev"] == 1
    state = a.feature(uuid)
    assert state["fields"]["operator"] == "ТОО Кірпіш" and state["fields"]["geom"] == POINT
    assert state["fields"]["created_by"] == "aigerim" and state["changed_by"] == "aigerim"


def test_replayed_changeset_returns_the_stored_result_and_changes_nothing(server: Server) -> None:
    a = server.user("aigerim")
    changeset_id, uuid = new_uuid(), new_uuid()
    first = a.push(insert(uuid), changeset_id=changeset_id)
    again = a.push(insert(uuid), changeset_id=changeset_id)
    assert again["replayed"] is True and again["results"] == first["results"]
    assert again["server_rev"] == first["server_rev"] == 1
    assert a.pull()["server_rev"] == 1
    assert len(a.get(f"/api/v1/features/brick_factories/{uuid}/history").json()) == 1
    other = server.user("bolat")
    assert other.push_raw(insert(uuid), changeset_id=changeset_id).status_code == 403


def test_insert_sent_twice_under_new_ids_is_no_duplicate(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    a.push(insert(uuid))
    second = a.push(insert(uuid))
    assert second["results"][0]["outcome"] == "unchanged"
    assert sum(1 for p in a.pull_all() for f in p["features"] if f["uuid"] == uuid) == 1


def test_different_fields_on_two_devices_both_survive(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    assert a.push(update(uuid, rev, operator=(None, "ТОО Qum")))["results"][0]["outcome"] == "applied"
    result = b.push(update(uuid, rev, observed_on=(None, "2024-05-06")))["results"][0]
    assert result["outcome"] == "merged" and result["conflict_ids"] == []
    fields = b.feature(uuid)["fields"]
    assert fields["operator"] == "ТОО Qum" and fields["observed_on"] == "2024-05-06"


def test_same_field_different_values_is_exactly_one_conflict_with_both_values(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, status=("closed", "operating")))
    result = b.push(update(uuid, rev, status=("closed", "relocated"), operator=(None, "X")))["results"][0]
    assert result["outcome"] == "conflict" and len(result["conflict_ids"]) == 1
    (conflict,) = b.get("/api/v1/conflicts").json()
    assert (conflict["field"], conflict["base"], conflict["theirs"], conflict["mine"]) == (
        "status",
        "closed",
        "operating",
        "relocated",
    )
    assert conflict["author"] == "bolat" and conflict["id"] == result["conflict_ids"][0]
    fields = a.feature(uuid)["fields"]
    assert fields["status"] == "operating" and fields["operator"] == "X"  # theirs kept, the rest applied
    assert a.pull()["conflicts"][0]["id"] == conflict["id"]  # the same branch sees it in its feed


def test_same_field_same_value_is_no_conflict(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, status=("closed", "operating")))
    result = b.push(update(uuid, rev, status=("closed", "operating")))["results"][0]
    assert result["outcome"] == "unchanged" and b.get("/api/v1/conflicts").json() == []


def test_update_against_delete_keeps_the_edit_in_a_restorable_conflict(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    assert a.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты"))["results"][0]["outcome"] == "applied"
    result = b.push(update(uuid, rev, operator=(None, "ТОО")))["results"][0]
    assert result["outcome"] == "conflict"
    (conflict,) = b.get("/api/v1/conflicts").json()
    assert (
        conflict["field"] == "*" and conflict["theirs"] is None and json.loads(conflict["mine"]) == {"operator": "ТОО"}
    )
    assert b.feature(uuid)["deleted"] is True
    resolved = b.post(f"/api/v1/conflicts/{conflict['id']}/resolve", {"keep": "mine"})
    assert resolved.status_code == 200 and resolved.json()["resolution"] == "mine"
    state = a.feature(uuid)
    assert state["deleted"] is False and state["fields"]["operator"] == "ТОО"
    assert state["fields"]["name"] == "Бесағаш кірпіш зауыты"  # restored from the tombstone


def test_delete_against_update_keeps_the_feature(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, name=("Бесағаш кірпіш зауыты", "Besagash")))
    result = b.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты", status="closed"))["results"][0]
    assert result["outcome"] == "conflict"
    assert b.feature(uuid)["deleted"] is False
    (conflict,) = b.get("/api/v1/conflicts").json()
    assert conflict["field"] == "*" and conflict["mine"] is None


def test_delete_against_delete_is_unchanged(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты"))
    assert b.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты"))["results"][0]["outcome"] == "unchanged"
    assert b.get("/api/v1/conflicts").json() == []


def test_inserts_on_both_sides_are_two_features(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    one, two = new_uuid(), new_uuid()
    a.push(insert(one, name="Narynkol"))
    b.push(insert(two, name="Besagash", geom=OTHER_POINT))
    names = {f["uuid"]: f["fields"]["name"] for p in a.pull_all() for f in p["features"]}
    assert names == {one: "Narynkol", two: "Besagash"}


def test_geometry_compares_by_wkb_bytes(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    lower = POINT.lower()  # same bytes, other spelling
    assert a.push(update(uuid, rev, geom=(lower, OTHER_POINT)))["results"][0]["outcome"] == "applied"
    result = b.push(update(uuid, rev, geom=(POINT, POINT)))["results"][0]
    assert result["outcome"] == "conflict"
    (conflict,) = b.get("/api/v1/conflicts").json()
    assert conflict["theirs"] == OTHER_POINT and conflict["mine"] == POINT


def test_polygons_are_stored_as_multipolygons_with_derived_area(server: Server) -> None:
    import shapely

    a = server.user("aigerim")
    square = shapely.Polygon([(77.0, 43.5), (77.01, 43.5), (77.01, 43.51), (77.0, 43.51)])
    uuid = new_uuid()
    a.push(
        insert(
            uuid,
            layer="quarries",
            name="Abat",
            status="illegal",
            branch="almaty",
            geom=shapely.to_wkb(square, hex=True),
            area_ha=1.0,
        )
    )
    fields = a.feature(uuid)["fields"]
    assert shapely.from_wkb(fields["geom"]).geom_type == "MultiPolygon"
    assert 80 < fields["area_ha"] < 95  # geodesic, computed by the server, not the client's 1.0


def test_conflict_resolved_theirs_and_edited_and_only_once(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, operator=(None, "A")))
    first = b.push(update(uuid, rev, operator=(None, "B")))["results"][0]["conflict_ids"][0]
    answer = a.post(f"/api/v1/conflicts/{first}/resolve", {"keep": "theirs"})
    assert answer.status_code == 200 and answer.json()["resolved_by"] == "aigerim"
    assert (
        a.post(f"/api/v1/conflicts/{first}/resolve", {"keep": "mine"}).json()["error"]["code"]
        == "conflict_already_resolved"
    )
    state = b.feature(uuid)
    assert state["fields"]["operator"] == "A" and state["rev"] > rev + 1  # a new revision for b's device
    second = b.push(update(uuid, state["rev"] - 1, operator=("B", "C")))["results"][0]["conflict_ids"][0]
    edited = b.post(f"/api/v1/conflicts/{second}/resolve", {"keep": "edited", "value": "A+C"})
    assert edited.status_code == 200 and b.feature(uuid)["fields"]["operator"] == "A+C"
    assert b.get("/api/v1/conflicts", state="open").json() == []
    assert len(b.get("/api/v1/conflicts", state="all").json()) == 2


def test_resolving_with_an_invalid_value_changes_nothing(server: Server) -> None:
    a, b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, status=("closed", "operating")))
    conflict_id = b.push(update(uuid, rev, status=("closed", "relocated")))["results"][0]["conflict_ids"][0]
    answer = b.post(f"/api/v1/conflicts/{conflict_id}/resolve", {"keep": "edited", "value": "exploded"})
    assert answer.status_code == 422 and answer.json()["error"]["code"] == "invalid_value"
    assert b.get("/api/v1/conflicts").json()[0]["resolved"] is False


def test_history_lists_every_revision_oldest_first(server: Server) -> None:
    a, _b, uuid, rev = _setup(server)
    a.push(update(uuid, rev, operator=(None, "A")))
    a.push(delete(uuid, rev + 1, operator="A"))
    history = a.get(f"/api/v1/features/brick_factories/{uuid}/history").json()
    assert [h["deleted"] for h in history] == [False, False, True]
    assert [h["fields"].get("operator") for h in history[:2]] == [None, "A"]
    assert history[0]["rev"] < history[1]["rev"] < history[2]["rev"]
    missing = a.get(f"/api/v1/features/brick_factories/{new_uuid()}/history")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"
    unknown = a.get(f"/api/v1/features/illegal_dumps/{uuid}/history")  # a layer this server does not have
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "not_found"
