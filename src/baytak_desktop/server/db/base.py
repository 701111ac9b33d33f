"""The one small interface both storage backends implement.

All server SQL is written once, with ``?`` placeholders and types that mean the same on SQLite and
PostgreSQL (TEXT, BIGINT, DOUBLE PRECISION). What genuinely differs is gathered in a ``Dialect``: the
geometry column (a WKB blob in SQLite, a PostGIS geometry in PostgreSQL), auto-numbered keys, row
locks (PostgreSQL's ``FOR UPDATE``; SQLite locks the whole file with ``BEGIN IMMEDIATE``) and how a
transaction starts. Everything above this module sees only ``Tx.execute``/``query``/``one``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

Row = tuple[Any, ...]
POSTGIS_TYPES = {"POINT": "Point", "MULTIPOLYGON": "MultiPolygon"}


@dataclass(frozen=True)
class Dialect:
    """The SQL that differs between the backends, as small fragments."""

    name: str  # "sqlite" or "postgresql"
    id_column: str  # an auto-numbered primary key column definition; {name} is the column
    blob_type: str
    for_update: str  # appended to a SELECT that must lock the rows it reads until commit

    def geometry_type(self, geometry_type: str) -> str:
        """The column of a layer's geometry: typed, so QGIS knows the layer's geometry type unasked."""
        return "BLOB" if self.name == "sqlite" else f"geometry({POSTGIS_TYPES[geometry_type]}, 4326)"

    def geom_in(self, placeholder: str = "?") -> str:
        """SQL that turns a bound ISO WKB parameter into the stored geometry."""
        return placeholder if self.name == "sqlite" else f"ST_GeomFromWKB({placeholder}, 4326)"

    def geom_out(self, column: str) -> str:
        """SQL that reads the stored geometry back as little-endian ISO WKB bytes."""
        return column if self.name == "sqlite" else f"ST_AsBinary({column}, 'NDR')"


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
    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Tx]:
        """A transaction committed when the block ends and rolled back when it raises.

        ``write=False`` is a read-only snapshot: every statement in it sees the same committed state,
        so a pull page and the ``server_rev`` it reports agree.
        """

    @abstractmethod
    def close(self) -> None:
        """Close the pooled connections."""

    @abstractmethod
    def integrity_errors(self) -> tuple[type[Exception], ...]:
        """The exception classes this backend raises for a unique-constraint violation."""


def open_database(url: str) -> Database:
    """``sqlite:///path/to/server.sqlite`` or ``postgresql://user@host:port/db``."""
    if url.startswith("sqlite:"):
        from baytak_desktop.server.db.sqlite import SqliteDatabase

        return SqliteDatabase(url)
    if url.startswith(("postgresql:", "postgres:")):
        from baytak_desktop.server.db.postgres import PostgresDatabase

        return PostgresDatabase(url)
    from baytak_desktop.server.apierrors import ConfigError

    raise ConfigError("The database URL {url!r} is neither sqlite:///FILE nor postgresql://...", url=url)
