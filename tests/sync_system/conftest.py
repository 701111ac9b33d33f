"""Fixtures of the sync system tests: every test runs against real server processes, once on SQLite
and once on PostgreSQL + PostGIS (the throwaway cluster of tests/pg.py, required in CI).

The package shares one server per backend (starting one and adding its accounts costs seconds); tests keep apart by
making their own devices and features, and compare whole stores with the whole server, so what other
tests left on it takes part in every comparison.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pg
import pytest

from .harness import Device, Reader, ServerProcess, admin_reader, running_server

USERS = {
    "admin": ("admin", None),
    "aigerim": ("editor", "almaty"),
    "bolat": ("editor", "almaty"),
    "dana": ("editor", "almaty"),
    "erlan": ("coordinator", "almaty"),
}


@pytest.fixture(scope="package", params=["sqlite", "postgis"])
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A new, empty server database for the package (a new PostGIS database on the shared cluster)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('server') / 'server.sqlite'}"
    return pg.new_database(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="package")
def backend(database_url: str) -> str:
    return "sqlite" if database_url.startswith("sqlite") else "postgis"


@pytest.fixture(scope="package")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(database_url, tmp_path_factory.mktemp("logs"), USERS) as process:
        yield process


@pytest.fixture(scope="package")
def reader(server: ServerProcess) -> Iterator[Reader]:
    with admin_reader(server) as r:
        yield r


@pytest.fixture(autouse=True)
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Tokens go to this test's own config directory (child processes inherit it)."""
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def device(server: ServerProcess, tmp_path: Path) -> Callable[..., Device]:
    """``device("aigerim")``: a new store signed in to the package's server as that user."""
    made: dict[str, int] = {}

    def make(user: str, url: str | None = None) -> Device:
        made[user] = made.get(user, 0) + 1
        return Device.new(tmp_path / f"{user}-{made[user]}.gpkg", url or server.url, user)

    return make
