"""Tokens against a real server process: a disabled account's token stops working in the middle of
a sync, an expired token gives a clear "sign in again"; in both cases the edits stay safe and the
next sync after signing in again completes.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import time
import uuid as uuidlib
from dataclasses import replace

import httpx
import pytest

from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync.errors import AccountDisabled, SignInRequired
from baytak_desktop.sync.session import login

from .harness import FAST, PASSWORD, PYTHON, ServerProcess, add_user, assert_same_as_server, server_cli

BAYTAK = [PYTHON, "-m", "baytak_desktop.cli"]
EXIT_SIGN_IN = 4


def fresh_user(server: ServerProcess) -> str:
    name = "u" + uuidlib.uuid4().hex[:10]
    add_user(server.database_url, name)
    return name


def cli_sync(path) -> subprocess.CompletedProcess:
    return subprocess.run([*BAYTAK, "sync", str(path)], capture_output=True, text=True, timeout=120)


class DisableAfterPush:
    """A Progress that disables the account (with the server CLI) once the push has been settled:
    the pull that follows runs with a token that no longer works."""

    def __init__(self, database_url: str, name: str) -> None:
        self.database_url, self.name, self.done = database_url, name, False

    def update(self, fraction: float, text: str = "") -> None:
        if not self.done and text == "The server's answer is saved":
            self.done = True
            server_cli(self.database_url, "user", "disable", self.name)


def test_disabled_account_stops_mid_sync_and_resumes_after_enable(server, reader, device):
    from baytak_desktop.sync.engine import sync

    name = fresh_user(server)
    a, other = device(name), device("bolat")
    a.insert(name="Бірінші")
    a.sync()
    pushed = a.insert(name="Екінші")
    other.insert(name="Басқа құрылғыдан")
    other.sync()

    progress = DisableAfterPush(server.database_url, name)
    with pytest.raises(AccountDisabled) as caught:
        sync(a.path, progress=progress, options=FAST)
    assert progress.done
    assert "is disabled" in caught.value.message and "sign in again" not in caught.value.message
    assert ("brick_factories", pushed) in reader.live()  # the push went through before the account was disabled
    a.insert(name="Үшінші, кейін")
    assert a.pending() == 1
    done = cli_sync(a.path)
    assert done.returncode == EXIT_SIGN_IN and "is disabled" in done.stderr, done.stderr
    with pytest.raises(AccountDisabled) as refused:
        login(a.path, server.url, name, PASSWORD, FAST)
    assert "is disabled" in refused.value.message

    server_cli(server.database_url, "user", "enable", name)
    login(a.path, server.url, name, PASSWORD, FAST)
    a.sync()
    other.sync()
    assert a.pending() == 0
    assert_same_as_server(reader, a, other)


def test_login_of_a_disabled_account_does_not_say_sign_in_again(server, device):
    name = fresh_user(server)
    a = device(name)
    server_cli(server.database_url, "user", "disable", name)
    with pytest.raises(AccountDisabled) as refused:
        login(a.path, server.url, name, PASSWORD, FAST)
    assert "disabled" in refused.value.message
    assert "sign in again" not in refused.value.message


def test_expired_token_says_sign_in_again(server, reader, device, tmp_path):
    """A second server process on the same database issues tokens that last 3 seconds; the device
    uses one with the usual server (tokens live in the database, so any process honours them)."""
    name = fresh_user(server)
    a = device(name)
    uuid = a.insert(name="Мерзімі өткен")
    a.sync()
    short = ServerProcess(server.database_url, tmp_path, settings={"token_days": 3 / 86_400}).start()
    try:
        answer = httpx.post(
            short.url + "/api/v1/login",
            json={"username": name, "password": PASSWORD, "device_id": a.credentials.device_id},
        ).json()
    finally:
        short.stop()
    tokens.save(replace(a.credentials, token=answer["token"], expires_at=answer["expires_at"]))
    me = httpx.get(server.url + "/api/v1/me", headers={"Authorization": f"Bearer {answer['token']}"})
    assert me.status_code == 200  # the short token works, until it expires
    a.update(uuid, operator="Кейінгі түзету")
    expires = dt.datetime.fromisoformat(answer["expires_at"].replace("Z", "+00:00"))
    time.sleep(max(0.0, (expires - dt.datetime.now(dt.UTC)).total_seconds()) + 0.5)

    with pytest.raises(SignInRequired) as caught:
        a.sync()
    assert "expired" in caught.value.message and "sign in again" in caught.value.message
    assert f"baytak login {a.path}" in caught.value.message
    done = cli_sync(a.path)
    assert done.returncode == EXIT_SIGN_IN
    assert "sign in again" in done.stderr and "Traceback" not in done.stderr
    assert a.pending() == 1  # the edit waits on this computer

    login(a.path, server.url, name, PASSWORD, FAST)
    a.sync()
    assert reader.live()[("brick_factories", uuid)]["operator"] == "Кейінгі түзету"
    assert_same_as_server(reader, a)
