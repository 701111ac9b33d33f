"""The feature form, generated from the layer schema: one editor per field, checked as the user types.

The rules are the schema's (``layers.validation.prepare``, the same an import and the server use), so
the form never disagrees with the store: Save is enabled exactly when the store would accept the
values. Coded fields show labels in the UI language and store codes. Derived fields (area_ha,
area_km2) are shown read-only and follow the geometry while it is drawn (``set_geometry``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import shapely
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import Problem, ValidationError
from baytak_desktop.layers import LayerSchema, prepare
from baytak_desktop.layers.schema import Field
from baytak_desktop.layers.validation import derived_values
from baytak_desktop.store.edits import GeometryNeedsFix, check_geometry
from baytak_desktop.ui.edit.form_editors import Editor, editor_for
from baytak_desktop.ui.i18n import field_title, format_number, layer_title
from baytak_desktop.ui.messages import problem_text as domain_problem_text

_MESSAGE_STYLE = {"error": "color:#b00020;", "warning": "color:#8a5a00;"}
_DERIVED_DECIMALS = {"area_ha": 4, "area_km2": 3}


class FeatureForm(QWidget):
    sigSaveRequested = Signal(dict)  # the values, as codes and ISO dates, when Save is clicked
    sigCancelled = Signal()
    sigGeometryFixed = Signal(object)  # the repaired outline the user accepted ("Fix outline")

    def __init__(self, schema: LayerSchema, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.schema = schema
        self._geometry: shapely.Geometry | None = None
        self._checked: shapely.Geometry | None = None  # what the geometry checks look at (see set_geometry)
        self._fixed: shapely.Geometry | None = None
        self._problems: list[Problem] = []
        self.editors: dict[str, Editor] = {}
        self.labels: dict[str, QLabel] = {}
        self.messages: dict[str, QLabel] = {}
        self.derived: dict[str, QLabel] = {}
        self._build()
        self._show_derived({})
        self.retranslate()
        self._revalidate()

    # -- building -------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("form_title")
        self.geometry_message = QLabel()
        self.geometry_message.setWordWrap(True)
        self.fix_button = QPushButton()
        self.fix_button.setVisible(False)
        self.fix_button.clicked.connect(self.accept_fix)
        fields = QWidget()
        column = QVBoxLayout(fields)
        self.form_layout = QFormLayout()
        column.addLayout(self.form_layout)
        column.addStretch(1)  # spare height goes below the fields, not into the notes box
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for field in self.schema.fields:
            if field.derived:
                self._add_derived(field)
            elif field in self.schema.editable_fields:
                self._add_editor(field)
        self.fields_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        self.required_note = QLabel()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.sigCancelled.emit)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.geometry_message, self.fix_button):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        bottom = QHBoxLayout()  # the note beside the buttons: one line more for the fields
        bottom.addWidget(self.required_note)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)

    def _add_editor(self, field: Field) -> None:
        editor = editor_for(field)
        editor.sigChanged.connect(self._revalidate)
        message = QLabel()
        message.setWordWrap(True)
        message.setVisible(False)
        cell = QWidget()
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(editor)
        column.addWidget(message)
        label = QLabel()
        label.setBuddy(editor.focus_widget())
        self.form_layout.addRow(label, cell)
        self.editors[field.name], self.labels[field.name], self.messages[field.name] = editor, label, message

    def _add_derived(self, field: Field) -> None:
        value = QLabel()
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setObjectName(f"derived_{field.name}")
        label = QLabel()
        self.form_layout.addRow(label, value)
        self.derived[field.name], self.labels[field.name] = value, label

    # -- public API -----------------------------------------------------------------------------------
    def set_values(self, values: dict[str, Any]) -> None:
        """Fill the editors (codes, ISO dates, numbers; missing keys left as they are)."""
        for name, value in values.items():
            if name in self.editors:
                self.editors[name].set_value(value)
            elif name in self.derived and self._geometry is None:
                self._show_derived({name: value})
        self._revalidate()

    def values(self) -> dict[str, Any]:
        """What the user entered: every editable field, None where empty."""
        return {name: editor.value() for name, editor in self.editors.items()}

    def set_geometry(self, geometry: shapely.Geometry | None, corners: shapely.Geometry | None = None) -> None:
        """The outline or point being drawn: derived fields follow it live.

        ``corners``, while an outline is drawn, is the shape of the corners placed so far (without the
        cursor); the geometry checks look at it rather than at the live shape, whose closing edges sweep
        with the cursor and would make "crosses itself" blink on and off. Until the corners make an
        outline of their own the checks wait (finishing the outline checks it in full)."""
        self._geometry = geometry
        self._checked = geometry if corners is None or geometry is None else corners
        self._show_derived(derived_values(self.schema, geometry) if geometry is not None else {})
        self._revalidate()

    def visible_fields(self) -> list[str]:
        """The fields whose label and value can be read now without scrolling (the layout tests' measure)."""
        viewport = self.fields_area.viewport()
        shown = viewport.rect()
        found = []
        for name, label in self.labels.items():
            value: QWidget = self.editors[name] if name in self.editors else self.derived[name]
            boxes = [
                widget.rect().translated(widget.mapTo(viewport, widget.rect().topLeft())) for widget in (label, value)
            ]
            if all(shown.contains(box) for box in boxes) and value.isVisibleTo(self):
                found.append(name)
        return found

    def is_valid(self) -> bool:
        return not any(p.severity == "error" for p in self._problems)

    def problems(self) -> list[Problem]:
        """Every problem now shown (errors and warnings), for tests and the status bar."""
        return list(self._problems)

    def accept_fix(self) -> None:
        """Use the repaired outline (``shapely.make_valid``) that was offered for a self-intersection."""
        if self._fixed is not None:
            fixed, self._fixed = self._fixed, None
            self.set_geometry(fixed)
            self.sigGeometryFixed.emit(fixed)

    # -- checking -------------------------------------------------------------------------------------
    def _revalidate(self) -> None:
        self._problems = [
            p for p in prepare(self.schema, self.values(), None, partial=False).problems if p.field != "geom"
        ]
        self._problems += self._geometry_problems()
        by_field: dict[str, list[Problem]] = {}
        for problem in self._problems:
            by_field.setdefault(problem.field or "geom", []).append(problem)
        for name, label in self.messages.items():
            self._show_messages(label, by_field.get(name, []))
        self._show_messages(self.geometry_message, by_field.get("geom", []))
        self.fix_button.setVisible(self._fixed is not None)
        self.save_button.setEnabled(self.is_valid())

    def _geometry_problems(self) -> list[Problem]:
        self._fixed = None
        checked = self._checked
        if checked is None or self._geometry is None:
            return []
        if checked.geom_type != self._geometry.geom_type:  # two corners and the cursor: not an outline yet
            return []
        try:
            check_geometry(self.schema, checked)
        except GeometryNeedsFix as exc:
            self._fixed = exc.fixed
            return list(exc.problems)
        except ValidationError as exc:
            return list(exc.problems)
        return [p for p in prepare(self.schema, {}, checked, partial=True).problems if p.field == "geom"]

    def _show_messages(self, label: QLabel, problems: list[Problem]) -> None:
        label.setVisible(bool(problems))
        if not problems:
            label.clear()  # no stale text behind a hidden label (a language switch finds none)
        if problems:
            worst = "error" if any(p.severity == "error" for p in problems) else "warning"
            label.setStyleSheet(_MESSAGE_STYLE[worst])
            label.setText("\n".join(self.problem_text(p) for p in problems))

    def _show_derived(self, values: dict[str, Any]) -> None:
        for name, label in self.derived.items():
            value = values.get(name)
            label.setText("—" if value is None else format_number(value, _DERIVED_DECIMALS.get(name, 2)))

    def _save(self) -> None:
        if self.is_valid():
            self.sigSaveRequested.emit(self.values())

    # -- language -------------------------------------------------------------------------------------
    def problem_text(self, problem: Problem) -> str:
        """A validation message in the UI language (the domain's English text when it is not a known one)."""
        text = problem.message
        field = self.schema.field(problem.field) if problem.field in self.labels else None
        for pattern, render in self._message_patterns(field):
            match = re.search(pattern, text)
            if match:
                return render(match)
        return domain_problem_text(problem, where=False)

    def _range_text(self, field: Field | None, bound: str, side: str) -> str:
        """The whole allowed range when the field has one ("From 0 to 100"), else the one bound crossed."""

        def shown(value: float) -> str:
            return format_number(value, 0 if float(value).is_integer() else 2)

        if field is not None and field.minimum is not None and field.maximum is not None:
            return self.tr("Must be from {minimum} to {maximum}").format(
                minimum=shown(field.minimum), maximum=shown(field.maximum)
            )
        if side.startswith("below"):
            return self.tr("At least {minimum}").format(minimum=shown(float(bound)))
        return self.tr("At most {maximum}").format(maximum=shown(float(bound)))

    def _message_patterns(self, field: Field | None) -> list[tuple[str, Callable[[re.Match[str]], str]]]:
        return [
            (r"^is required$", lambda m: self.tr("Required")),
            (r"is (below the minimum|above the maximum) (\S+)$", lambda m: self._range_text(field, m[2], m[1])),
            (r"is in the future", lambda m: self.tr("This date is in the future; an observation cannot be")),
            (r"is before (\d{4})", lambda m: self.tr("Dates start in {year}").format(year=m[1])),
            (
                r"^is (\d+) characters long; at most (\d+)",
                lambda m: self.tr("Too long: {length} characters, at most {limit}").format(length=m[1], limit=m[2]),
            ),
            (
                r"at least 3 corners; this one has (\d+)",
                lambda m: self.tr("A polygon needs at least 3 corners; this one has {count}").format(count=m[1]),
            ),
            (r"crosses itself", lambda m: self.tr("The outline crosses itself: fix it automatically, or keep editing")),
            (
                r"outside the world",
                lambda m: self.tr("The position is outside the world: longitude must be -180…180 and latitude -90…90"),
            ),
            (
                r"outside Kazakhstan",
                lambda m: self.tr(
                    "The site lies outside Kazakhstan and its neighbours: are latitude and longitude swapped?"
                ),
            ),
            (r"has no geometry", lambda m: self.tr("Place the feature on the map")),
        ]

    def retranslate(self) -> None:
        self.title.setText(layer_title(self.schema.name))
        for name, label in self.labels.items():
            field = self.schema.field(name)
            title = field_title(self.schema.name, name)
            label.setText(f"{title} *" if field.required else title)
            label.setToolTip(
                self.tr("Required")
                if field.required
                else self.tr("Computed from the geometry")
                if field.derived
                else ""
            )
        for editor in self.editors.values():
            editor.retranslate()
        self.required_note.setText(self.tr("* required"))
        self.fix_button.setText(self.tr("Fix outline"))
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        if self.messages:
            self._revalidate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
