"""read_source on real files built in tmp_path: each format, and the bad files people actually send."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from pyproj import Transformer
from shapely.geometry import LineString, Point, Polygon

from baytak_desktop.errors import SourceError
from baytak_desktop.io import archives
from baytak_desktop.io.readers import SourceData, read_source

KONAEV = Point(77.07, 43.87)
SORBULAK = Point(76.98, 43.66)


def feature(geometry: dict, **properties: object) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write_geojson(path: Path, features: list[dict]) -> Path:
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path


def write_shapefile(folder: Path, name: str = "roads", crs: str | None = "EPSG:4326") -> Path:
    frame = gpd.GeoDataFrame(
        {"name": ["Алматы – Қонаев", "Abat road"]},
        geometry=[LineString([(76.9, 43.25), (77.07, 43.87)]), LineString([(77.0, 43.5), (77.1, 43.6)])],
        crs=crs,
    )
    path = folder / f"{name}.shp"
    pyogrio.write_dataframe(frame, path)
    return path


def read_problems(data: SourceData) -> list[str]:
    return [str(problem) for problem in data.row_problems]


# --- GeoJSON ---------------------------------------------------------------------------------------


def test_geojson_rows_in_source_order(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "sites.geojson",
        [
            feature({"type": "Point", "coordinates": [77.07, 43.87]}, name="Konaev", flow=12.5),
            feature({"type": "Point", "coordinates": [76.98, 43.66, 620.0]}, name="Sorbulak", flow=None),
            feature(None, name="No position"),  # type: ignore[arg-type]
        ],
    )
    data = read_source(path)
    assert (data.kind, data.source_name) == ("GeoJSON", "sites.geojson")
    assert data.frame.crs == "EPSG:4326"
    assert data.frame.geometry.name == "geometry"
    assert data.frame["name"].tolist() == ["Konaev", "Sorbulak", "No position"]
    assert data.frame.geometry[0].equals(KONAEV)
    assert not data.frame.geometry[1].has_z  # the layers store 2D positions: the height is dropped, and said
    assert [note.message for note in data.notes] == [
        "sites.geojson: the heights (Z values) of 1 features were dropped: the layers store positions only"
    ]
    assert data.frame.geometry[2] is None
    assert data.row_problems == []  # no geometry in the source is not a reading problem


def test_geojson_outside_lon_lat_is_a_row_problem(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "odd.geojson",
        [
            feature({"type": "Point", "coordinates": [77.07, 43.87]}, name="ok"),
            feature({"type": "Point", "coordinates": [190.0, 43.0]}, name="east of the date line"),
        ],
    )
    data = read_source(path)
    assert len(data.frame) == 2 and data.frame.geometry[1] is None
    assert read_problems(data) == [
        (
            "row 2, field geometry: the coordinates fall outside longitude -180..180 / latitude -90..90"
            " (x 190..190, y 43..43)"
        )
    ]


def test_invalid_geometry_is_passed_through(tmp_path: Path) -> None:
    bowtie = [[[77.0, 43.0], [77.1, 43.1], [77.1, 43.0], [77.0, 43.1], [77.0, 43.0]]]
    path = write_geojson(tmp_path / "bowtie.geojson", [feature({"type": "Polygon", "coordinates": bowtie})])
    data = read_source(path)
    assert data.frame.geometry[0].geom_type == "Polygon"
    assert not data.frame.geometry[0].is_valid  # the layer validation rejects it, not the reader
    assert data.row_problems == []


def test_reprojects_from_web_mercator(tmp_path: Path) -> None:
    x, y = Transformer.from_crs(4326, 3857, always_xy=True).transform(77.07, 43.87)
    frame = gpd.GeoDataFrame({"name": ["Konaev"]}, geometry=[Point(x, y)], crs="EPSG:3857")
    path = tmp_path / "mercator.geojson"
    pyogrio.write_dataframe(frame, path, driver="GeoJSON")
    assert '"crs"' in path.read_text()  # a legacy GeoJSON with a crs member, as QGIS writes them
    data = read_source(path)
    assert data.frame.crs == "EPSG:4326"
    assert data.frame.geometry[0].x == pytest.approx(77.07, abs=1e-9)
    assert data.frame.geometry[0].y == pytest.approx(43.87, abs=1e-9)


# --- GeoPackage ------------------------------------------------------------------------------------


def test_geopackage_in_utm_43n_is_reprojected(tmp_path: Path) -> None:
    """UTM 43N's central meridian is 75°E: (500000, 4800000) lies on it, at the latitude pyproj gives."""
    frame = gpd.GeoDataFrame({"name": ["on the meridian"]}, geometry=[Point(500000, 4800000)], crs="EPSG:32643")
    path = tmp_path / "utm.gpkg"
    pyogrio.write_dataframe(frame, path, layer="points")
    lon, lat = Transformer.from_crs(32643, 4326, always_xy=True).transform(500000, 4800000)
    point = read_source(path).frame.geometry[0]
    assert point.x == pytest.approx(75.0, abs=1e-9) and lon == pytest.approx(75.0, abs=1e-9)
    assert point.y == pytest.approx(lat, abs=1e-9)
    assert 43.3 < point.y < 43.4


def make_two_layer_gpkg(path: Path) -> Path:
    sites = gpd.GeoDataFrame({"name": ["Konaev"]}, geometry=[KONAEV], crs=4326)
    areas = gpd.GeoDataFrame({"name": ["Abat"]}, geometry=[Polygon([(77, 43.5), (77.1, 43.5), (77.1, 43.6)])], crs=4326)
    pyogrio.write_dataframe(sites, path, layer="sites")
    pyogrio.write_dataframe(areas, path, layer="areas")
    pyogrio.write_dataframe(pd.DataFrame({"note": ["not spatial"]}), path, layer="notes")
    return path


def test_geopackage_with_several_layers_asks_which(tmp_path: Path) -> None:
    path = make_two_layer_gpkg(tmp_path / "project.gpkg")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == "project.gpkg has several layers: sites, areas. Choose one"


def test_geopackage_layer_is_chosen_by_name(tmp_path: Path) -> None:
    path = make_two_layer_gpkg(tmp_path / "project.gpkg")
    data = read_source(path, layer="areas")
    assert data.kind == "GeoPackage"
    assert data.frame["name"].tolist() == ["Abat"]
    assert data.frame.geometry[0].geom_type == "Polygon"


def test_geopackage_unknown_layer(tmp_path: Path) -> None:
    path = make_two_layer_gpkg(tmp_path / "project.gpkg")
    with pytest.raises(SourceError, match=r"project.gpkg has no layer named 'roads'\. Layers: sites, areas, notes"):
        read_source(path, layer="roads")


def test_geopackage_single_spatial_layer_needs_no_choice(tmp_path: Path) -> None:
    path = tmp_path / "one.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"name": ["a"]}, geometry=[KONAEV], crs=4326), path, layer="sites")
    pyogrio.write_dataframe(pd.DataFrame({"note": ["x"]}), path, layer="notes")
    assert read_source(path).frame["name"].tolist() == ["a"]


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_no_crs_and_projected_coordinates_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "mystery.gpkg"
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(500000, 4800000)])
    pyogrio.write_dataframe(frame, path, layer="sites")
    with pytest.raises(SourceError, match=r"mystery\.gpkg has no coordinate system and its coordinates are not"):
        read_source(path)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_no_crs_but_lon_lat_coordinates_is_taken_as_wgs84(tmp_path: Path) -> None:
    path = tmp_path / "plain.gpkg"
    pyogrio.write_dataframe(gpd.GeoDataFrame({"name": ["a"]}, geometry=[KONAEV]), path, layer="sites")
    data = read_source(path)
    assert data.frame.crs == "EPSG:4326" and data.frame.geometry[0].equals(KONAEV)


# --- Shapefile -------------------------------------------------------------------------------------


def test_shapefile(tmp_path: Path) -> None:
    data = read_source(write_shapefile(tmp_path))
    assert data.kind == "Shapefile"
    assert data.frame["name"].tolist() == ["Алматы – Қонаев", "Abat road"]
    assert data.frame.geometry[0].coords[-1] == (77.07, 43.87)


def test_shapefile_without_prj(tmp_path: Path) -> None:
    write_shapefile(tmp_path).with_suffix(".prj").unlink()
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "roads.shp")
    assert str(caught.value) == (
        "The file roads.shp has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)"
    )


def test_shapefile_in_utm_is_reprojected(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(500000, 4800000)], crs="EPSG:32643")
    pyogrio.write_dataframe(frame, tmp_path / "utm.shp")
    assert read_source(tmp_path / "utm.shp").frame.geometry[0].x == pytest.approx(75.0)


def zip_folder(zip_path: Path, folder: Path, prefix: str = "") -> Path:
    with zipfile.ZipFile(zip_path, "w") as archive:
        for part in sorted(folder.iterdir()):
            archive.write(part, prefix + part.name)
    return zip_path


def test_zipped_shapefile_is_read_in_place(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_shapefile(tmp_path / "src")
    path = zip_folder(tmp_path / "roads.zip", tmp_path / "src", prefix="export/")
    data = read_source(path)
    assert data.kind == "Shapefile" and data.source_name == "roads.zip"
    assert data.frame["name"].tolist() == ["Алматы – Қонаев", "Abat road"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roads.zip", "src"]  # nothing extracted


def test_zip_with_two_shapefiles(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_shapefile(tmp_path / "src", "roads")
    write_shapefile(tmp_path / "src", "rivers")
    path = zip_folder(tmp_path / "both.zip", tmp_path / "src")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == (
        "both.zip contains several tables: rivers.shp, roads.shp. Choose one, or import them one at a time"
    )
    assert len(read_source(path, layer="rivers").frame) == 2


def test_zipped_shapefile_without_prj(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    write_shapefile(tmp_path / "src").with_suffix(".prj").unlink()
    path = zip_folder(tmp_path / "roads.zip", tmp_path / "src")
    with pytest.raises(SourceError, match=r"The file roads.shp \(in roads.zip\) has no .prj"):
        read_source(path)


def test_zip_without_shapefile(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    with pytest.raises(SourceError, match=r"photos.zip contains no shapefile \(.shp\) or MapInfo table \(.tab\)"):
        read_source(path)


@pytest.mark.parametrize("member", ["../../etc/roads.shp", "/etc/roads.shp", "C:/roads.shp", "a/../../roads.prj"])
def test_zip_with_path_traversal_is_refused(tmp_path: Path, member: str) -> None:
    path = tmp_path / "evil.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(member, b"x")
    with pytest.raises(SourceError, match=r"evil.zip contains a member with an unsafe name"):
        read_source(path)


def test_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real limit is 2 GB; lowered here so the bomb is small, the check is the same."""
    monkeypatch.setattr(archives, "MAX_SOURCE_BYTES", 1_000_000)
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("roads.shp", bytes(2_000_000))
    assert path.stat().st_size < 10_000
    with pytest.raises(SourceError, match=r"bomb.zip would unpack to 0.0 GB, over the 2 GB limit"):
        read_source(path)


def test_broken_zip(tmp_path: Path) -> None:
    path = tmp_path / "roads.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(SourceError, match=r"roads\.zip is damaged or cut short"):
        read_source(path)


# --- KML -------------------------------------------------------------------------------------------

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Survey</name>
<Placemark><name>Loose point</name><Point><coordinates>76.9,43.2</coordinates></Point></Placemark>
<Folder><name>Quarries</name>
  <Placemark><name>Abat</name><description>illegal</description><Polygon><outerBoundaryIs><LinearRing>
    <coordinates>77.0,43.5 77.1,43.5 77.1,43.6 77.0,43.5</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
  <Placemark><name>Karaoy</name><Polygon><outerBoundaryIs><LinearRing>
    <coordinates>77.2,43.5 77.3,43.5 77.3,43.6</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Folder>
<Folder><name>Brick factories</name>
  <Placemark><name>Narynkol</name><Point><coordinates>80.17,42.72,1800</coordinates></Point></Placemark>
</Folder>
</Document></kml>
"""


def test_kml_concatenates_every_folder(tmp_path: Path) -> None:
    path = tmp_path / "survey.kml"
    path.write_text(KML, encoding="utf-8")
    data = read_source(path)
    frame = data.frame
    assert data.kind == "KML"
    assert frame["folder"].tolist() == ["Survey", "Quarries", "Quarries", "Brick factories"]
    assert frame["Name"].tolist() == ["Loose point", "Abat", "Karaoy", "Narynkol"]
    assert frame.geometry[1].geom_type == "Polygon"
    assert not frame.geometry[3].has_z and any("heights (Z values)" in note.message for note in data.notes)


def test_kml_unclosed_polygon_is_a_row_problem(tmp_path: Path) -> None:
    path = tmp_path / "survey.kml"
    path.write_text(KML, encoding="utf-8")
    data = read_source(path)
    assert data.frame.geometry[2] is None and data.frame["Name"][2] == "Karaoy"  # kept, to be reported
    assert read_problems(data) == [
        (
            "row 3, field geometry: the polygon ring is not closed: its last point must repeat its first."
            " Close the ring in the source file and import it again"
        )
    ]


def test_kml_folder_can_be_chosen(tmp_path: Path) -> None:
    path = tmp_path / "survey.kml"
    path.write_text(KML, encoding="utf-8")
    assert read_source(path, layer="Brick factories").frame["Name"].tolist() == ["Narynkol"]


def test_kml_ring_with_too_few_points(tmp_path: Path) -> None:
    path = tmp_path / "thin.kml"
    ring = "77.0,43.5 77.1,43.5 77.0,43.5"
    path.write_text(KML.replace("77.0,43.5 77.1,43.5 77.1,43.6 77.0,43.5", ring), encoding="utf-8")
    problems = read_problems(read_source(path))
    assert problems[0] == (
        "row 2, field geometry: a polygon ring has 3 points; it needs at least 4"
        " (three corners and the first point repeated at the end)"
    )


# --- GPX -------------------------------------------------------------------------------------------

GPX = """<?xml version="1.0" encoding="UTF-8"?>
<gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
<wpt lat="43.87" lon="77.07"><ele>480</ele><name>Konaev</name></wpt>
<wpt lat="43.66" lon="76.98"><name>Sorbulak</name></wpt>
<rte><name>To Abat</name><rtept lat="43.25" lon="76.9"/><rtept lat="43.5" lon="77.0"/></rte>
<trk><name>Shore walk</name><trkseg><trkpt lat="43.3" lon="76.3"/><trkpt lat="43.4" lon="76.4"/></trkseg></trk>
</gpx>
"""


def test_gpx_waypoints_then_tracks_then_routes(tmp_path: Path) -> None:
    path = tmp_path / "walk.gpx"
    path.write_text(GPX, encoding="utf-8")
    data = read_source(path)
    frame = data.frame
    assert data.kind == "GPX"
    assert frame["gpx_layer"].tolist() == ["waypoints", "waypoints", "tracks", "routes"]
    assert frame["name"].tolist() == ["Konaev", "Sorbulak", "Shore walk", "To Abat"]
    assert frame.geom_type.tolist() == ["Point", "Point", "MultiLineString", "LineString"]
    assert frame.geometry[0].equals(KONAEV)
    assert frame["ele"][0] == 480


# --- CSV -------------------------------------------------------------------------------------------


def write_text(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_csv_with_decimal_and_dms_values(tmp_path: Path) -> None:
    path = write_text(
        tmp_path / "sites.csv",
        'name,Latitude,Longitude,flow\nKonaev,43.87,77.07,12\nSorbulak,"43°39\'36""N",76°58\'48"E,0012\n',
    )
    data = read_source(path)
    assert data.kind == "CSV" and data.row_problems == []
    assert data.frame.geometry[0].equals(KONAEV)
    assert data.frame.geometry[1].x == pytest.approx(76.98) and data.frame.geometry[1].y == pytest.approx(43.66)
    assert data.frame["flow"].tolist() == ["12", "0012"]  # text as written: no guessing by GDAL
    assert data.frame.crs == "EPSG:4326"


def test_csv_semicolon_with_decimal_commas_and_bom(tmp_path: Path) -> None:
    text = "название;широта;долгота\nҚонаев;43,87;77,07\n"
    data = read_source(write_text(tmp_path / "excel.csv", text, "utf-8-sig"))
    assert data.frame.columns.tolist() == ["название", "широта", "долгота", "geometry"]
    assert data.frame.geometry[0].equals(KONAEV)


def test_tab_separated_txt_with_kazakh_headers(tmp_path: Path) -> None:
    text = "атауы\tендік\tбойлық\nҚонаев\t43 52 12 N\t77 04 12 E\n"
    data = read_source(write_text(tmp_path / "points.txt", text))
    assert data.frame.geometry[0].y == pytest.approx(43.87)
    assert data.frame.geometry[0].x == pytest.approx(77.07)


def test_csv_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    data = read_source(write_text(tmp_path / "u16.txt", "name\tlat\tlon\nA\t43.87\t77.07\n", "utf-16"))
    assert data.frame.geometry[0].equals(KONAEV)


def test_csv_bad_cells_are_row_problems(tmp_path: Path) -> None:
    text = (
        "name,latitude,longitude\nA,43.87,77.07\nB,43.66,76.98\nC,abc,77\nD,43,\nE,43.5,76.5E\nF,43.5,76.5\nG,95,77\n"
    )
    data = read_source(write_text(tmp_path / "sites.csv", text))
    assert len(data.frame) == 7  # every row kept, in order
    assert data.frame["name"].tolist() == list("ABCDEFG")
    assert data.frame.geometry.isna().tolist() == [False, False, True, True, False, False, True]
    assert read_problems(data) == [
        (
            'row 3, field latitude: "abc" is not a coordinate: write decimal degrees (43.87)'
            " or degrees, minutes, seconds (43°52'12\"N)"
        ),
        "row 4, field longitude: the cell is empty; a coordinate is needed",
        "row 7, field latitude: 95 is outside -90..90",
    ]
    assert data.row_problems[0].params == {"value": "abc"}


def test_csv_chosen_columns(tmp_path: Path) -> None:
    text = "site,N,E,y\nKonaev,43.87,77.07,1\n"
    data = read_source(write_text(tmp_path / "odd.csv", text), lat_column="n", lon_column="E")
    assert data.frame.geometry[0].equals(KONAEV)


def test_csv_chosen_column_missing(tmp_path: Path) -> None:
    path = write_text(tmp_path / "odd.csv", "site,N,E\nKonaev,43.87,77.07\n")
    with pytest.raises(SourceError, match=r"odd.csv has no column 'lat'. Columns: site, N, E"):
        read_source(path, lat_column="lat", lon_column="E")


def test_csv_without_coordinate_columns(tmp_path: Path) -> None:
    path = write_text(tmp_path / "names.csv", "name,notes\nA,b\n")
    with pytest.raises(SourceError, match=r"names.csv has no latitude and longitude columns\..*Columns: name, notes"):
        read_source(path)


def test_csv_with_only_latitude(tmp_path: Path) -> None:
    path = write_text(tmp_path / "half.csv", "name,lat\nA,43\n")
    with pytest.raises(SourceError, match=r"half.csv has a latitude column \(lat\) but no longitude column"):
        read_source(path)


def test_csv_unquoted_decimal_commas(tmp_path: Path) -> None:
    path = write_text(tmp_path / "commas.csv", "name,lat,lon\nA,43,87,77,07\n")
    with pytest.raises(SourceError, match=r"commas.csv line 2 has 5 values but the header has 3 columns"):
        read_source(path)


def test_csv_from_russian_excel_is_read_as_cp1251(tmp_path: Path) -> None:
    path = write_text(tmp_path / "cp1251.csv", "название;lat;lon\nКирпичный завод;43,87;77,07\n", "cp1251")
    data = read_source(path)
    assert data.frame["название"].tolist() == ["Кирпичный завод"]
    assert (data.encoding.label, data.encoding.how) == ("CP1251", "detected")


def test_csv_with_wkt_column_for_polygons(tmp_path: Path) -> None:
    text = 'name,wkt\nAbat,"POLYGON ((77 43.5, 77.1 43.5, 77.1 43.6, 77 43.5))"\nBad,"POLYGON ((77 43"\n'
    data = read_source(write_text(tmp_path / "areas.csv", text))
    assert data.frame.geometry[0].geom_type == "Polygon"
    assert data.frame.geometry[1] is None
    assert read_problems(data)[0].startswith('row 2, field wkt: "POLYGON ((77 43" is not a WKT geometry')


def test_csv_blank_lines_and_short_rows(tmp_path: Path) -> None:
    text = "name,lat,lon,notes\n\nA,43.87,77.07\n\n"
    data = read_source(write_text(tmp_path / "gaps.csv", text))
    assert len(data.frame) == 1 and data.frame["notes"][0] == ""


# --- bad files -------------------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"^roads.geojson was not found in "):
        read_source(tmp_path / "roads.geojson")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "roads.geojson").touch()
    with pytest.raises(SourceError) as caught:
        read_source(tmp_path / "roads.geojson")
    assert str(caught.value) == "roads.geojson is empty (0 bytes)"


def test_truncated_geojson(tmp_path: Path) -> None:
    full = json.dumps(
        {"type": "FeatureCollection", "features": [feature({"type": "Point", "coordinates": [77.07, 43.87]})]}
    )
    path = tmp_path / "roads.geojson"
    path.write_text(full[: len(full) // 2 + 10])
    with pytest.raises(SourceError) as caught:
        read_source(path)
    message = str(caught.value)
    assert message.startswith("roads.geojson ")
    assert "\n" not in message and str(tmp_path) not in message


def test_not_geojson_content(tmp_path: Path) -> None:
    path = write_text(tmp_path / "roads.geojson", "<html>404 Not Found</html>")
    with pytest.raises(SourceError, match=r"^roads.geojson is not a valid GeoJSON file: its content is not recognised"):
        read_source(path)


def test_damaged_geopackage(tmp_path: Path) -> None:
    path = write_text(tmp_path / "store.gpkg", "SQLite format 3\x00 but then garbage")
    with pytest.raises(SourceError, match=r"^store.gpkg "):
        read_source(path)


def test_unknown_extension(tmp_path: Path) -> None:
    path = write_text(tmp_path / "map.dwg", "x")
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert str(caught.value) == (
        "map.dwg is not a format baytak can import. Supported:"
        " .geojson, .json, .gpkg, .shp, .dbf, .zip, .kml, .kmz, .gpx, .csv, .txt, .tab, .mif, .gml, .fgb, .xlsx, .ods"
    )


def test_folder_instead_of_file(tmp_path: Path) -> None:
    (tmp_path / "export.gpkg").mkdir()
    with pytest.raises(SourceError, match=r"export\.gpkg is a folder"):
        read_source(tmp_path / "export.gpkg")


def test_file_over_2_gb(tmp_path: Path) -> None:
    path = tmp_path / "huge.geojson"
    with path.open("wb") as handle:
        handle.truncate(2 * 1024**3 + 1)  # sparse: no disk space used
    with pytest.raises(SourceError, match=r"huge.geojson is 2.0 GB: files over 2 GB cannot be imported"):
        read_source(path)


def test_kmz_is_read_without_extracting(tmp_path: Path) -> None:
    path = tmp_path / "survey.kmz"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("doc.kml", KML)
    data = read_source(path)
    assert data.kind == "KML"
    assert data.frame["Name"].tolist() == ["Loose point", "Abat", "Karaoy", "Narynkol"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["survey.kmz"]


def test_absurd_coordinates_are_row_problems(tmp_path: Path) -> None:
    path = write_geojson(
        tmp_path / "absurd.geojson",
        [
            feature({"type": "Point", "coordinates": [1e300, -1e300]}),
            feature({"type": "LineString", "coordinates": [[77.0, 43.0], [77.0, 95.0]]}),
        ],
    )
    data = read_source(path)
    assert data.frame.geometry.isna().tolist() == [True, True]
    assert [(p.row, p.field) for p in data.row_problems] == [(1, "geometry"), (2, "geometry")]
    assert "(x 1e+300..1e+300, y -1e+300..-1e+300)" in str(data.row_problems[0])
