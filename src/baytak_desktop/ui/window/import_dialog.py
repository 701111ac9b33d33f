"""File > Import: choose a file, the layer to import into, and which column fills which field.

The preview is read by the importer's own reader on a worker thread (a big file never freezes the
dialog), so what the user sees is what would be imported. Columns whose names equal a field's are
matched automatically, as ``baytak import`` does; the user can change any match.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.io.jobs import Preview, preview_job, source_layers
from baytak_desktop.layers import LAYERS, get_layer
from baytak_desktop.ui.i18n import field_title, layer_title
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.worker import JobRunner


class ImportDialog(QDialog):
    """``source()``, ``layer()``, ``source_layer()``, ``field_map()``, ``skip_invalid()`` once accepted."""

    sigPreviewReady = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        layer: str | None = None,
        folder: Path | None = None,
        store_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder or Path.home()
        self.store_path = store_path  # the open store: never handed to GDAL (see io/guard.py)
        self.preview: Preview | None = None
        self._runner: JobRunner | None = None
        self._error: str | None = None
        self._build()
        if layer in LAYERS:
            self.layer_combo.setCurrentIndex(list(LAYERS).index(layer))
        self.retranslate()
        self._fill_mapping()
        self._check()

    def _build(self) -> None:
        self.path_edit, self.browse_button = QLineEdit(), QPushButton()
        self.source_layer_combo, self.layer_combo = QComboBox(), QComboBox()
        for name in LAYERS:
            self.layer_combo.addItem(layer_title(name), name)
        self.mapping = QTableWidget(0, 2)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.preview_table = QTableWidget(0, 0)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.skip_box = QCheckBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.labels = {key: QLabel() for key in ("file", "source_layer", "layer", "mapping", "preview")}
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.labels["file"], row)
        form.addRow(self.labels["source_layer"], self.source_layer_combo)
        form.addRow(self.labels["layer"], self.layer_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for item, stretch in (
            (self.labels["mapping"], 0),
            (self.mapping, 3),
            (self.labels["preview"], 0),
            (self.preview_table, 2),
            (self.status, 0),
            (self.skip_box, 0),
            (self.buttons, 0),
        ):
            layout.addWidget(item, stretch)
        self.resize(760, 720)
        self.browse_button.clicked.connect(self._browse)
        self.path_edit.editingFinished.connect(self._source_changed)
        self.source_layer_combo.activated.connect(lambda _: self._load_preview())
        self.layer_combo.currentIndexChanged.connect(lambda _: self._fill_mapping())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a file"))
        texts = {
            "file": self.tr("File:"),
            "source_layer": self.tr("Layer in the file:"),
            "layer": self.tr("Import into:"),
            "mapping": self.tr("Fields (column of the file for each field):"),
            "preview": self.tr("Preview:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.browse_button.setText(self.tr("Browse…"))
        self.skip_box.setText(self.tr("Import the valid rows and skip the invalid ones"))
        self.mapping.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Column")])
        for index, name in enumerate(LAYERS):
            self.layer_combo.setItemText(index, layer_title(name))
        if self.source_layer_combo.count():
            self.source_layer_combo.setItemText(0, self.tr("(the only or every layer)"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what was chosen ---------------------------------------------------------------------------
    def source(self) -> Path:
        return Path(self.path_edit.text().strip())

    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    def source_layer(self) -> str | None:
        return self.source_layer_combo.currentData() or None

    def skip_invalid(self) -> bool:
        return self.skip_box.isChecked()

    def field_map(self) -> dict[str, str]:
        """Source column -> layer field, for every field the user matched with a column."""
        mapped = {}
        for row in range(self.mapping.rowCount()):
            chooser, field = self.mapping.cellWidget(row, 1), self.mapping.item(row, 0)
            column = chooser.currentData() if isinstance(chooser, QComboBox) else None
            if column and field is not None:
                mapped[str(column)] = str(field.data(Qt.ItemDataRole.UserRole))
        return mapped

    def set_source(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._source_changed()

    # -- loading the preview -------------------------------------------------------------------------
    def _browse(self) -> None:
        filters = self.tr("Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.kml *.kmz *.gpx *.csv *.txt)")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"), str(self.folder), filters)
        if path:
            self.set_source(Path(path))

    def _source_changed(self) -> None:
        self.source_layer_combo.clear()
        self.source_layer_combo.addItem(self.tr("(the only or every layer)"), None)
        for name in source_layers(self.source(), self.store_path):
            self.source_layer_combo.addItem(name, name)
        self._load_preview()

    def _load_preview(self) -> None:
        self.preview, self._error = None, None
        self._show_status(self.tr("Reading the file…"))
        runner = JobRunner(
            self, "", preview_job, self.source(), self.source_layer(), store_path=self.store_path, show_dialog=False
        )
        runner.sigFinished.connect(lambda preview: self._preview_ready(runner, preview))
        runner.sigFailed.connect(lambda error: self._preview_failed(runner, error))
        self._runner = runner
        runner.start()

    def _preview_ready(self, runner: JobRunner, preview: Preview) -> None:
        if runner is not self._runner:  # a newer file was chosen meanwhile: drop the stale result
            return
        self.preview = preview
        self._fill_preview(preview)
        self._fill_mapping()
        self._show_status()
        self.sigPreviewReady.emit()

    def _preview_failed(self, runner: JobRunner, error: Exception) -> None:
        if runner is not self._runner:
            return
        self._error = message_of(error)
        self.preview_table.setRowCount(0)
        self._fill_mapping()
        self._show_status()
        self.sigPreviewReady.emit()

    def _fill_preview(self, preview: Preview) -> None:
        headers = [*preview.columns, self.tr("Geometry")]
        self.preview_table.setColumnCount(len(headers))
        self.preview_table.setHorizontalHeaderLabels(headers)
        self.preview_table.setRowCount(len(preview.rows))
        for r, values in enumerate(preview.rows):
            for c, value in enumerate(values):
                self.preview_table.setItem(r, c, QTableWidgetItem(value))

    def _fill_mapping(self) -> None:
        """One row per editable field of the target layer, each with a choice of the file's columns."""
        schema = get_layer(self.layer())
        columns = self.preview.columns if self.preview else []
        by_name = {c.casefold(): c for c in columns}
        self.mapping.setRowCount(len(schema.editable_fields))
        for row, field in enumerate(schema.editable_fields):
            title = field_title(schema.name, field.name) + (" *" if field.required else "")
            item = QTableWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, field.name)
            self.mapping.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("(none)"), None)
            for column in columns:
                combo.addItem(column, column)
            match = by_name.get(field.name.casefold())
            if match:
                combo.setCurrentIndex(columns.index(match) + 1)
            self.mapping.setCellWidget(row, 1, combo)
        self._check()

    def _show_status(self, text: str | None = None) -> None:
        if text is None and self._error:
            text = self.tr("This file cannot be imported: {reason}").format(reason=self._error)
        elif text is None and self.preview is not None:
            text = self.tr("%n feature(s) in the file.", "", self.preview.count)
            if self.preview.problems:
                text += " " + self.tr("%n row(s) have no usable geometry.", "", self.preview.problems)
        self.status.setText(text or "")
        self._check()

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.preview is not None)
