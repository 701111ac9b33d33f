"""Proximity must find exactly the pairs a brute-force pyproj.Geod check finds."""

from __future__ import annotations

import itertools

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from baytak_desktop.analysis import AnalysisError, Site, load_sites, proximity
from baytak_desktop.analysis.proximity import pairs_within

GEOD = Geod(ellps="WGS84")


def brute_force(sources: list[Site], targets: list[Site], km: float) -> set[tuple[str, str]]:
    found = set()
    for s, t in itertools.product(sources, targets):
        _, _, metres = GEOD.inv(s.lon, s.lat, t.lon, t.lat)
        if metres <= km * 1000:
            found.add((s.id, t.id))
    return found


def sites(prefix: str, lon: tuple[float, float], lat: tuple[float, float], most: int) -> st.SearchStrategy:
    point = st.tuples(st.floats(*lon), st.floats(*lat))
    return st.lists(point, max_size=most).map(
        lambda points: [Site("test", f"{prefix}{i}", f"{prefix}{i}", x, y) for i, (x, y) in enumerate(points)]
    )


@settings(max_examples=150, deadline=None)
@given(
    sources=sites("s", (46.0, 88.0), (40.0, 56.0), 15),
    targets=sites("t", (46.0, 88.0), (40.0, 56.0), 40),
    km=st.floats(0.0, 800.0),
)
def test_pairs_match_brute_force_across_kazakhstan(sources, targets, km):
    found = {(p.from_id, p.to_id) for p in pairs_within(sources, targets, km)}
    assert found == brute_force(sources, targets, km)


@settings(max_examples=100, deadline=None)
@given(
    sources=sites("s", (-180.0, 180.0), (-89.0, 89.0), 8),
    targets=sites("t", (-180.0, 180.0), (-89.0, 89.0), 30),
    km=st.floats(0.0, 3000.0),
)
def test_pairs_match_brute_force_anywhere_even_across_the_antimeridian(sources, targets, km):
    found = {(p.from_id, p.to_id) for p in pairs_within(sources, targets, km)}
    assert found == brute_force(sources, targets, km)


@settings(max_examples=60, deadline=None)
@given(
    offsets=st.lists(st.tuples(st.floats(-0.2, 0.2), st.floats(-0.2, 0.2)), min_size=1, max_size=25),
    km=st.floats(0.5, 25.0),
)
def test_close_clusters_match_brute_force(offsets, km):
    """Many sites within a few km of each other near Almaty: the distances that matter for an outflow."""
    sources = [Site("s", "outflow", "outflow", 76.9, 43.4)]
    targets = [Site("t", f"t{i}", f"t{i}", 76.9 + dx, 43.4 + dy) for i, (dx, dy) in enumerate(offsets)]
    found = {(p.from_id, p.to_id) for p in pairs_within(sources, targets, km)}
    assert found == brute_force(sources, targets, km)


def test_distances_are_geodesic_and_sorted(demo):
    result = proximity(demo, "sewage_outflows", "places", 15)
    by_id = {n.site.id: n for n in result.by_from}
    assert len(result.by_from) == demo.count("sewage_outflows")
    places = {s.id: s for s in load_sites(demo, "places")}
    assert result.pairs
    for pair in result.pairs:
        source = by_id[pair.from_id].site
        target = places[pair.to_id]
        _, _, metres = GEOD.inv(source.lon, source.lat, target.lon, target.lat)
        assert pair.distance_km == pytest.approx(metres / 1000, abs=0.0006)
        assert pair.distance_km <= 15
    for nearby in result.by_from:
        distances = [n.distance_km for n in nearby.within]
        assert distances == sorted(distances)


def test_reverse_lists_the_same_pairs(demo):
    result = proximity(demo, "sewage_outflows", "places", 15)
    forward = {(p.from_id, p.to_id) for p in result.pairs}
    reverse = {(n.id, nearby.site.id) for nearby in result.by_to for n in nearby.within}
    assert forward == reverse
    assert all(nearby.within for nearby in result.by_to)


def test_demo_outflows_near_their_towns(demo):
    result = proximity(demo, "sewage_outflows", "places", 10)
    near = {n.site.name: {m.name for m in n.within} for n in result.by_from}
    assert "Almaty" in near["Almaty treatment plant outflow"]
    assert "Temirtau" in near["Temirtau outflow to the Nura"]
    assert "Astana" in near["Astana treatment plant outflow"]


def test_store_layer_as_target_and_polygon_sites(store):
    store.insert("sewage_outflows", {"name": "Outflow", "status": "active"}, shapely.Point(76.9, 43.4))
    store.insert("brick_factories", {"name": "Near", "status": "closed"}, shapely.Point(76.95, 43.4))
    store.insert("brick_factories", {"name": "Far", "status": "closed"}, shapely.Point(77.5, 43.4))
    result = proximity(store, "sewage_outflows", "brick_factories", 10)
    assert [n.name for n in result.by_from[0].within] == ["Near"]
    assert result.by_from[0].within[0].distance_km == pytest.approx(4.04, abs=0.02)


@pytest.mark.parametrize("km", [-1, float("nan"), float("inf")])
def test_bad_distance_is_refused(demo, km):
    with pytest.raises(AnalysisError, match="kilometres"):
        proximity(demo, "sewage_outflows", "places", km)


def test_unknown_layer_names_the_choices(demo):
    with pytest.raises(AnalysisError, match="places"):
        proximity(demo, "sewers", "places", 10)
