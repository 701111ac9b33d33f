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
