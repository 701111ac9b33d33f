"""The web map carries the store's OSM basemap as vector GeoJSON at its opening scale, still offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.registry import register_basemap
from baytak_desktop.exhibits.webmap import build_webmap
from baytak_desktop.exhibits.webmap_offline import check_offline
from baytak_desktop.exhibits.webmap_osm import osm_layers, page_scale
from baytak_desktop.store import Store

HELSINKI = Path(__file__).resolve().parents[1] / "data" / "osm" / "Helsinki.osm.pbf"
CENTRE = (24.935, 60.165, 24.953, 60.178)


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("webmap_osm")
    path = folder / "field.gpkg"
    with Store.create(path) as store:
        result = build_basemap(HELSINKI, folder / "helsinki.basemap.gpkg")
        register_basemap(
            store, result.path, {**result.info, "title": "Helsinki", "bounds": result.bounds, "counts": result.counts}
        )
    return path


def collections_in(html: str) -> list[dict]:
    """Every GeoJSON FeatureCollection the page's start script adds (the data goes in as plain JSON)."""
    found = []
    for match in re.finditer(r'\{"type": ?"FeatureCollection", ?"features": ?\[', html):
        decoder = json.JSONDecoder()
        value, _ = decoder.raw_decode(html[match.start() :])
        found.append(value)
    return found


def test_the_page_has_the_roads_buildings_and_named_settlements_offline(store_path: Path) -> None:
    with Store.open(store_path, readonly=True) as store:
        html, _ = build_webmap(store, lang="ru", extent=CENTRE)
    check_offline(html)  # still one self-contained file: nothing fetched
    assert osm_style.ROADS["primary"].colour in html and osm_style.BUILDINGS.fill in html
    assert "© OpenStreetMap contributors" in html
    features = [f for c in collections_in(html) for f in c["features"]]
    names = {f["properties"].get("name") for f in features}
    assert "Хельсинки" in names  # settlements in the page's language
    lines = [f for f in features if f["geometry"]["type"] in ("LineString", "MultiLineString")]
    assert len(lines) > 500


def test_a_wider_page_carries_the_main_roads_only(store_path: Path) -> None:
    with Store.open(store_path, readonly=True) as store:
        near = osm_layers(store, CENTRE, "en")
        far = osm_layers(store, (24.0, 59.8, 26.0, 60.6), "en")
    assert page_scale((24.0, 59.8, 26.0, 60.6)) > 250_000
    near_names = {layer.name for layer in near}
    far_names = {layer.name for layer in far}
    assert "osm_buildings:all" in near_names and "osm_roads:path" in near_names
    assert "osm_buildings:all" not in far_names and "osm_roads:path" not in far_names
    assert any(name.startswith("osm_roads_low:primary") or name.startswith("osm_roads:primary") for name in far_names)
