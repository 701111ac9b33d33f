"""State a render worker keeps from one job to the next, by thread id.

A QThreadPool thread is not a Python thread: each job it runs gets a fresh Python thread state,
and a ``threading.local`` ends with it. A connection kept in one was opened again for every redraw
(SQLite's open and the GeoPackage's schema: a few milliseconds a layer, a tenth of a pan). Kept by
thread id here instead; the states of threads the pool has let go of are closed, oldest first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

State = TypeVar("State")


class PerThread(Generic[State]):
    """One ``State`` per thread id, made by ``factory`` on first use; beyond ``kept`` threads the
    least recently used thread's state is handed to ``close``."""

    def __init__(self, factory: Callable[[], State], close: Callable[[State], None], kept: int = 6) -> None:
        self._factory, self._close, self._kept = factory, close, kept
        self._states: OrderedDict[int, State] = OrderedDict()
        self._lock = threading.Lock()

    def get(self) -> State:
        ident = threading.get_ident()
        gone = []
        with self._lock:
            state = self._states.get(ident)
            if state is None:
                state = self._states[ident] = self._factory()
                while len(self._states) > self._kept:
                    gone.append(self._states.popitem(last=False)[1])
            else:
                self._states.move_to_end(ident)
        for old in gone:
            self._close(old)
        return state

    def close_mine(self) -> None:
        """Close this thread's state (before a file is replaced in place, and in tests)."""
        with self._lock:
            state = self._states.pop(threading.get_ident(), None)
        if state is not None:
            self._close(state)
