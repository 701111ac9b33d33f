"""History of the selected feature, from the server: every revision, who made it, when, what changed.

The server keeps every revision (``GET /api/v1/features/{layer}/{uuid}/history``); the local store
keeps only the latest, so the panel asks the server, on the worker, when it is shown and the
selection changes. An answer for a feature that is no longer selected is dropped.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from baytak_desktop.layers.schema import BOOKKEEPING
from baytak_desktop.sync.protocol import FeatureState
from baytak_desktop.ui.i18n import field_title, layer_title
from baytak_desktop.ui.sync.conflict_dialog import display_value

HIDDEN = set(BOOKKEEPING) | {"area_ha", "area_km2"}  # bookkeeping, and areas that follow the geometry


def differences(before: dict[str, Any] | None, after: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    """(field, old, new) for each field a revision changed; every set field for the first one."""
    before = before or {}
    return [
        (name, before.get(name), value)
        for name, value in after.items()
        if name not in HIDDEN and (before.get(name) != value) and not (not before and value is None)
    ]


class HistoryPanel(QWidget):
    sigRequest = Signal(str, str)  # layer, uuid: the window loads the history on the worker

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.feature: tuple[str, str] | None = None
        self.states: list[FeatureState] = []
        self.error = ""
        self.loading = False
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("history_tree")
        self.tree.setColumnCount(4)
        self.reload_button = QPushButton()
        self.reload_button.clicked.connect(self.reload)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    def set_feature(self, layer: str | None, uuid: str | None) -> None:
        """The selection changed; ask for its history if the panel is on screen."""
        feature = (layer, uuid) if layer and uuid else None
        if feature == self.feature:
            return
        self.feature, self.states, self.error = feature, [], ""
        self._fill()
        if feature is not None and self.isVisible():
            self.reload()

    def reload(self) -> None:
        if self.feature is not None:
            self.loading = True
            self.error = ""
            self._fill()
            self.sigRequest.emit(*self.feature)

    def show_history(self, layer: str, uuid: str, states: list[FeatureState]) -> None:
        if (layer, uuid) != self.feature:
            return  # the person moved on meanwhile
        self.states, self.loading, self.error = list(states), False, ""
        self._fill()

    def show_error(self, text: str) -> None:
        self.loading, self.error = False, text
        self._fill()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.feature is not None and not self.states and not self.loading:
            self.reload()

    def _fill(self) -> None:
        self.tree.clear()
        layer = self.feature[0] if self.feature else ""
        previous: dict[str, Any] | None = None
        for state in self.states:
            self.tree.insertTopLevelItem(0, self._revision(layer, state, previous))
            previous = None if state.deleted else state.fields
        newest = self.tree.topLevelItem(0)
        if newest is not None:
            newest.setExpanded(True)
        for column in range(4):
            self.tree.resizeColumnToContents(column)
        self.retranslate()

    def _revision(self, layer: str, state: FeatureState, previous: dict[str, Any] | None) -> QTreeWidgetItem:
        when = state.changed_at.astimezone().strftime("%Y-%m-%d %H:%M") if state.changed_at else ""
        if state.deleted:
            what = self.tr("deleted")
        elif previous is None:
            what = self.tr("created")
        else:
            what = self.tr("%n field(s) changed", "", len(differences(previous, state.fields)))
        item = QTreeWidgetItem([self.tr("Revision {rev}").format(rev=state.rev), state.changed_by or "", when, what])
        for name, old, new in [] if state.deleted else differences(previous, state.fields):
            title = self.tr("Geometry") if name == "geom" else field_title(layer, name)
            change = (
                display_value(layer, name, new)
                if previous is None
                else self.tr("{old} → {new}").format(
                    old=display_value(layer, name, old), new=display_value(layer, name, new)
                )
            )
            QTreeWidgetItem(item, [title, "", "", change])
        return item

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("Revision"), self.tr("Who"), self.tr("When"), self.tr("What changed")])
        for column in range(4):  # never narrower than its title ("Что изменилось" was cut in the 390 px panel)
            self.tree.resizeColumnToContents(column)
        self.reload_button.setText(self.tr("&Reload"))
        self.reload_button.setEnabled(self.feature is not None and not self.loading)
        if self.feature is None:
            self.title.setText(self.tr("Select a feature to see its history."))
        elif self.error:
            self.title.setText(self.error)
        elif self.loading:
            self.title.setText(self.tr("Reading the history from the server…"))
        else:
            self.title.setText(
                self.tr("{layer}: %n revision(s) on the server", "", len(self.states)).format(
                    layer=layer_title(self.feature[0])
                )
            )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            if self.error and self.feature is not None:
                self.reload()  # the reason is asked for again, in the new language
            else:
                self._fill()
        super().changeEvent(event)
