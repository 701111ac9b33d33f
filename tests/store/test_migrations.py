"""The store's schema: migrations frozen in themselves, yet the result matches the live definitions.

Migration 1 spells out the six layers as they were at version 1 and never reads ``layers/``. What
keeps the two in step is checked here: a new store and an old one brought up to date both have exactly
the tables, columns, titles and value lists the live definitions describe (a field added to
``layers/`` without a migration fails here), and adding a field through a new migration reaches an
existing store with its pending edits.
"""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pyogrio
import pytest
from layer_helpers import KILNS, with_field

from baytak_desktop.layers import LAYERS, Catalog
from baytak_desktop.layers.catalog import builtin_definitions
from baytak_desktop.migration_runner import Migration
from baytak_desktop.store import Store, journal, migrations
from baytak_desktop.store.check import check_store
from baytak_desktop.store.migrations import steps

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "stores"
TODAYS_FIXTURE = FIXTURES / "schema-4.gpkg"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the store written by schema version 4: pending edits, photos, Kazakh and Russian text."""
    path = tmp_path / "field-laptop.gpkg"
    shutil.copy(TODAYS_FIXTURE, path)
    return path


def columns(conn: sqlite3.Connection, table: str) -> dict[str, str]:
    """Column -> declared type (a field added later comes after geom: SQL names columns, order aside)."""
    return {row[1]: row[2] for row in conn.execute(f'PRAGMA table_info("{table}")')}


def assert_matches_live_definitions(store: Store, layers: Catalog) -> None:
    conn = store.conn
    for schema in layers.values():
        fields = {f.name: f.sql_type for f in schema.fields}
        assert columns(conn, schema.name) == {"fid": "INTEGER", "uuid": "TEXT", **fields, "geom": schema.geometry_type}
        base = columns(conn, journal.base_table(schema.name))
        assert base == {"uuid": "TEXT", "fid": "INTEGER", **fields, "geom": "BLOB"}
        described = conn.execute(
            "SELECT column_name, title, constraint_name FROM gpkg_data_columns WHERE table_name = ?", (schema.name,)
        ).fetchall()
        wanted = [(f.name, f.title, f.vocabulary.name if f.vocabulary else None) for f in schema.fields]
        assert sorted(described, key=str) == sorted(wanted, key=str)
        geometry = conn.execute(
            "SELECT geometry_type_name FROM gpkg_geometry_columns WHERE table_name = ?", (schema.name,)
        ).fetchone()
        assert geometry == (schema.geometry_type,)
        assert journal.missing_or_altered_triggers(conn, schema) == []
    terms = conn.execute("SELECT vocabulary, code, sort_order, label_kk, label_ru, label_en FROM baytak_vocabularies")
    live_terms = [
        (vocab.name, t.code, order, t.kk, t.ru, t.en)
        for vocab in layers.vocabularies.values()
        for order, t in enumerate(vocab.terms)
    ]
    assert sorted(terms) == sorted(live_terms)
    constraints = conn.execute(
        "SELECT constraint_name, value FROM gpkg_data_column_constraints WHERE constraint_type = 'enum'"
    )
    assert sorted(constraints) == sorted((v, code) for v, code, *_ in live_terms)


def test_a_new_store_matches_the_live_definitions(store):
    assert_matches_live_definitions(store, LAYERS)


def test_an_old_store_brought_up_to_date_matches_them_too(old_store):
    with Store.open(old_store) as store:
        assert store.schema_version() == migrations.SCHEMA_VERSION
        assert_matches_live_definitions(store, LAYERS)


def test_a_new_store_and_a_migrated_old_one_have_the_same_schema(tmp_path, old_store):
    Store.create(tmp_path / "new.gpkg").close()
    Store.open(old_store).close()

    def schema(path: Path) -> dict[tuple[str, str], str]:
        with closing(sqlite3.connect(path)) as conn:
            rows = conn.execute("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            return {(kind, name): sql for kind, name, sql in rows}

    assert schema(old_store) == schema(tmp_path / "new.gpkg")


# -- adding a field, as the next schema version will ---------------------------------------------------
def add_kilns(conn: sqlite3.Connection) -> None:
    steps.add_field(conn, "brick_factories", "kiln_count", "INTEGER", "Kilns")


@pytest.fixture
def next_version(monkeypatch: pytest.MonkeyPatch, builtin_layers) -> int:
    """The program as it will be with the next schema: brick_factories has one more field, how many kilns
    the factory has, in its shipped definition and in the migration that adds it."""
    version = migrations.SCHEMA_VERSION + 1
    builtin_layers(tuple(with_field(d, KILNS) if d.name == "brick_factories" else d for d in builtin_definitions()))
    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, Migration(version, "kilns", add_kilns)])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", version)
    return version


def pending(store: Store) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(c.layer, c.uuid, c.op, tuple(f for f in c.fields if f != "kiln_count")) for c in store.changes()]


def test_adding_a_field_through_a_new_migration_migrates_an_existing_store(tmp_path, old_store, next_version):
    with closing(sqlite3.connect(old_store)) as before:
        journal_before = before.execute("SELECT * FROM baytak_journal ORDER BY id").fetchall()
    with Store.open(old_store) as store:
        assert store.schema_version() == next_version
        assert store.repaired == {}  # the triggers changed with the columns; no edit was invented
        assert columns(store.conn, "brick_factories")["kiln_count"] == "INTEGER"
        assert columns(store.conn, "baytak_base_brick_factories")["kiln_count"] == "INTEGER"
        assert_matches_live_definitions(store, store.catalog)
        assert store.conn.execute("SELECT * FROM baytak_journal ORDER BY id").fetchall() == journal_before
        kept = pending(store)
        assert {(layer, op) for layer, _, op, _ in kept} == {
            ("quarries", "update"),
            ("brick_factories", "insert"),
            ("sewage_outflows", "delete"),
            ("cleanup_plans", "insert"),
        }
        assert next(c for c in store.changes() if c.op == "update").fields == ("status", "notes")
        assert [f for f in check_store(store) if f.severity == "error"] == []
    assert "kiln_count" in pyogrio.read_dataframe(old_store, layer="brick_factories").columns  # GDAL sees it


def test_after_the_new_migration_edits_of_the_new_field_are_journaled(old_store, next_version):
    with Store.open(old_store) as store:
        narynkol = next(f for f in store.features("brick_factories") if f["name"] == "Нарынқол кірпіш зауыты")
        assert store.changes("brick_factories") and narynkol.uuid not in {c.uuid for c in store.changes()}
        store.update("brick_factories", narynkol.uuid, {"kiln_count": 3})
        change = next(c for c in store.changes() if c.uuid == narynkol.uuid)
        assert change.op == "update" and change.fields == ("kiln_count",)
        assert change.base["kiln_count"] is None and change.current["kiln_count"] == 3
        # an edit from another tool, with plain SQL, is journaled the same way
        store.conn.execute("UPDATE brick_factories SET kiln_count = 4 WHERE uuid = ?", (narynkol.uuid,))
        last = store.conn.execute("SELECT op, columns FROM baytak_journal ORDER BY id DESC LIMIT 1").fetchone()
        assert last == ("update", "kiln_count")


def test_after_the_new_migration_a_dropped_trigger_finds_only_real_edits(old_store, next_version):
    """The synced features' fingerprints follow the new columns: an empty new field is not an edit."""
    with Store.open(old_store) as store:
        journal.drop_triggers(store.conn, "brick_factories")  # what a GDAL rebuild of the table does
        before = pending(store)
    with Store.open(old_store) as store:
        assert store.repaired == {"brick_factories": 0}
        assert pending(store) == before
