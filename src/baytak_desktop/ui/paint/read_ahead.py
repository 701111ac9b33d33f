"""Reading ahead while the map stands still: the idle jobs of the render worker (as web maps and QGIS
prefetch tiles).

A person pans and zooms at a human pace; between gestures the render thread and the CPU are idle. The
slow redraws were all first visits: the OSM basemap reading tiles of ground or a scale not seen yet
(100-120 ms on a first pan), a point layer's one-time read of all its points (95 ms), while a second
visit takes 40-50 ms. So after a redraw, with nothing pending, these jobs read what the next gesture
needs: the OSM tiles of the ring around the view (a pan of a quarter of the view each way) and of the
views a wheel step in and out show, nearest first, and the point layers' points. Each checks
``stale()`` between pieces (a tile; SQLite's progress handler during a layer's read), so a render asked
meanwhile waits for one piece at most. They draw nothing: they fill the caches the renders read
(``mapdata.osm_tiles.CACHE``, ``mapdata.point_cache``), whose bounds they keep to.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.mapdata import osm_tiles as tiles
from baytak_desktop.mapdata import point_cache
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.viewport import data_version, worker_connection
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.ui.paint.layer import LayerJob, Rendered, Stale
from baytak_desktop.ui.paint.osm import DRAWN, MARGIN_PX, view_scale

PAN_FRACTION = 0.25  # the ring read ahead: a pan of a quarter of the view each way


@dataclass(frozen=True)
class OsmAhead:
    path: Path
    zoom_step: float  # the wheel's step: the views one notch in and out are read ahead too


def read_ahead_osm(job: OsmAhead, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """Read into the tile cache the tiles of the next pan's ring and of a wheel step in and out of
    ``view``, nearest first. ``Rendered.features``: the tiles read."""
    if not Path(job.path).exists():
        return Rendered(None)
    scale = view_scale(view)
    centre = ((view.x0 + view.x1) / 2, (view.y0 + view.y1) / 2)
    views = [(_grown(view, PAN_FRACTION), scale)]
    for step in (job.zoom_step, 1 / job.zoom_step):
        zoomed = view.zoomed_window(step * step)  # its area is step² times the view's
        views.append((_grown(zoomed, 0.0), scale * step))
    read = tiles.CACHE.warm(job.path, views, centre, stale, only=DRAWN)
    if stale():
        raise Stale()
    return Rendered(None, read)


def read_ahead_points(job: LayerJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """Read and keep a point layer's points now (``point_cache.read_ahead``) rather than at the second
    render after a commit (the first render of an opened store reads them itself). ``Rendered.features``:
    1 when they were read, 0 when already kept (or not points)."""
    conn = worker_connection(job.store_path)
    store_key = (str(job.store_path), job.store_path.stat().st_ino, id(conn), data_version(conn))
    schema = catalog_of(conn).layer(job.style.layer)
    done = point_cache.read_ahead(conn, schema, job.style, store_key, stale)
    if done is None:  # a render was asked: it goes first
        raise Stale()
    return Rendered(None, int(done))


def _grown(view: View, fraction: float) -> tiles.SceneRect:
    """The scene rectangle of ``view`` grown by ``fraction`` of its size each way and the render margin."""
    mx = fraction * (view.x1 - view.x0) + MARGIN_PX * view.res
    my = fraction * (view.y1 - view.y0) + MARGIN_PX * view.res
    return view.x0 - mx, view.y0 - my, view.x1 + mx, view.y1 + my
