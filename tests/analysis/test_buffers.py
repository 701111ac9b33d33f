"""Buffers are geodesic: every vertex of a circle is exactly N km away, whatever the latitude."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import shape

from baytak_desktop.analysis import AnalysisError, buffer_features, geodesic_buffer, geodesic_circle, geodesic_circles
from baytak_desktop.layers.measure import area_m2

GEOD = Geod(ellps="WGS84")


@pytest.mark.parametrize(("lon", "lat"), [(76.9, 43.2), (71.4, 51.1), (59.5, 45.0)])
def test_circle_vertices_are_at_the_distance(lon, lat):
    circle = geodesic_circle(lon, lat, 10_000)
    xs, ys = np.array(circle.exterior.coords).T
    _, _, metres = GEOD.inv(np.full(xs.size, lon), np.full(ys.size, lat), xs, ys)
    assert np.allclose(metres, 10_000, atol=0.01)
    assert circle.is_valid and circle.exterior.is_ccw
    assert area_m2(circle) == pytest.approx(np.pi * 10_000**2, rel=2e-3)  # 72 segments: inscribed polygon


def test_polygon_buffer_reaches_the_distance_all_round():
    quarry = shapely.Polygon([(76.85, 43.46), (76.87, 43.46), (76.87, 43.47), (76.85, 43.47)])
    buffered = geodesic_buffer(quarry, 1_000)
    assert buffered.contains(quarry)
    xs, ys = np.array(buffered.exterior.coords).T
    # every outline vertex is 1 km from the quarry: measure to the nearest of its densified edge points
    edge = np.array(shapely.segmentize(quarry.exterior, 0.0002).coords)
    nearest = [
        GEOD.inv(np.full(len(edge), x), np.full(len(edge), y), edge[:, 0], edge[:, 1])[2].min()
        for x, y in zip(xs, ys, strict=True)
    ]
    assert np.allclose(nearest, 1_000, rtol=5e-3)


def test_buffer_features_and_refusals(demo):
    buffers = buffer_features(demo, "sewage_outflows", 5)
    assert len(buffers) == demo.count("sewage_outflows")
    assert all(shape(b.geometry).geom_type == "Polygon" and b.km == 5 for b in buffers)
    with pytest.raises(AnalysisError):
        geodesic_circle(76.9, 43.2, 0)


def test_many_circles_at_once_equal_one_by_one():
    lons, lats = np.array([76.9, 71.4, 59.5]), np.array([43.2, 51.1, 45.0])
    for many, lon, lat in zip(geodesic_circles(lons, lats, 5_000), lons, lats, strict=True):
        assert shapely.equals_exact(many, geodesic_circle(lon, lat, 5_000), tolerance=1e-9)
    assert geodesic_circles(np.array([]), np.array([]), 5_000) == []
