"""What is under the mouse, and where features are: small R-tree queries for the canvas (no Qt).

Identify looks at the visible layers from the top down, asks the R-tree for the features near the
click, and measures distances in screen pixels, so a click "on" a 9 px marker or within a few pixels of
a polygon's edge hits it at every zoom. The first layer with a feature close enough wins, as the user
sees it: the topmost drawn.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

import numpy as np
import shapely

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata.projection import View, to_lonlat
from baytak_desktop.mapdata.viewport import layer_extent, select_in_box
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.store import BBox, Store

CANDIDATES = 2000


def _pixel_box(view: View, px: float, py: float, radius: float) -> BBox:
    x, y = view.x0 + px * view.res, view.y0 + py * view.res
    west, north = to_lonlat(x - radius * view.res, y - radius * view.res)
    east, south = to_lonlat(x + radius * view.res, y + radius * view.res)
    return west, south, east, north


def nearest_feature(
    conn: sqlite3.Connection, style: LayerStyle, view: View, px: float, py: float, tolerance: float
) -> tuple[int, float] | None:
    """(fid, distance in device pixels) of the feature of one layer nearest the click, if within reach."""
    schema = catalog_of(conn).layer(style.layer)
    reach = tolerance * view.dpr
    if schema.geometry_type == "POINT":
        sizes = [style.symbol.size, *(c.symbol.size for c in style.categories)]
        reach += max(sizes) / 2 * view.dpr
    rows = select_in_box(conn, schema.name, "fid, geom", _pixel_box(view, px, py, reach), limit=CANDIDATES)
    if not rows:
        return None
    geoms = blobs.many_to_shapely([r[1] for r in rows])
    pixels = shapely.transform(geoms, lambda c: np.column_stack(view.pixels(c[:, 0], c[:, 1])))
    distances = shapely.distance(pixels, shapely.Point(px, py))
    best = int(np.nanargmin(distances)) if not np.isnan(distances).all() else -1
    if best < 0 or distances[best] > reach:
        return None
    return int(rows[best][0]), float(distances[best])


def identify(
    conn: sqlite3.Connection, styles: Iterable[LayerStyle], view: View, px: float, py: float, tolerance: float = 4.0
) -> tuple[str, int] | None:
    """(layer, fid) of the topmost visible feature at device pixel (px, py), or None."""
    for style in sorted((s for s in styles if s.visible), key=lambda s: -s.order):
        hit = nearest_feature(conn, style, view, px, py, tolerance)
        if hit is not None:
            return style.layer, hit[0]
    return None


def identify_in_store(
    store: Store, styles: Iterable[LayerStyle], view: View, px: float, py: float
) -> tuple[str, int] | None:
    """``identify`` on an open store's connection: what a reader thread runs for a click on the map."""
    return identify(store.conn, styles, view, px, py)


def feature_geometries(
    conn: sqlite3.Connection, layer: str, fids: Iterable[int], limit: int = 20_000
) -> list[shapely.Geometry]:
    """Lon/lat geometries of some features of ``layer`` (the selection highlight)."""
    ids = [int(f) for f in fids][:limit]
    table = catalog_of(conn).layer(layer).name
    out: list[shapely.Geometry] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f'SELECT geom FROM "{table}" WHERE fid IN ({marks})', chunk).fetchall()
        out.extend(blobs.many_to_shapely([r[0] for r in rows]))
    return out


def features_bbox(conn: sqlite3.Connection, layer: str, fids: Iterable[int]) -> BBox | None:
    """The lon/lat box around some features, from the R-tree (no geometry decoded)."""
    ids = [int(f) for f in fids]
    table = catalog_of(conn).layer(layer).name
    boxes = []
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        boxes.append(
            conn.execute(
                f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{table}_geom" WHERE id IN ({marks})',
                chunk,
            ).fetchone()
        )
    boxes = [b for b in boxes if b[0] is not None]
    if not boxes:
        return None
    array = np.array(boxes, dtype=float)
    return (array[:, 0].min(), array[:, 1].min(), array[:, 2].max(), array[:, 3].max())


def layer_bbox(conn: sqlite3.Connection, layer: str) -> BBox | None:
    """The layer's extent: gpkg_contents when filled in, else the R-tree's."""
    table = catalog_of(conn).layer(layer).name
    extent = layer_extent(conn, table)
    if extent is not None:
        return extent
    row = conn.execute(f'SELECT min(minx), min(miny), max(maxx), max(maxy) FROM "rtree_{table}_geom"').fetchone()
    return None if row[0] is None else row


def selected_geometries(store: Store, chosen: dict[str, tuple[int, ...]]) -> list[shapely.Geometry]:
    """The geometries of the selected features, layer by layer, read on ``store`` (a reader thread's)."""
    return [geometry for name, fids in chosen.items() for geometry in feature_geometries(store.conn, name, fids)]
