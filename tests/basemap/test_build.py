"""Building a basemap from a real OSM extract: what it keeps, how it ranks, that GDAL reads it back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyogrio
import pytest
import shapely

from baytak_desktop.basemap import osm_classes
from baytak_desktop.basemap.build import LOW_SUFFIX, build_basemap, default_output
from baytak_desktop.errors import SourceError
from baytak_desktop.jobs import CancelAfter, Cancelled

from .conftest import HELSINKI, KOUVOLA

TABLES = {t.name for t in osm_classes.TABLES}


def test_every_table_is_a_gdal_readable_layer_with_an_rtree(helsinki_basemap: Path) -> None:
    layers = {name for name, _ in pyogrio.list_layers(helsinki_basemap)}
    low = {t.name + LOW_SUFFIX for t in osm_classes.TABLES if t.generalised}
    assert TABLES | low | {"baytak_basemap_info"} == layers
    for name in TABLES | low:
        info = pyogrio.read_info(helsinki_basemap, layer=name)
        assert info["crs"] == "EPSG:4326"
        assert info["capabilities"]["fast_spatial_filter"], name  # GDAL sees the R-tree
    conn = sqlite3.connect(helsinki_basemap)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for name in TABLES:
        rows = conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        indexed = conn.execute(f"SELECT count(*) FROM rtree_{name}_geom").fetchone()[0]
        assert rows == indexed, name
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # a single file, fine on a USB stick


def test_roads_railways_water_and_buildings_are_classed(helsinki_basemap: Path) -> None:
    roads = pyogrio.read_dataframe(helsinki_basemap, layer="osm_roads")
    assert {"primary", "secondary", "minor", "path", "service"} <= set(roads["class"])
    assert set(roads["class"]) <= set(osm_classes.ROAD_CLASSES)
    assert (roads["max_scale"] == roads["class"].map(osm_classes.ROAD_MAX_SCALE)).all()
    assert roads.geometry.geom_type.eq("LineString").all()
    railways = pyogrio.read_dataframe(helsinki_basemap, layer="osm_railways")
    assert {"rail", "tram"} <= set(railways["class"])
    water = pyogrio.read_dataframe(helsinki_basemap, layer="osm_water")
    assert len(water) and water.geometry.geom_type.eq("MultiPolygon").all()
    buildings = pyogrio.read_dataframe(helsinki_basemap, layer="osm_buildings")
    assert len(buildings) > 400
    assert (buildings["max_scale"] <= osm_classes.BUILDING_MAX_SCALE).all()
    landcover = pyogrio.read_dataframe(helsinki_basemap, layer="osm_landcover")
    assert {"grass", "scrub", "park"} <= set(landcover["class"])
    assert landcover["osm_id"].str.match(r"^(way|relation)/\d+$").all()


def test_places_keep_their_kazakh_and_russian_names(helsinki_basemap: Path) -> None:
    places = pyogrio.read_dataframe(helsinki_basemap, layer="osm_places")
    city = places[places["class"] == "city"].iloc[0]
    assert city["name"] == "Helsinki" and city["name_kk"] == "Хельсинки" and city["name_ru"] == "Хельсинки"
    assert city["population"] > 500_000 and city["osm_id"].startswith("node/")
    assert city["max_scale"] == osm_classes.PLACE_MAX_SCALE["city"]
    names = {"name": "Helsinki", "name_kk": None, "name_ru": "Хельсинки"}
    assert osm_classes.local_name(names, "kk") == "Хельсинки"  # no name:kk: name:ru before name
    assert osm_classes.local_name(names, "en") == "Helsinki"
    assert osm_classes.local_name({"name": "Otegen Batyr"}, "kk") == "Otegen Batyr"


def test_the_generalised_tables_hold_only_small_scale_features_with_fewer_vertices(helsinki_basemap: Path) -> None:
    roads = pyogrio.read_dataframe(helsinki_basemap, layer="osm_roads")
    low = pyogrio.read_dataframe(helsinki_basemap, layer="osm_roads_low")
    kept = roads[roads["max_scale"] >= osm_classes.LOW_DETAIL_FROM]
    assert len(low) == len(kept) and (low["max_scale"] >= osm_classes.LOW_DETAIL_FROM).all()
    assert (
        shapely.get_num_coordinates(low.geometry.values).sum() < shapely.get_num_coordinates(kept.geometry.values).sum()
    )
    assert set(low["osm_id"]) == set(kept["osm_id"])


def test_polygons_are_ranked_by_area() -> None:
    ranks = osm_classes.area_max_scale(pytest.importorskip("numpy").array([1e6, 1e4, 400.0]))
    assert list(ranks) == [892_857, 89_285, 17_857]  # a 1 km² lake, a pond, a house


def test_bbox_keeps_only_what_meets_it(tmp_path: Path) -> None:
    west, south, east, north = 24.94, 60.165, 24.945, 60.17
    result = build_basemap(HELSINKI, tmp_path / "part.gpkg", bbox=(west, south, east, north))
    full = build_basemap(HELSINKI, tmp_path / "full.gpkg")
    assert 0 < result.counts["osm_roads"] < full.counts["osm_roads"]
    roads = pyogrio.read_dataframe(result.path, layer="osm_roads")
    assert roads.geometry.intersects(shapely.box(west, south, east, north)).all()


def test_provenance_is_recorded_in_the_basemap(helsinki_basemap: Path) -> None:
    info = dict(sqlite3.connect(helsinki_basemap).execute("SELECT key, value FROM baytak_basemap_info"))
    assert info["source"] == "Helsinki.osm.pbf"
    assert info["source_sha256"] == "b73e9c2c82054d654209b0127f1c3287d5900d6780a6083bf3a45ead8ba3e5ee"
    assert "OpenStreetMap" in info["attribution"]


def test_progress_rises_and_cancel_leaves_the_previous_basemap_untouched(tmp_path: Path) -> None:
    out = tmp_path / "kouvola.basemap.gpkg"
    first = build_basemap(KOUVOLA, out)
    before = out.read_bytes()
    seen = CancelAfter(10**9)
    build_basemap(KOUVOLA, tmp_path / "again.gpkg", progress=seen)
    fractions = [f for f, _ in seen.seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) >= 5
    with pytest.raises(Cancelled):
        build_basemap(HELSINKI, out, progress=CancelAfter(4))
    assert out.read_bytes() == before and first.counts["osm_roads"] > 0
    assert not list(tmp_path.glob("*.part"))


def test_bad_input_is_refused_with_a_message(tmp_path: Path, store_path: Path) -> None:
    with pytest.raises(SourceError, match="does not exist"):
        build_basemap(tmp_path / "missing.osm.pbf", tmp_path / "x.gpkg")
    fake = tmp_path / "broken.osm.pbf"
    fake.write_bytes(b"this is not a protocol buffer" * 10)
    with pytest.raises(SourceError, match=r"is not an OpenStreetMap extract: choose a \.osm\.pbf file") as refused:
        build_basemap(fake, tmp_path / "x.gpkg")
    assert "not recognized" not in refused.value.message  # GDAL's English, said in our words
    with pytest.raises(SourceError, match="not a basemap built by baytak"):
        build_basemap(KOUVOLA, store_path)  # never over a store or another GeoPackage
    assert not (tmp_path / "x.gpkg").exists()


def test_default_output_sits_beside_the_store() -> None:
    assert default_output(Path("/data/field.gpkg"), Path("/dl/kazakhstan-latest.osm.pbf")) == Path(
        "/data/kazakhstan-latest.basemap.gpkg"
    )
