"""Sign-in, tokens and rights per change, on both backends."""

from __future__ import annotations

import pytest

from baytak_desktop.server.accounts import hash_password, token_hash, verify_password

from .conftest import PASSWORD, Server, delete, insert, new_uuid, update


def _error(response) -> str:
    return response.json()["error"]["code"]


def test_password_hash_is_salted_scrypt_and_verifies() -> None:
    one, two = hash_password("пароль-123", n=1024), hash_password("пароль-123", n=1024)
    assert one != two and one.startswith("scrypt$1024$")
    assert verify_password("пароль-123", one) and not verify_password("пароль-124", one)
    assert not verify_password("x", "not a hash")


def test_only_healthz_and_login_answer_without_a_token(server: Server) -> None:
    client = server.client
    assert client.get("/healthz").status_code == 200
    for method, path in [
        ("GET", "/api/v1/me"),
        ("GET", "/api/v1/changes"),
        ("GET", "/api/v1/conflicts"),
        ("POST", "/api/v1/logout"),
        ("GET", "/api/v1/audit"),
        ("GET", f"/api/v1/features/quarries/{new_uuid()}/history"),
        ("GET", f"/api/v1/blobs/{'a' * 64}/status"),
        ("GET", f"/api/v1/blobs/{'a' * 64}"),
    ]:
        response = client.request(method, path)
        assert response.status_code == 401 and _error(response) == "unauthorized", path
    assert client.get("/api/v1/me", headers={"Authorization": "Bearer nonsense"}).status_code == 401


def test_login_me_logout(server: Server) -> None:
    device = server.user("aigerim", "coordinator", "almaty")
    assert device.get("/api/v1/me").json() == {"username": "aigerim", "role": "coordinator", "branch": "almaty"}
    assert server.client.post("/api/v1/logout", headers=device.headers).status_code == 204
    assert _error(device.get("/api/v1/me")) == "unauthorized"


def test_tokens_are_stored_only_as_hashes(server: Server) -> None:
    device = server.user("aigerim")
    with server.app.state.db.transaction() as tx:
        stored = [row[0] for row in tx.query("SELECT token_hash FROM baytak_tokens")]
    assert stored == [token_hash(device.token)] and device.token not in stored


def test_wrong_password_then_rate_limited_even_with_the_right_one(server: Server) -> None:
    server.add_user("aigerim")
    body = {"username": "aigerim", "password": "wrong", "device_id": new_uuid()}
    for _ in range(5):
        assert _error(server.client.post("/api/v1/login", json=body)) == "bad_credentials"
    limited = server.client.post("/api/v1/login", json={**body, "password": PASSWORD})
    assert limited.status_code == 429 and _error(limited) == "rate_limited"
    assert limited.json()["error"]["details"]["retry_after"] > 0 and "retry-after" in limited.headers
    server.clock.advance(seconds=901)
    assert server.client.post("/api/v1/login", json={**body, "password": PASSWORD}).status_code == 200


def test_unknown_user_is_the_same_answer_as_a_wrong_password(server: Server) -> None:
    body = {"username": "nobody", "password": "x", "device_id": new_uuid()}
    response = server.client.post("/api/v1/login", json=body)
    assert response.status_code == 401 and _error(response) == "bad_credentials"


def test_token_expires(server: Server) -> None:
    device = server.user("aigerim")
    server.clock.advance(days=31)
    response = device.get("/api/v1/me")
    assert response.status_code == 401 and _error(response) == "token_expired"


def test_disabled_user_token_stops_working_and_cannot_sign_in(server: Server) -> None:
    from baytak_desktop.server import accounts

    device = server.user("aigerim")
    with server.app.state.db.transaction(write=True) as tx:
        accounts.set_disabled(tx, server.settings, "aigerim")
    assert _error(device.get("/api/v1/me")) == "account_disabled"
    assert _error(device.push_raw(insert())) == "account_disabled"
    body = {"username": "aigerim", "password": PASSWORD, "device_id": new_uuid()}
    assert _error(server.client.post("/api/v1/login", json=body)) == "account_disabled"
    with server.app.state.db.transaction(write=True) as tx:  # enabling again does not revive the old token
        accounts.set_disabled(tx, server.settings, "aigerim", False)
    assert _error(device.get("/api/v1/me")) == "unauthorized"
    assert server.login("aigerim").get("/api/v1/me").status_code == 200


def test_revoked_tokens_stop_working(server: Server) -> None:
    from baytak_desktop.server import accounts

    one, two = server.user("aigerim"), server.login("aigerim")
    other = server.user("bolat")
    with server.app.state.db.transaction(write=True) as tx:
        assert accounts.revoke_tokens(tx, server.settings, "aigerim") == 2
    assert _error(one.get("/api/v1/me")) == _error(two.get("/api/v1/me")) == "unauthorized"
    assert other.get("/api/v1/me").status_code == 200


def _outcome(result: dict) -> tuple[str, str | None]:
    change = result["results"][0]
    return change["outcome"], (change["error"] or {}).get("code")


def test_editor_of_one_branch_cannot_touch_another_branchs_feature(server: Server) -> None:
    almaty, astana = server.user("aigerim", "editor", "almaty"), server.user("bolat", "editor", "astana")
    uuid = new_uuid()
    rev = almaty.push(insert(uuid))["results"][0]["rev"]
    assert _outcome(astana.push(update(uuid, rev, operator=(None, "X")))) == ("rejected", "forbidden")
    assert _outcome(astana.push(delete(uuid, rev))) == ("rejected", "forbidden")
    assert _outcome(astana.push(insert(branch="almaty"))) == ("rejected", "forbidden")
    assert _outcome(almaty.push(update(uuid, rev, branch=("almaty", "astana")))) == ("rejected", "forbidden")
    assert almaty.feature(uuid)["fields"]["operator"] is None
    rejection = astana.pull()["rejections"]
    assert {r["error"]["code"] for r in rejection} == {"forbidden"} and len(rejection) == 3
    assert almaty.pull()["rejections"][0]["author"] == "aigerim"  # each sees only their own


def test_reporter_creates_and_edits_only_their_own(server: Server) -> None:
    reporter = server.user("dana", "reporter", "almaty")
    editor = server.user("aigerim", "editor", "almaty")
    mine, theirs = new_uuid(), new_uuid()
    assert _outcome(reporter.push(insert(mine, branch="shymkent"))) == ("applied", None)
    rev = editor.push(insert(theirs))["results"][0]["rev"]
    assert _outcome(reporter.push(update(mine, 1, operator=(None, "X")))) == ("applied", None)
    assert _outcome(reporter.push(update(theirs, rev, operator=(None, "X")))) == ("rejected", "forbidden")
    assert _outcome(reporter.push(delete(theirs, rev))) == ("rejected", "forbidden")


def test_viewer_changes_nothing_admin_everything(server: Server) -> None:
    viewer = server.user("erlan", "viewer", None)
    admin = server.user("root", "admin", None)
    refused = viewer.push_raw(insert())  # refused whole: a viewer's push writes nothing at all
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert _outcome(admin.push(insert(branch="mangystau"))) == ("applied", None)
    assert viewer.pull()["features"][0]["fields"]["branch"] == "mangystau"  # everyone reads everything
    assert viewer.get("/api/v1/audit").status_code == 403
    audit = admin.get("/api/v1/audit").json()
    assert [(a["user"], a["action"], a["applied"], a["rejected"]) for a in audit] == [("root", "push", 1, 0)]


@pytest.mark.parametrize("role", ["viewer", "reporter"])
def test_only_allowed_accounts_resolve(server: Server, role: str) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    outsider = server.user("someone", role, "astana" if role == "reporter" else None)
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(update(uuid, rev, operator=(None, "A")))
    conflict_id = b.push(update(uuid, rev, operator=(None, "B")))["results"][0]["conflict_ids"][0]
    response = outsider.post(f"/api/v1/conflicts/{conflict_id}/resolve", {"keep": "mine"})
    assert response.status_code in (403, 404)
