"""The attribute table's Qt model: a view over the store, never a copy of the layer.

The model holds the ordered fids that pass the filters (a numpy array) and an LRU cache of a few row
blocks, fetched by fid when the view paints them (``store.query.fetch_rows``: attributes only, no
geometry). Re-sorting or filtering a big layer (more than ``SYNC_LIMIT`` rows) runs on a worker thread
with its own read-only connection; the old order stays on screen until the new one is swapped in, and a
result that a newer query has overtaken is dropped (napari's slicer does the same).

In the window the model is given the window's reader threads (``set_readers``, ``ui.sharing.readers``):
then it never reads on the UI thread at all. A re-query (an edit, another program's save) counts,
orders and fetches the row blocks on screen on a reader, and swaps them in together, so the rows shown
stay until the new ones are there; a block scrolled into view arrives a moment later (empty rows until
then). Another program holding the store's lock for seconds then delays the table, never the window.

Values are shown as a person reads them: vocabulary labels in the UI language, numbers and dates in its
locale. The model reads ``current_language()`` when it draws; ``retranslate()`` tells the view.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from baytak_desktop.layers import Field, FieldType, LayerSchema
from baytak_desktop.layers.values import yes_no
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.lockwait import is_busy_error
from baytak_desktop.store.query import Equals, TableQuery
from baytak_desktop.ui.i18n import LOCALES, current_language, field_title
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.readers import Readers

BLOCK_ROWS = 256
MAX_BLOCKS = 16  # at most 4,096 rows in memory, whatever the size of the layer
BUSY_RETRY_MS = 200  # another program is committing: read again this much later
SYNC_LIMIT = 20_000  # above this many rows a sort or filter runs on a worker thread
_NUMERIC = (FieldType.INTEGER, FieldType.REAL)
HIGHLIGHT = QColor(255, 214, 10, 110)  # the map's selection yellow, translucent
PENDING = QColor("#f77f00")  # edited, not yet synced: the orange of the map's rings (ui.edit.pending)
Index = QModelIndex | QPersistentModelIndex


# -- how values read ---------------------------------------------------------------------------------
@functools.cache
def locale_for(lang: str) -> QLocale:
    """The QLocale of a UI language (cached: data() asks for it for every cell painted)."""
    return QLocale(LOCALES.get(lang, "en_GB"))


def date_format(locale: QLocale) -> str:
    """The locale's short date with a four-digit year: a court reads 05.06.2024, not 05.06.24."""
    pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return pattern if "yyyy" in pattern else pattern.replace("yy", "yyyy")


def display_value(field: Field, value: Any, lang: str) -> str:
    """``value`` of ``field`` as text in ``lang``: label, locale number or date; raw if it cannot be."""
    if value is None:
        return ""
    if field.vocabulary is not None:
        return field.vocabulary.label(str(value), lang)
    if field.type is FieldType.BOOLEAN:
        return yes_no(value, lang)
    locale = locale_for(lang)
    if field.type is FieldType.INTEGER and isinstance(value, int):
        return locale.toString(value)
    if field.type is FieldType.REAL and isinstance(value, (int, float)):
        shortest = QLocale.FloatingPointPrecisionOption.FloatingPointShortest
        return locale.toString(float(round(value, 3)), "f", shortest)
    if field.type is FieldType.DATE:
        date = QDate.fromString(str(value)[:10], Qt.DateFormat.ISODate)
        return locale.toString(date, date_format(locale)) if date.isValid() else str(value)
    if field.type is FieldType.DATETIME:
        return _datetime_text(str(value), locale)
    return str(value).replace("\n", " ")


def _datetime_text(value: str, locale: QLocale) -> str:
    moment = QDateTime.fromString(value, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(value, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return value
    pattern = date_format(locale) + " " + locale.timeFormat(QLocale.FormatType.ShortFormat)
    return locale.toString(moment.toLocalTime(), pattern)


# -- the worker ----------------------------------------------------------------------------------------
class _Relay(QObject):
    """Lives on the UI thread, so what the worker emits arrives there (queued)."""

    sigDone = Signal(int, object)  # generation, fids
    sigFailed = Signal(int, str)


class _QueryTask(QRunnable):
    """Runs ``ordered_fids`` on its own read-only store: SQLite connections stay in their thread."""

    def __init__(self, path: Path, table_query: TableQuery, generation: int, relay: _Relay) -> None:
        super().__init__()
        self.path, self.query, self.generation, self.relay = path, table_query, generation, relay

    def run(self) -> None:
        try:
            with Store.open(self.path, readonly=True) as store:
                fids = store.ordered_fids(self.query)
        except Exception as exc:  # reported to the UI thread, never lost in the worker
            self.relay.sigFailed.emit(self.generation, message_of(exc))
            return
        self.relay.sigDone.emit(self.generation, fids)


# -- the model -----------------------------------------------------------------------------------------
class AttributeTableModel(QAbstractTableModel):
    """Rows are the features of one layer in the current order; columns are the schema's fields.

    ``sigQueryStarted`` and ``sigQueryFinished`` bracket every re-query (synchronous or not), so a
    widget can show that it is busy and re-apply the selection after the rows were swapped in.
    """

    sigQueryStarted = Signal()
    sigQueryFinished = Signal()
    sigQueryFailed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.sigDone.connect(self._on_done)
        self._relay.sigFailed.connect(self._on_failed)
        self.sync_limit = SYNC_LIMIT
        self._store: Store | None = None
        self._schema: LayerSchema | None = None
        self._query: TableQuery | None = None
        self._fids = np.empty(0, dtype=np.int64)
        self._blocks: OrderedDict[int, list[tuple[Any, ...] | None]] = OrderedDict()
        self._highlighted: frozenset[int] = frozenset()  # fids of the shared selection, painted by the model
        self._highlight_mask = np.zeros(0, dtype=bool)
        self._pending: frozenset[int] = frozenset()  # fids edited but not yet synced: marked in column 0
        self._generation = 0
        self._total = 0
        self.busy = False
        self.blocks_fetched = 0  # how many block queries ran: the tests check that the model is lazy
        self._readers: Readers | None = None  # the window's reader threads: no read on the UI thread then
        self._asked: set[int] = set()  # blocks asked of the readers for the current fids
        self._version = 0  # which fids are shown: a block read for an older order is dropped

    def set_readers(self, readers: Readers | None) -> None:
        """Read through ``readers`` from now on (the window's): the UI thread never waits on the store."""
        self._readers = readers

    def readers(self) -> Readers | None:
        """The window's reader threads, when given: the table's other reads (the value filter) go there too."""
        return self._readers

    # -- source and query ----------------------------------------------------------------------------
    def set_source(self, store: Store | None, layer: str | None) -> None:
        """Show ``layer`` of ``store`` in storage order, unfiltered (None empties the table)."""
        self._store = store
        self._schema = store.catalog.layer(layer) if store is not None and layer else None
        self._query = TableQuery(self._schema.name) if self._schema else None
        self.beginResetModel()
        self._fids = np.empty(0, dtype=np.int64)
        self._blocks.clear()
        self.endResetModel()
        self.refresh()

    def set_schema(self, schema: LayerSchema) -> None:
        """The layer shown gained fields or codes (a sync applied a published revision): the columns
        follow; the order, the filters and the rows stay (the rows are read again with the new columns:
        blocks and a query still on their way, read with the old ones, are dropped; ``refresh`` follows)."""
        if self._schema is None or schema.name != self._schema.name or schema == self._schema:
            return
        self.beginResetModel()
        self._schema = schema
        self._blocks.clear()
        self._asked.clear()
        self._version += 1
        self._generation += 1
        self.endResetModel()

    def refresh(self) -> None:
        """Count and query again: after an edit, an import or a sync changed the layer. While another
        program commits (the window's reads wait only briefly for it), try again a moment later."""
        if self._readers is not None:
            self._run()
            return
        try:
            self._total = self._store.count(self._schema.name) if self._store is not None and self._schema else 0
            self._run()
        except DatabaseError as exc:
            if not is_busy_error(exc):
                raise
            self.busy = False
            QTimer.singleShot(BUSY_RETRY_MS, self.refresh)

    def set_filters(self, text: str = "", equals: Equals = ()) -> None:
        if self._query is not None:
            self._query = _replace(self._query, text=text, equals=tuple(equals))
            self._run()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Called by the view when a header is clicked; column -1 is storage order."""
        if self._query is None or self._schema is None:
            return
        field = self._schema.fields[column].name if 0 <= column < len(self._schema.fields) else None
        self._query = _replace(self._query, sort_field=field, descending=order == Qt.SortOrder.DescendingOrder)
        self._run()

    def _run(self) -> None:
        self._generation += 1
        if self._query is None or self._store is None:
            return
        current = _replace(self._query, lang=current_language())
        self.busy = True
        self.sigQueryStarted.emit()
        if self._readers is not None:
            shown = sorted(self._blocks) or [0]  # the blocks on screen come with the new order
            generation = self._generation
            self._readers.read(
                "table",
                functools.partial(_requery, current, shown),
                lambda found: self._on_requeried(generation, found),
                lambda error: self._on_failed(generation, message_of(error)),
            )
        elif self._total <= self.sync_limit:
            self._swap(self._store.ordered_fids(current))
        else:
            self._pool.start(_QueryTask(Path(self._store.path), current, self._generation, self._relay))

    def _on_requeried(self, generation: int, found: tuple[int, np.ndarray, dict[int, list[Any]]]) -> None:
        if generation != self._generation:
            return
        self._total, fids, blocks = found
        self._swap(fids, blocks)

    def _on_done(self, generation: int, fids: np.ndarray) -> None:
        if generation == self._generation:  # else a newer query is on its way: drop this one
            self._swap(fids)

    def _on_failed(self, generation: int, message: str) -> None:
        if generation == self._generation:
            self.busy = False
            self.sigQueryFailed.emit(message)

    def _swap(self, fids: np.ndarray, blocks: dict[int, list[Any]] | None = None) -> None:
        self.beginResetModel()
        self._fids = fids
        self._highlight_mask = self._mask(self._highlighted)
        self._blocks.clear()
        self._blocks.update(blocks or {})
        self._asked.clear()
        self._version += 1
        self.endResetModel()
        self.busy = False
        self.sigQueryFinished.emit()

    def wait(self) -> None:
        """Block until the worker is idle (for closing the store, and for tests)."""
        self._pool.waitForDone()

    # -- what the widget asks ------------------------------------------------------------------------
    def layer(self) -> str | None:
        return self._schema.name if self._schema else None

    def schema(self) -> LayerSchema | None:
        return self._schema

    def current_query(self) -> TableQuery | None:
        return self._query

    def total(self) -> int:
        return self._total

    def fids(self) -> np.ndarray:
        """The shown fids in display order (read-only view)."""
        view = self._fids.view()
        view.flags.writeable = False
        return view

    def fid_at(self, row: int) -> int:
        return int(self._fids[row])

    def set_highlighted(self, fids: frozenset[int]) -> np.ndarray:
        """Paint the rows of ``fids`` as selected (whatever the view's own selection); returns their rows.

        A map selection of thousands of scattered features is too many ranges for QItemSelectionModel
        (its cost grows with the square of the ranges), so the model shows it; the view's selection
        mirrors it only when that is cheap.
        """
        self._highlighted = frozenset(fids)
        self._highlight_mask = self._mask(self._highlighted)
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, self.columnCount() - 1),
                [Qt.ItemDataRole.BackgroundRole],
            )
        return np.flatnonzero(self._highlight_mask)

    def set_pending(self, fids: frozenset[int]) -> None:
        """Mark the rows of ``fids`` as edited but not yet synced (a dot and a tooltip in the first column)."""
        if fids is self._pending:  # the tracker's own set, unchanged: not compared again, 100,000 fids each time
            return
        if frozenset(fids) != self._pending:
            self._pending = frozenset(fids)
            if self.rowCount():
                self.dataChanged.emit(
                    self.index(0, 0),
                    self.index(self.rowCount() - 1, 0),
                    [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole],
                )

    def is_pending(self, row: int) -> bool:
        return bool(self._pending) and int(self._fids[row]) in self._pending

    def _mask(self, fids: frozenset[int]) -> np.ndarray:
        if not fids:
            return np.zeros(len(self._fids), dtype=bool)
        return np.isin(self._fids, np.fromiter(fids, dtype=np.int64, count=len(fids)))

    def cached_rows(self) -> int:
        return sum(len(block) for block in self._blocks.values())

    def retranslate(self) -> None:
        """The language changed: labels and formats change; re-query if the order or filter depends on it."""
        if self._schema is None or self._query is None:
            return
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        sort = self._query.sort_field
        if self._query.text.strip() or (sort and self._schema.field(sort).vocabulary is not None):
            self._run()
        elif self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # -- QAbstractTableModel ----------------------------------------------------------------------------
    def rowCount(self, parent: Index | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self._fids)

    def columnCount(self, parent: Index | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return 0 if self._schema is None else len(self._schema.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or self._schema is None:
            return None
        if not 0 <= section < len(self._schema.fields):
            return None
        field = self._schema.fields[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return field_title(self._schema.name, field.name)
        if role == Qt.ItemDataRole.ToolTipRole:
            return field.name
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self._schema is None:
            return None
        field = self._schema.fields[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if field.type in _NUMERIC else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return HIGHLIGHT if self._highlight_mask[index.row()] else None
        if (
            index.column() == 0
            and role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole)
            and self.is_pending(index.row())
        ):
            return PENDING if role == Qt.ItemDataRole.DecorationRole else self.tr("Edited, not yet synced")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.UserRole):
            return None
        row = self._row(index.row())
        if row is None:  # deleted since the query: an empty row until the next refresh
            return None
        value = row[2 + index.column()]
        if role == Qt.ItemDataRole.UserRole:
            return value
        text = display_value(field, value, current_language())
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(value) if field.type is FieldType.TEXT and field.vocabulary is None and value else None
        return text

    def sample_texts(self, rows: int) -> list[list[str]]:
        """Each column's display texts in the first ``rows`` rows (as ``data`` shows them; a block not held
        is asked as for ``data``): what the table fits its column widths to, in one Python call."""
        if self._schema is None:
            return []
        fields, lang = self._schema.fields, current_language()
        columns: list[list[str]] = [[] for _ in fields]
        for number in range(min(rows, len(self._fids))):
            row = self._row(number)
            if row is None:  # deleted since the query, or its block on its way
                continue
            for column, field in enumerate(fields):
                columns[column].append(display_value(field, row[2 + column], lang))
        return columns

    def any_pending(self, rows: int) -> bool:
        """One of the first ``rows`` rows is an unsynced edit (it has the orange mark)."""
        return bool(self._pending) and any(int(fid) in self._pending for fid in self._fids[:rows])

    def _row(self, row: int) -> tuple[Any, ...] | None:
        """One row from the LRU block cache, fetching its block of fids on a miss."""
        number, offset = divmod(row, BLOCK_ROWS)
        block = self._blocks.get(number)
        if block is None:
            if self._store is None or self._schema is None:
                return None
            if self._readers is not None:
                self._ask_block(number)
                return None  # an empty row until its block arrives
            start = number * BLOCK_ROWS
            block = self._store.fetch_rows(self._schema.name, self._fids[start : start + BLOCK_ROWS])
            self.blocks_fetched += 1
            self._blocks[number] = block
            while len(self._blocks) > MAX_BLOCKS:
                self._blocks.popitem(last=False)
        else:
            self._blocks.move_to_end(number)
        return block[offset]

    def _ask_block(self, number: int) -> None:
        """Fetch a block on a reader; its rows are drawn again when it arrives (same order only)."""
        if number in self._asked or self._readers is None or self._schema is None:
            return
        self._asked.add(number)
        version, layer = self._version, self._schema.name
        fids = self._fids[number * BLOCK_ROWS : (number + 1) * BLOCK_ROWS].copy()
        self._readers.read(
            f"table-block-{number}",
            lambda store: store.fetch_rows(layer, fids),
            lambda block: self._block_arrived(version, number, block),
        )

    def _block_arrived(self, version: int, number: int, block: list[tuple[Any, ...] | None]) -> None:
        if version != self._version or number not in self._asked:  # the order changed meanwhile
            return
        self.blocks_fetched += 1
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._asked.discard(self._blocks.popitem(last=False)[0])
        first, last = number * BLOCK_ROWS, min(len(self._fids), (number + 1) * BLOCK_ROWS) - 1
        if last >= first and self.columnCount():
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))


def _requery(
    table_query: TableQuery, blocks: list[int], store: Store
) -> tuple[int, np.ndarray, dict[int, list[tuple[Any, ...] | None]]]:
    """On a reader: the layer's count, the new order, and the rows of the blocks that were on screen."""
    total = store.count(table_query.layer)
    fids = store.ordered_fids(table_query)
    rows = {}
    for number in blocks:
        chunk = fids[number * BLOCK_ROWS : (number + 1) * BLOCK_ROWS]
        if len(chunk):
            rows[number] = store.fetch_rows(table_query.layer, chunk)
    return total, fids, rows


def _replace(table_query: TableQuery, **changes: Any) -> TableQuery:
    from dataclasses import replace

    return replace(table_query, **changes)
