"""PostgreSQL under concurrent pushes: 20 clients push at once while readers page through the feed;
no reader skips or repeats a revision. Two server processes on one database behave as one server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pg
import pytest
import shapely

from .conftest import USERS
from .harness import (
    PASSWORD,
    Device,
    Reader,
    ServerProcess,
    add_user,
    admin_reader,
    assert_same_as_server,
    running_server,
    token_for,
)
from .proxy import CuttingProxy

CLIENTS = 20
ROUNDS = 2
PER_ROUND = 3
EDITORS = [name for name, (role, _) in USERS.items() if role == "editor"]


@pytest.fixture(scope="module")
def database_url(postgres_url: str) -> str:
    """Only PostgreSQL here, a database of its own whose revisions are all this module's inserts
    (overrides the two-backend fixtures of conftest.py)."""
    return pg.new_database(postgres_url)


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(database_url, tmp_path_factory.mktemp("logs"), USERS) as process:
        yield process


@pytest.fixture(scope="module")
def reader(server: ServerProcess) -> Iterator[Reader]:
    with admin_reader(server) as r:
        yield r


@pytest.fixture(scope="module")
def second_server(server: ServerProcess, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """Another process on the same database: the server keeps no state of its own."""
    process = ServerProcess(server.database_url, tmp_path_factory.mktemp("logs2")).start()
    try:
        yield process
    finally:
        process.stop()


class FeedReader(threading.Thread):
    """Pages through /changes (small pages) over and over while the pushes run, keeping every
    revision it was given; ``urls`` are taken in turn, so with two servers it reads from both."""

    def __init__(self, urls: list[str], token: str, done: threading.Event) -> None:
        super().__init__(daemon=True)
        self.urls, self.token, self.done = urls, token, done
        self.revs: list[int] = []
        self.pages = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            after, turn = 0, 0
            while True:
                finished = self.done.is_set()  # read before the page, so the last pass sees everything
                while True:
                    url = self.urls[turn % len(self.urls)]
                    turn += 1
                    answer = httpx.get(
                        url + "/api/v1/changes",
                        params={"after": after, "limit": 7},
                        headers={"Authorization": f"Bearer {self.token}"},
                        timeout=60,
                    )
                    answer.raise_for_status()
                    page = answer.json()
                    self.pages += 1
                    self.revs += [
                        item["rev"] for kind in ("features", "conflicts", "rejections") for item in page[kind]
                    ]
                    after = page["until"]
                    if not page["more"]:
                        break
                if finished:
                    return
        except BaseException as exc:  # reported by the test
            self.error = exc


def push_concurrently(devices: list[Device], urls: list[str]) -> list[BaseException]:
    """Every device, in its own thread, makes PER_ROUND new features and syncs, ROUNDS times; the
    threads start together, and round r of device i goes to ``urls[(i + r) % len(urls)]``."""
    start = threading.Barrier(len(devices))
    errors: list[BaseException] = []

    def work(index: int, device: Device) -> None:
        try:
            start.wait()
            for round_ in range(ROUNDS):
                for k in range(PER_ROUND):
                    device.insert(
                        name=f"Құрылғы {index} айналым {round_} №{k}",
                        geometry=shapely.Point(76.5 + index / 100, 43.0 + round_ / 10 + k / 100),
                    )
                device.sync(via=urls[(index + round_) % len(urls)])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, d)) for i, d in enumerate(devices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    return errors


@pytest.mark.parametrize("processes", [1, 2], ids=["one server", "two servers"])
def test_concurrent_pushes_no_reader_skips_a_revision(server, second_server, reader, device, processes):
    urls = [server.url, second_server.url][:processes]
    devices = [device(EDITORS[i % len(EDITORS)]) for i in range(CLIENTS)]
    before = httpx.get(server.url + "/healthz").json()["server_rev"]
    done = threading.Event()
    readers = [FeedReader(urls[::step], token_for(server.url, "admin"), done) for step in (1, -1)]
    for r in readers:
        r.start()

    errors = push_concurrently(devices, urls)
    done.set()
    for r in readers:
        r.join(120)

    assert errors == []
    after = httpx.get(urls[-1] + "/healthz").json()["server_rev"]
    expected = list(range(1, after + 1))  # inserts only: every revision is one new feature
    assert after - before == CLIENTS * ROUNDS * PER_ROUND
    final = sorted(s["rev"] for s in reader.states().values())
    assert final == expected
    for r in readers:
        assert r.error is None
        assert sorted(r.revs) == expected, "a reader skipped or repeated a revision"
        assert r.pages > 1
    for d in devices:
        d.sync(via=urls[0])
    assert_same_as_server(reader, *devices)


SCRIPT_UUIDS = [f"0190a1b2-0000-7000-8000-{i:012d}" for i in range(6)]


def scripted_run(urls: list[str], folder: Path) -> tuple[dict, list]:
    """The same edits and syncs in the same order; sync number n goes to ``urls[n % len(urls)]``.
    Returns the server's features and conflicts without clock times and device ids."""
    a, b, c = (Device.new(folder / f"{u}.gpkg", urls[0], u) for u in ("aigerim", "bolat", "dana"))
    turn = iter(range(1000))

    def sync(d: Device) -> None:
        d.sync(via=urls[next(turn) % len(urls)])

    for i, uuid in enumerate(SCRIPT_UUIDS):
        with a.store() as store:
            store.insert(
                "brick_factories",
                {"name": f"Зауыт {i}", "status": "closed", "branch": "almaty"},
                shapely.Point(76.9 + i / 100, 43.2),
                uuid=uuid,
            )
    sync(a), sync(b), sync(c)
    a.update(SCRIPT_UUIDS[0], name="А атауы")  # same field, different values: a conflict
    b.update(SCRIPT_UUIDS[0], name="Б атауы")
    a.update(SCRIPT_UUIDS[1], operator="А")  # different fields: merged
    b.update(SCRIPT_UUIDS[1], notes="Б")
    b.update(SCRIPT_UUIDS[2], status="operating")  # same value: no conflict
    c.update(SCRIPT_UUIDS[2], status="operating")
    a.delete(SCRIPT_UUIDS[3])  # update vs delete
    c.update(SCRIPT_UUIDS[3], notes="В")
    b.delete(SCRIPT_UUIDS[4])  # delete vs delete
    c.delete(SCRIPT_UUIDS[4])
    for d in (a, b, c, a, b, c):
        sync(d)
    token = token_for(urls[-1], "admin")
    view = Reader(urls[-1], token)
    try:
        features = {
            key: {
                **s,
                "changed_at": None,
                "fields": {k: v for k, v in s["fields"].items() if k not in ("created_at", "updated_at")},
            }
            for key, s in view.states().items()
        }
        conflicts = [
            {k: v for k, v in c.items() if k not in ("created_at", "device_id", "changeset_id")}
            for c in view.conflicts("all")
        ]
        assert_same_as_server(view, a, b, c)
    finally:
        view.close()
    return features, conflicts


def test_two_server_processes_give_the_same_result_as_one(postgres_url, tmp_path):
    results = []
    for count in (1, 2):
        url = pg.new_database(postgres_url)
        for name in ("admin", "aigerim", "bolat", "dana"):
            add_user(url, name, *USERS[name], PASSWORD)
        servers = [ServerProcess(url, tmp_path).start() for _ in range(count)]
        try:
            folder = tmp_path / f"run{count}"
            folder.mkdir()
            results.append(scripted_run([s.url for s in servers], folder))
        finally:
            for s in servers:
                s.stop()
    (one_features, one_conflicts), (two_features, two_conflicts) = results
    assert two_features == one_features
    assert two_conflicts == one_conflicts
    assert len(one_conflicts) == 2  # the name, and the update of a deleted feature


def test_a_retry_that_lands_on_the_other_server_process_is_answered_once(server, second_server, reader, device):
    """Behind a load balancer the retry of a push whose answer was lost goes to the other process."""
    balancer = CuttingProxy(server.port, second_server.port)
    try:
        a = device("aigerim")
        made = [a.insert(name=f"Теңгерімші {i}") for i in range(3)]
        rule = balancer.cut(b"POST /api/v1/changesets ", times=1)
        result = a.sync(via=balancer.url)
    finally:
        balancer.close()
    assert rule.done == 1 and result.conflicts == 0
    (changeset,) = set(balancer.changeset_ids())
    assert len(balancer.changeset_ids()) == 2
    assert [e["changeset_id"] for e in reader.audit()].count(changeset) == 1
    assert all(len(reader.history("brick_factories", u)) == 1 for u in made)
    assert_same_as_server(reader, a)
