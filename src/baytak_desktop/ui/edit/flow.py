"""How an edit travels through the window: tool -> form -> EditSession -> map, table, counts.

The tools place and draw; the form collects the values; the EditSession writes one transaction per
user action. This module connects them and, after every write (and every undo or redo), refreshes
what shows the data: the layer on the map, the attribute table, the layer counts, the "not yet
synced" count in the status bar, and the orange rings of edited-but-not-synced features on the map
and in the table. Photos dropped on the map with the add tool place a site at their EXIF position.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from PySide6.QtCore import QCoreApplication, QEvent, QObject

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import get_layer
from baytak_desktop.store import DatabaseError
from baytak_desktop.store.attachments import read_photo_metadata
from baytak_desktop.store.edits import check_photo
from baytak_desktop.ui.edit.form_panel import FeatureFormPanel
from baytak_desktop.ui.edit.pending import PendingTracker
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.add_point import AddPointTool
from baytak_desktop.ui.edit.tools.draw_shape import DrawShapeTool
from baytak_desktop.ui.layers.style_model import error_text


class EditFlow(QObject):
    """Connects the tools, the form panel, the session and the window's views."""

    def __init__(self, window, session: EditSession, panel: FeatureFormPanel, layer_of) -> None:
        super().__init__(window)
        self.window, self.session, self.panel, self.layer_of = window, session, panel, layer_of
        self.tracker = PendingTracker(self)
        window.canvas.scene().addItem(self.tracker.rings)
        self._later_photos: list[Path] = []  # dropped with the first one: attached once it is saved
        self.show_form = lambda: None  # raises the form dock (set by EditActions)
        session.sigLayerChanged.connect(self._layer_changed)
        session.sigFeatureChanged.connect(self._feature_changed)
        session.sigError.connect(lambda text: self.show_message(text, "error"))
        panel.sigSaved.connect(self._saved)
        panel.sigClosed.connect(self._form_closed)
        panel.sigGeometryFixed.connect(self._geometry_fixed)
        window.table.model.sigQueryFinished.connect(self.mark_table)

    # -- the store ----------------------------------------------------------------------------------------
    def set_store(self, store) -> None:
        self.panel.clear()
        self.session.set_store(store)
        self.tracker.store = store  # read again by the window's refresh_changes() once the store is shown
        if store is None:
            self.tracker.reload()

    def reload_pending(self) -> int:
        """Read the unsynced features again (a new store, an import, a sync); returns how many edits.

        This is the one full read of the change journal (it grows with the number of unsynced
        features); after a single edit only that feature is looked at again (``_feature_changed``).
        """
        count = self.tracker.reload()
        self.mark_table()
        return count

    def mark_table(self) -> None:
        model = self.window.table.model
        model.set_pending(self.tracker.fids(model.layer()))

    # -- tools -> form -------------------------------------------------------------------------------------
    def connect_tool(self, tool) -> None:
        tool.sigMessage.connect(self.show_message)
        tool.sigHint.connect(self._show_hint)
        if isinstance(tool, AddPointTool):
            tool.sigPointPlaced.connect(lambda lon, lat: self.new_feature(shapely.Point(lon, lat)))
            tool.sigPhotosDropped.connect(self.place_photos)

    def connect_drawing(self, tool: DrawShapeTool) -> None:
        """A polygon tool that creates features: the form opens at the third corner and follows the outline."""
        tool.sigShapeChanged.connect(lambda shape: self._drawing(tool, shape))
        tool.sigShapeFinished.connect(lambda shape: self._drawn(tool, shape))

    def new_feature(self, geometry: shapely.Geometry, **options) -> None:
        layer = self.layer_of()
        if layer is None:
            return
        self.panel.new_feature(layer, geometry, **options)
        self.show_form()

    def _drawing(self, tool: DrawShapeTool, shape) -> None:
        if shape is None:  # Esc, or the tool was put away: an unsaved outline goes with it
            if self.panel.is_new() and self.panel.finish_drawing is not None:
                self.panel.cancel()
            return
        if shape.geom_type != "Polygon" or tool.finished is not None:
            return
        if self.panel.is_new() and self.panel.layer == self.layer_of():
            self.panel.set_geometry(shape)
        else:
            self.new_feature(shape, finish=tool.finish)

    def _drawn(self, tool: DrawShapeTool, shape) -> None:
        if not (self.panel.is_new() and self.panel.layer == self.layer_of()):
            self.new_feature(shape)
        self.panel.finish_drawing = None
        self.panel.set_geometry(shape)

    def _geometry_fixed(self, geometry) -> None:
        tool = self.window.canvas.tool()
        if tool is not None:
            tool.band.set_geometry(geometry)
            if isinstance(tool, DrawShapeTool):
                tool.finished = geometry

    def _saved(self, layer: str, uuid: str) -> None:
        tool = self.window.canvas.tool()
        if isinstance(tool, (AddPointTool, DrawShapeTool)):
            tool.reset()
        photos, self._later_photos = self._later_photos, []
        for path in photos:
            try:
                self.session.attach_photo(layer, uuid, path)
            except BaytakError as error:
                self.show_message(error_text(error), "error")
        fid = self.session.store.fid_of(layer, uuid)
        if fid is not None:
            self.window.selection.select(layer, [fid])

    def _form_closed(self) -> None:
        self._later_photos = []
        tool = self.window.canvas.tool()
        if isinstance(tool, (AddPointTool, DrawShapeTool)) and tool.is_active():
            tool.reset()

    # -- photos on the map ----------------------------------------------------------------------------------
    def place_photos(self, paths: list[Path]) -> bool:
        """A geotagged photo places a new site at its EXIF position and date; the others are attached to it."""
        layer = self.layer_of()
        if layer is None or get_layer(layer).is_polygon:
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
            self.show_message(error_text(error), "error")
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
        tool = self.window.canvas.tool()
        if isinstance(tool, AddPointTool):
            tool.band.set_geometry(shapely.Point(meta.lon, meta.lat))
        self.new_feature(shapely.Point(meta.lon, meta.lat), values=_photo_values(layer, meta.taken_at), photo=first)
        self._later_photos = rest
        return True

    def attach_dropped(self, paths: list[Path], pos) -> int:
        """Photos dropped on a feature of the map: attached to it (one undo step each); returns how many."""
        canvas = self.window.canvas
        view = canvas.current_view()
        hit = canvas.layers.identify(view, pos.x() * view.dpr, pos.y() * view.dpr)
        uuid = self.session.store.uuid_of(*hit) if hit is not None else None
        if uuid is None:
            self.show_message(
                QCoreApplication.translate(
                    "EditFlow",
                    "Drop photos on a feature to attach them, or choose Add point to place a new site "
                    "at a photo's position",
                ),
                "info",
            )
            return 0
        attached = 0
        for path in paths:
            try:
                self.session.attach_photo(hit[0], uuid, path)
                attached += 1
            except BaytakError as error:
                self.show_message(error_text(error), "error")
        self.window.show_feature(*hit)
        return attached

    # -- after every write -----------------------------------------------------------------------------------
    def _layer_changed(self, layer: str) -> None:
        window = self.window
        window.canvas.refresh(layer)
        if window.table.model.layer() == layer:
            window.table.refresh()
        window.layer_panel.refresh_counts()

    def _feature_changed(self, layer: str, uuid: str) -> None:
        try:
            self.tracker.feature_changed(layer, uuid)
        except DatabaseError as error:
            self.show_message(str(error), "error")
        self.mark_table()
        self.window.status.show_changes(self.tracker.count())
        shown = self.window.details.shown()
        if shown is not None and shown[0] == layer and self.session.store is not None:
            if self.session.store.uuid_of(layer, shown[1]) is not None:
                self.window.details.show_feature(self.session.store, layer, shown[1])
            else:
                self.window.details.clear()

    # -- messages ------------------------------------------------------------------------------------------
    def show_message(self, text: str, level: str = "warning") -> None:
        if text:
            self.window.message_bar.show_message(text, level, f"edit:{level}")

    def _show_hint(self, text: str) -> None:
        if text:
            self.window.message_bar.show_message(text, "info", "edit:hint")
        else:
            self.window.message_bar.dismiss("edit:hint")


def _photo_values(layer: str, taken_at: str | None) -> dict:
    """The site's date from the photo's EXIF time: observed_on where the layer has it, else its first date."""
    if not taken_at:
        return {}
    dates = [f.name for f in get_layer(layer).editable_fields if f.type.value == "DATE"]
    name = "observed_on" if "observed_on" in dates else dates[0] if dates else None
    return {name: taken_at[:10]} if name else {}


def is_photo_drop(event: QEvent) -> bool:
    mime = event.mimeData()
    return mime is not None and mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())
