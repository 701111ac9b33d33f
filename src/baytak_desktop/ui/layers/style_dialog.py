"""The style editor of one layer: single symbol or categories by a field, labels, a live preview.

The dialog edits a copy; ``result_style()`` is the edited style, and the caller (the layer panel)
applies and saves it when the dialog is accepted, so Cancel changes nothing. OK is refused, with the
model's own message, while the style is not valid (e.g. categorized with no category).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QSignalBlocker
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, FieldType, builtin_catalog
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.layers.style import (
    PALETTE,
    LayerStyle,
    StyleError,
    category_for,
)
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import field_title, layer_title
from baytak_desktop.ui.layers.legend import LegendWidget
from baytak_desktop.ui.layers.style_widgets import CategoryTable, SymbolEditor
from baytak_desktop.ui.messages import message_of


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
        self.table = CategoryTable(self.schema.name, self.categories_box, line=self.schema.is_line)
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
        self.resize(920 if self.schema.is_line else 760, 460)  # a line's categories have a width and a pattern more

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
        self.table.set_categories(style.field, list(style.categories))
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
        base = self.symbol_editor.symbol(self.original.symbol)
        kept = {c.value: c for c in self.table.symbols(base)} if self.table.field == field else {}
        line = self.schema.is_line
        self.table.set_categories(
            field,
            [kept.get(v) or category_for(base, v, PALETTE[i % len(PALETTE)], line=line) for i, v in enumerate(values)],
        )
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
        categories = self.table.symbols(base)
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
