"""The refusals the web framework would answer in its own English (a body of the wrong shape, an unknown
path or method, a base value no field could hold) carry ``details.template`` and ``details.params``
like every other refusal, and the template with its parameters gives the English message that devices
predating templates still show."""

from __future__ import annotations

import json

import pytest

from baytak_desktop.errors import formatted
from baytak_desktop.sync.protocol import ErrorBody

from .conftest import Clock, Server, insert, new_uuid, update

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # no storage involved


def said(response) -> tuple[ErrorBody, str, dict]:
    """The answer as an old device validates it, and its template and parameters."""
    error = ErrorBody.model_validate(response.json()["error"])
    template, params = str(error.details["template"]), json.loads(str(error.details["params"]))
    assert formatted(template, params) == error.message  # what a device checks before translating
    return error, template, params


def test_a_body_of_the_wrong_shape_names_each_place_in_words(server: Server) -> None:
    a = server.user("aigerim")
    body = {"changeset_id": 5, "changes": "all of them", "surprise": 1}
    error, template, params = said(a.client.post("/api/v1/changesets", json=body, headers=a.headers))
    assert error.code.value == "malformed_request"
    assert template == "The request does not have the expected shape: {found}; and {more} more."
    assert "Input should" not in error.message and "Field required" not in error.message
    said_places = json.dumps(params["found"])
    assert "{place} is missing" in said_places and "body.device_id" in said_places
    assert any("device_id" in line for line in error.details["errors"])  # the framework's lines stay


def test_an_unknown_path_and_a_wrong_method_are_templates(server: Server) -> None:
    error, template, params = said(server.client.get("/api/v1/nothing-here"))
    assert error.code.value == "not_found" and template == "There is no {method} {path} on this server."
    assert params == {"method": "GET", "path": "/api/v1/nothing-here"}
    wrong = server.client.delete("/api/v1/login")
    assert wrong.status_code == 405 and "POST" in wrong.headers["Allow"]
    error, template, params = said(wrong)
    assert template == "{method} is not allowed here; use {allowed}." and params["method"] == "DELETE"


def test_json_that_is_not_json_and_another_protocol_are_templates(server: Server) -> None:
    a = server.user("aigerim")
    headers = {**a.headers, "Content-Type": "application/json"}
    _, template, _ = said(a.client.post("/api/v1/changesets", content=b'{"changeset_id": ', headers=headers))
    assert template == "The request body is not valid JSON."
    old = {"protocol": "baytak-sync/0", "changeset_id": new_uuid(), "device_id": new_uuid(), "changes": []}
    _, template, params = said(a.client.post("/api/v1/changesets", json=old, headers=a.headers))
    assert template == "This server speaks {protocol}; update the app." and params["protocol"]


def test_a_base_value_no_field_could_hold_is_refused_problem_by_problem(server: Server) -> None:
    boss = server.user("boss", "admin", None)
    feature = insert(notes="first")
    rev = boss.push(feature)["results"][0]["rev"]
    (result,) = boss.push(update(feature["uuid"], rev, notes=(True, "second")))["results"]
    error = ErrorBody.model_validate(result["error"])
    assert error.code.value == "invalid_value" and error.details["template"] == "{reasons}"
    (reason,) = json.loads(str(error.details["params"]))["reasons"]
    assert reason["field"] == "notes" and reason["template"] == "the base value {problem}"
    assert reason["params"]["problem"] == {"template": "{value} is not a value", "params": {"value": "true"}}
    assert error.message == "field notes: the base value true is not a value"


def test_a_body_cut_off_while_it_streams_is_a_template(database_url: str) -> None:
    """Without a Content-Length the size is counted as the body arrives; the 413 raised inside the app
    says the limit like the one refused from the header."""
    server = Server(database_url, Clock(), max_json_bytes=2_000)
    try:
        a = server.user("aigerim")
        body = json.dumps(
            {"changeset_id": new_uuid(), "device_id": a.device_id, "changes": [insert(notes="y" * 5_000)]}
        )
        streamed = a.client.post(
            "/api/v1/changesets",
            content=iter([body[i : i + 500].encode() for i in range(0, len(body), 500)]),
            headers={**a.headers, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413
        _, template, params = said(streamed)
        assert template == "The request is larger than the server accepts ({limit} bytes)." and params == {
            "limit": 2000
        }
    finally:
        server.close()
