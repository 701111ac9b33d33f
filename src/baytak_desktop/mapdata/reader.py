"""The map's own read-only connection to the store it shows, for the small queries of the UI thread.

Identify, the extents to zoom to, the outlines of the selected features, a feature's stored geometry:
each a few R-tree lookups (the edit tools and snapping read on the window's reader threads instead:
``mapdata.tool_reads``). Render workers open their own connections (``viewport.worker_connection``);
the window's ``Store`` is for editing. Which of our layers the file holds (``StoreLayout``: a store with
a missing layer still shows the others) is read where the store is opened, on the window's opening
thread, and handed in; the connection itself is opened at the first query, so showing a store makes no
database call on the UI thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import shapely

from baytak_desktop.layers import Catalog
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata import identify
from baytak_desktop.mapdata.projection import View
from baytak_desktop.store import BBox, Store
from baytak_desktop.store import query as store_query
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.connection import check_is_geopackage, connect


@dataclass(frozen=True)
class StoreLayout:
    """The store's layers (built-in and published), which of them the file holds, which it lacks."""

    catalog: Catalog
    present: tuple[str, ...]
    missing: tuple[str, ...]


def layout_of(conn: sqlite3.Connection, catalog: Catalog | None = None) -> StoreLayout:
    """Read which of the store's layers the file holds (``catalog``: the layers, when already read)."""
    tables = {row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents")}
    catalog = catalog if catalog is not None else catalog_of(conn)
    return StoreLayout(
        catalog,
        tuple(name for name in catalog if name in tables),
        tuple(name for name in catalog if name not in tables),
    )


class MapReader:
    """``MapReader(path, layout)``: the layout read elsewhere (no database call here until a query);
    without one it is read now."""

    def __init__(self, path: Path, layout: StoreLayout | None = None) -> None:
        self.path = path
        self._conn: sqlite3.Connection | None = None
        if layout is None:
            check_is_geopackage(path)
            layout = layout_of(self.conn)
        self.catalog = layout.catalog  # the store's layers: built-in and published
        self.present = list(layout.present)  # our layers this store holds
        self.missing = list(layout.missing)

    @property
    def conn(self) -> sqlite3.Connection:
        """The read-only connection, opened at the first query."""
        if self._conn is None:
            self._conn = connect(self.path, readonly=True)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

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


def store_layout(store: Store) -> StoreLayout:
    """Which of ``store``'s layers its file holds (read where the store is opened, off the UI thread)."""
    return layout_of(store.conn, store.catalog)


def layer_bbox_in_store(store: Store, layer: str) -> BBox | None:
    """The extent of ``layer`` read on ``store`` (a reader thread's); None for a layer the file lacks."""
    return identify.layer_bbox(store.conn, layer) if layer in layout_of(store.conn, store.catalog).present else None


def features_bbox_in_store(store: Store, layer: str, fids: Iterable[int]) -> BBox | None:
    """The box around some features of ``layer``, read on ``store`` (a reader thread's)."""
    if layer not in layout_of(store.conn, store.catalog).present:
        return None
    return identify.features_bbox(store.conn, layer, fids)


def geometry_of(conn: sqlite3.Connection, layer: str, uuid: str) -> shapely.Geometry | None:
    table = catalog_of(conn).layer(layer).name
    row = conn.execute(f'SELECT geom FROM "{table}" WHERE uuid = ?', (uuid,)).fetchone()
    return blobs.to_shapely(row[0]) if row else None
