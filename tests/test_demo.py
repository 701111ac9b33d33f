"""The demo store: every layer filled, every feature valid, readable by GDAL, marked illustrative."""

from __future__ import annotations

import getpass
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest
from shapely import Point

from baytak_desktop import demo
from baytak_desktop.jobs import CancelAfter, Cancelled
from baytak_desktop.layers import LAYERS, prepare
from baytak_desktop.layers.demo_identity import is_demo_uuid
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.store import Store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, dict[str, int]]]:
    store = Store.create(tmp_path_factory.mktemp("demo") / "demo.gpkg")
    counts = demo.build_demo(store)
    yield store, counts
    store.close()


def test_every_layer_has_features(built: tuple[Store, dict[str, int]]) -> None:
    store, counts = built
    assert set(counts) == set(LAYERS)
    for layer in LAYERS:
        assert counts[layer] > 0, layer
        assert store.count(layer) == counts[layer]
    assert 15 <= counts["tree_plantings"] <= 30


def test_every_feature_passes_validation(built: tuple[Store, dict[str, int]]) -> None:
    store, _ = built
    for name, schema in LAYERS.items():
        derived = {f.name for f in schema.fields if f.derived}
        for feature in store.features(name):
            attributes = {k: v for k, v in feature.attributes.items() if k not in derived and k not in BOOKKEEPING}
            prepared = prepare(schema, attributes, feature.geometry)
            assert prepared.ok, (name, feature.attributes, prepared.problems)
            assert feature["created_by"] == demo.DEMO_USER


def test_the_aral_shrank(built: tuple[Store, dict[str, int]]) -> None:
    store, _ = built
    aral = {f["observed_on"]: f["area_km2"] for f in store.features("shorelines") if f["water_body"] == "aral"}
    before, after = aral["1960-01-01"], aral["2010-01-01"]
    assert 60_000 < before < 70_000
    assert before > 3 * after
    caspian = [f["area_km2"] for f in store.features("shorelines") if f["water_body"] == "caspian"]
    assert len(caspian) == 1 and 330_000 < caspian[0] < 420_000


def test_quarries_are_a_few_hectares(built: tuple[Store, dict[str, int]]) -> None:
    store, _ = built
    for quarry in store.features("quarries"):
        assert quarry["area_ha"] > 1 and quarry["area_ha"] < 20, quarry["name"]


def test_gdal_reads_every_layer(built: tuple[Store, dict[str, int]]) -> None:
    store, counts = built
    for layer in LAYERS:
        frame = pyogrio.read_dataframe(store.path, layer=layer)
        assert len(frame) == counts[layer], layer


def test_seed_places_are_marked_illustrative(built: tuple[Store, dict[str, int]]) -> None:
    store, _ = built
    for layer in LAYERS:
        for feature in store.features(layer):
            marked = (feature["notes"] or "").startswith(demo.ILLUSTRATIVE)
            assert marked == (layer != "shorelines"), (layer, feature["notes"])


def test_shorelines_name_their_source(built: tuple[Store, dict[str, int]]) -> None:
    store, _ = built
    assert all("Natural Earth" in f["source"] for f in store.features("shorelines"))


def test_two_builds_give_the_same_counts(tmp_path: Path, built: tuple[Store, dict[str, int]]) -> None:
    _, first = built
    with Store.create(tmp_path / "again.gpkg") as store:
        assert demo.build_demo(store) == first


def test_cancel_leaves_the_store_empty(tmp_path: Path) -> None:
    with Store.create(tmp_path / "cancelled.gpkg") as store:
        progress = CancelAfter(5)
        with pytest.raises(Cancelled):
            demo.build_demo(store, progress)
        assert all(store.count(layer) == 0 for layer in LAYERS)
        assert progress.seen[0][0] == 0.0


def test_patches_are_valid_and_repeatable() -> None:
    for site in demo.seed_sites():
        if site.layer in ("quarries", "cleanup_plans"):
            first, second = demo.site_geometry(site), demo.site_geometry(site)
            assert first.is_valid and first.equals_exact(second, 0)


# -- the demo stays a demo (issue 14) ------------------------------------------------------------------
def test_the_demo_store_is_marked_and_its_features_are_not_edits(built: tuple[Store, dict[str, int]]) -> None:
    store, counts = built
    assert store.is_demo
    assert store.changes() == []  # no "edits not yet synced", no not-synced rings
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0
    uuids = [f.uuid for layer in LAYERS for f in store.features(layer)]
    assert len(uuids) == sum(counts.values()) == len(set(uuids))
    assert all(is_demo_uuid(uuid) for uuid in uuids)


def test_a_copy_of_the_demo_store_is_still_a_demo(built: tuple[Store, dict[str, int]], tmp_path: Path) -> None:
    store, _ = built
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    copy = tmp_path / "my-branch.gpkg"
    with sqlite3.connect(copy) as target:  # a byte-exact copy, as a file manager would make it
        store.conn.backup(target)
    target.close()
    with Store.open(copy) as copied:
        assert copied.is_demo and copied.changes() == []


def test_editing_a_demo_feature_is_an_edit_of_the_demo(tmp_path: Path) -> None:
    with Store.create(tmp_path / "d.gpkg") as store:
        demo.build_demo(store)
        factory = store.features("brick_factories")[0]
        store.update("brick_factories", factory.uuid, {"name": "Renamed"})
        assert [(c.op, c.uuid) for c in store.changes()] == [("update", factory.uuid)]


def test_a_store_filled_by_an_older_version_becomes_a_demo(tmp_path: Path) -> None:
    """Before the mark, the demo was written as ordinary edits with random uuids (before schema 7)."""
    path = tmp_path / "old.gpkg"
    with Store.create(path) as store:
        for feature in demo.seed_features()[:5]:
            store.insert(feature.layer, feature.attributes, feature.geometry, user=demo.DEMO_USER)
        old = {f.uuid for layer in LAYERS for f in store.features(layer)}
        assert len(store.changes()) == 5
        with store.session() as conn:
            conn.execute("ALTER TABLE baytak_sync_state DROP COLUMN demo")
            conn.execute("DELETE FROM baytak_migrations WHERE version = 7")
    with Store.open(path) as store:
        assert store.is_demo and store.changes() == []
        now = {f.uuid for layer in LAYERS for f in store.features(layer)}
        assert not now & old and all(is_demo_uuid(u) for u in now) and len(now) == 5


def test_an_older_store_with_real_edits_keeps_them_and_is_not_a_demo(tmp_path: Path) -> None:
    path = tmp_path / "mixed.gpkg"
    with Store.create(path) as store:
        seed = demo.seed_features()[0]
        store.insert(seed.layer, seed.attributes, seed.geometry, user=demo.DEMO_USER)
        mine = store.insert("brick_factories", {"name": "Real", "status": "closed"}, Point(76.9, 43.2)).uuid
        with store.session() as conn:
            conn.execute("ALTER TABLE baytak_sync_state DROP COLUMN demo")
            conn.execute("DELETE FROM baytak_migrations WHERE version = 7")
    with Store.open(path) as store:
        assert not store.is_demo
        assert [(c.op, c.uuid) for c in store.changes()] == [("insert", mine)]
        assert is_demo_uuid(store.features(seed.layer)[0].uuid)


def test_local_edits_record_the_person(tmp_path: Path) -> None:
    with Store.create(tmp_path / "s.gpkg") as store:
        assert store.author == getpass.getuser()
        made = store.insert("brick_factories", {"name": "A", "status": "closed"}, Point(76.9, 43.2))
        assert made["created_by"] == made["updated_by"] == getpass.getuser()
        store.author = "Айгерім"
        changed = store.update("brick_factories", made.uuid, {"name": "B"})
        assert changed["created_by"] == getpass.getuser() and changed["updated_by"] == "Айгерім"


KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_names_and_notes_are_written_in_the_language_of_whoever_makes_the_store(lang: str) -> None:
    """Every free text of the demo (names, operators, places, notes, sources) has its translation; codes
    stay codes. A text added to the seed places without one fails here."""
    from baytak_desktop.demo_texts import TEXT_FIELDS, TEXTS

    english = [*demo.seed_features("en"), *demo.natural_earth_shorelines()]
    translated = [*demo.seed_features(lang), *demo.natural_earth_shorelines(lang=lang)]
    for before, after in zip(english, translated, strict=True):
        for field in (*TEXT_FIELDS, "notes"):
            text = before.attributes.get(field)
            if not isinstance(text, str):
                continue
            assert after.attributes[field] != text, (field, text)
            if field != "notes":
                assert text in TEXTS, f"no Kazakh and Russian for {text!r}"
        assert (
            after.attributes["notes"].startswith(demo.ILLUSTRATIVE_MARKS[1 if lang == "kk" else 2])
            or before.layer == "shorelines"
        )
        assert {k: v for k, v in after.attributes.items() if k not in (*TEXT_FIELDS, "notes")} == {
            k: v for k, v in before.attributes.items() if k not in (*TEXT_FIELDS, "notes")
        }
    names = " ".join(str(f.attributes.get("name") or f.attributes.get("title") or "") for f in translated)
    assert bool(KAZAKH_LETTERS & set(names)) == (lang == "kk")


def test_a_kazakh_demo_store_is_still_marked_illustrative_for_exhibits(tmp_path: Path) -> None:
    from baytak_desktop.mapdata.exhibit_reads import has_illustrative

    with Store.create(tmp_path / "kk.gpkg") as store:
        demo.build_demo(store, lang="kk")
        assert store.count("quarries") == 5
    assert has_illustrative(tmp_path / "kk.gpkg", ["quarries"], (76.0, 43.0, 78.0, 44.0))
