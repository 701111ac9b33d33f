"""Publishing a layer: a schema revision the server records, applies to its own tables, and sends to
every device in its pull feed.

A publication is one write transaction. It locks the revision counter first (as a push does), so it
takes the next server revision and sits in the feed in order with the data: a device applies it before
any feature that uses what it adds. It is checked against the layers the server has now
(``layers/evolution.py``: only additive changes), recorded, and applied to the layer tables by the one
migration runner as a revision of the ``layers`` series, inside the same transaction: a device can
never see a revision that the server's tables do not have yet, and a refused or failed publication
changes nothing. Publishing what the server has already is answered "unchanged", so running the same
command twice is safe. A publication is in the audit log (``layer_publish``, by the server console,
with who published it), in the same transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any

from baytak_desktop import migration_runner
from baytak_desktop.errors import BaytakError
from baytak_desktop.layers.canonical import shown
from baytak_desktop.layers.catalog import Catalog, builtin_catalog, catalog_from_texts
from baytak_desktop.layers.definition import LayerDefinition
from baytak_desktop.layers.evolution import evolution
from baytak_desktop.layers.values import text_problem
from baytak_desktop.migration_runner import Migration
from baytak_desktop.server import audit, layer_tables
from baytak_desktop.server.apierrors import ServerSchemaTooNew
from baytak_desktop.server.catalog import TABLE, all_revisions, catalog_of
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.push import Revisions
from baytak_desktop.server.usernames import unseen_character
from baytak_desktop.sync.protocol import LayerRevision

SERIES = "layers"


@dataclass(frozen=True)
class Publication:
    """What a publication did: the revision it made (None: the server had this definition already)."""

    layer: str
    revision: int | None
    rev: int | None
    summary: str

    def as_json(self) -> dict[str, Any]:
        return {"layer": self.layer, "revision": self.revision, "rev": self.rev, "summary": self.summary}


def publish(db: Database, definition: LayerDefinition, published_by: str, now: str) -> Publication:
    """Check, record and apply one layer definition; LayerChangeRefused (nothing changed) when it is
    not an additive change of what the server has."""
    _check_publisher(published_by)
    with db.transaction(write=True) as tx:
        revisions = Revisions(tx)  # the counter row locked: pushes and publications take turns
        catalog = catalog_of(tx)
        change = evolution(catalog, definition)
        if change.empty:
            return Publication(definition.name, None, None, "unchanged: the server has this definition already")
        number, rev = catalog.revision + 1, revisions.next()
        revisions.save()
        tx.execute(
            f"INSERT INTO {TABLE} (revision, rev, layer, definition, published_by, published_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (number, rev, definition.name, definition.text(), published_by, now),
        )
        migration_runner.migrate(_InTransaction(tx), revision_migrations(tx), series=SERIES, now=now)
        summary = change.summary()
        details = {"revision": number, "published_by": published_by, "summary": summary}
        audit.record(
            tx, audit.Event(audit.AuditAction.layer_publish, None, now, layer=definition.name, rev=rev, details=details)
        )
        return Publication(definition.name, number, rev, summary)


PUBLISHER_LIMIT = 200  # as long as a user name may be


def _check_publisher(name: str) -> None:
    """Who published goes to every device with the revision and into the audit log: a name as a person
    reads it (``--by`` is any text a shell passes, a lone surrogate too), or nothing is published."""
    if not name.strip() or len(name) > PUBLISHER_LIMIT or text_problem(name) or unseen_character(name):
        raise BaytakError(
            "{name} cannot be the name of who publishes: a name of at most {limit} visible characters",
            name=repr(shown(name, 60)),
            limit=PUBLISHER_LIMIT,
        )


def revision_migrations(tx: Tx) -> list[Migration[Tx]]:
    """Every recorded revision as a migration of the ``layers`` series, built from its definition."""
    rows = [(int(n), str(text)) for n, text in tx.query(f"SELECT revision, definition FROM {TABLE} ORDER BY revision")]
    migrations: list[Migration[Tx]] = []
    for index, (number, text) in enumerate(rows):
        apply = partial(_apply, before=rows[:index], revision=(number, text))
        migrations.append(Migration(number, f"layer {json.loads(text)['name']}", apply))
    return migrations


def _apply(tx: Tx, before: list[tuple[int, str]], revision: tuple[int, str]) -> None:
    old = catalog_from_texts(tuple(before)) if before else builtin_catalog()
    new = catalog_from_texts((*before, revision))
    name = json.loads(revision[1])["name"]
    schema = new.layer(name)
    if name not in old:
        layer_tables.create_layer(tx, schema)
    else:
        layer_tables.add_fields(tx, schema, [f for f in schema.field_names if f not in old.layer(name).field_names])


class _InTransaction:
    """The runner's view of the publication's own transaction: the revision is applied inside it."""

    newer_schema_error = ServerSchemaTooNew

    def __init__(self, tx: Tx) -> None:
        self.tx = tx

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        yield self.tx

    def execute(self, tx: Tx, sql: str, params: Sequence[Any] = ()) -> None:
        tx.execute(sql, params)

    def query(self, tx: Tx, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return tx.query(sql, params)

    def columns(self, tx: Tx, table: str) -> list[str]:
        return layer_tables.columns_of(tx, table)

    def lock(self, tx: Tx) -> None:
        """Nothing more: the publication holds the revision counter's lock, which every writer takes."""


def current_layers(db: Database) -> tuple[Catalog, list[LayerRevision]]:
    """The server's layers now and the revisions that made them (``baytak server layers list``)."""
    with db.transaction() as tx:
        return catalog_of(tx), all_revisions(tx)
