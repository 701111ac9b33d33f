"""The database is busy: a write could not start in time. The request changed nothing; the server answers
503 with Retry-After and the client tries again later, instead of the request hanging behind a lock and
failing after a long timeout."""

from __future__ import annotations

import sqlite3

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
