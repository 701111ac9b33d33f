"""Requests a hostile or clumsy client sends that the other tests do not name: each is refused with a
documented 4xx and a template, never a 500, and the store is unchanged, the same on both backends."""

from __future__ import annotations

import gzip
import hashlib
import json
import unicodedata

import pytest

from baytak_desktop.server import accounts
from baytak_desktop.server.accounts import AccountError

from .conftest import Server, insert, new_uuid

DATA = b"a photo of the kiln"
SHA = hashlib.sha256(DATA).hexdigest()


def _upload(server: Server) -> None:
    device = server.user("uploader")
    headers = {**device.headers, "Content-Range": f"bytes 0-{len(DATA) - 1}/{len(DATA)}"}
    assert device.client.put(f"/api/v1/blobs/{SHA}", content=DATA, headers=headers).json()["complete"] is True


@pytest.mark.parametrize("size", [len(DATA) + 1, 2**63, 2**70])
def test_an_attachment_whose_size_is_not_its_blobs_is_refused_and_nothing_is_written(server: Server, size: int) -> None:
    """The size is stored beside the link and shown: a size past a 64-bit column was a 500."""
    _upload(server)
    a = server.user("aigerim")
    change = {**insert(), "attachments_added": [{"sha256": SHA, "mime": "image/jpeg", "size": size}]}
    refused = a.push_raw(change)
    assert refused.status_code == 422, refused.text
    error = refused.json()["error"]
    assert error["code"] == "invalid_value" and error["details"]["template"].startswith("Attachment {sha256} has")
    assert error["details"]["sha256"] == SHA
    assert a.pull()["server_rev"] == 0
    right = {
        **change,
        "uuid": new_uuid(),
        "attachments_added": [{"sha256": SHA, "mime": "image/jpeg", "size": len(DATA)}],
    }
    assert a.push(right)["results"][0]["outcome"] == "applied"


def _changeset_text(device_id: str, name: str = '"Абай"') -> str:
    change = json.dumps(insert(name="NAME"), ensure_ascii=False).replace('"NAME"', name)
    return f'{{"changeset_id": "{new_uuid()}", "device_id": "{device_id}", "changes": [{change}]}}'


BODIES = {
    "latin-1, not UTF-8": lambda device_id: (
        _changeset_text(device_id).encode("utf-8").replace("Абай".encode(), "Ab\xe9".encode("latin-1"))
    ),
    "UTF-16 (FastAPI guessed it)": lambda device_id: _changeset_text(device_id).encode("utf-16"),
    "a key twice (the last won)": lambda device_id: (
        _changeset_text(device_id)
        .replace('"changeset_id"', f'"changeset_id": "{new_uuid()}", "changeset_id"', 1)
        .encode()
    ),
    "a field twice in one change": lambda device_id: (
        _changeset_text(device_id).replace('"name": {', '"name": {"base": null, "new": "other"}, "name": {', 1).encode()
    ),
    "nested 10,000 deep": lambda device_id: _changeset_text(device_id, "[" * 10_000 + "]" * 10_000).encode(),
    "a 5,000-digit number": lambda device_id: _changeset_text(device_id, "9" * 5_000).encode(),
}


@pytest.mark.parametrize("kind", BODIES)
def test_a_body_json_does_not_read_one_way_only_is_refused_saying_why(server: Server, kind: str) -> None:
    device = server.user("aigerim")
    body = BODIES[kind](device.device_id)
    answer = device.client.post(
        "/api/v1/changesets", content=body, headers={**device.headers, "Content-Type": "application/json"}
    )
    assert answer.status_code == 400, answer.text
    error = answer.json()["error"]
    assert error["code"] == "malformed_request" and error["details"]["template"].startswith("The request body")
    assert "parsing" not in error["message"]
    assert device.pull()["server_rev"] == 0


def test_a_byte_order_mark_before_utf8_json_is_read(server: Server) -> None:
    device = server.user("aigerim")
    body = "\ufeff".encode() + _changeset_text(device.device_id).encode()
    answer = device.client.post(
        "/api/v1/changesets", content=body, headers={**device.headers, "Content-Type": "application/json"}
    )
    assert answer.status_code == 200 and answer.json()["results"][0]["outcome"] == "applied"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
@pytest.mark.parametrize("path", ["/api/v1/changesets", "/api/v1/login", f"/api/v1/blobs/{SHA}"])
def test_a_compressed_body_is_refused_unread(server: Server, encoding: str, path: str) -> None:
    device = server.user("aigerim")
    body = gzip.compress(_changeset_text(device.device_id).encode()) if encoding == "gzip" else b"x" * 40
    headers = {**device.headers, "Content-Encoding": encoding, "Content-Range": f"bytes 0-{len(body) - 1}/{len(body)}"}
    answer = device.client.request(
        "PUT" if "blobs" in path else "POST",
        path,
        content=body,
        headers={**headers, "Content-Type": "application/json"},
    )
    assert answer.status_code == 415, answer.text
    error = answer.json()["error"]
    assert error["code"] == "unsupported_media_type" and error["details"]["template"].startswith(
        "Send the body as it is"
    )
    assert device.pull()["server_rev"] == 0


@pytest.mark.parametrize(
    "twin",
    [
        "\u0430igerim",  # Cyrillic а
        "AIGERIM",
        "ａｉｇｅｒｉｍ",  # full-width
        "aige\u200brim",  # a zero-width space
        "aige\x00rim",  # PostgreSQL refused the NUL with a DataError, SQLite stored it
        "aige\trim",
    ],
)
def test_a_user_name_that_looks_like_another_or_hides_a_character_is_refused(server: Server, twin: str) -> None:
    server.add_user("aigerim")
    with pytest.raises(AccountError) as refused:
        server.add_user(twin)
    assert refused.value.template.startswith(("The name {name!r} looks like", "A user name cannot hold"))
    with server.app.state.db.transaction() as tx:
        assert [a.username for a in accounts.list_users(tx)] == ["aigerim"]


def test_kazakh_and_russian_spellings_of_a_name_are_two_people(server: Server) -> None:
    """ү and у are two letters of the Kazakh alphabet: Айгүл and Айгул are both real names, not look-alikes."""
    for name in ("Айгүл", "Айгул", "Гүлнар", "Гулнар", "Ұлан", "Улан"):
        server.add_user(name)
    with server.app.state.db.transaction() as tx:
        assert len(accounts.list_users(tx)) == 6
    with pytest.raises(AccountError):
        server.add_user("Aйгул")  # a Latin A: the look-alike is still refused


def test_a_name_signs_in_whichever_unicode_spelling_the_keyboard_sent(server: Server) -> None:
    composed = unicodedata.normalize("NFC", "Айгерім Ёлкина")
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed
    server.add_user(decomposed)  # kept in one spelling whichever was typed
    device = server.login(composed)
    assert device.get("/api/v1/me").json()["username"] == composed
    assert server.login(decomposed).get("/api/v1/me").json()["username"] == composed
    with pytest.raises(AccountError):
        server.add_user(composed)


def test_a_changeset_id_sent_again_with_other_changes_is_refused_not_answered_as_applied(server: Server) -> None:
    a = server.user("aigerim")
    changeset_id, first = new_uuid(), insert(name="Бірінші")
    rev = a.push(first, changeset_id=changeset_id)["server_rev"]
    for other in ([insert(name="Екінші")], [first, insert()], []):
        refused = a.push_raw(*other, changeset_id=changeset_id)
        assert refused.status_code == 409, refused.text
        error = refused.json()["error"]
        assert error["code"] == "malformed_request" and error["details"]["template"].startswith("Changeset {id} was")
    assert a.pull()["server_rev"] == rev
    again = a.push(first, changeset_id=changeset_id)  # the same changes: the stored answer, as before
    assert again["replayed"] is True and again["results"][0]["outcome"] == "applied"


@pytest.mark.parametrize("beyond", [1, 2**40, 2**62 - 1])  # 2**62: the largest ``after`` the API takes
def test_a_pull_after_a_revision_the_server_never_had_is_refused_not_answered_empty(
    server: Server, beyond: int
) -> None:
    """An empty page would move the device's position past revisions it never received."""
    a = server.user("aigerim")
    head = a.push(insert())["server_rev"]
    refused = a.get("/api/v1/changes", after=head + beyond)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert error["code"] == "malformed_request" and error["details"]["server_rev"] == head
    assert error["details"]["template"].startswith("This device has pulled up to revision {after}")
    assert a.pull(after=head) == {**a.pull(after=head), "until": head, "more": False, "features": []}


def test_an_account_kept_in_nfd_before_names_were_normalised_still_signs_in(server: Server) -> None:
    server.add_user("placeholder")
    decomposed = unicodedata.normalize("NFD", "Айгерім Ёлкина")
    with server.app.state.db.transaction(write=True) as tx:  # as an older server stored it
        tx.execute("UPDATE baytak_users SET username = ? WHERE username = ?", (decomposed, "placeholder"))
    for typed in (decomposed, unicodedata.normalize("NFC", decomposed)):
        assert server.login(typed).get("/api/v1/me").json()["username"] == decomposed


@pytest.mark.parametrize("part", ["total", "start"])
def test_a_content_range_of_thousands_of_digits_is_refused_not_a_fault(server: Server, part: str) -> None:
    """``int`` refuses 4,300 digits and more: that was a 500."""
    device = server.user("aigerim")
    many = "9" * 20_000
    content_range = f"bytes 0-0/{many}" if part == "total" else f"bytes {many}-{many}/1"
    answer = device.client.put(
        f"/api/v1/blobs/{SHA}", content=b"x", headers={**device.headers, "Content-Range": content_range}
    )
    assert answer.status_code == (413 if part == "total" else 400), answer.text
    assert answer.json()["error"]["code"] in ("payload_too_large", "malformed_request")
    assert "template" in answer.json()["error"]["details"]
    assert device.get(f"/api/v1/blobs/{SHA}/status").json()["received"] == 0


def test_a_content_length_of_thousands_of_digits_is_too_large_not_a_fault(server: Server) -> None:
    device = server.user("aigerim")
    headers = {**device.headers, "Content-Type": "application/json", "Content-Length": "9" * 20_000}
    answer = device.client.post("/api/v1/changesets", content=b"{}", headers=headers)
    assert answer.status_code == 413, answer.text
    assert answer.json()["error"]["code"] == "payload_too_large"
