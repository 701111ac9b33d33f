"""The File menu's work: open and create stores, import and export on the worker, add MBTiles.

Kept out of the main window so that one stays about wiring. Every failure becomes a dialog with the
domain error's message (what is wrong and what to do), never a traceback; a cancelled job leaves the
store exactly as it was and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMainWindow, QMessageBox

from baytak_desktop.basemap.imagery import NeedsCrs
from baytak_desktop.basemap.jobs import add_basemap_job, add_image_job
from baytak_desktop.basemap.registry import BasemapEntry, ImageEntry
from baytak_desktop.errors import BaytakError, ImportRejected, ValidationError
from baytak_desktop.io.exporter import ExportResult
from baytak_desktop.io.importer import ImportOptions, ImportResult
from baytak_desktop.io.jobs import export_job, import_job
from baytak_desktop.layers import Catalog
from baytak_desktop.store import Store
from baytak_desktop.ui.ask import ask_text, question_dialog
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.worker import JobRunner, traceback_text, wait_for_jobs

if TYPE_CHECKING:
    from baytak_desktop.ui.window.import_dialog import ImportDialog

SHOWN_PROBLEMS = 30


class JobsHost(Protocol):
    """What the File menu's dialogs and jobs use of the window."""

    store: Store | None
    current_layer: str | None
    account_branch: str | None  # the signed-in account's branch: what imported rows without one get

    def dialog_parent(self) -> QMainWindow: ...
    def set_store(self, store: Store) -> None: ...
    def open_store(
        self, path: Path, failed: Callable[[Exception], None] | None = None, *, create: bool = False
    ) -> None: ...
    def add_mbtiles(self, path: Path, remember: bool = True) -> bool: ...
    def refresh_reference(self) -> None: ...


class WindowJobs(QObject):
    """The File menu's dialogs and jobs for ``window``."""

    sigIdle = Signal()  # the last running job has ended

    def __init__(self, window: JobsHost) -> None:
        super().__init__(window.dialog_parent())
        self.window = window
        self.parent_widget = window.dialog_parent()
        self.runners: list[JobRunner] = []
        self.titles: dict[JobRunner, str] = {}  # what each running job is, for the question on closing
        self.last_explanation: str | None = None
        self.open_import: ImportDialog | None = None  # while the import dialog is open
        self.crs_dialog: QInputDialog | None = None  # asking the coordinate system of an image placed by a world file

    def _folder(self) -> Path:
        store = self.window.store
        return Path(store.path).parent if store is not None else Path.home()

    # -- stores ---------------------------------------------------------------------------------------
    def explain_cannot_open(self, error: Exception) -> None:
        """Why a store cannot be shown (not a GeoPackage, damaged...), in a dialog."""
        self._explain(self.tr("This file cannot be opened"), message_of(error))

    def open_store_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("Open a store"),
            str(self._folder()),
            self.tr("GeoPackage stores (*.gpkg);;All files (*)"),
        )
        if path:
            self.window.open_store(Path(path))

    def new_store_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Create a new store"),
            str(self._folder() / "baytak.gpkg"),
            self.tr("GeoPackage stores (*.gpkg)"),
        )
        if path:
            self.create_store(Path(path if path.endswith(".gpkg") else path + ".gpkg"))

    def create_store(self, path: Path) -> None:
        """Make a new store at ``path`` and show it: made off the UI thread (the window's opener); a
        failure is explained (``explain_cannot_create``)."""
        self.window.open_store(path, create=True)

    def explain_cannot_create(self, error: Exception) -> None:
        self._explain(self.tr("The store cannot be created"), message_of(error))

    # -- import ----------------------------------------------------------------------------------------
    def import_dialog(self) -> None:
        from baytak_desktop.ui.window.import_dialog import ImportDialog

        dialog = ImportDialog(
            self.parent_widget,
            layer=self.window.current_layer,
            folder=self._folder(),
            store_path=self.window.store.path if self.window.store else None,
            catalog=self.window.store.catalog if self.window.store else None,
            branch=self.window.account_branch,
        )
        self.open_import = dialog
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            self.open_import = None
        if accepted:
            self.start_import(dialog.source(), dialog.layer(), options=dialog.options())

    def catalog_changed(self, catalog: Catalog) -> None:
        """A sync brought layers or fields: an import dialog open meanwhile offers them."""
        if self.open_import is not None:
            self.open_import.catalog_changed(catalog)

    def start_import(
        self,
        source: Path,
        layer: str,
        *,
        field_map: dict[str, str] | None = None,
        source_layer: str | None = None,
        skip_invalid: bool = False,
        options: ImportOptions | None = None,
    ) -> JobRunner:
        title = self.tr("Importing {file} into {layer}…").format(file=Path(source).name, layer=layer_title(layer))
        store = self._store()
        runner = self._run(
            title,
            import_job,
            store.path,
            Path(source),
            layer,
            field_map=field_map,
            source_layer=source_layer,
            skip_invalid=skip_invalid,
            options=options,
            events=store.events,  # the map, the table and the counts hear what the import wrote
            author=store.author,
            new_feature_branch=store.new_feature_branch,
        )
        runner.sigFinished.connect(self._imported)
        runner.sigFailed.connect(lambda exc: self._failed(self.tr("Nothing was imported"), exc, layer))
        runner.sigCancelled.connect(lambda: self._say(self.tr("Import cancelled: the store is as it was.")))
        runner.start()
        return runner

    def _imported(self, result: ImportResult) -> None:
        text = self.tr("%n feature(s) imported into {layer}.", "", result.imported).format(
            layer=layer_title(result.layer)
        )
        if result.updated:
            text += " " + self.tr("%n feature(s) already there were updated.", "", result.updated)
        self._say(text)
        report = self.import_report(result)
        self.last_explanation = "\n".join([text, *report])
        if not (result.rejected or result.warnings or result.unmatched_columns):
            return
        summary = text
        if result.rejected:
            summary += " " + self.tr("%n row(s) were invalid and skipped.", "", len(result.rejected))
        box = QMessageBox(
            QMessageBox.Icon.Warning if result.rejected else QMessageBox.Icon.Information,
            self.tr("Some rows were skipped") if result.rejected else self.tr("Imported, with notes"),
            summary,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        rejected = [message_of(p, result.layer) for p in result.rejected[:SHOWN_PROBLEMS]]
        box.setDetailedText("\n".join(report + rejected))
        box.open()

    def import_report(self, result: ImportResult) -> list[str]:
        """What a person should know about a finished import besides the count, in the UI language."""
        lines = []
        if result.unchanged:
            lines.append(self.tr("%n row(s) were already in the store as they are in the file.", "", result.unchanged))
        if result.encoding and result.encoding_how not in (None, "ascii"):
            lines.append(self.tr("Text read as {encoding}.").format(encoding=result.encoding))
        if result.unmatched_columns:
            lines.append(
                self.tr("Not imported (no field takes them): {columns}").format(
                    columns=", ".join(result.unmatched_columns)
                )
            )
        lines += [message_of(p, result.layer) for p in result.warnings[:SHOWN_PROBLEMS]]
        return lines

    # -- export ----------------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        from baytak_desktop.ui.window.export_dialog import ExportDialog

        dialog = ExportDialog(
            self.parent_widget,
            layer=self.window.current_layer,
            folder=self._folder(),
            catalog=self.window.store.catalog if self.window.store else None,
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            overwrite = False
            if dialog.path().exists():
                asked = QMessageBox.question(
                    self.parent_widget,
                    self.tr("Replace the file?"),
                    self.tr(
                        "{file} already exists. Replace it? (In a GeoPackage only the layer {layer} is replaced; a"
                        " Baytak store is never replaced.)"
                    ).format(file=dialog.path().name, layer=layer_title(dialog.layer())),
                )
                if asked != QMessageBox.StandardButton.Yes:
                    return
                overwrite = True
            self.start_export(dialog.layer(), dialog.path(), overwrite=overwrite)

    def start_export(self, layer: str, out: Path, *, overwrite: bool = False) -> JobRunner:
        title = self.tr("Exporting {layer} to {file}…").format(layer=layer_title(layer), file=Path(out).name)
        runner = self._run(title, export_job, self._store().path, layer, Path(out), overwrite=overwrite)
        runner.sigFinished.connect(lambda result: self._exported(result, layer, Path(out)))
        runner.sigFailed.connect(lambda exc: self._failed(self.tr("The layer was not exported"), exc))
        runner.sigCancelled.connect(lambda: self._say(self.tr("Export cancelled: no file was written.")))
        runner.start()
        return runner

    def _exported(self, result: ExportResult, layer: str, out: Path) -> None:
        text = self.tr("%n feature(s) exported to {file}.", "", result.count).format(file=out.name)
        self._say(text)
        if result.warnings:  # a feature that could not be written is named, never left out silently
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                self.tr("Some features were not exported"),
                text + " " + self.tr("%n feature(s) could not be written.", "", len(result.warnings)),
                QMessageBox.StandardButton.Ok,
                self.parent_widget,
            )
            box.setDetailedText("\n".join(message_of(p, layer) for p in result.warnings[:SHOWN_PROBLEMS]))
            box.open()

    # -- basemaps ----------------------------------------------------------------------------------------
    def add_mbtiles_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("Add a basemap"), str(self._folder()), self.tr("MBTiles files (*.mbtiles)")
        )
        if path:
            self.window.add_mbtiles(Path(path))

    def add_osm_basemap_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("Add a basemap from an OpenStreetMap extract"),
            str(self._folder()),
            self.tr("OpenStreetMap extracts (*.osm.pbf *.pbf)"),
        )
        if path:
            self.start_add_basemap(Path(path))

    def start_add_basemap(self, extract: Path, out: Path | None = None) -> JobRunner | None:
        """Build the basemap on the worker (progress, Cancel); registered with the store when it is done."""
        try:
            store = self._store()
        except BaytakError as exc:
            self._explain(self.tr("No basemap was added"), message_of(exc))
            return None
        title = self.tr("Building a basemap from {file}…").format(file=Path(extract).name)
        runner = self._run(title, add_basemap_job, store.path, Path(extract), out)
        runner.sigFinished.connect(self._basemap_added)
        runner.sigFailed.connect(lambda exc: self._failed(self.tr("No basemap was added"), exc))
        runner.sigCancelled.connect(lambda: self._say(self.tr("Basemap cancelled: nothing was added.")))
        runner.start()
        return runner

    def _basemap_added(self, entry: BasemapEntry) -> None:
        self.window.refresh_reference()
        self._say(self.tr("Basemap {title} added.").format(title=entry.title or entry.path.name))

    def add_imagery_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.parent_widget,
            self.tr("Add a drone or satellite image"),
            str(self._folder()),
            self.tr("Images (*.tif *.tiff *.jp2 *.jpg *.jpeg *.png *.img *.vrt);;All files (*)"),
        )
        if not path:
            return
        date, ok = ask_text(
            self.parent_widget,
            self.tr("When was it taken?"),
            self.tr("Date the image was taken (YYYY-MM-DD), or leave empty:"),
        )
        if ok:
            self.start_add_imagery(Path(path), date.strip() or None)

    def start_add_imagery(
        self, image: Path, date: str | None = None, title: str | None = None, crs: str | None = None
    ) -> JobRunner | None:
        """Hash the image and build its overviews on the worker (progress, Cancel), then register it.
        ``crs``: the coordinate system of an image placed by a world file (asked when it names none)."""
        try:
            store = self._store()
        except BaytakError as exc:
            self._explain(self.tr("No image was added"), message_of(exc))
            return None
        text = self.tr("Adding the image {file}…").format(file=Path(image).name)
        runner = self._run(text, add_image_job, store.path, Path(image), date, title, crs)
        runner.sigFinished.connect(self._image_added)
        runner.sigFailed.connect(lambda exc: self._image_failed(exc, Path(image), date, title))
        runner.sigCancelled.connect(lambda: self._say(self.tr("Image cancelled: nothing was added.")))
        runner.start()
        return runner

    def _image_failed(self, exc: Exception, image: Path, date: str | None, title: str | None) -> None:
        """An image placed by a world file, which names no coordinate system: ask which, and add it again."""
        if not isinstance(exc, NeedsCrs):
            self._failed(self.tr("No image was added"), exc)
            return
        dialog = question_dialog(
            self.parent_widget, self.tr("Coordinate system of the image"), message_of(exc), "EPSG:"
        )
        dialog.setObjectName("image_crs_dialog")
        dialog.textValueSelected.connect(lambda crs: self._crs_given(crs, image, date, title))
        self.crs_dialog = dialog
        dialog.open()

    def _crs_given(self, crs: str, image: Path, date: str | None, title: str | None) -> None:
        if crs.strip().upper() in ("", "EPSG:"):
            self._say(self.tr("No image was added"))
            return
        self.start_add_imagery(image, date, title, crs.strip())

    def _image_added(self, entry: ImageEntry) -> None:
        self.window.refresh_reference()
        self._say(self.tr("Image {title} added.").format(title=entry.title or entry.path.name))

    # -- running -----------------------------------------------------------------------------------------
    def _run(self, title: str, job: Callable[..., Any], *args: Any, **kwargs: Any) -> JobRunner:
        # not modal: the person may edit meanwhile (the edit queues behind the job's write) and may close
        # the window, which asks whether to cancel the job
        runner = JobRunner(self.parent_widget, title, job, *args, modal=False, **kwargs)
        self.runners.append(runner)
        self.titles[runner] = title
        runner.sigEnded.connect(lambda: self._ended(runner))
        return runner

    def _ended(self, runner: JobRunner) -> None:
        self.runners.remove(runner)
        self.titles.pop(runner, None)
        if not self.runners:
            self.sigIdle.emit()

    def _store(self) -> Store:
        if self.window.store is None:
            raise BaytakError("No store is open: open or create one first.")
        return self.window.store

    def busy(self) -> bool:
        return bool(self.runners)

    def running(self) -> list[str]:
        """What the running jobs do ("Importing a.gpkg into Quarries…"), for the question on closing."""
        return [self.titles.get(runner, "") for runner in self.runners]

    def cancel_running(self) -> None:
        """Ask every job to stop, without waiting: each rolls back and ends by signal."""
        for runner in list(self.runners):
            runner.cancel()

    def cancel_all(self) -> None:
        """Closing the window: ask every job to stop and wait, so no transaction is cut off."""
        for runner in self.runners:
            runner.cancel()
        wait_for_jobs()

    def _say(self, text: str) -> None:
        self.parent_widget.statusBar().showMessage(text, 10_000)

    def _failed(self, title: str, exc: Exception, layer: str | None = None) -> None:
        if isinstance(exc, ImportRejected) and exc.problems and "bad" in exc.params:  # skipping would help
            message = self._rejection(exc)
        else:
            message = message_of(exc, layer)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.parent_widget)
        if isinstance(exc, ValidationError) and exc.problems:
            box.setDetailedText("\n".join(message_of(p, layer) for p in exc.problems[:SHOWN_PROBLEMS]))
        elif not isinstance(exc, BaytakError):
            box.setDetailedText(traceback_text(exc))
        box.open()
        self._say(title)

    def _rejection(self, exc: ImportRejected) -> str:
        """An import refused for its invalid rows, said as the window offers it: the import dialog's own
        choice, not the command line's option (the rows and their reasons are in the details)."""
        rows = len({p.row for p in exc.problems if p.severity == "error"})
        option = QCoreApplication.translate("ImportDialog", "Import the valid rows and skip the invalid ones")
        self.last_explanation = self.tr(
            "%n row(s) of the file are invalid, so nothing was imported. Fix them in the file, or import "
            "again with “{option}” ticked. The rows and the reasons are in the details.",
            "",
            rows,
        ).format(option=option)
        return self.last_explanation

    def _explain(self, title: str, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self.parent_widget)
        box.open()
        self.last_explanation = message
