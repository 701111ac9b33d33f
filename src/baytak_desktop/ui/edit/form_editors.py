"""One small editor per field type for the feature form; each says ``sigChanged`` as the user types.

Every editor has an empty state, because most fields are optional and a required one starts empty:
spin boxes and the date edit show a dash at one step below their range (Qt's special value), a
vocabulary combo has a blank first item. ``value()`` gives what the store keeps: a code, a number, an
ISO date, or None.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from baytak_desktop.layers.schema import Field, FieldType
from baytak_desktop.layers.validation import EARLIEST_DATE
from baytak_desktop.layers.values import parse_date
from baytak_desktop.ui.i18n import current_language

EMPTY = "–"
INT_LIMIT = 2_000_000_000
LONG_TEXT = 5_000  # fields allowed this many characters get a multi-line editor


class Editor(QWidget):
    sigChanged = Signal()

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"editor_{field.name}")
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise TypeError(f"{type(self).__name__} must define value()")

    def set_value(self, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} must define set_value()")

    def _changed(self, *_args: object) -> None:
        self.sigChanged.emit()

    def focus_widget(self) -> QWidget:
        """The widget that takes the keyboard (every editor puts it first)."""
        item = self._layout.itemAt(0)
        widget = item.widget() if item is not None else None
        assert widget is not None, "an editor without its widget"
        return widget

    def retranslate(self) -> None:
        """Editors whose content depends on the language (vocabulary labels) override this."""


class TextEditor(Editor):
    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        if field.max_length >= LONG_TEXT:
            self.edit: QLineEdit | QPlainTextEdit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4)
        else:
            self.edit = QLineEdit()
            self.edit.setMaxLength(field.max_length)
        self.edit.textChanged.connect(self._changed)
        self._layout.addWidget(self.edit)

    def value(self) -> str | None:
        text = self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        return text.strip() or None

    def set_value(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if isinstance(self.edit, QPlainTextEdit):
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)


class ChoiceEditor(Editor):
    """A vocabulary as a drop-down: labels in the UI language, the code as the item's data."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.currentIndexChanged.connect(self._changed)
        self._layout.addWidget(self.combo)
        self.retranslate()

    def value(self) -> str | None:
        code = self.combo.currentData()
        return None if code is None else str(code)

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value) if value is not None else 0
        if index < 0:  # a code not in the vocabulary (written by another tool): show it, never hide it
            self.combo.addItem(str(value), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def retranslate(self) -> None:
        vocabulary = self.field.vocabulary
        assert vocabulary is not None
        current = self.value()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        lang = current_language()
        for term in vocabulary.terms:
            self.combo.addItem(term.label(lang), term.code)
        self.combo.blockSignals(False)
        self.set_value(current)


class NumberEditor(Editor):
    """A spin box over the field's range; one step below the minimum is the empty state."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        low = field.minimum if field.minimum is not None else -INT_LIMIT + 1
        high = field.maximum if field.maximum is not None else INT_LIMIT
        self.spin: QSpinBox | QDoubleSpinBox
        if field.type == FieldType.INTEGER:
            self.spin = whole = QSpinBox()
            self._empty: int | float = int(low) - 1
            whole.setRange(int(self._empty), int(high))
        else:
            self.spin = decimal = QDoubleSpinBox()
            decimal.setDecimals(2)
            self._empty = low - 1
            decimal.setRange(self._empty, high)
        self.spin.setSpecialValueText(EMPTY)
        self.set_value(None)
        self.spin.setGroupSeparatorShown(True)
        self.spin.valueChanged.connect(self._changed)
        self._layout.addWidget(self.spin)

    def value(self) -> int | float | None:
        value = self.spin.value()
        return None if value == self._empty else value

    def set_value(self, value: Any) -> None:
        shown = self._empty if value is None else value
        if isinstance(self.spin, QSpinBox):
            self.spin.setValue(int(shown))
        else:
            self.spin.setValue(float(shown))


class DateField(QDateEdit):
    """A date edit whose calendar opens on this month while the field is empty (not in 1849)."""

    def __init__(self, empty: QDate) -> None:
        super().__init__()
        self._empty = empty

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        if self.date() == self._empty and self.calendarWidget() is not None:
            today = QDate.currentDate()
            self.calendarWidget().setCurrentPage(today.year(), today.month())


class DateEditor(Editor):
    """A date with a calendar popup and an empty state (the day before the earliest date allowed)."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        earliest = EARLIEST_DATE - dt.timedelta(days=1)
        self._empty = QDate(earliest.year, earliest.month, earliest.day)
        self.date = DateField(self._empty)
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(self._empty)
        self.date.setSpecialValueText(EMPTY)
        self.date.setDate(self._empty)
        self.date.dateChanged.connect(self._changed)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self._layout.addWidget(self.date, 1)
        self._layout.addWidget(self.clear_button)
        self.retranslate()

    def value(self) -> str | None:
        day = self.date.date()
        return None if day == self._empty else day.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            self.date.setDate(self._empty)
            return
        day = parse_date(value)
        self.date.setDate(QDate(day.year, day.month, day.day))

    def retranslate(self) -> None:
        """Dates as the language writes them (14.06.2025 in Kazakh and Russian), always with 4-digit years."""
        locale = QLocale()
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)
        self.date.setLocale(locale)
        self.date.setDisplayFormat(short if "yyyy" in short else short.replace("yy", "yyyy"))
        self.clear_button.setToolTip(self.tr("Clear the date"))


def editor_for(field: Field) -> Editor:
    if field.vocabulary is not None:
        return ChoiceEditor(field)
    if field.type in (FieldType.INTEGER, FieldType.REAL):
        return NumberEditor(field)
    if field.type == FieldType.DATE:
        return DateEditor(field)
    return TextEditor(field)
