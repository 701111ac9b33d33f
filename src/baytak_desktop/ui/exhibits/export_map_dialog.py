"""Project > Export map: the choices of a print exhibit, turned into an ``ExhibitSpec``.

The dialog only collects and checks (``ExhibitSpec.validate``, so a mistake is shown before anything is
painted); the caller then runs ``exhibits.jobs.print_job`` on a worker (``JobRunner``), which paints the exhibit in
the child process: the page comes out in the exhibit's language even when the window speaks another.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.exhibits.print_spec import FORMATS, PAGE_SIZES_MM, ExhibitSpec, Extent
from baytak_desktop.mapdata.reference import Look
from baytak_desktop.ui.i18n import LANGUAGE_NAMES, current_language


class ExportMapDialog(QDialog):
    """Title, subtitle, author, page, orientation, dpi, format, language, extent (current or chosen), file."""

    def __init__(
        self,
        store: Path,
        current_extent: Extent,
        layers: tuple[str, ...] = (),
        parent: QWidget | None = None,
        folder: Path | None = None,
        author: str = "",
        reference: tuple[Look, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.current_extent, self.layers = Path(store), current_extent, layers
        self.reference = reference  # the basemaps and images as the map shows them: the paper shows them alike
        self.title_edit, self.subtitle_edit, self.author_edit = QLineEdit(), QLineEdit(), QLineEdit(author)
        self.page_combo = QComboBox()
        self.page_combo.addItems(list(PAGE_SIZES_MM))
        self.orientation_combo = QComboBox()
        self.dpi_spin = QSpinBox(minimum=72, maximum=1200, value=300, singleStep=50)
        self.format_combo = QComboBox()
        self.format_combo.addItems([f.upper() for f in FORMATS])
        self.language_combo = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(current_language()))
        self.current_radio, self.chosen_radio = QRadioButton(), QRadioButton()
        self.current_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.current_radio)
        group.addButton(self.chosen_radio)
        self.extent_spins = [
            QDoubleSpinBox(minimum=low, maximum=high, decimals=4, singleStep=0.1, value=value)
            for (low, high), value in zip(((-180, 180), (-85, 85)) * 2, current_extent, strict=True)
        ]
        self.file_edit = QLineEdit(str((folder or Path.home()) / "exhibit.pdf"))
        self.browse_button = QPushButton()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit)
        file_row.addWidget(self.browse_button)
        extent_row = QHBoxLayout()
        for spin in self.extent_spins:
            extent_row.addWidget(spin)
        self.labels = [QLabel() for _ in range(11)]
        rows: list[QWidget | QLayout] = [
            self.title_edit,
            self.subtitle_edit,
            self.author_edit,
            self.page_combo,
            self.orientation_combo,
            self.dpi_spin,
            self.format_combo,
            self.language_combo,
            self.current_radio,
            extent_row,
            file_row,
        ]
        for label, row in zip(self.labels, rows, strict=True):
            if isinstance(row, QLayout):
                self.form.addRow(label, row)
            else:
                self.form.addRow(label, row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.chosen_radio.toggled.connect(self._extent_mode_changed)
        self.form.insertRow(9, "", self.chosen_radio)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.browse_button.clicked.connect(self._browse)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._extent_mode_changed()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export map"))
        texts = [
            self.tr("Title"),
            self.tr("Subtitle"),
            self.tr("Author"),
            self.tr("Page size"),
            self.tr("Orientation"),
            self.tr("Resolution"),
            self.tr("Format"),
            self.tr("Language of the labels"),
            self.tr("Extent"),
            self.tr("West, south, east, north"),
            self.tr("File"),
        ]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        index = self.orientation_combo.currentIndex()
        self.orientation_combo.clear()
        self.orientation_combo.addItems([self.tr("Portrait"), self.tr("Landscape")])
        self.orientation_combo.setCurrentIndex(max(0, index))
        self.dpi_spin.setSuffix(self.tr(" dpi"))
        self.current_radio.setText(self.tr("The map as it is shown now"))
        self.chosen_radio.setText(self.tr("A chosen extent (degrees)"))
        self.browse_button.setText(self.tr("Browse…"))
        self.title_edit.setPlaceholderText(self.tr("e.g. Illegal quarries of Ile district"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _extent_mode_changed(self) -> None:
        for spin in self.extent_spins:
            spin.setEnabled(self.chosen_radio.isChecked())

    def _format_changed(self) -> None:
        path = Path(self.file_edit.text() or "exhibit.pdf")
        self.file_edit.setText(str(path.with_suffix("." + self.format_combo.currentText().lower())))

    def _browse(self) -> None:
        suffix = self.format_combo.currentText().lower()
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export map"),
            self.file_edit.text(),
            self.tr("Exhibit (*.{suffix})").replace("{suffix}", suffix),
        )
        if chosen:
            self.file_edit.setText(chosen if chosen.lower().endswith("." + suffix) else f"{chosen}.{suffix}")

    def extent(self) -> Extent:
        if self.current_radio.isChecked():
            return self.current_extent
        return tuple(spin.value() for spin in self.extent_spins)  # type: ignore[return-value]

    def spec(self) -> ExhibitSpec:
        """The checked spec; SpecError (a BaytakError) says what to change."""
        out = Path(self.file_edit.text()).with_suffix("." + self.format_combo.currentText().lower())
        return ExhibitSpec(
            store=self.store,
            out=out,
            title=self.title_edit.text().strip(),
            subtitle=self.subtitle_edit.text().strip(),
            layers=self.layers,
            extent=self.extent(),
            page=self.page_combo.currentText(),
            landscape=self.orientation_combo.currentIndex() == 1,
            dpi=self.dpi_spin.value(),
            language=self.language_combo.currentData(),
            author=self.author_edit.text().strip(),
            reference=self.reference,
        ).validate()

    def accept(self) -> None:
        try:
            self.spec()
        except BaytakError as error:
            self.error_label.setText(error.message)
            return
        if not Path(self.file_edit.text()).parent.exists():
            self.error_label.setText(self.tr("The folder of the file does not exist."))
            return
        self.error_label.clear()
        super().accept()
