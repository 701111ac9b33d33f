"""The map canvas: a QGraphicsView over a Web Mercator scene, one item per layer, rendered off-thread.

The view state is a centre and a resolution (scene metres per pixel), clamped so the map stays
usable from the whole of Central Asia down to a single quarry. Every change restarts a short timer;
when it fires, each visible layer is rendered by :mod:`ui.map.scheduler` on a worker thread into an image of
exactly the viewport, and swapped into its :class:`RasterItem`. Until then the previous image stays,
moved and scaled with the view, so panning and zooming never wait for data. The UI thread only
handles events, small R-tree queries (identify, selection) and blits finished images.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

import numpy as np
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView, QRubberBand, QWidget

from baytak_desktop.io.mbtiles import MBTilesInfo
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata.projection import (
    METRES_PER_SCREEN_PIXEL,
    View,
    lonlat_box_to_scene,
    scale_denominator,
    to_lonlat,
    to_scene,
)
from baytak_desktop.mapdata.reader import StoreLayout
from baytak_desktop.mapdata.reference import ReferenceLayer
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import BBox
from baytak_desktop.ui import i18n
from baytak_desktop.ui.map.map_layers import MapLayers
from baytak_desktop.ui.map.scale_bar import ScaleBar
from baytak_desktop.ui.paint.basemap import BACKGROUND
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sharing.readers import Readers

KAZAKHSTAN = (46.5, 40.5, 87.4, 55.5)  # lon/lat box the app opens on
MIN_RES = 0.15  # scene metres per pixel at the closest zoom: a 300 m quarry fills the screen
MAX_RES = 20_000.0  # the farthest: all of Central Asia in a small window
PAN_LIMITS = (20.0, 20.0, 120.0, 68.0)  # the centre stays over the region the basemap covers
WHEEL_STEP = math.sqrt(2)  # zoom per wheel notch
CLICK_SLOP_PX = 4


class CanvasTool(Protocol):
    """What the canvas asks of an edit tool (``ui.edit.tools.base.MapTool``): it offers the events first."""

    def activate(self, canvas: MapCanvas) -> None: ...
    def deactivate(self) -> None: ...
    def reset(self) -> None: ...
    def canvas_press(self, event: QMouseEvent) -> bool: ...
    def canvas_move(self, event: QMouseEvent, dragging: bool) -> None: ...
    def canvas_release(self, event: QMouseEvent) -> None: ...
    def canvas_click(self, event: QMouseEvent) -> bool: ...
    def canvas_double_click(self, event: QMouseEvent) -> bool: ...
    def canvas_key(self, event: QKeyEvent) -> bool: ...


class MapCanvas(QGraphicsView):
    sigCursorMoved = Signal(float, float)  # lon, lat
    sigScaleChanged = Signal(float)  # the scale denominator (1:N) at the map centre
    sigIdentified = Signal(str, int)  # layer, fid of the feature clicked
    sigRenderFinished = Signal()  # every requested render has arrived
    sigUserPanned = Signal()  # the person moved the map by hand (a drag, the arrow keys): follow mode pauses

    def __init__(self, parent: QWidget | None = None, basemap: Path | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        left, top, right, bottom = lonlat_box_to_scene((-180.0, -85.0, 180.0, 85.0))
        self.scene().setSceneRect(QRectF(QPointF(left, top), QPointF(right, bottom)))
        self.setBackgroundBrush(QColor(BACKGROUND))
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.layers = MapLayers(self.scene(), basemap or basemap_path(), self)
        self.layers.sigIdle.connect(self._on_render_idle)
        self._render_timer = QTimer(self, singleShot=True, interval=40)
        self._render_timer.timeout.connect(self._render)
        self.scale_bar = ScaleBar(self.viewport())
        self._center = QPointF()
        self._res = 3000.0
        self._fit_box: tuple[float, float, float, float] | None = None
        self._moves = 0  # how often the view has been set: a zoom read on a reader lands only if unchanged
        self._window_size: QSize | None = None  # the window's size at the last resize of the map
        # Until the window has been shown and its docks have taken their sizes, every resize is part of
        # start-up: a fitted view is fitted again (else a small window shows a cut-off country).
        self._settled = False
        self._press: QPoint | None = None
        self._press_center = QPointF()
        self._dragging = False
        self._rubber = QRubberBand(QRubberBand.Shape.Rectangle, self.viewport())
        self._last_scale = 0.0
        self._tool: CanvasTool | None = None  # the active edit tool (ui.edit.tools), or None for pan/identify
        self._tool_press = False  # the tool took the current press: its drag and release go to it
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self.retranslate()
        self.zoom_to_kazakhstan()

    def retranslate(self) -> None:
        self.setToolTip("")
        self.setAccessibleName(self.tr("Map"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.layers.language_changed(i18n.current_language())
            self.schedule_render()
        super().changeEvent(event)

    # -- public API: data, styles, basemap ---------------------------------------------------------
    def set_readers(self, readers: Readers | None) -> None:
        """After a data change, read the selection's highlight on ``readers`` (the window's)."""
        self.layers.readers = readers

    def set_store(self, path: str | Path | None, layout: StoreLayout | None = None) -> None:
        """Show the store at ``path`` (or none); the canvas opens its own read-only connections. ``layout``:
        which layers the file holds, read where it was opened (then no database call here)."""
        self.layers.set_store(Path(path) if path else None, layout)
        self.schedule_render()

    def set_styles(self, styles: dict[str, LayerStyle]) -> None:
        if self.layers.set_styles(styles):
            self.schedule_render()

    def set_selection_model(self, model: SelectionModel) -> None:
        self.layers.set_selection_model(model)

    def refresh(self, layer: str | None = None) -> None:
        """The data of ``layer`` (or of every layer) changed: render it again."""
        self.layers.invalidate(layer)
        self.schedule_render()

    def set_basemap_visible(self, visible: bool) -> None:
        self.layers.set_basemap_visible(visible)
        self.schedule_render()

    def set_reference(self, layers: list[ReferenceLayer]) -> None:
        """Draw these OSM basemaps and drone or satellite images (bottom first), each at its opacity."""
        self.layers.set_reference(layers)
        self.schedule_render()

    def set_swipe(self, key: str | None, fraction: float = 0.5) -> None:
        """Swipe compare: the layer ``key`` shows only left of ``fraction`` of the view (None: whole again)."""
        self.layers.set_swipe(key, fraction)
        self.viewport().update()

    def add_mbtiles(self, path: str | Path) -> MBTilesInfo:
        """Draw the raster tiles of an MBTiles file under the data; TileSourceError if it is unusable."""
        info = self.layers.add_mbtiles(Path(path))
        self.schedule_render()
        return info

    def set_xyz_source(self, url_template: str | None, cache_dir: str | Path | None = None) -> None:
        """An online XYZ tile source (tiles cached in ``cache_dir``), or None for none: no request then."""
        self.layers.set_xyz_source(url_template, Path(cache_dir) if cache_dir else None)
        self.schedule_render()

    def basemap_problems(self) -> list[str]:
        return self.layers.basemap_problems()

    def problems(self) -> list[str]:
        """Everything the map could not show, and why (basemap, tiles, and store layers)."""
        return self.layers.problems()

    def is_idle(self) -> bool:
        return not self._render_timer.isActive() and self.layers.is_idle()

    def shutdown(self) -> None:
        """Stop rendering and wait for running jobs; the canvas shows nothing new afterwards."""
        self._render_timer.stop()
        self.layers.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- public API: the view ----------------------------------------------------------------------
    def zoom_to_lonlat(self, box: tuple[float, float, float, float]) -> None:
        self._fit(box)
        self._fit_box = box

    def zoom_to_scale(self, lon: float, lat: float, scale: float) -> None:
        """Centre on lon/lat at 1:``scale`` (on a 96 dpi screen, at that latitude)."""
        self._fit_box = None
        xs, ys = to_scene(np.array([lon]), np.array([lat]))
        res = scale * METRES_PER_SCREEN_PIXEL / math.cos(math.radians(lat))
        self._set_view(QPointF(float(xs[0]), float(ys[0])), res)

    def zoom_to_kazakhstan(self) -> None:
        self.zoom_to_lonlat(KAZAKHSTAN)

    def zoom_to_layer(self, name: str) -> None:
        """Fit the layer's extent, read on the window's readers (another program may hold the store)."""
        self._zoom_to_box_of(name, None)

    def zoom_to_features(self, layer: str, fids: Iterable[int]) -> None:
        self._zoom_to_box_of(layer, list(fids))

    def _zoom_to_box_of(self, layer: str, fids: list[int] | None) -> None:
        """Zoom to a box read on a reader; the answer moves the map only if the person has not moved it
        since (a pan, a wheel turn, another zoom): a late answer never undoes a newer action."""
        asked = self._moves

        def zoom(box: BBox | None) -> None:
            if box is not None and self._moves == asked:
                self.zoom_to_lonlat(_padded(box))

        if not self.layers.bbox_later(layer, fids, zoom):  # no readers (a canvas on its own): read here
            zoom(self.layers.layer_bbox(layer) if fids is None else self.layers.features_bbox(layer, fids))

    def center_on(self, lon: float, lat: float, res: float | None = None) -> None:
        """Put (lon, lat) in the middle of the view, at ``res`` scene metres per pixel (None: as it is)."""
        self._fit_box = None
        xs, ys = to_scene(np.array([lon]), np.array([lat]))
        self._set_view(QPointF(float(xs[0]), float(ys[0])), self._res if res is None else res, render_delay=150)

    def zoom_in(self) -> None:
        self._zoom_about(self.viewport().rect().center(), 1 / 2)

    def zoom_out(self) -> None:
        self._zoom_about(self.viewport().rect().center(), 2)

    def scale_denominator(self) -> float:
        return scale_denominator(self._res, to_lonlat(self._center.x(), self._center.y())[1])

    def resolution(self) -> float:
        """Scene metres per (logical) pixel."""
        return self._res

    def center_lonlat(self) -> tuple[float, float]:
        return to_lonlat(self._center.x(), self._center.y())

    def current_view(self) -> View:
        """The immutable snapshot of what the viewport shows, in device pixels, for render workers."""
        dpr = self.devicePixelRatioF()
        size = self.viewport().size()
        top_left = self.mapToScene(QPoint(0, 0))
        return View(
            top_left.x(),
            top_left.y(),
            self._res / dpr,
            max(1, round(size.width() * dpr)),
            max(1, round(size.height() * dpr)),
            dpr,
        )

    def lonlat_at(self, pos: QPoint | QPointF) -> tuple[float, float]:
        point = self.mapToScene(QPoint(round(pos.x()), round(pos.y())))
        return to_lonlat(point.x(), point.y())

    def pos_of(self, lon: float, lat: float) -> QPoint:
        """The viewport position of a lon/lat point (tests click features through it)."""
        xs, ys = to_scene(np.array([lon]), np.array([lat]))
        return self.mapFromScene(QPointF(float(xs[0]), float(ys[0])))

    # -- view state --------------------------------------------------------------------------------
    def _fit(self, box: tuple[float, float, float, float]) -> None:
        left, top, right, bottom = lonlat_box_to_scene(box)
        size = self.viewport().size()
        res = max((right - left) / max(size.width(), 1), (bottom - top) / max(size.height(), 1)) * 1.03
        self._set_view(QPointF((left + right) / 2, (top + bottom) / 2), res)

    def wheel_views(self) -> tuple[View, View]:
        """The views one wheel notch in and one out about the viewport's centre would show, to the
        pixel: the map draws them while it stands still (``MapLayers`` draws ahead), so such a zoom is a
        copy, and a notch about any other point a pan of it (every view at one resolution lies on one
        grid of whole pixels: the scroll bars' values)."""
        return self._zoomed_view(1 / WHEEL_STEP), self._zoomed_view(WHEEL_STEP)

    def _zoomed_view(self, factor: float) -> View:
        """What ``_zoom_about(centre of the viewport, factor)`` shows, computed as it and
        ``QGraphicsView.centerOn`` place the view (the scroll bars at the rounded pixel of the centre),
        without moving the map."""
        size = self.viewport().size()
        pos = self.viewport().rect().center()
        anchor = self.mapToScene(pos)
        res = min(MAX_RES, max(MIN_RES, self._res * factor))
        center = self._clamped(anchor + (self._center - anchor) * (res / self._res))
        transform = QTransform.fromScale(1 / res, 1 / res)
        middle = transform.map(center)
        scroll = QPointF(
            math.floor(middle.x() - size.width() / 2 + 0.5), math.floor(middle.y() - size.height() / 2 + 0.5)
        )
        top_left = transform.inverted()[0].map(scroll)
        dpr = self.devicePixelRatioF()
        return View(
            top_left.x(),
            top_left.y(),
            res / dpr,
            max(1, round(size.width() * dpr)),
            max(1, round(size.height() * dpr)),
            dpr,
        )

    @staticmethod
    def _clamped(center: QPointF) -> QPointF:
        left, top, right, bottom = lonlat_box_to_scene(PAN_LIMITS)
        return QPointF(min(right, max(left, center.x())), min(bottom, max(top, center.y())))

    def _set_view(self, center: QPointF, res: float, render_delay: int = 40) -> None:
        self._moves += 1  # a zoom read on a reader and answered after this does not move the map
        self._res = min(MAX_RES, max(MIN_RES, res))
        self._center = self._clamped(center)
        self.setTransform(QTransform.fromScale(1 / self._res, 1 / self._res))
        self.centerOn(self._center)
        lon, lat = self.center_lonlat()
        self.scale_bar.set_scale(lon, lat, math.degrees(self._res / 6378137.0))
        scale = self.scale_denominator()
        if abs(scale - self._last_scale) > 1e-6 * scale:
            self._last_scale = scale
            self.sigScaleChanged.emit(scale)
        self.schedule_render(render_delay)

    def _zoom_about(self, pos: QPoint | QPointF, factor: float) -> None:
        """Zoom by ``factor`` (resolution multiplier) keeping the scene point under ``pos`` in place."""
        self._fit_box = None
        anchor = self.mapToScene(QPoint(round(pos.x()), round(pos.y())))
        res = min(MAX_RES, max(MIN_RES, self._res * factor))
        ratio = res / self._res
        center = anchor + (self._center - anchor) * ratio
        self._set_view(center, res, render_delay=120)

    def _pan_pixels(self, dx: float, dy: float) -> None:
        self._fit_box = None
        self._set_view(self._center + QPointF(dx * self._res, dy * self._res), self._res, render_delay=150)

    def schedule_render(self, delay: int = 40) -> None:
        self._render_timer.start(delay)

    def _render(self) -> None:
        if self.viewport().width() > 1 and self.viewport().height() > 1:
            self.layers.render(self.current_view(), i18n.current_language(), self.wheel_views())
        if self.layers.is_idle():
            self.sigRenderFinished.emit()

    def _on_render_idle(self) -> None:
        if not self._render_timer.isActive():
            self.sigRenderFinished.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A fitted view (the country, a layer) is fitted again while the window itself takes its size
        (start, maximise); a panel that opens or closes inside the window only narrows or widens the
        map, which keeps its centre and scale, as QGIS's canvas does: the map never jumps under a form."""
        super().resizeEvent(event)
        self.scale_bar.move(8, self.viewport().height() - self.scale_bar.height() - 6)
        window = self.window().size()
        window_resized, self._window_size = window != self._window_size, window
        moves = self._moves  # a resize is not the person moving the map: a zoom being read still lands
        if self._fit_box is not None and (window_resized or not self.isVisible() or not self._settled):
            self._fit(self._fit_box)
        else:
            self._fit_box = None  # from here on the view is the person's: kept as it is
            self._set_view(self._center, self._res)
        self._moves = moves

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._settled:  # the docks take their sizes in the layout passes that follow the show
            QTimer.singleShot(0, self._settle)

    def _settle(self) -> None:
        self._settled = True

    # -- interaction -------------------------------------------------------------------------------
    def wheelEvent(self, event: QWheelEvent) -> None:
        notches = event.angleDelta().y() / 120
        if notches:
            self._zoom_about(event.position(), WHEEL_STEP**-notches)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tool is not None and self._tool.canvas_key(event):
            return event.accept()
        step = 0.25
        size = self.viewport().size()
        moves: dict[int, tuple[float, float]] = {
            Qt.Key.Key_Left: (-step * size.width(), 0),
            Qt.Key.Key_Right: (step * size.width(), 0),
            Qt.Key.Key_Up: (0, -step * size.height()),
            Qt.Key.Key_Down: (0, step * size.height()),
        }
        if event.key() in moves:
            self._pan_pixels(*moves[event.key()])
            self.sigUserPanned.emit()
        elif event.matches(QKeySequence.StandardKey.ZoomIn) or event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif event.matches(QKeySequence.StandardKey.ZoomOut) or event.key() == Qt.Key.Key_Minus:
            self.zoom_out()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.canvas_press(event):
            self._tool_press = True
            return event.accept()
        if event.button() != Qt.MouseButton.LeftButton:
            return super().mousePressEvent(event)
        self._press = event.position().toPoint()
        self._press_center = QPointF(self._center)
        self._dragging = False
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self._rubber.setGeometry(QRect(self._press, QSize()))
            self._rubber.show()
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        self.sigCursorMoved.emit(*self.lonlat_at(pos))
        if self._tool is not None:
            self._tool.canvas_move(event, self._tool_press)
            if self._tool_press:
                return
        if self._press is None:
            return
        if self._rubber.isVisible():
            self._rubber.setGeometry(QRect(self._press, pos).normalized())
        elif self._dragging or (pos - self._press).manhattanLength() > CLICK_SLOP_PX:
            self._dragging = True
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            delta = pos - self._press
            self._fit_box = None
            self._set_view(
                self._press_center - QPointF(delta.x() * self._res, delta.y() * self._res), self._res, render_delay=150
            )
            self.sigUserPanned.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._tool_press and self._tool is not None:
            self._tool_press = False
            self._tool.canvas_release(event)
            return event.accept()
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if self._rubber.isVisible():
            self._rubber.hide()
            box = QRectF(QPointF(self._press), QPointF(pos)).normalized()
            if box.width() > CLICK_SLOP_PX and box.height() > CLICK_SLOP_PX:
                self._zoom_to_viewport_rect(box)
        elif not self._dragging and not (self._tool is not None and self._tool.canvas_click(event)):
            self._identify(pos)
        self.viewport().unsetCursor()
        self._press, self._dragging = None, False
        event.accept()

    # -- edit tool hook: ui.edit.tools.base.MapTool gets the events first ----------------------------
    def set_tool(self, tool: CanvasTool | None) -> None:
        """Make ``tool`` (a MapTool) the active one, or None for plain pan and identify."""
        if self._tool is not None:
            self._tool.deactivate()
        self._tool, self._tool_press = tool, False
        self.viewport().unsetCursor()
        if tool is not None:
            tool.activate(self)

    def tool(self) -> CanvasTool | None:
        return self._tool

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.canvas_double_click(event):
            return event.accept()
        super().mouseDoubleClickEvent(event)

    def _zoom_to_viewport_rect(self, box: QRectF) -> None:
        self._fit_box = None
        size = self.viewport().size()
        factor = max(box.width() / max(size.width(), 1), box.height() / max(size.height(), 1))
        center = self.mapToScene(box.center().toPoint())
        self._set_view(center, self._res * factor)

    def _identify(self, pos: QPoint) -> None:
        """Select the topmost feature under ``pos`` and say so; a click on nothing clears the selection."""
        dpr = self.devicePixelRatioF()
        view, px, py = self.current_view(), pos.x() * dpr, pos.y() * dpr
        if not self.layers.identify_later(view, px, py, self._identified):  # in the window: on a reader
            self._identified(self.layers.identify(view, px, py))

    def _identified(self, hit: tuple[str, int] | None) -> None:
        self.layers.select(hit)
        if hit is not None:
            self.sigIdentified.emit(*hit)


def _padded(
    box: tuple[float, float, float, float], fraction: float = 0.08, minimum_deg: float = 0.004
) -> tuple[float, float, float, float]:
    """A box grown a little (features not glued to the edge), and at least ~400 m (a single point)."""
    west, south, east, north = box
    pad_x = max((east - west) * fraction, minimum_deg)
    pad_y = max((north - south) * fraction, minimum_deg)
    return west - pad_x, south - pad_y, east + pad_x, north + pad_y
