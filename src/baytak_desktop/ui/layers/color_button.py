"""A button that shows a colour and lets the user choose another one.

The colour is ``#rrggbb`` text, the form the style model keeps, so the dialog never converts back
and forth and never produces a colour the model would refuse.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QColorDialog, QToolButton, QWidget


class ColorButton(QToolButton):
    sigColorChanged = Signal(str)  # "#rrggbb"

    def __init__(self, color: str = "#000000", parent: QWidget | None = None, *, show_name: bool = True) -> None:
        super().__init__(parent)
        self._color = ""
        self._show_name = show_name
        self.setIconSize(QSize(28, 14))
        self.clicked.connect(self._choose)
        self.set_color(color)
        self.retranslate()

    def color(self) -> str:
        return self._color

    def set_color(self, color: str) -> None:
        """Show ``color``; emits sigColorChanged only when it is a different colour (binding skips equals)."""
        color = QColor(color).name()  # normalised lower-case #rrggbb
        if color == self._color:
            return
        self._color = color
        pixmap = QPixmap(self.iconSize())
        pixmap.fill(QColor(color))
        self.setIcon(QIcon(pixmap))
        if self._show_name:
            self.setText(color)
            self.setToolButtonStyle(self.toolButtonStyle().ToolButtonTextBesideIcon)
        self.sigColorChanged.emit(color)

    def _choose(self) -> None:
        chosen = QColorDialog.getColor(QColor(self._color), self, self.tr("Choose a colour"))
        if chosen.isValid():
            self.set_color(chosen.name())

    def retranslate(self) -> None:
        self.setToolTip(self.tr("Click to choose a colour"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
