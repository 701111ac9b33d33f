"""A re-entrant transactional session over one SQLite connection.

The outermost ``with session():`` begins an IMMEDIATE transaction (taking the write lock at once, so two
writers queue instead of deadlocking half way) and commits, or rolls back on any exception, including
``Cancelled`` from a progress object and KeyboardInterrupt. Inner sessions join it. One user action is
one transaction, so a crash leaves the store as it was before the action or after it, never between.
An inner session is a SAVEPOINT: when it fails, its own writes are undone even if the caller catches
the error and carries on. ``after_commit`` holds what must only happen once the writes are committed
(the store's events), and drops it when they are rolled back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from baytak_desktop.errors import ReadOnlyStore, StoreBusy


class Session:
    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self.depth = 0
        self._after_commit: list[Callable[[], None]] = []
        self._marks: list[int] = []  # len(_after_commit) when each savepoint began

    @contextmanager
    def __call__(self) -> Iterator[sqlite3.Connection]:
        if self.depth == 0:
            self._begin()
            self._after_commit.clear()
        else:
            self.conn.execute(f"SAVEPOINT baytak_{self.depth}")
            self._marks.append(len(self._after_commit))
        self.depth += 1
        try:
            yield self.conn
        except BaseException as exc:
            self.depth -= 1
            if self.depth == 0:
                self.conn.execute("ROLLBACK")
                self._after_commit.clear()
            else:  # undo only the inner part: the outer code may catch the error and go on
                self.conn.execute(f"ROLLBACK TO baytak_{self.depth}")
                self.conn.execute(f"RELEASE baytak_{self.depth}")
                del self._after_commit[self._marks.pop() :]
            if isinstance(exc, sqlite3.OperationalError):  # e.g. a write on a read-only file
                error = _store_error(exc, self.path)
                if error is not exc:
                    raise error from exc
            raise
        self.depth -= 1
        if self.depth == 0:
            self._commit()
            self._run_after_commit()
        else:
            self.conn.execute(f"RELEASE baytak_{self.depth}")
            self._marks.pop()

    @property
    def active(self) -> bool:
        return self.depth > 0

    def after_commit(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` once the outermost transaction commits (at once outside a transaction); a
        rollback of the part that asked drops it."""
        if self.depth == 0:
            callback()
        else:
            self._after_commit.append(callback)

    def _run_after_commit(self) -> None:
        callbacks, self._after_commit = self._after_commit, []
        for callback in callbacks:
            callback()

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
