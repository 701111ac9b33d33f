"""The Aral's area by year must be right: checked against an independent equal-area computation."""

from __future__ import annotations

import re

import pyogrio
import pytest
import shapely
from pyproj import Transformer

from baytak_desktop.analysis import water_areas
from baytak_desktop.resources import basemap_path


def laea_km2(geometry: shapely.Geometry) -> float:
    """Area in a Lambert azimuthal equal-area projection centred on the shape: not pyproj.Geod at all."""
    centre = geometry.centroid
    to_laea = Transformer.from_crs(
        "EPSG:4326", f"+proj=laea +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84", always_xy=True
    )
    projected = shapely.transform(
        geometry, lambda xy: __import__("numpy").column_stack(to_laea.transform(xy[:, 0], xy[:, 1]))
    )
    return projected.area / 1e6


def natural_earth_aral(layer: str) -> shapely.Geometry:
    frame = pyogrio.read_dataframe(basemap_path(), layer=layer)
    if layer == "lakes":
        pattern = re.compile(r"\bAral\b", re.IGNORECASE)
        frame = frame[
            frame["name"].fillna("").str.contains(pattern) | frame["name_alt"].fillna("").str.contains(pattern)
        ]
    return shapely.union_all(shapely.make_valid(shapely.force_2d(frame.geometry.values)))


@pytest.mark.parametrize(("year", "layer"), [(1960, "lakes_historic"), (2010, "lakes")])
def test_aral_area_matches_an_independent_equal_area_computation(demo, year, layer):
    found = {(a.water_body, a.year): a for a in water_areas(demo)}
    expected = laea_km2(natural_earth_aral(layer))
    assert found[("aral", year)].area_km2 == pytest.approx(expected, rel=1e-3)


def test_the_aral_shrank_to_about_a_quarter(demo):
    found = {(a.water_body, a.year): a.area_km2 for a in water_areas(demo)}
    assert 60_000 < found[("aral", 1960)] < 70_000  # the late-1950s Aral: ~67,000 km2
    assert 0.2 < found[("aral", 2010)] / found[("aral", 1960)] < 0.35


def test_basemap_fills_years_the_store_lacks(store):
    areas = water_areas(store)  # an empty store: all from the basemap
    assert {(a.water_body, a.year, a.origin) for a in areas} == {
        ("aral", 1960, "basemap"),
        ("aral", 2010, "basemap"),
        ("caspian", 2010, "basemap"),
    }
    assert water_areas(store, include_basemap=False) == []


def test_store_outlines_win_and_add_years(demo_path, tmp_path):
    import shutil

    from baytak_desktop.analysis.buffers import geodesic_circle
    from baytak_desktop.store import Store

    copy = tmp_path / "copy.gpkg"
    shutil.copy(demo_path, copy)
    with Store.open(copy) as store:
        lake = geodesic_circle(60.0, 45.0, 50_000)  # a made-up 1990 outline: 50 km radius
        store.insert(
            "shorelines",
            {"water_body": "aral", "observed_on": "1990-07-01", "source": "test"},
            shapely.MultiPolygon([lake]),
        )
        found = {(a.water_body, a.year): a for a in water_areas(store)}
    assert found[("aral", 1990)].origin == "store"
    assert found[("aral", 1990)].area_km2 == pytest.approx(3.14159 * 50**2, rel=2e-3)
    assert found[("aral", 1960)].origin == "store"
