"""The store's schema: numbered migrations, each in its own module with its SQL frozen in it.

A store is migrated when it is opened, so an old file from the field is brought up to date on a new
laptop; a file written by a newer version than this one is refused (``StoreTooNew``) rather than
misread. The shared runner (``baytak_desktop.migration_runner``) records versions in
``baytak_migrations`` and runs each migration in one transaction.

How to change the schema of a built-in layer (say, quarries get a ``depth_m`` field in the next
release; a field the party needs now is published through the server instead, and applied as a
revision of the ``layers`` series, see ``store/layer_revisions.py``):

1. add the field to the layer's definition in ``resources/layers/quarries.json``;
2. add ``m010_quarry_depth.py`` here whose ``apply`` makes exactly that change, with the values written
   out (``steps.add_field(conn, "quarries", "depth_m", "REAL", "Depth, m")``), and append it to
   ``MIGRATIONS``; never edit an earlier migration, whatever the live definitions say now;
3. run ``scripts/make_schema_fixtures.py`` to commit a store of the new version under
   ``tests/data/stores/``: from schema 4 on, every schema version has such a fixture, and
   tests/store/test_old_stores.py opens each of them with the code of every later version.

tests/store/test_migrations.py checks that the migrated tables match the live definitions, so a field
added to ``layers/`` without a migration fails there. The journal's triggers are derived from the live
definitions and reinstalled after migrating (``upgrade``); they are not part of any migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from baytak_desktop import migration_runner
from baytak_desktop.errors import StoreTooNew
from baytak_desktop.migration_runner import Migration
from baytak_desktop.store import changes, journal
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.migrations import (
    m001_layers,
    m002_attachments,
    m003_styles,
    m004_sync,
    m005_reference,
    m006_geopackage_1_3,
    m007_demo,
    m008_layer_revisions,
    m009_held_reasons,
)
from baytak_desktop.store.session import Session

MIGRATIONS: list[Migration[sqlite3.Connection]] = [
    Migration(1, m001_layers.NAME, m001_layers.apply),
    Migration(2, m002_attachments.NAME, m002_attachments.apply),
    Migration(3, m003_styles.NAME, m003_styles.apply),
    Migration(4, m004_sync.NAME, m004_sync.apply),
    Migration(5, m005_reference.NAME, m005_reference.apply),
    Migration(6, m006_geopackage_1_3.NAME, m006_geopackage_1_3.apply),
    Migration(7, m007_demo.NAME, m007_demo.apply),
    Migration(8, m008_layer_revisions.NAME, m008_layer_revisions.apply),
    Migration(9, m009_held_reasons.NAME, m009_held_reasons.apply),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


class StoreTarget:
    """The runner's view of a store: its re-entrant session is the transaction (a savepoint when nested)."""

    newer_schema_error = StoreTooNew

    def __init__(self, session: Session) -> None:
        self.session = session

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        return self.session()

    def execute(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> None:
        conn.execute(sql, tuple(params))

    def query(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return conn.execute(sql, tuple(params)).fetchall()

    def columns(self, conn: sqlite3.Connection, table: str) -> list[str]:
        return [row[0] for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))]

    def lock(self, conn: sqlite3.Connection) -> None:
        """Nothing: the session began with BEGIN IMMEDIATE, which already holds the file's write lock."""


def migrate(session: Session) -> list[int]:
    """Apply the migrations this store lacks; returns the versions applied now."""
    return migration_runner.migrate(StoreTarget(session), MIGRATIONS)


def applied(conn: sqlite3.Connection) -> list[int]:
    """The schema versions recorded in the store (none for a file that is not a store yet)."""
    target = StoreTarget(Session(conn, ""))
    return migration_runner.applied(target, conn)


def upgrade(session: Session) -> dict[str, int]:
    """Migrate, then bring each layer's triggers in line with the live definitions, in one transaction.

    Returns, per layer, how many edits were found and journaled that another tool made while the
    layer's triggers were missing. Triggers that are only out of date because a migration just changed
    the layer's columns are reinstalled without such a search, and the synced features' fingerprints
    are refreshed to the new columns, so an added field is not taken for an edit of every feature.
    """
    repaired = {}
    with session() as conn:
        layers = catalog_of(conn)  # what the store had before migrating: its triggers were in place
        dropped = {name for name in layers if _has_table(conn, name) and journal.dropped_triggers(conn, name)}
        applied_now = migrate(session)
        for schema in catalog_of(conn).values():
            if not journal.missing_or_altered_triggers(conn, schema):
                continue
            journal.install_triggers(conn, schema)
            if applied_now and schema.name not in dropped:
                changes.refresh_digests(conn, schema)
            else:
                repaired[schema.name] = changes.rebuild_journal(conn, schema)
    return repaired


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
