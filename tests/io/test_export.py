"""Export a layer of a real store, with export_layer and with `baytak export`: every format read back
with pyogrio has the same features (by uuid) and values; bad requests exit 1 and write nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyogrio
import pytest

from baytak_desktop import demo
from baytak_desktop.errors import ImportRejected
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.io.importer import import_file
from baytak_desktop.store import Store

FORMATS = [".geojson", ".gpkg", ".shp", ".zip", ".kml", ".csv"]
NAME_COLUMN = {".kml": "Name"}  # the KML driver reads a placemark's <name> back as Name


def baytak(*args: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in done.stderr + done.stdout, done.stderr
    return done


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A closed demo store, only read by these tests."""
    path = tmp_path_factory.mktemp("export") / "demo.gpkg"
    with Store.create(path) as store:
        demo.build_demo(store)
    yield path


def stored(path: Path, layer: str) -> dict[str, dict]:
    """uuid -> attributes of every feature of ``layer``."""
    with Store.open(path, readonly=True) as store:
        return {f.uuid: f.attributes for f in store.features(layer)}


def read_back(path: Path, suffix: str) -> dict[str, dict]:
    frame = pyogrio.read_dataframe(path)
    if suffix != ".csv":  # a CSV carries no CRS: its lon/lat and wkt columns are WGS 84 by convention
        assert frame.crs is not None and frame.crs.to_epsg() == 4326
    name = NAME_COLUMN.get(suffix, "name")
    return {
        row["uuid"]: {"name": row[name], "status": row["status"], "geom_type": row.geometry.geom_type}
        for _, row in frame.iterrows()
    }


@pytest.mark.parametrize("suffix", FORMATS)
def test_cli_export_of_points_reads_back_with_the_same_uuids(demo_store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"factories{suffix}"
    done = baytak("export", demo_store, "--layer", "brick_factories", out, "--json")
    assert done.returncode == 0, done.stderr
    expected = stored(demo_store, "brick_factories")
    assert json.loads(done.stdout) == {
        "layer": "brick_factories",
        "out": str(out),
        "features": len(expected),
        "warnings": [],
    }
    back = read_back(out, suffix)
    assert set(back) == set(expected)
    for uuid, attributes in expected.items():
        assert (back[uuid]["name"], back[uuid]["status"]) == (attributes["name"], attributes["status"])
        assert back[uuid]["geom_type"] == "Point"


@pytest.mark.parametrize("suffix", FORMATS)
def test_export_of_polygons_reads_back_with_the_same_uuids(demo_store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"quarries{suffix}"
    with Store.open(demo_store, readonly=True) as store:
        count = export_layer(store, "quarries", out).count
    expected = stored(demo_store, "quarries")
    back = read_back(out, suffix)
    assert count == len(expected) == len(back)
    assert set(back) == set(expected)
    assert {uuid: back[uuid]["status"] for uuid in back} == {uuid: a["status"] for uuid, a in expected.items()}
    assert {b["geom_type"] for b in back.values()} <= {"Polygon", "MultiPolygon"}


def test_cli_export_text_says_how_many(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("export", demo_store, "--layer", "quarries", tmp_path / "q.geojson")
    assert done.returncode == 0
    assert (
        done.stdout.strip()
        == f"Exported {len(stored(demo_store, 'quarries'))} features of Quarries to {tmp_path / 'q.geojson'}"
    )


@pytest.mark.parametrize("suffix", [".geojson", ".csv"])
def test_exported_file_imports_into_a_new_store(demo_store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"plantings{suffix}"
    assert baytak("export", demo_store, "--layer", "tree_plantings", out).returncode == 0
    with Store.create(tmp_path / "new.gpkg") as new:
        with pytest.raises(ImportRejected):  # demo sites never become a real store's edits (issue 14)
            import_file(new, out, "tree_plantings")
        new.mark_demo()  # a second demo store takes them
        result = import_file(new, out, "tree_plantings")
        again = {(a["species"], a["tree_count"], a["status"]) for a in stored(new.path, "tree_plantings").values()}
    original = stored(demo_store, "tree_plantings")
    assert result.imported == len(original) and result.rejected == []
    assert again == {(a["species"], a["tree_count"], a["status"]) for a in original.values()}


def test_export_of_an_empty_layer_writes_an_empty_file(tmp_path: Path) -> None:
    Store.create(tmp_path / "empty.gpkg").close()
    done = baytak("export", tmp_path / "empty.gpkg", "--layer", "quarries", tmp_path / "q.gpkg", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["features"] == 0
    assert len(pyogrio.read_dataframe(tmp_path / "q.gpkg")) == 0


def test_export_of_an_unknown_layer_exits_1(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("export", demo_store, "--layer", "kilns", tmp_path / "k.geojson")
    assert done.returncode == 1
    assert done.stderr.startswith("error: There is no layer named 'kilns'. Layers: quarries, brick_factories")
    assert list(tmp_path.iterdir()) == []


def test_export_to_an_unsupported_extension_exits_1_listing_the_supported(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("export", demo_store, "--layer", "quarries", tmp_path / "q.xyz")
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith("error: q.xyz: baytak cannot write '.xyz' files. Supported:")
    for suffix in FORMATS:
        assert suffix in line
    assert list(tmp_path.iterdir()) == []


def test_export_json_error_is_json(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("export", demo_store, "--layer", "quarries", tmp_path / "q.xyz", "--json")
    assert done.returncode == 1
    assert "cannot write '.xyz'" in json.loads(done.stdout)["error"]


def test_export_into_a_missing_folder_exits_1(demo_store: Path, tmp_path: Path) -> None:
    done = baytak("export", demo_store, "--layer", "quarries", tmp_path / "nowhere" / "q.geojson")
    assert done.returncode == 1
    assert "the folder" in done.stderr and "does not exist" in done.stderr
    assert not (tmp_path / "nowhere").exists()


def test_export_leaves_the_store_unchanged(demo_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.gpkg"
    shutil.copy(demo_store, copy)
    before = sha256(copy)
    assert baytak("export", copy, "--layer", "quarries", tmp_path / "q.gpkg").returncode == 0
    assert sha256(copy) == before
