"""The centre of the window: the map, with the message bar laid over its top edge.

The bar used to sit above the map in a column, so every hint ("Click the corners…") that appeared or
went away resized the map, and a map fitted to Kazakhstan jumped to a new scale under the cursor. Laid
over the map, the bar comes and goes and the map stays exactly where it was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.window.message_bar import MessageBar


class MapArea(QWidget):
    """``canvas`` fills the area; ``bar`` floats over its top, as tall as its messages need."""

    def __init__(self, canvas: MapCanvas, bar: MessageBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas, self.bar = canvas, bar
        canvas.setParent(self)
        bar.setParent(self)
        bar.installEventFilter(self)  # its messages change its height: place it again
        bar.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.canvas.setGeometry(self.rect())
        self._place_bar()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar and event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Show):
            self._place_bar()
        return False

    def _place_bar(self) -> None:
        width = self.width()
        layout = self.bar.layout()
        height = layout.totalHeightForWidth(width) if layout is not None and layout.hasHeightForWidth() else 0
        self.bar.setGeometry(0, 0, width, max(height, self.bar.sizeHint().height()))
        self.bar.raise_()
