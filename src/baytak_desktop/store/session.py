"""A re-entrant transactional session over one SQLite connection.

The outermost ``with session():`` begins an IMMEDIATE transaction (taking the write lock at once, so two
writers queue instead of deadlocking half way) and commits, or rolls back on any exception, including
``Cancelled`` from a progress object and KeyboardInterrupt. Inner sessions join it. One user action is
one transaction, so a crash leaves the store as it was before the action or after it, never between.
An inner session is a SAVEPOINT: when it fails, its own writes are undone even if the caller catches
the error and carries on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from baytak_desktop.errors import ReadOnlyStore, StoreBusy


class Session:
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.depth = 0

    @contextmanager
    def __call__(self) -> Iterator[sqlite3.Connection]:
        if self.depth == 0:
            self._begin()
        else:
            self.conn.execute(f"SAVEPOINT baytak_{self.depth}")
        self.depth += 1
        try:
            yield self.conn
        except BaseException as exc:
            self.depth -= 1
            if self.depth == 0:
                self.conn.execute("ROLLBACK")
            else:  # undo only the inner part: the outer code may catch the error and go on
                self.conn.execute(f"ROLLBACK TO baytak_{self.depth}")
                self.conn.execute(f"RELEASE baytak_{self.depth}")
            if isinstance(exc, sqlite3.OperationalError):  # e.g. a write on a read-only file
                error = _store_error(exc, self.path)
                if error is not exc:
                    raise error from exc
            raise
        self.depth -= 1
        if self.depth == 0:
            self._commit()
        else:
            self.conn.execute(f"RELEASE baytak_{self.depth}")

    @property
    def active(self) -> bool:
        return self.depth > 0

    def _begin(self) -> None:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _store_error(exc, self.path) from exc

    def _commit(self) -> None:
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise _store_error(exc, self.path) from exc


def _store_error(exc: sqlite3.OperationalError, path: str) -> Exception:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyStore(path=path, reason="the file or its folder is read-only")
    if "locked" in text or "busy" in text:
        return StoreBusy(path=path)
    return exc
