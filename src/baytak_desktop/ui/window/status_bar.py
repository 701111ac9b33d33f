"""The status bar: where the cursor is (decimal and DMS), the map scale, and the edits not yet synced.

Numbers follow the interface language (``QLocale`` default), so the scale reads 1:2 500 000 in Kazakh
and Russian and 1:2,500,000 in English.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from baytak_desktop.io.coordinates import format_dms
from baytak_desktop.ui.i18n import format_number, format_position


class StatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.position_label = QLabel()
        self.scale_label = QLabel()
        self.changes_label = QLabel()
        self.sync_label = QLabel()  # "Last sync: …", written by ui.sync.actions in the UI language
        self.addWidget(self.position_label, 1)
        self.addPermanentWidget(self.scale_label)
        self.addPermanentWidget(self.changes_label)
        self.addPermanentWidget(self.sync_label)
        self._position: tuple[float, float] | None = None
        self._scale: float | None = None
        self._changes = 0
        self._demo = False
        self.waiting_label = QLabel()  # "Waiting for QGIS…": a write waits for another program's lock
        self.waiting_label.setObjectName("waiting_label")
        self.addWidget(self.waiting_label)
        self.waiting_label.hide()

    def show_position(self, lon: float, lat: float) -> None:
        self._position = (lon, lat)
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.position_label.clear()
            return
        decimal = format_position(lat, lon)
        self.position_label.setText(f"{decimal}   {format_dms(lat, True)} {format_dms(lon, False)}")

    def show_scale(self, denominator: float) -> None:
        self._scale = denominator
        if denominator and denominator > 0:
            self.scale_label.setText(self.tr("Scale 1:{n}").format(n=format_number(_round_scale(denominator))))
        else:
            self.scale_label.clear()

    def show_changes(self, count: int, demo: bool = False) -> None:
        """The edits waiting for a sync; the demo store never syncs, so it says that instead."""
        self._changes, self._demo = count, demo
        if demo:
            self.changes_label.setText(self.tr("Demo store: illustrative data, never synced"))
        else:
            self.changes_label.setText(self.tr("%n edit(s) not yet synced", "", count))

    def show_waiting(self, text: str) -> None:
        """What a write waits for (empty: nothing waits any more)."""
        self.waiting_label.setText(text)
        self.waiting_label.setVisible(bool(text))

    def show_last_sync(self, text: str) -> None:
        self.sync_label.setText(text)

    def retranslate(self) -> None:
        if self._position is not None:
            self.show_position(*self._position)
        if self._scale is not None:
            self.show_scale(self._scale)
        self.show_changes(self._changes, self._demo)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _round_scale(denominator: float) -> int:
    """Three significant figures: 1:2 480 000, not 1:2 481 337 (the screen's dpi is not that exact)."""
    value = round(denominator)
    digits = len(str(value))
    step = 10 ** max(0, digits - 3)
    return int(round(value / step) * step)
