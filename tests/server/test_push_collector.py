"""The cyclic collector is off while any push is in flight and on again after the last (server/collector.py)."""

from __future__ import annotations

import gc
import os
import sys

from baytak_desktop.server import collector

from .conftest import Server, insert


def test_the_collector_is_off_while_pushes_overlap_and_on_after_the_last() -> None:
    assert gc.isenabled()
    first, second = collector.paused(), collector.paused()
    first.__enter__()
    assert not gc.isenabled()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()  # the second push is still in flight
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_process_that_turned_the_collector_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_no_collection_runs_in_the_servers_code_while_a_push_is_read_and_judged(server: Server) -> None:
    """With the collector on at Python's default thresholds, a 300-change push would start dozens of
    collections from the server's own code; paused, none (the test's client may still start some, and
    the middleware that pauses it, before it does)."""
    in_server: list[str] = []

    def started(phase: str, info: dict) -> None:
        frame = sys._getframe(1)
        while frame is not None and phase == "start":
            name = frame.f_code.co_filename
            if f"baytak_desktop{os.sep}server{os.sep}" in name and not name.endswith("limits.py"):  # the pause's own
                in_server.append(frame.f_code.co_name)
                return
            frame = frame.f_back

    device = server.user("aigerim")
    thresholds = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    gc.callbacks.append(started)
    try:
        device.push(*(insert() for _ in range(300)))
    finally:
        gc.callbacks.remove(started)
        gc.set_threshold(*thresholds)
    assert gc.isenabled()
    assert in_server == []
