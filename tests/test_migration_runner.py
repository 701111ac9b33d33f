"""The shared migration runner on a real SQLite database, through the store's target (its session).

The server's target over SQLite and PostgreSQL is tested in tests/server/test_migrations.py, the
store's schema in tests/store/test_migrations.py; here is what the runner itself promises.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from baytak_desktop.errors import SchemaTooNew, StoreTooNew
from baytak_desktop.migration_runner import Migration, applied, migrate
from baytak_desktop.store.migrations import StoreTarget
from baytak_desktop.store.session import Session


def create(table: str):
    return lambda conn: conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, value TEXT)")


STEPS = [Migration(1, "places", create("places")), Migration(2, "visits", create("visits"))]


@pytest.fixture
def db(tmp_path: Path):
    conn = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    yield conn
    conn.close()


@pytest.fixture
def target(db: sqlite3.Connection) -> StoreTarget:
    return StoreTarget(Session(db, "db.sqlite"))


def tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_applies_in_order_records_each_and_does_nothing_the_second_time(db, target):
    assert migrate(target, STEPS, now="2026-12-06T10:00:00.000Z") == [1, 2]
    assert {"places", "visits"} <= tables(db)
    assert db.execute("SELECT * FROM baytak_migrations ORDER BY version").fetchall() == [
        ("program", 1, "places", "2026-12-06T10:00:00.000Z"),
        ("program", 2, "visits", "2026-12-06T10:00:00.000Z"),
    ]
    assert migrate(target, STEPS) == []
    assert applied(target, db) == [1, 2]


def test_a_failing_migration_is_undone_whole_and_the_ones_before_it_stay(db, target):
    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half (id INTEGER)")
        conn.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(sqlite3.OperationalError):
        migrate(target, [*STEPS, Migration(3, "broken", half_done)])
    assert applied(target, db) == [1, 2]
    assert "half" not in tables(db)  # its first statement was rolled back with it
    assert migrate(target, [*STEPS, Migration(3, "fixed", create("half"))]) == [3]


def test_a_newer_schema_is_refused_and_nothing_is_applied(db, target):
    migrate(target, STEPS)
    db.execute("INSERT INTO baytak_migrations VALUES ('program', 7, 'from the future', '2030-01-01T00:00:00Z')")
    with pytest.raises(StoreTooNew) as refused:
        migrate(target, [*STEPS, Migration(3, "next", create("next"))])
    assert isinstance(refused.value, SchemaTooNew)
    assert refused.value.params == {"found": 7, "known": 3}
    assert "newer" in str(refused.value) and "next" not in tables(db)


@pytest.mark.parametrize(
    "legacy",
    [
        # the store's table before the shared runner
        "CREATE TABLE baytak_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
        "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))",
        # the server's
        "CREATE TABLE baytak_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
    ],
)
def test_a_bookkeeping_table_of_the_older_shape_is_converted_and_its_versions_kept(db, target, legacy):
    db.execute(legacy)
    db.execute("INSERT INTO baytak_migrations VALUES (1, 'places', '2025-01-02T03:04:05.000Z')")
    create("places")(db)
    assert applied(target, db) == [1]  # read before it is converted, too
    assert migrate(target, STEPS) == [2]  # migration 1 is not run again
    assert db.execute("SELECT * FROM baytak_migrations WHERE version = 1").fetchone() == (
        "program",
        1,
        "places",
        "2025-01-02T03:04:05.000Z",
    )
    assert "baytak_migrations_legacy" not in tables(db)


def test_each_series_counts_its_own_versions(db, target):
    """Schema revisions published later (layers as data) are a series of their own."""
    migrate(target, STEPS)
    revision = Migration(1, "illegal dumps layer", create("illegal_dumps"))
    assert migrate(target, [revision], series="layers") == [1]
    assert applied(target, db, "layers") == [1] and applied(target, db) == [1, 2]
    assert migrate(target, [revision], series="layers") == []


def test_inside_a_callers_transaction_each_migration_is_a_savepoint(db, target):
    """The store opens with one outer session: a failure later in it undoes the migrations too."""
    session = target.session
    with pytest.raises(RuntimeError), session():
        migrate(target, STEPS)
        raise RuntimeError("the caller fails after migrating")
    assert applied(target, db) == [] and "places" not in tables(db)


@pytest.mark.parametrize("versions", [[2, 1], [1, 1], [0, 1]])
def test_versions_must_be_positive_unique_and_ascending(target, versions):
    with pytest.raises(ValueError, match="ascending"):
        migrate(target, [Migration(v, f"m{v}", create(f"t{i}")) for i, v in enumerate(versions)])
