"""``prepare``: every problem of a feature at once, errors refuse it, warnings keep it."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely
from pyproj import Geod

from baytak_desktop.layers import get_layer, prepare

FACTORIES = get_layer("brick_factories")
QUARRIES = get_layer("quarries")
TREES = get_layer("tree_plantings")
OUTFLOWS = get_layer("sewage_outflows")
HERE = shapely.Point(76.9, 43.2)
TODAY = dt.date(2025, 6, 1)


def problems(prepared, severity="error"):
    return {p.field: p.message for p in prepared.problems if p.severity == severity}


def test_valid_factory_is_ok_and_coerced():
    p = prepare(FACTORIES, {"name": " Narynkol ", "status": "закрыт", "observed_on": "01.05.2025"}, HERE, today=TODAY)
    assert p.ok and p.problems == []
    assert p.attributes["name"] == "Narynkol"
    assert p.attributes["status"] == "closed"
    assert p.attributes["observed_on"] == "2025-05-01"
    assert p.geometry.equals(HERE)


def test_missing_required_fields_are_all_reported():
    p = prepare(FACTORIES, {}, HERE)
    assert not p.ok
    assert problems(p) == {"name": "is required", "status": "is required"}


def test_partial_update_does_not_require_absent_fields():
    p = prepare(FACTORIES, {"operator": "ТОО Кирпич"}, None, partial=True)
    assert p.ok and p.attributes == {"operator": "ТОО Кирпич"}


def test_unknown_field_is_an_error():
    p = prepare(FACTORIES, {"name": "a", "status": "closed", "colour": "red"}, HERE)
    assert "has no field 'colour'" in problems(p)["colour"]


def test_range_checks_below_and_above():
    p = prepare(TREES, {"species": "elm", "tree_count": 0, "survival_rate": "100,5", "status": "planted"}, HERE)
    errors = problems(p)
    assert errors["tree_count"] == "0 is below the minimum 1"
    assert errors["survival_rate"] == "100.5 is above the maximum 100"
    assert prepare(OUTFLOWS, {"name": "a", "status": "active", "flow_m3_day": -1}, HERE).ok is False


def test_bounds_are_inclusive():
    p = prepare(TREES, {"species": "elm", "tree_count": 1, "survival_rate": 100, "status": "planted"}, HERE)
    assert p.ok


def test_future_observation_date_rejected():
    attrs = {"name": "a", "status": "closed", "observed_on": "2025-06-02"}
    p = prepare(FACTORIES, attrs, HERE, today=TODAY)
    assert "in the future" in problems(p)["observed_on"]
    assert prepare(FACTORIES, {**attrs, "observed_on": "2025-06-01"}, HERE, today=TODAY).ok


def test_planned_date_may_be_in_the_future():
    plans = get_layer("cleanup_plans")
    area = shapely.box(76.9, 43.2, 76.91, 43.21)
    assert prepare(plans, {"title": "Sorbulak", "planned_on": "2030-04-20", "status": "planned"}, area, today=TODAY).ok


def test_impossible_calendar_date_rejected():
    p = prepare(FACTORIES, {"name": "a", "status": "closed", "observed_on": "2023-02-30"}, HERE)
    assert "'2023-02-30' is not a real date" in problems(p)["observed_on"]


def test_date_before_1850_rejected():
    p = prepare(FACTORIES, {"name": "a", "status": "closed", "closed_on": "1700"}, HERE)
    assert "before 1850-01-01" in problems(p)["closed_on"]


def test_wrong_geometry_type_rejected():
    line = shapely.LineString([(76.9, 43.2), (77.0, 43.3)])
    p = prepare(FACTORIES, {"name": "a", "status": "closed"}, line)
    assert problems(p)["geom"] == "layer brick_factories takes Point geometries, not LineString"
    p = prepare(QUARRIES, {"name": "a", "status": "illegal"}, HERE)
    assert "takes Polygon or MultiPolygon geometries, not Point" in problems(p)["geom"]


def test_missing_or_empty_geometry_rejected():
    for geom in (None, shapely.Point(), shapely.from_wkt("MULTIPOLYGON EMPTY")):
        p = prepare(FACTORIES, {"name": "a", "status": "closed"}, geom)
        assert problems(p)["geom"] == "the feature has no geometry"


def test_not_a_geometry_rejected():
    p = prepare(FACTORIES, {"name": "a", "status": "closed"}, (76.9, 43.2))
    assert problems(p)["geom"] == "tuple is not a geometry"


def test_self_intersecting_polygon_rejected_with_reason():
    bowtie = shapely.Polygon([(76.0, 43.0), (77.0, 44.0), (77.0, 43.0), (76.0, 44.0)])
    p = prepare(QUARRIES, {"name": "Abat", "status": "illegal"}, bowtie)
    assert not p.ok
    message = problems(p)["geom"]
    assert message.startswith("invalid geometry: Self-intersection")
    assert "76.5 43.5" in message  # where it crosses itself


def test_polygon_promoted_to_multipolygon_and_z_dropped():
    poly = shapely.Polygon([(76.9, 43.2, 600), (76.91, 43.2, 600), (76.91, 43.21, 610), (76.9, 43.2, 600)])
    p = prepare(QUARRIES, {"name": "Karaoy", "status": "illegal"}, poly)
    assert p.ok
    assert p.geometry.geom_type == "MultiPolygon" and not p.geometry.has_z
    assert shapely.equals(p.geometry.geoms[0], shapely.force_2d(poly))


def test_latitude_95_rejected_as_outside_the_world():
    p = prepare(FACTORIES, {"name": "a", "status": "closed"}, shapely.Point(76.9, 95))
    assert "outside the world" in problems(p)["geom"]
    assert "swapped" in problems(p)["geom"]


def test_point_in_france_is_a_warning_not_an_error():
    paris = shapely.Point(2.35, 48.85)
    p = prepare(FACTORIES, {"name": "a", "status": "closed"}, paris)
    assert p.ok
    assert problems(p) == {}
    assert "outside Kazakhstan" in problems(p, "warning")["geom"]


def test_non_finite_coordinates_rejected():
    p = prepare(FACTORIES, {"name": "a", "status": "closed"}, shapely.Point(float("inf"), 43))
    assert not p.ok
    assert "coordinates are not finite numbers" in [x.message for x in p.problems if x.field == "geom"]


def test_derived_area_ha_is_geodesic():
    box = shapely.box(76.9, 43.6, 76.91, 43.61)
    p = prepare(QUARRIES, {"name": "Abat", "status": "illegal"}, box)
    area_m2, _ = Geod(ellps="WGS84").polygon_area_perimeter(*box.exterior.xy)
    assert p.attributes["area_ha"] == pytest.approx(abs(area_m2) / 10_000, abs=1e-4)
    assert p.attributes["area_ha"] == pytest.approx(89.7, abs=0.05)
    # never in degrees (1e-4) nor in Web Mercator (~1.9x larger at this latitude)
    assert 80 < p.attributes["area_ha"] < 100


def test_derived_area_ignores_a_typed_value():
    box = shapely.box(76.9, 43.6, 76.91, 43.61)
    p = prepare(QUARRIES, {"name": "Abat", "status": "illegal", "area_ha": 1}, box)
    assert p.attributes["area_ha"] == pytest.approx(89.7, abs=0.05)


def test_every_problem_is_reported_at_once():
    p = prepare(TREES, {"species": "baobab", "tree_count": "many", "status": "planted"}, shapely.Point(76.9, 95))
    assert set(problems(p)) == {"species", "tree_count", "geom"}


def ring_area_ha(ring) -> float:
    area, _ = Geod(ellps="WGS84").polygon_area_perimeter(*shapely.get_coordinates(ring).T)
    return abs(area) / 10_000


def test_area_of_multipolygon_with_parts_drawn_in_opposite_directions():
    ccw = shapely.box(76.9, 43.6, 76.91, 43.61)
    cw = shapely.box(77.0, 43.6, 77.01, 43.61, ccw=False)
    p = prepare(QUARRIES, {"name": "two pits", "status": "illegal"}, shapely.MultiPolygon([ccw, cw]))
    want = ring_area_ha(ccw.exterior) + ring_area_ha(cw.exterior)
    assert p.attributes["area_ha"] == pytest.approx(want, abs=1e-3)
    assert p.attributes["area_ha"] == pytest.approx(2 * 89.70, abs=0.05)


@pytest.mark.parametrize("shell_ccw", [True, False])
@pytest.mark.parametrize("hole_ccw", [True, False])
def test_area_of_polygon_with_a_hole_ignores_ring_direction(shell_ccw, hole_ccw):
    shell = shapely.box(76.9, 43.6, 76.92, 43.62, ccw=shell_ccw).exterior
    hole = shapely.box(76.905, 43.605, 76.915, 43.615, ccw=hole_ccw).exterior
    p = prepare(QUARRIES, {"name": "pit with island", "status": "illegal"}, shapely.Polygon(shell, [hole]))
    assert p.ok
    assert p.attributes["area_ha"] == pytest.approx(ring_area_ha(shell) - ring_area_ha(hole), abs=1e-3)
