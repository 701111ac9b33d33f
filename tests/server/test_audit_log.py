"""The audit log holds every action that changes data: pushes, resolutions, reviews and the console's
account commands, each with the device its token was issued to beside the device a push claims."""

from __future__ import annotations

import argparse

from baytak_desktop.server import commands

from .conftest import PASSWORD, Server, delete, insert, new_uuid, update


def _audit(server: Server) -> list[dict]:
    admin = server.login("root")
    response = admin.get("/api/v1/audit", limit=1000)
    assert response.status_code == 200, response.text
    return response.json()


def test_a_push_records_the_tokens_device_beside_the_claimed_one(server: Server) -> None:
    server.add_user("root", "admin", None)
    a = server.user("aigerim")
    honest = a.push(insert())
    claimed = new_uuid()
    body = {"changeset_id": new_uuid(), "device_id": claimed, "changes": [insert()]}
    assert a.client.post("/api/v1/changesets", json=body, headers=a.headers).status_code == 200
    pushes = [e for e in _audit(server) if e["action"] == "push"]
    assert [(e["user"], e["device_id"], e["claimed_device_id"]) for e in pushes] == [
        ("aigerim", a.device_id, claimed),
        ("aigerim", a.device_id, a.device_id),
    ]
    assert pushes[1]["changeset_id"] == honest["changeset_id"] and pushes[1]["applied"] == 1


def test_a_conflict_names_the_tokens_device_not_the_one_the_push_claims(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(update(uuid, rev, operator=(None, "A")))
    claimed = a.device_id  # bolat's push says it came from aigerim's device
    body = {"changeset_id": new_uuid(), "device_id": claimed, "changes": [update(uuid, rev, operator=(None, "B"))]}
    response = b.client.post("/api/v1/changesets", json=body, headers=b.headers)
    assert response.status_code == 200 and response.json()["results"][0]["outcome"] == "conflict"
    conflicts = [c for page in b.pull_all() for c in page["conflicts"]]
    assert [(c["author"], c["device_id"]) for c in conflicts] == [("bolat", b.device_id)]


def test_resolutions_and_reviews_are_audited(server: Server) -> None:
    server.add_user("root", "admin", None)
    a, b = server.user("aigerim"), server.user("bolat")
    dana = server.user("dana", "coordinator", "almaty")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(update(uuid, rev, operator=(None, "A")))
    conflict_id = b.push(update(uuid, rev, operator=(None, "B")))["results"][0]["conflict_ids"][0]
    assert dana.post(f"/api/v1/conflicts/{conflict_id}/resolve", {"keep": "mine"}).status_code == 200
    state = dana.feature(uuid)
    mark = "[rejected by dana on 2026-05-04] the photo shows a different pit"
    assert dana.push(update(uuid, state["rev"], notes=(None, mark)))["results"][0]["outcome"] == "applied"
    # a whole-feature conflict kept by deleting is audited with what it wrote
    rev = dana.feature(uuid)["rev"]
    a.push(update(uuid, rev, name=("Бесағаш кірпіш зауыты", "Бесағаш-2")))
    whole = b.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты"))["results"][0]["conflict_ids"][0]
    assert b.post(f"/api/v1/conflicts/{whole}/resolve", {"keep": "mine"}).status_code == 200

    entries = _audit(server)
    resolutions = [e for e in entries if e["action"] == "resolve"]
    assert [(e["user"], e["conflict_id"], e["details"]["kept"], e["details"]["wrote"]) for e in resolutions] == [
        ("bolat", whole, "mine", "delete"),
        ("dana", conflict_id, "mine", "update"),
    ]
    assert all(e["layer"] == "brick_factories" and e["uuid"] == uuid and e["server_rev"] for e in resolutions)
    assert resolutions[1]["device_id"] == dana.device_id
    (review,) = [e for e in entries if e["action"] == "review"]
    assert (review["user"], review["uuid"], review["details"]) == ("dana", uuid, {"verdicts": ["rejected"]})


def _run(server: Server, *argv: str) -> None:
    parser = argparse.ArgumentParser()
    commands.configure_parser(parser)
    args = parser.parse_args([*argv, "--database-url", server.url])
    assert commands.run(args) == 0


def test_console_account_commands_are_audited(server: Server, monkeypatch, capsys) -> None:
    server.add_user("root", "admin", None)
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSWORD + "\n"))
    _run(server, "user", "add", "erlan", "--role", "editor", "--branch", "almaty", "--password-stdin")
    _run(server, "user", "disable", "erlan")
    _run(server, "user", "enable", "erlan")
    server.login("erlan")
    _run(server, "token", "revoke", "--all")
    entries = _audit(server)
    console = [(e["action"], e["user"], e["details"]) for e in entries if e["action"] != "push"][::-1]
    assert console == [
        ("user_add", "(server console)", {"name": "erlan", "role": "editor", "branch": "almaty"}),
        ("user_disable", "(server console)", {"name": "erlan"}),
        ("user_enable", "(server console)", {"name": "erlan"}),
        ("token_revoke", "(server console)", {"who": "everyone", "revoked": 1}),
    ]
    capsys.readouterr()
    _run(server, "audit", "--limit", "3")
    assert "token_revoke" in capsys.readouterr().out
