"""Standing still on the site: N fixes collected and averaged, the spread shown as it settles, cancelable.

The fixes go into a ``gps.FixAverager`` on the receiver's thread (it is thread-safe), so none is missed
while the window repaints; each fix then reaches this dialog on the UI thread, which shows how many are
in, their spread (2DRMS) and the receiver's own error. It closes by itself at N; "Use them now" takes
what is in (at least one), Cancel takes nothing. Changing N while it runs keeps the fixes already in.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from baytak_desktop.gps import AveragedPosition, Fix, FixAverager, average_fixes
from baytak_desktop.ui.gps.receiver import GpsReceiver

MAX_FIXES = 600  # ten minutes of a 1 Hz receiver


class AveragingDialog(QDialog):
    def __init__(self, receiver: GpsReceiver, target: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gps_averaging_dialog")
        self.receiver = receiver
        self.position: AveragedPosition | None = None
        self.averager = FixAverager(max(1, min(MAX_FIXES, target)))
        self.count = QSpinBox()
        self.count.setObjectName("gps_average_count")
        self.count.setRange(1, MAX_FIXES)
        self.count.setValue(self.averager.target)
        self.count.valueChanged.connect(self._set_target)
        self.progress = QProgressBar()
        self.progress.setRange(0, self.averager.target)
        self.taken = QLabel()
        self.spread = QLabel()
        self.spread.setObjectName("gps_average_spread")
        self.error = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.use_now = QPushButton()
        self.use_now.setObjectName("gps_average_use_now")
        self.buttons.addButton(self.use_now, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._use_now)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        self.count_label, self.taken_label = QLabel(), QLabel()
        self.spread_label, self.error_label = QLabel(), QLabel()
        form.addRow(self.count_label, self.count)
        form.addRow(self.taken_label, self.taken)
        form.addRow(self.spread_label, self.spread)
        form.addRow(self.error_label, self.error)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._show()
        receiver.add_listener(self._take)  # on the receiver's thread
        receiver.sigFix.connect(self._fix_shown)  # then here, on the UI thread
        self.finished.connect(self._stop_listening)

    def _take(self, fix: Fix) -> None:
        self.averager.add(fix)  # the averager in use when the fix came

    def _set_target(self, target: int) -> None:
        old, new = self.averager, FixAverager(target)
        for fix in old.fixes[:target]:
            new.add(fix)
        self.averager = new
        self.progress.setRange(0, target)
        self._fix_shown()

    def _fix_shown(self, fix: Fix | None = None) -> None:
        self._show()
        if self.averager.finished.is_set() and self.isVisible():
            self._use_now()

    def _show(self) -> None:
        count, target = self.averager.count, self.averager.target
        self.progress.setValue(min(count, target))
        self.taken.setText(self.tr("{count} of {target}").format(count=count, target=target))
        self.use_now.setEnabled(count > 0)
        current = self.averager.current()
        locale = QLocale()
        if current is None:
            self.spread.setText("—")
            self.error.setText("—")
            return
        self.spread.setText(self.tr("{metres} m").format(metres=locale.toString(current.two_drms_m, "f", 2)))
        error = current.receiver_error_m
        self.error.setText(
            self.tr("±{metres} m").format(metres=locale.toString(error, "f", 1)) if error is not None else "—"
        )

    def _use_now(self) -> None:
        fixes = self.averager.fixes
        if not fixes:
            return
        self.position = average_fixes(fixes)
        self.accept()

    def _stop_listening(self) -> None:
        self.receiver.remove_listener(self._take)
        with contextlib.suppress(RuntimeError, TypeError):  # already disconnected
            self.receiver.sigFix.disconnect(self._fix_shown)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Averaging the position"))
        self.intro.setText(
            self.tr(
                "Stand still on the site. The position is the mean of the fixes; the spread says how steady they were."
            )
        )
        self.count_label.setText(self.tr("Average:"))
        self.count.setSuffix(" " + self.tr("fixes"))
        self.taken_label.setText(self.tr("Fixes taken:"))
        self.spread_label.setText(self.tr("Spread (2DRMS):"))
        self.error_label.setText(self.tr("Receiver's error:"))
        self.use_now.setText(self.tr("Use them now"))
