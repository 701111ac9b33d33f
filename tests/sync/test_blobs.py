"""Attachments against the real server: resumable chunked upload, hash check, 409 missing_blob resend."""

from __future__ import annotations

import hashlib

import pytest

from baytak_desktop.store import Store
from baytak_desktop.sync import outbox
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.engine import SyncResult, _post
from baytak_desktop.sync.errors import ServerRefused
from baytak_desktop.sync.session import signed_in
from tests.sync.e2e import add

DATA = bytes(range(256)) * 50  # 12,800 bytes


def client_for(path):
    with Store.open(path) as store:
        found = signed_in(store)
    return SyncClient(found.server_url, found.token, attempts=2, backoff=0.01)


def test_an_interrupted_upload_resumes_where_the_server_stopped(device):
    a = device("a")
    sha = hashlib.sha256(DATA).hexdigest()
    with client_for(a) as client:
        client.request(
            "PUT",
            f"/blobs/{sha}",
            content=DATA[:5000],
            headers={"Content-Type": "application/octet-stream", "Content-Range": f"bytes 0-4999/{len(DATA)}"},
        )
        assert not client.has_blob(sha)
        assert client._received(sha) == 5000
        client.upload_blob(sha, DATA, chunk=3000)  # resumes at 5,000, in chunks
        assert client.has_blob(sha)
        assert client.download_blob(sha) == DATA


def test_a_chunk_at_the_wrong_offset_is_corrected_from_the_server(device):
    a = device("a")
    sha = hashlib.sha256(DATA).hexdigest()
    with client_for(a) as client:
        client.request(
            "PUT",
            f"/blobs/{sha}",
            content=DATA[:4000],
            headers={"Content-Type": "application/octet-stream", "Content-Range": f"bytes 0-3999/{len(DATA)}"},
        )
        client._received = lambda _sha: 0  # a client that lost track of the upload: starts again at 0
        client.upload_blob(sha, DATA, chunk=4000)
        assert client.download_blob(sha) == DATA


def test_bytes_that_do_not_match_their_name_are_refused(device):
    a = device("a")
    sha = hashlib.sha256(b"the real photo").hexdigest()
    with client_for(a) as client:
        with pytest.raises(ServerRefused) as caught:
            client.upload_blob(sha, b"a different photo")
        assert caught.value.code == "hash_mismatch"
        assert not client.has_blob(sha)


def test_a_changeset_naming_a_missing_blob_is_answered_409_then_uploaded_and_resent(device, tmp_path):
    a = device("a")
    uuid = add(a)
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + DATA)
    with Store.open(a) as store:
        store.attach("brick_factories", uuid, photo)
        with store.session() as conn:
            (sealed,) = outbox.seal(conn, store.device_id)
        result = SyncResult()
        with client_for(a) as client:
            answer = _post(store, client, sealed, progress=_Silent(), result=result)  # no upload beforehand
        assert result.blobs_uploaded == 1
        assert [r.outcome.value for r in answer.results] == ["applied"]


class _Silent:
    def update(self, fraction: float, text: str = "") -> None:
        return None


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_whole_request_the_server_refuses_is_said_in_the_readers_language(device, server, lang):
    """A refusal of a whole request (here a viewer's upload: 403) carries its template in its details;
    the client keeps it, so the command line and the window say it translated, not the server's English."""
    from baytak_desktop import i18n
    from tests.test_cli_language import translation

    server.add_user("asel", role="viewer")
    viewer = device("v", user="asel")
    sha = hashlib.sha256(DATA).hexdigest()
    with client_for(viewer) as client, pytest.raises(ServerRefused) as refused:
        client.upload_blob(sha, DATA)
    reason = translation(lang, "Not allowed: {reason}.").format(
        reason=translation(lang, "a viewer cannot upload attachments")
    )
    assert str(refused.value.params["reason"]) == "Not allowed: a viewer cannot upload attachments."  # --json, logs
    with i18n.speaking(lang):
        said = i18n.error_text(refused.value)
    assert said == translation(lang, "The server {server} refused the request: {reason} ({code}).").format(
        server=server.url, reason=reason, code="forbidden"
    )
