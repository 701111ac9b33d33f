"""Waiting for the reads an action asked while other programs keep the window re-reading (issue 14).

Beside QGIS or ogr2ogr committing every second, the window's poll announces their changes and the views
read again all the time: the reader threads are never idle, so waiting for idle (``wait_idle``) waits
forever (the sharing benchmark lasted hours). ``wait_reads(asked())`` waits for the reads asked until
then, and not for the later ones. Real reader threads on a real store; the "other program" is a view
that asks again each time its read lands, as the window does while QGIS saves every second.
"""

from __future__ import annotations

import threading
from pathlib import Path

from baytak_desktop.store import Store
from baytak_desktop.ui.sharing.readers import Readers

LAYER = "brick_factories"


def test_the_reads_asked_are_waited_for_while_newer_reads_keep_coming(qtbot, path: Path):
    readers = Readers()
    readers.set_path(path)
    release = threading.Event()
    refreshes = [0]

    def refresh(_count: int) -> None:  # the outside refresh: every landing asks the next one
        refreshes[0] += 1
        readers.read("refresh", lambda store: store.count(LAYER), refresh)

    readers.read("refresh", lambda store: store.count(LAYER), refresh)
    counted: list[int] = []

    def slow_count(store: Store) -> int:  # the action's read, behind another program's lock for a while
        release.wait(10)
        return store.count(LAYER)

    readers.read("table", slow_count, counted.append)
    upto = readers.asked()
    threading.Timer(0.3, release.set).start()
    try:
        assert readers.wait_reads(upto, timeout_ms=20_000)
        assert counted == [1]  # the action's read landed, its result shown
        assert readers.busy() and refreshes[0] > 0  # the refreshes go on, and were not waited for
        assert not readers.wait_idle(300)  # what the benchmark did: never idle
    finally:
        readers.stop()


def test_a_read_overtaken_by_a_newer_one_of_its_key_is_not_waited_for(qtbot, path: Path):
    readers = Readers()
    readers.set_path(path)
    release = threading.Event()

    def held(store: Store) -> int:
        release.wait(10)
        return store.count(LAYER)

    shown: list[int] = []
    readers.read("blocker", held, shown.append)  # keeps one thread
    readers.read("other", held, shown.append)  # keeps the other: "table" below stays queued
    readers.read("table", lambda store: store.count(LAYER), shown.append)
    upto = readers.asked()
    readers.read("table", lambda store: -store.count(LAYER), shown.append)  # replaces the queued one
    release.set()
    try:
        assert readers.wait_reads(upto, timeout_ms=20_000)
        assert not readers.waiting(upto)
        readers.wait_idle(10_000)
        assert sorted(shown) == [-1, 1, 1]  # the replaced read never ran; the newer one was shown
    finally:
        readers.stop()


def test_reads_asked_while_held_start_when_the_hold_ends(qtbot, path: Path):
    """A new store is given to every view under ``held``: their reads wait for the last view, then run."""
    readers = Readers()
    readers.set_path(path)
    started = threading.Event()
    counted: list[int] = []

    def count(store: Store) -> int:
        started.set()
        return store.count(LAYER)

    try:
        with readers.held():
            readers.read("table", count, counted.append)
            assert not started.wait(0.3)  # three idle threads, and none took it
        assert started.wait(10)
        assert readers.wait_idle()
        assert counted == [1]
    finally:
        readers.stop()
