"""Python's cyclic collector waits while pushes are read and judged (``paused``, around each push).

A 10,000-change push keeps some 300,000 container objects alive until it is answered (the request's
models, the checked values, the planned rows) and makes no cyclic garbage (measured: a collection
after a push finds nothing to free). Every one of them is walked by the young collection and again by
the middle one, for nothing; with 15 pushes in flight in one process (a burst), a walk of the middle
generation took 185 ms, and the collector 18 % of the server's CPU (bench/README.md). So while any push
is in flight the collector is off; it is on again when none is, as it was (a process that turned it
off keeps it off). Other requests running meanwhile may leave cycles: if pushes follow each other for
longer than ``LONGEST_PAUSE_S``, a push ending then runs one full collection, which bounds what can
pile up.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

LONGEST_PAUSE_S = 60.0


class _Pause:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inside = 0
        self.since = 0.0  # when the collector last ran or was turned off
        self.resume = False  # whether it was on before the first push turned it off

    def enter(self) -> None:
        with self.lock:
            if self.inside == 0:
                self.resume = gc.isenabled()
                gc.disable()
                self.since = time.monotonic()
            self.inside += 1

    def leave(self) -> None:
        with self.lock:
            self.inside -= 1
            if self.inside == 0:
                if self.resume:
                    gc.enable()
                return
            overdue = self.resume and time.monotonic() - self.since > LONGEST_PAUSE_S
            if overdue:
                self.since = time.monotonic()
        if overdue:
            gc.collect()


_PAUSE = _Pause()


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for as long as this or any other push is inside."""
    _PAUSE.enter()
    try:
        yield
    finally:
        _PAUSE.leave()
