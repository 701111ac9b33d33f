"""The Edit menu and tool bar: undo/redo and history, the edit tools, snapping, delete, add by coordinates.

The edit tools act on the *edited layer*, chosen in the tool bar (it follows the layer chosen in the
layers panel). A tool that does not fit the layer's geometry is disabled: points are placed, areas
drawn, split and merged. The tools are exclusive checkable actions; "Pan / identify" puts them away.
Shortcuts: Ctrl+Z / Ctrl+Shift+Z, Ctrl+1..Ctrl+9 for the tools, F2 to edit the selected feature's
attributes, Delete to delete the selected features (disabled while corners are being edited, where
Delete removes a corner).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QDockWidget, QFileDialog, QLabel, QSpinBox, QToolBar

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS, get_layer
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.edit.coordinate_dialog import CoordinateDialog
from baytak_desktop.ui.edit.flow import EditFlow, is_photo_drop
from baytak_desktop.ui.edit.form_panel import FeatureFormPanel
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.tools.add_point import AddPointTool
from baytak_desktop.ui.edit.tools.delete import DeleteTool, delete_features
from baytak_desktop.ui.edit.tools.draw_shape import LINE, POLYGON, DrawShapeTool
from baytak_desktop.ui.edit.tools.measure_tool import MeasureTool
from baytak_desktop.ui.edit.tools.move_feature import MoveFeatureTool
from baytak_desktop.ui.edit.tools.parts import MergeTool, SplitTool
from baytak_desktop.ui.edit.tools.snapping import Snapper
from baytak_desktop.ui.edit.tools.vertex_edit import VertexEditTool
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.layers.style_model import error_text

# tool key: (shortcut, geometry it needs: "point", "polygon" or None for any)
TOOLS = {
    "pan": ("Ctrl+1", None),
    "add_point": ("Ctrl+2", "point"),
    "draw_polygon": ("Ctrl+3", "polygon"),
    "move_feature": ("Ctrl+4", None),
    "edit_vertices": ("Ctrl+5", None),
    "delete_feature": ("Ctrl+6", None),
    "split": ("Ctrl+7", "polygon"),
    "merge": ("Ctrl+8", "polygon"),
    "measure_distance": ("Ctrl+9", None),
    "measure_area": ("Ctrl+Shift+9", None),
}


class EditActions(QObject):
    """Builds the Edit menu, the edit tool bar and the form and history docks of ``window``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.session = EditSession(None, window)
        self.snapper = Snapper(
            self,
            enabled=saved.read(window.settings, "edit/snapping"),
            tolerance_px=int(saved.read(window.settings, "edit/snap_tolerance")),
        )
        self.panel = FeatureFormPanel(self.session)
        self.flow = EditFlow(window, self.session, self.panel, self.edit_layer)
        self.flow.show_form = self.show_form
        self.tools = self._make_tools()
        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self._make_toolbar()
        self._make_menu()
        self._make_docks()
        window.layer_panel.sigCurrentLayerChanged.connect(self.set_edit_layer)
        window.canvas.setAcceptDrops(True)
        window.canvas.viewport().installEventFilter(self)
        self.set_edit_layer(window.current_layer or "quarries")
        self.retranslate()

    # -- building ---------------------------------------------------------------------------------------
    def _make_tools(self) -> dict:
        s, layer_of = self.session, self.edit_layer
        tools = {
            "add_point": AddPointTool(self.snapper, self),
            "draw_polygon": DrawShapeTool(POLYGON, self.snapper, self),
            "move_feature": MoveFeatureTool(s, layer_of, self.snapper, self),
            "edit_vertices": VertexEditTool(s, layer_of, self.snapper, self),
            "delete_feature": DeleteTool(s, layer_of, self),
            "split": SplitTool(s, layer_of, self.snapper, self),
            "merge": MergeTool(s, layer_of, self),
            "measure_distance": MeasureTool(LINE, self.snapper, self),
            "measure_area": MeasureTool(POLYGON, self.snapper, self),
        }
        for tool in tools.values():
            self.flow.connect_tool(tool)
        self.flow.connect_drawing(tools["draw_polygon"])
        return tools

    def _make_actions(self) -> None:
        w = self.window
        self.actions["undo"] = self.session.undo_action(w)
        self.actions["redo"] = self.session.redo_action(w)
        self.tool_group = QActionGroup(w)
        self.tool_group.setExclusive(True)
        for key, (shortcut, _geometry) in TOOLS.items():
            action = self._action(key, lambda checked=False, key=key: self.choose_tool(key), shortcut, True)
            self.tool_group.addAction(action)
        self.actions["pan"].setChecked(True)
        self._action("snapping", self._set_snapping, "Ctrl+Alt+S", True).setChecked(self.snapper.enabled)
        self._action("edit_attributes", self.edit_selected, "F2")
        self._action("delete_selected", self.delete_selected, QKeySequence.StandardKey.Delete)
        self._action("add_at_coordinates", self.add_at_coordinates, "Ctrl+G")
        self._action("add_from_photo", self.add_from_photo_dialog)
        for key in ("undo", "redo"):
            self.actions[key].setObjectName(f"action_{key}")

    def _action(self, key: str, slot, shortcut=None, checkable: bool = False) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{key}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _make_toolbar(self) -> None:
        self.toolbar = QToolBar(self.window)
        self.toolbar.setObjectName("edit_toolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.layer_label = QLabel()
        self.layer_combo = QComboBox()
        self.layer_combo.setObjectName("edit_layer")
        for name in LAYERS:
            self.layer_combo.addItem(name, name)
        self.layer_combo.currentIndexChanged.connect(self._layer_chosen)
        self.tolerance = QSpinBox()
        self.tolerance.setObjectName("snap_tolerance")
        self.tolerance.setRange(1, 50)
        self.tolerance.setValue(self.snapper.tolerance_px)
        self.tolerance.valueChanged.connect(self._set_tolerance)
        a = self.actions
        self.toolbar.addWidget(self.layer_label)
        self.toolbar.addWidget(self.layer_combo)
        self.toolbar.addActions([a["undo"], a["redo"]])
        self.toolbar.addSeparator()
        self.toolbar.addActions([a[key] for key in TOOLS])
        self.toolbar.addSeparator()
        self.toolbar.addAction(a["snapping"])
        self.toolbar.addWidget(self.tolerance)
        self.window.addToolBar(self.toolbar)

    def _make_menu(self) -> None:
        a, bar = self.actions, self.window.menuBar()
        self.menu = bar.addMenu("")
        self.menu.setObjectName("menu_edit")
        bar.insertMenu(self.window.window_actions.view_menu.menuAction(), self.menu)  # File, Edit, View
        self.menu.addActions([a["undo"], a["redo"]])
        self.history_action = self.menu.addAction("")
        self.menu.addSeparator()
        self.tools_menu = self.menu.addMenu("")
        self.tools_menu.addActions([a[key] for key in TOOLS])
        self.menu.addActions([a["snapping"]])
        self.menu.addSeparator()
        self.menu.addActions([a["edit_attributes"], a["delete_selected"], a["add_at_coordinates"], a["add_from_photo"]])

    def _make_docks(self) -> None:
        area = Qt.DockWidgetArea.RightDockWidgetArea
        self.form_dock = self._dock("feature_form", self.panel, area)
        self.history = self.session.undo_view()
        self.history_dock = self._dock("edit_history", self.history, area)
        self.history_action.triggered.connect(lambda: (self.history_dock.show(), self.history_dock.raise_()))
        self.window.window_actions.add_dock_toggles(
            [self.form_dock.toggleViewAction(), self.history_dock.toggleViewAction()]
        )

    def _dock(self, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.window.addDockWidget(area, dock)
        dock.hide()
        return dock

    # -- the store and the edited layer -------------------------------------------------------------------
    def set_store(self, store) -> None:
        self.choose_tool("pan")
        self.flow.set_store(store)

    def edit_layer(self) -> str | None:
        return self.layer_combo.currentData() if hasattr(self, "layer_combo") else None

    def set_edit_layer(self, layer: str) -> None:
        index = self.layer_combo.findData(layer)
        if index >= 0:
            self.layer_combo.setCurrentIndex(index)
        self._update_enabled()

    def _layer_chosen(self) -> None:
        tool = self.window.canvas.tool()
        if tool is not None:
            tool.reset()
        self._update_enabled()

    def _update_enabled(self) -> None:
        layer = self.edit_layer()
        kind = None if layer is None else "polygon" if get_layer(layer).is_polygon else "point"
        for key, (_shortcut, needs) in TOOLS.items():
            self.actions[key].setEnabled(needs is None or needs == kind)
        active = self.active_tool_key()
        if active and not self.actions[active].isEnabled():
            self.choose_tool("pan")
        self.actions["add_at_coordinates"].setEnabled(kind == "point")
        self.actions["add_from_photo"].setEnabled(kind == "point")
        # Delete (Backspace too, on some platforms) belongs to the tools that take corners back
        self.actions["delete_selected"].setEnabled(
            active not in ("edit_vertices", "draw_polygon", "split", "measure_distance", "measure_area")
        )

    # -- tools ---------------------------------------------------------------------------------------------
    def choose_tool(self, key: str) -> None:
        """Make the tool ``key`` active ("pan" for none)."""
        tool = self.tools.get(key)
        if self.window.canvas.tool() is not tool:
            self.window.canvas.set_tool(tool)
        self.actions[key].setChecked(True)
        self._update_enabled()

    def active_tool_key(self) -> str | None:
        tool = self.window.canvas.tool()
        return next((key for key, t in self.tools.items() if t is tool), None)

    def _set_snapping(self, enabled: bool) -> None:
        self.snapper.set_enabled(enabled)
        self.window.settings.setValue("edit/snapping", bool(enabled))

    def _set_tolerance(self, pixels: int) -> None:
        self.snapper.set_tolerance(pixels)
        self.window.settings.setValue("edit/snap_tolerance", int(pixels))

    # -- menu commands ------------------------------------------------------------------------------------
    def show_form(self) -> None:
        self.form_dock.show()
        self.form_dock.raise_()

    def selected(self) -> tuple[str, list[str]] | None:
        """(layer, uuids) of the selection, or None when nothing is selected."""
        store = self.session.store
        layers = self.window.selection.layers()
        if store is None or not layers:
            return None
        fids = sorted(self.window.selection.selected(layers[0]))
        uuids = [u for u in (store.uuid_of(layers[0], fid) for fid in fids) if u]
        return (layers[0], uuids) if uuids else None

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None and self.panel.edit_feature(chosen[0], chosen[1][0]) is not None:
            self.show_form()

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        try:
            if delete_features(self.session, self.window, chosen[0], chosen[1]):
                self.window.selection.clear()
        except BaytakError as error:
            self.flow.show_message(error_text(error), "error")

    def add_at_coordinates(self) -> None:
        position = CoordinateDialog.get_position(self.window)
        if position is not None:
            self.place_at(*position)

    def place_at(self, lon: float, lat: float) -> None:
        """Put a new point of the edited layer at (lon, lat), show it on the map, open its form."""
        self.choose_tool("add_point")
        if -180 <= lon <= 180 and -90 <= lat <= 90:
            self.window.canvas.zoom_to_lonlat((lon - 0.01, lat - 0.01, lon + 0.01, lat + 0.01))
        self.tools["add_point"].place(lon, lat)

    def add_from_photo_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Add a site from a geotagged photo"),
            "",
            self.tr("Photos (*.jpg *.jpeg *.png *.tif *.tiff *.webp)"),
        )
        if name:
            self.choose_tool("add_point")
            self.flow.place_photos([Path(name)])

    # -- photos dropped on the map -----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            if self.session.store is not None and is_photo_drop(event):
                event.acceptProposedAction()
                if kind == QEvent.Type.Drop:
                    self._photos_dropped(event)
                return True
        return super().eventFilter(watched, event)

    def _photos_dropped(self, event) -> None:
        """With the add tool: new sites at the photos' EXIF positions; otherwise the photos are attached
        to the feature they were dropped on."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        tool = self.window.canvas.tool()
        if isinstance(tool, AddPointTool):
            tool.drop_photos(paths)
        else:
            self.flow.attach_dropped(paths, event.position())

    # -- language -----------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Edit"))
        self.tools_menu.setTitle(self.tr("Tools"))
        self.history_action.setText(self.tr("&History"))
        self.toolbar.setWindowTitle(self.tr("Edit toolbar"))
        self.layer_label.setText(self.tr("Edit layer:") + " ")
        self.tolerance.setSuffix(" " + self.tr("px"))
        self.tolerance.setToolTip(self.tr("Snapping tolerance in screen pixels"))
        self.form_dock.setWindowTitle(self.tr("Feature form"))
        self.history_dock.setWindowTitle(self.tr("Edit history"))
        for index in range(self.layer_combo.count()):
            self.layer_combo.setItemText(index, layer_title(self.layer_combo.itemData(index)))
        for key in ("undo", "redo"):
            self.actions[key].retranslate()
        for key, (text, tip) in self._texts().items():
            self.actions[key].setText(text)
            self.actions[key].setToolTip(tip)
            self.actions[key].setStatusTip(tip)
        self.panel.retranslate()
        tool = self.window.canvas.tool()
        if tool is not None:
            tool.sigHint.emit(tool.hint())

    def _texts(self) -> dict[str, tuple[str, str]]:
        return {
            "pan": (self.tr("&Pan / identify"), self.tr("Drag to pan the map, click a feature to see it")),
            "add_point": (self.tr("Add &point"), self.tr("Click on the map to add a point to the edited layer")),
            "draw_polygon": (self.tr("Draw &area"), self.tr("Click the corners of a new area; double-click to finish")),
            "move_feature": (self.tr("&Move feature"), self.tr("Drag a feature to move it")),
            "edit_vertices": (self.tr("Edit &corners"), self.tr("Drag, add or delete the corners of a feature")),
            "delete_feature": (self.tr("&Delete feature"), self.tr("Click a feature to delete it")),
            "split": (self.tr("&Split area"), self.tr("Draw a line across an area to cut it in two")),
            "merge": (self.tr("Mer&ge areas"), self.tr("Click two areas to make them one")),
            "measure_distance": (self.tr("Measure &distance"), self.tr("Measure a distance on the ellipsoid")),
            "measure_area": (self.tr("Measure a&rea"), self.tr("Measure an area on the ellipsoid")),
            "snapping": (self.tr("S&napping"), self.tr("Snap clicks to vertices and edges of visible layers")),
            "edit_attributes": (self.tr("Edit &attributes"), self.tr("Open the form of the selected feature")),
            "delete_selected": (self.tr("Delete selected"), self.tr("Delete the selected features")),
            "add_at_coordinates": (
                self.tr("Add point at &coordinates…"),
                self.tr("Type or paste a position, or take a GPX waypoint"),
            ),
            "add_from_photo": (
                self.tr("Add from geotagged &photo…"),
                self.tr("Place a site at the position where a photo was taken"),
            ),
        }
