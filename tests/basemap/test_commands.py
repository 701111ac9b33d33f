"""``baytak basemap`` and ``baytak imagery`` end to end, and OSM villages in ``baytak analyze``."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from baytak_desktop import i18n
from baytak_desktop.analysis.base import AnalysisError
from baytak_desktop.analysis.proximity import proximity
from baytak_desktop.analysis.sources import OSM_PLACES, load_sites
from baytak_desktop.cli import main
from baytak_desktop.store import Store

from .conftest import HELSINKI, KOUVOLA, LANDSAT


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_basemap_add_and_list(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = run_json(capsys, "basemap", "add", str(store_path), str(HELSINKI))
    out = store_path.parent / "Helsinki.basemap.gpkg"
    assert Path(built["path"]) == out and out.is_file() and built["counts"]["osm_roads"] > 2000
    run_json(capsys, "basemap", "add", str(store_path), str(KOUVOLA), "--bbox", "26.9,60.5,27.0,60.6", "--title", "K")
    listed = run_json(capsys, "basemap", "list", str(store_path))
    assert [(b["title"], b["recorded_path"], b["present"]) for b in listed] == [
        ("Helsinki.osm.pbf", "Helsinki.basemap.gpkg", True),
        ("K", "test.basemap.gpkg", True),
    ]
    assert listed[0]["source_sha256"] == built["source_sha256"]
    assert main(["basemap", "list", str(store_path)]) == 0
    assert "Helsinki.basemap.gpkg" in capsys.readouterr().out


def test_what_a_basemap_holds_is_said_in_words_not_table_names(store_path: Path, capsys) -> None:
    """ "places 7, roads 2 302, roads_low 332" was the tables' names inside a Russian sentence, and the
    generalised copies for small scales counted as if they were more roads."""
    assert main(["--lang", "ru", "basemap", "add", str(store_path), str(HELSINKI)]) == 0
    said = capsys.readouterr().out
    with sqlite3.connect(store_path.parent / "Helsinki.basemap.gpkg") as conn:
        roads = conn.execute("SELECT count(*) FROM osm_roads").fetchone()[0]
    with i18n.speaking("ru"):
        assert f"дороги {i18n.number(roads)}," in said
    assert "_low" not in said and "osm_" not in said and "roads" not in said and "places" not in said


def test_basemap_errors_are_one_line_and_change_nothing(
    store_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["basemap", "add", str(store_path), str(LANDSAT)]) == 1
    assert "not an OpenStreetMap extract" in capsys.readouterr().err
    assert main(["basemap", "add", str(store_path), str(HELSINKI), "--out", str(store_path)]) == 1
    assert "over the store" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:  # argparse's usage error, exit 1 like every user error
        main(["basemap", "add", str(store_path), str(HELSINKI), "--bbox", "80,40,70,50"])
    assert usage.value.code == 1 and "west < east" in capsys.readouterr().err
    assert run_json(capsys, "basemap", "list", str(store_path)) == []


def test_imagery_add_and_list_and_a_missing_file(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    image = store_path.parent / "andros.tif"
    shutil.copy(LANDSAT, image)
    added = run_json(capsys, "imagery", "add", str(store_path), str(image), "--date", "2001-07-03", "--title", "Andros")
    assert added["crs"] == "EPSG:32618" and added["acquired_on"] == "2001-07-03" and added["overviews"] == "sidecar"
    image.unlink()
    assert main(["imagery", "list", str(store_path)]) == 0
    assert "missing on this device" in capsys.readouterr().out
    # a CRS without an EPSG code is named, not printed as a screenful of WKT
    tenth = store_path.parent / "tenth.tif"
    shutil.copy(LANDSAT.parent / "rgb-byte-tenth.tif", tenth)
    assert main(["imagery", "add", str(store_path), str(tenth)]) == 0
    said = capsys.readouterr().out
    assert "UTM Zone 18, Northern Hemisphere" in said and "PROJCS" not in said and len(said) < 300
    assert main(["imagery", "list", str(store_path)]) == 0
    assert "missing on this device" in capsys.readouterr().out
    assert main(["imagery", "add", str(store_path), str(image)]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_an_image_is_described_as_the_language_writes_numbers(store_path: Path, capsys) -> None:
    """ "3019.16 м на пиксель" in Russian reads the point as nothing a Russian writes: a comma there."""
    image = store_path.parent / "tenth.tif"
    shutil.copy(LANDSAT.parent / "rgb-byte-tenth.tif", image)
    assert main(["--lang", "ru", "imagery", "add", str(store_path), str(image)]) == 0
    said = capsys.readouterr().out
    assert "(79 x 71, " in said and "3\N{NO-BREAK SPACE}019 м на пиксель" in said and "3019.16" not in said


def test_osm_villages_are_a_source_for_proximity(store_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(store_path) as store, pytest.raises(AnalysisError, match="baytak basemap add"):
        load_sites(store, OSM_PLACES)
    run_json(capsys, "basemap", "add", str(store_path), str(KOUVOLA))
    with Store.open(store_path) as store:
        sites = load_sites(store, OSM_PLACES)
        assert [s.name for s in sites] == ["Kannikko"]  # the hamlet; suburbs are parts of a town, not settlements
        outflow = store.insert(
            "sewage_outflows",
            {"name": "Test outflow", "discharge": "untreated", "status": "active", "branch": "almaty_region"},
            __import__("shapely").Point(sites[0].lon + 0.01, sites[0].lat),
        )
        result = proximity(store, "sewage_outflows", OSM_PLACES, 2.0)
    near = result.by_from[0]
    assert near.site.id == outflow.uuid and [n.name for n in near.within] == ["Kannikko"]
    assert 0.5 < near.within[0].distance_km < 0.6  # 0.01° of longitude at 60.5°N, geodesic


def test_a_schema_4_store_gets_the_reference_tables_when_opened(tmp_path: Path, capsys) -> None:
    """The committed schema-4 store (before basemaps and imagery): listing it read-only shows nothing and
    changes nothing; adding an image opens it for writing, which migrates it to today's schema."""
    store_path = tmp_path / "old.gpkg"
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "stores" / "schema-4.gpkg", store_path)
    before = store_path.read_bytes()
    assert run_json(capsys, "imagery", "list", str(store_path)) == []
    assert run_json(capsys, "basemap", "list", str(store_path)) == []
    assert store_path.read_bytes() == before
    image = tmp_path / "andros.tif"
    shutil.copy(LANDSAT, image)
    assert run_json(capsys, "imagery", "add", str(store_path), str(image))["sha256"]
    assert main(["validate", str(store_path)]) == 0
    with Store.open(store_path, readonly=True) as store:
        assert store.schema_version() >= 5  # 5 brought the reference tables (6 made the store GeoPackage 1.3)


def test_the_schema_5_fixture_lists_its_basemap_and_image_as_missing(tmp_path: Path, capsys) -> None:
    fixture = Path(__file__).resolve().parents[1] / "data" / "stores" / "schema-5.gpkg"
    copy = tmp_path / "old.gpkg"
    shutil.copy(fixture, copy)
    (basemap,) = run_json(capsys, "basemap", "list", str(copy))
    (image,) = run_json(capsys, "imagery", "list", str(copy))
    assert basemap["recorded_path"] == "kazakhstan-latest.basemap.gpkg" and not basemap["present"]
    assert image["acquired_on"] == "2025-08-02" and image["crs"] == "EPSG:32643" and not image["present"]
