"""A re-entrant transactional session over one SQLite connection.

The outermost ``with session():`` begins an IMMEDIATE transaction (taking the write lock at once, so two
writers queue instead of deadlocking half way) and commits, or rolls back on any exception, including
``Cancelled`` from a progress object and KeyboardInterrupt. Inner sessions join it. One user action is
one transaction, so a crash leaves the store as it was before the action or after it, never between.
An inner session is a SAVEPOINT: when it fails, its own writes are undone even if the caller catches
the error and carries on. ``after_commit`` holds what must only happen once the writes are committed
(the store's events), and drops it when they are rolled back.

Other programs (QGIS, GDAL, a script) share the file. Taking the lock and committing wait for them
through the store's ``LockPolicy`` (in slices, reporting whom they wait for), and the lock is held only
for the one action: it is released on commit or rollback, whatever happens.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from baytak_desktop.errors import ReadOnlyStore, StoreBusy
from baytak_desktop.i18n import Sentence
from baytak_desktop.store.lockwait import LockPolicy, is_busy


class Session:
    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str,
        policy: LockPolicy | None = None,
        *,
        read_timeout_ms: int = 10_000,
        before_write: Callable[[], None] | None = None,
        after_begin: Callable[[], None] | None = None,
        before_commit: Callable[[], None] | None = None,
        on_commit: Callable[[], None] | None = None,
    ) -> None:
        self.conn = conn
        self.path = path
        self.depth = 0
        self.policy = policy or LockPolicy()
        self.read_timeout_ms = read_timeout_ms
        self.before_write = before_write  # e.g. re-establish WAL while no transaction is open
        self.after_begin = after_begin  # with the write lock held: see what others committed before
        self.before_commit = before_commit  # with the write lock held: this transaction's own changes
        self.on_commit = on_commit  # right after a COMMIT succeeded (before the after_commit callbacks)
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
                self._rollback()
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
        if self.before_write is not None:
            self.before_write()
        try:
            self.policy.run(self.conn, "BEGIN IMMEDIATE", self.path, self.read_timeout_ms)
        except sqlite3.OperationalError as exc:
            raise _store_error(exc, self.path) from exc
        if self.after_begin is not None:
            try:
                self.after_begin()
            except BaseException:
                self._rollback()
                raise

    def _commit(self) -> None:
        """COMMIT, waiting for readers of other programs in rollback-journal mode; on failure or a
        cancel while waiting, roll back, so the store is as before the action."""
        try:
            if self.before_commit is not None:
                self.before_commit()
            self.policy.run(self.conn, "COMMIT", self.path, self.read_timeout_ms)
        except BaseException as exc:
            self._rollback()
            if isinstance(exc, sqlite3.OperationalError):
                raise _store_error(exc, self.path) from exc
            raise
        if self.on_commit is not None:
            self.on_commit()

    def _rollback(self) -> None:
        """ROLLBACK if a transaction is still open (SQLite may have rolled back by itself, e.g. on a
        full disk); never mask the error that led here."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")


def _store_error(exc: sqlite3.OperationalError, path: str) -> Exception:
    text = str(exc)
    if "readonly" in text or "read-only" in text:
        return ReadOnlyStore(path=path, reason=Sentence("the file or its folder is read-only"))
    if is_busy(exc):
        return StoreBusy(path=path)
    return exc
