"""Reading what a layer shows in a view (no Qt): through the R-tree, only the box, points decoded at once."""

from __future__ import annotations

import sqlite3

import pytest
import shapely

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_style
from baytak_desktop.mapdata.viewport import decode_points, read_layer
from baytak_desktop.store import Store

ALMATY = (76.90, 43.25)
BESAGASH = (77.06, 43.30)


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "render.gpkg")
    store.insert("brick_factories", {"name": "Operating works", "status": "operating"}, shapely.Point(*ALMATY))
    store.insert("brick_factories", {"name": "Closed works", "status": "closed"}, shapely.Point(*BESAGASH))
    yield store
    store.close()


def test_a_viewport_query_goes_through_the_rtree(store):
    conn = sqlite3.connect(str(store.path))
    statements = []
    conn.set_trace_callback(statements.append)
    read_layer(conn, LAYERS["brick_factories"], default_style(LAYERS["brick_factories"]), (76.8, 43.2, 76.95, 43.3))
    query = next(s for s in statements if "CROSS JOIN" in s)
    plan = " ".join(str(row) for row in conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "VIRTUAL TABLE INDEX" in plan  # the R-tree's own index answers the box
    assert "SCAN brick_factories" not in plan  # the table is only looked up by fid
    conn.close()


def test_a_small_window_reads_only_what_is_in_it(store):
    conn = sqlite3.connect(str(store.path))
    data = read_layer(
        conn, LAYERS["brick_factories"], default_style(LAYERS["brick_factories"]), (76.8, 43.2, 76.95, 43.28)
    )
    assert len(data) == 1 and tuple(data.points[0]) == ALMATY
    conn.close()


def test_point_blobs_decode_vectorised_and_odd_ones_are_flagged():
    from baytak_desktop.layers import geometry as blobs

    geoms = [
        blobs.point_blob(1.5, 2.5),
        blobs.from_shapely(shapely.MultiPoint([(3, 4), (5, 6)])),
        None,
        blobs.point_blob(-7.0, 8.0),
    ]
    points, odd = decode_points(geoms)
    assert odd.tolist() == [False, True, True, False]
    assert points[0].tolist() == [1.5, 2.5] and points[3].tolist() == [-7.0, 8.0]


def test_rows_are_fetched_in_pieces_and_every_one_arrives(store, monkeypatch):
    """The rows come a few at a time (one fetch of all of them held the GIL, freezing the UI thread):
    every feature in the box still arrives, once, with its own symbol."""
    import numpy as np

    from baytak_desktop.mapdata import viewport

    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(76.8, 77.0, 250), rng.uniform(43.2, 43.3, 250)
    statuses = ["operating" if i % 3 else "closed" for i in range(250)]
    store.insert_many(
        "brick_factories", {"name": [f"Works {i}" for i in range(250)], "status": statuses}, shapely.points(lons, lats)
    )
    style = default_style(LAYERS["brick_factories"])
    box = (76.7, 43.1, 77.1, 43.4)
    whole = read_layer(store.conn, LAYERS["brick_factories"], style, box)
    monkeypatch.setattr(viewport, "ROWS_PER_FETCH", 7)
    pieces = read_layer(store.conn, LAYERS["brick_factories"], style, box)
    assert len(pieces) == len(whole) == 252
    assert np.array_equal(pieces.points, whole.points) and np.array_equal(pieces.symbol, whole.symbol)
    assert len(np.unique(pieces.points, axis=0)) == 252
