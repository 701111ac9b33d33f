"""One small editor per field type for the feature form; each says ``sigChanged`` as the user types.

Every editor has an empty state, because most fields are optional and a required one starts empty:
numbers and dates are typed into plain lines (empty is empty), a vocabulary combo has a blank first
item. ``value()`` gives what the store keeps: a code, a number, an ISO date, or None; text typed into
a number or date field that is not one comes back as typed, so the schema's message explains it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from baytak_desktop.layers.schema import Field, FieldType
from baytak_desktop.layers.values import YES_NO, parse_date
from baytak_desktop.ui.i18n import current_language

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


class BooleanEditor(Editor):
    """A yes/no field as a drop-down of blank, yes and no in the UI language (stored as 1 or 0): a blank
    "not known" stays possible, which a check box cannot show."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.combo = QComboBox()
        self.combo.currentIndexChanged.connect(self._changed)
        self._layout.addWidget(self.combo)
        self.retranslate()

    def value(self) -> int | None:
        data = self.combo.currentData()
        return None if data is None else int(data)

    def set_value(self, value: Any) -> None:
        self.combo.setCurrentIndex(0 if value is None else self.combo.findData(1 if value else 0))

    def retranslate(self) -> None:
        current = self.value() if self.combo.count() else None
        yes, no = YES_NO.get(current_language(), YES_NO["en"])
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        self.combo.addItem(yes, 1)
        self.combo.addItem(no, 0)
        self.combo.blockSignals(False)
        self.set_value(current)


class NumberEditor(Editor):
    """A number as the user types it, in the language's digits (1 250 000; 12,5 or 12.5).

    A plain line, not a spin box: a spin box silently turns 150 into 15.00 when the most allowed is 100,
    and shows 0 trees as empty. Here the text stays as typed, ``value()`` gives the number (out of range
    too), and the form shows the schema's range message beside it. Text that is not a number comes back
    as it is, and the schema says so."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.textChanged.connect(self._changed)
        self._layout.addWidget(self.edit)
        self.retranslate()

    def value(self) -> int | float | str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        number = parse_number(text)
        if number is None:
            return text
        if self.field.type == FieldType.INTEGER and float(number).is_integer():
            return int(number)
        return number

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None or value == "" else show_number(value))

    def retranslate(self) -> None:
        """The range as a hint in the empty field, in the language's digits; a shown value follows the language."""
        current = self.value()
        low, high = self.field.minimum, self.field.maximum
        hint = ""
        if low is not None and high is not None:
            hint = f"{show_number(low)} – {show_number(high)}"
        elif low is not None:
            hint = f"≥ {show_number(low)}"
        self.edit.setPlaceholderText(hint)
        if isinstance(current, int | float):
            self.edit.blockSignals(True)
            self.set_value(current)
            self.edit.blockSignals(False)


def parse_number(text: str) -> float | None:
    """A number typed in the current language (group spaces, decimal comma) or with a decimal point."""
    compact = "".join(ch for ch in text if not ch.isspace() and ch not in "\u00a0\u202f'")
    number, ok = QLocale().toDouble(compact)
    if ok:
        return float(number)
    try:
        return float(compact.replace(",", "."))
    except ValueError:
        return None


def show_number(value: Any) -> str:
    """A stored number in the current language: 1 250 000, 12,5 (no trailing zeros to type away)."""
    number = float(value)
    if number.is_integer() and abs(number) < 1e15:
        return QLocale().toString(int(number))
    return QLocale().toString(number, "g", 12)


class DateEditor(Editor):
    """A date typed as the language writes it (15.01.2027 in Kazakh and Russian), or in ISO (2027-01-15),
    or picked from the calendar; empty is empty.

    A line, not a QDateEdit: a date edit takes typing one section at a time, so "15.01.2027" typed into
    an empty one came out as "-15012027" and was dropped. The text is read whole when it changes; a
    date that is not a real one stays as typed and the schema's message says how to write it."""

    def __init__(self, field: Field, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self._format = "dd.MM.yyyy"
        self.edit = QLineEdit()
        self.edit.textChanged.connect(self._changed)
        self.edit.editingFinished.connect(self._tidy)
        self.calendar = QCalendarWidget()
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        picker = QWidgetAction(menu)
        picker.setDefaultWidget(self.calendar)
        menu.addAction(picker)
        menu.aboutToShow.connect(self._open_calendar)
        self.calendar_button = QToolButton()
        self.calendar_button.setText("▾")
        self.calendar_button.setAutoRaise(True)
        self.calendar_button.setMenu(menu)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.clear_button = QToolButton()
        self.clear_button.setText("✕")
        self.clear_button.setAutoRaise(True)
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self._layout.addWidget(self.edit, 1)
        self._layout.addWidget(self.calendar_button)
        self._layout.addWidget(self.clear_button)
        self.retranslate()

    def value(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        day = self._read(text)
        return text if day is None else day.isoformat()

    def set_value(self, value: Any) -> None:
        if value is None or value == "":
            self.edit.setText("")
            return
        try:
            day = parse_date(value)
        except ValueError:
            self.edit.setText(str(value))  # shown as stored, never hidden; the form says what is wrong
            return
        self.edit.setText(QLocale().toString(QDate(day.year, day.month, day.day), self._format))

    def _read(self, text: str) -> dt.date | None:
        """The language's own format (one-digit days and months too), then ISO, DD.MM.YYYY or a year."""
        loose = self._format.replace("dd", "d").replace("MM", "M")
        for pattern in (self._format, loose):
            day = QLocale().toDate(text, pattern)
            if day.isValid():
                return dt.date(day.year(), day.month(), day.day())
        try:
            return parse_date(text)
        except ValueError:
            return None

    def _tidy(self) -> None:
        """A date typed as 2027-1-5 or 5.1.2027 is shown, once the field is left, as the language writes it."""
        day = self._read(self.edit.text().strip()) if self.edit.text().strip() else None
        if day is not None and self.edit.text() != QLocale().toString(
            QDate(day.year, day.month, day.day), self._format
        ):
            self.set_value(day)

    def _open_calendar(self) -> None:
        day = self._read(self.edit.text().strip()) if self.edit.text().strip() else None
        shown = QDate(day.year, day.month, day.day) if day is not None else QDate.currentDate()
        self.calendar.setSelectedDate(shown)
        self.calendar.setCurrentPage(shown.year(), shown.month())

    def _picked(self, day: QDate) -> None:
        self.set_value(dt.date(day.year(), day.month(), day.day()))
        menu = self.calendar_button.menu()
        if menu is not None:
            menu.close()

    def retranslate(self) -> None:
        """Dates as the language writes them (14.06.2025 in Kazakh and Russian), always with 4-digit years."""
        current = self.value()
        locale = QLocale()
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)
        self._format = short if "yyyy" in short else short.replace("yy", "yyyy")
        self.calendar.setLocale(locale)
        example = locale.toString(QDate(2027, 1, 15), self._format)
        self.edit.setPlaceholderText(self.tr("e.g. {date} or {iso}").format(date=example, iso="2027-01-15"))
        self.calendar_button.setToolTip(self.tr("Choose in a calendar"))
        self.clear_button.setToolTip(self.tr("Clear the date"))
        if current is not None and self._read(current) is not None:
            self.edit.blockSignals(True)
            self.set_value(current)
            self.edit.blockSignals(False)


def editor_for(field: Field) -> Editor:
    if field.vocabulary is not None:
        return ChoiceEditor(field)
    if field.type == FieldType.BOOLEAN:
        return BooleanEditor(field)
    if field.type in (FieldType.INTEGER, FieldType.REAL):
        return NumberEditor(field)
    if field.type == FieldType.DATE:
        return DateEditor(field)
    return TextEditor(field)
