"""What a printed map reads of its store besides its layers: their extent, the highlighted feature, and
whether demo data is in view (the page then says the positions are illustrative). No Qt: the exhibit
painter calls these in its child process, each on a short-lived read-only connection.
"""

from __future__ import annotations

from pathlib import Path

import shapely

from baytak_desktop.layers.demo_identity import ILLUSTRATIVE_MARKS
from baytak_desktop.mapdata.reader import geometry_of
from baytak_desktop.mapdata.viewport import layer_extent, read_only
from baytak_desktop.store import BBox
from baytak_desktop.store.catalog import catalog_of


def layers_extent(store: Path, layers: list[str]) -> BBox | None:
    with read_only(store) as conn:
        catalog = catalog_of(conn)
        boxes = [box for box in (layer_extent(conn, catalog.layer(name).name) for name in layers) if box is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def has_illustrative(store: Path, layers: list[str], extent: BBox) -> bool:
    """Whether a feature in the extent is marked as demo data (its notes begin with demo_identity.ILLUSTRATIVE, in one of the languages)."""
    west, south, east, north = extent
    with read_only(store) as conn:
        catalog = catalog_of(conn)
        for name in layers:
            table = catalog.layer(name).name
            for mark in ILLUSTRATIVE_MARKS:  # demo notes are in the language the store was made in
                row = conn.execute(
                    f'SELECT 1 FROM "{table}" AS t JOIN "rtree_{table}_geom" AS r ON t.fid = r.id WHERE r.minx <= ? '
                    "AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ? AND substr(t.notes, 1, ?) = ? LIMIT 1",
                    (east, west, north, south, len(mark), mark),
                ).fetchone()
                if row:
                    return True
    return False


def feature_geometry(store: Path, layer: str, uuid: str) -> shapely.Geometry | None:
    with read_only(store) as conn:
        return geometry_of(conn, layer, uuid)
