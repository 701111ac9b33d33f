"""The Project menu: print the map, export the web map, make an evidence dossier; the Charts and Web map
preview docks; "Evidence dossier…" offered to the right-click menu of the map and the table
(``ui.map.context_menu``, which the window fills from ``feature_actions`` and ``map_actions``).

``ExhibitActions(ctx)`` gets the window's typed context; what it wants of the window it asks with
``sig*`` signals. Every exhibit is made on the worker
(``JobRunner``, with progress and Cancel): print layouts and dossiers are painted by the exhibit child
process, so a Kazakh exhibit comes out in Kazakh whatever language the window speaks. Dialogs are opened
with ``open()``, not ``exec()``: the window stays responsive and tests can fill them in and accept them.
The Charts dock imports pyqtgraph (a quarter of a second), so it is made after the map's first draw,
and the import is made on a thread of its own (an import is safe off the UI thread; the dock's widgets
are made on the UI thread once it lands): imported on the UI thread it stopped the window 120-190 ms;
the saved layout still puts it back where the user left it (``restoreDockWidget``). The dock made then
has no plot yet (``draw_when_shown``): a tab behind the table, it makes its pyqtgraph items and reads its
chart only once shown. Hidden docks are not refreshed after every edit, only marked stale and refreshed
when shown.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMessageBox

from baytak_desktop.errors import BaytakError
from baytak_desktop.exhibits.dossier import DossierSpec
from baytak_desktop.exhibits.jobs import dossier_job, file_stem, print_job, webmap_job
from baytak_desktop.exhibits.print_spec import ExhibitSpec, Extent
from baytak_desktop.exhibits.webmap import WebMapResult
from baytak_desktop.kept_threads import Done, run_kept
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionSpec, MenuSpec
from baytak_desktop.ui.context import WindowContext
from baytak_desktop.ui.exhibits.export_map_dialog import ExportMapDialog
from baytak_desktop.ui.exhibits.web_map_dock import WebMapDock
from baytak_desktop.ui.i18n import current_language
from baytak_desktop.ui.map.context_menu import FeatureAction
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.photo_flags import limits as photo_limits
from baytak_desktop.ui.worker import JobRunner, traceback_text, wait_for_jobs

if TYPE_CHECKING:
    from baytak_desktop.ui.exhibits.charts import ChartsDock

AUTHOR = "exhibit/author"
CHARTS_MODULE = "baytak_desktop.ui.exhibits.charts"  # imports pyqtgraph: on a thread, after the first draw
CHARTS_IMPORT_WAIT_S = 10.0  # closing waits this long at most for that import to end
REFRESH_DELAY_MS = 400  # edits come in bursts (an import, a sync): refresh the charts once after them


class ExhibitActions(QObject):
    """The Project menu and its actions, the Charts and Web map preview docks, the exhibit jobs."""

    sigShowFeature = Signal(str, int)  # layer, fid: select it and show its details (a click in the web map)
    sigStatus = Signal(str, int)  # text for the status bar, milliseconds
    sigActionsChanged = Signal()  # a store was opened or closed, the selection changed
    sigChartsImported = Signal()  # the charts module was imported on its thread: the dock can be made

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.dialog_parent())
        self.ctx = ctx
        self.runners: list[JobRunner] = []
        self.export_dialog: ExportMapDialog | None = None  # the dialog last opened (tests fill it in)
        self.file_dialog: QFileDialog | None = None
        self.message_box: QMessageBox | None = None
        self.charts: ChartsDock | None = None  # made after the map's first draw (ensure_charts)
        self._charts_stale = True
        self._charts_import: Done | None = None  # importing the charts module, off the UI thread
        self.actions: dict[str, QAction] = ctx.add_actions(self.specs())
        self.web_dock = WebMapDock(ctx.dialog_parent())
        # hidden: Chromium starts only when someone opens the preview
        ctx.add_dock("web_map_preview", self.web_dock, Qt.DockWidgetArea.RightDockWidgetArea, beside="details")
        self.docks: dict[str, QDockWidget] = {"web_map": self.web_dock}
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._connect()

    # -- building ---------------------------------------------------------------------------------------
    def specs(self) -> list[ActionSpec | MenuSpec]:
        has_store = self._has_store
        return [
            MenuSpec("project", lambda: self.tr("&Project")),
            ActionSpec(
                "export_map",
                lambda: self.tr("Export &map…"),
                self.open_export_map,
                lambda: self.tr("Print the map as PDF, PNG or SVG with a legend, scale bar and north arrow"),
                (QKeySequence.StandardKey.Print, "Ctrl+P"),
                "project",
                enabled_when=has_store,
            ),
            ActionSpec(
                "export_webmap",
                lambda: self.tr("Export &web map…"),
                self.open_export_webmap,
                lambda: self.tr("Save an interactive map as one HTML file that opens in any browser, with no internet"),
                menu="project",
                enabled_when=has_store,
            ),
            ActionSpec(
                "dossier",
                lambda: self.tr("Evidence &dossier…"),
                self.dossier_for_selection,
                lambda: self.tr(
                    "A PDF of the selected site for auditors: map, attributes, photos with their SHA-256, history"
                ),
                menu="project",
                enabled_when=lambda: has_store() and self.selected_feature() is not None,
            ),
            ActionSpec(
                "show_charts",
                lambda: self.tr("&Charts"),
                self.show_charts,
                lambda: self.tr("Water area, trees planted and sites by status"),
                menu="project",
                section=1,
            ),
            ActionSpec(
                "show_web_map",
                lambda: self.tr("Web map &preview"),
                self.show_web_map,
                lambda: self.tr("The web map as it will look in a browser"),
                menu="project",
                section=1,
            ),
        ]

    def feature_actions(self) -> list[FeatureAction]:
        """What the right-click menu of the map and the table offers for one feature."""
        return [FeatureAction("dossier", lambda: self.tr("Evidence &dossier…"), self.dossier_for)]

    def map_actions(self) -> list[QAction]:
        """What the map's right-click menu offers for the whole map."""
        return [self.actions["export_map"], self.actions["export_webmap"]]

    def _connect(self) -> None:
        signals = self.ctx.store_signals
        self._refresh_timer.timeout.connect(self._refresh_now)
        signals.sigStoreReplaced.connect(self._store_changed)
        signals.sigLayerChanged.connect(self.refresh)
        self.ctx.selection.sigChanged.connect(lambda layer: self.sigActionsChanged.emit())
        self.web_dock.sigFeatureClicked.connect(self.select_uuid)
        self.sigChartsImported.connect(self._charts_imported)

    def close_down(self) -> None:
        """The window closes: stop the jobs (a child painting finishes first) and let QtWebEngine go."""
        self._refresh_timer.stop()
        for runner in list(self.runners):
            runner.cancel()
        if self.runners:
            wait_for_jobs()
        if self._charts_import is not None:  # a thread inside Qt's module set-up when Python ends aborts
            self._charts_import.wait(CHARTS_IMPORT_WAIT_S)
        self.web_dock.release()

    # -- the store and refreshing -------------------------------------------------------------------------
    def _store_path(self) -> Path | None:
        store = self.ctx.current_store()
        return Path(store.path) if store is not None else None

    def _store_changed(self) -> None:
        self._refresh_now()
        self.sigActionsChanged.emit()

    def refresh(self, *_args: object) -> None:
        """The store's data changed (an edit, an import, a sync): charts and preview, once the burst is over."""
        self._refresh_timer.start()

    def _refresh_now(self) -> None:
        self._charts_stale = True
        self._refresh_charts()
        self.web_dock.set_store(self._store_path())

    def _refresh_charts(self) -> None:
        if self.charts is not None and self._charts_stale and self.charts.shown():
            self._charts_stale = False
            self.charts.set_store(self._store_path())

    def map_drawn(self) -> None:
        """The map finished drawing: the first time, the charts module is imported on a thread, and the
        Charts dock made when it lands, without slowing the start or stopping the window."""
        if self.charts is None and self._charts_import is None:
            self._charts_import = run_kept(self._import_charts, "charts-import")

    def _import_charts(self) -> None:
        """On the import thread. A failed import is left to ``ensure_charts``, which imports again on the
        UI thread and reports it as before."""
        with contextlib.suppress(Exception):  # reported by ensure_charts's own import
            importlib.import_module(CHARTS_MODULE)
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self.sigChartsImported.emit()  # queued: this object lives on the UI thread

    def _charts_imported(self) -> None:
        if self.charts is None:
            self.ensure_charts()

    def ensure_charts(self) -> ChartsDock:
        """The Charts dock (made on first use, placed where the saved layout had it, else behind the table)."""
        if self.charts is None:
            from baytak_desktop.ui.exhibits.charts import ChartsDock

            self.charts = ChartsDock(self.ctx.selection, self.ctx.dialog_parent(), draw_when_shown=True)
            self.charts.set_readers(self.ctx.readers)
            self.docks["charts"] = self.charts
            area = Qt.DockWidgetArea.BottomDockWidgetArea
            self.ctx.add_dock("charts_dock", self.charts, area, beside="table", hidden=False)
            self.charts.visibilityChanged.connect(self._charts_visible)
            self._refresh_charts()
        return self.charts

    def _charts_visible(self, visible: bool) -> None:
        if visible:
            self._refresh_charts()

    def show_charts(self) -> None:
        charts = self.ensure_charts()
        charts.show()
        charts.raise_()
        window = self.ctx.dialog_parent()
        window.resizeDocks([charts], [max(charts.height(), 340)], Qt.Orientation.Vertical)  # room for axes
        self._refresh_charts()

    def show_web_map(self) -> None:
        self.web_dock.show()
        self.web_dock.raise_()
        window = self.ctx.dialog_parent()
        window.resizeDocks([self.web_dock], [max(self.web_dock.width(), 560)], Qt.Orientation.Horizontal)

    def select_uuid(self, layer: str, uuid: str) -> None:
        """A feature clicked in the web map preview: select it in the app and show its details."""
        store = self.ctx.current_store()
        if store is None or layer not in store.catalog:
            return
        fid = store.fid_of(layer, uuid)
        if fid is not None:
            self.sigShowFeature.emit(layer, fid)

    def _has_store(self) -> bool:
        return self.ctx.current_store() is not None

    def selected_feature(self) -> tuple[str, int] | None:
        """The one selected feature, or None when none or several are selected."""
        selection = self.ctx.selection
        layers = selection.layers()
        fids = selection.selected(layers[0]) if len(layers) == 1 else frozenset()
        return (layers[0], next(iter(fids))) if len(fids) == 1 else None

    # -- print layout --------------------------------------------------------------------------------------
    def current_extent(self) -> Extent:
        west, south, east, north = self.ctx.map_extent()
        return max(-180.0, west), max(-85.0, south), min(180.0, east), min(85.0, north)

    def visible_layers(self) -> tuple[str, ...]:
        return self.ctx.visible_layers()

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
            self.ctx.dialog_parent(),
            folder=self._folder(),
            author=str(saved.read(self.ctx.settings, AUTHOR) or ""),
            reference=self.ctx.reference_looks(),
        )
        dialog.accepted.connect(lambda: self._export_map_accepted(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _export_map_accepted(self, dialog: ExportMapDialog) -> None:
        spec = dialog.spec()
        self.ctx.settings.setValue(AUTHOR, spec.author)
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
        self._tell(self.tr("Web map exported"), text, Path(str(result.path)))

    # -- evidence dossier ------------------------------------------------------------------------------------
    def dossier_for_selection(self) -> QFileDialog | None:
        chosen = self.selected_feature()
        return self.dossier_for(*chosen) if chosen is not None else None

    def dossier_for(self, layer: str, fid: int) -> QFileDialog | None:
        """Ask where to save the dossier of feature ``fid`` of ``layer``, then make it on the worker."""
        store = self.ctx.current_store()
        uuid = store.uuid_of(layer, fid) if store is not None and layer in store.catalog else None
        if store is None or uuid is None:
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

    def start_dossier(self, layer: str, uuid: str, out: Path) -> JobRunner | None:
        store_path = self._store_path()
        if store_path is None:
            return None
        max_km, max_days = photo_limits(self.ctx.settings)
        spec = DossierSpec(
            store=store_path,
            uuid=uuid,
            out=out.with_suffix(".pdf"),
            language=current_language(),
            layer=layer,
            author=str(saved.read(self.ctx.settings, AUTHOR) or ""),
            photo_max_km=max_km,
            photo_max_days=max_days,
        )
        title = self.tr("Making the evidence dossier {file}…").format(file=spec.out.name)
        return self._run(title, self.tr("The dossier was not made"), self._written, dossier_job, spec)

    # -- running and telling -------------------------------------------------------------------------------------
    def _ask_save(
        self, title: str, name: str, filters: str, suffix: str, then: Callable[[Path], object]
    ) -> QFileDialog:
        dialog = QFileDialog(self.ctx.dialog_parent(), title, str(self._folder() / name), filters)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.fileSelected.connect(lambda chosen: then(Path(chosen)))
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _run(
        self, title: str, failed_title: str, done: Callable[..., object], job: Callable[..., Any], *args: Any
    ) -> JobRunner:
        runner = JobRunner(self.ctx.dialog_parent(), title, job, *args)
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
        box = QMessageBox(
            QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.ctx.dialog_parent()
        )
        opener = box.addButton(self.tr("Open"), QMessageBox.ButtonRole.ActionRole)
        opener.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()
        self._status(text)

    def _failed(self, title: str, error: Exception) -> None:
        message = message_of(error)  # a refusal the painter process sent back is translated too
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.ctx.dialog_parent()
        )
        if not isinstance(error, BaytakError):
            box.setDetailedText(traceback_text(error))
        box.finished.connect(box.deleteLater)
        self.message_box = box
        box.open()
        self._status(title)

    def _status(self, text: str) -> None:
        self.sigStatus.emit(text, 10_000)
