"""A point layer kept in memory by the render worker: the same pictures as the R-tree path, no reads on a
pan, and any commit by anyone drawn at the next render. Real points: the nodes of OpenStreetMap's
Helsinki extract (tests/data/osm)."""

from __future__ import annotations

import json
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pyogrio
import pytest
import shapely
from PySide6.QtGui import QImage

from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_style
from baytak_desktop.mapdata import point_cache
from baytak_desktop.mapdata.projection import View, fit_view, to_lonlat
from baytak_desktop.store import Store
from baytak_desktop.store.meter import metered
from baytak_desktop.ui.paint import draw
from baytak_desktop.ui.paint.layer import LayerJob, forget_pictures, render_store_layer
from tests.conftest import open_plain_sqlite, spec_blob

HELSINKI = Path(__file__).parents[2] / "data" / "osm" / "Helsinki.osm.pbf"
CENTRE_BOX = (24.938, 60.165, 24.951, 60.176)


@pytest.fixture
def helsinki(tmp_path: Path) -> Path:
    """A store whose brick factories are the 8,045 nodes of the Helsinki extract, statuses mixed."""
    nodes = pyogrio.read_dataframe(HELSINKI, layer="points", columns=[])
    store = Store.create(tmp_path / "helsinki.gpkg")
    statuses = np.random.default_rng(3).choice(["operating", "closed", "illegal"], len(nodes)).tolist()
    store.insert_many("brick_factories", {"name": "node", "status": statuses}, list(nodes.geometry.values))
    store.close()
    return store.path


def _pixels(image: QImage | None) -> np.ndarray:
    if image is None:
        return np.zeros((0, 0, 4), dtype=np.uint8)
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).copy()


def _tour(view: View) -> list[View]:
    """A whole view, two pans, a zoom in, the zoom back, a zoom out and a pan of it."""
    zoomed_in = view.zoomed_window(0.5)
    zoomed_in = replace(zoomed_in, res=view.res / 2, width=view.width, height=view.height)
    zoomed_out = replace(view, res=view.res * 2, x0=view.x0 - view.width * view.res / 2)
    zoomed_out = replace(zoomed_out, y0=view.y0 - view.height * view.res / 2)
    first = replace(view, x0=view.x0 + 57 * view.res)
    second = replace(first, y0=first.y0 - 33 * view.res)
    return [view, first, second, zoomed_in, second, zoomed_out, replace(zoomed_out, x0=zoomed_out.x0 - 21 * view.res)]


def _render_tour(job: LayerJob, views: list[View]) -> list[np.ndarray]:
    forget_pictures()
    return [_pixels(render_store_layer(job, view).image) for view in views]


@pytest.mark.parametrize("dedupe_above", [draw.DEDUPE_ABOVE, 500])  # stamped one by one; one per pixel
def test_pictures_from_memory_are_the_r_tree_paths(qapp, helsinki, monkeypatch, dedupe_above):
    monkeypatch.setattr(draw, "DEDUPE_ABOVE", dedupe_above)
    job = LayerJob(helsinki, default_style(LAYERS["brick_factories"]))
    views = _tour(fit_view(CENTRE_BOX, 500, 400))
    kept = _render_tour(job, views)
    monkeypatch.setattr(point_cache, "POINTS_IN_MEMORY", 0)  # every layer too large: the R-tree path
    read = _render_tour(job, views)
    for index, (ours, theirs) in enumerate(zip(kept, read, strict=True)):
        assert ours.shape == theirs.shape and ours[..., 3].any(), index
        assert np.array_equal(ours, theirs), index


def test_a_pan_and_a_zoom_back_read_nothing_once_the_points_are_in_memory(qapp, helsinki):
    job = LayerJob(helsinki, default_style(LAYERS["brick_factories"]))
    view = fit_view(CENTRE_BOX, 500, 400)
    forget_pictures()
    with metered() as meter:
        render_store_layer(job, view)  # the layer is read whole at its first render (nothing kept yet)
        render_store_layer(job, replace(view, x0=view.x0 - 10 * view.res))
        assert [c.what for c in meter.since() if c.what.startswith('SELECT count(*) FROM "brick_factories"')]
        mark = meter.mark()
        panned = replace(view, x0=view.x0 + 40 * view.res, y0=view.y0 - 25 * view.res)
        first = render_store_layer(job, panned)
        assert first.features > 0
        render_store_layer(job, replace(panned, res=panned.res / 2))  # a zoom in
        back = render_store_layer(job, panned)  # and back: the kept picture before the last
        reads = [call.what for call in meter.since(mark) if "brick_factories" in call.what or "geom" in call.what]
    assert reads == []
    assert np.array_equal(_pixels(back.image), _pixels(first.image))


def test_after_opening_the_first_render_keeps_the_points_and_after_a_commit_the_r_tree_serves(qapp, helsinki):
    """Nothing of the layer kept yet (the store just opened): the first render reads it whole, so the
    first pan reads nothing and the half second after opening is left to the basemap's ground ahead.
    After a commit the next render reads only its view, through the R-tree (a run of edits)."""
    job = LayerJob(helsinki, default_style(LAYERS["brick_factories"]))
    view = fit_view(CENTRE_BOX, 500, 400)
    forget_pictures()
    with metered() as meter:
        render_store_layer(job, view)
        mark = meter.mark()
        render_store_layer(job, replace(view, x0=view.x0 + 40 * view.res))
        assert [c.what for c in meter.since(mark) if "brick_factories" in c.what or "geom" in c.what] == []
        conn = open_plain_sqlite(helsinki)
        conn.execute("UPDATE brick_factories SET status = 'closed' WHERE fid = 1")
        conn.close()
        mark = meter.mark()
        render_store_layer(job, replace(view, x0=view.x0 + 80 * view.res))
        after_commit = [c.what for c in meter.since(mark)]
    assert any(what.startswith("SELECT geom") for what in after_commit)  # the view's points, read
    assert not any(what.startswith("SELECT count(*)") for what in after_commit)  # not the whole layer


def test_a_layer_over_the_cap_is_read_through_the_r_tree(qapp, helsinki, monkeypatch):
    monkeypatch.setattr(point_cache, "POINTS_IN_MEMORY", 1000)
    job = LayerJob(helsinki, default_style(LAYERS["brick_factories"]))
    view = fit_view(CENTRE_BOX, 500, 400)
    forget_pictures()
    with metered() as meter:
        render_store_layer(job, view)
        mark = meter.mark()
        render_store_layer(job, replace(view, x0=view.x0 + 40 * view.res))
        reads = [call.what for call in meter.since(mark) if '"rtree_brick_factorie' in call.what]  # (cut at 120)
    assert reads  # the pan's strip, read through the R-tree


@pytest.mark.parametrize("how", ["sqlite3", "ogr"])
def test_an_edit_committed_by_another_program_is_drawn_at_the_next_render(qapp, helsinki, how):
    job = LayerJob(helsinki, default_style(LAYERS["brick_factories"]))
    view = fit_view(CENTRE_BOX, 500, 400)
    forget_pictures()
    render_store_layer(job, view)
    panned = replace(view, x0=view.x0 + 30 * view.res)
    render_store_layer(job, panned)
    before = render_store_layer(job, panned)
    alpha = _pixels(before.image)[..., 3]
    # a spot where nothing is drawn within 12 pixels (the sea, a park): the new point's marker shows there
    free = [
        (x, y)
        for y in range(20, panned.height - 20, 10)
        for x in range(20, panned.width - 20, 10)
        if not alpha[y - 12 : y + 13, x - 12 : x + 13].any()
    ]
    x, y = free[len(free) // 2]
    spot = to_lonlat(panned.x0 + (x + 0.5) * panned.res, panned.y0 + (y + 0.5) * panned.res)
    if how == "sqlite3":
        conn = open_plain_sqlite(helsinki)
        conn.execute(
            "INSERT INTO brick_factories (name, status, geom) VALUES ('new', 'illegal', ?)",
            (spec_blob(shapely.Point(*spot)),),
        )
        conn.close()
    else:
        feature = {"type": "Feature", "properties": {"name": "new", "status": "illegal"}}
        feature["geometry"] = shapely.geometry.mapping(shapely.Point(*spot))
        source = helsinki.parent / "new.geojson"
        source.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
        subprocess.run(
            ["ogr2ogr", "-append", "-f", "GPKG", str(helsinki), str(source), "-nln", "brick_factories"], check=True
        )
    after = render_store_layer(job, panned)  # the same view: the kept picture would show nothing there
    assert after.image is not None and after.image.pixelColor(x, y).alpha() == 255
    # a zoom in on the spot and a pan of it: drawn from the points read again, not the ones kept before
    zoomed = replace(panned, res=panned.res / 2, x0=panned.x0 + x * panned.res / 2, y0=panned.y0 + y * panned.res / 2)
    assert render_store_layer(job, zoomed).image.pixelColor(x, y).alpha() == 255
    moved = replace(zoomed, x0=zoomed.x0 + 30 * zoomed.res)
    assert render_store_layer(job, moved).image.pixelColor(x - 30, y).alpha() == 255
