"""Snapping: a click near a vertex or an edge of a visible layer lands exactly on it.

Two quarries that share a fence line, a cleanup area drawn along a shore: without snapping their
outlines leave slivers and overlaps that no one can see at field zoom. The snapper measures in screen
pixels and prefers a vertex (returned as the stored coordinates, bit for bit) over a point on an edge.

It never reads the store on a mouse move (issue 14: the UI thread never waits on the database, and a
query per move would not keep up anyway): the outlines of the visible layers in the map's extent and a
margin around it are read once on a reader thread (``mapdata.tool_reads.snap_candidates``, indexed in
an STRtree), and each move looks only there. The read is asked again when the map shows an extent it
does not cover (a pan, a zoom out), when the visible layers change, and when the store's features
change (an edit, another program's save); until it lands the previous candidates serve.
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QObject, Signal

from baytak_desktop.mapdata.projection import View, to_lonlat
from baytak_desktop.mapdata.tool_reads import SnapCandidates, snap_candidates
from baytak_desktop.store import BBox
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.sharing.readers import Readers

DEFAULT_TOLERANCE_PX = 10
CANDIDATES = 20_000  # features per layer read for the extent: more only when zoomed far out
MARGIN = 0.5  # the extent read reaches this share of the view's size beyond each edge: a small pan needs no read


class Snapper(QObject):
    """Where a cursor position snaps to; ``enabled`` and ``tolerance_px`` are the user's settings."""

    sigChanged = Signal()

    def __init__(
        self, parent: QObject | None = None, *, enabled: bool = True, tolerance_px: int = DEFAULT_TOLERANCE_PX
    ) -> None:
        super().__init__(parent)
        self.enabled = enabled
        self.tolerance_px = tolerance_px
        self.readers: Readers | None = None  # the window's reader threads: the candidates are read there
        self.candidates: SnapCandidates | None = None
        self._canvas: MapCanvas | None = None  # the last one snapped on: refreshed for its extent
        self._asked: tuple[BBox, tuple[str, ...]] | None = None  # the read on its way

    def invalidate(self, *_args: object) -> None:
        """The store's features changed: with an edit tool out, read the candidates again at once (the
        old ones serve meanwhile); otherwise forget them, and the next tool's first move reads them
        (another program appending in a loop asks for no read while nobody edits)."""
        self._asked = None
        if self._canvas is not None and self._canvas.tool() is not None and self.candidates is not None:
            self._refresh(self._canvas, force=True)
        else:
            self.candidates = None

    def forget(self) -> None:
        """Another store is shown: nothing of the previous one is snapped to."""
        self.candidates, self._asked = None, None

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
        self._canvas = canvas
        self._refresh(canvas)
        candidates = self.candidates
        return [] if candidates is None else candidates.near(_pixel_box(view, px, py, reach))

    def _refresh(self, canvas: MapCanvas, force: bool = False) -> None:
        """Ask for the candidates of the map's extent when the ones held (or asked) do not cover it."""
        readers = self.readers
        if readers is None or readers.path() is None:
            return
        view, layers = canvas.current_view(), canvas.layers
        visible = tuple(name for name in layers.present if layers.styles[name].visible)
        shown = view.lonlat_bbox()
        held = self.candidates
        if not force and held is not None and held.covers(shown, visible):
            return
        if not force and self._asked is not None and _inside(shown, self._asked[0]) and self._asked[1] == visible:
            return
        box = view.lonlat_bbox(margin_px=MARGIN * max(view.width, view.height))
        self._asked = (box, visible)

        def landed(candidates: SnapCandidates) -> None:
            if self._asked == (box, visible):
                self.candidates = candidates

        def failed(_error: Exception) -> None:  # another program's lock outlasted the wait: ask again later
            if self._asked == (box, visible):
                self._asked = None

        readers.read("snap-candidates", lambda store: snap_candidates(store, visible, box, CANDIDATES), landed, failed)


def _inside(inner: BBox, outer: BBox) -> bool:
    return inner[0] >= outer[0] and inner[1] >= outer[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


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
