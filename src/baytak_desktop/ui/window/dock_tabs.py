"""A panel's full name on the tooltip of its tab.

The right-hand panels have short titles so that six tabs fit along the side of a 768 px screen in
Kazakh and Russian ("Тарих"); Qt gives a dock's tab its title as tooltip, so hovering said the same
short word again. The tooltip says the name View › Panels gives the panel ("Өзгерістер тарихы").
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QToolTip


class DockTabNames(QObject):
    """Answers the tooltip of each dock tab of ``window`` with the panel's full name."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def watch(self, bar: QTabBar) -> None:
        """A tab bar Qt made for docks tabbed together (installing twice keeps one filter)."""
        bar.installEventFilter(self)

    def full_name(self, bar: QTabBar, index: int) -> str | None:
        if index < 0:
            return None
        title = bar.tabText(index)
        for dock in self.window.findChildren(QDockWidget):
            if dock.windowTitle() == title:
                return dock.toggleViewAction().text()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QTabBar) and isinstance(event, QHelpEvent):
            name = self.full_name(watched, watched.tabAt(event.pos()))
            if name:
                QToolTip.showText(event.globalPos(), name, watched)
                return True
        return False
