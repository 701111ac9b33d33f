"""The central server under test, on both backends: every test taking ``server`` runs twice, on SQLite
and on PostgreSQL + PostGIS (a throwaway cluster, see tests/pg.py), through FastAPI's TestClient.

``server.login(name)`` gives a ``Device``: a signed-in client with its own device id that pushes
changesets built with ``insert``/``update``/``delete`` and pulls pages.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuidlib
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import shapely

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # starlette's TestClient warns about httpx on import
    from fastapi.testclient import TestClient

import pg

from baytak_desktop.server import accounts
from baytak_desktop.server.app import create_app
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.sync.protocol import Role

PASSWORD = "correct horse battery"
POINT = shapely.to_wkb(shapely.Point(76.95, 43.25), hex=True)  # Almaty
OTHER_POINT = shapely.to_wkb(shapely.Point(77.1, 43.4), hex=True)
FAST_SCRYPT = 2**10  # tests make many accounts; production uses 2**14


class Clock:
    """The server's clock, moved by tests (token expiry, rate-limit windows)."""

    def __init__(self) -> None:
        self.now = dt.datetime.now(dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def new_uuid() -> str:
    return str(uuidlib.uuid4())


def insert(uuid: str | None = None, layer: str = "brick_factories", **fields: Any) -> dict:
    """An insert of a brick factory in Almaty unless fields say otherwise (every field, base null)."""
    values = (
        {"name": "Бесағаш кірпіш зауыты", "status": "closed", "branch": "almaty", "geom": POINT}
        if layer == "brick_factories"
        else {}
    )
    values.update(fields)
    return {
        "layer": layer,
        "uuid": uuid or new_uuid(),
        "op": "insert",
        "fields": {name: {"base": None, "new": value} for name, value in values.items()},
    }


def update(uuid: str, base_rev: int | None, layer: str = "brick_factories", **fields: tuple[Any, Any]) -> dict:
    """``update(uuid, rev, name=("old", "new"))``: each field as (base, new)."""
    return {
        "layer": layer,
        "uuid": uuid,
        "op": "update",
        "base_rev": base_rev,
        "fields": {name: {"base": base, "new": new} for name, (base, new) in fields.items()},
    }


def delete(uuid: str, base_rev: int | None, layer: str = "brick_factories", **base: Any) -> dict:
    return {
        "layer": layer,
        "uuid": uuid,
        "op": "delete",
        "base_rev": base_rev,
        "fields": {name: {"base": value, "new": None} for name, value in base.items()},
    }


class Device:
    def __init__(self, server: Server, username: str, token: str, device_id: str) -> None:
        self.server, self.username, self.token, self.device_id = server, username, token, device_id
        self.client = server.client  # a test in several threads gives each device its own

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push_raw(self, *changes: dict, changeset_id: str | None = None):
        body = {"changeset_id": changeset_id or new_uuid(), "device_id": self.device_id, "changes": list(changes)}
        return self.client.post("/api/v1/changesets", json=body, headers=self.headers)

    def push(self, *changes: dict, changeset_id: str | None = None) -> dict:
        response = self.push_raw(*changes, changeset_id=changeset_id)
        assert response.status_code == 200, response.text
        return response.json()

    def pull(self, after: int = 0, limit: int = 1000) -> dict:
        response = self.client.get("/api/v1/changes", params={"after": after, "limit": limit}, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def pull_all(self, after: int = 0, limit: int = 1000) -> list[dict]:
        pages = []
        while True:
            page = self.pull(after, limit)
            pages.append(page)
            after = page["until"]
            if not page["more"]:
                return pages

    def get(self, path: str, **params: Any):
        return self.client.get(path, params=params, headers=self.headers)

    def post(self, path: str, body: Any):
        return self.client.post(path, json=body, headers=self.headers)

    def feature(self, uuid: str) -> dict | None:
        """The feature's latest state in the pull feed (None if it never appeared)."""
        found = None
        for page in self.pull_all():
            for state in page["features"]:
                if state["uuid"] == uuid:
                    found = state
        return found


class Server:
    def __init__(self, url: str, clock: Clock, **settings: Any) -> None:
        self.url = url
        self.clock = clock
        self.settings = ServerSettings(scrypt_n=FAST_SCRYPT, clock=clock, **settings)
        self.app = create_app(url, scrypt_n=FAST_SCRYPT, clock=clock, **settings)
        self.client = TestClient(self.app)
        self.backend = "sqlite" if url.startswith("sqlite") else "postgis"

    def add_user(
        self, name: str, role: str = "editor", branch: str | None = "almaty", password: str = PASSWORD
    ) -> None:
        with self.app.state.db.transaction(write=True) as tx:
            accounts.add_user(tx, self.settings, name, password, Role(role), branch)

    def login(self, name: str, password: str = PASSWORD, device_id: str | None = None) -> Device:
        device_id = device_id or new_uuid()
        response = self.client.post(
            "/api/v1/login", json={"username": name, "password": password, "device_id": device_id}
        )
        assert response.status_code == 200, response.text
        return Device(self, name, response.json()["token"], device_id)

    def user(self, name: str, role: str = "editor", branch: str | None = "almaty") -> Device:
        self.add_user(name, role, branch)
        return self.login(name)

    def close(self) -> None:
        self.client.close()
        self.app.state.db.close()


@pytest.fixture(params=["sqlite", "postgis"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.sqlite'}"
    return pg.new_database(request.getfixturevalue("postgres_url"))


@pytest.fixture
def server(database_url: str) -> Iterator[Server]:
    s = Server(database_url, Clock())
    try:
        yield s
    finally:
        s.close()
