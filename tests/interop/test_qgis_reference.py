"""A basemap GeoPackage and a store with registered imagery open in QGIS (issue: "must hold").

QGIS runs in its own interpreter (Debian's python3-qgis), driven as a subprocess like test_qgis.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from baytak_desktop.basemap import osm_classes
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.store import Store

SYSTEM_PYTHON = "/usr/bin/python3"
DATA = Path(__file__).resolve().parents[1] / "data"
SCRIPT = Path(__file__).with_name("qgis_reference.py")


def _qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(
    not _qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)


def test_qgis_opens_the_basemap_and_the_registered_imagery(tmp_path: Path) -> None:
    store_path = tmp_path / "field.gpkg"
    image = tmp_path / "andros.tif"
    shutil.copy(DATA / "imagery" / "rgb_deflate.tif", image)
    result = build_basemap(DATA / "osm" / "Helsinki.osm.pbf", tmp_path / "helsinki.basemap.gpkg")
    with Store.create(store_path) as store:
        entry = add_image(store, image, "2001-07-03", "Andros")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(result.path), str(store_path)],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for table in osm_classes.TABLES:
        layer = report["layers"][table.name]
        assert layer["valid"] and layer["count"] == result.counts[table.name], table.name
    assert report["imagery_valid"]
    assert report["imagery_rows"] == [{"path": "andros.tif", "sha256": entry.sha256, "crs": "EPSG:32618"}]
    opened = report["images"]["andros.tif"]
    assert opened["valid"] and opened["crs"] == "EPSG:32618" and opened["overviews"]
