"""The attribute table dock: a layer chooser, a filter bar, the table and its selection buttons.

The table shows one layer through ``AttributeTableModel`` (rows fetched from the store as they are
seen). Selection is shared with the map through ``SelectionModel``: rows selected here select those
features everywhere, and features selected elsewhere (a click on the map) are selected and scrolled to
here. The widget never tells the map anything directly; it emits ``sigZoomTo`` and the window decides.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.layers import Catalog, LayerSchema, builtin_catalog
from baytak_desktop.layers.values import coerce
from baytak_desktop.store import Store
from baytak_desktop.store.query import Equals
from baytak_desktop.ui.i18n import current_language, field_title, layer_title
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.table.model import AttributeTableModel, display_value, locale_for

SEARCH_DELAY_MS = 250  # wait for a pause in typing before querying
MAX_COLUMN_WIDTH = 320
MAX_FIELD_TITLE_PX = 180  # the field filter is at least as wide as its titles, up to this
# QItemSelectionModel slows with the square of its ranges (10,000 scattered rows: 0.4 s); past this many
# runs of rows a selection is shown by the model's highlight alone
MAX_VIEW_RUNS = 500
BLOCK_SAMPLE = 32  # rows sampled to fit column widths: part of one block, never a scan of the layer
_EMPTY = object()  # the value-filter item that means "the field is empty"


def row_runs(rows: np.ndarray, most: int | None = None) -> list[tuple[int, int]] | None:
    """Sorted row numbers as (first, last) runs of consecutive rows: one selection range each; None when
    there are more than ``most`` runs (a chart bar's 25,000 scattered rows: the list alone, made to be
    dropped, took 50-100 ms of the UI thread beside QGIS)."""
    if len(rows) == 0:
        return []
    breaks = np.flatnonzero(np.diff(rows) != 1)
    if most is not None and len(breaks) + 1 > most:
        return None
    starts = np.concatenate(([rows[0]], rows[breaks + 1]))
    ends = np.concatenate((rows[breaks], [rows[-1]]))
    return [(int(s), int(e)) for s, e in zip(starts, ends, strict=True)]


class AttributeTable(QWidget):
    sigZoomTo = Signal(str, object)  # layer, list of fids
    sigCurrentFeature = Signal(str, int)  # layer, fid of the row the user moved to (for the details dock)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._catalog: Catalog = builtin_catalog()  # its layers, read when it is shown or they change
        self._selection = SelectionModel(self)
        self._syncing = False  # True while the view's selection is set from the SelectionModel
        self._needs_fit = True  # fit the columns to the first rows of a newly chosen layer
        self._value_items: list[Any] = []
        self._values_for: tuple[str, str] | None = None  # (layer, field) whose values the list holds
        self._wanted_value: tuple[str, Any, str] | None = None  # set_value_filter's choice, while loading
        self.model = AttributeTableModel(self)
        self._build()
        self._connect()
        self._selection.sigChanged.connect(self._on_shared_selection)
        self.retranslate()

    # -- construction -----------------------------------------------------------------------------
    def _build(self) -> None:
        self.layer_combo = QComboBox()
        for name in builtin_catalog():
            self.layer_combo.addItem(name, name)
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.field_combo = QComboBox()
        self.value_combo = QComboBox()
        self.value_combo.setEditable(True)
        self.value_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.value_combo.setMinimumContentsLength(14)
        self.count_label = QLabel()
        self.count_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view = self._make_view()
        self.zoom_button = QPushButton()
        self.clear_button = QPushButton()
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        # Two rows: the search box says what it searches ("Атаулар, ескертпелер, мәртебелер бойынша
        # іздеу…", 335 px), which a 730 px dock at 1366x768 could not show beside three combo boxes.
        filters = QHBoxLayout()
        filters.addWidget(self.layer_combo)
        filters.addWidget(self.search_edit, 1)
        equals = QHBoxLayout()
        equals.addWidget(self.field_combo)
        equals.addWidget(self.value_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label, 1)
        buttons.addWidget(self.zoom_button)
        buttons.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addLayout(equals)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def _make_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.verticalHeader().setVisible(False)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.horizontalHeader().setResizeContentsPrecision(BLOCK_SAMPLE)
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        return view

    def _connect(self) -> None:
        self.layer_combo.currentIndexChanged.connect(self._on_layer_chosen)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_filters)
        self._search_timer.timeout.connect(self.apply_filters)
        self.field_combo.currentIndexChanged.connect(self._on_field_chosen)
        self.value_combo.activated.connect(self.apply_filters)
        self.value_edit().editingFinished.connect(self.apply_filters)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection)
        self.view.doubleClicked.connect(self._on_double_click)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.zoom_button.clicked.connect(self.zoom_to_selection)
        self.clear_button.clicked.connect(self.clear_selection)
        self.model.modelAboutToBeReset.connect(self._begin_reset)
        self.model.modelReset.connect(self._end_reset)
        self.model.sigQueryStarted.connect(self._update_count)
        self.model.sigQueryFinished.connect(self._update_count)
        self.model.sigQueryFailed.connect(self._show_failure)

    # -- public API -------------------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        """Show ``store`` (None: nothing); keeps the chosen layer."""
        self.model.wait()
        self._store = store
        self.catalog_changed()
        self._load_layer()

    def catalog(self) -> Catalog:
        """The layers of the store shown (the built-in ones while none is), as read when it was shown or
        its layers last changed."""
        return self._catalog

    def schema(self) -> LayerSchema:
        return self.catalog().layer(self.layer())

    def catalog_changed(self) -> None:
        """The store's layers changed (another store, a sync brought a layer or a field): list them all,
        the chosen layer kept; the fields of the layer shown are listed again."""
        self._catalog = self._store.catalog if self._store is not None else builtin_catalog()
        names = self.catalog().names
        if tuple(self.layer_combo.itemData(i) for i in range(self.layer_combo.count())) != names:
            current = self.layer_combo.currentData()
            self.layer_combo.blockSignals(True)
            self.layer_combo.clear()
            for name in names:
                self.layer_combo.addItem(layer_title(name), name)
            self.layer_combo.setCurrentIndex(max(0, self.layer_combo.findData(current)))
            self.layer_combo.blockSignals(False)
        shown = self.model.schema()
        if shown is not None and self._catalog.get(shown.name) not in (None, shown):
            self.model.set_schema(self._catalog.layer(shown.name))
            self._refill_fields()

    def _refill_fields(self) -> None:
        """The field filter lists the new fields too; the chosen field and the value typed stay."""
        value = self.value_combo.currentText()
        self._fill_fields()
        if value and self.field_combo.currentData() is not None:
            self.value_combo.setCurrentIndex(self.value_combo.findText(value))
            self.value_combo.setEditText(value)
        self._needs_fit = True

    def set_layer(self, name: str) -> None:
        index = self.layer_combo.findData(name)
        if index < 0:
            raise KeyError(name)
        if index == self.layer_combo.currentIndex():
            self._load_layer()
        else:
            self.layer_combo.setCurrentIndex(index)  # -> _on_layer_chosen -> _load_layer

    def layer(self) -> str:
        return str(self.layer_combo.currentData())

    def value_edit(self) -> QLineEdit:
        """The text part of the value filter (the list is editable: a value can be typed)."""
        edit = self.value_combo.lineEdit()
        assert edit is not None  # made editable in _build
        return edit

    def set_selection_model(self, selection: SelectionModel) -> None:
        """Share ``selection`` with the map and the details dock (replaces the widget's own)."""
        self._selection.sigChanged.disconnect(self._on_shared_selection)
        self._selection = selection
        selection.sigChanged.connect(self._on_shared_selection)
        self._show_selection(scroll=True)

    def selection_model(self) -> SelectionModel:
        return self._selection

    def refresh(self) -> None:
        """Re-read the layer (after an edit, import or sync), keeping filters, order and selection."""
        if self._store is not None:
            self.model.refresh()

    def layer_changed(self, layer: str) -> None:
        """The store says ``layer`` changed: re-read it if it is the one shown."""
        if layer == self.layer():
            self.refresh()

    def feature_at(self, pos: QPoint) -> tuple[str, int] | None:
        """(layer, fid) of the row at viewport position ``pos``, or None off the rows."""
        index = self.view.indexAt(pos)
        return (self.layer(), self.model.fid_at(index.row())) if index.isValid() else None

    def set_text_filter(self, text: str) -> None:
        self.search_edit.setText(text)
        self.apply_filters()

    def set_value_filter(self, field: str | None, value: Any = None) -> None:
        """Filter on ``field`` = ``value`` (a stored value or code; None: the field is empty).

        None as ``field`` removes the filter. The filter applies at once; the list shows the value chosen
        when its values have been read.
        """
        self._wanted_value = (field, value, "" if value is None else str(value)) if field else None
        self.field_combo.setCurrentIndex(max(0, self.field_combo.findData(field)) if field else 0)
        if field and self.values_loading():
            self.value_combo.setEditText(self._wanted_value[2] if self._wanted_value else "")
            self.apply_filters()
            return
        self._wanted_value = None
        if field:
            index = self._value_index(value)
            self.value_combo.setCurrentIndex(index)
            if index < 0:
                self.value_combo.setEditText(str(value))
        self.apply_filters()

    def apply_filters(self) -> None:
        """Query with the filter bar's text and field = value now (typing waits for a pause)."""
        self._search_timer.stop()
        equals = self._equals()
        if equals is not None:
            self.model.set_filters(self.search_edit.text(), equals)

    def zoom_to_selection(self) -> None:
        fids = sorted(self._selection.selected(self.layer()))
        if fids:
            self.sigZoomTo.emit(self.layer(), fids)

    def clear_selection(self) -> None:
        self._selection.select(self.layer(), [])

    # -- layers and filters -----------------------------------------------------------------------
    def _on_layer_chosen(self, index: int) -> None:
        self._load_layer()

    def _load_layer(self) -> None:
        self.search_edit.blockSignals(True)
        self.search_edit.clear()
        self.search_edit.blockSignals(False)
        self._fill_fields()
        header = self.view.horizontalHeader()
        header.blockSignals(True)  # the view would re-sort the old layer
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)
        self._needs_fit = True
        self.model.set_source(self._store, self.layer() if self._store is not None else None)

    def _fit_columns(self) -> None:
        """Widths from the titles and the first rows held (never a scan: part of one block), measured here
        in one Python call. Qt's own fit (``resizeColumnsToContents``) called the model's ``data`` for
        every cell and role, hundreds of calls from C++ into Python, each waiting for the GIL while the
        reader threads read the store just opened: the UI thread's longest blocks at reopening a store."""
        self._needs_fit = False
        header, view = self.view.horizontalHeader(), self.view
        metrics = view.fontMetrics()
        # the item delegate's padding (Qt's: the focus frame's margin and a pixel, each side), and a pixel
        # each side more: a width a pixel short of Qt's would elide the text
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 2)
        icon = view.iconSize().width() if view.iconSize().isValid() else metrics.height()
        mark = icon + margin if self.model.any_pending(BLOCK_SAMPLE) else 0  # the orange unsynced mark
        for column, texts in enumerate(self.model.sample_texts(BLOCK_SAMPLE)):
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0) + margin
            needed = max(header.sectionSizeHint(column), widest + (mark if column == 0 else 0))
            header.resizeSection(column, min(needed, MAX_COLUMN_WIDTH))

    def fit_headers(self) -> None:
        """Every column at least as wide as its title (up to the cap): titles change length with the
        language, and a Russian title in a column sized for the Kazakh one was cut off."""
        header = self.view.horizontalHeader()
        for column in range(self.model.columnCount()):
            needed = min(header.sectionSizeHint(column), MAX_COLUMN_WIDTH)
            if header.sectionSize(column) < needed:
                header.resizeSection(column, needed)

    def _fill_fields(self) -> None:
        current = self.field_combo.currentData()
        self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(self.tr("Any field"), None)
        for field in self.schema().fields:
            self.field_combo.addItem(field_title(self.layer(), field.name), field.name)
        self.field_combo.setCurrentIndex(max(0, self.field_combo.findData(current)) if current else 0)
        self.field_combo.blockSignals(False)
        self._fit_field_combo()
        self._fill_values()

    def _fit_field_combo(self) -> None:
        """The field filter never narrower than its titles (up to a cap): in a dock of 730 px at 1366 x 768
        the layout squeezed it to "Кез келг" / "Любое п", while the search box beside it can spare the room."""
        combo = self.field_combo
        metrics = combo.fontMetrics()
        widest = max((metrics.horizontalAdvance(combo.itemText(i)) for i in range(combo.count())), default=0)
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        size = combo.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox, option, QSize(min(widest, MAX_FIELD_TITLE_PX), metrics.height()), combo
        )
        combo.setMinimumWidth(size.width())

    def _on_field_chosen(self, index: int) -> None:
        self._fill_values()
        self.apply_filters()

    def _fill_values(self) -> None:
        """The values offered for the chosen field: the distinct values in the layer. In the window they
        are read on a reader thread: the list is greyed and says "Loading…" until they come, and values
        read for a field or layer no longer chosen are dropped."""
        field_name = self.field_combo.currentData()
        self.value_combo.clear()
        self._value_items = []
        self._values_for = None
        self.value_combo.setEnabled(field_name is not None and self._store is not None)
        if field_name is None or self._store is None:
            self.value_edit().setPlaceholderText(self.tr("Value"))
            return
        layer, readers = self.layer(), self.model.readers()
        if readers is None or readers.path() != self._store.path:
            self._show_values(layer, field_name, self._store.distinct_values(layer, field_name))
            return
        self.value_combo.setEnabled(False)
        self.value_edit().setPlaceholderText(self.tr("Loading…"))
        readers.read(
            "table-values",
            lambda store: store.distinct_values(layer, field_name),
            lambda values: self._show_values(layer, field_name, values),
            lambda error: self._show_values(layer, field_name, []),
        )

    def values_loading(self) -> bool:
        """The value filter's list is being read (greyed, "Loading…")."""
        return self.field_combo.currentData() is not None and self._values_for is None

    def _show_values(self, layer: str, field_name: str, values: list[Any]) -> None:
        if (layer, field_name) != (self.layer(), self.field_combo.currentData()):
            return  # another field or layer was chosen meanwhile: its own read fills the list
        typed = self.value_combo.currentText() if self._wanted_value is None else ""
        field = self.schema().field(field_name)
        lang = current_language()
        self.value_combo.clear()
        self._value_items = []
        for value in [*values, _EMPTY]:
            text = self.tr("(empty)") if value is _EMPTY else display_value(field, value, lang)
            self.value_combo.addItem(text)
            self._value_items.append(value)
        self._values_for = (layer, field_name)
        self.value_combo.setEnabled(True)
        self.value_edit().setPlaceholderText(self.tr("Value"))
        wanted, self._wanted_value = self._wanted_value, None
        if wanted is not None and wanted[0] == field_name:
            index = self._value_index(wanted[1])
            self.value_combo.setCurrentIndex(index)
            if index < 0:
                self.value_combo.setEditText(wanted[2])
        else:
            self.value_combo.setCurrentIndex(-1)
            if typed:
                self.value_combo.setEditText(typed)

    def _value_index(self, value: Any) -> int:
        wanted = _EMPTY if value is None else value
        return next((i for i, item in enumerate(self._value_items) if item is wanted or item == wanted), -1)

    def _equals(self) -> Equals | None:
        """The field = value filter from the bar: () when none, None when the typed value is invalid."""
        field_name = self.field_combo.currentData()
        text = self.value_combo.currentText().strip()
        if self._wanted_value is not None and self._wanted_value[0] == field_name:  # its list is still read
            return ((field_name, self._wanted_value[1]),)
        if field_name is None or not text:
            return ()
        index = self.value_combo.currentIndex()
        if 0 <= index < len(self._value_items) and self.value_combo.itemText(index) == text:
            value = self._value_items[index]
        else:
            try:
                value = coerce(self.schema().field(field_name), text)
            except ValueError as exc:
                self.count_label.setText(self.tr("Not a value of this field: {reason}").format(reason=exc))
                return None
        return ((field_name, None if value is _EMPTY else value),)

    # -- selection --------------------------------------------------------------------------------
    def _begin_reset(self) -> None:
        self._syncing = True  # the reset clears the view's selection: that is not the user's doing

    def _end_reset(self) -> None:
        self._syncing = False
        if self._needs_fit and self.model.rowCount():
            self._fit_columns()
        elif self._needs_fit:  # no rows (yet): the titles at least whole, not cut at both ends
            self.fit_headers()
        self._show_selection(scroll=True)

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        layer = self.model.layer()
        if layer is not None and current.isValid() and not self._syncing and current.row() != previous.row():
            self.sigCurrentFeature.emit(layer, self.model.fid_at(current.row()))

    def _on_view_selection(self, *args: object) -> None:
        layer = self.model.layer()
        if self._syncing or layer is None:
            return
        ranges = self.view.selectionModel().selection()
        rows = [np.arange(ranges.at(i).top(), ranges.at(i).bottom() + 1) for i in range(ranges.count())]
        fids = self.model.fids()[np.concatenate(rows)] if rows else np.empty(0, dtype=np.int64)
        self._syncing = True
        try:
            self._selection.select(layer, [int(f) for f in fids])
        finally:
            self._syncing = False
        self.model.set_highlighted(self._selection.selected(layer))
        self._update_buttons()

    def _on_shared_selection(self, layer: str) -> None:
        if layer == self.model.layer() and not self._syncing:
            self._show_selection(scroll=True)

    def _show_selection(self, scroll: bool) -> None:
        """Select (and scroll to) the rows of the shared selection's features of this layer."""
        layer = self.model.layer()
        rows = self.model.set_highlighted(self._selection.selected(layer) if layer else frozenset())
        runs = row_runs(rows, MAX_VIEW_RUNS)
        last_column = max(0, self.model.columnCount() - 1)
        selection = QItemSelection()
        for first, last in runs or []:  # too many runs (None): the model's highlight shows them
            selection.select(self.model.index(first, 0), self.model.index(last, last_column))
        self._syncing = True
        try:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.view.selectionModel().select(selection, flags)
        finally:
            self._syncing = False
        if scroll and len(rows):
            self.view.scrollTo(self.model.index(int(rows[0]), 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        self._update_buttons()

    def _on_double_click(self, index: QModelIndex) -> None:
        self.sigZoomTo.emit(self.model.layer(), [self.model.fid_at(index.row())])

    def _update_buttons(self) -> None:
        layer = self.model.layer()
        has_selection = bool(layer and self._selection.selected(layer))
        self.zoom_button.setEnabled(has_selection)
        self.clear_button.setEnabled(has_selection)

    # -- texts --------------------------------------------------------------------------------------
    def _update_count(self) -> None:
        if self.model.busy:
            self.count_label.setText(self.tr("Updating…"))
            return
        locale = locale_for(current_language())
        total, shown = self.model.total(), self.model.rowCount()
        query = self.model.current_query()
        if query is not None and query.filtered:
            text = self.tr("%1 of %n feature(s)", "", total)
            text = text.replace(str(total), locale.toString(total)).replace("%1", locale.toString(shown))
        else:
            text = self.tr("%n feature(s)", "", total).replace(str(total), locale.toString(total))
        self.count_label.setText(text)

    def _show_failure(self, message: str) -> None:
        self.count_label.setText(self.tr("The table could not be read: {message}").format(message=message))

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search names, notes, statuses…"))
        self.layer_combo.setToolTip(self.tr("Layer"))
        self.field_combo.setToolTip(self.tr("Filter by the value of a field"))
        self.value_edit().setPlaceholderText(self.tr("Loading…") if self.values_loading() else self.tr("Value"))
        self.zoom_button.setText(self.tr("Zoom to selection"))
        self.clear_button.setText(self.tr("Clear selection"))
        for index in range(self.layer_combo.count()):
            self.layer_combo.setItemText(index, layer_title(self.layer_combo.itemData(index)))
        self._retranslate_filters()
        self.model.retranslate()
        self.fit_headers()
        self._update_count()
        self._update_buttons()

    def _retranslate_filters(self) -> None:
        self.field_combo.setItemText(0, self.tr("Any field"))
        for index in range(1, self.field_combo.count()):
            self.field_combo.setItemText(index, field_title(self.layer(), self.field_combo.itemData(index)))
        self._fit_field_combo()
        field_name = self.field_combo.currentData()
        if field_name is not None:
            field, lang = self.schema().field(field_name), current_language()
            for index, value in enumerate(self._value_items):
                text = self.tr("(empty)") if value is _EMPTY else display_value(field, value, lang)
                self.value_combo.setItemText(index, text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.set_store(None)  # a closed table (a window of its own) must not query its store on a language change
        super().closeEvent(event)
