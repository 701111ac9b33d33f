"""The one small interface both storage backends implement.

All server SQL is written once, with ``?`` placeholders and types that mean the same on SQLite and
PostgreSQL (TEXT, BIGINT, DOUBLE PRECISION). What genuinely differs is gathered in a ``Dialect``, which
each backend fills in with its own fragments: the geometry column (a WKB blob in SQLite, a PostGIS
geometry in PostgreSQL), auto-numbered keys, row locks (PostgreSQL's ``FOR UPDATE``; SQLite locks the
whole file with ``BEGIN IMMEDIATE``), the spatial index, and what serialises concurrent migrations. The
code above this module never asks which backend it runs on; it sees only ``Tx.execute``/``query``/``one``
and the dialect's fragments. This module imports neither backend: they import it.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

Row = tuple[Any, ...]
MEMBER_CHUNK = 500  # values per IN list where there are no arrays (SQLite allows 32,766 parameters)
# GeoPackage name -> PostGIS name
POSTGIS_TYPES = {
    "POINT": "Point",
    "LINESTRING": "LineString",
    "MULTILINESTRING": "MultiLineString",
    "MULTIPOLYGON": "MultiPolygon",
}


@dataclass(frozen=True)
class Dialect:
    """The SQL that differs between the backends, as small fragments set by each backend."""

    name: str  # for messages and logs only: nothing branches on it
    id_column: str  # an auto-numbered primary key column definition; {name} is the column
    blob_type: str
    for_update: str  # appended to a SELECT that must lock the rows it reads until commit
    geometry_column: str  # a layer's geometry column type; {postgis_type} is e.g. MultiPolygon
    geom_in_sql: str  # turns a bound ISO WKB parameter ({value}) into the stored geometry
    geom_out_sql: str  # reads the stored geometry ({column}) back as little-endian ISO WKB
    columns_sql: str  # lists a table's column names; one ? is the table; no rows when there is no such table
    spatial_index: str = ""  # CREATE INDEX for a layer's geometry ({table}); empty when there is none
    extensions: tuple[str, ...] = ()  # run once, before the first table is made (PostGIS)
    migration_lock: str = ""  # taken at the start of each migration transaction; empty when not needed
    # a column tested against one bound parameter ({column}), the values' JSON array text; empty when
    # the backend has no arrays and the values are listed in chunks (``member_of``)
    member_sql: str = ""

    def geometry_type(self, geometry_type: str) -> str:
        """The column of a layer's geometry: typed, so QGIS knows the layer's geometry type unasked."""
        return self.geometry_column.format(postgis_type=POSTGIS_TYPES[geometry_type])

    def geom_in(self, placeholder: str = "?") -> str:
        """SQL that turns a bound ISO WKB parameter into the stored geometry."""
        return self.geom_in_sql.format(value=placeholder)

    def geom_out(self, column: str) -> str:
        """SQL that reads the stored geometry back as little-endian ISO WKB bytes."""
        return self.geom_out_sql.format(column=column)

    def member_of(self, column: str, values: Sequence[Any]) -> Iterator[tuple[str, list[Any]]]:
        """``(condition, parameters)`` pieces that together test ``column`` against every value: one
        bound array on PostgreSQL (one plan, an index lookup per value, whatever the planner thinks
        of the table's size), sent as one JSON text (psycopg's array parameter is quoted value by
        value in Python: 3 µs per value, a tenth of planning a big push), else ``IN (?, ...)`` lists
        of at most 500 values."""
        if self.member_sql:
            yield self.member_sql.format(column=column), [json.dumps(list(values), ensure_ascii=False)]
            return
        for start in range(0, len(values), MEMBER_CHUNK):
            part = list(values[start : start + MEMBER_CHUNK])
            yield f"{column} IN ({', '.join('?' * len(part))})", part

    def spatial_index_sql(self, table: str) -> list[str]:
        """The statements that index a layer's geometry (none on SQLite, which reads by uuid and rev)."""
        return [self.spatial_index.format(table=table)] if self.spatial_index else []


class Tx(ABC):
    """One open transaction. Statements use ``?`` placeholders whatever the backend."""

    dialect: Dialect

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run a statement; returns the number of rows it changed."""

    @abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for many parameter rows."""

    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        """Run a SELECT (or ... RETURNING) and return every row as a tuple."""

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], geometry: str | None = None
    ) -> None:
        """Insert many rows into ``table``; the column named ``geometry`` holds ISO WKB bytes. Here one
        INSERT run for all rows; PostgreSQL streams them with COPY."""
        if not rows:
            return
        names = ", ".join(f'"{name}"' for name in columns)
        marks = ", ".join(self.dialect.geom_in() if name == geometry else "?" for name in columns)
        self.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)

    def one(self, sql: str, params: Sequence[Any] = ()) -> Row | None:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.one(sql, params)
        return None if row is None else row[0]


class Database(ABC):
    """A storage backend: hands out transactions; keeps nothing but connections between requests."""

    dialect: Dialect
    url: str

    @abstractmethod
    def transaction(self, write: bool = False) -> AbstractContextManager[Tx]:
        """A transaction committed when the block ends and rolled back when it raises.

        ``write=False`` is a read-only snapshot: every statement in it sees the same committed state,
        so a pull page and the ``server_rev`` it reports agree.
        """

    @abstractmethod
    def close(self) -> None:
        """Close the pooled connections."""
