"""The map's own read-only connection to the store it shows, for the small queries of the UI thread.

Identify, the extents to zoom to, the outlines of the selected features, a feature's stored geometry:
each a few R-tree lookups, fast enough for a click (the edit tools and snapping read on the window's
reader threads instead: ``mapdata.tool_reads``). Render workers open their own connections (``viewport.worker_connection``); the window's
``Store`` is for editing. Opening checks that the file is a GeoPackage and lists which of our layers it
holds, so a store with a missing layer still shows the others.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

import shapely

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata import identify
from baytak_desktop.mapdata.projection import View
from baytak_desktop.store import BBox
from baytak_desktop.store import query as store_query
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.connection import check_is_geopackage, connect


class MapReader:
    def __init__(self, path: Path) -> None:
        check_is_geopackage(path)
        self.path = path
        self.conn = connect(path, readonly=True)
        tables = {row[0] for row in self.conn.execute("SELECT table_name FROM gpkg_contents")}
        self.catalog = catalog_of(self.conn)  # the store's layers: built-in and published
        self.present = [name for name in self.catalog if name in tables]  # our layers this store holds
        self.missing = [name for name in self.catalog if name not in tables]

    def close(self) -> None:
        self.conn.close()

    def identify(
        self, styles: Iterable[LayerStyle], view: View, px: float, py: float, tolerance: float = 4.0
    ) -> tuple[str, int] | None:
        """(layer, fid) of the topmost visible feature at device pixel (px, py), or None."""
        return identify.identify(self.conn, [s for s in styles if s.layer in self.present], view, px, py, tolerance)

    def nearest(
        self, style: LayerStyle, view: View, px: float, py: float, tolerance: float
    ) -> tuple[int, float] | None:
        """(fid, distance in device pixels) of the feature of one layer nearest the click, if within reach."""
        if style.layer not in self.present:
            return None
        return identify.nearest_feature(self.conn, style, view, px, py, tolerance)

    def layer_bbox(self, layer: str) -> BBox | None:
        return identify.layer_bbox(self.conn, layer) if layer in self.present else None

    def features_bbox(self, layer: str, fids: Iterable[int]) -> BBox | None:
        return identify.features_bbox(self.conn, layer, fids) if layer in self.present else None

    def feature_geometries(self, layer: str, fids: Iterable[int]) -> list[shapely.Geometry]:
        return identify.feature_geometries(self.conn, layer, fids) if layer in self.present else []

    def uuid_of(self, layer: str, fid: int) -> str | None:
        return store_query.uuid_of(self.conn, layer, fid) if layer in self.present else None

    def geometry_of(self, layer: str, uuid: str) -> shapely.Geometry | None:
        return geometry_of(self.conn, layer, uuid) if layer in self.present else None


def geometry_of(conn: sqlite3.Connection, layer: str, uuid: str) -> shapely.Geometry | None:
    table = catalog_of(conn).layer(layer).name
    row = conn.execute(f'SELECT geom FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
    return blobs.to_shapely(row[0]) if row else None
