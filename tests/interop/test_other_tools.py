"""Stores and exports in the GIS tools people have (QGIS 3.22 and GDAL 3.6 on Debian 12): opened without a
warning, edited there, then `baytak validate` names what the edits left (a stale or empty area, a Polygon
in a MULTIPOLYGON layer, a SpatiaLite blob), `--fix` repairs it, and GDAL's validators pass.

QGIS runs in its own interpreter (Debian's python3-qgis for the system Python) and GDAL as Debian's
command-line tools (gdal-bin); .ci/run installs both, and each test says which it misses when it skips.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from gpkg_validators import available, validate_gpkg

from baytak_desktop.demo import build_demo
from baytak_desktop.io.exporter import export_layer
from baytak_desktop.store import Store
from baytak_desktop.store.changes import mark_synced

SYSTEM_PYTHON = "/usr/bin/python3"
HERE = Path(__file__).parent
OGR2OGR, OGRINFO = shutil.which("ogr2ogr"), shutil.which("ogrinfo")


def _qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True, check=False).returncode == 0


needs_qgis = pytest.mark.skipif(
    not _qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)
needs_gdal = pytest.mark.skipif(OGR2OGR is None or OGRINFO is None, reason="GDAL's tools (gdal-bin) are not installed")


def baytak(*args: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", *map(str, args)], capture_output=True, text=True, timeout=300,
        check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr, done.stderr
    return done


@pytest.fixture
def synced_demo(tmp_path: Path) -> Path:
    """A demo store as after a sync (so edits made elsewhere show as updates)."""
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        build_demo(store)
        with store.session() as conn:
            for layer in ("quarries", "brick_factories"):
                mark_synced(conn, layer, list(store.iter_uuids(layer)))
    return path


def findings(path: Path) -> list[dict]:
    done = baytak("validate", path, "--json")
    return json.loads(done.stdout)["findings"]


def first_quarry(path: Path) -> str:
    with Store.open(path, readonly=True) as store:
        return next(store.iter_uuids("quarries"))


@needs_qgis
def test_qgis_opens_the_store_without_a_warning_and_its_reshape_is_repaired(synced_demo: Path) -> None:
    uuid = first_quarry(synced_demo)
    done = subprocess.run(
        [SYSTEM_PYTHON, str(HERE / "qgis_reshape.py"), str(synced_demo), uuid],
        capture_output=True, text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["gdal_messages"] == []  # no "may only be partially supported"
    assert all(layer["valid"] for layer in report["layers"].values())
    assert report["reshaped"] and report["drawn"]
    assert [validate_gpkg(v, synced_demo) for v in available()] == [""] * len(available())  # QGIS writes it valid
    found = {(f["uuid"], f["field"]) for f in findings(synced_demo)}
    assert (uuid, "area_ha") in found  # 6.2 ha on a reshaped pit, as the issue saw
    assert any(field == "area_ha" and u != uuid for u, field in found)  # the pit drawn in QGIS: no area
    assert baytak("validate", synced_demo, "--fix").returncode == 0
    assert findings(synced_demo) == []
    with Store.open(synced_demo, readonly=True) as store:
        change = next(c for c in store.changes("quarries") if c.uuid == uuid)
    assert set(change.fields) == {"geom", "area_ha"}  # the sync sends the new shape with its new area


@needs_gdal
def test_gdal_edits_are_found_repaired_and_then_pass_gdal_validators(synced_demo: Path, tmp_path: Path) -> None:
    quarry = tmp_path / "appended.geojson"
    quarry.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "properties": {"name": "Appended by ogr2ogr", "status": "illegal"},
        "geometry": {"type": "Polygon", "coordinates": [[[77.0, 43.5], [77.05, 43.5], [77.05, 43.55], [77.0, 43.5]]]},
    }]}))  # fmt: skip
    run = subprocess.run  # GDAL 3.6: appends a Polygon into the MULTIPOLYGON layer, as the issue saw
    assert (
        run([OGR2OGR, "-append", "-nln", "quarries", str(synced_demo), str(quarry)], capture_output=True).returncode
        == 0
    )
    sql = "UPDATE brick_factories SET status = 'Закрыт' WHERE fid = 1"
    assert run([OGRINFO, str(synced_demo), "-sql", sql], capture_output=True).returncode == 0
    found = {(f["layer"], f["field"], f["fixable"]) for f in findings(synced_demo)}
    assert {("quarries", "geom", True), ("quarries", "area_ha", True), ("brick_factories", "status", True)} <= found
    assert all("Req 32" in validate_gpkg(v, synced_demo) for v in available())
    done = baytak("validate", synced_demo, "--fix")
    assert done.returncode == 0 and done.stdout.count("fixed:") == 3, done.stdout
    assert [validate_gpkg(v, synced_demo) for v in available()] == [""] * len(available())


@needs_gdal
def test_exports_open_in_gdal_3_6_without_a_warning(synced_demo: Path, tmp_path: Path) -> None:
    with Store.open(synced_demo, readonly=True) as store:
        for layer in ("quarries", "brick_factories"):
            export_layer(store, layer, tmp_path / "both.gpkg")
        export_layer(store, "quarries", tmp_path / "quarries.shp")
    for path in (tmp_path / "both.gpkg", tmp_path / "quarries.shp"):
        done = subprocess.run([OGRINFO, "-so", "-al", str(path)], capture_output=True, text=True, check=False)
        assert done.returncode == 0 and "Warning" not in done.stderr + done.stdout, done.stderr
    assert [validate_gpkg(v, tmp_path / "both.gpkg") for v in available()] == [""] * len(available())
