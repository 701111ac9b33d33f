"""Bad requests are refused with a clear JSON error and change nothing; good values come back exactly."""

from __future__ import annotations

import json

import shapely

from .conftest import POINT, Clock, Server, insert, new_uuid, update


def _error(response) -> dict:
    return response.json()["error"]


def _nothing_changed(server: Server, device) -> None:
    assert device.pull()["server_rev"] == 0 or all(p["features"] == [] for p in device.pull_all())


def test_malformed_json_wrong_shape_wrong_type_and_protocol(server: Server) -> None:
    a = server.user("aigerim")
    url, headers = "/api/v1/changesets", {**a.headers, "Content-Type": "application/json"}
    broken = a.client.post(url, content=b'{"changeset_id": ', headers=headers)
    assert broken.status_code == 400 and _error(broken)["code"] == "malformed_request"
    shape = a.client.post(url, json={"changes": "all of them"}, headers=a.headers)
    assert shape.status_code == 422 and _error(shape)["code"] == "malformed_request"
    assert any("changeset_id" in line for line in _error(shape)["details"]["errors"])
    extra = a.client.post(
        url, json={"changeset_id": new_uuid(), "device_id": new_uuid(), "changes": [], "surprise": 1}, headers=a.headers
    )
    assert extra.status_code == 422
    text = a.client.post(url, content=b"{}", headers={**a.headers, "Content-Type": "text/plain"})
    assert text.status_code == 415 and _error(text)["code"] == "unsupported_media_type"
    old = a.client.post(
        url,
        json={"protocol": "baytak-sync/0", "changeset_id": new_uuid(), "device_id": new_uuid(), "changes": []},
        headers=a.headers,
    )
    assert old.status_code == 400 and _error(old)["code"] == "unsupported_protocol"
    login = server.client.post(
        "/api/v1/login", content=b"username=a&password=b", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert login.status_code == 415
    _nothing_changed(server, a)


def test_bad_changes_are_rejected_one_by_one_and_the_rest_applies(server: Server) -> None:
    a = server.user("aigerim")
    good = new_uuid()
    result = a.push(
        insert(layer="quarries; DROP TABLE quarries"),
        insert(geom="0102"),  # not WKB
        insert(geom=shapely.to_wkb(shapely.LineString([(76, 43), (77, 44)]), hex=True)),  # wrong type
        insert(geom=shapely.to_wkb(shapely.Point(43.2, 276.9), hex=True)),  # outside the world
        insert(status="closed'; DROP TABLE brick_factories; --"),
        insert(**{"name; DROP TABLE brick_factories": "x"}),
        insert(observed_on="2999-01-01"),
        insert(name=None),
        insert(good),
    )
    codes = [(r["outcome"], (r["error"] or {}).get("code")) for r in result["results"]]
    assert codes == [
        ("rejected", "unknown_layer"),
        ("rejected", "invalid_geometry"),
        ("rejected", "invalid_geometry"),
        ("rejected", "invalid_geometry"),
        ("rejected", "invalid_value"),
        ("rejected", "unknown_field"),
        ("rejected", "invalid_value"),
        ("rejected", "invalid_value"),
        ("applied", None),
    ]
    assert "is not one of" in result["results"][4]["error"]["message"]
    assert [s["uuid"] for p in a.pull_all() for s in p["features"]] == [good]


def test_sql_in_free_text_is_just_text(server: Server) -> None:
    a = server.user("aigerim")
    uuid, nasty = new_uuid(), 'Robert\'); DROP TABLE brick_factories; -- "%s" ?'
    a.push(insert(uuid, name=nasty, notes="'; DELETE FROM baytak_users; --"))
    fields = a.feature(uuid)["fields"]
    assert fields["name"] == nasty and fields["notes"] == "'; DELETE FROM baytak_users; --"
    assert a.get("/api/v1/me").status_code == 200


def test_geometry_cannot_be_removed_and_required_fields_stay(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    result = a.push(update(uuid, rev, geom=(POINT, None)), update(uuid, rev, name=("Бесағаш кірпіш зауыты", "")))
    assert [r["error"]["code"] for r in result["results"]] == ["invalid_geometry", "invalid_value"]
    assert a.feature(uuid)["fields"]["geom"] == POINT


def test_request_size_limit(database_url: str) -> None:
    server = Server(database_url, Clock(), max_json_bytes=2_000)
    try:
        a = server.user("aigerim")
        response = a.push_raw(insert(notes="x" * 5_000))
        assert response.status_code == 413 and _error(response)["code"] == "payload_too_large"
        body = json.dumps(
            {"changeset_id": new_uuid(), "device_id": a.device_id, "changes": [insert(notes="y" * 5_000)]}
        )
        streamed = a.client.post(
            "/api/v1/changesets",
            content=iter([body[i : i + 500].encode() for i in range(0, len(body), 500)]),
            headers={**a.headers, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413 and _error(streamed)["code"] == "payload_too_large"
        assert a.pull()["server_rev"] == 0
    finally:
        server.close()


def test_null_empty_kazakh_cyrillic_and_dates_come_back_unchanged(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    uuid = new_uuid()
    values = {
        "name": "Қапшағай ұңғымасы — «Әбілқайыр» ЖШС",
        "operator": "",
        "notes": None,
        "emissions_note": "Дым, запах гари; ночью сильнее.\nЕкінші жол: ғ қ ң ө ұ ү һ і ә",
        "observed_on": "2024-05-06",
        "closed_on": "2019-12-31",
    }
    a.push(insert(uuid, **values))
    fields = b.feature(uuid)["fields"]
    assert {name: fields[name] for name in values} == values
    assert fields["operator"] == "" and fields["notes"] is None
    history = b.get(f"/api/v1/features/brick_factories/{uuid}/history").json()
    assert {name: history[0]["fields"][name] for name in values} == values
    # in a conflict too, "" and null stay apart
    a.push(update(uuid, 1, operator=("", "ТОО «Кірпіш»")))
    conflict_id = b.push(update(uuid, 1, operator=("", None)))["results"][0]["conflict_ids"][0]
    (conflict,) = [c for c in b.get("/api/v1/conflicts").json() if c["id"] == conflict_id]
    assert (conflict["base"], conflict["theirs"], conflict["mine"]) == ("", "ТОО «Кірпіш»", None)
    b.post(f"/api/v1/conflicts/{conflict_id}/resolve", {"keep": "mine"})
    assert a.feature(uuid)["fields"]["operator"] is None


def test_vocabulary_labels_become_codes_and_numbers_numbers(server: Server) -> None:
    a = server.user("aigerim")
    uuid = new_uuid()
    a.push(
        insert(
            uuid,
            layer="sewage_outflows",
            name="Sorbulak",
            status="действующий",
            branch="almaty",
            geom=POINT,
            flow_m3_day="1 200,5",
            affected_settlements=20.0,
        )
    )
    fields = a.feature(uuid)["fields"]
    assert fields["status"] == "active" and fields["flow_m3_day"] == 1200.5
    assert fields["affected_settlements"] == 20 and json.dumps(fields["affected_settlements"]) == "20"
