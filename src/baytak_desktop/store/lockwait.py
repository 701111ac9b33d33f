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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from baytak_desktop.errors import StoreLocked
from baytak_desktop.i18n import Sentence
from baytak_desktop.jobs import Progress
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
        return lock_holders.describe(list(self.holders)) or Sentence("another program")

    @property
    def text(self) -> str:
        return f"Waiting for {self.program}, which has the store locked ({self.seconds:.0f} s)..."


WaitCallback = Callable[[Waiting], None]


@runtime_checkable
class WaitAware(Protocol):
    """A progress object that shows a wait its own way (the UI: "waiting for QGIS...", translated)."""

    def waiting(self, report: Waiting) -> None:
        """Show the wait; raise Cancelled if the user has cancelled."""


@dataclass
class LockPolicy:
    """How a store's writes wait for other programs; ``on_wait`` is set by the front end."""

    patience: float = field(default_factory=lambda: PATIENCE_S)
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
        found = tuple(h for h in lock_holders.holders(path, idle=False) if h.writing or h.reading)
        report = Waiting(path, waited, found)
        if waited >= self.patience:
            if not found:  # no /proc here, or the holder went away between two looks
                raise StoreLocked(
                    "Another program has been holding {path} for {seconds:.0f} s, so nothing was changed here. "
                    "Save or cancel the edits there (or close the file in it), then try again.",
                    path=path,
                    seconds=waited,
                )
            raise StoreLocked(path=path, program=report.program, seconds=waited)
        if self.on_wait is not None:
            self.on_wait(report)


def is_busy(exc: sqlite3.OperationalError) -> bool:
    """SQLITE_BUSY: another connection holds the lock (not SQLITE_LOCKED, "database table is locked")."""
    text = str(exc)
    return "database is locked" in text or "busy" in text


def is_busy_error(exc: BaseException) -> bool:
    """Whether a read or write failed only because another program holds the store (try again later)."""
    return isinstance(exc, sqlite3.OperationalError) and is_busy(exc)


class _Tracked:
    """Passes updates on and remembers the last fraction, so a wait is shown where the bar stands."""

    def __init__(self, progress: Progress, at: float) -> None:
        self.progress = progress
        self.last = at

    def update(self, fraction: float, text: str = "") -> None:
        self.last = fraction
        self.progress.update(fraction, text)

    def waiting(self, report: Waiting) -> None:
        if isinstance(self.progress, WaitAware):
            self.progress.waiting(report)
        else:
            self.progress.update(self.last, report.text)


@contextmanager
def waits_reported(policy: LockPolicy, progress: Progress, at: float = 0.0) -> Iterator[Progress]:
    """While a job runs, its store's waits for other programs go to the job's progress (which may
    cancel them); yields the progress to pass on inside the job (``at``: where its bar stands now)."""
    tracked = _Tracked(progress, at)
    saved = policy.on_wait

    def both(report: Waiting) -> None:  # whoever listened to the store before hears it too
        if saved is not None:
            saved(report)
        tracked.waiting(report)

    policy.on_wait = both
    try:
        yield tracked
    finally:
        policy.on_wait = saved
