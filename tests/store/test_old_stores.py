"""Stores written by earlier versions (tests/data/stores/, one per schema version) open with today's code.

Each is copied, opened (which migrates it), validated, and compared with what it held before: every
pending (unsynced) change, every attachment (bytes and hash), every text in every layer, the saved
styles and the sync position. Nothing a field activist recorded offline may be lost by an update.
From schema 4 on, every schema version adds a fixture (scripts/make_schema_fixtures.py; see the README
there); they are all picked up here.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pyogrio
import pytest

from baytak_desktop.store import Store, migrations
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.check import check_store

FIXTURES = sorted((Path(__file__).resolve().parents[1] / "data" / "stores").glob("schema-*.gpkg"))


def test_there_is_a_fixture_for_todays_schema_version():
    assert f"schema-{migrations.SCHEMA_VERSION}.gpkg" in {p.name for p in FIXTURES}, (
        "a new store schema version needs its fixture: run scripts/make_schema_fixtures.py"
    )


def snapshot(path: Path) -> dict[str, Any]:
    """What the file holds, read with plain SQL (no code of ours), so old and new can be compared."""
    with closing(sqlite3.connect(path)) as conn:
        layers = {}
        for name in catalog_of(conn):  # the built-in layers and those the store had published
            columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{name}")') if row[1] != "geom"]
            rows = conn.execute(f'SELECT {", ".join(columns)}, hex(geom) FROM "{name}" ORDER BY uuid').fetchall()
            layers[name] = [dict(zip([*columns, "geom"], row, strict=True)) for row in rows]
        return {
            "layers": layers,
            "journal": conn.execute(
                "SELECT id, layer, uuid, op, columns, at, changeset_id FROM baytak_journal"
            ).fetchall(),
            "attachments": conn.execute(
                "SELECT sha256, mime, size, bytes, original_name, taken_at, lat, lon, camera FROM baytak_attachments"
            ).fetchall(),
            "links": conn.execute("SELECT layer, uuid, sha256, caption FROM baytak_attachment_links").fetchall(),
            "synced_links": conn.execute("SELECT * FROM baytak_synced_links").fetchall(),
            "sync_state": conn.execute(
                "SELECT device_id, server_url, last_pulled_rev FROM baytak_sync_state"
            ).fetchall(),
            "styles": conn.execute("SELECT layer, style FROM baytak_styles").fetchall(),
            "revs": conn.execute("SELECT * FROM baytak_feature_revs").fetchall(),
        }


@pytest.fixture(params=FIXTURES, ids=[p.stem for p in FIXTURES])
def old_store(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / request.param.name
    shutil.copy(request.param, path)  # never the committed file itself
    return path


def test_an_old_store_opens_migrates_and_validates(old_store):
    with Store.open(old_store) as store:
        assert store.schema_version() == migrations.SCHEMA_VERSION
        assert store.repaired == {}
        assert [f.as_json() for f in check_store(store) if f.severity == "error"] == []
    with closing(sqlite3.connect(old_store)) as conn:
        names = catalog_of(conn).names
    for name in names:  # and GDAL still reads every layer, published ones too
        pyogrio.read_dataframe(old_store, layer=name)


def test_an_old_store_keeps_its_pending_changes_attachments_and_text(old_store):
    before = snapshot(old_store)
    with Store.open(old_store) as store:
        changes = store.changes()
    after = snapshot(old_store)
    for name, rows in before["layers"].items():  # every value of every column it had, new columns aside
        assert [{k: row[k] for k in old} for row, old in zip(after["layers"][name], rows, strict=True)] == rows
    for key in ("journal", "attachments", "links", "synced_links", "sync_state", "styles", "revs"):
        assert after[key] == before[key], key
    for sha256, _, size, data, *_ in after["attachments"]:
        assert hashlib.sha256(data).hexdigest() == sha256 and len(data) == size  # the evidence is intact
    journaled = {(layer, uuid) for _, layer, uuid, *_ in before["journal"]}
    assert changes and {(c.layer, c.uuid) for c in changes} <= journaled


def test_the_schema_4_store_keeps_what_the_activist_did_offline(tmp_path):
    """The content of the first fixture, named: Kazakh and Russian text, an unsent photo, a delete."""
    path = tmp_path / "schema-4.gpkg"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "stores" / "schema-4.gpkg", path)
    with Store.open(path) as store:
        pending = {(c.layer, c.op): c for c in store.changes()}
        assert set(pending) == {
            ("quarries", "update"),
            ("brick_factories", "insert"),
            ("sewage_outflows", "delete"),
            ("cleanup_plans", "insert"),
        }
        abat = pending[("quarries", "update")]
        assert abat.fields == ("status", "notes")
        assert abat.base["name"] == "Абат карьері" and abat.base["status"] == "illegal"
        assert abat.current["notes"] == "Жұмыс тоқтатылды (2025-08)." and abat.current["status"] == "abandoned"
        besagash = pending[("brick_factories", "insert")]
        assert besagash.current["name"] == "Бесагашский кирпичный завод"
        (photo,) = store.attachments("brick_factories", besagash.uuid)
        assert photo.mime == "image/jpeg" and photo.lat == pytest.approx(43.30, abs=1e-3)
        assert pending[("sewage_outflows", "delete")].base["receiving_water"] == "оз. Сорбулак"
        assert pending[("cleanup_plans", "insert")].current["title"] == "Қапшағай жағасын тазалау"
        (synced_photo,) = store.attachments("quarries", abat.uuid)
        assert synced_photo.camera == "FieldCam 1" and synced_photo.taken_at == "2025-06-14T10:32:05"
        caption = "SELECT caption FROM baytak_attachment_links WHERE sha256 = ?"
        assert store.conn.execute(caption, (synced_photo.sha256,)).fetchone() == ("Карьердің солтүстік жиегі",)
        assert store.styles()["quarries"].opacity == 0.6


def test_the_schema_8_store_keeps_its_published_layer_and_field(tmp_path):
    """The first fixture of layers as data: a layer and a field published on the server, edited offline."""
    path = tmp_path / "schema-8.gpkg"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "stores" / "schema-8.gpkg", path)
    with Store.open(path) as store:
        assert store.catalog.revision == 2 and store.catalog.names[-1] == "illegal_dumps"
        assert store.layer("illegal_dumps").title_in("kk") == "Заңсыз қоқыс үйінділері"
        pending = {(c.layer, c.op): c for c in store.changes()}
        cleaned = pending[("illegal_dumps", "update")]
        assert set(cleaned.fields) == {"status", "burning"}
        assert cleaned.base["status"] == "active" and cleaned.current["status"] == "cleaned"
        assert pending[("illegal_dumps", "insert")].current["name"] == "Свалка у Сорбулака"
        abat = pending[("quarries", "update")]
        assert abat.base["depth_m"] == 8.0 and abat.current["depth_m"] == 11.5
        assert "depth_m" in abat.fields
