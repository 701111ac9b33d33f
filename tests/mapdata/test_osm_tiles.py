"""The OSM basemap's tile cache on a real basemap (Helsinki): the same features as a direct read, a pan
within the tiles kept reads nothing, memory stays under its bound, and a basemap built again is read again."""

from __future__ import annotations

import math
import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.basemap.osm_view import close_connections, read_features
from baytak_desktop.mapdata.osm_tiles import TileCache, level_of
from baytak_desktop.mapdata.projection import View, to_scene

DATA = Path(__file__).resolve().parents[1] / "data"
HELSINKI = DATA / "osm" / "Helsinki.osm.pbf"
CENTRE = (24.944, 60.171)
DRAWN = ("osm_landcover", "osm_water", "osm_waterways", "osm_buildings", "osm_roads", "osm_railways")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("osm") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


def view_at(lon: float, lat: float, scale: float, width: int = 1000, height: int = 700) -> View:
    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    return View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)


def rect(view: View) -> tuple[float, float, float, float]:
    return view.x0, view.y0, view.x1, view.y1


@pytest.mark.parametrize("scale", [500_000, 100_000, 20_000, 5_000])
def test_the_tiles_give_the_rows_a_direct_read_gives(built: Path, scale: int) -> None:
    view = view_at(*CENTRE, scale)
    cached = TileCache().features(built, rect(view), scale, only=DRAWN)
    direct = read_features(built, view.lonlat_bbox(), scale, only=DRAWN)
    for table in DRAWN:
        assert cached[table].fids is not None and direct[table].fids is not None
        # the tiles may add a row whose box only grazes the view (the projected box is not the lon/lat
        # box), never lose one
        assert set(direct[table].fids.tolist()) <= set(cached[table].fids.tolist())
        assert len(cached[table]) <= len(direct[table]) * 1.05 + 5
        assert cached[table].scene
    assert sum(len(f) for f in cached.values()) > 50


def test_a_table_none_of_whose_rows_is_drawn_at_the_scale_is_not_read(built: Path) -> None:
    """Buildings are kept down to 1:25,000: a view at 1:28,284 (the wheel's step out from 1:20,000, the
    same level of tiles) reads none of their tiles, and at 1:20,000 it does and gets them."""
    cache = TileCache()
    far = view_at(*CENTRE, 28_284)
    assert len(cache.features(built, rect(far), 28_284, only=("osm_buildings",))["osm_buildings"]) == 0
    assert cache.reads == 0
    assert len(cache.features(built, rect(far), 28_284, only=("osm_roads",))["osm_roads"]) > 300
    assert cache.reads > 0
    read = cache.reads
    near = view_at(*CENTRE, 20_000)
    assert len(cache.features(built, rect(near), 20_000, only=("osm_buildings",))["osm_buildings"]) > 50
    assert cache.reads > read


def test_a_pan_and_a_zoom_within_the_level_read_nothing(built: Path) -> None:
    cache = TileCache()
    view = view_at(*CENTRE, 20_000)
    wider = view.zoomed_window(2.0)  # 1:28,284, the wheel's step out: the same level
    assert level_of(20_000) == level_of(28_284)
    # (but buildings, kept down to 1:25,000: not read at 1:28,284, see below)
    drawn_both = tuple(table for table in DRAWN if table != "osm_buildings")
    cache.features(built, rect(wider), 28_284, only=drawn_both)
    reads = cache.reads
    assert reads > 0
    panned = View(view.x0 + 200 * view.res, view.y0 + 100 * view.res, view.res, view.width, view.height)
    features = cache.features(built, rect(panned), 20_000, only=drawn_both)
    assert cache.reads == reads
    assert len(features["osm_roads"]) > 100


def test_memory_stays_under_the_bound(built: Path) -> None:
    cache = TileCache(max_bytes=400_000)
    for dx in range(-3, 4):
        for dy in range(-3, 4):
            view = view_at(CENTRE[0] + dx * 0.01, CENTRE[1] + dy * 0.005, 5_000)
            cache.features(built, rect(view), 5_000, only=DRAWN)
            assert cache.bytes <= cache.max_bytes or len(cache) == 1
    assert cache.reads > len(cache)  # tiles were let go of to keep to the bound
    # and what is kept is still right: a view drawn again after eviction gives what a direct read gives
    view = view_at(*CENTRE, 5_000)
    roads = cache.features(built, rect(view), 5_000, only=("osm_roads",))["osm_roads"]
    direct = read_features(built, view.lonlat_bbox(), 5_000, only=("osm_roads",))["osm_roads"]
    assert direct.fids is not None and roads.fids is not None
    assert set(direct.fids.tolist()) <= set(roads.fids.tolist())


def test_a_basemap_changed_on_disk_is_read_again(built: Path, tmp_path: Path) -> None:
    path = tmp_path / "copy.basemap.gpkg"
    shutil.copy(built, path)
    cache = TileCache()
    view = view_at(*CENTRE, 20_000)
    before = cache.features(path, rect(view), 20_000, only=("osm_roads",))["osm_roads"]
    assert (before.classes == "primary").sum() > 10
    close_connections()
    with sqlite3.connect(path) as conn:  # the basemap built again without its primary roads
        conn.execute("DELETE FROM osm_roads WHERE class = 'primary'")
    conn.close()
    after = cache.features(path, rect(view), 20_000, only=("osm_roads",))["osm_roads"]
    assert (after.classes == "primary").sum() == 0
    assert len(after) == len(before) - (before.classes == "primary").sum()
    close_connections()


def test_reading_ahead_fills_the_next_views_tiles_nearest_first_within_the_bound(built: Path) -> None:
    cache = TileCache()
    view = view_at(*CENTRE, 5_000)
    centre = ((view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2)
    panned = view_at(CENTRE[0] + 0.004, CENTRE[1], 5_000)
    read = cache.warm(built, [(rect(panned), 5_000)], centre, lambda: False, only=DRAWN)
    assert read == cache.reads > 0
    cache.features(built, rect(panned), 5_000, only=DRAWN)
    assert cache.reads == read  # the view read ahead reads nothing
    # stopped at once when stale: one check before each tile
    checks = []
    stopped = TileCache()
    assert stopped.warm(built, [(rect(panned), 5_000)], centre, lambda: checks.append(1) or len(checks) > 2) == 2
    # a small cache: a read ahead never takes over a quarter of it (plus the tile that crossed the line)
    small = TileCache(max_bytes=400_000)
    small.warm(built, [(rect(view_at(*CENTRE, 5_000)), 5_000)], centre, lambda: False, only=DRAWN)
    small.warm(built, [(rect(panned), 5_000)], centre, lambda: False, only=DRAWN)
    assert small.bytes <= small.max_bytes or len(small) == 1
