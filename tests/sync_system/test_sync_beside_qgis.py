"""Syncs while a real QGIS has the store open, edits it, holds its lock and closes it (issue 14).

QGIS's edits are journaled like the app's and go to the server; the app's pulls reach QGIS; a sync that
meets QGIS's lock waits and says so, and when it is cancelled or gives up the store is as before.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from interop.programs import Qgis, qgis_available

from baytak_desktop import cli
from baytak_desktop.errors import StoreLocked
from baytak_desktop.jobs import Cancelled
from baytak_desktop.store import Store, lockwait
from baytak_desktop.store.lockwait import Waiting
from baytak_desktop.sync.engine import sync

from .harness import assert_same_as_server

pytestmark = pytest.mark.skipif(
    not qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)
LAYER = "brick_factories"
ALMATY = {"branch": "almaty"}  # the editors' branch: their edits there are theirs to make


def state(path: Path) -> tuple:
    """What a sync could change in the store: features, journal, outbox and the sync position."""
    with Store.open(path, readonly=True) as store:
        conn = store.conn
        return (
            conn.execute(f'SELECT uuid, name, updated_at FROM "{LAYER}" ORDER BY uuid').fetchall(),
            conn.execute("SELECT layer, uuid, op, changeset_id FROM baytak_journal ORDER BY id").fetchall(),
            conn.execute("SELECT changeset_id, sent_at FROM baytak_outbox").fetchall(),
            conn.execute("SELECT last_pulled_rev, last_sync_at FROM baytak_sync_state").fetchall(),
        )


class WaitingProgress:
    """A job's progress that hears the waits (as the UI's does) and may cancel on the first one."""

    def __init__(self, cancel: bool = False) -> None:
        self.waits: list[Waiting] = []
        self.cancel = cancel

    def update(self, fraction: float, text: str = "") -> None:
        return None

    def waiting(self, report: Waiting) -> None:
        self.waits.append(report)
        if self.cancel:
            raise Cancelled()


def test_qgis_edits_sync_and_pulled_changes_reach_qgis(device, reader) -> None:
    aigerim, bolat = device("aigerim"), device("bolat")
    with Qgis(aigerim.path) as qgis:
        qgis(op="open", layer=LAYER)
        assert qgis(op="add", layer=LAYER, n=3, name="Added in QGIS", attributes=ALMATY)["ok"]
        result = aigerim.sync()  # QGIS has the file open (rollback-journal mode)
        assert result.pushed == 3 and result.rejected == 0
        theirs = bolat.insert(name="From Bolat")
        bolat.sync()
        mine = aigerim.insert(name="From the app")
        aigerim.sync()
        assert qgis(op="count", layer=LAYER)["count"] == aigerim_count(aigerim.path)
        assert qgis(op="rename", layer=LAYER, uuid=theirs, name="Renamed in QGIS")["ok"]
        aigerim.sync()
    bolat.sync()
    assert reader.live()[(LAYER, theirs)]["name"] == "Renamed in QGIS"
    assert (LAYER, mine) in reader.live()
    assert_same_as_server(reader, aigerim, bolat)


def aigerim_count(path: Path) -> int:
    with Store.open(path, readonly=True) as store:
        return store.count(LAYER)


def test_a_sync_waits_while_qgis_holds_the_lock_and_says_so(device, reader) -> None:
    aigerim = device("aigerim")
    aigerim.insert(name="Waiting to sync")
    progress = WaitingProgress()
    with Qgis(aigerim.path) as qgis:
        qgis(op="begin", layer=LAYER, attributes=ALMATY)  # QGIS's edit session holds the store's write lock
        results = []
        syncing = threading.Thread(target=lambda: results.append(sync(aigerim.path, progress=progress)))
        syncing.start()
        time.sleep(1.5)
        assert not results and progress.waits and progress.waits[-1].program.startswith("QGIS")
        qgis(op="commit")
        syncing.join(60)
    assert results and results[0].pushed == 2  # sealed after QGIS committed: its feature went too
    aigerim.sync()
    assert_same_as_server(reader, aigerim)


def test_a_sync_cancelled_while_qgis_holds_the_lock_changes_nothing(device) -> None:
    aigerim = device("aigerim")
    aigerim.insert(name="Not sent yet")
    before = state(aigerim.path)
    with Qgis(aigerim.path) as qgis:
        qgis(op="begin", layer=LAYER, attributes=ALMATY)
        with pytest.raises(Cancelled):
            sync(aigerim.path, progress=WaitingProgress(cancel=True))
        qgis(op="rollback")
        assert state(aigerim.path) == before
    assert aigerim.sync().pushed == 1


def test_a_sync_that_cannot_proceed_names_qgis_and_changes_nothing(
    device, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(lockwait, "PATIENCE_S", 1.0)
    aigerim = device("aigerim")
    aigerim.insert(name="Not sent yet")
    before = state(aigerim.path)
    with Qgis(aigerim.path) as qgis:
        qgis(op="begin", layer=LAYER, attributes=ALMATY)
        with pytest.raises(StoreLocked):
            sync(aigerim.path)
        assert cli.main(["sync", str(aigerim.path)]) == 1
        assert "QGIS (process " in capsys.readouterr().err
        qgis(op="rollback")
    assert state(aigerim.path) == before
