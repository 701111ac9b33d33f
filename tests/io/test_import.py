"""import_file on real files in tmp_path: all or nothing, --skip-invalid, field maps, the bad files people
send, cancellation, and a read-only store. Every refusal must leave the store exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from baytak_desktop.errors import BaytakError, ImportRejected, ReadOnlyStore, SourceError, UnknownLayer
from baytak_desktop.io.importer import FieldMapError, import_file
from baytak_desktop.jobs import CancelAfter, Cancelled
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store, journal
from baytak_desktop.store.bulk import CHUNK

PIT = Polygon([(77.0, 43.8), (77.01, 43.8), (77.01, 43.81), (77.0, 43.81)])
GOOD_ROWS = [("Besagash", "closed", "43.10", "76.90"), ("Narynkol", "operating", "42.72", "80.17"),
             ("Talgar", "relocated", "43.30", "77.24"), ("Issyk", "unknown", "43.35", "77.45"),
             ("Kaskelen", "closed", "43.20", "76.62")]  # fmt: skip


# --- helpers --------------------------------------------------------------------------------------
def write_csv(path: Path, header: str, rows: list[tuple[str, ...]]) -> Path:
    path.write_text("\n".join([header, *(",".join(row) for row in rows)]) + "\n", encoding="utf-8")
    return path


def write_geojson(path: Path, features: list[tuple[shapely.Geometry | None, dict]]) -> Path:
    collection = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": None if geom is None else geom.__geo_interface__}
        for geom, props in features]}  # fmt: skip
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def kml_placemark(name: str, status: str, ring: str) -> str:
    return (
        f'<Placemark><name>{name}</name><ExtendedData><Data name="status"><value>{status}</value></Data>'
        f"</ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>{ring}</coordinates>"
        "</LinearRing></outerBoundaryIs></Polygon></Placemark>"
    )


def write_kml(path: Path, placemarks: list[str]) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2">'
        f"<Document><Folder><name>pits</name>{''.join(placemarks)}</Folder></Document></kml>\n",
        encoding="utf-8",
    )
    return path


def write_gpx(path: Path) -> Path:
    """Two waypoints (with a <type> that can be mapped to status) and one track."""
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="baytak tests" xmlns="http://www.topografix.com/GPX/1/1">
  <wpt lat="43.25" lon="76.95"><name>Kiln A</name><type>closed</type></wpt>
  <wpt lat="43.26" lon="76.96"><name>Kiln B</name><type>operating</type></wpt>
  <trk><name>survey walk</name><type>closed</type><trkseg>
    <trkpt lat="43.25" lon="76.95"/><trkpt lat="43.26" lon="76.96"/><trkpt lat="43.27" lon="76.97"/>
  </trkseg></trk>
</gpx>
""",
        encoding="utf-8",
    )
    return path


def snapshot(store: Store) -> dict[str, object]:
    """Everything an import could touch: rows and R-tree entries of every layer, the journal, the triggers."""
    state: dict[str, object] = {}
    for layer in LAYERS:
        state[layer] = store.count(layer)
        state[f"rtree_{layer}"] = store.conn.execute(f'SELECT count(*) FROM "rtree_{layer}_geom"').fetchone()[0]
        state[f"triggers_{layer}"] = journal.missing_or_altered_triggers(store.conn, LAYERS[layer])
    state["baytak_journal"] = store.conn.execute("SELECT count(*), max(id) FROM baytak_journal").fetchone()
    return state


@pytest.fixture
def seeded(store: Store, add_factory) -> Store:
    """A store with something in it, so 'unchanged' means more than 'still empty'."""
    add_factory(name="Existing works")
    store.insert("quarries", {"name": "Existing pit", "status": "active"}, MultiPolygon([PIT]))
    return store


def seven_rows_two_bad(tmp_path: Path) -> Path:
    """Data rows 3 (latitude "abc") and 6 (status "bogus") are bad, the other five are good."""
    rows = list(GOOD_ROWS)
    rows.insert(2, ("Bad latitude", "closed", "abc", "76.90"))
    rows.insert(5, ("Bad status", "bogus", "43.40", "76.80"))
    return write_csv(tmp_path / "factories.csv", "name,status,lat,lon", rows)


# --- success --------------------------------------------------------------------------------------
def test_csv_rows_are_imported_and_journaled(seeded: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "ok.csv", "name,status,lat,lon", GOOD_ROWS)
    result = import_file(seeded, source, "brick_factories")
    assert (result.rows, result.imported, result.rejected) == (5, 5, [])
    assert seeded.count("brick_factories") == 6
    names = {seeded.get("brick_factories", uuid).attributes["name"] for uuid in result.uuids}
    assert names == {row[0] for row in GOOD_ROWS}
    journaled = {c.uuid for c in seeded.changes("brick_factories") if c.op == "insert"}
    assert set(result.uuids) <= journaled


def test_geojson_points_imported_with_their_positions(store: Store, tmp_path: Path) -> None:
    source = write_geojson(
        tmp_path / "f.geojson",
        [
            (Point(76.9, 43.2), {"name": "A", "status": "closed"}),
            (Point(80.17, 42.72), {"name": "B", "status": "operating"}),
        ],
    )
    result = import_file(store, source, "brick_factories")
    features = {f.attributes["name"]: f for f in store.features("brick_factories")}
    assert result.imported == 2
    assert features["B"].geometry.equals_exact(Point(80.17, 42.72), 1e-9)
    assert store.features("brick_factories", bbox=(80.0, 42.5, 80.5, 43.0))[0].uuid == features["B"].uuid


def test_map_field_takes_a_layer_field_from_another_column(store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "kz.csv", "naam,status,lat,lon", [("Кирпичный завод", "closed", "43.1", "76.9")])
    result = import_file(store, source, "brick_factories", field_map={"naam": "name"})
    assert store.get("brick_factories", result.uuids[0]).attributes["name"] == "Кирпичный завод"


def test_dms_coordinates_import_as_decimal_degrees(store: Store, tmp_path: Path) -> None:
    source = write_csv(
        tmp_path / "dms.csv", "name,status,lat,lon", [("Konaev kiln", "closed", "43°52'12\"N", "77°04'12\"E")]
    )
    result = import_file(store, source, "brick_factories")
    point = store.get("brick_factories", result.uuids[0]).geometry
    assert point.y == pytest.approx(43.87)
    assert point.x == pytest.approx(77.07)


def test_kml_polygons_go_into_quarries(store: Store, tmp_path: Path) -> None:
    ring = "77.1,43.8 77.11,43.8 77.11,43.81 77.1,43.81 77.1,43.8"
    result = import_file(store, write_kml(tmp_path / "pits.kml", [kml_placemark("Pit 2", "illegal", ring)]), "quarries")
    feature = store.get("quarries", result.uuids[0])
    assert (feature.attributes["name"], feature.attributes["status"]) == ("Pit 2", "illegal")
    assert feature.geometry.geom_type == "MultiPolygon"
    assert feature.attributes["area_ha"] > 0


def test_gpx_waypoints_go_into_a_point_layer_and_the_track_is_counted(store: Store, tmp_path: Path) -> None:
    result = import_file(store, write_gpx(tmp_path / "walk.gpx"), "brick_factories", field_map={"type": "status"})
    assert (result.rows, result.imported, result.skipped_other_geometry) == (2, 2, 1)
    statuses = {f.attributes["name"]: f.attributes["status"] for f in store.features("brick_factories")}
    assert statuses == {"Kiln A": "closed", "Kiln B": "operating"}


def test_gpx_waypoints_without_required_fields_are_rejected_whole(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    with pytest.raises(FieldMapError) as caught:  # said once for the file, not once per row
        import_file(seeded, write_gpx(tmp_path / "walk.gpx"), "tree_plantings")
    assert caught.value.message.startswith(
        "walk.gpx has no column for the required field(s) species, tree_count, status of tree_plantings"
    )
    assert snapshot(seeded) == before


def test_outside_kazakhstan_is_a_warning_not_a_rejection(store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "far.csv", "name,status,lat,lon", [("Far away", "closed", "48.85", "2.35")])
    result = import_file(store, source, "brick_factories")
    assert result.imported == 1
    assert [(p.row, p.severity) for p in result.warnings] == [(1, "warning")]


# --- all or nothing, --skip-invalid -----------------------------------------------------------------
def test_all_or_nothing_names_every_bad_row_and_writes_nothing(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    with pytest.raises(ImportRejected) as caught:
        import_file(seeded, seven_rows_two_bad(tmp_path), "brick_factories")
    assert {(p.row, p.field) for p in caught.value.problems} == {(3, "lat"), (6, "status")}
    assert caught.value.message.startswith("factories.csv: 2 of 7 rows are invalid, nothing was imported")
    assert [str(p).split(":")[0] for p in caught.value.problems] == ["row 3, field lat", "row 6, field status"]
    assert snapshot(seeded) == before


def test_skip_invalid_imports_the_good_rows_and_reports_the_bad(seeded: Store, tmp_path: Path) -> None:
    result = import_file(seeded, seven_rows_two_bad(tmp_path), "brick_factories", skip_invalid=True)
    assert (result.rows, result.imported) == (7, 5)
    assert [(p["row"], p["field"]) for p in result.as_json()["rejected"]] == [(3, "lat"), (6, "status")]
    assert "abc" in result.rejected[0].message and "bogus" in result.rejected[1].message
    names = {seeded.get("brick_factories", uuid).attributes["name"] for uuid in result.uuids}
    assert names == {row[0] for row in GOOD_ROWS}


def test_unreadable_coordinate_is_reported_once_not_also_as_no_geometry(store: Store, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "lat.csv", "name,status,lat,lon", [("Bad", "closed", "abc", "76.9")])
    with pytest.raises(ImportRejected) as caught:
        import_file(store, source, "brick_factories")
    assert [(p.row, p.field) for p in caught.value.problems] == [(1, "lat")]


def test_latitude_95_is_rejected_with_row_and_field(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    source = write_csv(
        tmp_path / "lat95.csv", "name,status,lat,lon", [*GOOD_ROWS[:1], ("North", "closed", "95", "76.9")]
    )
    with pytest.raises(ImportRejected) as caught:
        import_file(seeded, source, "brick_factories")
    [problem] = caught.value.problems
    assert (problem.row, problem.field) == (2, "lat")
    assert "95" in problem.message
    assert snapshot(seeded) == before


def test_points_into_quarries_are_rejected_as_the_wrong_geometry(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    source = write_geojson(tmp_path / "points.geojson", [(Point(77.0, 43.8), {"name": "Pit", "status": "active"})])
    with pytest.raises(ImportRejected) as caught:
        import_file(seeded, source, "quarries")
    [problem] = caught.value.problems
    assert problem.row == 1 and "Point" in problem.message and "Polygon" in problem.message
    assert snapshot(seeded) == before


def test_kml_with_an_unclosed_ring_is_rejected_naming_the_row(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    source = write_kml(tmp_path / "pits.kml", [
        kml_placemark("Pit 1", "illegal", "77.1,43.8 77.11,43.8 77.11,43.81 77.1,43.81 77.1,43.8"),
        kml_placemark("Open pit", "illegal", "77.0,43.8 77.01,43.8 77.01,43.81 77.0,43.81"),
    ])  # fmt: skip
    with pytest.raises(ImportRejected) as caught:
        import_file(seeded, source, "quarries")
    [problem] = caught.value.problems
    assert problem.row == 2 and "not closed" in problem.message
    assert "pits.kml" in caught.value.message
    assert snapshot(seeded) == before


# --- whole-file failures ----------------------------------------------------------------------------
def truncated_geojson(folder: Path) -> Path:
    path = folder / "cut.geojson"
    path.write_text(
        '{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": '
        '{"name": "A", "status": "closed"}, "geometry": {"type": "Point", "coordinates": [76.9, 43',
        encoding="utf-8",
    )
    return path


def shapefile_without_prj(folder: Path) -> Path:
    import geopandas as gpd
    import pyogrio

    path = folder / "kilns.shp"
    frame = gpd.GeoDataFrame({"name": ["A"], "status": ["closed"]}, geometry=[Point(76.9, 43.2)], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path)
    path.with_suffix(".prj").unlink()
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.geojson"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(("make", "says"), [
    (truncated_geojson, "cut.geojson is damaged or cut short"),
    (shapefile_without_prj, "kilns.shp has no .prj"),
    (empty_file, "empty.geojson is empty (0 bytes)"),
])  # fmt: skip
def test_unreadable_file_is_refused_naming_it(seeded: Store, tmp_path: Path, make, says: str) -> None:
    before = snapshot(seeded)
    with pytest.raises(SourceError) as caught:
        import_file(seeded, make(tmp_path), "brick_factories")
    assert says in caught.value.message
    assert snapshot(seeded) == before


@pytest.mark.parametrize(("field_map", "says"), [
    ({"naam": "name"}, "has no column naam"),
    ({"name": "title"}, "layer brick_factories has no field title"),
])  # fmt: skip
def test_map_field_to_nothing_is_refused(seeded: Store, tmp_path: Path, field_map: dict, says: str) -> None:
    before = snapshot(seeded)
    source = write_csv(tmp_path / "ok.csv", "name,status,lat,lon", GOOD_ROWS)
    with pytest.raises(BaytakError) as caught:
        import_file(seeded, source, "brick_factories", field_map=field_map)
    assert says in caught.value.message
    assert snapshot(seeded) == before


def test_unknown_layer_is_refused(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    with pytest.raises(UnknownLayer, match="no layer named 'kilns'"):
        import_file(seeded, write_csv(tmp_path / "ok.csv", "name,status,lat,lon", GOOD_ROWS), "kilns")
    assert snapshot(seeded) == before


# --- cancel, read-only ------------------------------------------------------------------------------
def test_cancelled_import_raises_cancelled_and_writes_nothing(seeded: Store, tmp_path: Path) -> None:
    before = snapshot(seeded)
    with pytest.raises(Cancelled):
        import_file(
            seeded,
            write_csv(tmp_path / "ok.csv", "name,status,lat,lon", GOOD_ROWS),
            "brick_factories",
            progress=CancelAfter(1),
        )
    assert snapshot(seeded) == before


def test_cancel_in_the_middle_of_writing_rolls_everything_back(seeded: Store, tmp_path: Path) -> None:
    count = 2 * CHUNK + 2_000
    rows = [(f"Kiln {i}", "closed", f"{43 + i / 20000:.5f}", "76.9") for i in range(count)]
    source = write_csv(tmp_path / "many.csv", "name,status,lat,lon", rows)
    before = snapshot(seeded)
    progress = CancelAfter(3)  # reading, validating, first chunk written; cancelled at the second chunk
    with pytest.raises(Cancelled):
        import_file(seeded, source, "brick_factories", progress=progress)
    last = progress.seen[-1][1]
    assert last.template == "Saving features: {done} of {count}", progress.seen  # it was cancelled mid-write
    assert last.params == {"done": CHUNK, "count": count}
    assert snapshot(seeded) == before
    # the R-tree triggers set aside during the bulk write are back: a plain insert is still indexed
    added = seeded.insert("brick_factories", {"name": "After", "status": "closed"}, Point(80.0, 50.0))
    assert [f.uuid for f in seeded.features("brick_factories", bbox=(79.9, 49.9, 80.1, 50.1))] == [added.uuid]


def test_read_only_store_refuses_writes_with_a_baytak_error(seeded: Store, store_path: Path, tmp_path: Path) -> None:
    seeded.close()
    with Store.open(store_path, readonly=True) as readonly:
        before = snapshot(readonly)
        with pytest.raises(ReadOnlyStore, match="cannot be written"):
            readonly.insert("brick_factories", {"name": "X", "status": "closed"}, Point(76.9, 43.2))
        source = write_csv(tmp_path / "ok.csv", "name,status,lat,lon", GOOD_ROWS)
        with pytest.raises(ReadOnlyStore):
            import_file(readonly, source, "brick_factories")
        assert snapshot(readonly) == before


def test_a_required_field_missing_when_every_column_is_used_names_no_empty_list(store: Store, tmp_path: Path) -> None:
    """Every column of the file already goes to a field or the geometry: the refusal says so, in words a
    translation covers, where it listed "Its columns: (none)" (English inside a Kazakh or Russian text)."""
    source = write_csv(tmp_path / "kilns.csv", "name,lat,lon", [("Kiln", "43.2", "76.9")])
    with pytest.raises(FieldMapError) as caught:
        import_file(store, source, "brick_factories")
    assert caught.value.message == (
        "kilns.csv has no column for the required field(s) status of brick_factories, and each of its columns"
        " already goes to another field. Match a column to each instead, or give a value for all rows."
    )
    assert "(none)" not in caught.value.message
