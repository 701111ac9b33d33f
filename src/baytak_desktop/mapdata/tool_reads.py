"""What the edit tools read of the store, as plain functions of a ``Store``: run on the window's reader threads.

A click of the delete, merge, move or corner tool needs the feature under the cursor, its stored
geometry and what a person calls it; snapping needs the outlines near the cursor. Each is a few R-tree
lookups, but on the UI thread even those wait for QGIS or ogr2ogr holding the store's lock (issue 14),
so the tools hand these functions to ``ui.sharing.readers`` and act when the answer lands. They take
the reader's own read-only ``Store`` and return plain values (no Qt, nothing tied to a connection).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import shapely

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata import identify
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.reader import geometry_of
from baytak_desktop.mapdata.viewport import select_in_box
from baytak_desktop.store import BBox, Store
from baytak_desktop.store import query as store_query
from baytak_desktop.store.catalog import catalog_of

NAME_FIELDS = ("name", "title", "species", "water_body")  # what a person calls a feature, first found


@dataclass(frozen=True)
class Picked:
    """The feature of one layer under a click: its fid, uuid and stored geometry."""

    layer: str
    fid: int
    uuid: str
    geometry: shapely.Geometry | None


def holds_layer(store: Store, layer: str) -> bool:
    """Whether the store's file has ``layer``'s table (a store may lack one of the catalog's layers)."""
    schema = catalog_of(store.conn).get(layer)
    if schema is None:
        return False
    row = store.conn.execute("SELECT 1 FROM gpkg_contents WHERE table_name = ?", (schema.name,)).fetchone()
    return row is not None


def pick_feature(store: Store, style: LayerStyle, view: View, px: float, py: float, tolerance: float) -> Picked | None:
    """The feature of ``style.layer`` nearest device pixel (px, py) within ``tolerance`` pixels, if any."""
    layer = style.layer
    if not holds_layer(store, layer):
        return None
    hit = identify.nearest_feature(store.conn, style, view, px, py, tolerance)
    uuid = store_query.uuid_of(store.conn, layer, hit[0]) if hit is not None else None
    if hit is None or not uuid:
        return None
    return Picked(layer, hit[0], uuid, geometry_of(store.conn, layer, uuid))


def feature_at(
    store: Store, styles: Iterable[LayerStyle], view: View, px: float, py: float
) -> tuple[str, int, str] | None:
    """(layer, fid, uuid) of the topmost visible feature at device pixel (px, py): where photos dropped go."""
    hit = identify.identify_in_store(store, [s for s in styles if holds_layer(store, s.layer)], view, px, py)
    uuid = store_query.uuid_of(store.conn, *hit) if hit is not None else None
    return (hit[0], hit[1], uuid) if hit is not None and uuid else None


def stored_geometry(store: Store, layer: str, uuid: str) -> shapely.Geometry | None:
    """The feature's geometry as stored now (None when it is gone or the layer is missing)."""
    return geometry_of(store.conn, layer, uuid) if holds_layer(store, layer) else None


def feature_name(store: Store, layer: str, uuid: str) -> str:
    """What to call a feature in a question: its name or title, else the start of its uuid."""
    feature = store.get(layer, uuid)
    for field in NAME_FIELDS:
        value = feature.attributes.get(field)
        if value:
            return str(value)
    return uuid[:8]


def uuids_and_names(store: Store, layer: str, fids: Iterable[int]) -> list[tuple[str, str]]:
    """(uuid, name) of each of these fids still in the store: what Edit > Delete selected asks about."""
    found = [u for u in (store_query.uuid_of(store.conn, layer, fid) for fid in fids) if u]
    return [(uuid, feature_name(store, layer, uuid)) for uuid in found]


@dataclass(frozen=True)
class SnapCandidates:
    """The outlines snapping may land on, read once for an extent of the map (its visible layers)."""

    box: BBox  # the lon/lat box read (the view and a margin around it)
    layers: tuple[str, ...]
    geometries: np.ndarray  # shapely geometries (object array)
    tree: shapely.STRtree
    complete: bool  # False when a layer had more than the limit in the box (zoomed far out)

    def covers(self, box: BBox, layers: tuple[str, ...]) -> bool:
        """Whether this read answers for ``box`` of ``layers``."""
        west, south, east, north = box
        return (
            layers == self.layers
            and west >= self.box[0]
            and south >= self.box[1]
            and east <= self.box[2]
            and north <= self.box[3]
        )

    def near(self, box: BBox) -> list[shapely.Geometry]:
        """The candidates whose envelope meets ``box`` (the cursor's reach)."""
        return list(self.geometries[self.tree.query(shapely.box(*box))])


def snap_candidates(store: Store, layers: Iterable[str], box: BBox, limit: int) -> SnapCandidates:
    """Up to ``limit`` geometries of each layer whose envelope meets ``box``, indexed for the cursor."""
    chosen, complete = tuple(layers), True
    found: list[shapely.Geometry] = []
    for layer in chosen:
        if not holds_layer(store, layer):
            continue
        rows = select_in_box(store.conn, catalog_of(store.conn).layer(layer).name, "geom", box, limit=limit)
        complete = complete and len(rows) < limit
        found.extend(g for g in blobs.many_to_shapely([r[0] for r in rows]) if g is not None)
    geometries = np.empty(len(found), dtype=object)
    geometries[:] = found
    return SnapCandidates(box, chosen, geometries, shapely.STRtree(geometries), complete)
