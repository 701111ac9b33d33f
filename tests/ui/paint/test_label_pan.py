"""The overlay's names on a pan: the names already placed stay where they are, moved with the map, new
names are placed only where the pan uncovered the map, and no two names ever overlap.

On the real OSM extract of Helsinki's centre (tests/data/osm), built by the real pipeline, with store
labels from a real GeoPackage store.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage

from baytak_desktop.basemap.build import build_basemap
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.style import default_style
from baytak_desktop.mapdata.projection import fit_view, to_scene
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store
from baytak_desktop.ui.paint import basemap as overlay
from baytak_desktop.ui.paint.basemap import OverlayJob, forget_overlays, render_overlay

HELSINKI = Path(__file__).resolve().parents[2] / "data" / "osm" / "Helsinki.osm.pbf"
BOX = (24.935, 60.163, 24.960, 60.173)


@pytest.fixture(scope="module")
def osm(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("labels") / "helsinki.basemap.gpkg"
    build_basemap(HELSINKI, out)
    return out


def _claims():
    return overlay.last_claims()


def _pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4).astype(int)


def _no_overlaps(claims) -> None:
    boxes = [(index, box) for index, (taken, _) in enumerate(claims) for box in taken]
    for i, (owner, box) in enumerate(boxes):
        for other_owner, other in boxes[i + 1 :]:
            assert owner == other_owner or not box.intersects(other), (claims[owner][1], claims[other_owner][1])


def test_a_pan_keeps_the_names_where_they_were_and_places_new_ones_only_in_the_new_strip(qapp, osm) -> None:
    job = OverlayJob(None, osm=((osm, None),))
    view = fit_view(BOX, 800, 500)
    forget_overlays()
    first = render_overlay(job, view)
    before = _claims()
    assert len(first.labels) >= 5  # a city centre: streets, districts
    dx, dy = 160, -60
    moved = replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res)
    panned = render_overlay(job, moved)
    after = _claims()
    _no_overlaps(after)
    # every name of the last render still in view is kept, at the same place on the map
    screen = QRectF(0, 0, 800, 500)
    still = [
        (tuple(b.translated(-dx, -dy) for b in boxes), text)
        for boxes, text in before
        if any(b.translated(-dx, -dy).intersects(screen) for b in boxes)
    ]
    moved_claims = {(round(b[0].x(), 3), round(b[0].y(), 3), t) for b, t in still}
    assert moved_claims <= {(round(b[0].x(), 3), round(b[0].y(), 3), t) for b, t in after}
    # new names only reach into the strips the pan uncovered: the known part alone judged nothing new
    new = after[len(still) :]
    assert new, "the uncovered strips get names too"
    known = shapely.box(-dx, -dy, -dx + 800, -dy + 500)
    for boxes, _ in new:
        assert not all(known.contains(shapely.box(b.left(), b.top(), b.right(), b.bottom())) for b in boxes)
    # the kept part of the picture is the last picture moved, outside the new names' boxes
    old, now = _pixels(first.image), _pixels(panned.image)
    mask = np.zeros(now.shape[:2], dtype=bool)
    mask[-dy:, : 800 - dx] = True  # the part of the view the last render covered
    for boxes, _ in new:
        for b in boxes:
            mask[max(0, int(b.top()) - 2) : int(b.bottom()) + 3, max(0, int(b.left()) - 2) : int(b.right()) + 3] = False
    shifted = np.zeros_like(old)
    shifted[-dy:, : 800 - dx] = old[: 500 + dy, dx:]
    assert mask.sum() > 0.4 * mask.size
    assert np.abs(now[mask] - shifted[mask]).max() <= 2
    # and the view names about as much as a fresh render of it: the pan loses nothing
    forget_overlays()
    fresh = render_overlay(job, moved)
    _no_overlaps(_claims())
    assert len(set(panned.labels) & set(fresh.labels)) >= 0.7 * len(set(fresh.labels))


def test_a_zoom_or_a_store_change_places_the_names_afresh(qapp, osm, tmp_path) -> None:
    store = Store.create(tmp_path / "labels.gpkg")
    feature = store.insert("brick_factories", {"name": "Old works", "status": "closed"}, shapely.Point(24.947, 60.168))
    style = default_style(LAYERS["brick_factories"])
    from dataclasses import replace as with_field

    labelled = with_field(style, label_field="name")
    job = OverlayJob(basemap_path(), store.path, (labelled,), "en", ((osm, None),))
    view = fit_view(BOX, 800, 500)
    forget_overlays()
    assert "Old works" in render_overlay(job, view).labels
    store.update("brick_factories", feature.uuid, {"name": "New works"})
    moved = replace(view, x0=view.x0 + 40 * view.res)
    labels = render_overlay(job, moved).labels
    assert "New works" in labels and "Old works" not in labels  # not the kept label of the old data
    _no_overlaps(_claims())
    zoomed = view.zoomed_window(0.5)
    render_overlay(job, zoomed)
    _no_overlaps(_claims())
    store.close()


def test_the_names_read_for_a_neighbourhood_are_those_a_read_of_the_view_gives(qapp, osm) -> None:
    from baytak_desktop.basemap.osm_view import read_features
    from baytak_desktop.ui.paint import label_cache

    only = ("osm_places", "osm_water", "osm_roads")
    view = fit_view(BOX, 800, 500)
    label_cache.forget_reads()
    calls = []
    real = label_cache.read_named
    label_cache.read_named = lambda *args, **kwargs: calls.append(kwargs.get("below")) or real(*args, **kwargs)

    def same_as_a_read(bbox: tuple[float, float, float, float], scale: float) -> int:
        cached = label_cache.label_features(osm, bbox, scale, "kk", only)
        direct = read_features(osm, bbox, scale, "kk", only=only, named=True)
        for name in only:
            mine = sorted(zip(shapely.to_wkb(cached[name].geometries), cached[name].labels, strict=True))
            projected = shapely.transform(direct[name].geometries, lambda c: np.column_stack(to_scene(*c.T)))
            theirs = sorted(zip(shapely.to_wkb(projected), direct[name].labels, strict=True))
            assert mine == theirs, (name, scale)
        return sum(len(f) for f in cached.values())

    try:
        wide = view.zoomed_window(2.0).lonlat_bbox()
        assert same_as_a_read(wide, 28_284) > 0
        assert calls == [None]
        # a wheel zoom in, then pans inside the first read's box; the scale at the centre a little larger
        # or smaller (north, south), across a max_scale (the residential roads end at 1:20,000): the
        # first read is kept and only the rows 1:20,000 adds to it are read
        for dx, dy, scale in ((0, 0, 20_000), (200, 0, 20_004), (200, 125, 19_990), (-150, -100, 20_000)):
            moved = replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res)
            assert same_as_a_read(moved.lonlat_bbox(), scale) > 0
        assert len(calls) == 2 and calls[1] is not None and 20_000 < calls[1] <= 28_284
        streets = read_features(osm, view.lonlat_bbox(), 20_000, "kk", only=("osm_roads",), named=True)
        main_roads = read_features(osm, view.lonlat_bbox(), 28_284, "kk", only=("osm_roads",), named=True)
        assert len(streets["osm_roads"]) > len(main_roads["osm_roads"]) + 10  # what the zoom in added (streets)
        # a wheel zoom back out: served from the reads kept, nothing read
        same_as_a_read(wide, 28_284)
        assert len(calls) == 2
        # a zoom in again: again only what the closer scale adds
        assert same_as_a_read(view.zoomed_window(0.0625).lonlat_bbox(), 5_000) > 0
        assert len(calls) == 3 and calls[2] is not None and calls[2] < calls[1]
    finally:
        label_cache.read_named = real


def test_a_zoom_back_keeps_the_names_where_they_were(qapp, osm) -> None:
    """After a pan, a wheel zoom in and back out returns to the very names of before the zoom, at the
    same places (the last two overlays are kept): names do not jump to where a fresh placing puts them."""
    job = OverlayJob(None, osm=((osm, None),))
    view = fit_view(BOX, 800, 500)
    forget_overlays()
    render_overlay(job, view)
    panned = replace(view, x0=view.x0 + 230 * view.res, y0=view.y0 - 90 * view.res)
    names = render_overlay(job, panned).labels
    claims = [(tuple((b.x(), b.y(), b.width(), b.height()) for b in boxes), text) for boxes, text in _claims()]
    render_overlay(job, panned.zoomed_window(0.5))
    assert render_overlay(job, panned).labels == names
    assert [(tuple((b.x(), b.y(), b.width(), b.height()) for b in boxes), t) for boxes, t in _claims()] == claims
    forget_overlays()
    fresh = render_overlay(job, panned).labels
    assert fresh != names  # a fresh placing differs: what the kept overlay spares the reader


def test_the_places_of_a_rank_are_placed_in_one_go(qapp, osm, monkeypatch) -> None:
    """One placing of every place of a rank (its font and metrics made once), the dots' anchors reported
    back: placed one call per place, a pan's overlay spent a third of its time making the same font."""
    from baytak_desktop.ui.paint import osm_labels

    calls: list[tuple[int, list[tuple[float, float]]]] = []
    real = osm_labels.draw_labels

    def counting(painter, placer, labels, style, dpr, reserve_anchor=0.0, placed_texts=None, anchors=None):
        more = {} if anchors is None else {"anchors": anchors}
        drawn = real(painter, placer, labels, style, dpr, reserve_anchor, placed_texts, **more)
        if not style.italic:  # the places (lakes' names are italic)
            calls.append((len(labels), list(anchors or ())))
        return drawn

    monkeypatch.setattr(osm_labels, "draw_labels", counting)
    forget_overlays()
    job = OverlayJob(None, osm=((osm, None),))
    shown = render_overlay(job, fit_view((24.90, 60.15, 24.99, 60.19), 800, 500))
    places = sum(count for count, _ in calls)
    assert places > len(calls)  # several places in a call
    assert 0 < sum(len(anchors) for _, anchors in calls) <= len(shown.labels)  # the anchors of those drawn
