"""Edit the corners of one feature: drag a corner, double-click an edge to add one, Delete to remove one.

Click a feature of the edited layer to show its corners as handles. Dragging a handle moves the corner
(the rubber band follows; the store is written once, on release: one undo step). A click on a handle
chooses it, and Delete or Backspace removes it (a ring keeps at least 3 corners: the store's own
check says so). A double-click on an edge inserts a corner exactly on it. A point feature has one
handle: dragging it moves the point.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeyEvent

from baytak_desktop.errors import BaytakError, ValidationError
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.tool_reads import Picked
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.base import MapEvent, MapTool, problem_text
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.messages import message_of

HANDLE_REACH_PX = 8.0
CLICK_SLOP_PX = 2.0
DELETE_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


@dataclass(frozen=True)
class Vertices:
    """The corners of a Point, a (Multi)LineString or a (Multi)Polygon as open rings; a corner is named
    (ring, index). A line's points are a ring that is never closed."""

    rings: tuple[np.ndarray, ...]  # (n, 2) each, without the closing repeat of the first corner
    parts: tuple[tuple[int, ...], ...]  # ring numbers of each polygon (exterior first) or line; () for a point
    line: str | None = None  # "LineString" or "MultiLineString" for a line, None for the others

    @classmethod
    def of(cls, geometry: shapely.Geometry) -> Vertices:
        if geometry.geom_type == "Point":
            return cls((np.array([[geometry.x, geometry.y]]),), ())
        if geometry.geom_type in ("LineString", "MultiLineString"):
            lines = [np.asarray(part.coords)[:, :2].copy() for part in getattr(geometry, "geoms", [geometry])]
            return cls(tuple(lines), tuple((i,) for i in range(len(lines))), geometry.geom_type)
        rings: list[np.ndarray] = []
        parts: list[tuple[int, ...]] = []
        for polygon in getattr(geometry, "geoms", [geometry]):
            numbers = []
            for ring in (polygon.exterior, *polygon.interiors):
                numbers.append(len(rings))
                rings.append(np.asarray(ring.coords)[:-1, :2].copy())
            parts.append(tuple(numbers))
        return cls(tuple(rings), tuple(parts))

    def coords(self) -> np.ndarray:
        return np.vstack(self.rings) if self.rings else np.empty((0, 2))

    def key_of(self, flat: int) -> tuple[int, int]:
        for ring, coords in enumerate(self.rings):
            if flat < len(coords):
                return ring, flat
            flat -= len(coords)
        raise IndexError(flat)

    def at(self, key: tuple[int, int]) -> tuple[float, float]:
        x, y = self.rings[key[0]][key[1]]
        return float(x), float(y)

    def moved(self, key: tuple[int, int], lonlat: tuple[float, float]) -> Vertices:
        return self._with(key[0], _replace_row(self.rings[key[0]], key[1], lonlat))

    def inserted(self, ring: int, before: int, lonlat: tuple[float, float]) -> Vertices:
        return self._with(ring, np.insert(self.rings[ring], before, lonlat, axis=0))

    def removed(self, key: tuple[int, int]) -> Vertices:
        return self._with(key[0], np.delete(self.rings[key[0]], key[1], axis=0))

    def _with(self, number: int, coords: np.ndarray) -> Vertices:
        return Vertices(tuple(coords if i == number else r for i, r in enumerate(self.rings)), self.parts, self.line)

    def can_remove(self, key: tuple[int, int]) -> bool:
        """A point's one corner and a line's last two points stay (delete the feature instead); an area's
        corner goes, and the check on saving says when too few are left."""
        return bool(self.parts) and (self.line is None or len(self.rings[key[0]]) > 2)

    def geometry(self) -> shapely.Geometry:
        if not self.parts:
            return shapely.Point(*self.rings[0][0])
        if self.line == "LineString":
            return shapely.LineString(self.rings[0])
        if self.line:
            return shapely.MultiLineString([shapely.LineString(ring) for ring in self.rings])
        polygons = [
            shapely.Polygon(_closed(self.rings[p[0]]), [_closed(self.rings[h]) for h in p[1:]]) for p in self.parts
        ]
        return shapely.MultiPolygon(polygons)

    def nearest_edge(
        self, view: View, px: float, py: float, reach: float
    ) -> tuple[int, int, tuple[float, float]] | None:
        """(ring, insert-before index, lon/lat on the edge) of the edge nearest device pixel (px, py)."""
        best = None
        for number, ring in enumerate(self.rings if self.parts else ()):
            closed = ring if self.line else _closed(ring)
            sx, sy = view.pixels(closed[:, 0], closed[:, 1])
            ax, ay, bx, by = sx[:-1], sy[:-1], sx[1:], sy[1:]
            dx, dy = bx - ax, by - ay
            length2 = np.where(dx * dx + dy * dy == 0, 1.0, dx * dx + dy * dy)
            t = np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0.0, 1.0)
            distance = np.hypot(ax + t * dx - px, ay + t * dy - py)
            i = int(np.argmin(distance))
            if distance[i] <= reach and (best is None or distance[i] < best[0]):
                point = closed[i] + t[i] * (closed[i + 1] - closed[i])
                best = (float(distance[i]), number, i + 1, (float(point[0]), float(point[1])))
        return None if best is None else best[1:]


def _closed(ring: np.ndarray) -> np.ndarray:
    return np.vstack([ring, ring[:1]])


def _replace_row(coords: np.ndarray, index: int, lonlat: tuple[float, float]) -> np.ndarray:
    out = coords.copy()
    out[index] = lonlat
    return out


class VertexEditTool(MapTool):
    def __init__(
        self,
        session: EditSession,
        layer_of: Callable[[], str | None],
        snapper: Snapper | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(snapper, parent)
        self.session = session
        self.layer_of = layer_of
        self.feature: tuple[str, str] | None = None  # layer, uuid being edited
        self.vertices: Vertices | None = None
        self.chosen: tuple[int, int] | None = None
        self._drag: tuple[tuple[int, int], MapEvent] | None = None
        self._dragged: Vertices | None = None
        self._saving: Vertices | None = None
        session.signals.sigFeatureChanged.connect(self._feature_changed)

    def hint(self) -> str:
        return QCoreApplication.translate(
            "MapTool",
            "Click a feature, then drag its corners; double-click an "
            "edge to add a corner, Delete removes the chosen corner",
        )

    def reset(self) -> None:
        self.feature, self.vertices, self.chosen, self._drag, self._dragged = None, None, None, None, None
        super().reset()

    def edit(self, layer: str, uuid: str, chosen: tuple[int, int] | None = None) -> None:
        """Show the corners of this feature for editing, once its geometry is read (on a reader)."""
        self.geometry_then(layer, uuid, lambda geometry: self._edit(layer, uuid, geometry, chosen))

    def _edit(
        self, layer: str, uuid: str, geometry: shapely.Geometry | None, chosen: tuple[int, int] | None = None
    ) -> None:
        if geometry is None or geometry.is_empty:
            self.reset()
            return
        self.feature, self.vertices, self.chosen = (layer, uuid), Vertices.of(geometry), None
        if chosen is not None and _has(self.vertices, chosen):
            self.chosen = chosen
        self._show(self.vertices)

    # -- events ----------------------------------------------------------------------------------------
    def click(self, event: MapEvent) -> bool:
        layer = self.layer_of()
        if layer is None:
            self.reset()
        else:
            self.pick_then(event, layer, self._clicked)
        return True

    def _clicked(self, hit: Picked | None) -> None:
        if hit is None:
            self.reset()
        elif self.feature != (hit.layer, hit.uuid):
            self._edit(hit.layer, hit.uuid, hit.geometry)

    def press(self, event: MapEvent) -> bool:
        key = self._handle_at(event) if event.button == Qt.MouseButton.LeftButton else None
        if key is None:
            return False
        self._drag, self._dragged = (key, event), None
        return True

    def move(self, event: MapEvent, dragging: bool) -> None:
        if not dragging or self._drag is None or self.vertices is None:
            return
        key, start = self._drag
        if abs(event.x - start.x) + abs(event.y - start.y) < CLICK_SLOP_PX and self._dragged is None:
            return
        self._dragged = self.vertices.moved(key, event.lonlat)
        self._show(self._dragged, self._dragged.at(key))

    def release(self, event: MapEvent) -> None:
        drag, dragged = self._drag, self._dragged
        self._drag, self._dragged = None, None
        if drag is None or self.vertices is None:
            return
        if dragged is None:  # a click on a handle chooses it
            self.chosen = drag[0]
            self._show(self.vertices)
            return
        self.chosen = drag[0]
        if not self._save(dragged):
            self._show(self.vertices)

    def double_click(self, event: MapEvent) -> bool:
        if self.vertices is None or self._handle_at(event) is not None:
            return self.vertices is not None
        view = self.active_canvas.current_view()
        edge = self.vertices.nearest_edge(view, event.x * view.dpr, event.y * view.dpr, HANDLE_REACH_PX * view.dpr)
        if edge is not None:
            ring, before, lonlat = edge
            self.chosen = (ring, before)
            self._save(self.vertices.inserted(ring, before, lonlat))
        return True

    def key(self, event: QKeyEvent) -> bool:
        if self.chosen is not None and self.vertices is not None and event.key() in DELETE_KEYS:
            if not self.vertices.can_remove(self.chosen):
                return True  # too few corners would be left: delete the feature instead
            remaining, self.chosen = self.vertices.removed(self.chosen), None
            self._save(remaining)
            return True
        return super().key(event)

    def snap_ignore(self) -> np.ndarray | None:
        if self._drag is None or self.vertices is None:
            return None
        return np.array([self.vertices.at(self._drag[0])])

    # -- helpers -----------------------------------------------------------------------------------------
    def _handle_at(self, event: MapEvent) -> tuple[int, int] | None:
        if self.vertices is None:
            return None
        coords = self.vertices.coords()
        view = self.active_canvas.current_view()
        sx, sy = view.pixels(coords[:, 0], coords[:, 1])
        distance = np.hypot(sx - event.x * view.dpr, sy - event.y * view.dpr)
        flat = int(np.argmin(distance))
        return self.vertices.key_of(flat) if distance[flat] <= HANDLE_REACH_PX * view.dpr else None

    def _save(self, vertices: Vertices) -> bool:
        if self.feature is None:
            return False
        layer, uuid = self.feature
        self._saving = vertices  # our own save: the corners are known, no need to read them back
        try:
            self.session.update_geometry(layer, uuid, vertices.geometry())
        except ValidationError as invalid:
            self.sigMessage.emit(problem_text(invalid.problems), "error")
            return False
        except BaytakError as error:
            self.sigMessage.emit(message_of(error), "error")
            return False
        finally:
            self._saving = None
        return True

    def _show(self, vertices: Vertices, dragged: tuple[float, float] | None = None) -> None:
        geometry = vertices.geometry()
        self.band.set_geometry(geometry if vertices.parts else None)
        chosen = dragged or (
            vertices.at(self.chosen) if self.chosen is not None and _has(vertices, self.chosen) else None
        )
        self.band.set_handles(vertices.coords(), chosen)

    def _feature_changed(self, layer: str, uuid: str) -> None:
        """Saved, undone or redone: show the corners as stored (or nothing when it was deleted)."""
        if self.feature == (layer, uuid) and self._saving is not None:
            self.vertices = self._saving
            self._show(self.vertices)
        elif self.feature == (layer, uuid) and self.canvas is not None:
            self.edit(layer, uuid, self.chosen)


def _has(vertices: Vertices, key: tuple[int, int]) -> bool:
    return key[0] < len(vertices.rings) and key[1] < len(vertices.rings[key[0]])
