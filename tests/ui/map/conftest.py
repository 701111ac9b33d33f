"""The Helsinki material the map's reading-ahead and drawing-ahead tests share: the OSM basemap built
from the extract, and a store whose brick factories are the extract's nodes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import pytest

from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.store import Store

HELSINKI = Path(__file__).resolve().parents[2] / "data" / "osm" / "Helsinki.osm.pbf"


@pytest.fixture(scope="module")
def basemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("osm") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


@pytest.fixture(scope="module")
def points_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nodes = pyogrio.read_dataframe(HELSINKI, layer="points", columns=[])
    store = Store.create(tmp_path_factory.mktemp("store") / "helsinki.gpkg")
    statuses = np.random.default_rng(3).choice(["operating", "closed", "illegal"], len(nodes)).tolist()
    store.insert_many("brick_factories", {"name": "node", "status": statuses}, list(nodes.geometry.values))
    store.close()
    return store.path
