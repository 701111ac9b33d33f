"""The demo store: every layer filled, every feature valid, readable by GDAL, marked illustrative."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest

from baytak_desktop import demo
from baytak_desktop.jobs import CancelAfter, Cancelled
from baytak_desktop.layers import LAYERS, prepare
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
