"""The selection's highlight takes its points all at once (a chart bar selects 25,000 features, shown again
after each save of another program), in their order, with lines and areas drawn as paths."""

from __future__ import annotations

import numpy as np
import shapely

from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.ui.map.items import SelectionItem


def test_the_selection_keeps_every_point_in_order_and_every_area_and_line(qapp):
    rng = np.random.default_rng(5)
    xs, ys = rng.uniform(50, 80, 2000), rng.uniform(40, 55, 2000)
    geometries = [
        *shapely.points(xs[:1000], ys[:1000]),
        None,  # a feature without geometry
        shapely.Point(),  # an empty one
        shapely.box(70, 45, 71, 46),
        shapely.MultiPoint(list(zip(xs[1000:1003], ys[1000:1003], strict=True))),
        shapely.LineString([(60, 42), (61, 43)]),
        *shapely.points(xs[1003:], ys[1003:]),
    ]
    item = SelectionItem()
    item.set_geometries(geometries)
    expected = np.column_stack(to_scene(xs, ys))
    assert np.allclose(item.points, expected)
    assert len(item.paths) == 2  # the area and the line
    assert not item.boundingRect().isEmpty()
    item.set_geometries([])
    assert len(item.points) == 0 and item.paths == [] and item.boundingRect().isEmpty()
