"""The Branch review dock: what others created or changed in the branch since a date, for coordinators,
and the person's own reports that were sent back.

The rules live in ``store.review`` (the text of review marks in ``notes``, who may review, the
queries), so the CLI and the server read the same marks; this dock lists them and asks for a review,
which the window saves as an ordinary, undoable edit (``sigReview``) and syncs.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.store import Store
from baytak_desktop.store.review import Reviewed, changed_by_others, may_review, returned_to, review_edit
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.ui.ask import ask_text
from baytak_desktop.ui.i18n import layer_title
from baytak_desktop.ui.sharing.readers import Readers
from baytak_desktop.ui.sync.conflicts_panel import short_time


class ReviewPanel(QWidget):
    sigZoomTo = Signal(str, object)  # layer, [fid]
    sigReview = Signal(str, str, object)  # layer, uuid, field values to save (one undoable edit, then a sync)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.account: Credentials | None = None
        self.readers: Readers | None = None  # the window's reader threads: the marks are read there
        # what ``_show`` last listed: the store and account it was read for, the changes, those returned
        self._read: tuple[Store | None, Credentials | None, list[Reviewed], list[Reviewed]] | None = None
        self.since = QDateEdit(QDate.currentDate().addDays(-7))
        self.since.setObjectName("review_since")
        self.since.setCalendarPopup(True)
        self.since.dateChanged.connect(lambda date: self.refresh())
        self.since_label = QLabel()
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.tree = self._tree("review_tree")
        self.tree.currentItemChanged.connect(lambda *args: self._enable())
        self.tree.itemDoubleClicked.connect(lambda item, column: self.zoom_current())
        self.zoom_button, self.verify_button, self.reject_button = QPushButton(), QPushButton(), QPushButton()
        self.zoom_button.clicked.connect(self.zoom_current)
        self.verify_button.clicked.connect(self.verify_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.returned_label = QLabel()
        self.returned = self._tree("returned_tree")
        self.returned.itemDoubleClicked.connect(lambda item, column: self._zoom(item))
        top = QHBoxLayout()
        top.addWidget(self.since_label)
        top.addWidget(self.since)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.zoom_button, self.verify_button, self.reject_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.returned_label)
        layout.addWidget(self.returned, 1)
        self.retranslate()

    def _tree(self, name: str) -> QTreeWidget:
        tree = QTreeWidget()
        tree.setObjectName(name)
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        return tree

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.refresh()

    def set_account(self, account: Credentials | None) -> None:
        self.account = account
        self.refresh()

    def is_reviewer(self) -> bool:
        return self.account is not None and may_review(self.account.role)

    def refresh(self) -> None:
        """List the marks again. In the window they are read on a reader thread (every edit of a layer
        asks for this: the UI thread must not wait on the database), the lists shown stay until then."""
        store, account = self.store, self.account
        if store is None or account is None:
            self._show([], [])
            return
        me, branch, reviewer = account.username, account.branch, self.is_reviewer()
        chosen = self.since.date()
        since = dt.date(chosen.year(), chosen.month(), chosen.day())

        def read(reading: Store) -> tuple[list[Reviewed], list[Reviewed]]:
            return changed_by_others(reading, me, branch, since) if reviewer else [], returned_to(reading, me)

        def landed(found: tuple[list[Reviewed], list[Reviewed]]) -> None:
            if self.store is store:  # not another store's
                self._show(*found)

        if self.readers is not None and self.readers.path() == store.path:
            self.readers.read("review-panel", read, landed)
        else:  # a bare store with no reader threads (a test's)
            self._show(*read(store))

    def _show(self, changed: list[Reviewed], returned: list[Reviewed]) -> None:
        self._read = (self.store, self.account, changed, returned)
        self.tree.clear()
        self.returned.clear()
        for found in changed:
            self.tree.addTopLevelItem(self._item(found, found.changed_by))
        for found in returned:
            self.returned.addTopLevelItem(self._item(found, found.reviewer or ""))
        for tree in (self.tree, self.returned):
            for column in range(tree.columnCount()):
                tree.resizeColumnToContents(column)
        self.retranslate()
        self._enable()

    def _item(self, found: Reviewed, who: str) -> QTreeWidgetItem:
        state = {"verified": self.tr("verified"), "rejected": self.tr("rejected")}.get(found.state or "", "")
        detail = found.reason if found.state == "rejected" else ""
        item = QTreeWidgetItem([layer_title(found.layer), found.name, who, short_time(found.changed_at), state, detail])
        item.setData(0, Qt.ItemDataRole.UserRole, found)
        return item

    # -- actions -----------------------------------------------------------------------------------------
    def current(self) -> Reviewed | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def zoom_current(self) -> None:
        self._zoom(self.tree.currentItem())

    def _zoom(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            found: Reviewed = item.data(0, Qt.ItemDataRole.UserRole)
            self.sigZoomTo.emit(found.layer, [found.fid])

    def verify_current(self) -> None:
        self._review("verified", "")

    def reject_current(self, reason: str | None = None) -> None:
        """Reject with ``reason`` (asked for when not given); a rejection without a reason is not sent."""
        if self.current() is None:
            return
        if reason is None:
            reason, ok = ask_text(
                self, self.tr("Reject the report"), self.tr("Why? The reporter reads this after their next sync:")
            )
            if not ok:
                return
        if reason.strip():
            self._review("rejected", reason)

    def _review(self, state: str, reason: str) -> None:
        found = self.current()
        if found is None or self.store is None or self.account is None:
            return
        values = review_edit(self.store, found.layer, found.uuid, state, self.account.username, reason)
        self.sigReview.emit(found.layer, found.uuid, values)

    def _enable(self) -> None:
        chosen = self.current() is not None and self.is_reviewer()
        for button in (self.zoom_button, self.verify_button, self.reject_button):
            button.setEnabled(chosen)
        self.tree.setVisible(self.is_reviewer())
        self.returned.setVisible(self.returned.topLevelItemCount() > 0)
        self.returned_label.setVisible(self.returned.topLevelItemCount() > 0)

    # -- texts -------------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.since_label.setText(self.tr("Changed since:"))
        if self.account is None:
            self.note.setText(self.tr("Sign in to review your branch."))
        elif not self.is_reviewer():
            self.note.setText(
                self.tr("Only coordinators review reports. Reports of yours that were sent back are listed below.")
            )
        else:
            self.note.setText(self.tr("%n feature(s) created or changed by others.", "", self.tree.topLevelItemCount()))
        headers = [
            self.tr("Layer"),
            self.tr("Feature"),
            self.tr("Who"),
            self.tr("When"),
            self.tr("Review"),
            self.tr("Reason"),
        ]
        self.tree.setHeaderLabels(headers)
        self.returned.setHeaderLabels(headers)
        self.returned_label.setText(self.tr("Returned to you: look at these reports again"))
        self.zoom_button.setText(self.tr("&Zoom to"))
        self.verify_button.setText(self.tr("Mark &verified"))
        self.reject_button.setText(self.tr("Re&ject…"))

    def _relabel(self) -> None:
        """The lists in the new language from what was read (the marks are the same in every language): a
        language switch reads nothing."""
        if self._read is not None and self._read[0] is self.store and self._read[1] is self.account:
            self._show(self._read[2], self._read[3])
        else:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._relabel()
        super().changeEvent(event)
