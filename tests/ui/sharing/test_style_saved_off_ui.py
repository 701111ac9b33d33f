"""Ticking a layer's box in the window saves its style on the window's writer thread, never on the UI
thread: a commit waits on the disk (130 ms seen in bench_ui_actions.py's toggle_layer). Structure, not
timing: every store connection is metered and the UI thread's calls counted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.sharing.test_ui_thread_reads import ui_calls

LAYER = "brick_factories"


def test_a_layer_hidden_saves_its_style_off_the_ui_thread(qtbot, meter: Meter, path: Path, settings: QSettings):
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.readers.wait_idle()
    item = window.layer_panel.tree.layer_item(LAYER)
    mark = meter.mark()
    item.setCheckState(0, Qt.CheckState.Unchecked)
    assert window.edit_actions.writer.wait_idle()
    assert ui_calls(meter, mark) == []
    assert any(c.thread_name != "MainThread" and "baytak_styles" in c.what for c in meter.since(mark))
    window.close()
    with Store.open(path, readonly=True) as store:
        assert store.styles()[LAYER].visible is False  # saved all the same
