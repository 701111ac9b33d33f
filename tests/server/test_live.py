"""The real thing: ``python -m baytak_desktop.server`` as its own process under uvicorn on 127.0.0.1,
set up with the ``baytak server user add`` command, on both backends."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import PASSWORD, insert, new_uuid, update

BAYTAK = [sys.executable, "-m", "baytak_desktop.cli"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def live(database_url: str, tmp_path: Path) -> Iterator[str]:
    for name, role in (("aigerim", "editor"), ("bolat", "editor")):
        subprocess.run(
            [
                *BAYTAK,
                "server",
                "user",
                "add",
                name,
                "--role",
                role,
                "--branch",
                "almaty",
                "--password-stdin",
                "--database-url",
                database_url,
            ],
            input=PASSWORD + "\n",
            text=True,
            check=True,
            capture_output=True,
        )
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "baytak_desktop.server", "--database-url", database_url, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not start: " + process.stdout.read1().decode())  # type: ignore[union-attr]
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def _login(client: httpx.Client, name: str) -> dict[str, str]:
    response = client.post("/api/v1/login", json={"username": name, "password": PASSWORD, "device_id": new_uuid()})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['token']}"}


def test_two_devices_sync_through_a_real_server(live: str) -> None:
    with httpx.Client(base_url=live, timeout=10) as client:
        a, b = _login(client, "aigerim"), _login(client, "bolat")
        uuid = new_uuid()

        def push(headers: dict, *changes: dict) -> dict:
            body = {"changeset_id": new_uuid(), "device_id": new_uuid(), "changes": list(changes)}
            response = client.post("/api/v1/changesets", json=body, headers=headers)
            assert response.status_code == 200, response.text
            return response.json()["results"][0]

        rev = push(a, insert(uuid))["rev"]
        assert push(a, update(uuid, rev, operator=(None, "A")))["outcome"] == "applied"
        assert push(b, update(uuid, rev, observed_on=(None, "2024-05-06")))["outcome"] == "merged"
        page = client.get("/api/v1/changes", params={"after": 0}, headers=b).json()
        (state,) = page["features"]
        assert state["fields"]["operator"] == "A" and state["fields"]["observed_on"] == "2024-05-06"
        assert client.get("/docs").status_code == 200
        assert "/api/v1/changesets" in client.get("/openapi.json").json()["paths"]


def _answer(sock: socket.socket) -> str:
    """Everything the server sends until it closes the connection (it does, after a 413)."""
    received = b""
    while chunk := sock.recv(4096):
        received += chunk
    return received.decode()


def test_a_2_gb_request_is_refused_from_its_headers(live: str) -> None:
    """Nothing but headers is sent; the answer must come at once, not after waiting for 2 GB."""
    host, port = live.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            b"POST /api/v1/changesets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 2147483648\r\n\r\n"
        )
        answer = _answer(sock)
    assert answer.startswith("HTTP/1.1 413") and "payload_too_large" in answer
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(
            f"PUT /api/v1/blobs/{'a' * 64} HTTP/1.1\r\nHost: x\r\nContent-Range: bytes 0-2147483647/"
            f"2147483648\r\nContent-Length: 2147483648\r\n\r\n".encode()
        )
        assert _answer(sock).startswith("HTTP/1.1 413")
