"""The layer panel: the six store layers, with visibility, order, opacity, counts, legends and styles.

The panel is a view of ``StylesModel``: the check boxes, the drag-and-drop order and the opacity
slider change the model; the model saves to the store and announces ``sigStylesChanged``; the list
redraws from it. The top of the list is drawn on top of the map. Zooming and the attribute table
belong to the window, so the panel only asks for them (``sigZoomToLayer``, ``sigOpenTable``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QDropEvent, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import Catalog, builtin_catalog
from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.layers.style import LayerStyle, Symbol, legend_entries
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.ui.i18n import current_language, field_title, format_number, layer_title
from baytak_desktop.ui.layers.controls import OpacityControl
from baytak_desktop.ui.layers.reference_panel import ReferencePanel
from baytak_desktop.ui.layers.style_dialog import StyleDialog
from baytak_desktop.ui.layers.style_model import StylesModel
from baytak_desktop.ui.paint.symbols import symbol_icon
from baytak_desktop.ui.sharing.readers import Readers

LAYER_ROLE = Qt.ItemDataRole.UserRole  # the layer name, on layer rows and their legend rows
ENTRIES_ROLE = Qt.ItemDataRole.UserRole + 1  # the legend entries a layer row shows, to skip equal redraws
# what a layer row's swatches were painted from (kind, symbols, shape, pixel ratio): a language switch
# changes the labels only, so the rows keep their swatches and get their new texts
SWATCHES_ROLE = Qt.ItemDataRole.UserRole + 2
ITEM_MIME = "application/x-qabstractitemmodeldatalist"  # what a tree drags its own rows as


class LayerTree(QTreeWidget):
    """Layer rows with their legend rows beneath; a drop only asks for a move (the model decides)."""

    sigMoveRequested = Signal(str, int)  # layer, new row (0 = top)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(2)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(False)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def layer_items(self) -> list[QTreeWidgetItem]:
        """The layer rows, top first (their legend rows hang beneath them)."""
        items = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def layer_item(self, layer: str) -> QTreeWidgetItem | None:
        return next((item for item in self.layer_items() if item.data(0, LAYER_ROLE) == layer), None)

    def layer_order(self) -> list[str]:
        return [str(item.data(0, LAYER_ROLE)) for item in self.layer_items()]

    def drop_row(self, position: QPoint, dragged: str) -> int:
        """Where a layer dropped at ``position`` goes, as a row of the list without it."""
        item = self.itemAt(position)
        if item is None:
            row = self.topLevelItemCount()
        else:
            top = item.parent() or item
            row = self.indexOfTopLevelItem(top)
            if item.parent() is not None or position.y() > self.visualItemRect(item).center().y():
                row += 1
        if row > self.layer_order().index(dragged):
            row -= 1
        return row

    def dropEvent(self, event: QDropEvent) -> None:
        dragged = self.currentItem()
        event.setDropAction(Qt.DropAction.IgnoreAction)  # the tree is rebuilt from the model, not moved
        event.accept()
        internal = event.source() in (self, None) and event.mimeData().hasFormat(ITEM_MIME)
        if dragged is None or not internal:  # a file or another widget's items: not a layer move
            return
        layer = (dragged.parent() or dragged).data(0, LAYER_ROLE)
        self.sigMoveRequested.emit(layer, self.drop_row(event.position().toPoint(), layer))


class LayerPanel(QWidget):
    sigStylesChanged = Signal(object)  # dict[str, LayerStyle], after every change (already saved)
    sigZoomToLayer = Signal(str)
    sigOpenTable = Signal(str)
    sigCurrentLayerChanged = Signal(str)
    sigProblem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._catalog: Catalog = builtin_catalog()  # its layers, read when it is shown or they change
        self._counts: dict[str, int | None] = {}
        self._readers: Readers | None = None  # the window's reader threads: counts never read on the UI thread
        self._current: str | None = None
        self._building = False
        self.style_dialog: StyleDialog | None = None  # the style being edited, while its dialog is open
        self.model = StylesModel(self)
        self.tree = LayerTree(self)
        self.opacity = OpacityControl(self.model, self)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #8a1c1c;")
        self.problem_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.opacity)
        self.reference = ReferencePanel(self)  # the OSM basemaps and images the store registers
        layout.addWidget(self.reference)
        layout.addWidget(self.problem_label)
        self._connect()
        self._sync(self.model.styles())
        self.retranslate()

    def _connect(self) -> None:
        self.model.sigStylesChanged.connect(self._sync)
        self.model.sigStylesChanged.connect(self.sigStylesChanged)
        self.model.sigProblem.connect(self._show_problem)
        self.tree.itemChanged.connect(self._item_changed)
        self.tree.currentItemChanged.connect(self._current_item_changed)
        self.tree.sigMoveRequested.connect(self.model.move)
        self.tree.customContextMenuRequested.connect(self._show_context_menu)
        self.tree.itemDoubleClicked.connect(lambda item, _: self.open_style_dialog(self._layer_of(item)))

    # -- public API --------------------------------------------------------------------------------
    def set_store(
        self,
        store: Store | None,
        catalog: Catalog | None = None,
        loaded: tuple[dict[str, LayerStyle], list[Exception]] | None = None,
    ) -> None:
        """Show ``store``'s layers with their saved styles and feature counts. ``catalog`` and ``loaded``
        (the styles and their problems): as read where the store was opened, off the UI thread; without
        them they are read here."""
        self._store = store
        if catalog is None:
            catalog = store.catalog if store is not None else builtin_catalog()
        self._catalog = catalog
        self.problem_label.hide()
        self._count_features()
        self.model.load(store, loaded)
        if self.style_dialog is not None:  # a sync brought fields or codes while the style was edited
            self.style_dialog.catalog_changed(self._catalog)
        first = self.tree.topLevelItem(0)
        if self._current is None and first is not None:
            self.tree.setCurrentItem(first)

    def styles(self) -> dict[str, LayerStyle]:
        return self.model.styles()

    def current_layer(self) -> str | None:
        return self._current

    def set_readers(self, readers: Readers | None) -> None:
        """Count on ``readers`` from now on (the window's): the counts shown stay until the new ones come."""
        self._readers = readers

    def refresh_counts(self) -> None:
        """Count the features again (after an import, an edit, a sync)."""
        self._count_features()
        self._show_counts()

    def _show_counts(self) -> None:
        for item in self.tree.layer_items():
            self._show_count(item)

    def open_style_dialog(self, layer: str | None) -> StyleDialog | None:
        """Open the style editor for ``layer``; OK applies and saves, Cancel changes nothing."""
        if layer is None:
            return None
        dialog = StyleDialog(self.model.style(layer), self._store, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.model.update(dialog.result_style()))
        self.style_dialog = dialog
        dialog.finished.connect(self._style_dialog_closed)
        dialog.open()
        return dialog

    def _style_dialog_closed(self) -> None:
        self.style_dialog = None

    def context_menu(self, layer: str) -> QMenu:
        """The actions on one layer (built fresh, so its texts are in the current language)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Zoom to layer"), lambda: self.sigZoomToLayer.emit(layer))
        menu.addAction(self.tr("Style…"), lambda: self.open_style_dialog(layer))
        menu.addMenu(self._labels_menu(menu, layer))
        menu.addSeparator()
        menu.addAction(self.tr("Open attribute table"), lambda: self.sigOpenTable.emit(layer))
        return menu

    # -- building the list -------------------------------------------------------------------------
    def catalog(self) -> Catalog:
        """The layers of the store shown (the built-in ones while none is), as read when it was shown
        (``set_store`` again when a sync changed them)."""
        return self._catalog

    def _count_features(self) -> None:
        layers = tuple(self.catalog())
        if self._readers is not None and self._store is not None:
            self._readers.read("layer-counts", lambda store: _counts(store, layers), self._counted, background=True)
            return
        self._counts = _counts(self._store, layers) if self._store is not None else dict.fromkeys(layers)

    def _counted(self, counts: dict[str, int | None]) -> None:
        self._counts = counts
        self._show_counts()

    def _sync(self, styles: dict[str, LayerStyle]) -> None:
        """Bring the list in line with ``styles``: rebuilt when the order changed, else updated in place."""
        order = sorted(styles, key=lambda name: (-styles[name].order, name))
        self._building = True
        try:
            if self.tree.layer_order() != order:
                self._rebuild(order)
            for item in self.tree.layer_items():
                self._show_layer(item, styles[str(item.data(0, LAYER_ROLE))])
        finally:
            self._building = False

    def _rebuild(self, order: list[str]) -> None:
        collapsed = {item.data(0, LAYER_ROLE) for item in self.tree.layer_items() if not item.isExpanded()}
        self.tree.clear()
        for layer in order:
            item = QTreeWidgetItem(self.tree)
            item.setData(0, LAYER_ROLE, layer)
            item.setFlags(
                Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsUserCheckable
                | Qt.ItemFlag.ItemIsDragEnabled
            )
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setExpanded(layer not in collapsed)
        current = self.tree.layer_item(self._current) if self._current is not None else None
        if current is not None:
            self.tree.setCurrentItem(current)

    def _show_layer(self, item: QTreeWidgetItem, style: LayerStyle) -> None:
        item.setText(0, layer_title(style.layer))
        item.setCheckState(0, Qt.CheckState.Checked if style.visible else Qt.CheckState.Unchecked)
        self._show_count(item)
        catalog = self.catalog()
        entries = legend_entries(style, current_language(), layer_title(style.layer), catalog)
        if item.data(0, ENTRIES_ROLE) == repr(entries):
            return
        item.setData(0, ENTRIES_ROLE, repr(entries))
        schema = catalog.get(style.layer)
        shape = schema.shape if schema is not None else "point"
        ratio = self.devicePixelRatioF()
        categorized = style.kind == "categorized"
        swatches = repr((style.kind, [symbol for _, symbol in entries] if categorized else style.symbol, shape, ratio))
        if item.data(0, SWATCHES_ROLE) == swatches and item.childCount() == (len(entries) if categorized else 0):
            self._relabel(item, entries)  # the same swatches: painted again, most of 20 ms a switch
            return
        item.setData(0, SWATCHES_ROLE, swatches)
        item.takeChildren()
        if style.kind == "categorized":
            item.setIcon(0, QIcon())  # the swatches are on the legend rows
            for label, symbol in entries:
                child = QTreeWidgetItem(item, [label])
                child.setData(0, LAYER_ROLE, style.layer)
                child.setIcon(0, symbol_icon(symbol, shape, ratio))
                child.setFlags(Qt.ItemFlag.ItemIsEnabled)
                child.setToolTip(0, label)
        else:
            item.setIcon(0, symbol_icon(style.symbol, shape, ratio))

    @staticmethod
    def _relabel(item: QTreeWidgetItem, entries: list[tuple[str, Symbol]]) -> None:
        """A categorized layer's legend rows get their labels in the new language (a single symbol has none)."""
        for index, (label, _symbol) in enumerate(entries[: item.childCount()]):
            child = item.child(index)
            if child is not None:
                child.setText(0, label)
                child.setToolTip(0, label)

    def _show_count(self, item: QTreeWidgetItem) -> None:
        layer = item.data(0, LAYER_ROLE)
        count = self._counts.get(layer)
        item.setText(1, format_number(count) if count is not None else "")
        title = layer_title(layer)
        item.setToolTip(0, title if count is None else self.tr("%n feature(s)", "", count) + f" — {title}")
        item.setToolTip(1, item.toolTip(0))

    def _labels_menu(self, parent: QMenu, layer: str) -> QMenu:
        menu = QMenu(self.tr("Labels"), parent)
        group = QActionGroup(menu)
        current = self.model.style(layer).label_field
        fields = [f.name for f in self.catalog().layer(layer).fields if f.name not in BOOKKEEPING]
        for name in [None, *fields]:
            action = QAction(self.tr("No labels") if name is None else field_title(layer, name), menu)
            action.setCheckable(True)
            action.setChecked(name == current)
            action.setData(name)
            action.triggered.connect(lambda _=False, field=name: self.model.set_label_field(layer, field))
            group.addAction(action)
            menu.addAction(action)
        return menu

    # -- reacting to the user ----------------------------------------------------------------------
    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._building or item.parent() is not None or column != 0:
            return
        self.model.set_visible(item.data(0, LAYER_ROLE), item.checkState(0) == Qt.CheckState.Checked)

    def _current_item_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        layer = self._layer_of(item)
        if layer is None or layer == self._current or layer not in self.model.styles():
            return  # (a row of the list being rebuilt for a store with other layers)
        self._current = layer
        self.opacity.set_layer(layer)
        self.sigCurrentLayerChanged.emit(layer)

    def _layer_of(self, item: QTreeWidgetItem | None) -> str | None:
        return None if item is None else item.data(0, LAYER_ROLE)

    def _show_context_menu(self, position: QPoint) -> None:
        layer = self._layer_of(self.tree.itemAt(position))
        if layer is not None:
            self.context_menu(layer).exec(self.tree.viewport().mapToGlobal(position))

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.show()
        self.sigProblem.emit(text)

    # -- language ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.tree.setToolTip(
            self.tr(
                "Tick to show a layer; drag to change which is drawn on top; "
                "right-click for style, labels and the attribute table"
            )
        )
        self._sync(self.model.styles())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _counts(store: Store, layers: tuple[str, ...]) -> dict[str, int | None]:
    """Each layer's feature count; None for a broken layer (the window's message bar says why)."""
    counts: dict[str, int | None] = {}
    for layer in layers:
        try:
            counts[layer] = store.count(layer)
        except (DatabaseError, BaytakError):
            counts[layer] = None
    return counts
