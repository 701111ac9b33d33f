"""The database is busy: a write could not start in time. The request changed nothing; the server answers
503 with Retry-After and the client tries again later, instead of the request hanging behind a lock and
failing after a long timeout."""

from __future__ import annotations

import math
import sqlite3
import threading
import time

import psycopg

RETRY_AFTER_SECONDS = 2


class DatabaseBusy(Exception):
    """Raised before anything was written: another writer holds the database longer than we wait."""

    def __init__(self, retry_after: int = RETRY_AFTER_SECONDS) -> None:
        super().__init__(f"the database is busy; retry in {retry_after} s")
        self.retry_after = retry_after


def is_busy(exc: BaseException) -> bool:
    """A backend error that means "busy, try again" (a lock not granted, a serialization failure, a
    deadlock broken by PostgreSQL, a connection the server lost), not a fault of the request."""
    if isinstance(exc, DatabaseBusy):
        return True
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        return "locked" in text or "busy" in text
    return isinstance(
        exc,
        psycopg.errors.LockNotAvailable
        | psycopg.errors.SerializationFailure
        | psycopg.errors.DeadlockDetected
        | psycopg.errors.QueryCanceled
        | psycopg.OperationalError,
    )


class WriteGate:
    """The writers of one process, admitted one at a time in the order they came (a ticket queue),
    each waiting at most ``wait`` seconds. One that cannot get in raises ``DatabaseBusy`` with a
    Retry-After estimated from the queue ahead of it and how long a write has lately taken, so that a
    burst of clients comes back spread out rather than all at once."""

    def __init__(self, wait: float) -> None:
        self.wait = wait
        self._cond = threading.Condition()
        self._next_ticket = 0
        self._serving = 0
        self._abandoned: set[int] = set()
        self._typical = 1.0  # seconds a write holds the gate (moving average)

    def estimate(self) -> float:
        """Seconds the writers queued now will take, by how long a write has lately taken."""
        with self._cond:
            return (self._next_ticket - self._serving - len(self._abandoned)) * self._typical

    def refuse_early(self) -> None:
        """DatabaseBusy at once when the queue is longer than a newcomer would wait: a push told so
        before its body is read costs the server nothing (no upload, no parsing, no checking)."""
        ahead = self.estimate()
        if ahead > self.wait:
            raise DatabaseBusy(max(1, min(60, math.ceil(ahead))))

    def __enter__(self) -> None:
        with self._cond:
            ticket = self._next_ticket
            self._next_ticket += 1
            deadline = time.monotonic() + self.wait
            while self._serving != ticket:
                left = deadline - time.monotonic()
                if left <= 0 or not self._cond.wait(left):
                    if self._serving == ticket:
                        break
                    self._abandoned.add(ticket)
                    ahead = ticket - self._serving
                    raise DatabaseBusy(max(1, min(60, math.ceil(ahead * self._typical))))
        self._entered = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        held = time.monotonic() - self._entered
        with self._cond:
            self._typical = 0.8 * self._typical + 0.2 * held
            self._serving += 1
            while self._serving in self._abandoned:
                self._abandoned.discard(self._serving)
                self._serving += 1
            self._cond.notify_all()
