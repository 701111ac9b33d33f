"""Settling one feature's sync conflicts: base, theirs and mine side by side, both shapes on a small map.

A conflict record is one field of one feature that two people changed to different values; the server
kept "theirs" (its value) and the pushed "mine" waits in the record (mine is always the value of the
person who made the conflicting edit, whoever looks at it). The dialog gathers all open records of the
feature and lets the person keep mine, keep theirs, or edit the result by hand; the window sends the
choice to the server (see ``ui.sync.runner.resolve_job``). A whole-feature record (field ``*``: an edit
against a delete) can only be kept one way or the other.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPen, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.layers import prepare
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.sync.records import LocalConflict
from baytak_desktop.ui.i18n import current_language, field_title, format_position, layer_title, shown_catalog
from baytak_desktop.ui.map.items import geometry_paths

THEIRS_COLOUR, MINE_COLOUR = QColor("#1f6fb4"), QColor("#e0701b")
WHOLE_FEATURE = "*"
BASE, THEIRS, MINE, RESULT = 1, 2, 3, 4


@dataclass(frozen=True)
class Row:
    """One line of the comparison: a field with its three values and the record it belongs to."""

    field: str
    base: Any
    theirs: Any
    mine: Any
    conflict_id: int


def wire_geometry(value: Any) -> shapely.Geometry | None:
    """A geometry as the wire carries it (hex WKB), or None when there is none or it cannot be read."""
    if not value or not isinstance(value, str):
        return None
    try:
        return shapely.from_wkb(value)
    except (shapely.errors.GEOSException, ValueError):
        return None


def display_value(layer: str, field: str, value: Any) -> str:
    """A value as a person reads it: vocabulary labels in the UI language, numbers in its locale,
    geometries described by type and size, an empty value as a dash."""
    if value is None:
        return "—"
    if field == "geom":
        return describe_geometry(wire_geometry(value))
    schema = shown_catalog().get(layer)
    vocabulary = schema.field(field).vocabulary if schema is not None and field in schema.field_names else None
    if vocabulary is not None:
        return vocabulary.label(str(value), current_language())
    if isinstance(value, float):
        return QLocale().toString(value, "g", 10)
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def describe_geometry(geom: shapely.Geometry | None) -> str:
    if geom is None or geom.is_empty:
        return "—"
    if geom.geom_type == "Point":
        return format_position(geom.y, geom.x)
    rings = [
        ring
        for part in getattr(geom, "geoms", [geom])
        if part.geom_type == "Polygon"
        for ring in (part.exterior, *part.interiors)
    ]
    corners = sum(len(ring.coords) - 1 for ring in rings) if rings else int(shapely.get_num_coordinates(geom))
    return QCoreApplication.translate("ConflictDialog", "corners: {n}").format(n=corners)


def conflict_rows(conflicts: list[LocalConflict]) -> list[Row]:
    """Field records as they are; a whole-feature record split into the fields that differ."""
    rows = []
    for record in conflicts:
        if record.field != WHOLE_FEATURE:
            rows.append(Row(record.field, record.base, record.theirs, record.mine, record.id))
            continue
        mine, theirs = _as_fields(record.mine), _as_fields(record.theirs)
        rows.append(Row(WHOLE_FEATURE, None, theirs is not None, mine is not None, record.id))
        for name in dict.fromkeys([*(theirs or {}), *(mine or {})]):
            a, b = (theirs or {}).get(name), (mine or {}).get(name)
            # "@attachments_added"/"@attachments_removed" are photos, not fields: keeping "mine" links them
            if name not in BOOKKEEPING and not name.startswith("@") and (a != b or theirs is None or mine is None):
                rows.append(Row(name, None, a, b, record.id))
    return rows


def _as_fields(value: Any) -> dict[str, Any] | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    return value if isinstance(value, dict) else None


class ConflictMap(QGraphicsView):
    """Theirs (blue, filled) and mine (orange, dashed) on a small read-only map, fitted to both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setInteractive(False)
        self.setMinimumSize(220, 180)
        self.setBackgroundBrush(QColor("#f4f1ea"))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.shown: list[str] = []

    def set_geometries(self, theirs: shapely.Geometry | None, mine: shapely.Geometry | None) -> None:
        self.scene().clear()
        self.shown = []
        for name, geom, colour, dashed in (("theirs", theirs, THEIRS_COLOUR, False), ("mine", mine, MINE_COLOUR, True)):
            if geom is not None and not geom.is_empty:
                self._draw(geom, colour, dashed)
                self.shown.append(name)
        self._fit()

    def _draw(self, geom: shapely.Geometry, colour: QColor, dashed: bool) -> None:
        pen = QPen(colour, 2.5, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
        pen.setCosmetic(True)
        fill = QColor(colour)
        fill.setAlpha(0 if dashed else 60)
        for path in geometry_paths(geom):
            self.scene().addPath(path, pen, QBrush(fill))
        for point in [p for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Point"]:
            x, y = to_scene(np.array([point.x]), np.array([point.y]))
            item = self.scene().addEllipse(-6, -6, 12, 12, pen, QBrush(fill))
            item.setFlag(item.GraphicsItemFlag.ItemIgnoresTransformations)
            item.setPos(QPointF(float(x[0]), float(y[0])))

    def _fit(self) -> None:
        box = self.scene().itemsBoundingRect()
        if box.isEmpty():  # one point, or two at the same place: show about 2 km around it
            box = box.adjusted(-1000, -1000, 1000, 1000)
        margin = max(box.width(), box.height()) * 0.15
        self.fitInView(box.adjusted(-margin, -margin, margin, margin), Qt.AspectRatioMode.KeepAspectRatio)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()


class ConflictDialog(QDialog):
    """``ConflictDialog(conflicts, current_geometry)``: the open records of ONE feature. After
    ``exec()`` returns Accepted, ``choices()`` is the list of (conflict id, keep, value) to send."""

    def __init__(
        self, conflicts: list[LocalConflict], current: dict[str, Any] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conflict_dialog")
        self.conflicts = conflicts
        self.layer = conflicts[0].layer
        self.current = current or {}  # the feature as this store holds it (the server's values)
        self.rows = conflict_rows(conflicts)
        self.whole_feature = any(c.field == WHOLE_FEATURE for c in conflicts)
        self._choices: list[tuple[int, str, Any]] = []
        self.editing = False
        self._build()
        self._fill()
        self.retranslate()
        self.resize(820, 460)

    # -- building --------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(len(self.rows), 5)
        self.table.setObjectName("conflict_table")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnHidden(RESULT, True)
        self.map = ConflictMap()
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.map, 1)
        side_layout.addWidget(self.legend)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#a4262c;")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.keep_mine = self._button("keep_mine", lambda: self._keep("mine"))
        self.keep_theirs = self._button("keep_theirs", lambda: self._keep("theirs"))
        self.edit_button = self._button("edit", self._edit_or_save)
        self.edit_button.setEnabled(not self.whole_feature)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def _button(self, name: str, slot: Callable[[], object]) -> QPushButton:
        button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _fill(self) -> None:
        for index, row in enumerate(self.rows):
            for column, value in ((BASE, row.base), (THEIRS, row.theirs), (MINE, row.mine)):
                self.table.setItem(index, column, self._item(row, value, column))
        theirs, mine = self.geometries()
        self.map.set_geometries(theirs, mine)

    def _item(self, row: Row, value: Any, column: int) -> QTableWidgetItem:
        if row.field == WHOLE_FEATURE:
            text = "" if column == BASE else (self.tr("the feature is kept") if value else self.tr("deleted"))
        else:
            text = display_value(self.layer, row.field, value)
        item = QTableWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        if column in (THEIRS, MINE):
            item.setForeground(THEIRS_COLOUR if column == THEIRS else MINE_COLOUR)
        return item

    def geometries(self) -> tuple[shapely.Geometry | None, shapely.Geometry | None]:
        """Theirs and mine: from the geometry records when the shape itself is disputed, else the
        feature's one shape (both sides agree on it)."""
        geom_rows = [r for r in self.rows if r.field == "geom"]
        if geom_rows:
            return wire_geometry(geom_rows[0].theirs), wire_geometry(geom_rows[0].mine)
        current = self.current.get("geom")
        return (current if isinstance(current, shapely.Geometry) else wire_geometry(current)), None

    # -- choosing --------------------------------------------------------------------------------------
    def _keep(self, side: str) -> None:
        self._choices = [(c.id, side, None) for c in self.conflicts]
        self.accept()

    def _edit_or_save(self) -> None:
        if not self.editing:
            self._start_editing()
        else:
            self._save_edited()

    def _start_editing(self) -> None:
        """A Result column, filled with mine: the person types the value to keep (or picks a shape)."""
        self.editing = True
        self.table.setColumnHidden(RESULT, False)
        for index, row in enumerate(self.rows):
            if row.field == "geom":
                combo = QComboBox()
                combo.addItem(self.tr("Theirs"), row.theirs)
                combo.addItem(self.tr("Mine"), row.mine)
                combo.setCurrentIndex(1)
                self.table.setCellWidget(index, RESULT, combo)
                continue
            text = "" if row.mine is None else display_value(self.layer, row.field, row.mine)
            item = QTableWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(index, RESULT, item)
        self.retranslate()
        self.table.setCurrentCell(0, RESULT)

    def edited_values(self) -> dict[int, Any]:
        """The Result column as typed values (labels become codes, numbers numbers); a ValueError names
        the first value the app's own rules refuse."""
        values: dict[int, Any] = {}
        schema = shown_catalog().layer(self.layer)
        for index, row in enumerate(self.rows):
            combo = self.table.cellWidget(index, RESULT)
            if isinstance(combo, QComboBox):
                values[row.conflict_id] = combo.currentData()
                continue
            item = self.table.item(index, RESULT)
            text = item.text().strip() if item is not None else ""
            prepared = prepare(schema, {row.field: text or None}, None, partial=True)
            errors = [p for p in prepared.problems if p.severity == "error"]
            if errors:
                raise ValueError(f"{field_title(self.layer, row.field)}: {errors[0].message}")
            values[row.conflict_id] = prepared.attributes.get(row.field)
        return values

    def _save_edited(self) -> None:
        try:
            values = self.edited_values()
        except ValueError as exc:
            self.problem.setText(str(exc))
            return
        self._choices = [(conflict_id, "edited", value) for conflict_id, value in values.items()]
        self.accept()

    def choices(self) -> list[tuple[int, str, Any]]:
        return list(self._choices)

    # -- texts -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        record = self.conflicts[0]
        when = record.created_at or ""
        self.setWindowTitle(self.tr("Sync conflict — {layer}").format(layer=layer_title(self.layer)))
        self.heading.setText(
            self.tr(
                "{author} changed this feature at {when} while it was changed on the server. "
                "Choose the values to keep; the choice is sent to the server and every device "
                "gets it."
            ).format(author=record.author or "?", when=when[:16].replace("T", " "))
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Field"),
                self.tr("Base"),
                self.tr("Theirs (server)"),
                self.tr("Mine ({author})").format(author=record.author or "?"),
                self.tr("Result"),
            ]
        )
        for index, row in enumerate(self.rows):
            title = {WHOLE_FEATURE: self.tr("Whole feature"), "geom": self.tr("Geometry")}.get(
                row.field
            ) or field_title(self.layer, row.field)
            item = QTableWidgetItem(title)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(index, 0, item)
        theirs_text = self.tr("Theirs (server)")
        mine_text = self.tr("Mine")
        self.legend.setText(
            f"<span style='color:{THEIRS_COLOUR.name()}'>■</span> {theirs_text}&nbsp;&nbsp; "
            f"<span style='color:{MINE_COLOUR.name()}'>■</span> {mine_text}"
        )
        self.keep_mine.setText(self.tr("Keep &mine"))
        self.keep_theirs.setText(self.tr("Keep &theirs"))
        self.edit_button.setText(self.tr("&Save edited values") if self.editing else self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Type the values to keep in the Result column"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.table.resizeRowsToContents()  # wrapped texts need the final column widths

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.table.resizeRowsToContents()
        super().changeEvent(event)
