"""The Edit menu and tool bar: undo/redo and history, the edit tools, snapping, delete, add by coordinates;
the feature form and edit history docks; the marks of edited-but-not-synced features on the map.

The edit tools act on the *edited layer*, chosen in the tool bar (it follows the layer chosen in the
layers panel). A tool that does not fit the layer's geometry is disabled: points are placed, areas
drawn, split and merged. The tools are exclusive checkable actions; "Pan / identify" puts them away.
Shortcuts: Ctrl+Z / Ctrl+Shift+Z, Ctrl+1..Ctrl+9 for the tools, F2 to edit the selected feature's
attributes, Delete to delete the selected features (disabled while corners are being edited, where
Delete removes a corner).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import shapely
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QFileDialog, QLabel, QSpinBox

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.mapdata.tool_reads import uuids_and_names
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionSpec, MenuSpec, Text, ToolBarSpec
from baytak_desktop.ui.context import WindowContext
from baytak_desktop.ui.edit.coordinate_dialog import CoordinateDialog
from baytak_desktop.ui.edit.flow import EditFlow
from baytak_desktop.ui.edit.form_panel import FeatureFormPanel, FormRead, read_for_form
from baytak_desktop.ui.edit.pending import PendingTracker
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.add_point import AddPointTool
from baytak_desktop.ui.edit.tools.base import MapTool
from baytak_desktop.ui.edit.tools.delete import DeleteTool, delete_features
from baytak_desktop.ui.edit.tools.draw_shape import LINE, POLYGON, DrawShapeTool
from baytak_desktop.ui.edit.tools.icons import tool_icon
from baytak_desktop.ui.edit.tools.measure_tool import MeasureTool
from baytak_desktop.ui.edit.tools.move_feature import MoveFeatureTool
from baytak_desktop.ui.edit.tools.parts import MergeTool, SplitTool
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.edit.tools.vertex_edit import VertexEditTool
from baytak_desktop.ui.i18n import layer_title, show_catalog
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.writer import StoreWriter, make_responsive

# tool key: (shortcut, geometry it needs: "point", "line", "polygon" or None for any)
TOOLS = {
    "pan": ("Ctrl+1", None),
    "add_point": ("Ctrl+2", "point"),
    "draw_polygon": ("Ctrl+3", "polygon"),
    "draw_line": ("Ctrl+Shift+3", "line"),
    "move_feature": ("Ctrl+4", None),
    "edit_vertices": ("Ctrl+5", None),
    "delete_feature": ("Ctrl+6", None),
    "split": ("Ctrl+7", "polygon"),
    "merge": ("Ctrl+8", "polygon"),
    "measure_distance": ("Ctrl+9", None),
    "measure_area": ("Ctrl+Shift+9", None),
}
CORNER_TOOLS = (
    "edit_vertices",
    "draw_polygon",
    "draw_line",
    "split",
    "measure_distance",
    "measure_area",
)  # Delete: a corner


class EditActions(QObject):
    """The Edit menu, the edit tool bar, the form and history docks, the marks of unsynced edits."""

    sigMessage = Signal(str, str, str)  # text, level (info, warning, error), key: for the message bar
    sigShowFeature = Signal(str, int)  # layer, fid: select it and show its details
    sigPendingChanged = Signal()  # the unsynced edits changed: their count and the table's marks
    sigActionsChanged = Signal()  # which edit actions apply changed (the edited layer, the active tool)
    sigWaiting = Signal(str)  # "Waiting for QGIS…" while an edit waits for another program; "" when over

    def __init__(self, ctx: WindowContext, canvas: MapCanvas) -> None:
        super().__init__(ctx.dialog_parent())
        self.ctx, self.canvas = ctx, canvas
        self.writer = StoreWriter(self)  # edits that would wait for another program's lock go there
        self.session = EditSession(None, self, signals=ctx.store_signals, writer=self.writer)
        self.snapper = Snapper(
            self,
            enabled=saved.read(ctx.settings, "edit/snapping"),
            tolerance_px=int(saved.read(ctx.settings, "edit/snap_tolerance")),
        )
        self.snapper.readers = ctx.readers  # its candidates are read there, never on a mouse move
        self.panel = FeatureFormPanel(self.session)
        self.panel.set_readers(ctx.readers)  # a saved feature is read again there, once written
        self.catalog = builtin_catalog()  # the layers of the store shown, read when it is shown or they change
        self.flow = EditFlow(canvas, ctx.selection, self.session, self.panel, self.edit_layer, self)
        self.tracker = PendingTracker(self)
        canvas.scene().addItem(self.tracker.rings)
        self._make_toolbar_widgets()
        self.tools = self._make_tools()
        self.actions: dict[str, QAction] = ctx.add_actions(self.specs())
        ctx.registry.add_tool_widget("edit", self.tolerance, 2)
        self._make_docks()
        self._connect()
        self.set_edit_layer("quarries")
        self.retranslate()

    # -- building ---------------------------------------------------------------------------------------
    def _make_tools(self) -> dict[str, MapTool]:
        s, layer_of = self.session, self.edit_layer
        tools: dict[str, MapTool] = {
            "add_point": AddPointTool(self.snapper, self),
            "draw_polygon": DrawShapeTool(POLYGON, self.snapper, self),
            "draw_line": DrawShapeTool(LINE, self.snapper, self),
            "move_feature": MoveFeatureTool(s, layer_of, self.snapper, self),
            "edit_vertices": VertexEditTool(s, layer_of, self.snapper, self),
            "delete_feature": DeleteTool(s, layer_of, self),
            "split": SplitTool(s, layer_of, self.snapper, self),
            "merge": MergeTool(s, layer_of, self),
            "measure_distance": MeasureTool(LINE, self.snapper, self),
            "measure_area": MeasureTool(POLYGON, self.snapper, self),
        }
        for tool in tools.values():
            tool.readers = self.ctx.readers  # what a click needs of the store is read there
            self.flow.connect_tool(tool)
        for key in ("draw_polygon", "draw_line"):
            drawing = tools[key]
            assert isinstance(drawing, DrawShapeTool)
            self.flow.connect_drawing(drawing)
        return tools

    def specs(self) -> list[ActionSpec | MenuSpec]:
        texts = self._texts()
        needs = {"point": self._point_layer, "line": self._line_layer, "polygon": self._polygon_layer, None: None}
        return [
            MenuSpec("edit", lambda: self.tr("&Edit")),
            ActionSpec(
                "undo", None, action=self.session.undo_action(self), menu="edit", toolbar="edit", icon=tool_icon("undo")
            ),
            ActionSpec(
                "redo", None, action=self.session.redo_action(self), menu="edit", toolbar="edit", icon=tool_icon("redo")
            ),
            ActionSpec("history", lambda: self.tr("&History"), self.show_history, menu="edit"),
            MenuSpec("tools", lambda: self.tr("Tools"), parent="edit", section=1),
            *(
                ActionSpec(
                    key,
                    *texts[key],
                    shortcut=shortcut,
                    menu="tools",
                    toolbar="edit",
                    tool_section=1,
                    checkable=True,
                    checked=key == "pan",
                    icon=tool_icon(key),
                    group="edit_tools",
                    enabled_when=needs[geometry],
                )
                for key, (shortcut, geometry) in TOOLS.items()
            ),
            ActionSpec(
                "snapping",
                *texts["snapping"],
                shortcut="Ctrl+Alt+S",
                menu="edit",
                section=1,
                toolbar="edit",
                tool_section=2,
                checkable=True,
                checked=self.snapper.enabled,
                icon=tool_icon("snapping"),
            ),
            ActionSpec("edit_attributes", *texts["edit_attributes"], shortcut="F2", menu="edit", section=2),
            ActionSpec(
                "delete_selected",
                *texts["delete_selected"],
                shortcut=QKeySequence.StandardKey.Delete,
                menu="edit",
                section=2,
                # Delete (Backspace too, on some platforms) belongs to the tools that take corners back
                enabled_when=lambda: self.active_tool_key() not in CORNER_TOOLS,
            ),
            ActionSpec(
                "add_at_coordinates",
                *texts["add_at_coordinates"],
                shortcut="Ctrl+G",
                menu="edit",
                section=2,
                enabled_when=self._point_layer,
            ),
            ActionSpec(
                "add_from_photo", *texts["add_from_photo"], menu="edit", section=2, enabled_when=self._point_layer
            ),
        ]

    def _texts(self) -> dict[str, tuple[Text, Callable[..., object], Text]]:
        """Each action's text, what it does, and its tip (the tool actions choose their tool)."""

        def tool(key: str, text: Text, tip: Text) -> tuple[Text, Callable[..., object], Text]:
            return text, lambda checked=False: self.choose_tool(key), tip

        return {
            "pan": tool(
                "pan",
                lambda: self.tr("&Pan / identify"),
                lambda: self.tr("Drag to pan the map, click a feature to see it"),
            ),
            "add_point": tool(
                "add_point",
                lambda: self.tr("Add &point"),
                lambda: self.tr("Click on the map to add a point to the edited layer"),
            ),
            "draw_polygon": tool(
                "draw_polygon",
                lambda: self.tr("Draw &area"),
                lambda: self.tr("Click the corners of a new area; double-click to finish"),
            ),
            "draw_line": tool(
                "draw_line",
                lambda: self.tr("Draw &line"),
                lambda: self.tr("Click the points of a new line (a river, a canal); double-click to finish"),
            ),
            "move_feature": tool(
                "move_feature", lambda: self.tr("&Move feature"), lambda: self.tr("Drag a feature to move it")
            ),
            "edit_vertices": tool(
                "edit_vertices",
                lambda: self.tr("Edit &corners"),
                lambda: self.tr("Drag, add or delete the corners of a feature"),
            ),
            "delete_feature": tool(
                "delete_feature", lambda: self.tr("&Delete feature"), lambda: self.tr("Click a feature to delete it")
            ),
            "split": tool(
                "split", lambda: self.tr("&Split area"), lambda: self.tr("Draw a line across an area to cut it in two")
            ),
            "merge": tool(
                "merge", lambda: self.tr("Mer&ge areas"), lambda: self.tr("Click two areas to make them one")
            ),
            "measure_distance": tool(
                "measure_distance",
                lambda: self.tr("Measure &distance"),
                lambda: self.tr("Measure a distance on the ellipsoid"),
            ),
            "measure_area": tool(
                "measure_area", lambda: self.tr("Measure a&rea"), lambda: self.tr("Measure an area on the ellipsoid")
            ),
            "snapping": (
                lambda: self.tr("S&napping"),
                self._set_snapping,
                lambda: self.tr("Snap clicks to vertices and edges of visible layers"),
            ),
            "edit_attributes": (
                lambda: self.tr("Edit &attributes"),
                self.edit_selected,
                lambda: self.tr("Open the form of the selected feature"),
            ),
            "delete_selected": (
                lambda: self.tr("Delete selected"),
                self.delete_selected,
                lambda: self.tr("Delete the selected features"),
            ),
            "add_at_coordinates": (
                lambda: self.tr("Add point at &coordinates…"),
                self.add_at_coordinates,
                lambda: self.tr("Type or paste a position, or take a GPX waypoint"),
            ),
            "add_from_photo": (
                lambda: self.tr("Add from geotagged &photo…"),
                self.add_from_photo_dialog,
                lambda: self.tr("Place a site at the position where a photo was taken"),
            ),
        }

    def _make_toolbar_widgets(self) -> None:
        toolbar = self.ctx.registry.toolbar(
            ToolBarSpec("edit", lambda: self.tr("Edit toolbar"), "edit_toolbar", icons=True, new_row=True)
        )
        self.toolbar = toolbar
        self.layer_label = QLabel()
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("edit_layer")
        self._fill_layers(builtin_catalog().names)
        self.tolerance = QSpinBox()
        self.tolerance.setObjectName("snap_tolerance")
        self.tolerance.setRange(1, 50)
        self.tolerance.setValue(self.snapper.tolerance_px)
        self.tolerance.valueChanged.connect(self._set_tolerance)
        self.ctx.registry.add_tool_widget("edit", self.layer_label)
        self.ctx.registry.add_tool_widget("edit", self.layer_combo)

    def _make_docks(self) -> None:
        """The form takes the whole height of the right side, a tab beside the details; the history is a
        tab beside the attribute table, so opening it never squeezes the form."""
        Area = Qt.DockWidgetArea
        self.form_dock = self.ctx.add_dock(
            "feature_form",
            self.panel,
            Area.RightDockWidgetArea,
            beside="details",
            title=lambda: self.tr("Form"),
            menu_title=lambda: self.tr("Feature form"),
        )
        self.history = self.session.undo_view()
        self.history_dock = self.ctx.add_dock(
            "edit_history",
            self.history,
            Area.BottomDockWidgetArea,
            beside="table",
            title=lambda: self.tr("Edit history"),
        )

    def _connect(self) -> None:
        signals = self.ctx.store_signals
        signals.sigStoreReplaced.connect(lambda: self.set_store(self.ctx.current_store()))
        signals.sigFeatureChanged.connect(self._feature_changed)
        signals.sigJournalChanged.connect(self._reload_pending)
        signals.sigCatalogRead.connect(self._catalog_changed)
        signals.sigFeaturesChanged.connect(self._features_changed)
        for changed in (signals.sigLayerChanged, signals.sigFeatureChanged, signals.sigFeaturesChanged):
            changed.connect(self.snapper.invalidate)  # snapping's candidates are read again, on a reader
        signals.sigCatalogChanged.connect(self.snapper.invalidate)
        signals.sigStoreReplaced.connect(self.snapper.forget)
        self.tracker.sigReloaded.connect(self.sigPendingChanged)
        self.writer.sigWaiting.connect(self.sigWaiting)
        self.layer_combo.currentIndexChanged.connect(self._layer_chosen)
        self.flow.sigShowForm.connect(self.show_form)
        self.flow.sigShowFeature.connect(self.sigShowFeature)
        self.flow.sigMessage.connect(lambda text, level: self.sigMessage.emit(text, level, f"edit:{level}"))
        self.flow.sigHint.connect(lambda text: self.sigMessage.emit(text, "info", "edit:hint"))

    # -- the store and the edited layer -------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        if store is not None:
            make_responsive(store)  # its writes never wait on the UI thread: they go to the writer
        self.choose_tool("pan")
        self.catalog = store.catalog if store is not None else builtin_catalog()
        self._fill_layers(self.catalog.names)
        self.flow.set_store(store)
        self.tracker.set_store(store)
        self.sigPendingChanged.emit()

    def _catalog_changed(self, catalog: Catalog) -> None:
        """A sync brought a new layer, field or code (``catalog``: read on the window's reader): the layer
        list grows, and an open form takes the new fields and codes in, keeping what was typed in it (the
        titles are read from the new catalog)."""
        if self.ctx.current_store() is not None:
            self.catalog = catalog
            show_catalog(self.catalog)
            self._fill_layers(self.catalog.names)
            self.panel.catalog_changed(self.catalog)

    def _fill_layers(self, names: tuple[str, ...]) -> None:
        """The edited-layer list: every layer of the store, the chosen one kept."""
        if tuple(self.layer_combo.itemData(i) for i in range(self.layer_combo.count())) == names:
            return
        current = self.edit_layer()
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for name in names:
            self.layer_combo.addItem(layer_title(name), name)
        index = self.layer_combo.findData(current)
        self.layer_combo.setCurrentIndex(max(index, 0))
        self.layer_combo.blockSignals(False)
        if self.edit_layer() != current and hasattr(self, "tools"):  # not while the tool bar is being made
            self._layer_chosen()

    def edit_layer(self) -> str | None:
        layer = self.layer_combo.currentData()
        return str(layer) if layer is not None else None

    def set_edit_layer(self, layer: str) -> None:
        """The layer the tools edit (it follows the layer chosen in the layers panel)."""
        index = self.layer_combo.findData(layer)
        if index >= 0:
            self.layer_combo.setCurrentIndex(index)
        self._update_enabled()

    def _layer_chosen(self) -> None:
        tool = self.canvas.tool()
        if tool is not None:
            tool.reset()
        self._update_enabled()

    def _layer_kind(self) -> str | None:
        """``point``, ``line`` or ``polygon``: which drawing tools fit the edited layer."""
        layer = self.edit_layer()
        schema = self.catalog.get(layer) if layer else None
        return schema.shape if schema is not None else None

    def _point_layer(self) -> bool:
        return self._layer_kind() == "point"

    def _line_layer(self) -> bool:
        return self._layer_kind() == "line"

    def _polygon_layer(self) -> bool:
        return self._layer_kind() == "polygon"

    def _update_enabled(self) -> None:
        """A tool that does not fit the edited layer is put away; the window asks the actions again."""
        active = self.active_tool_key()
        needs = TOOLS[active][1] if active else None
        if needs is not None and needs != self._layer_kind():
            self.choose_tool("pan")
            return
        self.sigActionsChanged.emit()

    # -- unsynced edits -----------------------------------------------------------------------------------
    def pending_count(self) -> int:
        """Edits not yet synced (deletions included): the status bar's number."""
        return self.tracker.count()

    def pending_fids(self, layer: str | None) -> frozenset[int]:
        """The features of ``layer`` edited but not synced: the table marks them."""
        return self.tracker.fids(layer)

    def _feature_changed(self, layer: str, uuid: str) -> None:
        """One feature was saved, undone or redone: only it is looked at again."""
        try:
            self.tracker.feature_changed(layer, uuid)
        except (DatabaseError, BaytakError) as error:
            self.flow.show_message(message_of(error), "error")
        self.sigPendingChanged.emit()

    def _features_changed(self, layer: str, uuids: tuple[str, ...]) -> None:
        """Another program's save: only its features are looked at again."""
        try:
            self.tracker.features_changed(layer, uuids)
        except (DatabaseError, BaytakError) as error:
            self.flow.show_message(message_of(error), "error")
        self.sigPendingChanged.emit()

    def _reload_pending(self) -> None:
        """An import, a sync, another program's big save: the one full read of the change journal, on a
        thread of its own; ``sigPendingChanged`` when it is in place."""
        self.tracker.reload_later()

    # -- tools ---------------------------------------------------------------------------------------------
    def choose_tool(self, key: str) -> None:
        """Make the tool ``key`` active ("pan" for none)."""
        tool = self.tools.get(key)
        if self.canvas.tool() is not tool:
            self.canvas.set_tool(tool)
        self.actions[key].setChecked(True)
        self._update_enabled()

    def active_tool_key(self) -> str | None:
        tool = self.canvas.tool()
        return next((key for key, t in self.tools.items() if t is tool), None)

    def _set_snapping(self, enabled: bool) -> None:
        self.snapper.set_enabled(enabled)
        self.ctx.settings.setValue("edit/snapping", bool(enabled))

    def _set_tolerance(self, pixels: int) -> None:
        self.snapper.set_tolerance(pixels)
        self.ctx.settings.setValue("edit/snap_tolerance", int(pixels))

    # -- menu commands ------------------------------------------------------------------------------------
    def show_form(self) -> None:
        self.form_dock.show()
        self.form_dock.raise_()

    def show_history(self) -> None:
        self.history_dock.show()
        self.history_dock.raise_()

    def selected(self) -> tuple[str, list[str]] | None:
        """(layer, uuids) of the selection, or None when nothing is selected."""
        store, selection = self.session.store, self.ctx.selection
        layers = selection.layers()
        if store is None or not layers:
            return None
        fids = sorted(selection.selected(layers[0]))
        uuids = [u for u in (store.uuid_of(layers[0], fid) for fid in fids) if u]
        return (layers[0], uuids) if uuids else None

    def edit_selected(self) -> None:
        """The form of the first selected feature. In the window the feature is read on a reader thread
        (``form_panel.read_for_form``): the dock says "Loading…" until it comes, and a form shown
        meanwhile (a feature placed, another one chosen) wins."""
        store, selection, readers = self.session.store, self.ctx.selection, self.ctx.readers
        layers = selection.layers()
        if store is None or not layers:
            return
        if readers.path() != store.path:  # no reader threads for this store (a test's bare window)
            chosen = self.selected()
            if chosen is not None and self.panel.edit_feature(chosen[0], chosen[1][0]) is not None:
                self.show_form()
            return
        layer, fids = layers[0], sorted(selection.selected(layers[0]))
        if not fids:
            return
        token = self.panel.await_feature(layer)
        self.show_form()

        def filled(read: FormRead | None) -> None:
            self.panel.edit_read(token, layer, read)

        def failed(error: Exception) -> None:
            self.panel.edit_read(token, layer, None)
            if isinstance(error, (DatabaseError, BaytakError)):
                self.flow.show_message(message_of(error), "error")

        readers.read(
            "form-feature",
            lambda reading: read_for_form(reading, layer, fids),
            filled,
            failed,
        )

    def delete_selected(self) -> None:
        """Confirm and delete the selected features; their uuids and names are read on a reader thread
        first (the UI thread never waits on the database), the question comes when they land."""
        selection, readers = self.ctx.selection, self.ctx.readers
        layers = selection.layers()
        if self.session.store is None or not layers or readers.path() is None:
            return
        layer, fids = layers[0], sorted(selection.selected(layers[0]))

        def confirm(found: list[tuple[str, str]]) -> None:
            if not found:
                return
            uuids, names = [uuid for uuid, _ in found], [name for _, name in found]
            try:
                if delete_features(self.session, self.ctx.dialog_parent(), layer, uuids, names):
                    selection.clear()
            except BaytakError as error:
                self.flow.show_message(message_of(error), "error")

        def failed(error: Exception) -> None:
            if not isinstance(error, (DatabaseError, BaytakError)):
                raise error
            self.flow.show_message(message_of(error), "error")

        readers.read("delete-selected", lambda store: uuids_and_names(store, layer, fids), confirm, failed)

    def add_at_coordinates(self) -> None:
        position = CoordinateDialog.get_position(self.ctx.dialog_parent())
        if position is not None:
            self.place_at(*position)

    def place_at(self, lon: float, lat: float) -> None:
        """Put a new point of the edited layer at (lon, lat), show it on the map, open its form."""
        self.choose_tool("add_point")
        if -180 <= lon <= 180 and -90 <= lat <= 90:
            self.canvas.zoom_to_lonlat((lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01))
        add_point = self.tools["add_point"]
        assert isinstance(add_point, AddPointTool)
        add_point.place(lon, lat)

    # -- positions from the GPS (ui.gps asks through the window) ---------------------------------------------
    def place_gps_point(self, layer: str, lon: float, lat: float, values: dict[str, Any]) -> None:
        """A new point of ``layer`` at the averaged GPS position, its form open with the accuracy note."""
        self.set_edit_layer(layer)
        self.choose_tool("add_point")
        add_point = self.tools["add_point"]
        assert isinstance(add_point, AddPointTool)
        add_point.band.set_geometry(shapely.Point(lon, lat))
        self.flow.new_feature(shapely.Point(lon, lat), values=values)

    def add_gps_corner(self, lon: float, lat: float) -> None:
        """The next corner of the area being drawn is where the GPS stands (drawing starts if need be)."""
        if not self._polygon_layer():
            self.flow.show_message(self.tr("Choose an area layer as the edit layer to walk its outline."), "warning")
            return
        if self.active_tool_key() != "draw_polygon":
            self.choose_tool("draw_polygon")
        tool = self.tools["draw_polygon"]
        assert isinstance(tool, DrawShapeTool)
        tool.add_vertex(lon, lat)

    def new_gps_shape(self, layer: str, geometry: shapely.Geometry, values: dict[str, Any]) -> None:
        """A walked outline as a new feature of ``layer``: its form opens with the track's note."""
        self.set_edit_layer(layer)
        self.choose_tool("pan")
        self.flow.new_feature(geometry, values=values)

    def add_from_photo_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.ctx.dialog_parent(),
            self.tr("Add a site from a geotagged photo"),
            "",
            self.tr("Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)"),
        )
        if name:
            self.choose_tool("add_point")
            self.flow.place_photos([Path(name)])

    # -- language -----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        """What the action registry does not name: the tool bar's widgets and the form (the window asks)."""
        self.layer_label.setText(self.tr("Edit layer:") + " ")
        self.tolerance.setSuffix(" " + self.tr("px"))
        self.tolerance.setToolTip(self.tr("Snapping tolerance in screen pixels"))
        for index in range(self.layer_combo.count()):
            self.layer_combo.setItemText(index, layer_title(self.layer_combo.itemData(index)))
        self.panel.retranslate()
        self.session.retranslate_view(self.history)
        tool = self.canvas.tool()
        if isinstance(tool, MapTool):
            tool.sigHint.emit(tool.hint())
