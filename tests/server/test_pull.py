"""The pull feed: pages by revision that never skip anything, on both backends."""

from __future__ import annotations

import threading
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from .conftest import Device, Server, insert, new_uuid, update


def _replay(pages: list[dict]) -> dict[str, dict]:
    """What a client holds after applying the pages in order: the latest state per uuid."""
    held: dict[str, dict] = {}
    for page in pages:
        for state in page["features"]:
            assert state["rev"] > page["after"] and state["rev"] <= page["until"]
            held[state["uuid"]] = state
    return held


def test_pages_cover_everything_once_in_revision_order(server: Server) -> None:
    a = server.user("aigerim")
    uuids = [new_uuid() for _ in range(23)]
    for start in range(0, 23, 5):
        a.push(*(insert(u, name=f"factory {i}") for i, u in enumerate(uuids[start : start + 5], start)))
    for u in uuids[:6]:  # later revisions of some features: they appear once, at their latest revision
        a.push(update(u, None, operator=(None, "later")))
    a.push(insert(layer="nope"))  # a rejection: in a's feed
    pages = a.pull_all(limit=4)
    assert all(len(p["features"]) + len(p["rejections"]) <= 4 for p in pages) and len(pages) > 5
    assert [p["after"] for p in pages[1:]] == [p["until"] for p in pages[:-1]]
    assert pages[-1]["until"] == pages[-1]["server_rev"] and not pages[-1]["more"]
    seen = [s["uuid"] for p in pages for s in p["features"]]
    assert sorted(seen) == sorted(uuids)  # each feature exactly once
    held = _replay(pages)
    assert all(held[u]["fields"]["operator"] == "later" for u in uuids[:6])
    assert sum(len(p["rejections"]) for p in pages) == 1
    assert a.pull(after=pages[-1]["until"])["features"] == []


def test_deletions_are_in_the_feed(server: Server) -> None:
    from .conftest import delete

    a = server.user("aigerim")
    uuid = new_uuid()
    rev = a.push(insert(uuid))["results"][0]["rev"]
    a.push(delete(uuid, rev, name="Бесағаш кірпіш зауыты"))
    page = a.pull(after=rev)
    assert [(s["uuid"], s["deleted"]) for s in page["features"]] == [(uuid, True)]


def test_a_reader_paging_while_others_push_never_misses_a_change(server: Server) -> None:
    writer_device = server.user("writer")
    reader = server.user("reader")
    writer = Device(server, "writer", writer_device.token, writer_device.device_id)
    writer.client = client = TestClient(server.app)  # its own HTTP client, in its own thread
    uuids = [new_uuid() for _ in range(40)]

    def push_all() -> None:
        for index, uuid in enumerate(uuids):
            writer.push(insert(uuid, name=f"f{index}"), update(uuids[index // 2], None, operator=(None, str(index))))

    thread = threading.Thread(target=push_all)
    thread.start()
    pages, after = [], 0
    while thread.is_alive() or not pages or pages[-1]["more"]:
        page = reader.pull(after, limit=3)
        pages.append(page)
        after = page["until"]
    thread.join()
    pages += reader.pull_all(after, limit=3)
    held = _replay(pages)
    final = _replay(reader.pull_all(0, limit=5000))
    assert held.keys() == final.keys() == set(uuids)
    assert {u: s["rev"] for u, s in held.items()} == {u: s["rev"] for u, s in final.items()}
    client.close()


def test_page_limits_are_checked(server: Server) -> None:
    a = server.user("aigerim")
    for params in ({"limit": 0}, {"limit": 5001}, {"after": -1}, {"after": "x"}):
        response = a.get("/api/v1/changes", **params)
        assert response.status_code == 422 and response.json()["error"]["code"] == "malformed_request"
