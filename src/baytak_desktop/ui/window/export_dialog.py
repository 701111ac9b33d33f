"""File > Export: one layer of the store to a file whose extension chooses the format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.ui.i18n import layer_title

SUFFIXES = (".geojson", ".gpkg", ".shp", ".zip", ".kml", ".csv")


class ExportDialog(QDialog):
    """Choose the layer and the output file; ``layer()`` and ``path()`` say what was chosen."""

    def __init__(
        self,
        parent: QWidget | None = None,
        layer: str | None = None,
        folder: Path | None = None,
        catalog: Catalog | None = None,
    ) -> None:
        super().__init__(parent)
        self.folder = folder or Path.home()
        self.catalog = catalog or builtin_catalog()  # the store's layers, published ones included
        self.layer_combo = QComboBox()
        for name in self.catalog:
            self.layer_combo.addItem(layer_title(name), name)
        if layer is not None and layer in self.catalog:
            self.layer_combo.setCurrentIndex(self.catalog.names.index(layer))
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path_edit.textChanged.connect(self._check)
        self.layer_label, self.file_label = QLabel(), QLabel()
        self.form = QFormLayout(self)
        self.form.addRow(self.layer_label, self.layer_combo)
        self.form.addRow(self.file_label, row)
        self.form.addRow(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self._check()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a layer"))
        self.layer_label.setText(self.tr("Layer:"))
        self.file_label.setText(self.tr("File:"))
        self.browse_button.setText(self.tr("Browse…"))
        self.path_edit.setPlaceholderText(self.tr("Where to save; the extension chooses the format"))
        for index, name in enumerate(self.catalog):
            self.layer_combo.setItemText(index, layer_title(name))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def _check(self) -> None:
        ok = self.path().suffix.lower() in SUFFIXES and self.path().parent.is_dir()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def _browse(self) -> None:
        filters = ";;".join(
            [
                self.tr("GeoJSON (*.geojson)"),
                self.tr("GeoPackage (*.gpkg)"),
                self.tr("Shapefile (*.shp)"),
                self.tr("Zipped shapefile (*.zip)"),
                self.tr("KML (*.kml)"),
                self.tr("CSV with coordinates (*.csv)"),
            ]
        )
        start = str(self.folder / f"{self.layer()}.geojson")
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export a layer"), start, filters)
        if path:
            if not Path(path).suffix:
                path += chosen[chosen.index("*") + 1 : chosen.index(")")]
            self.path_edit.setText(path)
