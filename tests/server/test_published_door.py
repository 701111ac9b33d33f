"""A published layer goes through the server's door exactly as a built-in one, on both backends: its values
cleaned or refused per change by the same rules (``layers.canonical``), its writes judged by the same
rights (``server.rights``) in a push and in a resolution, its reviews guarded and audited, and a push
that meets a publication made after its values were checked is checked again with what it added."""

from __future__ import annotations

import json

from layer_helpers import ILLEGAL_DUMPS

from baytak_desktop.layers.definition import parse
from baytak_desktop.server import push as push_module
from baytak_desktop.server.publish import publish

from .conftest import POINT, Server, delete, insert, new_uuid, update
from .test_door import no_class_names, outcomes

NOW = "2026-03-01T10:00:00.000Z"
LAYER = "illegal_dumps"


def dumps(**fields: object) -> dict:
    values: dict[str, object] = {"name": "Үйінді", "status": "active", "branch": "almaty", "geom": POINT}
    values.update(fields)
    return insert(layer=LAYER, **values)


def push_text(device, *changes: dict):
    """A push sent as JSON text with ASCII escapes (a lone surrogate has no UTF-8 of its own)."""
    body = {"changeset_id": new_uuid(), "device_id": device.device_id, "changes": list(changes)}
    headers = {**device.headers, "Content-Type": "application/json"}
    return device.client.post("/api/v1/changesets", content=json.dumps(body).encode(), headers=headers)


def published(server: Server, definition: dict = ILLEGAL_DUMPS) -> None:
    publish(server.app.state.db, parse(definition, LAYER), "admin", NOW)


def with_verified() -> dict:
    """The dumps with a status code "verified" added (an additive change): setting it is a review."""
    data = json.loads(json.dumps(ILLEGAL_DUMPS))
    status = next(f for f in data["fields"] if f["name"] == "status")
    status["vocabulary"].append({"code": "verified", "en": "Verified", "kk": "Тексерілді", "ru": "Проверена"})
    return data


def test_values_of_a_published_layer_are_cleaned_or_refused_like_a_built_in_layers(server: Server) -> None:
    published(server)
    a = server.user("aigerim")
    changes = [
        dumps(name="a\x00b"),
        dumps(name="\ud800"),
        dumps(found_on="20240101"),
        dumps(volume_m3=True),
        dumps(volume_m3=-1),
        dumps(burning=2),
        dumps(burning="жоқ", status="Белсенді", found_on="2024-05-01", volume_m3="1 200,5"),
        dumps(burning=True),
        dumps(unknown_field="x"),
        dumps(name="x" * 501),
    ]
    response = push_text(a, *changes)
    assert outcomes(response) == [
        *[("rejected", "invalid_value")] * 6,
        ("applied", None),
        ("applied", None),
        ("rejected", "unknown_field"),
        ("rejected", "invalid_value"),
    ]
    cleaned = a.feature(changes[6]["uuid"])["fields"]
    assert (cleaned["burning"], cleaned["status"], cleaned["volume_m3"]) == (0, "active", 1200.5)
    assert a.feature(changes[7]["uuid"])["fields"]["burning"] == 1
    unknown = a.push_raw(insert(layer="rivers", name="Іле"))
    assert outcomes(unknown) == [("rejected", "unknown_layer")]
    assert "illegal_dumps" in unknown.json()["results"][0]["error"]["details"]["known"]


def test_rights_on_a_published_layer_are_those_of_every_layer(server: Server) -> None:
    published(server)
    editor, other = server.user("aigerim"), server.user("erlan", branch="astana")
    viewer, reporter = server.user("vera", role="viewer"), server.user("rauan", role="reporter")
    uuid = new_uuid()
    rev = editor.push(dumps(uuid=uuid))["results"][0]["rev"]
    assert outcomes(other.push_raw(update(uuid, rev, layer=LAYER, name=("Үйінді", "Басқа")))) == [
        ("rejected", "forbidden")
    ]
    assert outcomes(editor.push_raw(dumps(branch="astana"))) == [("rejected", "forbidden")]
    assert outcomes(editor.push_raw(dumps(branch="Алматы қаласы"))) == [("applied", None)]  # a label is the code
    assert viewer.push_raw(dumps()).status_code == 403
    assert outcomes(reporter.push_raw(update(uuid, rev, layer=LAYER, notes=(None, "менікі емес")))) == [
        ("rejected", "forbidden")
    ]
    mine = reporter.push(dumps(branch="astana"))["results"][0]
    assert outcomes(reporter.push_raw(update(mine["uuid"], mine["rev"], layer=LAYER, notes=(None, "менікі")))) == [
        ("applied", None)
    ]


def test_a_resolution_on_a_published_layer_is_checked_like_a_push(server: Server) -> None:
    published(server)
    a, b = server.user("aigerim"), server.user("bolat")
    uuid = new_uuid()
    rev = a.push(dumps(uuid=uuid))["results"][0]["rev"]
    a.push(update(uuid, rev, layer=LAYER, name=("Үйінді", "A")))
    (conflict_id,) = b.push(delete(uuid, rev, layer=LAYER, name="Үйінді"))["results"][0]["conflict_ids"]
    url = f"/api/v1/conflicts/{conflict_id}/resolve"
    moving = b.post(url, {"keep": "edited", "value": json.dumps({"branch": "astana"})})
    no_class_names(moving)
    assert moving.status_code == 403 and a.feature(uuid)["fields"]["branch"] == "almaty"
    bad = b.post(url, {"keep": "edited", "value": json.dumps({"burning": "мүмкін"})})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_value"
    assert b.post(url, {"keep": "edited", "value": json.dumps({"burning": "иә", "name": "B"})}).status_code == 200
    fields = a.feature(uuid)["fields"]
    assert (fields["burning"], fields["name"]) == (1, "B")


def test_a_review_on_a_published_layer_is_a_reviewers_and_audited(server: Server) -> None:
    published(server)
    published(server, with_verified())
    server.add_user("root", "admin", None)
    editor, coordinator = server.user("aigerim"), server.user("dana", role="coordinator")
    uuid = new_uuid()
    rev = editor.push(dumps(uuid=uuid))["results"][0]["rev"]
    assert outcomes(editor.push_raw(update(uuid, rev, layer=LAYER, status=("active", "verified")))) == [
        ("rejected", "forbidden")
    ]
    assert outcomes(coordinator.push_raw(update(uuid, rev, layer=LAYER, status=("active", "verified")))) == [
        ("applied", None)
    ]
    entries = server.login("root").get("/api/v1/audit", limit=100).json()
    reviews = [e for e in entries if e["action"] == "review"]
    assert [(e["user"], e["layer"], e["uuid"]) for e in reviews] == [("dana", LAYER, uuid)]
    publications = [(e["layer"], e["details"]["revision"]) for e in entries if e["action"] == "layer_publish"]
    assert publications == [(LAYER, 2), (LAYER, 1)]  # newest first


def test_a_push_checked_before_a_publication_is_checked_again_under_the_lock(server: Server, monkeypatch) -> None:
    """The values are checked before the push takes the lock; a layer published meanwhile (here: right
    after that check) must not make its changes unknown."""
    a = server.user("aigerim")
    check_all = push_module.check_all
    calls = []

    def publish_after_the_first_check(catalog, changes):
        found = check_all(catalog, changes)
        calls.append(catalog.revision)
        if len(calls) == 1:
            published(server)
        return found

    monkeypatch.setattr(push_module, "check_all", publish_after_the_first_check)
    assert outcomes(a.push_raw(dumps(burning=1))) == [("applied", None)]
    assert calls == [0, 1]
