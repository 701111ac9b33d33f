"""The parts of the style editor: a symbol's editor, the table of categories, a line's pattern.

Each edits plain ``layers.style`` values; the dialog (``style_dialog``) puts them together. A line layer
has no fill: its editors show the line's colour, width and pattern, per category too.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TypeVar

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from baytak_desktop.layers.style import (
    DASHES,
    Category,
    Symbol,
    category_color,
    category_for,
    category_label,
)
from baytak_desktop.ui.i18n import current_language, shown_catalog
from baytak_desktop.ui.layers.color_button import ColorButton


class DashCombo(QComboBox):
    """How a line is drawn: whole, dashed, dotted, or dash and dot (the keys of ``DASHES``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for key in DASHES:
            self.addItem("", key)
        self.retranslate()

    def dash(self) -> str:
        return str(self.currentData())

    def set_dash(self, dash: str) -> None:
        self.setCurrentIndex(max(0, self.findData(dash)))

    def retranslate(self) -> None:
        names = {
            "solid": self.tr("Solid"),
            "dash": self.tr("Dashed"),
            "dot": self.tr("Dotted"),
            "dashdot": self.tr("Dash and dot"),
        }
        for index in range(self.count()):
            self.setItemText(index, names[str(self.itemData(index))])


class SymbolEditor(QWidget):
    """Fill, outline, outline width, and the marker size (points) or fill transparency (areas); a line
    layer (``shape`` "line") has only its colour, width and pattern: a line has no fill."""

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
        self.dash = DashCombo(self)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.captions: dict[QWidget, QLabel] = {}
        for widget in (self.fill, self.stroke, self.stroke_width, self.dash, self.point_size, self.transparency):
            self.captions[widget] = QLabel(self)
            self.form.addRow(self.captions[widget], widget)
        self.form.setRowVisible(self.point_size, shape == "point")
        self.form.setRowVisible(self.transparency, self.polygon)
        self.form.setRowVisible(self.fill, not self.line)  # a line is drawn in its outline colour only
        self.form.setRowVisible(self.dash, self.line)
        for button in (self.fill, self.stroke):
            button.sigColorChanged.connect(self.sigChanged)
        for spin in (self.stroke_width, self.point_size, self.transparency):
            spin.valueChanged.connect(self.sigChanged)
        self.dash.currentIndexChanged.connect(self.sigChanged)
        self.retranslate()

    def set_symbol(self, symbol: Symbol) -> None:
        with QSignalBlocker(self):
            self.fill.set_color(symbol.fill)
            self.stroke.set_color(symbol.stroke)
            self.stroke_width.setValue(symbol.stroke_width)
            self.point_size.setValue(symbol.size)
            self.transparency.setValue(round((1 - symbol.fill_alpha) * 100))
            self.dash.set_dash(symbol.dash)

    def symbol(self, base: Symbol) -> Symbol:
        """``base`` with what this editor shows (the hidden size or transparency keep base's value)."""
        symbol = replace(
            base, fill=self.fill.color(), stroke=self.stroke.color(), stroke_width=self.stroke_width.value()
        )
        if self.polygon:
            return replace(symbol, fill_alpha=round(1 - self.transparency.value() / 100, 2))
        if self.line:
            return replace(symbol, dash=self.dash.dash())
        return replace(symbol, size=self.point_size.value())

    def set_categorized(self, categorized: bool) -> None:
        """In a categorized style the fill here is only for values without a category: say so."""
        if categorized != self.categorized:
            self.categorized = categorized
            self.retranslate()

    def retranslate(self) -> None:
        fill = self.tr("Fill of other values") if self.categorized else self.tr("Fill colour")
        line_colour = self.tr("Line colour of other values") if self.categorized else self.tr("Line colour")
        labels = (
            (self.fill, fill),
            (self.stroke, line_colour if self.line else self.tr("Outline colour")),
            (self.stroke_width, self.tr("Line width, px") if self.line else self.tr("Outline width, px")),
            (self.dash, self.tr("Line pattern")),
            (self.point_size, self.tr("Point size, px")),
            (self.transparency, self.tr("Fill transparency, %")),
        )
        for widget, text in labels:
            self.captions[widget].setText(text)
        self.dash.retranslate()


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
    """One row per category: its colour (editable), the stored value, and its label in the UI language;
    for a line layer (``line``) the colour is the line's, and each row has its own width and pattern."""

    sigChanged = Signal()
    COLOUR, VALUE, LABEL, WIDTH, DASH = range(5)

    def __init__(self, layer: str, parent: QWidget | None = None, line: bool = False) -> None:
        super().__init__(0, 5 if line else 3, parent)
        self.layer = layer
        self.line = line
        self.field: str | None = None
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        stretched = self.DASH if line else self.LABEL  # the labels read whole; the last column takes the rest
        for column in range(self.columnCount()):
            fits = QHeaderView.ResizeMode.Stretch if column == stretched else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, fits)
        self.retranslate()

    def set_categories(self, field: str | None, rows: list[Category]) -> None:
        """Show ``rows`` for ``field``: each value with its colour (and a line's width and pattern)."""
        self.field = field
        self.setRowCount(0)
        for category in rows:
            row = self.rowCount()
            self.insertRow(row)
            button = ColorButton(category_color(category.symbol, line=self.line), self, show_name=False)
            button.sigColorChanged.connect(self.sigChanged)
            self.setCellWidget(row, self.COLOUR, button)
            self.setItem(row, self.VALUE, QTableWidgetItem(category.value))
            self.setItem(row, self.LABEL, QTableWidgetItem(""))
            if self.line:
                self._add_line_cells(row, category.symbol)
        self.relabel()
        self.sigChanged.emit()

    def _add_line_cells(self, row: int, symbol: Symbol) -> None:
        width = _spin(QDoubleSpinBox(self), 0.5, 50, 0.5, decimals=1)
        width.setValue(symbol.stroke_width)
        width.valueChanged.connect(self.sigChanged)
        self.setCellWidget(row, self.WIDTH, width)
        dash = DashCombo(self)
        dash.set_dash(symbol.dash)
        dash.currentIndexChanged.connect(self.sigChanged)
        self.setCellWidget(row, self.DASH, dash)

    def categories(self) -> list[tuple[str, str]]:
        """(value, colour) of every row: the colour a category is told apart by."""
        return [(self._value(row), self._button(row).color()) for row in range(self.rowCount())]

    def symbols(self, base: Symbol) -> tuple[Category, ...]:
        """The categories as the table shows them, drawn like ``base`` otherwise."""
        found = []
        for row in range(self.rowCount()):
            category = category_for(base, self._value(row), self._button(row).color(), line=self.line)
            if self.line:
                width, dash = self.cellWidget(row, self.WIDTH), self.cellWidget(row, self.DASH)
                assert isinstance(width, QDoubleSpinBox) and isinstance(dash, DashCombo)  # made so for lines
                category = Category(
                    category.value, replace(category.symbol, stroke_width=width.value(), dash=dash.dash())
                )
            found.append(category)
        return tuple(found)

    def color_button(self, value: str) -> ColorButton:
        for row in range(self.rowCount()):
            if self._value(row) == value:
                return self._button(row)
        raise KeyError(value)

    def _value(self, row: int) -> str:
        item = self.item(row, self.VALUE)
        return item.text() if item is not None else ""

    def _button(self, row: int) -> ColorButton:
        button = self.cellWidget(row, self.COLOUR)
        assert isinstance(button, ColorButton)  # every row is made with one
        return button

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)
        self.sigChanged.emit()

    def relabel(self) -> None:
        for row in range(self.rowCount()):
            label = self.item(row, self.LABEL)
            if label is not None:
                label.setText(
                    category_label(self.layer, self.field, self._value(row), current_language(), shown_catalog())
                )
            dash = self.cellWidget(row, self.DASH) if self.line else None
            if isinstance(dash, DashCombo):
                dash.retranslate()

    def retranslate(self) -> None:
        headers = [self.tr("Colour"), self.tr("Value"), self.tr("Label")]
        if self.line:
            headers = [self.tr("Line colour"), *headers[1:], self.tr("Width, px"), self.tr("Pattern")]
        self.setHorizontalHeaderLabels(headers)
        self.relabel()
