"""What a view of an OSM basemap reads at each scale band (the data the painter draws)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyogrio
import shapely

from baytak_desktop.basemap import osm_classes
from baytak_desktop.basemap.osm_view import read_features, read_rows, tables_for

CENTRE = (24.935, 60.164, 24.955, 60.18)  # central Helsinki, the whole extract


def test_field_scale_reads_the_detailed_tables_with_buildings(helsinki_basemap: Path) -> None:
    view = read_features(helsinki_basemap, CENTRE, 5_000, "kk")
    buildings = pyogrio.read_dataframe(helsinki_basemap, layer="osm_buildings")
    assert len(view["osm_buildings"]) == int((buildings["max_scale"] >= 5_000).sum()) > 400  # not the tiniest sheds
    roads = pyogrio.read_dataframe(helsinki_basemap, layer="osm_roads")
    assert len(view["osm_roads"]) == int((roads["max_scale"] >= 5_000).sum())
    assert "path" in set(view["osm_roads"].classes)


def test_a_small_scale_reads_only_what_shows_there_from_the_generalised_tables(helsinki_basemap: Path) -> None:
    assert ("osm_roads", "osm_roads_low") in tables_for(500_000) and ("osm_roads", "osm_roads") in tables_for(20_000)
    view = read_features(helsinki_basemap, CENTRE, 500_000, "ru")
    assert len(view["osm_buildings"]) == 0
    assert set(view["osm_roads"].classes) <= {"motorway", "trunk", "primary", "secondary", "tertiary"}
    low = pyogrio.read_dataframe(helsinki_basemap, layer="osm_roads_low")
    assert len(view["osm_roads"]) == int((low["max_scale"] >= 500_000).sum())
    assert list(view["osm_places"].labels) == ["Хельсинки"]  # only the city shows at 1:500,000, named in Russian


def test_a_view_reads_only_what_meets_it(helsinki_basemap: Path) -> None:
    corner = (24.936, 60.165, 24.940, 60.168)
    view = read_features(helsinki_basemap, corner, 20_000, "en")
    whole = read_features(helsinki_basemap, CENTRE, 20_000, "en")
    assert 0 < len(view["osm_roads"]) < len(whole["osm_roads"])
    box = shapely.box(*corner)
    # the R-tree is a box test: every feature read has a bounding box meeting the view
    assert all(shapely.box(*g.bounds).intersects(box) for g in view["osm_roads"].geometries)
    for table in osm_classes.TABLES:
        assert table.name in view


def test_the_rows_for_drawing_come_in_fid_order_with_their_geometries(helsinki_basemap: Path) -> None:
    """The tiles' rows are drawn in fid order (the order of a read without tiles): put in that order
    after the R-tree's, each row with its own geometry, class and max_scale."""
    for table in ("osm_roads", "osm_buildings", "osm_landcover"):
        rows = read_rows(helsinki_basemap, table, CENTRE, 5_000)
        frame = pyogrio.read_dataframe(helsinki_basemap, layer=table, fid_as_index=True)
        frame = frame[frame["max_scale"] >= 5_000]
        assert len(rows.fids) == len(frame) > 100 and (np.diff(rows.fids) > 0).all()
        assert list(rows.classes) == list(frame.loc[rows.fids, "class"])
        assert list(rows.max_scales) == list(frame.loc[rows.fids, "max_scale"])
        assert shapely.equals_exact(rows.geometries, frame.loc[rows.fids].geometry.values, 1e-9).all()
