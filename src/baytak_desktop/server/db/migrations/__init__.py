"""The server's schema: numbered migrations with their SQL frozen in them, run by the shared runner.

The same runner as the store's (``baytak_desktop.migration_runner``), over either backend: each
migration in one transaction, recorded in ``baytak_migrations``; several server processes starting at
once on one PostgreSQL take the dialect's migration lock (an advisory lock) in each transaction, so
exactly one of them applies a migration; a database written by a newer server is refused.

To add a field to a built-in layer in a release: add it to its definition in ``resources/layers/``,
then a migration here that adds the column
with its type written out (``ALTER TABLE "quarries" ADD COLUMN "depth_m" DOUBLE PRECISION``), appended to
``MIGRATIONS``; and run ``scripts/make_schema_fixtures.py`` for a database of the new version under
``tests/data/servers/``. tests/server/test_migrations.py checks that the migrated tables match the live
definitions, on both backends.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from baytak_desktop import migration_runner
from baytak_desktop.migration_runner import Migration
from baytak_desktop.server.apierrors import ServerSchemaTooNew
from baytak_desktop.server.db.base import Database, Tx
from baytak_desktop.server.db.migrations import m001_core, m002_layers, m003_hardening, m004_layer_revisions

MIGRATIONS: list[Migration[Tx]] = [
    Migration(1, m001_core.NAME, m001_core.apply),
    Migration(2, m002_layers.NAME, m002_layers.apply),
    Migration(3, m003_hardening.NAME, m003_hardening.apply),
    Migration(4, m004_layer_revisions.NAME, m004_layer_revisions.apply),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


class ServerTarget:
    """The runner's view of a server database: a write transaction of its backend."""

    newer_schema_error = ServerSchemaTooNew

    def __init__(self, db: Database) -> None:
        self.db = db

    def transaction(self) -> AbstractContextManager[Tx]:
        return self.db.transaction(write=True)

    def execute(self, tx: Tx, sql: str, params: Sequence[Any] = ()) -> None:
        tx.execute(sql, params)

    def query(self, tx: Tx, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return tx.query(sql, params)

    def columns(self, tx: Tx, table: str) -> list[str]:
        return [str(row[0]) for row in tx.query(tx.dialect.columns_sql, (table,))]

    def lock(self, tx: Tx) -> None:
        if tx.dialect.migration_lock:
            tx.execute(tx.dialect.migration_lock)


def migrate(db: Database, now: str | None = None) -> list[int]:
    """Apply the migrations not yet recorded; returns the versions applied now."""
    return migration_runner.migrate(ServerTarget(db), MIGRATIONS, now=now)


def schema_version(db: Database) -> int:
    with db.transaction() as tx:
        versions = migration_runner.applied(ServerTarget(db), tx)
    return versions[-1] if versions else 0
