"""No edge of the world: the bundled basemap has land (and so sea) everywhere, not only in Central Asia."""

from __future__ import annotations

import numpy as np
import pyogrio
import pytest
import shapely

from baytak_desktop.exhibits.webmap_data import basemap_collections
from baytak_desktop.resources import basemap_path

DETAILED = (44.0, 36.0, 90.0, 56.5)


@pytest.fixture(scope="module")
def land() -> shapely.Geometry:
    path = basemap_path()
    parts = [pyogrio.read_dataframe(path, layer=name).geometry.values for name in ("land", "world_land")]
    return shapely.union_all(np.concatenate(parts))


@pytest.mark.parametrize(
    "place, lon, lat",
    [
        ("Kirov, north of Kazan", 49.66, 58.6),
        ("Tomsk, north-east of Omsk", 84.95, 56.49),
        ("Krasnoyarsk", 92.9, 56.0),
        ("Moscow", 37.6, 55.75),
        ("Baghdad", 44.4, 33.3),
        ("Beijing", 116.4, 39.9),
        ("Delhi", 77.2, 28.6),
        ("Paris", 2.35, 48.85),
        ("Almaty (detailed data)", 76.9, 43.25),
    ],
)
def test_land_is_land_beyond_the_detailed_area(land: shapely.Geometry, place: str, lon: float, lat: float) -> None:
    assert land.contains(shapely.Point(lon, lat)), place


@pytest.mark.parametrize(
    "place, lon, lat",
    [("Arabian Sea", 65.0, 18.0), ("Atlantic", -30.0, 30.0), ("Kara Sea", 70.0, 75.0), ("Caspian Sea", 51.0, 42.0)],
)
def test_sea_is_not_land(land: shapely.Geometry, place: str, lon: float, lat: float) -> None:
    assert not land.contains(shapely.Point(lon, lat)), place


def test_no_seam_of_sea_along_the_detailed_area(land: shapely.Geometry) -> None:
    """Every point just inside and just outside the box edge where the box edge crosses land is land."""
    west, south, east, north = DETAILED
    edge = [(lon, lat) for lon in np.arange(west, east, 0.5) for lat in (north - 0.02, north + 0.02)]
    edge += [(lon, lat) for lat in np.arange(south, north, 0.5) for lon in (east - 0.02, east + 0.02)]
    missing = [p for p in edge if not land.contains(shapely.Point(p))]
    assert missing == []


def test_the_web_map_draws_the_world_land_first() -> None:
    collections = basemap_collections(basemap_path())
    assert next(iter(collections)) == "world_land"
    assert len(collections["world_land"]["features"]) > 100
