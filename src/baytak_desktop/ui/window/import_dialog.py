"""File > Import: choose a file, the layer to import into, and which column (or which value) fills each field.

The preview is read by the importer's own reader on a worker thread (a big file never freezes the
dialog), so what the user sees is what would be imported: the rows, the text encoding the reader
settled on (changed in *Text encoding* when the text looks garbled, or when the reader cannot tell),
and the columns that would not be imported. Columns whose names equal a field's (or its Shapefile
name, ``legal_stat``) are matched automatically, as ``baytak import`` does; the user can change any
match, and give a value to a field the file lacks (every quarry of an agency's list is ``illegal``).
OK stays disabled while a required field has neither a column nor a value.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

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

from baytak_desktop.io.field_mapping import IDENTITY_COLUMN, field_for_column
from baytak_desktop.io.importer import ImportOptions
from baytak_desktop.io.jobs import Preview, encoding_can_be_chosen, preview_job, source_layers
from baytak_desktop.layers import Catalog, LayerSchema, builtin_catalog
from baytak_desktop.layers.schema import Field, FieldType
from baytak_desktop.ui.edit.form_editors import LONG_TEXT, Editor, editor_for
from baytak_desktop.ui.i18n import field_title, layer_title
from baytak_desktop.ui.messages import message_of, problem_text
from baytak_desktop.ui.worker import JobRunner

ENCODINGS = (None, "UTF-8", "CP1251", "KZ-1048", "CP866", "KOI8-R", "CP1252")


class ImportDialog(QDialog):
    """``options()`` (and ``source()``, ``layer()``) once accepted: everything the import job needs."""

    sigPreviewReady = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        layer: str | None = None,
        folder: Path | None = None,
        store_path: Path | None = None,
        catalog: Catalog | None = None,
        branch: str | None = None,
    ) -> None:
        super().__init__(parent)
        # the signed-in account's branch, given to rows without one as the feature form gives it (the
        # server refuses an editor's feature of no branch); the person sees it and may change it
        self.account_branch = branch
        self.catalog = catalog or builtin_catalog()  # the store's layers, published ones included
        self.folder = folder or Path.home()
        self.store_path = store_path  # the open store: never handed to GDAL (see io/guard.py)
        self.preview: Preview | None = None
        self._runner: JobRunner | None = None
        self._error: str | None = None
        self._constants: dict[str, Editor] = {}
        self._build()
        if layer is not None and layer in self.catalog:
            self.layer_combo.setCurrentIndex(self.catalog.names.index(layer))
        self.retranslate()
        self._fill_mapping()
        self._check()

    def _build(self) -> None:
        self.path_edit, self.browse_button = QLineEdit(), QPushButton()
        self.source_layer_combo, self.layer_combo, self.encoding_combo = QComboBox(), QComboBox(), QComboBox()
        for name in self.catalog:
            self.layer_combo.addItem(layer_title(name), name)
        for code in ENCODINGS:
            self.encoding_combo.addItem("", code)
        self.encoding_combo.setEnabled(False)
        self.mapping = QTableWidget(0, 3)
        self.mapping.verticalHeader().setVisible(False)
        self.mapping.horizontalHeader().setStretchLastSection(True)
        self.mapping.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.preview_table = QTableWidget(0, 0)
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skip_box = QCheckBox()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.labels = {key: QLabel() for key in ("file", "source_layer", "encoding", "layer", "mapping", "preview")}
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.labels["file"], row)
        form.addRow(self.labels["source_layer"], self.source_layer_combo)
        form.addRow(self.labels["encoding"], self.encoding_combo)
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
        self.resize(860, 680)  # a 1366x768 screen has ~700 px below its panel and the title bar
        self.browse_button.clicked.connect(self._browse)
        self.path_edit.editingFinished.connect(self._source_changed)
        self.source_layer_combo.activated.connect(lambda _: self._load_preview())
        self.encoding_combo.activated.connect(lambda _: self._load_preview())
        self.layer_combo.currentIndexChanged.connect(lambda _: self._fill_mapping())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import a file"))
        texts = {
            "file": self.tr("File:"),
            "source_layer": self.tr("Layer in the file:"),
            "encoding": self.tr("Text encoding:"),
            "layer": self.tr("Import into:"),
            "mapping": self.tr("Fields (the column of the file for each field, or one value for every row):"),
            "preview": self.tr("Preview:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        names = {
            None: self.tr("Automatic (told from the file)"),
            "UTF-8": "UTF-8",
            "CP1251": self.tr("CP1251 (Windows, Cyrillic)"),
            "KZ-1048": self.tr("KZ-1048 (Windows, Kazakh)"),
            "CP866": self.tr("CP866 (DOS, Cyrillic)"),
            "KOI8-R": "KOI8-R",
            "CP1252": self.tr("CP1252 (Windows, Western European)"),
        }
        for index, code in enumerate(ENCODINGS):
            self.encoding_combo.setItemText(index, names[code])
        self.encoding_combo.setToolTip(
            self.tr("The code page the file's text was written in. Choose another when names look garbled.")
        )
        self.browse_button.setText(self.tr("Browse…"))
        self.skip_box.setText(self.tr("Import the valid rows and skip the invalid ones"))
        self.mapping.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Column"), self.tr("Value for rows without one")]
        )
        for index, name in enumerate(self.catalog):
            self.layer_combo.setItemText(index, layer_title(name))
        if self.source_layer_combo.count():
            self.source_layer_combo.setItemText(0, self.tr("(the only or every layer)"))
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def catalog_changed(self, catalog: Catalog) -> None:
        """A sync brought layers, fields or codes while the dialog is open: the new layers are offered,
        the mapping lists the new fields, and the columns and values already chosen stay."""
        chosen = {field: column for column, field in self.field_map().items()}
        layer, self.catalog = self.layer(), catalog
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        for layer_name in catalog:
            self.layer_combo.addItem(layer_title(layer_name), layer_name)
        self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(layer)))
        self.layer_combo.blockSignals(False)
        self._fill_mapping()
        for row in range(self.mapping.rowCount()):
            chooser, item = self.mapping.cellWidget(row, 1), self.mapping.item(row, 0)
            name = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(chooser, QComboBox) and name in chosen:
                chooser.setCurrentIndex(max(0, chooser.findData(chosen[name])))
        self._show_status()

    # -- what was chosen ---------------------------------------------------------------------------
    def source(self) -> Path:
        return Path(self.path_edit.text().strip())

    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    def source_layer(self) -> str | None:
        return self.source_layer_combo.currentData() or None

    def encoding(self) -> str | None:
        return self.encoding_combo.currentData() if self.encoding_combo.isEnabled() else None

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

    def constants(self) -> dict[str, Any]:
        """Layer field -> the value for rows where the file has none, for every field given one."""
        return {name: editor.value() for name, editor in self._constants.items() if editor.value() is not None}

    def options(self) -> ImportOptions:
        return ImportOptions(
            field_map=self.field_map(),
            constants=self.constants(),
            skip_invalid=self.skip_invalid(),
            source_layer=self.source_layer(),
            encoding=self.encoding(),
        )

    def set_source(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._source_changed()

    # -- loading the preview -------------------------------------------------------------------------
    def _browse(self) -> None:
        filters = self.tr(
            "Files baytak can import (*.geojson *.json *.gpkg *.shp *.zip *.dbf *.tab *.mif *.kml *.kmz *.gpx *.gml *.fgb *.csv *.txt *.xlsx *.ods)"
        )
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a file"), str(self.folder), filters)
        if path:
            self.set_source(Path(path))

    def _source_changed(self) -> None:
        self.source_layer_combo.clear()
        self.source_layer_combo.addItem(self.tr("(the only or every layer)"), None)
        for name in source_layers(self.source(), self.store_path):
            self.source_layer_combo.addItem(name, name)
        self.encoding_combo.setCurrentIndex(0)
        self.encoding_combo.setEnabled(encoding_can_be_chosen(self.source()))
        self._load_preview()

    def _load_preview(self) -> None:
        self.preview, self._error = None, None
        self._show_status(self.tr("Reading the file…"))
        runner = JobRunner(
            self, "", preview_job, self.source(), self.source_layer(), encoding=self.encoding(),
            store_path=self.store_path, show_dialog=False,
        )  # fmt: skip
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
        """One row per editable field of the target layer: a choice of the file's columns, and a value."""
        schema = self.catalog.layer(self.layer())
        columns = self.preview.columns if self.preview else []
        given = {name: editor.value() for name, editor in self._constants.items()}
        self._constants = {}
        self.mapping.setRowCount(len(schema.editable_fields))
        for row, field in enumerate(schema.editable_fields):
            title = field_title(schema.name, field.name) + (" *" if field.required else "")
            item = QTableWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, field.name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.mapping.setItem(row, 0, item)
            combo = QComboBox()
            combo.addItem(self.tr("(none)"), None)
            for column in columns:
                combo.addItem(column, column)
            match = next((c for c in columns if field_for_column(schema, c) == field.name), None)
            if match:
                combo.setCurrentIndex(columns.index(match) + 1)
            combo.currentIndexChanged.connect(lambda _: self._show_status())
            self.mapping.setCellWidget(row, 1, combo)
            editor = _constant_editor(field)
            if given.get(field.name) is not None:
                editor.set_value(given[field.name])
            elif field.name == "branch" and self.account_branch and field.name not in given:
                editor.set_value(self.account_branch)
            editor.sigChanged.connect(self._show_status)
            self._constants[field.name] = editor
            self.mapping.setCellWidget(row, 2, editor)
        self._check()

    # -- what the user reads -------------------------------------------------------------------------
    def _show_status(self, text: str | None = None) -> None:
        if text is None and self._error:
            text = self.tr("This file cannot be imported: {reason}").format(reason=self._error)
        elif text is None and self.preview is not None:
            text = "\n".join(self._report(self.preview))
        self.status.setText(text or "")
        self._check()

    def _report(self, preview: Preview) -> list[str]:
        schema = self.catalog.layer(self.layer())
        lines = [self.tr("%n feature(s) in the file.", "", preview.count)]
        if preview.problems:
            lines[0] += " " + self.tr("%n row(s) have no usable geometry.", "", preview.problems)
        if preview.encoding and preview.encoding_how not in (None, "ascii"):
            lines.append(self._encoding_line(preview.encoding, preview.encoding_how or ""))
        unused = self._columns_not_imported(schema, preview)
        if unused:
            lines.append(self.tr("Not imported (no field takes them): {columns}").format(columns=", ".join(unused)))
        missing = self._missing_required(schema)
        if missing:
            lines.append(self.tr("Needs a column or a value: {fields}").format(fields=", ".join(missing)))
        lines += [problem_text(note, layer=schema.name) for note in preview.notes]
        return lines

    def _encoding_line(self, encoding: str, how: str) -> str:
        hows = {
            "chosen": self.tr("as chosen"),
            "declared": self.tr("as the file declares"),
            "language driver": self.tr("as the .dbf file says"),
            "detected": self.tr("told from the text; choose another above if names look garbled"),
        }
        return self.tr("Text read as {encoding} ({how}).").format(encoding=encoding, how=hows.get(how, how))

    def _columns_not_imported(self, schema: LayerSchema, preview: Preview) -> list[str]:
        """Columns with values that fill no field: not chosen, not the geometry's, not the store's own."""
        chosen = set(self.field_map())
        editable = {f.name for f in schema.editable_fields}
        return [
            column
            for column in preview.with_values
            if column not in chosen
            and column not in preview.plumbing
            and column.casefold() != IDENTITY_COLUMN
            and field_for_column(schema, column) not in (set(schema.field_names) - editable)
        ]

    def _missing_required(self, schema: LayerSchema) -> list[str]:
        """Required fields with neither a column nor a value (a file with uuids may update features that
        have them: the import itself says then)."""
        if self.preview is None or any(c.casefold() == IDENTITY_COLUMN for c in self.preview.columns):
            return []
        given = set(self.field_map().values()) | set(self.constants())
        return [field_title(schema.name, f.name) for f in schema.editable_fields if f.required and f.name not in given]

    def _check(self) -> None:
        ready = self.preview is not None and not self._missing_required(self.catalog.layer(self.layer()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)


def _constant_editor(field: Field) -> Editor:
    """The feature form's editor for the field, on one line (a notes field too)."""
    if field.type == FieldType.TEXT and field.vocabulary is None and field.max_length >= LONG_TEXT:
        field = dataclasses.replace(field, max_length=LONG_TEXT - 1)
    return editor_for(field)
