"""Which thread talks to the store, and for how long: every call on every store connection, recorded.

The window promises that its UI thread never waits on the database (issue 14: another program may hold
the store's lock for seconds). Timing the methods one suspects misses the call nobody thought of, so
the meter sits under everything instead: while it is installed, every store connection is opened as a
``MeteredConnection`` (``store.connection.use_connection_class``), whose statements, fetches, commits
and opening record the calling thread and the wall time spent in SQLite. A statement and the fetches of
its rows count as one call (the time the thread spent on that statement), so a cursor read row by row
is one entry, not thousands.

The desktop's sharing benchmark reports the UI thread's longest call from it; its tests assert that a
refresh makes no call at all on the UI thread. No Qt here (it is the store's own instrument). Connections opened before ``install()`` are not seen; SQLite files that
are not the store (basemap tiles) do not go through the store's connections.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from baytak_desktop.store.connection import use_connection_class


@dataclass
class Call:
    """One statement (with its fetches), commit, rollback, opening or closing, on one thread."""

    thread: int  # threading.get_ident() of the caller
    thread_name: str
    what: str  # the SQL's first line, or "open", "commit"...
    where: str = ""  # who made the call: the nearest caller outside the store package (with ``stacks``)
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter)


class Meter:
    """The calls recorded since ``install()``; safe to read from the UI thread while readers record."""

    def __init__(self, *, stacks: bool = False) -> None:
        self.stacks = stacks  # note who made each call (slower: for finding a call, not for timing)
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._previous: type[sqlite3.Connection] | None = None

    def install(self) -> Meter:
        """Meter every store connection opened from now on (one meter at a time)."""
        _ACTIVE[:] = [self]
        self._previous = use_connection_class(MeteredConnection)
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            use_connection_class(self._previous)
            self._previous = None
        if [self] == _ACTIVE:
            _ACTIVE.clear()

    def record(self, what: str) -> Call:
        thread = threading.current_thread()
        call = Call(threading.get_ident(), thread.name, what, _caller() if self.stacks else "")
        with self._lock:
            self.calls.append(call)
        return call

    def mark(self) -> int:
        """A place in the record: ``since(mark)`` gives what came after it."""
        with self._lock:
            return len(self.calls)

    def since(self, mark: int = 0, thread: int | None = None) -> list[Call]:
        """The calls after ``mark``, only those of ``thread`` when given."""
        with self._lock:
            calls = self.calls[mark:]
        return [c for c in calls if thread is None or c.thread == thread]

    def longest(self, thread: int, mark: int = 0) -> Call | None:
        calls = self.since(mark, thread)
        return max(calls, key=lambda c: c.seconds) if calls else None


_ACTIVE: list[Meter] = []  # the meter installed, if any
_NOT_CALLERS = ("/baytak_desktop/store/", "/sqlite3/", "contextlib.py")


def _caller() -> str:
    """The innermost frames outside the store package: the view or action that made the call.

    Walked frame by frame (names and line numbers, no source lines): ``traceback.extract_stack`` looks
    every file up in the line cache (a ``stat`` each), which made each metered call ~1 ms, so a reader
    thread re-reading 100,000 unsynced edits behind another program's saves fell minutes behind."""
    frame: FrameType | None = sys._getframe(3)  # past _caller, Meter.record and _record
    found: list[str] = []
    while frame is not None and len(found) < 3:
        code = frame.f_code
        if not any(part in code.co_filename for part in _NOT_CALLERS):
            found.append(f"{os.path.basename(code.co_filename)}:{frame.f_lineno} {code.co_name}")
        frame = frame.f_back
    return " < ".join(found)


@contextmanager
def metered(*, stacks: bool = False) -> Iterator[Meter]:
    """A meter installed for the ``with`` block."""
    meter = Meter(stacks=stacks).install()
    try:
        yield meter
    finally:
        meter.uninstall()


@contextmanager
def _timed(call: Call | None) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if call is not None:
            call.seconds += time.perf_counter() - start


def _record(what: str) -> Call | None:
    meter = _ACTIVE[0] if _ACTIVE else None
    return None if meter is None else meter.record(what.strip().split("\n", 1)[0][:120])


class MeteredCursor(sqlite3.Cursor):
    """A cursor whose statement and fetches add up to one recorded call."""

    _call: Call | None = None

    def execute(self, sql: str, parameters: Any = (), /) -> MeteredCursor:
        self._call = _record(sql)
        with _timed(self._call):
            super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, seq_of_parameters: Any, /) -> MeteredCursor:
        self._call = _record(sql)
        with _timed(self._call):
            super().executemany(sql, seq_of_parameters)
        return self

    def executescript(self, sql_script: str, /) -> MeteredCursor:
        self._call = _record(sql_script)
        with _timed(self._call):
            super().executescript(sql_script)
        return self

    def fetchone(self) -> Any:
        with _timed(self._call):
            return super().fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with _timed(self._call):
            return super().fetchmany(self.arraysize if size is None else size)

    def fetchall(self) -> list[Any]:
        with _timed(self._call):
            return super().fetchall()

    def __next__(self) -> Any:  # once per row: timed inline, a context manager here would cost more than SQLite
        start = time.perf_counter()
        try:
            return super().__next__()
        finally:
            if self._call is not None:
                self._call.seconds += time.perf_counter() - start


class MeteredConnection(sqlite3.Connection):
    """A store connection whose every call is recorded on the active meter (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _timed(_record("open")):
            super().__init__(*args, **kwargs)

    def cursor(self, factory: Any = MeteredCursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> MeteredCursor:
        cursor: MeteredCursor = self.cursor()
        return cursor.execute(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> MeteredCursor:
        cursor: MeteredCursor = self.cursor()
        return cursor.executemany(sql, parameters)

    def executescript(self, sql_script: str, /) -> MeteredCursor:
        cursor: MeteredCursor = self.cursor()
        return cursor.executescript(sql_script)

    def commit(self) -> None:
        with _timed(_record("commit")):
            super().commit()

    def rollback(self) -> None:
        with _timed(_record("rollback")):
            super().rollback()

    def close(self) -> None:
        with _timed(_record("close")):
            super().close()
