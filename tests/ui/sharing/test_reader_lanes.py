"""The window's reader threads on a real store: a click's read is not queued behind the scans an opening
starts (the quick lane), and a key that took long moves to the slow lane by itself."""

from __future__ import annotations

import threading
from pathlib import Path

from baytak_desktop.store import Store
from baytak_desktop.ui.sharing.readers import SLOW_S, Readers

LAYER = "brick_factories"  # the one feature of the `path` fixture (conftest.py)


def _blocking(release: threading.Event, started: threading.Event):
    def work(store: Store) -> int:
        started.set()
        release.wait(20)
        return store.count(LAYER)

    return work


def test_a_quick_read_is_answered_while_every_other_thread_scans(qtbot, path: Path) -> None:
    readers = Readers(threads=3)
    readers.set_path(path)
    release = threading.Event()
    started = [threading.Event() for _ in range(3)]
    answers: list[str] = []
    try:
        for number, event in enumerate(started):  # three scans, as an opening starts: as many as threads
            readers.read(
                f"scan-{number}", _blocking(release, event), lambda _n: answers.append("scan"), background=True
            )
        assert started[0].wait(10) and started[1].wait(10)  # two run, the third waits for one of them
        readers.read("zoom", lambda store: store.count(LAYER), lambda n: answers.append(f"zoom {n}"))
        qtbot.waitUntil(lambda: "zoom 1" in answers, timeout=5000)
        assert answers == ["zoom 1"]  # answered while both scans were still running
    finally:
        release.set()
    qtbot.waitUntil(lambda: answers.count("scan") == 3, timeout=5000)
    readers.stop()


def test_a_key_that_took_long_waits_in_the_slow_lane_next_time(qtbot, path: Path) -> None:
    readers = Readers(threads=2)  # one quick-only thread, one for either lane
    readers.set_path(path)
    answers: list[str] = []
    slow_seen = threading.Event()

    def slow(store: Store) -> int:
        threading.Event().wait(SLOW_S * 2)  # longer than SLOW_S: learnt as slow
        slow_seen.set()
        return store.count(LAYER)

    readers.read("counts", slow, lambda _n: answers.append("counts"))
    qtbot.waitUntil(lambda: answers == ["counts"], timeout=5000)
    release, started = threading.Event(), threading.Event()
    try:
        readers.read("scan", _blocking(release, started), lambda _n: answers.append("scan"), background=True)
        assert started.wait(10)  # the thread for either lane is busy now
        readers.read("counts", slow, lambda _n: answers.append("counts again"))  # slow lane: it waits
        readers.read("details", lambda store: store.count(LAYER), lambda _n: answers.append("details"))
        qtbot.waitUntil(lambda: "details" in answers, timeout=5000)
        assert "counts again" not in answers  # not on the quick-only thread
    finally:
        release.set()
    qtbot.waitUntil(lambda: "counts again" in answers, timeout=5000)
    readers.stop()


def test_reads_of_one_key_still_deliver_only_the_newest(qtbot, path: Path) -> None:
    readers = Readers()
    readers.set_path(path)
    answers: list[int] = []
    release, started = threading.Event(), threading.Event()
    try:
        readers.read("table", _blocking(release, started), lambda _n: answers.append(-1))
        assert started.wait(10)
        for number in range(5):  # asked again while the first runs: only the last is delivered
            readers.read("table", lambda _store, n=number: n, answers.append)
    finally:
        release.set()
    assert readers.wait_idle(5000)
    assert answers == [4]
    readers.stop()
