"""Snapping: a click near a vertex or an edge of a visible layer lands exactly on it.

Two quarries that share a fence line, a cleanup area drawn along a shore: without snapping their
outlines leave slivers and overlaps that no one can see at field zoom. The snapper asks the R-tree of
each visible layer for the features within ``tolerance_px`` of the cursor (a few rows, on the canvas's
read-only connection), measures in screen pixels, and prefers a vertex (returned as the stored
coordinates, bit for bit) over a point on an edge.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject, Signal

from baytak_desktop.mapdata.projection import View, to_lonlat
from baytak_desktop.ui.map.canvas import MapCanvas

DEFAULT_TOLERANCE_PX = 10
CANDIDATES = 200  # features per layer looked at around the cursor


class Snapper(QObject):
    """Where a cursor position snaps to; ``enabled`` and ``tolerance_px`` are the user's settings."""

    sigChanged = Signal()

    def __init__(
        self, parent: QObject | None = None, *, enabled: bool = True, tolerance_px: int = DEFAULT_TOLERANCE_PX
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.tolerance_px = tolerance_px

    def set_enabled(self, enabled: bool) -> None:
        if enabled != self.enabled:
            self.enabled = bool(enabled)
            self.sigChanged.emit()

    def set_tolerance(self, pixels: int) -> None:
        if pixels != self.tolerance_px:
            self.tolerance_px = max(1, int(pixels))
            self.sigChanged.emit()

    def snap(
        self,
        canvas: MapCanvas,
        x: float,
        y: float,
        *,
        extra: np.ndarray | None = None,
        ignore: np.ndarray | None = None,
    ) -> tuple[float, float] | None:
        """The lon/lat the viewport position (x, y) snaps to, or None.

        ``extra``: lon/lat vertices not in the store yet (the outline being drawn: close it on its first
        corner). ``ignore``: lon/lat vertices never to snap to (the vertex being dragged).
        """
        if not self.enabled:
            return None
        view = canvas.current_view()
        px, py, reach = x * view.dpr, y * view.dpr, self.tolerance_px * view.dpr
        geoms = self._nearby(canvas, view, px, py, reach)
        if extra is not None and len(extra):
            geoms.append(shapely.MultiPoint(np.asarray(extra, dtype=float)))
        if not geoms:
            return None
        return nearest_vertex(view, geoms, px, py, reach, ignore) or nearest_on_edge(view, geoms, px, py, reach)

    def _nearby(self, canvas: MapCanvas, view: View, px: float, py: float, reach: float) -> list[shapely.Geometry]:
        layers = canvas.layers
        if layers.reader is None:
            return []
        box = _pixel_box(view, px, py, reach)
        found: list[shapely.Geometry] = []
        for name in layers.present:
            if layers.styles[name].visible:
                found.extend(layers.reader.geometries_in_box(name, box, CANDIDATES))
        return found


def nearest_vertex(
    view: View, geoms: list[shapely.Geometry], px: float, py: float, reach: float, ignore: np.ndarray | None = None
) -> tuple[float, float] | None:
    """The stored lon/lat of the vertex nearest (px, py) within ``reach`` device pixels."""
    coords = shapely.get_coordinates(np.asarray(geoms, dtype=object))
    if ignore is not None and len(ignore) and len(coords):
        ignored = np.asarray(ignore, dtype=float).reshape(-1, 2)
        keep = ~(coords[:, None, :] == ignored[None, :, :]).all(axis=2).any(axis=1)
        coords = coords[keep]
    if not len(coords):
        return None
    sx, sy = view.pixels(coords[:, 0], coords[:, 1])
    distance = np.hypot(sx - px, sy - py)
    best = int(np.argmin(distance))
    if distance[best] > reach:
        return None
    return float(coords[best, 0]), float(coords[best, 1])


def nearest_on_edge(
    view: View, geoms: list[shapely.Geometry], px: float, py: float, reach: float
) -> tuple[float, float] | None:
    """The point of an edge (a polygon's outline or a line) nearest (px, py) within ``reach``."""
    edges = [
        g.boundary if g.geom_type in ("Polygon", "MultiPolygon") else g
        for g in geoms
        if g.geom_type not in ("Point", "MultiPoint")
    ]
    if not edges:
        return None
    on_screen = shapely.transform(
        np.asarray(edges, dtype=object), lambda c: np.column_stack(view.pixels(c[:, 0], c[:, 1]))
    )
    cursor = shapely.Point(px, py)
    distance = shapely.distance(on_screen, cursor)
    best = int(np.nanargmin(distance))
    if distance[best] > reach:
        return None
    nearest = shapely.get_coordinates(shapely.shortest_line(on_screen[best], cursor))[0]
    return to_lonlat(view.x0 + nearest[0] * view.res, view.y0 + nearest[1] * view.res)


def _pixel_box(view: View, px: float, py: float, radius: float) -> tuple[float, float, float, float]:
    x, y = view.x0 + px * view.res, view.y0 + py * view.res
    west, north = to_lonlat(x - radius * view.res, y - radius * view.res)
    east, south = to_lonlat(x + radius * view.res, y + radius * view.res)
    return west, south, east, north
