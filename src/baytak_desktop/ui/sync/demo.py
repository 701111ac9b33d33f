"""The demo store never reaches a server: Connect and Sync on it explain why and offer the way on.

The demo's sites are illustrative (``demo``): the store is marked, and ``sync.session`` refuses it on
every path to a server. The window does not even open the Connect dialog for it: a box says that this
is the demo and offers to create the person's real branch store (File > New store), which is what they
were trying to do when they pressed Connect.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget


class DemoRefusal(QObject):
    """The box that refuses Connect and Sync on the demo store; ``sigCreateStore`` when the person
    chooses to create their branch's store."""

    sigCreateStore = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.box: QMessageBox | None = None
        self.create_button: QPushButton | None = None

    def text(self) -> str:
        return self.tr(
            "This is the demo store: its sites are illustrative and never go to a server, so it cannot "
            "sign in or sync. Create the store of your branch, then connect that one."
        )

    def refuse(self, parent: QWidget) -> QMessageBox:
        """Show the refusal (window-modal, not blocking the caller)."""
        if self.box is not None:
            self.box.close()
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("The demo store does not sync"), self.text())
        box.setParent(parent, box.windowFlags())
        box.setObjectName("demo_refusal")
        self.create_button = box.addButton(self.tr("Create my branch's store…"), QMessageBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("demo_create_store")
        box.addButton(QMessageBox.StandardButton.Close)
        box.setDefaultButton(self.create_button)
        box.buttonClicked.connect(self._clicked)
        self.box = box
        box.open()
        return box

    def _clicked(self, button: object) -> None:
        if button is self.create_button:
            self.sigCreateStore.emit()
