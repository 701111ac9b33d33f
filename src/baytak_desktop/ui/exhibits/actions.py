"""The Project menu: print the map, export the web map, make an evidence dossier; the Charts and Web map
preview docks; "Evidence dossier…" on a right click on the map and in the attribute table.

``ExhibitActions(window)`` is the one call the main window makes. Every exhibit is made on the worker
(``JobRunner``, with progress and Cancel): print layouts and dossiers are painted by the exhibit child
process, so a Kazakh exhibit comes out in Kazakh whatever language the window speaks. Dialogs are opened
with ``open()``, not ``exec()``: the window stays responsive and tests can fill them in and accept them.
The Charts dock imports pyqtgraph (a quarter of a second), so it is made after the map's first draw;
the saved layout still puts it back where the user left it (``restoreDockWidget``). Hidden docks are
not refreshed after every edit, only marked stale and refreshed when shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from baytak_desktop.errors import BaytakError
from baytak_desktop.exhibits.dossier import DossierSpec
from baytak_desktop.exhibits.jobs import dossier_job, file_stem, print_job, webmap_job
from baytak_desktop.exhibits.print_spec import ExhibitSpec, Extent
from baytak_desktop.exhibits.webmap import WebMapResult
from baytak_desktop.layers import LAYERS
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.exhibits.export_map_dialog import ExportMapDialog
from baytak_desktop.ui.exhibits.web_map_dock import WebMapDock, place_dock
from baytak_desktop.ui.i18n import current_language
from baytak_desktop.ui.worker import JobRunner, wait_for_jobs

AUTHOR = "exhibit/author"
saved.SETTINGS.setdefault(AUTHOR, ("", "The author printed on map exhibits and dossiers (the last one typed)"))
REFRESH_DELAY_MS = 400  # edits come in bursts (an import, a sync): refresh the charts once after them


class ExhibitActions(QObject):
    """Builds the Project menu and the exhibit docks of ``window`` and runs the exhibit jobs."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self.runners: list[JobRunner] = []
        self.export_dialog: ExportMapDialog | None = None  # the dialog last opened (tests fill it in)
        self.file_dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.last_menu: QMenu | None = None
        self.charts = None  # charts.ChartsDock, made after the first draw (ensure_charts)
        self._charts_stale = True
        self._make_actions()
        self._make_menu()
        self.web_dock = WebMapDock(window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.web_dock)
        window.tabifyDockWidget(window.docks["details"], self.web_dock)
        self.web_dock.hide()  # Chromium starts only when someone opens the preview
        self.docks = {"web_map": self.web_dock}
        window.window_actions.add_dock_toggles([self.web_dock.toggleViewAction()])
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._connect()
        window.installEventFilter(self)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------------------
    def _action(self, key: str, slot, shortcut=None) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{key}")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda checked=False: slot())
        self.actions[key] = action
        return action

    def _make_actions(self) -> None:
        print_key = QKeySequence.StandardKey.Print
        self._action("export_map", self.open_export_map, print_key if QKeySequence.keyBindings(print_key) else "Ctrl+P")
        self._action("export_webmap", self.open_export_webmap)
        self._action("dossier", self.dossier_for_selection)
        self._action("show_charts", self.show_charts)
        self._action("show_web_map", self.show_web_map)

    def _make_menu(self) -> None:
        bar, a = self.window.menuBar(), self.actions
        self.menu = QMenu(self.window)
        self.menu.setObjectName("menu_project")
        sync = getattr(self.window, "sync", None)
        before = sync.menu if sync is not None else self.window.window_actions.help_menu
        bar.insertMenu(before.menuAction(), self.menu)
        self.menu.addActions([a["export_map"], a["export_webmap"], a["dossier"]])
        self.menu.addSeparator()
        self.menu.addActions([a["show_charts"], a["show_web_map"]])

    def _connect(self) -> None:
        w = self.window
        self._refresh_timer.timeout.connect(self._refresh_now)
        w.sigStoreChanged.connect(self._store_changed)
        w.selection.sigChanged.connect(self._update_enabled)
        w.canvas.sigRenderFinished.connect(self._first_draw)
        edit_actions = getattr(w, "edit_actions", None)
        if edit_actions is not None:
            edit_actions.session.sigLayerChanged.connect(self.refresh)
        self.web_dock.sigFeatureClicked.connect(self.select_uuid)
        for widget, slot in ((w.canvas, self._map_menu_requested), (w.table.view, self._table_menu_requested)):
            widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            widget.customContextMenuRequested.connect(slot)

    def retranslate(self) -> None:
        self.menu.setTitle(self.tr("&Project"))
        texts = {
            "export_map": (
                self.tr("Export &map…"),
                self.tr("Print the map as PDF, PNG or SVG with a legend, scale bar and north arrow"),
            ),
            "export_webmap": (
                self.tr("Export &web map…"),
                self.tr("Save an interactive map as one HTML file that opens in any browser, with no internet"),
            ),
            "dossier": (
                self.tr("Evidence &dossier…"),
                self.tr("A PDF of the selected site for auditors: map, attributes, photos with their SHA-256, history"),
            ),
            "show_charts": (self.tr("&Charts"), self.tr("Water area, trees planted and sites by status")),
            "show_web_map": (self.tr("Web map &preview"), self.tr("The web map as it will look in a browser")),
        }
        for key, (text, tip) in texts.items():
            self.actions[key].setText(text)
            self.actions[key].setToolTip(tip)
            self.actions[key].setStatusTip(tip)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:
                self.close_down()
        return False

    def close_down(self) -> None:
        """The window closes: stop the jobs (a child painting finishes first) and let QtWebEngine go."""
        self._refresh_timer.stop()
        for runner in list(self.runners):
            runner.cancel()
        if self.runners:
            wait_for_jobs()
        self.web_dock.release()

    # -- the store and refreshing -------------------------------------------------------------------------
    def _store_path(self) -> Path | None:
        return Path(self.window.store.path) if self.window.store is not None else None

    def _store_changed(self, _path: str) -> None:
        self._refresh_now()
        self._update_enabled()

    def refresh(self, *_args) -> None:
        """The store's data changed (an edit, an import, a sync): charts and preview, once the burst is over."""
        self._refresh_timer.start()

    def _refresh_now(self) -> None:
        self._charts_stale = True
        self._refresh_charts()
        self.web_dock.set_store(self._store_path())

    def _refresh_charts(self) -> None:
        if self.charts is not None and self._charts_stale and self.charts.isVisible():
            self._charts_stale = False
            self.charts.set_store(self._store_path())

    def _first_draw(self) -> None:
        self.window.canvas.sigRenderFinished.disconnect(self._first_draw)
        self.ensure_charts()

    def ensure_charts(self):
        """The Charts dock (made on first use, placed where the saved layout had it, else behind the table)."""
        if self.charts is None:
            from baytak_desktop.ui.exhibits.charts import ChartsDock

            self.charts = ChartsDock(self.window.selection, self.window)
            self.docks["charts"] = self.charts
            place_dock(self.window, self.charts, self.window.docks["table"])
            self.window.window_actions.add_dock_toggles([self.charts.toggleViewAction()])
            self.charts.visibilityChanged.connect(lambda visible: visible and self._refresh_charts())
            self._refresh_charts()
        return self.charts

    def show_charts(self) -> None:
        charts = self.ensure_charts()
        charts.show()
        charts.raise_()
        self.window.resizeDocks([charts], [max(charts.height(), 340)], Qt.Orientation.Vertical)  # room for axes
        self._refresh_charts()

    def show_web_map(self) -> None:
        self.web_dock.show()
        self.web_dock.raise_()
        self.window.resizeDocks([self.web_dock], [max(self.web_dock.width(), 560)], Qt.Orientation.Horizontal)

    def select_uuid(self, layer: str, uuid: str) -> None:
        """A feature clicked in the web map preview: select it in the app and show its details."""
        store = self.window.store
        if store is None or layer not in LAYERS:
            return
        fid = store.fid_of(layer, uuid)
        if fid is not None:
            self.window.show_feature(layer, fid)

    def _update_enabled(self, *_args) -> None:
        has_store = self.window.store is not None
        for key in ("export_map", "export_webmap"):
            self.actions[key].setEnabled(has_store)
        self.actions["dossier"].setEnabled(has_store and self.selected_feature() is not None)

    def selected_feature(self) -> tuple[str, int] | None:
        """The one selected feature, or None when none or several are selected."""
        layers = self.window.selection.layers()
        fids = self.window.selection.selected(layers[0]) if len(layers) == 1 else ()
        return (layers[0], next(iter(fids))) if len(fids) == 1 else None

    # -- print layout --------------------------------------------------------------------------------------
    def current_extent(self) -> Extent:
        west, south, east, north = self.window.canvas.current_view().lonlat_bbox()
        return max(-180.0, west), max(-85.0, south), min(180.0, east), min(85.0, north)

    def visible_layers(self) -> tuple[str, ...]:
        styles = self.window.layer_panel.styles()
        return tuple(name for name, style in sorted(styles.items(), key=lambda item: item[1].order) if style.visible)

    def _folder(self) -> Path:
        path = self._store_path()
        return path.parent if path is not None else Path.home()

    def open_export_map(self) -> ExportMapDialog | None:
        path = self._store_path()
        if path is None:
            return None
        dialog = ExportMapDialog(
            path,
            self.current_extent(),
            self.visible_layers(),
            self.window,
            folder=self._folder(),
            author=str(saved.read(self.window.settings, AUTHOR) or ""),
        )
        dialog.accepted.connect(lambda: self._export_map_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _export_map_accepted(self, dialog: ExportMapDialog) -> None:
        spec = dialog.spec()
        self.window.settings.setValue(AUTHOR, spec.author)
        self.start_export_map(spec)

    def start_export_map(self, spec: ExhibitSpec) -> JobRunner:
        title = self.tr("Exporting the map to {file}…").format(file=spec.out.name)
        return self._run(title, self.tr("The map was not exported"), self._written, print_job, spec)

    # -- web map --------------------------------------------------------------------------------------------
    def open_export_webmap(self) -> QFileDialog | None:
        path = self._store_path()
        if path is None:
            return None
        return self._ask_save(
            self.tr("Export web map"),
            f"{path.stem}.html",
            self.tr("Web pages (*.html)"),
            "html",
            self.start_export_webmap,
        )

    def start_export_webmap(self, out: Path) -> JobRunner:
        title = self.tr("Exporting the web map to {file}…").format(file=out.name)
        return self._run(
            title,
            self.tr("The web map was not exported"),
            self._webmap_written,
            webmap_job,
            self._store_path(),
            out,
            list(self.visible_layers()) or None,
            current_language(),
            self.current_extent(),
        )

    def _webmap_written(self, result: WebMapResult) -> None:
        text = self.tr(
            "The web map of %n feature(s) was written to {path}. It opens in any browser, with no internet.",
            "",
            result.features,
        ).format(path=result.path)
        self._tell(self.tr("Web map exported"), text, Path(result.path))

    # -- evidence dossier ------------------------------------------------------------------------------------
    def dossier_for_selection(self) -> QFileDialog | None:
        chosen = self.selected_feature()
        return self.dossier_for(*chosen) if chosen is not None else None

    def dossier_for(self, layer: str, fid: int) -> QFileDialog | None:
        """Ask where to save the dossier of feature ``fid`` of ``layer``, then make it on the worker."""
        store = self.window.store
        uuid = store.uuid_of(layer, fid) if store is not None and layer in LAYERS else None
        if uuid is None:
            return None
        feature = store.get(layer, uuid)
        name = feature.get("name") or feature.get("title") or uuid[:8]
        return self._ask_save(
            self.tr("Evidence dossier"),
            f"dossier-{file_stem(str(name))}.pdf",
            self.tr("PDF documents (*.pdf)"),
            "pdf",
            lambda out: self.start_dossier(layer, uuid, out),
        )

    def start_dossier(self, layer: str, uuid: str, out: Path) -> JobRunner:
        spec = DossierSpec(
            store=self._store_path(),
            uuid=uuid,
            out=out.with_suffix(".pdf"),
            language=current_language(),
            layer=layer,
            author=str(saved.read(self.window.settings, AUTHOR) or ""),
        )
        title = self.tr("Making the evidence dossier {file}…").format(file=spec.out.name)
        return self._run(title, self.tr("The dossier was not made"), self._written, dossier_job, spec)

    # -- context menus -----------------------------------------------------------------------------------------
    def map_menu(self, pos: QPoint) -> QMenu | None:
        """The map's right-click menu at viewport position ``pos``; the feature there is selected first."""
        canvas = self.window.canvas
        if canvas.tool() is not None:  # an edit tool owns the clicks
            return None
        dpr = canvas.devicePixelRatioF()
        hit = canvas.layers.identify(canvas.current_view(), pos.x() * dpr, pos.y() * dpr)
        if hit is not None:
            self.window.show_feature(*hit)
        menu = self._feature_menu(hit)
        menu.addSeparator()
        menu.addActions([self.actions["export_map"], self.actions["export_webmap"]])
        return menu

    def table_menu(self, pos: QPoint) -> QMenu | None:
        """The attribute table's right-click menu at viewport position ``pos`` (on a row)."""
        table = self.window.table
        index = table.view.indexAt(pos)
        if not index.isValid():
            return None
        hit = (table.layer(), table.model.fid_at(index.row()))
        if hit[1] not in self.window.selection.selected(hit[0]):
            self.window.selection.select(hit[0], [hit[1]])
        return self._feature_menu(hit)

    def _feature_menu(self, hit: tuple[str, int] | None) -> QMenu:
        menu = QMenu(self.window)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dossier = menu.addAction(self.tr("Evidence &dossier…"))
        dossier.setObjectName("menu_action_dossier")
        dossier.setEnabled(hit is not None)
        if hit is not None:
            dossier.triggered.connect(lambda checked=False: self.dossier_for(*hit))
        self.last_menu = menu
        return menu

    def _map_menu_requested(self, pos: QPoint) -> None:
        menu = self.map_menu(pos)
        if menu is not None:
            menu.popup(self.window.canvas.viewport().mapToGlobal(pos))

    def _table_menu_requested(self, pos: QPoint) -> None:
        menu = self.table_menu(pos)
        if menu is not None:
            menu.popup(self.window.table.view.viewport().mapToGlobal(pos))

    # -- running and telling -------------------------------------------------------------------------------------
    def _ask_save(self, title: str, name: str, filters: str, suffix: str, then) -> QFileDialog:
        dialog = QFileDialog(self.window, title, str(self._folder() / name), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _run(self, title: str, failed_title: str, done, job, *args) -> JobRunner:
        runner = JobRunner(self.window, title, job, *args)
        self.runners.append(runner)
        runner.sigEnded.connect(lambda: self.runners.remove(runner))
        runner.sigFinished.connect(done)
        runner.sigFailed.connect(lambda error: self._failed(failed_title, error))
        runner.sigCancelled.connect(lambda: self._status(self.tr("Cancelled: no file was written.")))
        runner.start()
        return runner

    def _written(self, out: Path) -> None:
        self._tell(self.tr("File written"), self.tr("Written to {path}.").format(path=out), Path(out))

    def _tell(self, title: str, text: str, path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window)
        opener = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.ActionRole)
        opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()
        self._status(text)

    def _failed(self, title: str, error: Exception) -> None:
        message = error.message if isinstance(error, BaytakError) else str(error)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.window)
        if not isinstance(error, BaytakError):
            box.setDetailedText(getattr(error, "formatted_traceback", ""))
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()
        self._status(title)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 10_000)
