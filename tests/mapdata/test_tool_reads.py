"""What the edit tools read of the store (``mapdata.tool_reads``), on a real store with no Qt: the feature
under a click, its name, the candidates snapping looks at and the extent they answer for."""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.layers import builtin_catalog
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.layers.style import default_style as style_of
from baytak_desktop.mapdata.projection import View, to_scene
from baytak_desktop.mapdata.tool_reads import (
    feature_at,
    feature_name,
    holds_layer,
    pick_feature,
    snap_candidates,
    stored_geometry,
    uuids_and_names,
)
from baytak_desktop.store import Store

KILN = (77.1012345678, 43.6012345678)
PIT = shapely.box(77.09, 43.595, 77.10, 43.607)


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "reads.gpkg") as store:
        store.insert("brick_factories", {"name": "Besagash works", "status": "closed"}, shapely.Point(*KILN))
        store.insert("quarries", {"name": "Abat pit", "status": "illegal"}, PIT)
        yield store


def default_style(layer: str) -> LayerStyle:
    return style_of(builtin_catalog().layer(layer))


def view_around(lon: float, lat: float, res: float = 2.0) -> View:
    """A 400 x 300 pixel view centred on (lon, lat), ``res`` metres per pixel."""
    x, y = to_scene([lon], [lat])
    return View(float(x[0]) - 200 * res, float(y[0]) - 150 * res, res, 400, 300)


def test_the_feature_under_a_click_with_its_geometry_and_name(store):
    view = view_around(*KILN)
    hit = pick_feature(store, default_style("brick_factories"), view, 202.0, 151.0, 6.0)
    assert hit is not None and hit.layer == "brick_factories" and hit.fid == 1
    assert (hit.geometry.x, hit.geometry.y) == KILN  # as stored, bit for bit
    assert feature_name(store, "brick_factories", hit.uuid) == "Besagash works"
    assert pick_feature(store, default_style("brick_factories"), view, 20.0, 20.0, 6.0) is None  # nothing there
    assert stored_geometry(store, "brick_factories", hit.uuid).equals(shapely.Point(*KILN))


def test_delete_selected_names_the_features_still_there(store):
    ((uuid, name),) = uuids_and_names(store, "quarries", [1, 99])  # fid 99 is not there
    assert name == "Abat pit" and uuid == store.uuid_of("quarries", 1)


def test_photos_dropped_find_the_topmost_feature(store):
    view = view_around(77.095, 43.60)
    styles = [default_style("brick_factories"), default_style("quarries")]
    found = feature_at(store, styles, view, 200.0, 150.0)
    assert found is not None and found[0] == "quarries" and found[1] == 1


def test_a_layer_the_file_lacks_reads_as_empty(store):
    store.conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'tree_plantings'")
    assert holds_layer(store, "quarries") and not holds_layer(store, "tree_plantings")
    assert not holds_layer(store, "no_such_layer")
    assert pick_feature(store, default_style("tree_plantings"), view_around(*KILN), 200.0, 150.0, 6.0) is None


def test_snap_candidates_answer_for_their_box_and_find_what_is_near(store):
    box = (77.0, 43.5, 77.2, 43.7)
    candidates = snap_candidates(store, ("brick_factories", "quarries"), box, 100)
    assert candidates.complete and len(candidates.geometries) == 2
    assert candidates.covers((77.05, 43.55, 77.15, 43.65), ("brick_factories", "quarries"))
    assert not candidates.covers((76.9, 43.55, 77.15, 43.65), ("brick_factories", "quarries"))  # past its edge
    assert not candidates.covers((77.05, 43.55, 77.15, 43.65), ("brick_factories",))  # other layers shown
    near = candidates.near((KILN[0] - 1e-4, KILN[1] - 1e-4, KILN[0] + 1e-4, KILN[1] + 1e-4))
    assert [g.geom_type for g in near] == ["Point"]
    assert candidates.near((10.0, 10.0, 10.1, 10.1)) == []


def test_snap_candidates_say_when_a_layer_had_more_than_the_limit(store):
    for i in range(5):
        store.insert("brick_factories", {"name": f"Kiln {i}", "status": "closed"}, shapely.Point(77.1 + i * 1e-3, 43.6))
    candidates = snap_candidates(store, ("brick_factories",), (77.0, 43.5, 77.2, 43.7), 3)
    assert not candidates.complete and len(candidates.geometries) == 3
    assert candidates.box == (77.0, 43.5, 77.2, 43.7)
