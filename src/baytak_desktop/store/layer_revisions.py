"""Schema revisions on the device: the layers a store has, and applying the ones a pull brings.

The store's layers are the program's built-in ones plus the revisions it applied
(``baytak_layer_revisions``). A revision is a migration of its own series, ``layers``, run by the one
migration runner inside the pull's transaction (a savepoint of it): its tables are made or widened,
its definition and its number recorded, all or nothing, together with the page of features that may
already use the new fields. Unsynced edits are kept as they are: a new column is NULL in the layer
and in the base table alike, so it is no edit, and a change made under the old schema pushes and
merges as before.

After the revisions the journal's triggers of the layers they touched are installed again from the
new definitions, and the synced features' fingerprints are taken over the new columns (as after a
program migration), so adding a field does not look like an edit of every feature.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from baytak_desktop import migration_runner
from baytak_desktop.errors import StoreTooNew
from baytak_desktop.layers.catalog import Revision
from baytak_desktop.layers.definition import LayerDefinition, parse_text
from baytak_desktop.migration_runner import Migration
from baytak_desktop.store import changes, journal, layer_tables
from baytak_desktop.store.catalog import REVISIONS_TABLE as TABLE
from baytak_desktop.store.catalog import catalog_of

SERIES = "layers"


@dataclass(frozen=True)
class PublishedRevision:
    """A revision as it arrives from the server: its number, where it sits in the feed, the definition."""

    number: int
    rev: int
    definition: LayerDefinition
    published_by: str | None = None
    published_at: str | None = None


class JoinedTarget:
    """The runner's view of a store inside a transaction someone else holds: each migration is a
    savepoint of it, so a revision that fails undoes itself and the caller's transaction decides."""

    newer_schema_error = StoreTooNew

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("SAVEPOINT baytak_layer_revision")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK TO baytak_layer_revision")
            self.conn.execute("RELEASE baytak_layer_revision")
            raise
        self.conn.execute("RELEASE baytak_layer_revision")

    def execute(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> None:
        conn.execute(sql, tuple(params))

    def query(self, conn: sqlite3.Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return conn.execute(sql, tuple(params)).fetchall()

    def columns(self, conn: sqlite3.Connection, table: str) -> list[str]:
        return [row[0] for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))]

    def lock(self, conn: sqlite3.Connection) -> None:
        """Nothing: the caller's transaction holds the file's write lock."""


def apply_revisions(conn: sqlite3.Connection, revisions: Sequence[PublishedRevision]) -> list[int]:
    """Apply the revisions this store lacks, in order; the caller holds the transaction. Returns the
    numbers applied now (a revision seen before, in a page fetched again, is skipped)."""
    if not revisions:
        return []
    known = [_stored(number, text) for number, text in _stored_rows(conn)]
    wanted = {r.number: r for r in known}
    wanted.update({r.number: r for r in revisions if r.number not in wanted})
    ordered = [wanted[n] for n in sorted(wanted)]
    migrations = [Migration(r.number, f"layer {r.definition.name}", partial(_apply_one, revision=r)) for r in ordered]
    applied_now = migration_runner.migrate(JoinedTarget(conn), migrations, series=SERIES)
    if applied_now:
        _reinstall_triggers(conn, {wanted[n].definition.name for n in applied_now})
    return applied_now


def _stored_rows(conn: sqlite3.Connection) -> list[tuple[int, str]]:
    return [(int(n), str(t)) for n, t in conn.execute(f"SELECT revision, definition FROM {TABLE} ORDER BY revision")]


def _stored(number: int, text: str) -> PublishedRevision:
    return PublishedRevision(number, 0, parse_text(text, f"schema revision {number}", stored=True))


def _apply_one(conn: sqlite3.Connection, revision: PublishedRevision) -> None:
    """One revision: the layer's tables made or widened, its definition recorded."""
    before = catalog_of(conn)
    after = before.with_revisions([Revision(revision.number, revision.definition)])
    schema = after.layer(revision.definition.name)
    if schema.name not in before:
        layer_tables.create_layer(conn, schema)
    else:
        old = before.layer(schema.name)
        new_fields = [f.name for f in schema.fields if f.name not in old.field_names]
        layer_tables.add_fields(conn, schema, new_fields)
        layer_tables.describe(conn, schema, [f for f in schema.fields if f.name not in new_fields])
    conn.execute(
        f"INSERT INTO {TABLE} (revision, rev, layer, definition, published_by, published_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            revision.number,
            revision.rev,
            schema.name,
            revision.definition.text(),
            revision.published_by,
            revision.published_at,
        ),
    )


def _reinstall_triggers(conn: sqlite3.Connection, layers: set[str]) -> None:
    catalog = catalog_of(conn)
    for name in sorted(layers):
        schema = catalog.layer(name)
        if journal.missing_or_altered_triggers(conn, schema):
            journal.install_triggers(conn, schema)
        changes.refresh_digests(conn, schema)
