"""The store's meter: every call on every store connection, with its thread (what the desktop's tests and
its sharing benchmark count on the UI thread)."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import shapely

from baytak_desktop.store import Store
from baytak_desktop.store.meter import MeteredConnection, metered

LAYER = "brick_factories"


def test_every_call_is_recorded_with_its_thread_and_nothing_after_uninstall(tmp_path: Path):
    path = tmp_path / "almaty.gpkg"
    with metered(stacks=True) as meter:
        with Store.create(path) as store:
            store.insert(LAYER, {"name": "Besagash", "status": "closed"}, shapely.Point(77.06, 43.3))
            assert isinstance(store.conn, MeteredConnection)
            mark = meter.mark()
            assert store.count(LAYER) == 1
            reads: list[int] = []

            def read() -> None:
                with Store.open(path, readonly=True) as reader:
                    reads.append(reader.count(LAYER))

            worker = threading.Thread(target=read, name="reader")
            worker.start()
            worker.join()
        mine = meter.since(mark, threading.get_ident())
        assert [c.what for c in mine] == [
            "SELECT revision, definition FROM baytak_layer_revisions ORDER BY revision",
            'SELECT count(*) FROM "brick_factories"',
            "close",
        ]
        assert "test_meter.py" in mine[1].where and all(c.seconds >= 0 for c in mine)
        others = [c for c in meter.since(mark) if c.thread != threading.get_ident()]
        assert reads == [1] and {c.thread_name for c in others} == {"reader"} and others[0].what == "open"
    with Store.open(path) as store:  # uninstalled: plain connections again, nothing recorded
        calls = len(meter.calls)
        assert type(store.conn) is sqlite3.Connection and store.count(LAYER) == 1 and len(meter.calls) == calls
