"""Uploads that end: a partial upload that disagrees about the file's size is replaced, partial uploads
expire, an account's unfinished uploads are limited, and the status codes are the documented ones."""

from __future__ import annotations

import hashlib
import os

from .conftest import Clock, Device, Server

DATA = os.urandom(300_000)
SHA = hashlib.sha256(DATA).hexdigest()


def _put(device: Device, sha: str, data: bytes, start: int, total: int, **headers: str):
    end = start + len(data) - 1
    return device.client.put(
        f"/api/v1/blobs/{sha}",
        content=data,
        headers={
            **device.headers,
            "Content-Type": "application/octet-stream",
            "Content-Range": f"bytes {start}-{end}/{total}",
            **headers,
        },
    )


def _status(device: Device, sha: str) -> dict:
    return device.get(f"/api/v1/blobs/{sha}/status").json()


def test_a_partial_upload_that_disagrees_about_the_size_is_replaced_from_byte_0(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    wrong_total = len(DATA) + 1_000
    assert _put(b, SHA, os.urandom(100_000), 0, wrong_total).status_code == 200  # a broken client's partial
    # the right size, later in the file: told to start again at byte 0, not at the stale offset
    later = _put(a, SHA, DATA[100_000:200_000], 100_000, len(DATA))
    assert later.status_code == 409 and later.json()["error"]["code"] == "upload_offset_mismatch"
    assert later.json()["error"]["details"]["received"] == 0
    # from byte 0 the disagreeing partial upload is replaced, and the right one completes
    assert _put(a, SHA, DATA[:150_000], 0, len(DATA)).json() == {"sha256": SHA, "complete": False, "received": 150_000}
    assert _put(a, SHA, DATA[150_000:], 150_000, len(DATA)).json()["complete"] is True
    assert a.get(f"/api/v1/blobs/{SHA}").content == DATA


def test_partial_uploads_expire(database_url: str) -> None:
    clock = Clock()
    server = Server(database_url, clock, partial_upload_hours=24)
    try:
        a = server.user("aigerim")
        assert _put(a, SHA, DATA[:100_000], 0, len(DATA)).status_code == 200
        clock.advance(hours=23)
        other = os.urandom(10)
        assert _put(a, hashlib.sha256(other).hexdigest(), other, 0, 10).status_code == 200
        assert _status(a, SHA)["received"] == 100_000  # not yet
        clock.advance(hours=2)
        more = os.urandom(10)
        assert _put(a, hashlib.sha256(more).hexdigest(), more, 0, 10).status_code == 200  # any upload sweeps
        assert _status(a, SHA) == {"sha256": SHA, "complete": False, "received": 0}
        with server.app.state.db.transaction() as tx:
            assert tx.scalar("SELECT count(*) FROM baytak_blob_chunks WHERE sha256 = ?", (SHA,)) == 0
        # a complete blob never expires
        assert a.client.head(f"/api/v1/blobs/{hashlib.sha256(other).hexdigest()}", headers=a.headers).status_code == 200
    finally:
        server.close()


def test_open_uploads_are_limited_per_account(database_url: str) -> None:
    server = Server(database_url, Clock(), max_open_uploads=2, max_open_upload_bytes=1_000_000)
    try:
        a, b = server.user("aigerim"), server.user("bolat")
        files = [os.urandom(200_000) for _ in range(4)]
        names = [hashlib.sha256(f).hexdigest() for f in files]
        for name, data in zip(names[:2], files[:2], strict=True):
            assert _put(a, name, data[:1_000], 0, len(data)).status_code == 200
        third = _put(a, names[2], files[2][:1_000], 0, len(files[2]))
        assert third.status_code == 429 and third.json()["error"]["code"] == "rate_limited"
        assert int(third.headers["Retry-After"]) > 0 and third.json()["error"]["details"]["open_uploads"] == 2
        assert _put(b, names[2], files[2][:1_000], 0, len(files[2])).status_code == 200  # per account
        # finishing one frees its place; a chunk of an upload already open is always taken
        assert _put(a, names[0], files[0][1_000:], 1_000, len(files[0])).json()["complete"] is True
        assert _put(a, names[3], files[3][:1_000], 0, len(files[3])).status_code == 200
        assert _put(a, names[1], files[1][1_000:2_000], 1_000, len(files[1])).status_code == 200
        # bytes: one more that would pass the total is refused, one that alone is over it too
        big = os.urandom(10)
        too_big = _put(b, hashlib.sha256(big).hexdigest(), big, 0, 1_000_001)
        assert too_big.status_code == 413 and too_big.json()["error"]["details"]["limit"] == 1_000_000
    finally:
        server.close()


def test_a_chunk_longer_or_shorter_than_its_range_is_malformed(server: Server) -> None:
    a = server.user("aigerim")
    piece = DATA[:1_000]
    url, base = f"/api/v1/blobs/{SHA}", {**a.headers, "Content-Type": "application/octet-stream"}
    declared = a.client.put(url, content=piece, headers={**base, "Content-Range": f"bytes 0-499/{len(DATA)}"})
    assert declared.status_code == 400 and declared.json()["error"]["code"] == "malformed_request"
    streamed = a.client.put(
        url,
        content=iter([piece[:500], piece[500:]]),  # no Content-Length: counted as it streams
        headers={**base, "Content-Range": f"bytes 0-499/{len(DATA)}"},
    )
    assert streamed.status_code == 400 and streamed.json()["error"]["code"] == "malformed_request"
    short = a.client.put(url, content=piece[:10], headers={**base, "Content-Range": f"bytes 0-499/{len(DATA)}"})
    assert short.status_code == 400
    assert _status(a, SHA)["received"] == 0


def test_options_and_unknown_methods_name_every_method_of_the_path(server: Server) -> None:
    a = server.user("aigerim")
    options = a.client.options(f"/api/v1/blobs/{SHA}", headers=a.headers)
    assert options.status_code == 204
    assert set(options.headers["Allow"].split(", ")) == {"GET", "HEAD", "PUT", "OPTIONS"}
    wrong = a.client.delete(f"/api/v1/blobs/{SHA}", headers=a.headers)
    assert wrong.status_code == 405 and set(wrong.headers["Allow"].split(", ")) == {"GET", "HEAD", "PUT", "OPTIONS"}
    assert wrong.json()["error"]["code"] == "malformed_request"
    assert set(a.client.options("/api/v1/changesets").headers["Allow"].split(", ")) == {"POST", "OPTIONS"}
