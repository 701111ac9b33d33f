"""Real OSM extracts and a real Landsat scene (tests/data, with their origin and licence there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from baytak_desktop.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
KOUVOLA = DATA / "osm" / "test.osm.pbf"
LANDSAT = DATA / "imagery" / "rgb_deflate.tif"
LANDSAT_TENTH = DATA / "imagery" / "rgb-byte-tenth.tif"


@pytest.fixture(scope="session")
def helsinki_basemap(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Helsinki extract built once into a basemap (read-only for the tests that share it)."""
    from baytak_desktop.basemap.build import build_basemap

    out = tmp_path_factory.mktemp("basemap") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "field.gpkg"
    Store.create(path).close()
    return path
