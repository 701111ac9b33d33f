"""Pushes at the same time, through two app instances on one database (as two server processes
would be): revisions stay contiguous, a changeset sent twice at once applies once."""

from __future__ import annotations

import threading
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from .conftest import Clock, Server, insert, new_uuid, update

THREADS, PUSHES = 6, 8


def test_concurrent_pushes_on_two_app_instances(server: Server) -> None:
    twin = Server(server.url, Clock())  # a second "process" on the same database, state shared only there
    try:
        devices = [server.user(f"u{i}") for i in range(THREADS)]
        shared = new_uuid()
        rev = devices[0].push(insert(shared))["results"][0]["rev"]
        errors: list[BaseException] = []
        same_changeset = new_uuid()
        replays: list[bool] = []
        replayers = [server.login("u0"), server.login("u0")]  # one user's two devices, one per instance

        def work(index: int) -> None:
            device = devices[index]
            device.client = TestClient((server if index % 2 else twin).app)
            try:
                for n in range(PUSHES):
                    device.push(insert(name=f"{index}-{n}"), update(shared, rev, operator=(None, f"{index}")))
                if index < 2:
                    replayer = replayers[index]
                    replayer.client = device.client
                    replays.append(replayer.push(insert(shared), changeset_id=same_changeset)["replayed"])
            except BaseException as exc:
                errors.append(exc)
            finally:
                device.client.close()

        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert not errors, errors
        assert sorted(replays) == [False, True]
        reader = server.login("u0")
        features = [s for p in reader.pull_all(limit=7) for s in p["features"]]
        assert len(features) == 1 + THREADS * PUSHES
        revs = sorted(s["rev"] for s in features)
        conflicts = reader.get("/api/v1/conflicts").json()
        assert len(conflicts) >= THREADS - 1  # one writer's operator won; the others' values wait in conflicts
        assert all(c["mine"] != c["theirs"] and c["base"] is None for c in conflicts)
        with server.app.state.db.transaction() as tx:
            feature_revs = {r[0] for r in tx.query("SELECT rev FROM baytak_history")}
            conflict_revs = {r[0] for r in tx.query("SELECT rev FROM baytak_conflicts")}
            top = tx.scalar("SELECT rev FROM baytak_counter")
        assert feature_revs | conflict_revs == set(range(1, top + 1))  # no revision lost or skipped
        assert revs == sorted(set(revs))
    finally:
        twin.close()
