"""Pushes planned before the revision counter is locked (server/push.py) keep the pull feed's promise:
revisions are committed in order, so a puller never skips a revision committed later with a lower
number, and sees every change exactly once.

The interleavings are made deterministic by calling the push's two steps, ``plan`` (judged on a
snapshot, nothing written) and ``commit`` (the counter locked), with another device's whole push in
between, on both backends.
"""

from __future__ import annotations

import threading
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from baytak_desktop.server import accounts, push
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.door import check_all
from baytak_desktop.sync.protocol import ChangesetIn

from .conftest import Clock, Device, Server, insert, new_uuid, update


class Planned:
    """A device's push stopped between its plan and its commit."""

    def __init__(self, device: Device, *changes: dict) -> None:
        server = device.server
        self.db, self.settings = server.app.state.db, server.settings
        with self.db.transaction() as tx:
            self.account = accounts.find_user(tx, device.username)
            self.catalog = catalog_of(tx)
        self.changeset = ChangesetIn.model_validate(
            {"changeset_id": new_uuid(), "device_id": device.device_id, "changes": list(changes)}
        )
        self.checked = check_all(self.catalog, self.changeset.changes)
        self.plan = push.plan(self.db, self.settings, self.account, self.changeset, self.catalog, self.checked)

    def commit(self) -> dict:
        result = push.commit(
            self.db, self.settings, self.account, self.changeset, self.catalog, self.checked, self.plan
        )
        return result.model_dump(mode="json")


def seen(device: Device, after: int) -> tuple[list[tuple[str, int]], int]:
    """(uuid, rev) of every feature state in the pages after ``after``, and the new cursor."""
    states = []
    for page in device.pull_all(after):
        states += [(s["uuid"], s["rev"]) for s in page["features"]]
        after = page["until"]
    return states, after


def test_a_push_planned_before_another_commits_takes_the_revisions_after_it(server: Server) -> None:
    a, b, reader = server.user("aigerim"), server.user("bolat"), server.user("reader")
    old = new_uuid()
    old_rev = a.push(insert(old))["results"][0]["rev"]
    cursor = seen(reader, 0)[1]
    planned = Planned(a, insert(), insert(), update(old, old_rev, operator=(None, "ТОО Бесағаш")))
    assert planned.plan is not None  # nothing in it needs the database to judge
    between = b.push(insert(), insert(), insert())  # commits while a's push waits, planned on an older revision
    early, cursor = seen(reader, cursor)  # a puller reads b's revisions before a's push commits
    assert sorted(rev for _, rev in early) == [r["rev"] for r in between["results"]]
    result = planned.commit()
    revs = [r["rev"] for r in result["results"]]
    assert [r["outcome"] for r in result["results"]] == ["applied"] * 3
    assert min(revs) > between["server_rev"] and revs == sorted(set(revs))
    assert result["server_rev"] == max(revs) == between["server_rev"] + 3
    late, cursor = seen(reader, cursor)  # nothing of a's push is behind the cursor the reader already holds
    assert sorted(late) == sorted((r["uuid"], r["rev"]) for r in result["results"])
    everything = seen(reader, 0)[0]
    assert len(everything) == len({uuid for uuid, _ in everything}) == 6  # each feature once, at its latest revision
    history = a.get(f"/api/v1/features/brick_factories/{old}/history").json()
    assert [h["rev"] for h in history] == [old_rev, revs[2]] and history[-1]["fields"]["operator"] == "ТОО Бесағаш"
    with server.app.state.db.transaction() as tx:
        assert tx.scalar("SELECT rev FROM baytak_counter") == result["server_rev"]


def test_a_plan_whose_feature_changed_meanwhile_is_judged_again_under_the_lock(server: Server) -> None:
    a, b = server.user("aigerim"), server.user("bolat")
    site = new_uuid()
    rev = a.push(insert(site))["results"][0]["rev"]
    planned = Planned(a, update(site, rev, operator=(None, "ТОО Qum")), insert())
    assert planned.plan is not None
    theirs = b.push(update(site, rev, operator=(None, "ТОО Тас")))["results"][0]["rev"]
    result = planned.commit()
    first, second = result["results"]
    assert first["outcome"] == "conflict" and first["conflict_ids"]  # as if the pushes had come one after the other
    assert second["outcome"] == "applied" and second["rev"] > theirs
    conflict = a.get("/api/v1/conflicts").json()[0]
    assert (conflict["theirs"], conflict["mine"]) == ("ТОО Тас", "ТОО Qum")
    assert a.feature(site)["fields"]["operator"] == "ТОО Тас"


def test_a_plan_is_given_up_for_what_needs_the_database(server: Server) -> None:
    a = server.user("aigerim")
    site = new_uuid()
    rev = a.push(insert(site))["results"][0]["rev"]
    # the same feature twice in one push: the second change reads what the first wrote
    twice = Planned(a, update(site, rev, operator=(None, "1")), update(site, rev, operator=("1", "2")))
    assert twice.plan is None
    assert [r["outcome"] for r in twice.commit()["results"]] == ["applied", "merged"]  # base_rev moved on
    # a conflict needs its record's number
    conflicting = Planned(a, update(site, rev, operator=("0", "3")))
    assert conflicting.plan is None
    assert conflicting.commit()["results"][0]["outcome"] == "conflict"


def test_a_puller_during_a_burst_of_pushes_on_two_instances_sees_every_change_once(server: Server) -> None:
    twin = Server(server.url, Clock())  # a second server process on the same database
    try:
        devices = [server.user(f"u{i}") for i in range(4)]
        reader = server.user("reader")
        shared = new_uuid()
        shared_rev = devices[0].push(insert(shared))["results"][0]["rev"]
        stop = threading.Event()
        pulled: list[tuple[str, int]] = []
        cursors: list[int] = []
        errors: list[BaseException] = []

        def pull() -> None:
            reader.client = TestClient(twin.app)
            after = 0
            try:
                while True:
                    done = stop.is_set()  # one more round after the last push answered
                    states, after = seen(reader, after)
                    pulled.extend(states)
                    cursors.append(after)
                    if done:
                        return
            except BaseException as exc:
                errors.append(exc)

        def work(index: int) -> None:
            device = devices[index]
            device.client = TestClient((server if index % 2 else twin).app)
            try:
                for n in range(5):
                    device.push(*(insert(name=f"{index}-{n}-{k}") for k in range(40)))
                    device.push(update(shared, shared_rev, notes=(None, f"{index}-{n}")))
            except BaseException as exc:
                errors.append(exc)

        puller = threading.Thread(target=pull)
        pushers = [threading.Thread(target=work, args=(i,)) for i in range(len(devices))]
        puller.start()
        for thread in pushers:
            thread.start()
        for thread in pushers:
            thread.join()
        stop.set()
        puller.join()
        assert not errors, errors
        final = {(s["uuid"], s["rev"]) for s in (x for p in reader.pull_all() for x in p["features"])}
        inserted = {uuid for uuid, _ in final} - {shared}
        assert len(inserted) == 4 * 5 * 40
        # every insert reached the puller exactly once, at the revision it was committed with
        once = [(uuid, rev) for uuid, rev in pulled if uuid != shared]
        assert len(once) == len(set(once)) == len(inserted) and set(once) <= final
        assert cursors == sorted(cursors)
        with server.app.state.db.transaction() as tx:
            top = tx.scalar("SELECT rev FROM baytak_counter")
            revs = {r[0] for r in tx.query("SELECT rev FROM baytak_history")}
            revs |= {r[0] for r in tx.query("SELECT rev FROM baytak_conflicts")}
        assert revs == set(range(1, top + 1))  # no revision lost, skipped or doubled
    finally:
        twin.close()
