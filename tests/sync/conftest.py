"""A real baytak server (uvicorn, SQLite) started as a subprocess on a free port, and signed-in stores.

``server`` gives a fresh server per test; ``device(name)`` creates a store signed in to it as the admin
(or ``device(name, user="dana")`` after ``server.add_user``). Tokens go to a throwaway config dir.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from baytak_desktop.store import Store
from baytak_desktop.sync.session import ClientOptions, login

PASSWORD = "Baytak-2026-жасыл"
FAST = ClientOptions(attempts=3, backoff=0.05, timeout=20.0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def baytak_server(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.server", *args],
        input=stdin,
        text=True,
        capture_output=True,
        timeout=60,
        check=True,
    )


@dataclass
class Server:
    data: Path
    port: int
    process: subprocess.Popen | None = None
    users: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add_user(self, name: str, role: str = "admin", branch: str | None = None) -> None:
        extra = ["--branch", branch] if branch else []
        baytak_server(
            "user",
            "add",
            name,
            "--role",
            role,
            *extra,
            "--password-stdin",
            "--data",
            str(self.data),
            stdin=PASSWORD + "\n",
        )
        self.users.append(name)

    def start(self) -> None:
        log = (self.data / "server.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "baytak_desktop.server", "--data", str(self.data), "--port", str(self.port)],
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start: " + (self.data / "server.log").read_text())

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=15)
            self.process = None


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def server(tmp_path: Path, config_home: Path) -> Iterator[Server]:
    data = tmp_path / "server"
    data.mkdir()
    running = Server(data, free_port())
    running.add_user("aigerim")
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def device(tmp_path: Path, server: Server) -> Callable[..., Path]:
    def make(name: str, user: str = "aigerim", url: str | None = None) -> Path:
        path = tmp_path / f"{name}.gpkg"
        Store.create(path).close()
        login(path, url or server.url, user, PASSWORD, FAST)
        return path

    return make


@pytest.fixture
def child_env(config_home: Path) -> dict[str, str]:
    """The environment of a child process that must find the same tokens and this checkout's code."""
    src = str(Path(__file__).resolve().parents[2] / "src")
    return {**os.environ, "XDG_CONFIG_HOME": str(config_home), "PYTHONPATH": src}
