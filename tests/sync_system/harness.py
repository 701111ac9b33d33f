"""The pieces of the sync system tests: real server processes, signed-in devices, and the comparison
of a store with the server (the proxy that cuts connections is in proxy.py).

Everything here runs the shipped code the way a person does: the server is
``python -m baytak_desktop.server`` (uvicorn) on a free port of 127.0.0.1, its accounts are made with
its CLI, the devices are GeoPackage stores made with ``Store.create`` and synced with
``baytak_desktop.sync.engine.sync``. The server's state is read through its own pull feed with an
admin token, so a comparison never looks inside the server's database.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import shapely

from baytak_desktop.layers import Catalog
from baytak_desktop.store import Store
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync import outbox, wire
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.sync.engine import SyncResult, sync
from baytak_desktop.sync.session import ClientOptions, login

PYTHON = sys.executable
PASSWORD = "Бəйтерек-2024 correct horse"
ALMATY = (76.95, 43.25)
FAST = ClientOptions(attempts=5, backoff=0.05, timeout=30.0)

# A server process with settings the CLI does not expose (a token that expires in seconds).
LAUNCH_WITH_SETTINGS = (
    "import json, sys, uvicorn\n"
    "from baytak_desktop.server.app import create_app\n"
    "app = create_app(sys.argv[1], **json.loads(sys.argv[3]))\n"
    "uvicorn.run(app, host='127.0.0.1', port=int(sys.argv[2]), log_level='warning')\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_cli(database_url: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """``python -m baytak_desktop.server ARGS --database-url URL``; fails the test on a non-zero exit."""
    done = subprocess.run(
        [PYTHON, "-m", "baytak_desktop.server", *args, "--database-url", database_url],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, f"server {' '.join(args)} failed: {done.stderr or done.stdout}"
    return done


def add_user(
    database_url: str, name: str, role: str = "editor", branch: str | None = "almaty", password: str = PASSWORD
) -> None:
    args = ["user", "add", name, "--role", role, "--password-stdin"]
    if branch:
        args += ["--branch", branch]
    server_cli(database_url, *args, stdin=password + "\n")


class ServerProcess:
    """One uvicorn process serving ``database_url``; several may serve the same PostgreSQL database."""

    def __init__(self, database_url: str, log_dir: Path, settings: dict[str, Any] | None = None) -> None:
        self.database_url = database_url
        self.port = free_port()
        self.settings = settings
        self.log_path = log_dir / f"server-{self.port}.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerProcess:
        if self.settings is None:
            command = [
                PYTHON,
                "-m",
                "baytak_desktop.server",
                "--database-url",
                self.database_url,
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ]
        else:
            command = [PYTHON, "-c", LAUNCH_WITH_SETTINGS, self.database_url, str(self.port), json.dumps(self.settings)]
        log = self.log_path.open("w")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited ({self.process.returncode}): {self.log()}")
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer /healthz within 60 s: {self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)


def token_for(server_url: str, name: str, password: str = PASSWORD) -> str:
    answer = httpx.post(
        server_url + "/api/v1/login",
        json={"username": name, "password": password, "device_id": "00000000-0000-4000-8000-000000000000"},
    )
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


# -- devices ---------------------------------------------------------------------------------------


@dataclass
class Device:
    """A GeoPackage store signed in to a server as one user (its own device id)."""

    path: Path
    credentials: Credentials
    options: ClientOptions = FAST

    @classmethod
    def new(cls, path: Path, server_url: str, user: str, password: str = PASSWORD) -> Device:
        Store.create(path).close()
        return cls(path, login(path, server_url, user, password, FAST))

    @property
    def user(self) -> str:
        return self.credentials.username

    def sync(self, via: str | None = None, **options: Any) -> SyncResult:
        """Sync through ``via`` (another server process or a proxy) instead of the URL signed in to."""
        saved = tokens.load(self.credentials.server_url, self.credentials.device_id)  # the latest sign-in
        assert saved is not None, f"{self.path.name} is not signed in"
        self.credentials = saved
        credentials = replace(saved, server_url=via) if via else saved
        return sync(self.path, credentials, options=replace(self.options, **options))

    @contextmanager
    def store(self) -> Iterator[Store]:
        with Store.open(self.path) as store:
            yield store

    def insert(
        self, layer: str = "brick_factories", geometry: shapely.Geometry | None = None, **attributes: Any
    ) -> str:
        values = (
            {"name": "Бесағаш кірпіш зауыты", "status": "closed", "branch": "almaty"}
            if layer == "brick_factories"
            else {}
        )
        values.update(attributes)
        with self.store() as store:
            return store.insert(layer, values, geometry or shapely.Point(*ALMATY), user=self.user).uuid

    def update(
        self, uuid: str, layer: str = "brick_factories", geometry: shapely.Geometry | None = None, **attributes: Any
    ) -> None:
        with self.store() as store:
            store.update(layer, uuid, attributes, geometry, user=self.user)

    def delete(self, uuid: str, layer: str = "brick_factories") -> None:
        with self.store() as store:
            store.delete(layer, uuid)

    def get(self, uuid: str, layer: str = "brick_factories") -> dict[str, Any] | None:
        return store_features(self.path).get((layer, uuid))

    def pending(self) -> int:
        with self.store() as store:
            return outbox.pending_count(store.conn)


# -- the server's state and the store's ---------------------------------------------------------


@contextmanager
def running_server(
    database_url: str, log_dir: Path, users: dict[str, tuple[str, str | None]]
) -> Iterator[ServerProcess]:
    """``python -m baytak_desktop.server`` on a free port, with ``users`` (name: role, branch) added by its
    CLI; stopped afterwards."""
    for name, (role, branch) in users.items():
        add_user(database_url, name, role, branch)
    process = ServerProcess(database_url, log_dir).start()
    try:
        yield process
    finally:
        process.stop()


@contextmanager
def admin_reader(server: ServerProcess) -> Iterator[Reader]:
    """The admin's view of the server: its pull feed, conflicts, history and audit log."""
    reader = Reader(server.url, token_for(server.url, "admin"))
    try:
        yield reader
    finally:
        reader.close()


class Reader:
    """An admin's view of the server through its public API (pull feed, conflicts, history, audit)."""

    def __init__(self, server_url: str, token: str) -> None:
        self.http = httpx.Client(
            base_url=server_url + "/api/v1", headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, **params: Any) -> Any:
        answer = self.http.get(path, params=params)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def pages(self, after: int = 0, limit: int = 1000) -> Iterator[dict]:
        while True:
            page = self.get("/changes", after=after, limit=limit)
            yield page
            if not page["more"]:
                return
            after = page["until"]

    def states(self) -> dict[tuple[str, str], dict]:
        """Every feature the server ever had, in its latest state (deleted ones with ``deleted``)."""
        found: dict[tuple[str, str], dict] = {}
        for page in self.pages():
            for state in page["features"]:
                found[(state["layer"], state["uuid"])] = state
        return found

    def live_states(self) -> dict[tuple[str, str], dict]:
        return {key: state for key, state in self.states().items() if not state["deleted"]}

    def live(self) -> dict[tuple[str, str], dict[str, Any]]:
        return {key: state["fields"] for key, state in self.states().items() if not state["deleted"]}

    def conflicts(self, state: str = "all") -> list[dict]:
        return self.get("/conflicts", state=state)

    def history(self, layer: str, uuid: str) -> list[dict]:
        return self.get(f"/features/{layer}/{uuid}/history")

    def audit(self, limit: int = 10_000) -> list[dict]:
        return self.get("/audit", limit=limit)


def store_features(path: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Every feature of every layer of a store, read with plain sqlite3 (geometry as wire hex WKB)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {}
        for schema in catalog_of(conn).values():
            names = schema.field_names
            columns = ", ".join(f'"{n}"' for n in names)
            rows = conn.execute(f'SELECT uuid, {columns}, geom FROM "{schema.name}"').fetchall()
            geoms = wire.geoms_to_wire([row[-1] for row in rows])
            for row, geom in zip(rows, geoms, strict=True):
                found[(schema.name, row[0])] = {**dict(zip(names, row[1:-1], strict=True)), wire.GEOM: geom}
        return found
    finally:
        conn.close()


def duplicated_uuids(path: Path) -> list[tuple[str, str, int]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [
            (schema.name, uuid, count)
            for schema in catalog_of(conn).values()
            for uuid, count in conn.execute(
                f'SELECT uuid, count(*) FROM "{schema.name}" GROUP BY uuid HAVING count(*) > 1'
            )
        ]
    finally:
        conn.close()


def store_catalog(path: Path) -> Catalog:
    """The layers of the store at ``path`` (built-in and published)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return catalog_of(conn)
    finally:
        conn.close()


def normalized(layers: Catalog, layer: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A server state's fields as the store holds them: numbers typed per field, geometry as WKB bytes."""
    schema = layers.layer(layer)
    out = {name: wire.typed(schema, name, fields.get(name)) for name in schema.field_names}
    geom = fields.get(wire.GEOM)
    out[wire.GEOM] = None if geom is None else bytes.fromhex(geom)
    return out


def differences(
    path: Path, server: dict[tuple[str, str], dict[str, Any]], ignore: frozenset[str] = frozenset()
) -> list[str]:
    """What differs between a store and the server's live features: missing, extra, and every field
    (but the ``ignore``d ones)."""
    local = store_features(path)
    layers = store_catalog(path)
    problems = [f"missing in the store: {key}" for key in server.keys() - local.keys()]
    problems += [f"not on the server: {key} {local[key]}" for key in local.keys() - server.keys()]
    for key in server.keys() & local.keys():
        theirs = normalized(layers, key[0], server[key])
        mine = normalized(layers, key[0], {**local[key]})
        for name in theirs.keys() - ignore:
            if theirs[name] != mine[name] or type(theirs[name]) is not type(mine[name]):
                problems.append(f"{key} {name}: server {theirs[name]!r}, store {mine[name]!r}")
    problems += [f"duplicated uuid {d}" for d in duplicated_uuids(path)]
    return sorted(problems)


def assert_same_as_server(
    reader: Reader, *devices: Device, ignore: frozenset[str] = frozenset()
) -> dict[tuple[str, str], dict[str, Any]]:
    """Every device's store equals the server, field by field; nothing waits to be sent."""
    server = reader.live()
    for device in devices:
        found = differences(device.path, server, ignore)
        assert found == [], f"{device.path.name} differs from the server:\n" + "\n".join(found[:20])
        assert device.pending() == 0, f"{device.path.name} still has edits waiting"
    return server
