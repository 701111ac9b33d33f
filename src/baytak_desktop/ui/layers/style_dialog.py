"""The style editor of one layer: single symbol or categories by a field, labels, a live preview.

The dialog edits a copy; ``result_style()`` is the edited style, and the caller (the layer panel)
applies and saves it when the dialog is accepted, so Cancel changes nothing. OK is refused, with the
model's own message, while the style is not valid (e.g. categorized with no category).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, FieldType, builtin_catalog
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.layers.style import PALETTE, LayerStyle, StyleError, Symbol, category_for, category_label
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import current_language, field_title, layer_title, shown_catalog
from baytak_desktop.ui.layers.color_button import ColorButton
from baytak_desktop.ui.layers.legend import LegendWidget
from baytak_desktop.ui.messages import message_of


class SymbolEditor(QWidget):
    """Fill, outline, outline width, and the marker size (points) or fill transparency (areas); a line
    layer (``shape`` "line") has only its colour and width."""

    sigChanged = Signal()

    def __init__(self, shape: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.polygon, self.line = shape == "polygon", shape == "line"
        self.categorized = False
        self.fill = ColorButton(parent=self)
        self.stroke = ColorButton(parent=self)
        self.stroke_width = _spin(QDoubleSpinBox(self), 0, 50, 0.5, decimals=1)
        self.point_size = _spin(QDoubleSpinBox(self), 0.5, 100, 1, decimals=1)
        self.transparency = _spin(QSpinBox(self), 0, 100, 5)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.captions: dict[QWidget, QLabel] = {}
        for widget in (self.fill, self.stroke, self.stroke_width, self.point_size, self.transparency):
            self.captions[widget] = QLabel(self)
            self.form.addRow(self.captions[widget], widget)
        self.form.setRowVisible(self.point_size, shape == "point")
        self.form.setRowVisible(self.transparency, self.polygon)
        self.form.setRowVisible(self.fill, not self.line)  # a line is drawn in its outline colour only
        for button in (self.fill, self.stroke):
            button.sigColorChanged.connect(self.sigChanged)
        for spin in (self.stroke_width, self.point_size, self.transparency):
            spin.valueChanged.connect(self.sigChanged)
        self.retranslate()

    def set_symbol(self, symbol: Symbol) -> None:
        with QSignalBlocker(self):
            self.fill.set_color(symbol.fill)
            self.stroke.set_color(symbol.stroke)
            self.stroke_width.setValue(symbol.stroke_width)
            self.point_size.setValue(symbol.size)
            self.transparency.setValue(round((1 - symbol.fill_alpha) * 100))

    def symbol(self, base: Symbol) -> Symbol:
        """``base`` with what this editor shows (the hidden size or transparency keep base's value)."""
        symbol = replace(
            base, fill=self.fill.color(), stroke=self.stroke.color(), stroke_width=self.stroke_width.value()
        )
        if self.polygon:
            return replace(symbol, fill_alpha=round(1 - self.transparency.value() / 100, 2))
        if self.line:
            return symbol
        return replace(symbol, size=self.point_size.value())

    def set_categorized(self, categorized: bool) -> None:
        """In a categorized style the fill here is only for values without a category: say so."""
        if categorized != self.categorized:
            self.categorized = categorized
            self.retranslate()

    def retranslate(self) -> None:
        fill = self.tr("Fill of other values") if self.categorized else self.tr("Fill colour")
        labels = (
            (self.fill, fill),
            (self.stroke, self.tr("Line colour") if self.line else self.tr("Outline colour")),
            (self.stroke_width, self.tr("Line width, px") if self.line else self.tr("Outline width, px")),
            (self.point_size, self.tr("Point size, px")),
            (self.transparency, self.tr("Fill transparency, %")),
        )
        for widget, text in labels:
            self.captions[widget].setText(text)


SpinT = TypeVar("SpinT", QSpinBox, QDoubleSpinBox)


def _spin(spin: SpinT, low: float, high: float, step: float, decimals: int | None = None) -> SpinT:
    if isinstance(spin, QDoubleSpinBox):
        if decimals is not None:
            spin.setDecimals(decimals)
        spin.setRange(low, high)
        spin.setSingleStep(step)
    else:
        spin.setRange(int(low), int(high))
        spin.setSingleStep(int(step))
    return spin


class CategoryTable(QTableWidget):
    """One row per category: its colour (editable), the stored value, and its label in the UI language."""

    sigChanged = Signal()

    def __init__(self, layer: str, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.layer = layer
        self.field: str | None = None
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.retranslate()

    def set_categories(self, field: str | None, rows: list[tuple[str, str]]) -> None:
        """Show ``rows`` of (value, fill colour) for ``field``."""
        self.field = field
        self.setRowCount(0)
        for value, fill in rows:
            row = self.rowCount()
            self.insertRow(row)
            button = ColorButton(fill, self, show_name=False)
            button.sigColorChanged.connect(self.sigChanged)
            self.setCellWidget(row, 0, button)
            self.setItem(row, 1, QTableWidgetItem(value))
            self.setItem(row, 2, QTableWidgetItem(""))
        self.relabel()
        self.sigChanged.emit()

    def categories(self) -> list[tuple[str, str]]:
        return [(self._value(row), self._button(row).color()) for row in range(self.rowCount())]

    def color_button(self, value: str) -> ColorButton:
        for row in range(self.rowCount()):
            if self._value(row) == value:
                return self._button(row)
        raise KeyError(value)

    def _value(self, row: int) -> str:
        item = self.item(row, 1)
        return item.text() if item is not None else ""

    def _button(self, row: int) -> ColorButton:
        button = self.cellWidget(row, 0)
        assert isinstance(button, ColorButton)  # every row is made with one
        return button

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)
        self.sigChanged.emit()

    def relabel(self) -> None:
        for row in range(self.rowCount()):
            label = self.item(row, 2)
            if label is not None:
                label.setText(
                    category_label(self.layer, self.field, self._value(row), current_language(), shown_catalog())
                )

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Colour"), self.tr("Value"), self.tr("Label")])
        self.relabel()


class StyleDialog(QDialog):
    def __init__(self, style: LayerStyle, store: Store | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.original = style
        self.store = store
        self.catalog = store.catalog if store is not None else builtin_catalog()
        self.schema = self.catalog.layer(style.layer)
        self._result = style
        self._build()
        self._load(style)
        self._connect()
        self.retranslate()
        self._changed()

    # -- building ----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.kind = QComboBox(self)
        self.kind.addItems(["", ""])
        self.symbol_box = QGroupBox(self)
        self.symbol_editor = SymbolEditor(self.schema.shape, self.symbol_box)
        QVBoxLayout(self.symbol_box).addWidget(self.symbol_editor)
        self.categories_box = QGroupBox(self)
        self.field = QComboBox(self.categories_box)
        self.classify_button = QPushButton(self.categories_box)
        self.remove_button = QPushButton(self.categories_box)
        self.table = CategoryTable(self.schema.name, self.categories_box)
        self._layout_categories()
        self.label_field = QComboBox(self)
        self.preview = LegendWidget(parent=self)
        self.preview_box = QGroupBox(self)
        QVBoxLayout(self.preview_box).addWidget(self.preview)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a01c1c;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self._layout_dialog()

    def _layout_categories(self) -> None:
        row = QHBoxLayout()
        self.field_caption = QLabel(self.categories_box)
        row.addWidget(self.field_caption)
        row.addWidget(self.field, 1)
        row.addWidget(self.classify_button)
        row.addWidget(self.remove_button)
        layout = QVBoxLayout(self.categories_box)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        for name in self._category_fields():
            self.field.addItem("", name)
        self.label_fields = [None, *(f.name for f in self.schema.fields if f.name not in BOOKKEEPING)]

    def _layout_dialog(self) -> None:
        top = QFormLayout()
        self.kind_caption, self.label_caption = QLabel(self), QLabel(self)
        top.addRow(self.kind_caption, self.kind)
        top.addRow(self.label_caption, self.label_field)
        for _ in self.label_fields:
            self.label_field.addItem("")
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.symbol_box)
        left.addWidget(self.preview_box)
        left.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(left)
        body.addWidget(self.categories_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(760, 460)

    def _category_fields(self) -> list[str]:
        """Text fields a person would group by: the layer's own coded fields, the branch, then free text."""
        text = [f for f in self.schema.fields if f.type is FieldType.TEXT and f.name not in (*BOOKKEEPING, "notes")]
        coded = [f.name for f in text if f.vocabulary is not None and f.name != "branch"]
        return [*coded, "branch", *(f.name for f in text if f.vocabulary is None)]

    def _load(self, style: LayerStyle) -> None:
        self.kind.setCurrentIndex(1 if style.kind == "categorized" else 0)
        self.symbol_editor.set_symbol(style.symbol)
        field = style.field if style.field in self._category_fields() else self._category_fields()[0]
        self.field.setCurrentIndex(self.field.findData(field))
        self.table.set_categories(style.field, [(c.value, c.symbol.fill) for c in style.categories])
        self.label_field.setCurrentIndex(
            self.label_fields.index(style.label_field) if style.label_field in self.label_fields else 0
        )

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.symbol_editor.sigChanged.connect(self._changed)
        self.table.sigChanged.connect(self._changed)
        self.label_field.currentIndexChanged.connect(self._changed)
        self.classify_button.clicked.connect(self.classify)
        self.remove_button.clicked.connect(self.table.remove_selected)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def catalog_changed(self, catalog: Catalog) -> None:
        """A sync brought fields or codes for this layer while the dialog is open: the field lists offer
        the new fields, Classify knows the new codes; the choices made stay."""
        schema = catalog.get(self.schema.name)
        if schema is None or schema == self.schema:
            return
        self.catalog, self.schema = catalog, schema
        field, label = self.field.currentData(), self.label_fields[self.label_field.currentIndex()]
        with QSignalBlocker(self.field), QSignalBlocker(self.label_field):
            self.field.clear()
            for name in self._category_fields():
                self.field.addItem("", name)
            self.field.setCurrentIndex(max(0, self.field.findData(field)))
            self.label_fields = [None, *(f.name for f in schema.fields if f.name not in BOOKKEEPING)]
            self.label_field.clear()
            for _ in self.label_fields:
                self.label_field.addItem("")
            self.label_field.setCurrentIndex(self.label_fields.index(label) if label in self.label_fields else 0)
        self.retranslate()

    # -- editing -----------------------------------------------------------------------------------
    def classify(self) -> None:
        """One category per value of the chosen field: every code of a vocabulary, else the values present."""
        field = self.field.currentData()
        vocabulary = self.schema.field(field).vocabulary
        try:
            if vocabulary is not None:
                values = list(vocabulary.codes)
            else:
                values = self.store.category_values(self.schema.name, field) if self.store is not None else []
        except BaytakError as error:
            self._show_error(message_of(error))
            return
        kept = dict(self.table.categories()) if self.table.field == field else {}
        self.table.set_categories(field, [(v, kept.get(v, PALETTE[i % len(PALETTE)])) for i, v in enumerate(values)])
        if not values:
            self._show_error(
                self.tr("The field {field} has no values in this layer yet.").format(
                    field=field_title(self.schema.name, field)
                )
            )

    def _kind_changed(self) -> None:
        if self.kind.currentIndex() == 1 and self.table.rowCount() == 0:
            self.classify()
        self._changed()

    def edited_style(self) -> LayerStyle:
        """The style as the dialog shows it now (not yet checked)."""
        base = self.symbol_editor.symbol(self.original.symbol)
        label_field = self.label_fields[self.label_field.currentIndex()]
        style = replace(self.original, symbol=base, label_field=label_field)
        if self.kind.currentIndex() == 0:
            return replace(style, kind="single", field=None, categories=())
        categories = tuple(category_for(base, value, fill) for value, fill in self.table.categories())
        return replace(
            style, kind="categorized", field=self.table.field or self.field.currentData(), categories=categories
        )

    def _changed(self) -> None:
        categorized = self.kind.currentIndex() == 1
        self.categories_box.setEnabled(categorized)
        self.symbol_editor.set_categorized(categorized)
        self.preview.set_style(self.edited_style())
        self.error_label.hide()

    def result_style(self) -> LayerStyle:
        return self._result

    def accept(self) -> None:
        style = self.edited_style()
        try:
            style.validate(self.schema)
        except StyleError as error:
            self._show_error(message_of(error))
            return
        self._result = style
        super().accept()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    # -- language ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Style of {layer}").format(layer=layer_title(self.schema.name)))
        self.kind_caption.setText(self.tr("Style"))
        self.kind.setItemText(0, self.tr("Single symbol"))
        self.kind.setItemText(1, self.tr("Categorized"))
        self.label_caption.setText(self.tr("Labels"))
        for i, name in enumerate(self.label_fields):
            self.label_field.setItemText(
                i, self.tr("No labels") if name is None else field_title(self.schema.name, name)
            )
        self.symbol_box.setTitle(self.tr("Symbol"))
        self.categories_box.setTitle(self.tr("Categories"))
        self.field_caption.setText(self.tr("Field"))
        for i in range(self.field.count()):
            self.field.setItemText(i, field_title(self.schema.name, self.field.itemData(i)))
        self.classify_button.setText(self.tr("Classify"))
        self.classify_button.setToolTip(self.tr("One category per value of the field, each with its own colour"))
        self.remove_button.setText(self.tr("Remove"))
        self.preview_box.setTitle(self.tr("Preview"))
        self.symbol_editor.retranslate()
        self.table.retranslate()
        self.preview.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
