"""Not-synced marks on the map: halos under the data, thinned so they never hide points or labels.

Rendered for real (a QGraphicsScene drawn into a QImage, as the canvas draws it): a marker and a label
above a pending feature keep their colours, and 200,000 not-synced points over central Kazakhstan show
as separate halos with map between them, never a solid orange block.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsScene, QGraphicsSimpleTextItem

from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.ui.edit.pending import CELL_PX, PENDING, Centres, PendingRings, thin
from baytak_desktop.ui.map.map_layers import Z_LAYERS, Z_OVERLAY


def render(scene: QGraphicsScene, source: QRectF, width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    scene.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    return image


def orange(image: QImage) -> np.ndarray:
    """(h, w) bool: pixels close to the pending orange."""
    pixels = np.frombuffer(image.constBits(), dtype=np.uint8).reshape(image.height(), image.width(), 4)
    b, g, r = pixels[..., 0].astype(int), pixels[..., 1].astype(int), pixels[..., 2].astype(int)
    return (abs(r - PENDING.red()) < 40) & (abs(g - PENDING.green()) < 50) & (abs(b - PENDING.blue()) < 60)


def scene_rect(lon0: float, lat0: float, lon1: float, lat1: float) -> QRectF:
    xs, ys = to_scene(np.array([lon0, lon1]), np.array([lat1, lat0]))
    return QRectF(xs[0], ys[0], xs[1] - xs[0], ys[1] - ys[0])


def test_thinning_keeps_one_point_per_cell_and_is_stable_under_panning():
    points = np.array([[0.5, 0.5], [0.9, 0.1], [1.5, 0.5], [10.2, 10.2]])
    assert thin(points, 1.0).tolist() == [[0.5, 0.5], [1.5, 0.5], [10.2, 10.2]]
    assert len(thin(points, 100.0)) == 1


def test_a_pending_halo_lies_under_the_marker_and_the_label(qapp):
    scene = QGraphicsScene()
    rings = PendingRings()
    scene.addItem(rings)
    rings.set_points(np.array([[0.0, 0.0]]))
    marker = QGraphicsEllipseItem(-4, -4, 8, 8)  # an 8 px marker at 1 scene unit per pixel
    marker.setBrush(QColor("#8b1a1a"))
    marker.setPen(QColor("#3d0b0b"))
    marker.setZValue(Z_LAYERS)
    scene.addItem(marker)
    label = QGraphicsSimpleTextItem("Қарағанды")
    label.setFont(QFont("DejaVu Sans", 14))
    label.setBrush(QColor("#000000"))
    label.setPos(-8, 1)  # over the lower half of the halo
    label.setZValue(Z_OVERLAY)
    scene.addItem(label)
    image = render(scene, QRectF(-50, -50, 100, 100), 100, 100)
    assert image.pixelColor(50, 48).name() == "#8b1a1a"  # the marker, not the halo
    mask = orange(image)
    assert mask.any()  # the halo shows around the marker
    label.setVisible(False)
    bare = orange(render(scene, QRectF(-50, -50, 100, 100), 100, 100))
    assert mask.sum() < bare.sum()  # the label's glyphs are drawn over the halo, not under it


def test_200000_pending_points_never_make_a_solid_block(qapp):
    rng = np.random.default_rng(16)
    lon, lat = rng.uniform(64, 78, 200_000), rng.uniform(45, 52, 200_000)  # central Kazakhstan
    scene = QGraphicsScene()
    rings = PendingRings()
    scene.addItem(rings)
    rings.set_points(np.column_stack(to_scene(lon, lat)))
    image = render(scene, scene_rect(60, 40, 85, 55), 1000, 640)
    mask = orange(image)
    centre = mask[250:450, 300:700]  # inside the cloud of points
    assert 0.05 < centre.mean() < 0.45, centre.mean()
    cell = int(CELL_PX)
    for y in range(0, centre.shape[0] - cell, cell):
        for x in range(0, centre.shape[1] - cell, cell):
            assert not centre[y : y + cell, x : x + cell].all()  # map shows through every cell


def test_a_repaint_of_the_same_view_thins_the_halos_once():
    """The map repaints the halos' layer whenever anything above it changes (a selection, a hover, a
    tile); zoomed in on 140,000 unsynced edits, thinning those in view at each repaint took 50-125 ms of
    the UI thread beside QGIS. The same view at the same scale keeps what it kept; new points, another
    view or scale thin again, and what is kept is what thinning those in view keeps."""
    rng = np.random.default_rng(7)
    points = rng.uniform(0, 1_000, (20_000, 2))
    rings = PendingRings()
    rings.set_points(points)
    view = QRectF(100, 100, 200, 150)
    first = rings._shown(2.0, view)
    near = (points[:, 0] >= 100) & (points[:, 0] < 302) & (points[:, 1] >= 100) & (points[:, 1] < 252)
    assert np.array_equal(first, thin(points[near], 2.0))
    assert rings._shown(2.0, view) is first  # the same view again: not thinned again
    assert rings._shown(2.0, QRectF(100.5, 100.5, 200, 150)) is first  # the same cells in view
    panned = rings._shown(2.0, QRectF(400, 100, 200, 150))
    assert panned is not first and not np.array_equal(panned, first)
    assert rings._shown(4.0, view) is not first  # another scale
    rings.set_points(points[:10_000])
    again = rings._shown(2.0, view)
    assert again is not first and np.array_equal(again, thin(points[:10_000][near[:10_000]], 2.0))


def _thin_by_pairs(points: np.ndarray, cell: float) -> np.ndarray:
    """The first point of each cell, cells compared as (column, row) pairs: what ``thin`` must keep."""
    keys = np.floor(points / cell).astype(np.int64)
    _, first = np.unique(keys, axis=0, return_index=True)
    return points[np.sort(first)]


def test_thinning_by_one_number_per_cell_keeps_the_points_the_pairs_keep():
    """``thin`` numbers each cell with one integer (fast enough to run as the map paints); at every scale,
    from the whole country to cells far smaller than a metre (where the numbers would not fit in 64 bits),
    it keeps exactly the points that comparing (column, row) pairs keeps."""
    rng = np.random.default_rng(14)
    lon, lat = rng.uniform(46, 87, 20_000), rng.uniform(40, 55, 20_000)
    points = np.column_stack(to_scene(lon, lat))
    points = np.concatenate([points, points[:500]])  # features at the very same place
    for cell in (1e-4, 0.5, 24.0, 2_400.0, 240_000.0, 1e8):
        assert np.array_equal(thin(points, cell), _thin_by_pairs(points, cell)), cell


def centres_of(pending: dict) -> Centres:
    """The centres of ``pending``'s drawn features, gathered afresh."""
    drawn = []
    for layer, entries in pending.items():
        shown = [(uuid, entry) for uuid, entry in entries.items() if entry is not None]
        xy = np.array([entry[1:] for _, entry in shown], dtype=float).reshape(-1, 2)
        drawn.append((layer, [uuid for uuid, _ in shown], [entry[0] for _, entry in shown], xy))
    return Centres.of_drawn(drawn)


def test_the_centres_changed_one_by_one_are_the_pending_features_drawn():
    """The rings' centres and the table's fids are kept feature by feature (another program's save costs
    its features, not a pass over every unsynced edit): after any mix of new, moved, deleted and synced
    features they are exactly those of the pending features that have a geometry, as if gathered afresh."""
    rng = np.random.default_rng(17)
    pending = {"brick_factories": {f"b{i}": (i, float(i), float(-i)) for i in range(300)}, "quarries": {}}
    pending["quarries"]["q0"] = None  # deleted: counted, not drawn
    centres = centres_of(pending)
    for step in range(3_000):
        layer = ("brick_factories", "quarries")[step % 2]
        uuid = f"{layer[0]}{rng.integers(400)}"
        roll = rng.random()
        if roll < 0.5:  # new or moved
            fid = int(rng.integers(500))  # a deleted feature's fid may come back on a new one
            entry = (fid, float(rng.uniform(-1e6, 1e6)), float(rng.uniform(-1e6, 1e6)))
        elif roll < 0.7:
            entry = None  # deleted
        else:  # synced: no unsynced change any more
            pending[layer].pop(uuid, None)
            centres.remove((layer, uuid))
            continue
        pending[layer][uuid] = entry
        centres.set((layer, uuid), entry)
        if step % 500 == 0:
            assert sorted(map(tuple, centres.points().tolist())) == sorted(
                map(tuple, centres_of(pending).points().tolist())
            )
        for name, entries in pending.items():  # the table's marks: the fids of the drawn ones
            assert centres.fids(name) == {e[0] for e in entries.values() if e is not None}
    expected = [e[1:] for entries in pending.values() for e in entries.values() if e is not None]
    assert sorted(map(tuple, centres.points().tolist())) == sorted(expected)


def test_a_zoomed_in_view_draws_the_halos_the_whole_set_keeps(qapp):
    """Zoomed in, only the grid cells in view are thinned (not 100,000 edits at every repaint), yet each
    keeps the halo it keeps in the whole set: the picture is the one of the whole set's halos, panned
    or not."""
    rng = np.random.default_rng(21)
    lon, lat = rng.uniform(76.8, 77.0, 100_000), rng.uniform(43.2, 43.3, 100_000)  # dense around Almaty
    points = np.column_stack(to_scene(lon, lat))
    for view in (scene_rect(76.9, 43.24, 76.92, 43.25), scene_rect(76.905, 43.242, 76.925, 43.252)):
        cell = CELL_PX * view.width() / 400  # 400 px wide: the cell size in scene units
        images = []
        for shown in (points, thin(points, cell)):  # all the edits; the whole set's halos at this scale
            scene = QGraphicsScene()
            rings = PendingRings()
            scene.addItem(rings)
            rings.set_points(shown)
            image = render(scene, view, 400, int(400 * view.height() / view.width()))
            images.append(orange(image))
        assert images[0].any()
        assert np.array_equal(images[0], images[1])
