"""The one migration runner, shared by the store (a GeoPackage) and the server (SQLite or PostgreSQL).

A schema changes only through numbered migrations. Each migration carries its own SQL, frozen when it
was written: it never reads the live layer definitions, so a store made today and one made years ago
by migration 1 end up with the same tables, and a field added later reaches both through the migration
that adds it. The runner:

- records what it applied in ``baytak_migrations`` (series, version, name, applied_at);
- runs each migration in its own transaction, recorded in the same transaction, so a crash leaves the
  database at one version or the next, never between (inside a caller's transaction, such as the
  store's re-entrant session, each one is a savepoint of it);
- takes the target's lock first in every transaction and looks again at what is applied, so several
  processes starting at once on one PostgreSQL apply each migration exactly once;
- refuses a database that records a version newer than it knows (written by a newer program), with a
  translated error, rather than misreading it.

Versions are counted per *series*. ``program`` holds the migrations shipped with the program. Schema
revisions that the party publishes through the server later (new layers and fields as data) are
meant to be another series: each revision becomes a ``Migration`` built from its frozen definition
and is applied with ``migrate(target, [revision], series="layers")``, inside the transaction of the
pull that brought it, with the same bookkeeping and the same guarantees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from baytak_desktop.errors import SchemaTooNew

Conn = TypeVar("Conn")
PROGRAM = "program"  # the series of the migrations shipped with the program
TABLE = "baytak_migrations"
CREATE_TABLE = (
    f"CREATE TABLE {TABLE} (series TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, "
    "applied_at TEXT NOT NULL, CONSTRAINT baytak_migrations_series_version PRIMARY KEY (series, version))"
)  # the key is named so that it cannot clash with the key of the older table while both exist (PostgreSQL)
# Before the runner was shared, the store numbered its migrations in a column ``id`` and the server in
# ``version``; both without a series. Such a table is converted in place, its rows kept.
LEGACY_VERSION_COLUMNS = ("id", "version")


@dataclass(frozen=True)
class Migration(Generic[Conn]):
    """One step of a schema: ``apply`` runs its frozen SQL on the open transaction's connection."""

    version: int
    name: str
    apply: Callable[[Conn], None]


class Target(Protocol[Conn]):
    """A database the runner migrates: how to open a write transaction and run SQL in it."""

    @property
    def newer_schema_error(self) -> type[SchemaTooNew]:
        """Raised for a version newer than the runner knows (a class attribute in a target)."""
        ...

    def transaction(self) -> AbstractContextManager[Conn]:
        """A write transaction (or a savepoint inside the caller's), committed when the block ends."""
        ...

    def execute(self, conn: Conn, sql: str, params: Sequence[Any] = ()) -> None: ...

    def query(self, conn: Conn, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]: ...

    def columns(self, conn: Conn, table: str) -> list[str]:
        """The column names of ``table``; empty when there is no such table."""
        ...

    def lock(self, conn: Conn) -> None:
        """Serialise migrating processes until the transaction ends (nothing where a write already does)."""
        ...


def migrate(
    target: Target[Conn], migrations: Sequence[Migration[Conn]], series: str = PROGRAM, now: str | None = None
) -> list[int]:
    """Apply the migrations of ``series`` not yet recorded, in order; returns the versions applied now.

    ``now`` is the time recorded as ``applied_at`` (ISO 8601, UTC); the clock's when not given.
    """
    ordered = _checked(migrations)
    with target.transaction() as conn:
        target.lock(conn)
        ensure_table(target, conn)
        refuse_newer(target, applied(target, conn, series), ordered)
    done_now = []
    for migration in ordered:
        with target.transaction() as conn:
            target.lock(conn)
            if migration.version in applied(target, conn, series):
                continue  # recorded before, or by another process while this one waited for the lock
            migration.apply(conn)
            target.execute(
                conn,
                f"INSERT INTO {TABLE} (series, version, name, applied_at) VALUES (?, ?, ?, ?)",
                (series, migration.version, migration.name, now or _now()),
            )
        done_now.append(migration.version)
    return done_now


def applied(target: Target[Conn], conn: Conn, series: str = PROGRAM) -> list[int]:
    """The versions of ``series`` recorded in the database, ascending (none before the first run)."""
    columns = target.columns(conn, TABLE)
    if not columns:
        return []
    if "series" not in columns:  # a table of the time before the shared runner: all of it is ``program``
        legacy = next(c for c in LEGACY_VERSION_COLUMNS if c in columns)
        rows = target.query(conn, f"SELECT {legacy} FROM {TABLE}") if series == PROGRAM else []
    else:
        rows = target.query(conn, f"SELECT version FROM {TABLE} WHERE series = ?", (series,))
    return sorted(int(row[0]) for row in rows)


def ensure_table(target: Target[Conn], conn: Conn) -> None:
    """Create ``baytak_migrations``, or bring a table of the older shape to this one, keeping its rows."""
    columns = target.columns(conn, TABLE)
    if "series" in columns:
        return
    if not columns:
        target.execute(conn, CREATE_TABLE)
        return
    legacy = next(c for c in LEGACY_VERSION_COLUMNS if c in columns)
    target.execute(conn, f"ALTER TABLE {TABLE} RENAME TO {TABLE}_legacy")
    target.execute(conn, CREATE_TABLE)
    target.execute(
        conn,
        f"INSERT INTO {TABLE} (series, version, name, applied_at) "
        f"SELECT ?, {legacy}, name, applied_at FROM {TABLE}_legacy",
        (PROGRAM,),
    )
    target.execute(conn, f"DROP TABLE {TABLE}_legacy")


def refuse_newer(target: Target[Conn], done: list[int], known: Sequence[Migration[Conn]]) -> None:
    newest = known[-1].version if known else 0
    if done and done[-1] > newest:
        raise target.newer_schema_error(found=done[-1], known=newest)


def _checked(migrations: Sequence[Migration[Conn]]) -> list[Migration[Conn]]:
    versions = [m.version for m in migrations]
    if versions != sorted(set(versions)) or any(v < 1 for v in versions):
        raise ValueError(f"migration versions must be positive, unique and ascending: {versions}")
    return list(migrations)


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
