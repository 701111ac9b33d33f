"""The device against a busy server and a broken upload: it waits as the server says (Retry-After)
instead of failing the sync, and an upload that another client left with the wrong size ends."""

from __future__ import annotations

import hashlib
import sqlite3
import threading
import time
import uuid as uuidlib

import httpx
import numpy as np
import psycopg
from PIL import Image

from baytak_desktop.store import Store

from .harness import PASSWORD, ServerProcess, assert_same_as_server, token_for

LAYER = "brick_factories"


def hold_the_write_lock(database_url: str, seconds: float) -> threading.Thread:
    """Another program holds the server's write lock for ``seconds``: SQLite's file lock, or the
    PostgreSQL row every push must lock first."""
    ready = threading.Event()

    def hold() -> None:
        if database_url.startswith("sqlite"):
            conn = sqlite3.connect(database_url[len("sqlite:///") :], isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            ready.set()
            time.sleep(seconds)
            conn.execute("ROLLBACK")
            conn.close()
        else:
            with psycopg.connect(database_url, autocommit=True) as conn:
                conn.execute("BEGIN")
                conn.execute("SELECT rev FROM baytak_counter WHERE id = 1 FOR UPDATE")
                ready.set()
                time.sleep(seconds)
                conn.execute("ROLLBACK")

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    ready.wait(10)
    return thread


def test_a_busy_server_is_waited_for_not_a_failed_sync(server, reader, device, database_url, tmp_path):
    """SQLite: the server answers 503 + Retry-After at once (it waits 0.3 s at most for the lock here)
    and the device, allowed one attempt only, waits as told and syncs. PostgreSQL queues the push
    behind the lock instead; the sync ends the same."""
    patient = ServerProcess(database_url, tmp_path, {"write_wait_seconds": 0.3}).start()
    try:
        a = device("aigerim", url=patient.url)
        uuid = a.insert(name="Күткен зауыт")
        token = token_for(patient.url, "aigerim", PASSWORD)
        holder = hold_the_write_lock(database_url, 2.5)
        if database_url.startswith("sqlite"):
            probe = httpx.post(
                patient.url + "/api/v1/changesets",
                json={"changeset_id": str(uuidlib.uuid4()), "device_id": str(uuidlib.uuid4()), "changes": []},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert probe.status_code == 503 and probe.json()["error"]["code"] == "server_busy"
            assert probe.headers["Retry-After"].isdigit()
        result = a.sync(attempts=1)  # without honouring Retry-After, the first 503 would end this sync
        holder.join(10)
        assert result.applied == 1 and result.pending == 0
        assert reader.live()[(LAYER, uuid)]["name"] == "Күткен зауыт"
        assert_same_as_server(reader, a)
    finally:
        patient.stop()


def test_an_upload_left_with_the_wrong_size_is_replaced_and_ends(server, reader, device, tmp_path):
    a, b = device("aigerim"), device("bolat")
    uuid = a.insert(name="Суретті зауыт")
    path = tmp_path / "сурет.png"
    Image.fromarray(np.random.default_rng(5).integers(0, 256, (700, 700, 3), dtype=np.uint8)).save(path)
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    with Store.open(a.path) as store:
        store.attach(LAYER, uuid, path)
    # a broken client of another account started the same file with another size, and stopped
    token = token_for(server.url, "bolat", PASSWORD)
    stale = httpx.put(
        f"{server.url}/api/v1/blobs/{sha}",
        content=b"x" * 1000,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/octet-stream",
            "Content-Range": f"bytes 0-999/{len(data) + 12345}",
        },
    )
    assert stale.status_code == 200 and stale.json()["received"] == 1000

    done: list[object] = []
    syncing = threading.Thread(target=lambda: done.append(a.sync()), daemon=True)
    syncing.start()
    syncing.join(120)
    assert not syncing.is_alive(), "the upload never ended"
    b.sync()
    assert reader.http.head(f"/blobs/{sha}").status_code == 200
    assert reader.http.get(f"/blobs/{sha}").content == data
    assert [ref["sha256"] for ref in reader.live_states()[(LAYER, uuid)]["attachments"]] == [sha]
    assert_same_as_server(reader, a, b)
