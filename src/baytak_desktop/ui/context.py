"""What a part of the window may use of it: the typed context the controllers get instead of the window.

The parts (``EditActions``, ``SyncActions``, ``ExhibitActions``) read the store shown, the shared
selection and the settings here, and ask here for their actions, docks, tool bar widgets and status
widgets to be put in place. They never reach into another part or into the window's widgets: what they
want of the others they announce with ``sig*`` signals, and only the window connects those. The window
(``ui.window.main_window.MainWindow``) is the one implementation; tests may pass a smaller one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from baytak_desktop.mapdata.reference import Look
from baytak_desktop.store import BBox, Store
from baytak_desktop.ui.actions import ActionRegistry, ActionSpec, MenuSpec, Text
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sharing.readers import Readers
from baytak_desktop.ui.store_signals import StoreSignals


class WindowContext(Protocol):
    settings: QSettings
    selection: SelectionModel  # the selected features, shared by the map, the table and every part
    store_signals: StoreSignals  # what changed in the store shown (edits, imports, syncs)
    registry: ActionRegistry  # where parts' actions, menus and tool bars go
    readers: Readers  # reads of the store shown for views, off the UI thread (ui.sharing.readers)

    def current_store(self) -> Store | None:
        """The store shown (the window owns it; a part never closes it)."""
        ...

    def dialog_parent(self) -> QMainWindow:
        """The parent of a part's dialogs, so they stay on top of the window."""
        ...

    def add_actions(self, specs: Iterable[ActionSpec | MenuSpec]) -> dict[str, QAction]:
        """Make a part's actions and submenus, in menus and tool bars; returns the actions by id."""
        ...

    def add_dock(
        self,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea,
        *,
        beside: str | None = None,
        title: Text | None = None,
        menu_title: Text | None = None,
        hidden: bool = True,
    ) -> QDockWidget:
        """``widget`` in a dock named ``name`` (saved layouts find it by name; a QDockWidget is used as it
        is), tabbed behind the dock ``beside`` unless the saved layout placed it, titled ``title()`` in the
        current language; its show/hide toggle goes to View > Panels, named ``menu_title()`` when the
        title is a short one for a tab."""
        ...

    def map_extent(self) -> BBox:
        """The lon/lat box the map shows."""
        ...

    def visible_layers(self) -> tuple[str, ...]:
        """The layers drawn on the map, bottom first."""
        ...

    def reference_looks(self) -> tuple[Look, ...]:
        """The basemaps and images the map draws, bottom first, with their opacity and brightness."""
        ...

    def add_status_widget(self, widget: QWidget) -> None:
        """A permanent widget at the right end of the status bar."""
        ...
