"""Tokens live in the user's config folder, readable by the user only, never in the GeoPackage."""

from __future__ import annotations

import stat

import pytest

from baytak_desktop.sync import credentials
from baytak_desktop.sync.credentials import Credentials


@pytest.fixture
def config(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "baytak" / "credentials.json"


def test_saved_token_is_private_and_keyed_by_server_and_device(config):
    a = Credentials("http://127.0.0.1:8765", "device-a", "token-a", "aigerim")
    b = Credentials("http://127.0.0.1:8765", "device-b", "token-b", "dana")
    assert credentials.save(a) == config
    credentials.save(b)
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o700
    assert credentials.load("http://127.0.0.1:8765/", "device-a") == a
    assert credentials.load("http://127.0.0.1:8765", "device-b").token == "token-b"
    assert credentials.load("http://other:8765", "device-a") is None


def test_forget_and_a_damaged_file(config):
    a = Credentials("http://s", "d", "t", "u")
    credentials.save(a)
    credentials.forget("http://s", "d")
    assert credentials.load("http://s", "d") is None
    config.write_text("{not json")
    assert credentials.load("http://s", "d") is None
    credentials.save(a)  # a damaged file is replaced, not a crash
    assert credentials.load("http://s", "d") == a


def test_home_config_when_xdg_is_unset(monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert credentials.credentials_path() == tmp_path / ".config" / "baytak" / "credentials.json"


@pytest.mark.parametrize(
    "content", ['{"entries": ["a list"]}', '{"entries": {"http://127.0.0.1:8765 d": "text"}}', "[]"]
)
def test_a_credentials_file_edited_into_another_shape_counts_as_empty(config, content):
    """Not a crash at sign-in: the person signs in again, and the file is written anew."""
    config.parent.mkdir(parents=True)
    config.write_text(content)
    assert credentials.load("http://127.0.0.1:8765", "d") is None
    again = Credentials("http://127.0.0.1:8765", "d", "token", "aigerim")
    credentials.save(again)
    assert credentials.load("http://127.0.0.1:8765", "d") == again


@pytest.mark.parametrize(
    "typed",
    ["htp:/bad url", "ftp://sync.baytak.kz", "http://", "http://host:99999", "http://host:port", "https://a b.kz"],
)
def test_a_server_address_with_a_slip_is_said_before_any_connection(config, tmp_path, typed, capsys):
    """Not "No connection" (which sends a person looking for coverage): the address is refused as typed,
    nothing is written to the store or the credentials file, the exit code is a user error's."""
    from baytak_desktop.cli import main
    from baytak_desktop.store import Store

    store = tmp_path / "branch.gpkg"
    Store.create(store).close()
    before = store.read_bytes()
    code = main(["login", str(store), "--server", typed, "--user", "aigerim", "--password-stdin"])
    said = capsys.readouterr().err
    assert code == 1
    assert f"{typed} is not a server address" in said and "https://sync.baytak.kz" in said
    assert store.read_bytes() == before and not config.exists()


def test_a_whole_address_is_kept_without_its_last_slash():
    from baytak_desktop.sync.session import server_address

    assert server_address(" https://sync.baytak.kz/ ") == "https://sync.baytak.kz"
    assert server_address("sync.baytak.kz") == "https://sync.baytak.kz"  # as the sign-in dialog takes it
    assert server_address("http://[::1]:8765") == "http://[::1]:8765"
