"""A non-modal bar above the map for problems that should not stop the user.

"Layer X cannot be read", "the offline basemap is missing", "this MBTiles file is empty": the app
opens anyway and shows the rest, and this bar says what is wrong and what to do. Each message has a
key so the same problem is shown once, and a close button.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

STYLES = {
    "warning": "background:#fff4ce; border:1px solid #e0c36a; color:#3d3000;",
    "error": "background:#fde7e9; border:1px solid #e3a0a6; color:#5c0b12;",
    "info": "background:#e5f1fb; border:1px solid #9cc3e6; color:#0b2f4d;",
}


class _Message(QFrame):
    sigClosed = Signal(str)

    def __init__(self, key: str, text: str, level: str) -> None:
        super().__init__()
        self.key = key
        self.setObjectName("message")
        self.setStyleSheet(f"QFrame#message {{{STYLES.get(level, STYLES['info'])} border-radius:3px;}}")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 3, 3, 3)
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(lambda: self.sigClosed.emit(self.key))
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)


class MessageBar(QWidget):
    """A stack of dismissable messages; hidden while empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(4, 4, 4, 0)
        self._layout.setSpacing(3)
        self._messages: dict[str, _Message] = {}
        self.setVisible(False)

    def show_message(self, text: str, level: str = "warning", key: str | None = None) -> None:
        """Show ``text``; a message with the same key replaces the earlier one."""
        key = key or text
        if key in self._messages:
            self._messages[key].label.setText(text)
            return
        message = _Message(key, text, level)
        message.sigClosed.connect(self.dismiss)
        self._messages[key] = message
        self._layout.addWidget(message)
        self.setVisible(True)

    def dismiss(self, key: str) -> None:
        message = self._messages.pop(key, None)
        if message is not None:
            message.setParent(None)
            message.deleteLater()
        self.setVisible(bool(self._messages))

    def clear(self) -> None:
        for key in list(self._messages):
            self.dismiss(key)

    def texts(self) -> list[str]:
        return [m.label.text() for m in self._messages.values()]
