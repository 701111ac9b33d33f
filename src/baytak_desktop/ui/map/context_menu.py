"""The right-click menu of the map, and the same menu on a row of the attribute table.

A right click on the map (when no edit tool owns the clicks) picks the feature under the cursor and
announces it (``sigFeatureHit``: the window selects it and shows its details); on a table row the row's
feature is selected. The menu lists what the parts can do with one feature (``add_feature_action``:
the exhibits part adds "Evidence dossier…", disabled when the click hit nothing), then, on the map only,
actions on the whole map (``add_map_actions``: print it, export the web map). It is built on every click,
so it speaks the current language.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractScrollArea, QMenu, QWidget

from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.selection import SelectionModel

Hit = tuple[str, int]  # layer, fid


@dataclass(frozen=True)
class FeatureAction:
    """An entry of the menu that acts on the feature clicked: ``menu_action_<id>``."""

    id: str
    text: Callable[[], str]
    callback: Callable[[str, int], object]


class FeatureMenus(QObject):
    sigFeatureHit = Signal(str, int)  # layer, fid: the feature right-clicked on the map

    def __init__(self, canvas: MapCanvas, selection: SelectionModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas, self.selection, self.parent_widget = canvas, selection, parent
        self.feature_actions: list[FeatureAction] = []
        self.map_actions: list[QAction] = []
        self.last_menu: QMenu | None = None  # the menu shown last (tests look into it)
        self._watch(canvas, self.map_menu)

    def add_feature_action(self, action: FeatureAction) -> None:
        self.feature_actions.append(action)

    def add_map_actions(self, actions: list[QAction]) -> None:
        self.map_actions.extend(actions)

    def attach_table(self, view: QAbstractScrollArea, feature_at: Callable[[QPoint], Hit | None]) -> None:
        """The same menu on the rows of a table view; ``feature_at`` names the row's feature."""
        self._watch(view, lambda pos: self.table_menu(pos, feature_at))

    # -- the menus -------------------------------------------------------------------------------------
    def map_menu(self, pos: QPoint) -> QMenu | None:
        """The map's menu at viewport position ``pos``; the feature there is picked first."""
        if self.canvas.tool() is not None:  # an edit tool owns the clicks
            return None
        dpr = self.canvas.devicePixelRatioF()
        hit = self.canvas.layers.identify(self.canvas.current_view(), pos.x() * dpr, pos.y() * dpr)
        if hit is not None:
            self.sigFeatureHit.emit(*hit)
        menu = self._feature_menu(hit)
        menu.addSeparator()
        menu.addActions(self.map_actions)
        return menu

    def table_menu(self, pos: QPoint, feature_at: Callable[[QPoint], Hit | None]) -> QMenu | None:
        """A table's menu at viewport position ``pos`` (on a row; None elsewhere)."""
        hit = feature_at(pos)
        if hit is None:
            return None
        if hit[1] not in self.selection.selected(hit[0]):
            self.selection.select(hit[0], [hit[1]])
        return self._feature_menu(hit)

    def _feature_menu(self, hit: Hit | None) -> QMenu:
        menu = QMenu(self.parent_widget)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for feature_action in self.feature_actions:
            entry = menu.addAction(feature_action.text())
            entry.setObjectName(f"menu_action_{feature_action.id}")
            entry.setEnabled(hit is not None)
            if hit is not None:
                entry.triggered.connect(lambda checked=False, a=feature_action: a.callback(*hit))
        self.last_menu = menu
        return menu

    def _watch(self, widget: QAbstractScrollArea, make: Callable[[QPoint], QMenu | None]) -> None:
        widget.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        def requested(pos: QPoint) -> None:
            menu = make(pos)
            if menu is not None:
                menu.popup(widget.viewport().mapToGlobal(pos))

        widget.customContextMenuRequested.connect(requested)
