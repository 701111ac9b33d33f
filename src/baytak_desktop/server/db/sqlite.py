"""The default backend: one SQLite file in WAL mode, no set-up.

A connection is opened per transaction (cheap for SQLite) so no connection is ever shared between
threads. Writes begin with ``BEGIN IMMEDIATE``: the whole database is locked for writing from the
first statement, which is what serialises pushes and keeps revisions in commit order. Reads begin a
deferred transaction so every statement of a pull page sees one WAL snapshot.

The writers of this process queue at a gate before SQLite's lock, and wait at most ``write_wait``
seconds there: a burst of pushes gets quick 503 "busy, retry after" answers (``DatabaseBusy``)
instead of threads piling up behind SQLite's busy timeout and failing with "database is locked".
``synchronous = FULL``: a commit is on the disk (the WAL synced) before the push is answered
"applied", so a power cut cannot take back what a device was told is saved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from baytak_desktop.server.db.base import Database, Dialect, Row, Tx
from baytak_desktop.server.db.busy import WriteGate

# SQLite stores a geometry as the WKB it was given and needs no row locks: a write transaction
# (BEGIN IMMEDIATE) holds the whole file, which also serialises migrations.
SQLITE = Dialect(
    name="sqlite",
    id_column="{name} INTEGER PRIMARY KEY",
    blob_type="BLOB",
    for_update="",
    geometry_column="BLOB",
    geom_in_sql="{value}",
    geom_out_sql="{column}",
    columns_sql="SELECT name FROM pragma_table_info(?)",
)


def sqlite_path(url: str) -> Path:
    """``sqlite:///relative.sqlite`` or ``sqlite:////abs/path.sqlite`` (SQLAlchemy's spelling) -> the path."""
    if not url.startswith("sqlite:///"):
        raise ValueError(f"not an sqlite:/// URL: {url}")
    return Path(unquote(url[len("sqlite:///") :]))


class SqliteTx(Tx):
    dialect = SQLITE

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self.conn.execute(sql, tuple(params)).rowcount

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        return self.conn.execute(sql, tuple(params)).fetchall()


class SqliteDatabase(Database):
    dialect = SQLITE

    def __init__(self, url: str, write_wait: float = 10.0) -> None:
        self.url = url
        self.gate = WriteGate(write_wait)  # create_app sets its wait from the server's settings
        self.path = sqlite_path(url)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode = WAL")

    def _connect(self) -> sqlite3.Connection:
        # another process's writer (a console command) is waited for as long as this process's queue
        conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False, timeout=self.gate.wait)
        conn.execute(f"PRAGMA busy_timeout = {int(self.gate.wait * 1000)}")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Tx]:
        if not write:
            with self._transaction(write) as tx:
                yield tx
            return
        with self.gate, self._transaction(write) as tx:
            yield tx

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[Tx]:
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield SqliteTx(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def close(self) -> None:
        """Nothing pooled: every transaction closes its own connection."""
