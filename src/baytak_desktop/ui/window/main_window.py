"""The main window: the map in the centre, docks for layers, the attribute table and feature details.

The window builds the parts and is the one place that connects them. Each part (edit, sync, exhibits)
gets a typed ``WindowContext`` (this window) instead of the window itself: it reads the store shown, the
shared selection and the settings there, and declares its actions (``ui.actions``) and docks. What a
part wants of another it announces with a ``sig*`` signal, and ``_connect`` below wires those; parts
never call each other or reach into the window's widgets.

What changed in the store reaches every view through one bridge: the window keeps one ``StoreEvents``,
gives it to the store it shows (and, through that store, to its jobs), and ``StoreSignals`` turns it into
Qt signals that the map, the table, the layer counts, the details, the unsynced edits, the charts and
the review dock connect to once. The map, the table and the details share one ``SelectionModel``.
Long jobs (import, export) run on the worker with a progress dialog and leave the store as it was when
cancelled.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QChildEvent, QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox, QTabBar, QTabWidget, QWidget

from baytak_desktop.basemap.imagery_view import ImageryMissing
from baytak_desktop.basemap.osm_view import BasemapMissing
from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import builtin_catalog
from baytak_desktop.mapdata.reference import IMAGE, Look, ReferenceLayer, looks_of, read_reference
from baytak_desktop.store import BBox, DatabaseError, Store, StoreEvents
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionRegistry, ActionSpec, MenuSpec, Text
from baytak_desktop.ui.edit.actions import EditActions
from baytak_desktop.ui.exhibits.actions import ExhibitActions
from baytak_desktop.ui.gps.actions import GpsActions
from baytak_desktop.ui.i18n import current_language, set_language, show_catalog, shown_catalog
from baytak_desktop.ui.layers.panel import LayerPanel
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.map.context_menu import FeatureMenus
from baytak_desktop.ui.messages import message_of, sentence_text
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sharing.author import LocalAuthor
from baytak_desktop.ui.sharing.outside import OutsideChanges
from baytak_desktop.ui.sharing.readers import Readers
from baytak_desktop.ui.store_signals import StoreSignals
from baytak_desktop.ui.sync.actions import SyncActions
from baytak_desktop.ui.table.attribute_table import AttributeTable
from baytak_desktop.ui.table.feature_details import FeatureDetails
from baytak_desktop.ui.window.actions import WindowActions
from baytak_desktop.ui.window.dock_tabs import DockTabNames
from baytak_desktop.ui.window.file_jobs import WindowJobs
from baytak_desktop.ui.window.map_area import MapArea
from baytak_desktop.ui.window.message_bar import MessageBar
from baytak_desktop.ui.window.online_tiles import OnlineTiles
from baytak_desktop.ui.window.status_bar import StatusBar
from baytak_desktop.ui.window.store_opening import Prepared, StoreOpener, close_later, read_shown
from baytak_desktop.ui.window.store_problems import problem_messages, store_problems

# The saved layout (tool bars, docks) of an older version is not restored: its rows and sizes were made
# for a window whose tools did not fit in Kazakh and Russian.
LAYOUT_VERSION = 2
SIDE_WIDTH = (240, 380)  # layers, and the right side (details, form)
TABLE_HEIGHT = 210
OPENING_KEY = "store:opening"  # the message bar's "Opening …" while a store is opened off the UI thread
CATALOG_KEY = "store:catalog"  # the message bar's warning when new layers could not be read


class MainWindow(QMainWindow):
    """``MainWindow(store)`` shows ``store`` (the window owns it and closes it); ``set_store`` swaps it."""

    def __init__(
        self, store: Store | None = None, settings: QSettings | None = None, basemap: Path | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or saved.app_settings()
        self.store: Store | None = None
        self.current_layer: str | None = None
        self.account_branch: str | None = None  # the signed-in account's (``_account_changed``)
        self.selection = SelectionModel(self)
        self.store_events = StoreEvents()
        self.store_signals = StoreSignals(self.store_events, self)
        self.registry = ActionRegistry(self)
        self._broken: dict[str, str] = {}
        self._unknown: list[str] = []  # tables that look like layers but are none (store_problems)
        self.closing = False  # the person chose to cancel the running jobs and close
        self._writes_before_close = False  # a close waits for the edits queued on the writer thread
        self.close_question: QMessageBox | None = None
        self._restoring = False  # the reference list is being filled from the saved choices: not a change
        self._dock_titles: list[tuple[QDockWidget, Text, Text | None]] = []
        self._dock_tab_names = DockTabNames(self)  # a short-titled panel's full name on its tab's tooltip
        self._layout_restored = False  # a saved layout of this version; otherwise panels are sized on show
        self.readers = Readers(self)  # the views' reads of the store, off the UI thread (ui.sharing.readers)
        self.opener = StoreOpener(self.store_events, self)  # File > Open: opened and read off the UI thread
        self._prepared: tuple[Store, Prepared] | None = None  # what the opener read of the store being shown
        self._demo = False  # whether the store shown is the demo (read when it was opened)
        self._open_failed: Callable[[Exception], None] | None = None  # the start-up's answer to a failure
        self._creating = False  # the store being opened is being made (File > New)
        self._build_centre(basemap)
        self._build_docks()
        self.store_signals.sigStoreReplaced.connect(self._show_store)  # the window's views first, then the parts
        self.opener.sigOpened.connect(self._opened)
        self.opener.sigFailed.connect(self._cannot_open)
        self.opener.sigWaiting.connect(self._opening_waits)
        self.status = StatusBar(self)
        self.setStatusBar(self.status)
        self.online_tiles = OnlineTiles(self.settings, self.canvas, self.message_bar, self)
        self.window_actions = WindowActions(self, self.registry)
        self.registry.place("panels", [dock.toggleViewAction() for dock in self.docks.values()])
        self.jobs = WindowJobs(self)
        self.edit_actions = EditActions(self, self.canvas)  # Edit menu, edit tools, feature form and history docks
        self.sync = SyncActions(self, self.edit_actions.session)  # Sync menu, progress, Conflicts/Review/History
        self.exhibits = ExhibitActions(self)  # Project menu (print, web map, dossier), Charts/Web map docks
        self.layer_panel.model.writer = self.edit_actions.writer  # style saves wait off the UI thread too
        self.edit_actions.tracker.set_readers(self.readers)  # the unsynced edits are read on a reader
        self.author = LocalAuthor(self)  # Edit > Your name on edits…, the name put on the store shown
        self.outside = OutsideChanges(self)  # what QGIS, GDAL or a script changed while the store is shown
        self.gps = GpsActions(self, self.canvas, self.edit_actions.edit_layer)  # GPS menu, marker, follow, tracks
        self.feature_menus = FeatureMenus(self.canvas, self.selection, self)
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
        self.canvas.set_readers(self.readers)
        self.message_bar = MessageBar()
        self.setCentralWidget(MapArea(self.canvas, self.message_bar))  # the bar over the map: no jumps

    def _build_docks(self) -> None:
        self.layer_panel = LayerPanel(self)
        self.layer_panel.set_readers(self.readers)
        self.table = AttributeTable(self)
        self.table.model.set_readers(self.readers)
        self.table.set_selection_model(self.selection)
        self.details = FeatureDetails(self)
        self.details.set_readers(self.readers)
        Area = Qt.DockWidgetArea
        self.docks: dict[str, QDockWidget] = {
            "layers": self._dock("layers", self.layer_panel, lambda: self.tr("Layers")),
            "table": self._dock("attribute_table", self.table, lambda: self.tr("Attribute table")),
            "details": self._dock(
                "feature_details",
                self.details,
                lambda: self.tr("Details"),
                lambda: self.tr("Feature details"),
            ),
        }
        # The side panels take the whole height, as in QGIS; the table sits under the map between them,
        # so the feature form (a tab beside the details) has room for its fields on a 768 px screen.
        for corner, area in (
            (Qt.Corner.TopLeftCorner, Area.LeftDockWidgetArea),
            (Qt.Corner.BottomLeftCorner, Area.LeftDockWidgetArea),
            (Qt.Corner.TopRightCorner, Area.RightDockWidgetArea),
            (Qt.Corner.BottomRightCorner, Area.RightDockWidgetArea),
        ):
            self.setCorner(corner, area)
        for key, area in (("layers", Area.LeftDockWidgetArea), ("table", Area.BottomDockWidgetArea)):
            self.addDockWidget(area, self.docks[key])
        self.addDockWidget(Area.RightDockWidgetArea, self.docks["details"])
        # The right-hand panels (details, form, conflicts, review, history, web map) share a 380 px
        # column: their tabs along its side have the column's height, where three Kazakh or Russian
        # titles side by side were cut to "Нысан мәліметт…", "Нысан пі…". Their titles are short
        # ("Details", "Form"), as QGIS's panels are, so all six fit along a 768 px screen in Kazakh and
        # Russian; View › Panels names them in full ("Feature details").
        self.setTabPosition(Area.RightDockWidgetArea, QTabWidget.TabPosition.East)
        self.size_docks()

    def size_docks(self) -> None:
        """Sizes that show the panels' content: the form's labels beside their fields, six table rows."""
        side = (self.docks["layers"], self.docks["details"])
        self.resizeDocks(list(side), [SIDE_WIDTH[0], SIDE_WIDTH[1]], Qt.Orientation.Horizontal)
        table_height = max(TABLE_HEIGHT, self.height() // 4)  # more rows on a taller screen
        self.resizeDocks([self.docks["table"]], [table_height], Qt.Orientation.Vertical)

    def _dock(self, name: str, widget: QWidget, title: Text | None, menu_title: Text | None = None) -> QDockWidget:
        """``menu_title``: the name in View › Panels when the dock's own title (on its tab) is short."""
        dock = widget if isinstance(widget, QDockWidget) else QDockWidget(self)
        dock.setObjectName(name)  # saveState() restores docks by name
        if dock is not widget:
            dock.setWidget(widget)
        if title is not None:
            self._dock_titles.append((dock, title, menu_title))
            _title_dock(dock, title, menu_title)
        return dock

    def _connect(self) -> None:
        """Every connection between the parts, in one place."""
        signals, edit, sync, exhibits, gps = self.store_signals, self.edit_actions, self.sync, self.exhibits, self.gps
        # what changed in the store shown: each view connects once
        signals.sigLayerChanged.connect(self.canvas.refresh)
        signals.sigLayerChanged.connect(self.table.layer_changed)
        signals.sigLayerChanged.connect(lambda layer: self.layer_panel.refresh_counts())
        signals.sigFeatureChanged.connect(self.details.feature_changed)
        signals.sigCatalogChanged.connect(self._catalog_changed)
        signals.sigFeaturesChanged.connect(lambda layer, uuids: self.details.feature_changed(layer, ""))
        # the map, the layers, the table and the details
        self.canvas.sigCursorMoved.connect(self.status.show_position)
        self.canvas.sigScaleChanged.connect(self.status.show_scale)
        self.layer_panel.reference.sigChanged.connect(self.canvas.set_reference)
        self.layer_panel.reference.sigChanged.connect(self._save_reference_choices)
        self.layer_panel.reference.sigSwipe.connect(self.canvas.set_swipe)
        self.canvas.sigIdentified.connect(self.show_feature)
        self.canvas.sigRenderFinished.connect(self._show_map_problems)
        self.canvas.sigRenderFinished.connect(exhibits.map_drawn)
        self.layer_panel.sigStylesChanged.connect(self.canvas.set_styles)
        self.layer_panel.sigZoomToLayer.connect(self.canvas.zoom_to_layer)
        self.layer_panel.sigOpenTable.connect(self.open_table)
        self.layer_panel.sigCurrentLayerChanged.connect(self._set_current_layer)
        self.layer_panel.sigCurrentLayerChanged.connect(edit.set_edit_layer)
        self.layer_panel.sigProblem.connect(lambda text: self.message_bar.show_message(text, "warning"))
        self.table.sigZoomTo.connect(self.canvas.zoom_to_features)
        self.table.model.sigQueryFinished.connect(self._show_pending)
        self.feature_menus.sigFeatureHit.connect(self.show_feature)
        self.feature_menus.attach_table(self.table.view, self.table.feature_at)
        for feature_action in exhibits.feature_actions():
            self.feature_menus.add_feature_action(feature_action)
        self.feature_menus.add_map_actions(exhibits.map_actions())
        # the parts
        edit.sigMessage.connect(self._show_message)
        sync.sigMessage.connect(self._renew_message)
        edit.sigShowFeature.connect(self.show_feature)
        edit.sigPendingChanged.connect(self._show_pending)
        edit.sigWaiting.connect(self.status.show_waiting)
        sync.sigStatus.connect(self.status.showMessage)
        sync.sigLastSync.connect(self.status.show_last_sync)
        self.jobs.sigIdle.connect(self._close_when_idle)
        sync.controller.sigEnded.connect(self._close_when_idle)
        sync.sigCreateStore.connect(self.new_store_dialog)  # the demo's refusal offers the real store
        sync.controller.sigAccountChanged.connect(self._account_changed)
        sync.sigZoomTo.connect(self.zoom_to_features)
        exhibits.sigShowFeature.connect(self.show_feature)
        exhibits.sigStatus.connect(self.status.showMessage)
        gps.sigMessage.connect(self._show_message)
        gps.sigPlacePoint.connect(edit.place_gps_point)
        gps.sigAddCorner.connect(edit.add_gps_corner)
        gps.sigNewShape.connect(edit.new_gps_shape)
        for part in (edit, sync, exhibits, gps):
            part.sigActionsChanged.connect(self.registry.update_enabled)
        self.registry.update_enabled()

    # -- what the parts may use (ui.context.WindowContext) --------------------------------------------
    def current_store(self) -> Store | None:
        return self.store

    def dialog_parent(self) -> QMainWindow:
        return self

    def add_actions(self, specs: Iterable[ActionSpec | MenuSpec]) -> dict[str, QAction]:
        return self.registry.add(specs)

    def add_dock(
        self,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        *,
        beside: str | None = None,
        title: Text | None = None,
        menu_title: Text | None = None,
        hidden: bool = True,
    ) -> QDockWidget:
        dock = self._dock(name, widget, title, menu_title)
        if not self.restoreDockWidget(dock):  # True for a dock made after the saved layout was read
            dock.setVisible(not hidden)  # hidden before it joins a tab group: Qt then makes no tab bar
            self.addDockWidget(area, dock)  # for it that it would leave on screen over the map
            near = self.docks.get(beside) if beside is not None else None
            if near is not None:
                self.tabifyDockWidget(near, dock)
                near.raise_()
        self.registry.place("panels", [dock.toggleViewAction()])
        return dock

    def add_status_widget(self, widget: QWidget) -> None:
        self.status.addPermanentWidget(widget)

    def map_extent(self) -> BBox:
        return self.canvas.current_view().lonlat_bbox()

    def visible_layers(self) -> tuple[str, ...]:
        styles = self.layer_panel.styles()
        return tuple(name for name, style in sorted(styles.items(), key=lambda item: item[1].order) if style.visible)

    def reference_looks(self) -> tuple[Look, ...]:
        return looks_of(self.layer_panel.reference.shown())

    # -- the store ----------------------------------------------------------------------------------
    def set_store(self, store: Store, prepared: Prepared | None = None) -> None:
        """Show ``store`` everywhere; the previous one is closed. Broken layers are reported, not fatal.
        ``prepared``: what the opener read of it off the UI thread (without it, it is read here)."""
        self.opener.cancel()  # a store being opened meanwhile is not shown over this one
        previous, self.store = self.store, store
        self._prepared = (store, prepared) if prepared is not None else None
        store.events = self.store_events  # its writers, and the jobs that open its file, tell this window
        self._demo = prepared.demo if prepared is not None else self._read_demo(store)
        if prepared is not None:
            self.author.use_once(store, prepared.author)
        with self.readers.held():  # every view given the store, then their reads start (ui.sharing.readers)
            self.store_events.replaced.emit()
            self._prepared = None
            self.open_table(self.current_layer or self.layer_panel.current_layer() or "quarries", raise_dock=False)
        if previous is not None and previous is not store:
            close_later(previous)  # closing checkpoints its WAL: not on the UI thread
        self.settings.setValue("store/last", str(store.path))
        self._show_title()  # its name; the rest of the window's words do not change with the store

    def _show_store(self) -> None:
        """A store is shown, or none: each view of the window's own starts again from it (from what the
        opener read of it, when it was opened off the UI thread)."""
        store = self.store
        prepared = self._prepared[1] if self._prepared is not None and self._prepared[0] is store else None
        self.readers.set_path(store.path if store is not None else None)  # reads of the previous one dropped
        if prepared is not None:
            show_catalog(prepared.catalog)
        else:
            show_catalog(store.catalog if store is not None else builtin_catalog())
        self.selection.clear()
        self.details.clear()
        self.message_bar.clear()
        if store is not None:
            self._show_store_problems()
        self.canvas.set_store(store.path if store is not None else None, prepared.layout if prepared else None)
        self.outside.set_store(store)
        if prepared is not None:
            self.layer_panel.set_store(store, prepared.catalog, (prepared.styles, prepared.style_problems))
        else:
            self.layer_panel.set_store(store)
        self.canvas.set_styles(self.layer_panel.styles())
        self.refresh_reference(new_store=True, layers=prepared.reference if prepared is not None else None)
        self.table.set_store(store)

    def _catalog_changed(self) -> None:
        """A sync (or another program) brought a new layer or field: what the window shows of the store
        is read again on a reader, as the opener reads it (``read_shown``), and taken in when it lands;
        the UI thread reads none of it (issue 14). A newer change wins; another store shown drops it."""
        store = self.store
        if store is not None:
            self.readers.read(
                "catalog",
                read_shown,
                lambda read: self._catalog_read(store, read),
                lambda error: self._catalog_failed(store, error),
            )

    def _catalog_failed(self, store: Store, error: Exception) -> None:
        """The new layers could not be read (a definition another program wrote broken, a lock held past
        the wait): the window keeps what it shows and says why, instead of staying silently behind."""
        if store is self.store:
            text = self.tr("The store's new layers and fields could not be read: {message}")
            self.message_bar.show_message(text.format(message=message_of(error)), "warning", CATALOG_KEY)

    def _catalog_read(self, store: Store, read: Prepared) -> None:
        """The map, the layer list, the table, the import dialog and the parts (``sigCatalogRead``) take
        the new layers and fields in; the view and the selection stay. The same catalog (another
        program's commit that changed no layer) changes nothing."""
        if store is not self.store:
            return
        self.message_bar.dismiss(CATALOG_KEY)
        shown = self.table.catalog()
        same = (read.catalog.revision, read.catalog.names) == (shown.revision, shown.names) and all(
            read.catalog.layer(name) == shown.layer(name) for name in shown.names
        )
        store.use_catalog(read.catalog)  # what the parts and views find in store.catalog from now on
        if same:
            return
        show_catalog(read.catalog)
        self.canvas.set_store(store.path, read.layout)
        self.layer_panel.set_store(store, read.catalog, (read.styles, read.style_problems))
        self.canvas.set_styles(self.layer_panel.styles())
        self.table.catalog_changed()
        self.table.refresh()
        self.jobs.catalog_changed(read.catalog)
        self.store_signals.sigCatalogRead.emit(read.catalog)

    def _show_store_problems(self) -> None:
        """What is wrong with the store just shown (broken layers, unknown ones), read on a reader: every
        layer is read, which takes a while on a big store or behind another program's lock."""
        store = self.store
        if store is None:
            return
        self._broken, self._unknown = {}, []

        def show(found: tuple[dict[str, str], list[str]]) -> None:
            if self.store is not store:
                return
            self._broken, self._unknown = found
            self._say_store_problems()

        def failed(_error: Exception) -> None:  # a store a reader cannot open: looked at here, once
            if self.store is store:
                show(store_problems(store))

        self.readers.read("store-problems", store_problems, show, failed, background=True)  # reads every layer

    def _say_store_problems(self) -> None:
        """The store's problems as last read, in the current language (a language switch says them again
        from what was read: reading every layer again for new words took a reader per switch)."""
        store = self.store
        if store is None:
            return
        for key, level, text in problem_messages(self._broken, self._unknown, store.readonly):
            self.message_bar.show_message(text, level, key)
        for text in self.canvas.problems():  # the map's own words for a broken layer: said better now
            if any(name in text for name in self._broken):
                self.message_bar.dismiss(f"map:{text}")

    def open_store(
        self,
        path: Path,
        failed: Callable[[Exception], None] | None = None,
        *,
        create: bool = False,
        demo: str | None = None,
    ) -> None:
        """Open the store at ``path`` off the UI thread (``StoreOpener``): the window says it is opening
        it and stays usable, and shows it once it is read; on failure a dialog says why (or ``failed``
        is told: the start-up's own message) and the current store stays. While another program holds
        its lock, it opens as soon as the lock goes. ``create``: a new store is made there (File > New),
        with the demo data in the language ``demo`` when given (the first start)."""
        self._open_failed = failed
        self._creating = create
        self.opener.open(Path(path), self.author.chosen(), create=create, demo=demo)
        self.message_bar.show_message(self.tr("Opening {file}…").format(file=Path(path).name), "info", OPENING_KEY)
        self.status.showMessage(self.tr("Opening {file}…").format(file=Path(path).name))

    def opening(self) -> bool:
        """A store is being opened (File > Open): the window shows it once it is read."""
        return self.opener.busy()

    def _opened(self, store: Store, prepared: Prepared) -> None:
        self.message_bar.dismiss(OPENING_KEY)
        self.status.clearMessage()
        self.set_store(store, prepared)

    def _cannot_open(self, path: Path, error: Exception) -> None:
        """The file cannot be shown: said as before, in a dialog; the store shown stays as it was."""
        self.message_bar.dismiss(OPENING_KEY)
        self.status.clearMessage()
        failed, self._open_failed = self._open_failed, None
        if failed is not None:
            failed(error)
        elif self._creating:
            self.jobs.explain_cannot_create(error)
        else:
            self.jobs.explain_cannot_open(error)

    def _opening_waits(self, path: Path) -> None:
        self.message_bar.show_message(
            self.tr(
                "Opening {file}: another program is writing to it. It opens as soon as that program is done."
            ).format(file=Path(path).name),
            "info",
            OPENING_KEY,
        )

    def _account_changed(self, account: Credentials | None) -> None:
        """The name on edits and the branch of new features follow the account signed in."""
        self.author.apply(account)  # the name from the account itself: no read of the store's sign-in
        self.account_branch = account.branch if account is not None else None
        if self.store is not None:  # every new feature made through the store, whatever made it
            self.store.new_feature_branch = self.account_branch
        self.edit_actions.panel.account_branch = self.account_branch  # shown in a new feature's form

    def _show_pending(self) -> None:
        """The unsynced edits: their number in the status bar, their marks in the table."""
        self.status.show_changes(self.edit_actions.pending_count(), demo=self.edit_actions.tracker.demo)
        self.table.model.set_pending(self.edit_actions.pending_fids(self.table.model.layer()))

    def _show_message(self, text: str, level: str, key: str) -> None:
        """A part's message in the bar above the map, in place of its last one; an empty one takes it away."""
        if text:
            self.message_bar.show_message(text, level, key)
        else:
            self.message_bar.dismiss(key)

    def _renew_message(self, text: str, level: str, key: str) -> None:
        """A part's message at the end of the bar, its last one of the same kind gone (a sync's outcome)."""
        self.message_bar.dismiss(key)
        self.message_bar.show_message(text, level, key)

    # -- panels -------------------------------------------------------------------------------------
    def show_feature(self, layer: str, fid: int) -> None:
        """An identify click: select the feature, show it in the details dock."""
        self.selection.select(layer, [fid])
        if self.store is not None:
            self.details.show_feature(self.store, layer, fid)
        self.docks["details"].show()
        self.docks["details"].raise_()

    def zoom_to_features(self, layer: str, fids: list[int]) -> None:
        self.selection.select(layer, fids)
        self.canvas.zoom_to_features(layer, fids)

    def open_table(self, layer: str, raise_dock: bool = True) -> None:
        self.table.set_layer(layer)
        self._set_current_layer(layer)
        if raise_dock:
            self.docks["table"].show()
            self.docks["table"].raise_()

    def _set_current_layer(self, layer: str) -> None:
        self.current_layer = layer

    # -- the View menu ------------------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.canvas.zoom_in()

    def zoom_out(self) -> None:
        self.canvas.zoom_out()

    def zoom_to_kazakhstan(self) -> None:
        self.canvas.zoom_to_kazakhstan()

    def zoom_to_current_layer(self) -> None:
        layer = self.layer_panel.current_layer() or self.current_layer
        if layer:
            self.canvas.zoom_to_layer(layer)

    def set_basemap_visible(self, visible: bool) -> None:
        self.canvas.set_basemap_visible(visible)
        self.window_actions.actions["basemap"].setChecked(visible)
        self.settings.setValue("basemap/visible", visible)

    def online_tiles_dialog(self) -> None:
        self.online_tiles.open_dialog()

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

    def _store_key(self) -> str:
        return str(Path(self.store.path).resolve()) if self.store is not None else ""

    def _reference_choices(self) -> dict[str, dict[str, Any]]:
        try:
            value = json.loads(saved.read(self.settings, "basemap/reference") or "{}")
        except ValueError:  # a hand-edited settings file: start again
            return {}
        return value if isinstance(value, dict) else {}

    def _save_reference_choices(self, _shown: object = None) -> None:
        """Remember, per store, what the user showed and how opaque (the next start shows the same)."""
        if self.store is None or self._restoring:
            return
        every = self._reference_choices()
        every[self._store_key()] = {
            layer.key: [layer.visible, layer.opacity, layer.brightness] for layer in self.layer_panel.reference.layers()
        }
        self.settings.setValue("basemap/reference", json.dumps(every))

    def _show_map_problems(self) -> None:
        """What the map could not draw (basemap, tiles, a layer), once its render has finished."""
        catalog = shown_catalog()  # (read when the store was shown: this runs after renders, even at closing)
        broken = [catalog.layer(name).title for name in self._broken if name in catalog] + list(self._broken)
        for text in self.canvas.problems():
            if not any(name in text for name in broken):  # already explained, in the user's language
                self.message_bar.show_message(sentence_text(text), "warning", f"map:{text}")

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

    def add_osm_basemap_dialog(self) -> None:
        self.jobs.add_osm_basemap_dialog()

    def add_imagery_dialog(self) -> None:
        self.jobs.add_imagery_dialog()

    def refresh_reference(self, new_store: bool = False, layers: list[ReferenceLayer] | None = None) -> None:
        """The store's basemaps and images changed (one added): list and draw them again (``layers``: as
        read by the opener). A file that is not on this device (copied from another laptop without it) is
        said once, not an error."""
        store = self.store
        if layers is None and store is not None and self.readers.path() == store.path:
            # read on a reader (one added by File > Add basemap or imagery), listed when it lands
            self.readers.read("reference", read_reference, lambda read: self._reference_read(store, new_store, read))
            return
        if layers is None:
            layers = read_reference(store) if store is not None else []
        chosen = self._reference_choices().get(self._store_key(), {})
        layers = [
            replace(
                layer,
                visible=bool(chosen[layer.key][0]),
                opacity=float(chosen[layer.key][1]),
                brightness=float(chosen[layer.key][2]),
            )
            if isinstance(chosen.get(layer.key), list) and len(chosen[layer.key]) == 3
            else layer
            for layer in layers
        ]
        self._restoring = True
        try:
            if new_store:
                self.layer_panel.reference.set_layers([])  # another store's choices do not carry over
            self.layer_panel.reference.set_layers(layers)
        finally:
            self._restoring = False
        for layer in layers:
            if not layer.present:
                missing = (
                    ImageryMissing(title=layer.title, path=str(layer.path))
                    if layer.kind == IMAGE
                    else BasemapMissing(path=str(layer.path))
                )
                self.message_bar.show_message(message_of(missing), "warning", f"reference:{layer.key}")

    def _reference_read(self, store: Store, new_store: bool, layers: list[ReferenceLayer]) -> None:
        if store is self.store:  # not another store's list
            self.refresh_reference(new_store, layers)

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
        self._show_title()
        for dock, title, menu_title in self._dock_titles:
            _title_dock(dock, title, menu_title)
        self.registry.retranslate()
        for part in (self.edit_actions, self.sync, self.gps):
            part.retranslate()

    def _show_title(self) -> None:
        """The store's name (a demo says so). A store shown sets only this: the window retranslated every
        menu, action and part at each store (5-6 ms of the UI thread on a quiet machine, hundreds of Qt
        calls, each a wait for the GIL beside the readers starting on the new store) and asked a reader
        for the last sync twice; the parts' words that depend on the store come with their own set_store."""
        name = Path(self.store.path).name if self.store is not None else ""
        # Qt adds the application's name to a title of its own ("name — Baytak"), as desktops expect
        if name and self._showing_demo():
            self.setWindowTitle(self.tr("{name} (demo store: illustrative data)").format(name=name))
        else:
            self.setWindowTitle(name)

    def _showing_demo(self) -> bool:
        return self.store is not None and self._demo

    @staticmethod
    def _read_demo(store: Store) -> bool:
        try:
            return store.is_demo
        except DatabaseError:  # a damaged store: its problems are shown in the message bar
            return False

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._say_store_problems()
        super().changeEvent(event)

    def childEvent(self, event: QChildEvent) -> None:
        """A tab bar Qt makes for tabbed docks tells each panel's full name on hover."""
        super().childEvent(event)
        child = event.child()
        if event.polished() and isinstance(child, QTabBar):
            self._dock_tab_names.watch(child)

    def showEvent(self, event: QShowEvent) -> None:
        """The first time, without a saved layout: panels sized for the window's real size."""
        super().showEvent(event)
        self._hide_spare_tab_bars()
        if not self._layout_restored:
            self._layout_restored = True
            self.size_docks()

    def restore_layout(self) -> None:
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self._layout_restored = self.restoreState(state, LAYOUT_VERSION)
        self._hide_spare_tab_bars()

    def _hide_spare_tab_bars(self) -> None:
        """Hide the dock tab bars with one tab or none. Restoring a saved layout makes tab bars Qt never
        lays out nor hides: shown with the window, one sat at its top left over the File menu with a
        cut "Attribute t…". Qt shows a tab bar itself once two docks share it."""
        for bar in self.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if bar.count() <= 1:
                bar.hide()

    def save_layout(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.settings.sync()

    # -- closing ------------------------------------------------------------------------------------------
    def running_jobs(self) -> list[str]:
        """What runs on the worker and would be cut off by closing: imports, exports, a sync."""
        running = self.jobs.running()
        if self.sync.controller.busy():
            running.append(self.tr("A sync with the server"))
        return running

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close; while an import, an export or a sync runs, first ask whether to cancel it. Cancelled,
        each job rolls back (the store as before it) and the window closes once the last has ended; a
        second close meanwhile changes nothing (the window is already on its way out)."""
        if self.running_jobs():
            event.ignore()
            if not self.closing:
                self._ask_to_cancel()
            return
        if self.edit_actions.writer.pending():  # edits still being written: the window waits for them
            event.ignore()
            self._close_when_written()
            return
        self.close_question = None
        self.save_layout()  # as shown, before it is hidden
        # Hidden first, then torn down: the views let go of the store (each reset by ``replaced``) on a
        # window no longer drawn, so their resets relayout and repaint nothing, and the person sees the
        # window go at once, not stop for the teardown (60-350 ms on a loaded machine).
        self.hide()
        self.opener.cancel()  # a store being opened is closed on its thread, never shown
        self.outside.stop()
        self.readers.stop()
        self.edit_actions.writer.stop()  # nothing is queued now: the thread just ends
        self.sync.close_down()
        self.exhibits.close_down()
        self.gps.close_down()
        self.canvas.shutdown()  # render and read-ahead jobs end before the store closes and Python ends
        if self.jobs.busy():
            self.jobs.cancel_all()
        if self.store is not None:  # detach every view first: none may read a closed store later
            store, self.store = self.store, None
            self.store_events.replaced.emit()
            store.close()
        self.store_signals.detach()
        super().closeEvent(event)

    def _close_when_written(self) -> None:
        """Close once the edits queued on the writer thread are written (another program may hold the
        store meanwhile): the status bar says so, and the window closes by itself once the last is
        written. A write the store refuses then keeps the window open, its reason on show."""
        self.status.showMessage(self.tr("Saving your edits… the window closes when they are written."))
        if self._writes_before_close:
            return
        self._writes_before_close = True
        writer, session = self.edit_actions.writer, self.edit_actions.session
        refused: list[str] = []

        def note(text: str) -> None:
            refused.append(text)

        def idle() -> None:
            writer.sigIdle.disconnect(idle)
            session.sigError.disconnect(note)
            self._writes_before_close = False
            if refused:
                self.status.clearMessage()
                return
            QTimer.singleShot(0, self.close)

        writer.sigIdle.connect(idle)
        session.sigError.connect(note)

    def _ask_to_cancel(self) -> None:
        if self.close_question is not None:  # asked already: the same question, raised again
            self.close_question.raise_()
            return
        jobs = "\n".join(f"• {text}" for text in self.running_jobs())
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cancel and close?"),
            self.tr("Still running:\n{jobs}\n\nCancel and close the window? The store stays as it was before.").format(
                jobs=jobs
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("close_question")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._answered(answer == QMessageBox.StandardButton.Yes))
        self.close_question = box
        box.open()

    def _answered(self, cancel: bool) -> None:
        self.close_question = None
        if not cancel:
            return
        self.closing = True
        self.status.showMessage(self.tr("Cancelling… the window closes when the store is as it was."))
        self.jobs.cancel_running()
        self.sync.controller.cancel()
        self._close_when_idle()

    def _close_when_idle(self) -> None:
        """A job ended: once none runs, the close the person asked for goes ahead."""
        if self.closing and not self.running_jobs():
            QTimer.singleShot(0, self.close)


def _title_dock(dock: QDockWidget, title: Text, menu_title: Text | None) -> None:
    """The dock's title (its tab's text) and, when it is short, its full name in View › Panels (a dock
    names its toggle after its title whenever the title changes, so the name is set after it)."""
    dock.setWindowTitle(title())
    if menu_title is not None:
        dock.toggleViewAction().setText(menu_title())
