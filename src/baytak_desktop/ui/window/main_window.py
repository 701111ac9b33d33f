"""The main window: the map in the centre, docks for layers, the attribute table and feature details.

The window wires the parts together and owns the open store; the parts never call each other. The
map, the table and the details share one ``SelectionModel``; the layer panel's styles go to the map;
an identify click on the map shows the feature in the details dock. Long jobs (import, export) run on
the worker with a progress dialog and leave the store as it was when cancelled.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.edit.actions import EditActions
from baytak_desktop.ui.exhibits.actions import ExhibitActions
from baytak_desktop.ui.i18n import current_language, set_language
from baytak_desktop.ui.layers.panel import LayerPanel
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sync.actions import SyncActions
from baytak_desktop.ui.table.attribute_table import AttributeTable
from baytak_desktop.ui.table.feature_details import FeatureDetails
from baytak_desktop.ui.window.actions import WindowActions
from baytak_desktop.ui.window.file_jobs import WindowJobs
from baytak_desktop.ui.window.message_bar import MessageBar
from baytak_desktop.ui.window.online_tiles import OnlineTiles
from baytak_desktop.ui.window.status_bar import StatusBar
from baytak_desktop.ui.window.store_problems import broken_layers, problem_messages


class MainWindow(QMainWindow):
    """``MainWindow(store)`` shows ``store`` (the window owns it and closes it); ``set_store`` swaps it."""

    sigStoreChanged = Signal(str)

    def __init__(self, store: Store | None = None, settings=None, basemap: Path | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or saved.app_settings()
        self.store: Store | None = None
        self.current_layer: str | None = None
        self.selection = SelectionModel(self)
        self._broken: dict[str, str] = {}
        self._build_centre(basemap)
        self._build_docks()
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.online_tiles = OnlineTiles(self)  # View > Online tiles…, cached for offline use
        self.window_actions = WindowActions(self)
        self.window_actions.add_dock_toggles([d.toggleViewAction() for d in self.docks.values()])
        self.jobs = WindowJobs(self)
        self.edit_actions = EditActions(self)  # Edit menu, edit tools, feature form and history docks
        self.sync = SyncActions(self)  # Sync menu, sync progress, Conflicts/Review/History docks
        self.exhibits = ExhibitActions(self)  # Project menu (print, web map, dossier), Charts/Web map docks
        self._connect()
        self.resize(1280, 820)
        self.restore_layout()
        self._restore_basemaps()
        self.retranslate()
        if store is not None:
            self.set_store(store)

    # -- building ----------------------------------------------------------------------------------
    def _build_centre(self, basemap: Path | None) -> None:
        self.canvas = MapCanvas(self, basemap=basemap)
        self.canvas.set_selection_model(self.selection)
        self.message_bar = MessageBar()
        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.message_bar)
        layout.addWidget(self.canvas, 1)
        self.setCentralWidget(centre)

    def _build_docks(self) -> None:
        self.layer_panel = LayerPanel(self)
        self.table = AttributeTable(self)
        self.table.set_selection_model(self.selection)
        self.details = FeatureDetails(self)
        Area = Qt.DockWidgetArea
        self.docks = {
            "layers": self._dock("layers", self.layer_panel, Area.LeftDockWidgetArea),
            "table": self._dock("attribute_table", self.table, Area.BottomDockWidgetArea),
            "details": self._dock("feature_details", self.details, Area.RightDockWidgetArea),
        }
        self.resizeDocks([self.docks["layers"], self.docks["details"]], [250, 240], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["table"]], [220], Qt.Orientation.Vertical)

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)  # saveState() restores docks by name
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        self.canvas.sigCursorMoved.connect(self.status.show_position)
        self.canvas.sigScaleChanged.connect(self.status.show_scale)
        self.canvas.sigIdentified.connect(self.show_feature)
        self.canvas.sigRenderFinished.connect(self._show_map_problems)
        self.layer_panel.sigStylesChanged.connect(self.canvas.set_styles)
        self.layer_panel.sigZoomToLayer.connect(self.canvas.zoom_to_layer)
        self.layer_panel.sigOpenTable.connect(self.open_table)
        self.layer_panel.sigCurrentLayerChanged.connect(self._set_current_layer)
        self.layer_panel.sigProblem.connect(lambda text: self.message_bar.show_message(text, "warning"))
        self.table.sigZoomTo.connect(self.canvas.zoom_to_features)

    # -- the store ----------------------------------------------------------------------------------
    def set_store(self, store: Store) -> None:
        """Show ``store`` everywhere; the previous one is closed. Broken layers are reported, not fatal."""
        previous, self.store = self.store, store
        self.selection.clear()
        self.details.clear()
        self.message_bar.clear()
        self._show_store_problems()
        self.canvas.set_store(store.path)
        self.layer_panel.set_store(store)
        self.canvas.set_styles(self.layer_panel.styles())
        self.table.set_store(store)
        self.edit_actions.set_store(store)
        self.open_table(self.current_layer or self.layer_panel.current_layer() or "quarries", raise_dock=False)
        if previous is not None and previous is not store:
            previous.close()
        self.settings.setValue("store/last", str(store.path))
        self.refresh_changes()
        self.retranslate()
        self.sigStoreChanged.emit(str(store.path))

    def _show_store_problems(self) -> None:
        self._broken = broken_layers(self.store)
        for key, level, text in problem_messages(self.store, self._broken):
            self.message_bar.show_message(text, level, key)

    def open_store(self, path: Path) -> bool:
        """Open the store at ``path``; on failure a dialog says why and the current store stays."""
        store = self.jobs.open_store_or_explain(path)
        if store is None:
            return False
        self.set_store(store)
        return True

    def refresh_after_import(self, layer: str) -> None:
        """New features are in the store: redraw the layer, refresh the table, the counts and the status."""
        self.canvas.refresh(layer)
        self.table.refresh()
        self.layer_panel.refresh_counts()
        self.refresh_changes()

    def refresh_changes(self) -> None:
        """Read the unsynced edits again (after an import, a sync): the status count and the map's rings."""
        if self.store is not None:
            self.status.show_changes(self.edit_actions.flow.reload_pending())
            self.exhibits.refresh()  # the charts and the web map preview show the new data

    # -- panels -------------------------------------------------------------------------------------
    def show_feature(self, layer: str, fid: int) -> None:
        """An identify click: select the feature, show it in the details dock."""
        self.selection.select(layer, [fid])
        if self.store is not None:
            self.details.show_feature(self.store, layer, fid)
        self.docks["details"].show()
        self.docks["details"].raise_()

    def open_table(self, layer: str, raise_dock: bool = True) -> None:
        self.table.set_layer(layer)
        self._set_current_layer(layer)
        if raise_dock:
            self.docks["table"].show()
            self.docks["table"].raise_()

    def _set_current_layer(self, layer: str) -> None:
        self.current_layer = layer

    def zoom_to_current_layer(self) -> None:
        layer = self.layer_panel.current_layer() or self.current_layer
        if layer:
            self.canvas.zoom_to_layer(layer)

    # -- basemaps and map problems ---------------------------------------------------------------
    def set_basemap_visible(self, visible: bool) -> None:
        self.canvas.set_basemap_visible(visible)
        self.window_actions.actions["basemap"].setChecked(visible)
        self.settings.setValue("basemap/visible", visible)

    def add_mbtiles(self, path: Path, remember: bool = True) -> bool:
        """Show an MBTiles file under the data and remember it; a bad file is reported, not fatal."""
        try:
            self.canvas.add_mbtiles(str(path))
        except BaytakError as exc:
            self.message_bar.show_message(message_of(exc), "warning", f"mbtiles:{path}")
            return False
        known = saved.read(self.settings, "basemap/mbtiles")
        if remember and str(path) not in known:
            self.settings.setValue("basemap/mbtiles", [*known, str(path)])
        return True

    def _restore_basemaps(self) -> None:
        self.set_basemap_visible(saved.read(self.settings, "basemap/visible"))
        for path in saved.read(self.settings, "basemap/mbtiles"):
            self.add_mbtiles(Path(path), remember=False)
        self.online_tiles.restore()

    def _show_map_problems(self) -> None:
        """What the map could not draw (basemap, tiles, a layer), once its render has finished."""
        broken = [LAYERS[name].title for name in self._broken] + list(self._broken)
        for text in self.canvas.problems():
            if not any(name in text for name in broken):  # already explained, in the user's language
                self.message_bar.show_message(text, "warning", f"map:{text}")

    # -- dialogs (File, Help) -----------------------------------------------------------------------
    def open_store_dialog(self) -> None:
        self.jobs.open_store_dialog()

    def new_store_dialog(self) -> None:
        self.jobs.new_store_dialog()

    def import_dialog(self) -> None:
        self.jobs.import_dialog()

    def export_dialog(self) -> None:
        self.jobs.export_dialog()

    def add_mbtiles_dialog(self) -> None:
        self.jobs.add_mbtiles_dialog()

    def about_dialog(self) -> None:
        from baytak_desktop.ui.window.about_dialog import AboutDialog

        AboutDialog(self).exec()

    # -- language, layout ---------------------------------------------------------------------------
    def switch_language(self, lang: str) -> None:
        """Kazakh, Russian or English at once, no restart; remembered for the next start."""
        set_language(lang)
        self.window_actions.set_language_checked(current_language())
        self.settings.setValue("language", current_language())

    def retranslate(self) -> None:
        name = Path(self.store.path).name if self.store is not None else ""
        self.setWindowTitle(self.tr("Baytak — {name}").format(name=name) if name else "Baytak")
        self.docks["layers"].setWindowTitle(self.tr("Layers"))
        self.docks["details"].setWindowTitle(self.tr("Feature details"))
        self.docks["table"].setWindowTitle(self.tr("Attribute table"))  # its layer is chosen inside it
        self.window_actions.retranslate()
        self.edit_actions.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.store is not None:
                self._show_store_problems()
        super().changeEvent(event)

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.jobs.busy():
            self.jobs.cancel_all()
        self.save_layout()
        if self.store is not None:  # detach every panel first: none may read a closed store later
            self.details.clear()
            self.edit_actions.set_store(None)
            self.table.set_store(None)
            self.layer_panel.set_store(None)
            self.canvas.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)
