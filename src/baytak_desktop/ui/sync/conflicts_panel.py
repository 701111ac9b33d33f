"""The Conflicts panel: every open sync conflict, and the edits the server refused.

It reads the store's own copies of the records (``sync.records``), so the list is there offline too,
and says why an edit was held in the window's language (``records.rejection_text``);
a sync refreshes it. Opening a row asks the window to show the resolution dialog for that feature
(``sigResolve``): the panel never talks to the server itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.store import Store
from baytak_desktop.sync import records, status
from baytak_desktop.ui.i18n import field_title, layer_title
from baytak_desktop.ui.messages import problem_text, translated
from baytak_desktop.ui.sharing.readers import Readers


def short_time(text: str | None) -> str:
    return (text or "")[:16].replace("T", " ")


Label = tuple[str, int | None]  # a feature's name and fid (``Store.label_of``)
Records = tuple[list[tuple[records.LocalConflict, Label]], list[tuple[dict[str, Any], Label]], int]


def read_records(store: Store, open_only: bool) -> Records:
    """The conflicts (open ones, or all), the refused edits, each with its feature's label, and the number
    of open conflicts (on a reader thread in the window)."""
    conflicts = status.conflicts(store, open_only=open_only)
    refusals = status.rejections(store)
    opened = sum(1 for c in conflicts if not c.resolved)
    return (
        [(record, store.label_of(record.layer, record.uuid)) for record in conflicts],
        [(refusal, store.label_of(refusal["layer"], refusal["uuid"])) for refusal in refusals],
        opened,
    )


class ConflictsPanel(QWidget):
    sigResolve = Signal(str, str)  # layer, uuid: open the resolution dialog for this feature
    sigZoomTo = Signal(str, object)  # layer, [fid]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.readers: Readers | None = None  # the window's reader threads: no read on the UI thread then
        self._open = 0  # open conflicts, as last read
        self._read: tuple[Store | None, Records] | None = None  # what ``_show`` last filled the panel from
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("conflicts_tree")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.itemDoubleClicked.connect(lambda item, column: self.resolve_current())
        self.tree.currentItemChanged.connect(lambda *args: self._enable())
        self.show_resolved = QCheckBox()
        self.show_resolved.toggled.connect(lambda checked: self.refresh())
        self.resolve_button = QPushButton()
        self.resolve_button.clicked.connect(self.resolve_current)
        self.zoom_button = QPushButton()
        self.zoom_button.clicked.connect(self.zoom_current)
        self.refused_label = QLabel()
        self.refused = QTreeWidget()
        self.refused.setObjectName("refused_tree")
        self.refused.setRootIsDecorated(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resolve_button)
        buttons.addWidget(self.zoom_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_resolved)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.refused_label)
        layout.addWidget(self.refused, 1)
        self.retranslate()
        self._enable()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.refresh()

    def set_readers(self, readers: Readers | None) -> None:
        """Read the records on ``readers`` from now on (the window's): the rows shown stay, greyed, until
        the new ones come."""
        self.readers = readers

    def open_count(self) -> int:
        """Open conflicts, as last read."""
        return self._open

    def loading(self) -> bool:
        return not self.tree.isEnabled()

    def refresh(self) -> None:
        """Read the records again (after a sync or a resolution)."""
        store, open_only = self.store, not self.show_resolved.isChecked()
        if store is not None and self.readers is not None and self.readers.path() == store.path:
            for tree in (self.tree, self.refused):
                tree.setEnabled(False)
            self.readers.read(
                "conflicts",
                lambda reading: read_records(reading, open_only),
                lambda found: self._show(store, found),
                lambda error: self._show(store, ([], [], 0)),
            )
            return
        self._show(store, read_records(store, open_only) if store is not None else ([], [], 0))

    def _show(self, store: Store | None, found: Records) -> None:
        if store is not self.store:
            return  # another store is shown: its own read fills the panel
        self._read = (store, found)
        conflicts, refusals, self._open = found
        self.tree.clear()
        self.refused.clear()
        for record, label in conflicts:
            self.tree.addTopLevelItem(self._conflict_item(record, label))
        for refusal, label in refusals:
            self.refused.addTopLevelItem(self._refused_item(refusal, label))
        for tree in (self.tree, self.refused):
            tree.setEnabled(True)
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
        self.retranslate()
        self._enable()

    def _conflict_item(self, record: records.LocalConflict, label: tuple[str, int | None]) -> QTreeWidgetItem:
        name, fid = label
        field = self.tr("whole feature") if record.field == "*" else field_title(record.layer, record.field)
        state = self.tr("resolved ({how})").format(how=self._resolution(record.resolution)) if record.resolved else ""
        item = QTreeWidgetItem(
            [layer_title(record.layer), name, field, record.author or "", short_time(record.created_at), state]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, (record.layer, record.uuid, fid, bool(record.resolved)))
        return item

    def _resolution(self, resolution: str | None) -> str:
        return {"mine": self.tr("mine kept"), "theirs": self.tr("theirs kept"), "edited": self.tr("edited")}.get(
            resolution or "", resolution or ""
        )

    def _refused_item(self, refusal: dict[str, Any], label: tuple[str, int | None]) -> QTreeWidgetItem:
        name, fid = label
        layer = refusal["layer"]  # its fields named by their titles in the reasons
        item = QTreeWidgetItem(
            [
                layer_title(refusal["layer"]),
                name,
                records.rejection_text(refusal, translated, lambda problem: problem_text(problem, layer=layer)),
                short_time(refusal["created_at"]),
            ]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, (refusal["layer"], refusal["uuid"], fid, True))
        return item

    # -- actions -----------------------------------------------------------------------------------------
    def _current(self) -> tuple[str, str, int | None, bool] | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def resolve_current(self) -> None:
        current = self._current()
        if current is not None and not current[3]:
            self.sigResolve.emit(current[0], current[1])

    def zoom_current(self) -> None:
        current = self._current()
        if current is not None and current[2] is not None:
            self.sigZoomTo.emit(current[0], [current[2]])

    def _enable(self) -> None:
        current = self._current()
        self.resolve_button.setEnabled(current is not None and not current[3])
        self.zoom_button.setEnabled(current is not None and current[2] is not None)
        self.refused_label.setVisible(self.refused.topLevelItemCount() > 0)
        self.refused.setVisible(self.refused.topLevelItemCount() > 0)

    # -- texts -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        count = self.open_count()
        self.summary.setText(
            self.tr("%n open conflict(s). Double-click one to settle it.", "", count)
            if count
            else self.tr("No open conflicts.")
        )
        self.tree.setHeaderLabels(
            [self.tr("Layer"), self.tr("Feature"), self.tr("Field"), self.tr("Who"), self.tr("When"), self.tr("State")]
        )
        self.refused.setHeaderLabels([self.tr("Layer"), self.tr("Feature"), self.tr("Why"), self.tr("When")])
        self.refused_label.setText(
            self.tr("Edits the server refused (they stay on this computer until you change them again):")
        )
        self.show_resolved.setText(self.tr("Show resolved"))
        self.resolve_button.setText(self.tr("&Resolve…"))
        self.zoom_button.setText(self.tr("&Zoom to"))

    def _relabel(self) -> None:
        """The rows in the new language from what was read (the features' labels are their names in the
        store, the same in every language): a language switch reads nothing."""
        if self._read is not None and self._read[0] is self.store:
            self._show(*self._read)
        else:
            self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._relabel()
        super().changeEvent(event)
