"""Every loop of the sync client ends: against a server that keeps answering an upload with the same
offset, and one that keeps saying "busy, come back in 30 s", the client gives up after a bounded number
of requests with a message, instead of retrying forever.

The servers here are small real HTTP servers on 127.0.0.1 that misbehave on purpose (the real server
no longer does: tests/server/test_uploads.py)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.errors import ServerFailed, UploadStuck


class Stubborn(BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def log_message(self, *args: object) -> None:  # quiet
        pass

    def _answer(self, status: int, body: dict | None, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_HEAD(self) -> None:
        type(self).requests.append("HEAD")
        self._answer(404, None)

    def do_GET(self) -> None:
        type(self).requests.append("GET")
        self._answer(200, {"sha256": self.path.split("/")[-2], "complete": False, "received": 100})

    def do_PUT(self) -> None:
        type(self).requests.append("PUT")
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        error = {"code": "upload_offset_mismatch", "message": "no", "details": {"received": 100}}
        self._answer(409, {"error": error})

    def do_POST(self) -> None:
        type(self).requests.append("POST")
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        error = {"code": "server_busy", "message": "busy", "details": {"retry_after": 30}}
        self._answer(503, {"error": error}, {"Retry-After": "30"})


@pytest.fixture
def stubborn() -> Iterator[str]:
    Stubborn.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Stubborn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_an_upload_refused_at_the_same_offset_gives_up(stubborn: str) -> None:
    data = bytes(1000)
    with SyncClient(stubborn, "token", attempts=2, backoff=0.01) as client, pytest.raises(UploadStuck) as stuck:
        client.upload_blob("ab" * 32, data, chunk=300)
    assert "byte" in str(stuck.value)
    assert Stubborn.requests.count("PUT") <= 6


def test_retry_after_is_honoured_only_within_the_budget(stubborn: str) -> None:
    with SyncClient(stubborn, "token", attempts=2, backoff=0.01, busy_wait=10) as client, pytest.raises(ServerFailed):
        client.request("POST", "/changesets", content=b"{}", headers={"Content-Type": "application/json"})
    assert Stubborn.requests.count("POST") == 2  # 30 s is beyond the budget: plain retries, then a message
