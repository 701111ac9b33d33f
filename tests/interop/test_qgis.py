"""QGIS opens a store and its edits are journaled like the app's (the promise of DESIGN.md "The store").

QGIS runs in its own interpreter (Debian's python3-qgis, for the system Python), so the test drives it
as a subprocess. CI installs python3-qgis; where it is missing the test says so and is skipped.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from baytak_desktop.demo import build_demo
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.changes import mark_synced

SYSTEM_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).with_name("qgis_edit.py")


def _qgis_available() -> bool:
    if not os.path.exists(SYSTEM_PYTHON):
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(
    not _qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)


def test_qgis_reads_every_layer_and_its_edits_are_journaled(tmp_path):
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        counts = build_demo(store)
        factories = [f.uuid for f in store.features("brick_factories")]
        with store.session() as conn:  # as after a sync: the features exist on the server too
            mark_synced(conn, "brick_factories", factories)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [SYSTEM_PYTHON, str(SCRIPT), str(path), factories[0], factories[1]],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    for name in LAYERS:
        assert report["layers"][name]["valid"], name
        assert report["layers"][name]["count"] == counts[name], name
    assert report["added"] and report["updated"] and report["deleted"]

    with Store.open(path) as store:
        changes = {(c.op, c.uuid): c for c in store.changes("brick_factories")}
        added = [c for (op, _), c in changes.items() if op == "insert"]
        assert len(added) == 1 and added[0].current["name"] == "Added in QGIS"
        assert len(added[0].uuid) == 36 and added[0].uuid[14] == "7"  # a UUIDv7 made by the trigger
        assert changes[("update", factories[0])].fields == ("name",)
        assert ("delete", factories[1]) in changes
