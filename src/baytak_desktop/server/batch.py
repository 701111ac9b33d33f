"""The writes of one push, gathered and sent together.

A push of 10,000 changes writes some 20,000 rows (the feature, its history). One statement per row
is one round trip to PostgreSQL each: most of a push's time went waiting for them. ``Batch`` is a
``Tx`` whose ``execute`` and ``insert_rows`` only collect; ``flush`` sends each distinct statement once
with all its rows (``executemany``, which psycopg pipelines) and the new rows of each table together
(``Tx.insert_rows``: COPY on PostgreSQL). A read through the batch flushes first,
so anything read sees every write made before it. The push flushes before it looks at a feature a
second time, so the rows gathered between two flushes belong to different features and their order
does not matter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from baytak_desktop.server.db import Tx
from baytak_desktop.server.db.base import Row


class PlannedRev(int):
    """The n-th revision of a push planned before the revision counter was locked (server.push):
    ``flush(start)`` writes it as ``start + n``, ``start`` being the counter's value at the lock."""


def _placed(rows: list[tuple[Any, ...]], start: int) -> list[tuple[Any, ...]]:
    """Rows of one statement with their planned revisions written from ``start``: they sit at the same
    places in every row of a statement (a revision column)."""
    places = [at for at, value in enumerate(rows[0]) if type(value) is PlannedRev] if rows else []
    if not places:
        return rows
    placed = []
    for row in rows:
        values = list(row)
        for at in places:
            values[at] += start
        placed.append(tuple(values))
    return placed


class Batch(Tx):
    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.dialect = tx.dialect
        self.pending: dict[str, list[tuple[Any, ...]]] = {}
        self.rows: dict[tuple[str, tuple[str, ...], str | None], list[tuple[Any, ...]]] = {}

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Collect a statement; the number of rows it changes is not known yet (-1)."""
        self.pending.setdefault(sql, []).append(tuple(params))
        return -1

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.pending.setdefault(sql, []).extend(tuple(row) for row in rows)

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], geometry: str | None = None
    ) -> None:
        self.rows.setdefault((table, tuple(columns), geometry), []).extend(tuple(row) for row in rows)

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        self.flush()
        return self.tx.query(sql, params)

    def flush(self, start: int | None = None) -> None:
        """Send what was gathered; ``start``: the revision planned revisions count from."""
        pending, self.pending = self.pending, {}
        new_rows, self.rows = self.rows, {}
        if start is not None:
            new_rows = {key: _placed(rows, start) for key, rows in new_rows.items()}
            pending = {sql: _placed(rows, start) for sql, rows in pending.items()}
        for (table, columns, geometry), rows in new_rows.items():
            self.tx.insert_rows(table, columns, rows, geometry)
        for sql, params in pending.items():
            if len(params) == 1:
                self.tx.execute(sql, params[0])
            else:
                self.tx.executemany(sql, params)
