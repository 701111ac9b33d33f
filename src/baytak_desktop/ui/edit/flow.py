"""How an edit travels: tool -> form -> EditSession -> store.

The tools place and draw; the form collects the values; the EditSession writes one transaction per
user action, and the store announces what changed to every view (``ui.store_signals``): nothing here
refreshes a view. This module connects the tools to the form, places sites from geotagged photos
(at their EXIF position) and attaches photos dropped on a feature. What the window should do (show the
form, show a feature, say something) it asks with signals, which the window connects.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shapely
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, Signal
from PySide6.QtGui import QDropEvent

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LayerSchema
from baytak_desktop.mapdata.tool_reads import feature_at
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.attachments import read_photo_metadata
from baytak_desktop.store.edits import check_photo
from baytak_desktop.ui.edit.form_panel import FeatureFormPanel
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.add_point import AddPointTool
from baytak_desktop.ui.edit.tools.base import MapTool
from baytak_desktop.ui.edit.tools.draw_shape import DrawShapeTool
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.selection import SelectionModel

DROP_EVENTS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)


class EditFlow(QObject):
    """Connects the tools, the form panel and the session."""

    sigShowForm = Signal()  # the form has something to show: raise its dock
    sigShowFeature = Signal(str, int)  # layer, fid: select it and show its details
    sigMessage = Signal(str, str)  # text in the UI language, level: info, warning, error
    sigHint = Signal(str)  # what to do next with the active tool ("" when nothing)

    def __init__(
        self,
        canvas: MapCanvas,
        selection: SelectionModel,
        session: EditSession,
        panel: FeatureFormPanel,
        layer_of: Callable[[], str | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.canvas, self.selection, self.session, self.panel, self.layer_of = (
            canvas,
            selection,
            session,
            panel,
            layer_of,
        )
        self._later_photos: list[Path] = []  # dropped with the first one: attached once it is saved
        self._select_when_written: tuple[str, str] | None = None  # saved on the writer thread: selected once written
        session.signals.sigFeatureChanged.connect(self._written)
        session.sigError.connect(lambda text: self.show_message(text, "error"))
        panel.sigSaved.connect(self._saved)
        panel.sigClosed.connect(self._form_closed)
        panel.sigGeometryFixed.connect(self._geometry_fixed)
        canvas.setAcceptDrops(True)
        canvas.viewport().installEventFilter(self)  # photos dropped on the map

    # -- the store ----------------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self.panel.clear()
        self.session.set_store(store)

    def _schema(self, layer: str | None) -> LayerSchema | None:
        """The edited layer's schema in the store's catalog (a published layer too)."""
        store = self.session.store
        return store.catalog.get(layer) if store is not None and layer is not None else None

    # -- tools -> form -------------------------------------------------------------------------------------
    def connect_tool(self, tool: MapTool) -> None:
        tool.sigMessage.connect(self.show_message)
        tool.sigHint.connect(self.sigHint)
        if isinstance(tool, AddPointTool):
            tool.sigPointPlaced.connect(lambda lon, lat: self.new_feature(shapely.Point(lon, lat)))
            tool.sigPhotosDropped.connect(self.place_photos)

    def connect_drawing(self, tool: DrawShapeTool) -> None:
        """A drawing tool that creates features: for an area the form opens at the third corner and
        follows the outline; for a line it opens when the line is finished."""
        tool.sigShapeChanged.connect(lambda shape: self._drawing(tool, shape))
        tool.sigShapeFinished.connect(lambda shape: self._drawn(tool, shape))

    def new_feature(self, geometry: shapely.Geometry, **options: Any) -> None:
        layer = self.layer_of()
        if layer is None:
            return
        self.panel.new_feature(layer, geometry, **options)
        self.sigShowForm.emit()

    def _drawing(self, tool: DrawShapeTool, shape: shapely.Geometry | None) -> None:
        if shape is None:  # Esc, or the tool was put away: an unsaved outline goes with it
            if self.panel.is_new() and self.panel.finish_drawing is not None:
                self.panel.cancel()
            return
        if shape.geom_type != "Polygon" or tool.finished is not None:
            return
        if not (self.panel.is_new() and self.panel.layer == self.layer_of()):
            self.new_feature(shape, finish=tool.finish)
        # the area follows the cursor; the checks look at the corners placed, so that "crosses itself"
        # does not blink on and off as the cursor sweeps past the first corner
        self.panel.set_geometry(shape, corners=tool.shape())

    def _drawn(self, tool: DrawShapeTool, shape: shapely.Geometry) -> None:
        if not (self.panel.is_new() and self.panel.layer == self.layer_of()):
            self.new_feature(shape)
        self.panel.finish_drawing = None
        self.panel.set_geometry(shape)

    def _geometry_fixed(self, geometry: shapely.Geometry) -> None:
        tool = self.canvas.tool()
        if isinstance(tool, MapTool):
            tool.band.set_geometry(geometry)
            if isinstance(tool, DrawShapeTool):
                tool.finished = geometry

    def _saved(self, layer: str, uuid: str) -> None:
        tool = self.canvas.tool()
        if isinstance(tool, (AddPointTool, DrawShapeTool)):
            tool.reset()
        photos, self._later_photos = self._later_photos, []
        for path in photos:
            try:
                self.session.attach_photo(layer, uuid, path)
            except BaytakError as error:
                self.show_message(message_of(error), "error")
        readers = self.panel.readers
        if self.session.writer is None or readers is None:  # written already: select it at once
            fid = self.session.store.fid_of(layer, uuid) if self.session.store is not None else None
            if fid is not None:
                self.selection.select(layer, [fid])
        else:  # selected once the writer thread wrote it (its fid is read on a reader then)
            self._select_when_written = (layer, uuid)

    def _written(self, layer: str, uuid: str) -> None:
        readers = self.panel.readers
        if self._select_when_written != (layer, uuid) or readers is None:
            return
        self._select_when_written = None

        def select(fid: int | None) -> None:
            if fid is not None:
                self.selection.select(layer, [fid])

        readers.read("saved-fid", lambda store: store.fid_of(layer, uuid), select)

    def _form_closed(self) -> None:
        self._later_photos = []
        tool = self.canvas.tool()
        if isinstance(tool, (AddPointTool, DrawShapeTool)) and tool.is_active():
            tool.reset()

    # -- photos on the map ----------------------------------------------------------------------------------
    def place_photos(self, paths: list[Path]) -> bool:
        """A geotagged photo places a new site at its EXIF position and date; the others are attached to it."""
        layer = self.layer_of()
        schema = self._schema(layer)
        if layer is None or schema is None or not schema.is_point:
            self.show_message(
                QCoreApplication.translate(
                    "EditFlow", "A photo gives a point: choose a point layer to place sites from photos"
                ),
                "warning",
            )
            return False
        first, rest = Path(paths[0]), [Path(p) for p in paths[1:]]
        try:
            check_photo(first)
            meta = read_photo_metadata(first.read_bytes())
        except BaytakError as error:
            self.show_message(message_of(error), "error")
            return False
        if meta.lat is None or meta.lon is None:
            self.show_message(
                QCoreApplication.translate(
                    "EditFlow",
                    "{name} has no GPS position in its EXIF data: place the site on the map or type its coordinates",
                ).format(name=first.name),
                "warning",
            )
            return False
        tool = self.canvas.tool()
        if isinstance(tool, AddPointTool):
            tool.band.set_geometry(shapely.Point(meta.lon, meta.lat))
        self.new_feature(shapely.Point(meta.lon, meta.lat), values=_photo_values(schema, meta.taken_at), photo=first)
        self._later_photos = rest
        return True

    def attach_dropped(self, paths: list[Path], pos: QPointF) -> bool:
        """Photos dropped on a feature of the map: attached to it (one undo step each) once the feature
        under the drop is read on a reader thread (the UI thread never waits on the database). False
        when there is no store to read."""
        readers = self.panel.readers
        if readers is None or readers.path() is None:
            return False
        view = self.canvas.current_view()
        px, py = pos.x() * view.dpr, pos.y() * view.dpr
        styles = [self.canvas.layers.styles[name] for name in self.canvas.layers.present]

        def failed(error: Exception) -> None:
            if not isinstance(error, (BaytakError, DatabaseError)):
                raise error
            self.show_message(message_of(error), "error")

        readers.read(
            "photo-drop",
            lambda store: feature_at(store, styles, view, px, py),
            lambda hit: self._attach(paths, hit),
            failed,
        )
        return True

    def _attach(self, paths: list[Path], hit: tuple[str, int, str] | None) -> None:
        if hit is None:
            self.show_message(
                QCoreApplication.translate(
                    "EditFlow",
                    "Drop photos on a feature to attach them, or choose Add point to place a new site "
                    "at a photo's position",
                ),
                "info",
            )
            return
        layer, fid, uuid = hit
        for path in paths:
            try:
                self.session.attach_photo(layer, uuid, path)
            except BaytakError as error:
                self.show_message(message_of(error), "error")
        self.sigShowFeature.emit(layer, fid)

    # -- photos dropped on the map -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in DROP_EVENTS and self.session.store is not None and is_photo_drop(event):
            assert isinstance(event, QDropEvent)  # DragEnter and DragMove events are drop events too
            event.acceptProposedAction()
            if kind == QEvent.Type.Drop:
                self._photos_dropped(event)
            return True
        return super().eventFilter(watched, event)

    def _photos_dropped(self, event: QDropEvent) -> None:
        """With the add tool: new sites at the photos' EXIF positions; otherwise the photos are attached
        to the feature they were dropped on."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        tool = self.canvas.tool()
        if isinstance(tool, AddPointTool):
            tool.drop_photos(paths)
        else:
            self.attach_dropped(paths, event.position())

    # -- messages ------------------------------------------------------------------------------------------
    def show_message(self, text: str, level: str = "warning") -> None:
        if text:
            self.sigMessage.emit(text, level)


def _photo_values(schema: LayerSchema, taken_at: str | None) -> dict[str, Any]:
    """The site's date from the photo's EXIF time: observed_on where the layer has it, else its first date."""
    if not taken_at:
        return {}
    dates = [f.name for f in schema.form_fields if f.type.value == "DATE"]
    name = "observed_on" if "observed_on" in dates else dates[0] if dates else None
    return {name: taken_at[:10]} if name else {}


def is_photo_drop(event: QEvent) -> bool:
    mime = event.mimeData() if isinstance(event, QDropEvent) else None  # DragEnter and DragMove are drops too
    return mime is not None and mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())
