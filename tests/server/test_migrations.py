"""The server's schema on both backends, through the shared migration runner.

A fresh database gets tables that match the live layer definitions; a migration is applied once even
when several server processes start at once on one PostgreSQL (the advisory lock); a database written
by a newer server is refused; the bookkeeping table of the time before the shared runner is converted;
and a field added by a new migration reaches an existing database and the sync API.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from layer_helpers import KILNS, with_field

from baytak_desktop.layers import LAYERS, Catalog
from baytak_desktop.layers import catalog as layer_catalog
from baytak_desktop.layers.catalog import builtin_definitions
from baytak_desktop.layers.schema import FieldType
from baytak_desktop.migration_runner import Migration
from baytak_desktop.server.apierrors import ServerSchemaTooNew
from baytak_desktop.server.db import Database, Tx, open_database
from baytak_desktop.server.db import migrations as server_migrations
from baytak_desktop.server.db.migrations import SCHEMA_VERSION, migrate, schema_version

from .conftest import Clock, Server, insert

TYPES = {FieldType.TEXT: "text", FieldType.INTEGER: "bigint", FieldType.REAL: "double", FieldType.DATE: "text"}
TYPES[FieldType.DATETIME] = "text"  # dates stay text exactly as sent
TYPES[FieldType.BOOLEAN] = "boolean"


@pytest.fixture
def db(database_url: str):
    database = open_database(database_url)
    yield database
    database.close()


def layer_columns(db: Database, table: str) -> dict[str, str]:
    """Column -> a type name both backends spell alike enough to compare (bigint, double, text, ...)."""
    with db.transaction() as tx:
        return {row[0]: _declared(tx, table, row[0]) for row in tx.query(tx.dialect.columns_sql, (table,))}


def _declared(tx: Tx, table: str, column: str) -> str:
    if tx.dialect.name == "sqlite":
        (declared,) = [r[2] for r in tx.query(f'PRAGMA table_info("{table}")') if r[1] == column]
    else:
        declared = tx.scalar(
            "SELECT udt_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? AND column_name = ?",
            (table, column),
        )
    declared = str(declared).lower()
    spelled = {"int8": "bigint", "float8": "double", "double precision": "double", "bytea": "blob", "bool": "boolean"}
    return spelled.get(declared, declared)


def assert_matches_live_definitions(db: Database, layers: Catalog) -> None:
    for schema in layers.values():
        columns = layer_columns(db, schema.name)
        geom = columns.pop("geom")
        assert geom in ("blob", "geometry")
        assert columns.pop("fid") in ("integer", "bigint") and columns.pop("rev") == "bigint"
        assert columns.pop("uuid") == "text"
        assert columns == {f.name: TYPES[f.type] for f in schema.fields}, schema.name


def test_a_fresh_database_gets_every_migration_once_and_matches_the_live_definitions(db):
    assert migrate(db) == list(range(1, SCHEMA_VERSION + 1))
    assert migrate(db) == []
    assert schema_version(db) == SCHEMA_VERSION
    assert_matches_live_definitions(db, LAYERS)
    with db.transaction() as tx:
        recorded = tx.query("SELECT series, version FROM baytak_migrations ORDER BY version")
    assert recorded == [("program", v) for v in range(1, SCHEMA_VERSION + 1)]


def test_a_database_of_a_newer_server_is_refused(db):
    migrate(db)
    with db.transaction(write=True) as tx:
        tx.execute("INSERT INTO baytak_migrations VALUES ('program', 42, 'future', '2030-01-01T00:00:00Z')")
    with pytest.raises(ServerSchemaTooNew, match="newer baytak server") as refused:
        migrate(db)
    assert refused.value.params == {"found": 42, "known": SCHEMA_VERSION}


def test_the_bookkeeping_of_the_time_before_the_shared_runner_is_converted(db):
    migrate(db)
    with db.transaction(write=True) as tx:  # the table exactly as the old server runner made it
        tx.execute("DROP TABLE baytak_migrations")
        tx.execute(
            "CREATE TABLE baytak_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        legacy = [(m.version, m.name) for m in server_migrations.MIGRATIONS]
        tx.executemany("INSERT INTO baytak_migrations VALUES (?, ?, '2025-05-01T00:00:00Z')", legacy)
    assert migrate(db) == []  # nothing applied twice: the tables exist, so a rerun would fail
    with db.transaction() as tx:
        rows = tx.query("SELECT series, version, name, applied_at FROM baytak_migrations ORDER BY version")
    assert rows == [("program", version, name, "2025-05-01T00:00:00Z") for version, name in legacy]


def test_server_processes_starting_at_once_on_postgresql_migrate_exactly_once(postgres_url):
    import pg

    url = pg.new_database(postgres_url)
    results: list[list[int]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def start_a_server() -> None:
        database = open_database(url)
        try:
            start.wait()
            results.append(migrate(database))
        except BaseException as exc:
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=start_a_server) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert sorted(v for applied in results for v in applied) == list(range(1, SCHEMA_VERSION + 1))
    database = open_database(url)
    try:
        assert_matches_live_definitions(database, LAYERS)
    finally:
        database.close()


# -- adding a field, as the next schema version will ---------------------------------------------------
def add_kilns(tx: Tx) -> None:
    tx.execute('ALTER TABLE "brick_factories" ADD COLUMN "kiln_count" BIGINT')


def test_a_field_added_by_a_new_migration_reaches_an_existing_database_and_the_api(
    database_url, monkeypatch, builtin_layers
):
    old = Server(database_url, Clock())  # a server of today's version, with data
    device = old.user("dana", role="editor", branch="almaty")
    device.push(insert(name="Бесағаш кірпіш зауыты"))
    old.close()
    later = tuple(with_field(d, KILNS) if d.name == "brick_factories" else d for d in builtin_definitions())
    builtin_layers(later)
    next_migrations: list[Migration[Any]] = [
        *server_migrations.MIGRATIONS,
        Migration(SCHEMA_VERSION + 1, "kilns", add_kilns),
    ]
    monkeypatch.setattr(server_migrations, "MIGRATIONS", next_migrations)
    new = Server(database_url, Clock())  # the next version starts on the same database and migrates it
    try:
        assert schema_version(new.app.state.db) == SCHEMA_VERSION + 1
        assert_matches_live_definitions(new.app.state.db, layer_catalog.builtin_catalog())
        device = new.login("dana")
        uuid = device.push(insert(name="Нарынқол", kiln_count=4))["results"][0]["uuid"]
        assert device.feature(uuid)["fields"]["kiln_count"] == 4
        assert len(device.pull()["features"]) == 2  # the feature of the old version is still there
    finally:
        new.close()
