"""Log the site here, and the outline walked: GPS positions and tracks as features of a real store.

The accuracy goes into ``notes`` as one ``[GPS]`` line (gps/notes.py): checked here as the app writes
it, as it reads back, as GDAL reads it from the GeoPackage (what QGIS shows an auditor), and as the
change journal records it (so it syncs like any other edit).
"""

from __future__ import annotations

import pyogrio
import pytest
import shapely

from baytak_desktop.errors import TrackError, ValidationError
from baytak_desktop.gps import average_fixes
from baytak_desktop.gps.features import point_feature, track_feature, track_geometry
from baytak_desktop.gps.nmea import fixes_from_lines
from baytak_desktop.gps.notes import parse_note, position_note, with_note
from baytak_desktop.layers.schema import LayerSchema
from baytak_desktop.store import Store
from baytak_desktop.store.edits import GeometryNeedsFix, apply

from .conftest import LOGS


def log_fixes(name: str):
    return [f for f in fixes_from_lines((LOGS / f"{name}.log").read_text().splitlines()) if f is not None]


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "store.gpkg") as created:
        yield created


def test_the_notes_line_says_how_good_the_position_was():
    position = average_fixes(log_fixes("quectel-L70"))
    line = position_note(position)
    assert line.startswith("[GPS] ")
    pairs = parse_note(f"Smoke seen from the road.\n{line}")
    assert pairs is not None and pairs["tag"] == "[GPS]"
    assert float(pairs["lat"]) == pytest.approx(position.lat, abs=1e-7)
    assert float(pairs["lon"]) == pytest.approx(position.lon, abs=1e-7)
    assert int(pairs["fixes"]) == 16
    assert float(pairs["spread_2drms_m"]) == pytest.approx(position.two_drms_m, abs=0.01)
    assert float(pairs["error_m"]) == pytest.approx(position.receiver_error_m, abs=0.1)
    assert (pairs["basis"], pairs["quality"], pairs["satellites"]) == ("gst", "dgps", "8")
    assert (pairs["from"], pairs["to"]) == ("2022-03-09T15:01:19Z", "2022-03-09T15:01:34Z")


def test_taking_the_position_again_replaces_the_line_and_keeps_the_persons_notes():
    first = position_note(average_fixes(log_fixes("quectel-L70")[:4]))
    second = position_note(average_fixes(log_fixes("quectel-L70")))
    notes = with_note("Smoke seen from the road.", first)
    assert notes == f"Smoke seen from the road.\n{first}"
    notes = with_note(notes + "\nWorkers said it closed in May.", second)
    assert notes == f"Smoke seen from the road.\n{second}\nWorkers said it closed in May."
    assert with_note(None, second) == second and parse_note("no gps here") is None


def test_log_the_site_here_adds_a_point_at_the_averaged_position_with_its_accuracy(store):
    position = average_fixes(log_fixes("quectel-L70"))
    edit = point_feature("brick_factories", position, {"name": "Kiln by the road", "status": "closed"}, user="aigul")
    warnings = edit.check()  # a position outside Kazakhstan is a warning, not a refusal
    assert all(p.severity == "warning" for p in warnings)
    apply(store, edit)
    feature = store.get("brick_factories", edit.uuid)
    assert (feature.geometry.x, feature.geometry.y) == pytest.approx((position.lon, position.lat), abs=1e-12)
    assert parse_note(feature.attributes["notes"])["fixes"] == "16"
    # what QGIS (GDAL) shows: the line is in the notes column of the GeoPackage
    frame = pyogrio.read_dataframe(store.path, layer="brick_factories")
    assert frame.notes.iloc[0] == position_note(position)
    # and it is a change to sync like any other
    (change,) = store.changes("brick_factories")
    assert change.op == "insert" and change.current["notes"].startswith("[GPS] lat=")


def test_a_point_cannot_go_into_an_outline_layer():
    position = average_fixes(log_fixes("polarx2"))
    with pytest.raises(TrackError, match="holds outlines"):
        point_feature("quarries", position, {"name": "x", "status": "active"})


def test_the_outline_walked_becomes_a_quarry(store):
    loop = log_fixes("nmea-rtk")[:40]  # the first 4 s of the Trimble walk close a small loop
    edit = track_feature("quarries", [loop[:25], loop[25:]], {"name": "Abat pit edge", "status": "illegal"})
    edit.check()
    apply(store, edit)
    feature = store.get("quarries", edit.uuid)
    ring = feature.geometry.geoms[0].exterior.coords
    assert len(ring) == 41  # every walked point, in order (both segments), and the ring closed
    assert ring[0] == pytest.approx((loop[0].lon, loop[0].lat))
    assert feature.attributes["area_ha"] > 0
    note = parse_note(feature.attributes["notes"])
    assert note["tag"] == "[GPS track]" and note["points"] == "40"
    assert note["from"] == "2020-03-18T13:28:19Z"


def test_a_walk_that_crosses_itself_is_offered_a_fix_and_simplifying_keeps_the_shape():
    walk = log_fixes("nmea-rtk")
    with pytest.raises(GeometryNeedsFix) as raised:
        track_feature("quarries", [walk], {"name": "x", "status": "active"}).check()
    assert raised.value.fixed is not None and raised.value.fixed.is_valid
    polygon = track_geometry(_schema("quarries"), [walk[:40]])
    simpler = track_geometry(_schema("quarries"), [walk[:40]], simplify_m=0.1)  # a 2.5 m² RTK loop
    assert len(simpler.geoms[0].exterior.coords) < len(polygon.geoms[0].exterior.coords) / 2
    assert simpler.symmetric_difference(polygon).area < 0.1 * polygon.area


def test_a_track_into_a_line_layer_is_a_line_per_segment():
    walk = log_fixes("nmea-rtk")
    paths = LayerSchema("footpaths", "MULTILINESTRING", (), "Footpaths")
    lines = track_geometry(paths, [walk[:50], walk[60:]])
    assert isinstance(lines, shapely.MultiLineString) and len(lines.geoms) == 2
    assert lines.geoms[1].coords[0] == pytest.approx((walk[60].lon, walk[60].lat))
    with pytest.raises(TrackError, match="fewer than 2"):
        track_geometry(paths, [walk[:1]])


def test_too_few_corners_and_point_layers_are_refused():
    walk = log_fixes("nmea-rtk")
    with pytest.raises(ValidationError, match="at least 3 corners"):
        track_feature("quarries", [walk[:2]], {"name": "x", "status": "active"})
    with pytest.raises(TrackError, match="holds points"):
        track_feature("brick_factories", [walk], {"name": "x", "status": "closed"})


def _schema(name: str) -> LayerSchema:
    from baytak_desktop.layers import get_layer

    return get_layer(name)
