"""write_frame: every format read back through read_source, and the output never left half-written."""

from __future__ import annotations

import csv
import datetime
import json
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Point, Polygon

from baytak_desktop.errors import SourceError
from baytak_desktop.io import writers
from baytak_desktop.io.readers import read_source
from baytak_desktop.io.writers import write_frame

ABAT = Polygon([(77.0, 43.5), (77.1, 43.5), (77.1, 43.6), (77.0, 43.5)])
KARAOY = MultiPolygon([Polygon([(77.2, 43.5), (77.3, 43.5), (77.3, 43.6), (77.2, 43.5)])])


def factories() -> gpd.GeoDataFrame:
    """A point layer the way the store hands it over: text, numbers, a date, a timestamp, a missing value."""
    return gpd.GeoDataFrame(
        {
            "name": ["Нарынқол кірпіш зауыты", "Besagash"],
            "status": ["closed", "operating"],
            "emissions_note": ["дым", None],
            "observed_on": [datetime.date(2024, 5, 1), None],
            "updated_at": pd.to_datetime(["2024-05-01T10:30:00Z", "2024-06-02T08:00:00Z"]),
            "flow_m3_day": [12.5, 0.0],
        },
        geometry=[Point(80.17, 42.72), Point(77.12, 43.36)],
        crs="EPSG:4326",
    )


def quarries() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Abat", "Karaoy"], "legal_status": ["unlicensed", "unknown"]},
        geometry=[ABAT, KARAOY],
        crs="EPSG:4326",
    )


def same_shapes(left: gpd.GeoSeries, right: gpd.GeoSeries) -> bool:
    return all(a.equals_exact(b, tolerance=1e-7) for a, b in zip(left, right, strict=True))


FORMATS = [".geojson", ".json", ".gpkg", ".shp", ".zip", ".kml", ".csv"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_points_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"brick_factories{suffix}"
    write_frame(factories(), path, layer_name="brick_factories")
    frame = read_source(path).frame
    names = frame["Name"] if suffix == ".kml" else frame["name"]  # KML's label field
    assert names.tolist() == ["Нарынқол кірпіш зауыты", "Besagash"]
    assert same_shapes(frame.geometry, factories().geometry)
    assert frame.crs == "EPSG:4326"


@pytest.mark.parametrize("suffix", FORMATS)
def test_polygons_round_trip(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"quarries{suffix}"
    write_frame(quarries(), path, layer_name="quarries")
    data = read_source(path)
    assert data.row_problems == []
    assert data.frame.geometry[0].normalize().equals(ABAT.normalize())
    assert data.frame.geometry[1].equals(KARAOY)  # same area; a shapefile may return a Polygon


def test_shapefile_truncates_long_field_names_writes_dates_as_dates_and_timestamps_as_iso(tmp_path: Path) -> None:
    path = tmp_path / "brick_factories.shp"
    write_frame(factories(), path, layer_name="brick_factories")
    frame = read_source(path).frame
    assert {"emissions_", "observed_o", "updated_at", "flow_m3_da"} <= set(frame.columns)
    assert frame["observed_o"].tolist()[0] == pd.Timestamp("2024-05-01")  # a dBase date (type D)
    info = pyogrio.read_info(path)
    assert dict(zip(info["fields"], info["dtypes"], strict=True))["observed_o"] == "datetime64[D]"
    assert frame["updated_at"].tolist() == ["2024-05-01T10:30:00.000Z", "2024-06-02T08:00:00.000Z"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "brick_factories.cpg", "brick_factories.dbf", "brick_factories.prj", "brick_factories.shp",
        "brick_factories.shx",
    ]  # fmt: skip


def test_zipped_shapefile_members_are_named_after_the_layer(tmp_path: Path) -> None:
    path = tmp_path / "export 2024.zip"
    write_frame(quarries(), path, layer_name="quarries")
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == [
            "quarries.cpg", "quarries.dbf", "quarries.prj", "quarries.shp", "quarries.shx",
        ]  # fmt: skip
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export 2024.zip"]  # temp folder removed


def test_geojson_is_rfc7946_in_wgs84(tmp_path: Path) -> None:
    mercator = factories().to_crs("EPSG:3857")
    path = tmp_path / "factories.geojson"
    write_frame(mercator, path, layer_name="brick_factories")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in document  # RFC 7946: WGS 84 is implied
    assert document["name"] == "brick_factories"
    lon, lat = document["features"][0]["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx((80.17, 42.72), abs=1e-7)


def test_geopackage_layer_name_and_types(tmp_path: Path) -> None:
    path = tmp_path / "export.gpkg"
    write_frame(factories(), path, layer_name="brick_factories")
    assert pyogrio.list_layers(path).tolist() == [["brick_factories", "Point"]]
    frame = read_source(path).frame
    assert frame["flow_m3_day"].tolist() == [12.5, 0.0]
    assert frame["updated_at"][0] == pd.Timestamp("2024-05-01T10:30:00Z")


def test_kml_folder_is_the_layer(tmp_path: Path) -> None:
    path = tmp_path / "factories.kml"
    write_frame(factories(), path, layer_name="brick_factories")
    frame = read_source(path).frame
    assert frame["folder"].tolist() == ["brick_factories", "brick_factories"]
    assert frame["observed_on"][0] == "2024-05-01"
    assert not frame.geometry[0].has_z


def test_csv_has_lat_lon_and_wkt_for_points(tmp_path: Path) -> None:
    path = tmp_path / "factories.csv"
    write_frame(factories(), path, layer_name="brick_factories")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads Cyrillic right
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "name", "status", "emissions_note", "observed_on", "updated_at", "flow_m3_day", "lat", "lon", "wkt",
    ]  # fmt: skip
    assert rows[0]["lat"] == "42.72" and rows[0]["lon"] == "80.17"
    assert rows[0]["wkt"] == "POINT (80.17 42.72)"
    assert rows[0]["observed_on"] == "2024-05-01" and rows[1]["observed_on"] == ""
    assert rows[0]["updated_at"] == "2024-05-01T10:30:00.000Z"  # as the store writes timestamps


def test_csv_of_polygons_has_wkt_only(tmp_path: Path) -> None:
    path = tmp_path / "quarries.csv"
    write_frame(quarries(), path, layer_name="quarries")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header == ["name", "legal_status", "wkt"]


def test_frame_in_utm_is_written_in_wgs84(tmp_path: Path) -> None:
    frame = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(500000, 4800000)], crs="EPSG:32643")
    write_frame(frame, tmp_path / "utm.gpkg", layer_name="points")
    lon, lat = Transformer.from_crs(32643, 4326, always_xy=True).transform(500000, 4800000)
    written = pyogrio.read_dataframe(tmp_path / "utm.gpkg")
    assert written.crs == "EPSG:4326"
    assert (written.geometry[0].x, written.geometry[0].y) == pytest.approx((lon, lat))


def test_null_geometry_and_empty_frame(tmp_path: Path) -> None:
    frame = factories()
    frame.loc[1, "geometry"] = None
    write_frame(frame, tmp_path / "some.gpkg", layer_name="brick_factories")
    assert read_source(tmp_path / "some.gpkg").frame.geometry.isna().tolist() == [False, True]
    empty = factories().iloc[0:0]
    write_frame(empty, tmp_path / "none.geojson", layer_name="brick_factories")
    assert json.loads((tmp_path / "none.geojson").read_text())["features"] == []


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".shp", ".csv", ".kml", ".zip"])
def test_existing_output_is_overwritten(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write_frame(factories(), path, layer_name="brick_factories")
    write_frame(factories().iloc[:1], path, layer_name="brick_factories")
    assert len(read_source(path).frame) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_shapefile_overwrite_removes_stale_sidecars(tmp_path: Path) -> None:
    path = tmp_path / "out.shp"
    write_frame(factories(), path, layer_name="x")
    (tmp_path / "out.qix").write_bytes(b"old spatial index")
    write_frame(factories(), path, layer_name="x")
    assert not (tmp_path / "out.qix").exists()


def test_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        write_frame(factories(), tmp_path / "out.dwg", layer_name="x")
    assert str(caught.value) == (
        "out.dwg: baytak cannot write '.dwg' files. Supported: .geojson, .json, .gpkg, .shp, .zip, .kml, .csv"
    )


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match=r"out.gpkg cannot be written: the folder .*nowhere does not exist"):
        write_frame(factories(), tmp_path / "nowhere" / "out.gpkg", layer_name="x")


def test_failed_shapefile_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "sites.shp"
    write_frame(factories(), path, layer_name="sites")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    mixed = pd.concat([factories(), quarries()], ignore_index=True)  # points and polygons: no shapefile can
    with pytest.raises(SourceError, match=r"^sites.shp cannot be written: .*non-point"):
        write_frame(gpd.GeoDataFrame(mixed, crs="EPSG:4326"), path, layer_name="sites")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


@pytest.mark.parametrize("suffix", [".geojson", ".gpkg", ".kml"])
def test_crash_mid_write_leaves_the_old_output(tmp_path: Path, suffix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / f"sites{suffix}"
    write_frame(factories(), path, layer_name="sites")
    before = path.read_bytes()

    def write_half_then_fail(temp: str, **options: object) -> None:
        Path(temp).write_text("{half a file")
        raise OSError("No space left on device")

    monkeypatch.setattr(writers.pyogrio.raw, "write", write_half_then_fail)
    with pytest.raises(
        SourceError, match=rf"^sites{suffix} cannot be written: the disk is full\..*\(OS: No space left on device\)$"
    ):
        write_frame(factories(), path, layer_name="sites")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
