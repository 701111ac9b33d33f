"""Load and accident: a busy database answers 503 with Retry-After at once (never 500, never a request
hanging behind a lock), "applied" is on the disk before it is answered, and what a viewer or a refused
push can make the server write is bounded."""

from __future__ import annotations

import sqlite3
import threading
import uuid as uuidlib

import pg
import psycopg
import pytest

from .conftest import Clock, Server, insert, new_uuid, update


def test_sqlite_busy_is_503_with_retry_after_not_a_wait_and_500(tmp_path) -> None:
    server = Server(f"sqlite:///{tmp_path / 'server.sqlite'}", Clock(), write_wait_seconds=0.3)
    try:
        a = server.user("aigerim")
        other = sqlite3.connect(tmp_path / "server.sqlite", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        busy = a.push_raw(insert())
        assert busy.status_code == 503, busy.text
        assert busy.json()["error"]["code"] == "server_busy" and int(busy.headers["Retry-After"]) >= 1
        assert "locked" not in busy.text.lower()
        other.execute("ROLLBACK")
        assert a.push(insert())["results"][0]["outcome"] == "applied"
        assert a.pull()["server_rev"] == 1  # the refused push changed nothing
    finally:
        server.close()


def test_postgres_lock_faults_are_503(postgres_url: str) -> None:
    """PostgreSQL's counterpart of the test above: a lock not granted in time is "busy", not a fault."""
    database_url = pg.new_database(postgres_url)
    server = Server(database_url, Clock())
    try:
        a = server.user("aigerim")
        with psycopg.connect(database_url, autocommit=True) as other:
            other.execute("ALTER DATABASE " + database_url.rsplit("/", 1)[1] + " SET lock_timeout = '300ms'")
            server.app.state.db.close()  # new connections take the setting
            other.execute("BEGIN")
            other.execute("SELECT rev FROM baytak_counter WHERE id = 1 FOR UPDATE")  # a stuck session
            busy = a.push_raw(insert())
            other.execute("ROLLBACK")
        assert busy.status_code == 503 and busy.json()["error"]["code"] == "server_busy", busy.text
        assert "Retry-After" in busy.headers
        assert a.push(insert())["results"][0]["outcome"] == "applied"
    finally:
        server.close()


def test_a_burst_gets_busy_answers_and_every_push_applies_once(tmp_path) -> None:
    """20 devices push at once to a SQLite server that waits 0.2 s at most for its write lock: some are
    told to come back (503), none fails, and every change is applied exactly once."""
    server = Server(f"sqlite:///{tmp_path / 'server.sqlite'}", Clock(), write_wait_seconds=0.2)
    try:
        devices = [server.user(f"device{i}") for i in range(20)]
        from fastapi.testclient import TestClient

        statuses: list[int] = []
        lock = threading.Lock()

        def push_until_done(device) -> None:
            with TestClient(server.app) as client:
                body = {
                    "changeset_id": new_uuid(),
                    "device_id": device.device_id,
                    "changes": [insert() for _ in range(300)],
                }
                while True:
                    answer = client.post("/api/v1/changesets", json=body, headers=device.headers)
                    with lock:
                        statuses.append(answer.status_code)
                    if answer.status_code != 503:
                        assert answer.status_code == 200, answer.text
                        return

        threads = [threading.Thread(target=push_until_done, args=(d,)) for d in devices]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(300)
        assert set(statuses) <= {200, 503} and statuses.count(200) == 20
        pages = devices[0].pull_all(limit=5000)
        uuids = [s["uuid"] for p in pages for s in p["features"]]
        assert len(uuids) == len(set(uuids)) == 20 * 300 == pages[-1]["server_rev"]
    finally:
        server.close()


def test_the_write_gate_admits_in_order_and_estimates_the_wait() -> None:
    from baytak_desktop.server.db.busy import DatabaseBusy, WriteGate

    gate = WriteGate(wait=5.0)
    order: list[int] = []
    started = threading.Event()

    def writer(n: int) -> None:
        with gate:
            order.append(n)

    with gate:
        threads = []
        for n in range(5):
            thread = threading.Thread(target=writer, args=(n,))
            thread.start()
            threads.append(thread)
            while gate._next_ticket != n + 2:  # the thread has taken its ticket
                started.wait(0.001)
    for thread in threads:
        thread.join(10)
    assert order == [0, 1, 2, 3, 4]
    impatient = WriteGate(wait=0.05)
    with impatient, pytest.raises(DatabaseBusy) as busy, impatient:
        pass
    assert busy.value.retry_after >= 1
    with impatient:  # the abandoned ticket does not block the ones after it
        pass


def test_applied_means_on_the_disk(server: Server) -> None:
    """SQLite commits with synchronous=FULL (the WAL is synced before the answer); PostgreSQL sessions
    commit synchronously even where the database's default says otherwise (the test cluster's does)."""
    with server.app.state.db.transaction(write=True) as tx:
        if server.backend == "sqlite":
            assert tx.scalar("PRAGMA synchronous") == 2  # FULL
            assert tx.scalar("PRAGMA journal_mode") == "wal"
        else:
            assert tx.scalar("SHOW synchronous_commit") == "on"
            assert tx.scalar("SHOW fsync") == "off"  # the throwaway test cluster; production keeps it on


def test_a_viewers_push_writes_nothing(server: Server) -> None:
    viewer = server.user("erlan", "viewer", None)
    big = [insert() for _ in range(20_000)]
    refused = viewer.push_raw(*big)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    assert viewer.pull()["server_rev"] == 0
    with server.app.state.db.transaction() as tx:
        assert tx.scalar("SELECT count(*) FROM baytak_rejections") == 0
        assert tx.scalar("SELECT count(*) FROM baytak_changesets") == 0


def test_a_refused_push_costs_one_revision_and_bounded_rows(database_url: str) -> None:
    server = Server(database_url, Clock(), max_rejections_recorded=50)
    try:
        a = server.user("aigerim")
        result = a.push(*(insert(branch="astana") for _ in range(2_000)), insert())
        assert result["results"][-1]["outcome"] == "applied"
        assert sum(r["outcome"] == "rejected" for r in result["results"]) == 2_000  # the device sees every one
        assert result["server_rev"] == 2  # one revision for all the refusals, one for the insert
        refused = [r for p in a.pull_all() for r in p["rejections"]]
        assert len(refused) == 50
    finally:
        server.close()


def test_an_account_that_keeps_pushing_refused_changes_is_slowed(database_url: str) -> None:
    clock = Clock()
    server = Server(database_url, clock, max_refused_changes=100, refused_window_seconds=600)
    try:
        a, b = server.user("aigerim"), server.user("bolat")
        a.push(*(insert(branch="astana") for _ in range(100)))
        slowed = a.push_raw(insert())
        assert slowed.status_code == 429 and slowed.json()["error"]["code"] == "rate_limited"
        # every refusal was at the clock's (fixed) now: the window opens again exactly 600 s later
        assert slowed.headers["Retry-After"] == "600"
        assert slowed.json()["error"]["details"]["retry_after"] == 600
        assert b.push(insert())["results"][0]["outcome"] == "applied"  # others are not
        # a known changeset is still answered (a retry after a lost answer must learn its outcome)
        uuid = str(uuidlib.uuid4())
        clock.advance(seconds=601)
        first = a.push(insert(uuid), changeset_id=uuid)
        assert a.push(insert(uuid), changeset_id=uuid)["replayed"] is True and first["results"][0]["rev"]
        rev = first["results"][0]["rev"]
        assert a.push(update(uuid, rev, operator=(None, "ok")))["results"][0]["outcome"] == "applied"
    finally:
        server.close()


def test_a_push_behind_a_long_queue_is_told_to_come_back_before_its_body_is_read(tmp_path) -> None:
    server = Server(f"sqlite:///{tmp_path / 'server.sqlite'}", Clock(), write_wait_seconds=5)
    try:
        a = server.user("aigerim")
        gate = server.app.state.db.gate
        gate._typical = 40.0  # writes have lately taken 40 s each
        release, inside = threading.Event(), threading.Event()

        def long_writer() -> None:
            with server.app.state.db.transaction(write=True):
                inside.set()
                release.wait(30)

        writer = threading.Thread(target=long_writer)
        writer.start()
        inside.wait(10)
        try:
            busy = a.push_raw(*(insert() for _ in range(2_000)))  # answered while the writer still holds
            assert busy.status_code == 503 and busy.json()["error"]["code"] == "server_busy"
            assert int(busy.headers["Retry-After"]) == 40
            assert writer.is_alive()
        finally:
            release.set()
            writer.join(30)
        assert a.push(insert())["results"][0]["outcome"] == "applied"
    finally:
        server.close()
