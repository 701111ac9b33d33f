"""The sync's progress in the status bar: the phase, a bar, and Cancel.

Not a dialog: a modal progress dialog would stop the person from editing while the sync runs, and
editing during a sync is allowed (the edit goes with the next one). Hidden while nothing runs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from baytak_desktop.ui.sync.runner import SyncController

STEPS = 1000


class SyncProgress(QWidget):
    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sync_progress")
        self.controller = controller
        self.phase = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, STEPS)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setObjectName("sync_cancel")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.phase)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        controller.sigStarted.connect(self._started)
        controller.sigProgress.connect(self.show_progress)
        controller.sigEnded.connect(self.hide)
        self.retranslate()
        self.hide()

    def _started(self, kind: str) -> None:
        self.bar.setRange(0, 0)  # nothing measured yet: a moving bar, not a "0 %" that stays
        self.bar.setValue(0)
        self.phase.setText(self.tr("Signing in…") if kind == "login" else self.tr("Syncing…"))
        self.cancel_button.setEnabled(kind in ("sync", "resolve"))
        self.setVisible(kind in ("sync", "resolve", "login"))

    def show_progress(self, fraction: float, text: str) -> None:
        self.bar.setRange(0, 0 if fraction <= 0 else STEPS)
        self.bar.setValue(int(max(0.0, min(1.0, fraction)) * STEPS))
        if text:
            self.phase.setText(text)

    def cancel(self) -> None:
        self.controller.cancel()
        self.cancel_button.setEnabled(False)
        self.phase.setText(self.tr("Cancelling…"))

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the sync; nothing is lost, the rest goes next time"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
