"""Waiting for another program's lock: in short slices, saying who we wait for, until patience runs out.

SQLite's own busy timeout waits silently and then fails with "database is locked". A person who has
QGIS open beside the app should instead see "waiting for QGIS..." and be able to cancel; and only when
the other program keeps the lock for longer than ``patience`` get a message naming it. So the two
statements that take a lock for a write, ``BEGIN IMMEDIATE`` and ``COMMIT`` (in rollback-journal mode a
commit must wait until readers are gone), are retried here a slice at a time. Between slices the
``on_wait`` callback hears how long we have waited and for whom; it may raise (``Cancelled`` from a
progress object) to stop waiting. A COMMIT that fails with "busy" leaves the transaction open, so it is
simply tried again; nothing is written until it succeeds.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass

from baytak_desktop.errors import StoreLocked
from baytak_desktop.store import holders as lock_holders
from baytak_desktop.store.holders import Holder

SLICE_MS = 100  # how long SQLite waits by itself before we look at who holds the lock and report
PATIENCE_S = 60.0  # how long a write waits in all before it gives up and names the other program


@dataclass(frozen=True)
class Waiting:
    """What a waiting write reports: the store, how long it has waited, and who holds the store."""

    path: str
    seconds: float
    holders: tuple[Holder, ...] = ()

    @property
    def program(self) -> str:
        """ "QGIS (process 4242)", or "another program" when the system cannot tell."""
        return lock_holders.describe(list(self.holders)) or "another program"


WaitCallback = Callable[[Waiting], None]


@dataclass
class LockPolicy:
    """How a store's writes wait for other programs; ``on_wait`` is set by the front end."""

    patience: float = PATIENCE_S
    slice_ms: int = SLICE_MS
    on_wait: WaitCallback | None = None

    def run(self, conn: sqlite3.Connection, sql: str, path: str, read_timeout_ms: int) -> None:
        """Execute a lock-taking statement, retrying while another connection holds the lock."""
        started = time.monotonic()
        conn.execute(f"PRAGMA busy_timeout = {self.slice_ms}")
        try:
            while True:
                try:
                    conn.execute(sql)
                    break
                except sqlite3.OperationalError as exc:
                    if not is_busy(exc):
                        raise
                    self._wait_more(path, time.monotonic() - started)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {read_timeout_ms}")

    def _wait_more(self, path: str, waited: float) -> None:
        found = tuple(lock_holders.holders(path))
        report = Waiting(path, waited, found)
        if waited >= self.patience:
            raise StoreLocked(path=path, program=report.program, seconds=waited)
        if self.on_wait is not None:
            self.on_wait(report)


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY: another connection holds the lock (not SQLITE_LOCKED, "database table is locked")."""
    text = str(exc)
    return "database is locked" in text or "busy" in text
