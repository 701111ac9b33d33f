"""Canvas items: one item per layer (pyqtgraph-style: a tiny ``paint`` and ``boundingRect``).

:class:`RasterItem` shows the last image rendered for its layer at the scene rectangle it was rendered
for, so while a new render runs off the UI thread the old image stays, moved and scaled with the view.
:class:`SelectionItem` draws the highlight of the selected features straight from their projected
paths (few features, cheap to draw on the UI thread, and it must follow a click at once).
"""

from __future__ import annotations

import numpy as np
import shapely
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap, QPolygonF, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsRectItem, QStyleOptionGraphicsItem, QWidget

from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.ui.paint.draw import draw_markers, qpolygonf

HIGHLIGHT = QColor("#ffd60a")
HIGHLIGHT_EDGE = QColor("#d00000")
MAX_HIGHLIGHT_POINTS = 5000
HALO_SCENE = 4e5  # scene metres: 20 px at the canvas's farthest zoom


class RasterItem(QGraphicsItem):
    """A rendered image placed at the scene rectangle it covers. In a :class:`LayerStack` (the canvas's
    layers) the stack draws it, composed with its neighbours; alone it draws itself."""

    def __init__(self) -> None:
        super().__init__()
        self.image: QImage | None = None
        self.rect = QRectF()
        self.swipe: float | None = None  # shown only left of this fraction of the viewport (swipe compare)
        self.stack: LayerStack | None = None

    def set_swipe(self, fraction: float | None) -> None:
        self.swipe = fraction
        self._changed()

    def set_image(self, image: QImage | None, rect: QRectF) -> None:
        self.prepareGeometryChange()
        self.image, self.rect = image, QRectF(rect)
        self._changed()

    def _changed(self) -> None:
        if self.stack is not None:
            self.stack.update()
        else:
            self.update()

    def clear(self) -> None:
        self.set_image(None, QRectF())

    def boundingRect(self) -> QRectF:
        return self.rect if self.image is not None else QRectF()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if self.image is None or self.stack is not None:
            return
        painter.save()
        draw_raster(painter, self, painter.worldTransform(), widget)
        painter.restore()


def draw_raster(
    painter: QPainter, item: RasterItem, world: QTransform, widget: QWidget | None, smooth: bool = True
) -> None:
    """``item``'s image where ``world`` puts its scene rectangle, in device pixels: a fresh image lands
    1:1, an old one (the view moved since) scaled, smoothly unless ``smooth`` is False."""
    assert item.image is not None
    target = world.mapRect(item.rect)
    painter.resetTransform()
    if item.swipe is not None and widget is not None:
        painter.setClipRect(QRectF(0, 0, widget.width() * item.swipe, widget.height()))
    painter.setRenderHint(
        QPainter.RenderHint.SmoothPixmapTransform,
        smooth and abs(target.width() - item.image.width() / item.image.devicePixelRatio()) > 0.5,
    )
    painter.drawImage(target, item.image)


_Entry = tuple[int, int, tuple[float, float, float, float], float, float | None]
SETTLED_AFTER = 2  # repaints in a row showing the same layers before they are composed into one picture


class LayerStack(QGraphicsRectItem):
    """Several raster layers drawn as one picture once they stop changing.

    Every repaint of the map blended each layer's full-screen image again: a mouse move over an edit
    tool's rubber band, the GPS marker, a selection, the frames of a drag. The stack draws its layers
    directly while they change (a swipe or an opacity dragged: composing them first would only add a
    copy), and once repaints in a row show the same layers, or a whole redraw has landed (``settle``),
    composes them into one picture, drawn
    from then on as one image; moved by whole pixels (a drag, the first repaint of a pan) the picture
    moves with the map. It sits at the z of its lowest layer (its members draw nothing themselves), so
    items between two stacks (the pending edits) stay between them. Old pictures scaled by a zoom, shown
    only until their new ones arrive, are drawn without smoothing (a fraction of the cost).

    A repaint calls Python only for the stacks' ``paint``: every Python method Qt calls while it paints
    (an item's ``boundingRect`` or ``paint``) takes the GIL, and while the render thread runs Python
    each such call may wait for it (up to the 5 ms switch interval, or the render thread's QPainter call
    that holds it). A repaint made 22 of them (each member's ``boundingRect`` and empty ``paint``, the
    stacks' ``boundingRect``): the members are flagged as having no contents (Qt skips them), and the
    stack's bounds are a rectangle item's, answered in C++."""

    def __init__(self, z: float) -> None:
        super().__init__(QRectF(-1e9, -1e9, 2e9, 2e9))  # the whole scene: the stack decides what it draws
        self.setPen(Qt.PenStyle.NoPen)
        self.setZValue(z)
        self.members: list[RasterItem] = []
        self._seen: list[_Entry] | None = None  # what the last repaint showed
        self._steady = 0  # repaints in a row that showed the same
        self._entries: list[_Entry] | None = None  # what the kept picture shows (None: no picture)
        self._picture: QImage | None = None
        self._settle = False  # the next repaint composes: a whole redraw has landed (``settle``)

    def settle(self) -> None:
        """A redraw's layers have all landed (shown together, ``ui.map.landing``): nothing more will
        change soon, so the next repaint composes them at once, and the next pan's first repaint moves
        one picture instead of blending every layer again."""
        self._settle = True
        self.update()

    def add(self, item: RasterItem) -> None:
        item.stack = self
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, True)  # the stack draws it
        self.members.append(item)
        self.update()

    def remove(self, item: RasterItem) -> None:
        item.stack = None
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, False)  # it draws itself again
        self.members.remove(item)
        self.update()

    def _moved(self, entries: list[_Entry]) -> QRectF | None:
        """Where the kept picture goes (logical pixels) when every layer only moved with the map since it
        was composed: shifted by whole device pixels (a pan), or scaled alike (a zoom's old pictures,
        shown until the new ones land); None when a layer changed or is swiped, or moved otherwise."""
        kept, picture = self._entries, self._picture
        if picture is None or kept is None or len(entries) != len(kept) or not entries:
            return None
        (x0, y0, w0, h0), (x1, y1, w1, h1) = entries[0][2], kept[0][2]
        if w1 <= 0 or h1 <= 0:
            return None
        sx, sy = w0 / w1, h0 / h1
        dx, dy = x0 - x1 * sx, y0 - y1 * sy
        dpr = picture.devicePixelRatio()
        if abs(sx - 1) < 1e-9 and abs(sy - 1) < 1e-9:
            sx = sy = 1.0
            if abs(dx * dpr - round(dx * dpr)) > 1e-6 or abs(dy * dpr - round(dy * dpr)) > 1e-6:
                return None
        for new, old in zip(entries, kept, strict=True):
            (nx, ny, nw, nh), (ox, oy, ow, oh) = new[2], old[2]
            if new[:2] != old[:2] or new[3:] != old[3:] or new[4] is not None:
                return None
            off = max(abs(nw - ow * sx), abs(nh - oh * sy), abs(nx - ox * sx - dx), abs(ny - oy * sy - dy))
            if off > 1e-3:
                return None
        width, height = picture.width() / dpr, picture.height() / dpr
        return QRectF(dx, dy, width * sx, height * sy)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        if widget is None:
            return
        world = painter.worldTransform()
        shown = sorted(
            (
                (item.zValue(), index, item)
                for index, item in enumerate(self.members)
                if item.image is not None and item.isVisible() and item.opacity() > 0
            ),
            key=lambda entry: entry[:2],
        )
        items = [item for _, _, item in shown]
        entries: list[_Entry] = []
        for item in items:
            assert item.image is not None
            target = world.mapRect(item.rect)
            box = (target.x(), target.y(), target.width(), target.height())
            entries.append((id(item), item.image.cacheKey(), box, item.opacity(), item.swipe))
        dpr = widget.devicePixelRatioF()
        size = QSize(max(1, round(widget.width() * dpr)), max(1, round(widget.height() * dpr)))
        if self._picture is not None and (self._picture.size() != size or self._picture.devicePixelRatio() != dpr):
            self._picture, self._entries = None, None
        moved = self._moved(entries)
        self._steady = self._steady + 1 if entries == self._seen else 0
        self._seen = entries
        settled, self._settle = self._settle or self._steady >= SETTLED_AFTER, False
        # changing (or a single repaint after a change): drawn directly; composed once it has settled
        if moved is None and not settled:
            for item in items:
                painter.save()
                painter.setOpacity(item.opacity())
                draw_raster(painter, item, world, widget)
                painter.restore()
            return
        if moved is None and entries != self._entries:
            if self._picture is None:
                self._picture = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
                self._picture.setDevicePixelRatio(dpr)
            # the lowest layer, fresh (1:1 over the whole view), opaque and not swiped, is copied (no fill, no blend)
            copied = bool(entries) and _covers(entries[0], size.width() / dpr, size.height() / dpr)
            if not copied:
                self._picture.fill(Qt.GlobalColor.transparent)
            composer = QPainter(self._picture)
            for index, item in enumerate(items):
                composer.save()
                composer.setOpacity(item.opacity())
                if copied and index == 0:
                    composer.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)
                draw_raster(composer, item, world, widget)
                composer.restore()
            composer.end()
            self._entries = entries
            moved = QRectF(0, 0, size.width() / dpr, size.height() / dpr)
        if self._picture is not None and moved is not None:
            painter.save()
            painter.resetTransform()
            if moved.size() == self._picture.deviceIndependentSize():
                painter.drawImage(moved.topLeft(), self._picture)
            else:  # a zoom's old pictures, until the new ones land: unsmoothed (a fraction of the cost)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
                painter.drawImage(moved, self._picture)
            painter.restore()


def _covers(entry: _Entry, width: float, height: float) -> bool:
    """Whether a layer's picture lands 1:1 on the whole view, opaque and not swiped."""
    (x, y, w, h), opacity, swipe = entry[2], entry[3], entry[4]
    return opacity >= 1 and swipe is None and max(abs(x), abs(y), abs(w - width), abs(h - height)) < 1e-6


class SelectionItem(QGraphicsItem):
    """The selected features: a bright halo under a red outline, in scene coordinates, cosmetic pens."""

    def __init__(self) -> None:
        super().__init__()
        self.paths: list[QPainterPath] = []
        self.points = np.empty((0, 2))
        self._bounds = QRectF()
        self._ring: tuple[float, QPixmap] | None = None  # the point ring's picture at its pixel ratio
        self.setZValue(1000)

    def set_geometries(self, geometries: list[shapely.Geometry]) -> None:
        """Lon/lat geometries of the selection. Points are taken all at once (a chart bar selects 25,000,
        shown again after each save of another program: one at a time that held the UI thread 50-290 ms)."""
        self.prepareGeometryChange()
        self.paths = []
        shapes = np.array([g for g in geometries if g is not None], dtype=object)
        kinds = shapely.get_type_id(shapes) if len(shapes) else np.empty(0, dtype=int)
        shown = ~shapely.is_empty(shapes) if len(shapes) else np.empty(0, dtype=bool)
        pointy = np.isin(kinds, (0, 4))  # Point, MultiPoint
        coords = shapely.get_coordinates(shapes[pointy & shown]) if len(shapes) else np.empty((0, 2))
        for geom in shapes[~pointy & shown]:
            self.paths.extend(geometry_paths(geom))
        self.points = np.column_stack(to_scene(coords[:, 0], coords[:, 1])) if len(coords) else coords
        rect = QRectF()
        for path in self.paths:
            rect = rect.united(path.boundingRect())
        if len(self.points):
            (x0, y0), (x1, y1) = self.points.min(axis=0), self.points.max(axis=0)
            rect = rect.united(QRectF(QPointF(x0, y0), QPointF(x1, y1)))
        self._bounds = rect
        self.update()

    def boundingRect(self) -> QRectF:
        # grown by a few pixels' worth even at the farthest zoom: the pens are cosmetic, the rings pixel-sized
        if not self.paths and not len(self.points):
            return QRectF()
        return self._bounds.adjusted(-HALO_SCENE, -HALO_SCENE, HALO_SCENE, HALO_SCENE)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for colour, width in ((HIGHLIGHT, 6.0), (HIGHLIGHT_EDGE, 2.0)):
            pen = QPen(colour, width)
            pen.setCosmetic(True)
            pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for path in self.paths:
                painter.drawPath(path)
        self._paint_points(painter, option.exposedRect)

    def _paint_points(self, painter: QPainter, exposed: QRectF) -> None:
        """A ring around each selected point, stamped from one picture: 5,000 antialiased ellipses drawn
        one Python call at a time held the UI thread ~300 ms per repaint (a chart bar selects 25,000)."""
        if not len(self.points):
            return
        inside = (
            (self.points[:, 0] >= exposed.left())
            & (self.points[:, 0] <= exposed.right())
            & (self.points[:, 1] >= exposed.top())
            & (self.points[:, 1] <= exposed.bottom())
        )
        shown = self.points[inside][:MAX_HIGHLIGHT_POINTS]
        if not len(shown):
            return
        device = painter.device()
        dpr = device.devicePixelRatioF() if hasattr(device, "devicePixelRatioF") else 1.0
        if self._ring is None or self._ring[0] != dpr:
            self._ring = (dpr, _ring_picture(dpr))
        t = painter.worldTransform()
        px = np.column_stack([shown[:, 0] * t.m11() + t.dx(), shown[:, 1] * t.m22() + t.dy()])
        width, height = int(device.width() * dpr), int(device.height() * dpr)
        painter.save()
        painter.resetTransform()
        draw_markers(painter, px, np.zeros(len(px), dtype=np.int64), [self._ring[1]], width, height)
        painter.restore()


def _ring_picture(dpr: float) -> QPixmap:
    """The selected point's ring (8 px radius, a 5 px yellow halo under a 2 px red line), drawn once."""
    side = int(np.ceil((2 * 8.0 + 5.0) * dpr)) + 2
    image = QImage(side, side, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for colour, width in ((HIGHLIGHT, 5.0), (HIGHLIGHT_EDGE, 2.0)):
        painter.setPen(QPen(colour, width * dpr))
        painter.drawEllipse(QPointF(side / 2, side / 2), 8.0 * dpr, 8.0 * dpr)
    painter.end()
    return QPixmap.fromImage(image)


def _ring(coords: np.ndarray) -> QPolygonF:
    return qpolygonf(np.column_stack(to_scene(coords[:, 0], coords[:, 1])))


def geometry_paths(geom: shapely.Geometry) -> list[QPainterPath]:
    """One path per polygon or line part (drawing parts one by one is ~20x faster than one big path)."""
    paths = []
    for part in getattr(geom, "geoms", [geom]):
        path = QPainterPath()
        if part.geom_type == "Polygon":
            path.addPolygon(_ring(np.asarray(part.exterior.coords)))
            for hole in part.interiors:
                path.addPolygon(_ring(np.asarray(hole.coords)))
            path.setFillRule(Qt.FillRule.OddEvenFill)
        elif part.geom_type == "LineString":
            path.addPolygon(_ring(np.asarray(part.coords)))
        else:
            continue
        paths.append(path)
    return paths
