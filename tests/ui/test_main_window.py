"""The application window on a real demo store, offscreen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.app import main
from baytak_desktop.ui.main_window import MainWindow


@pytest.fixture
def demo_store(tmp_path):
    store = Store.create(tmp_path / "demo.gpkg")
    build_demo(store)
    yield store
    store.close()


def test_window_shows_every_layer_with_its_count(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    texts = [window.layer_list.item(i).text() for i in range(window.layer_list.count())]
    assert f"Quarries ({demo_store.count('quarries')})" in texts
    assert len(texts) == 6


def test_unchecking_a_layer_hides_its_item(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    entry = next(window.layer_list.item(i) for i in range(window.layer_list.count())
                 if window.layer_list.item(i).data(Qt.ItemDataRole.UserRole) == "quarries")
    entry.setCheckState(Qt.CheckState.Unchecked)
    assert not window.items["quarries"].isVisible()


def test_status_bar_counts_unsynced_edits(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    assert window.changes_label.text().startswith(str(len(demo_store.changes())))


def test_cursor_position_shown_in_decimal_and_dms(qtbot, demo_store):
    window = MainWindow(demo_store)
    qtbot.addWidget(window)
    window._show_position(76.95, 43.25)
    assert "43.25000" in window.position_label.text() and "43°15'" in window.position_label.text()


def test_screenshot_renders_the_map(tmp_path, demo_store, qapp):
    out = tmp_path / "shot.png"
    assert main([str(demo_store.path), "--screenshot", str(out)]) == 0
    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert image.width() > 800
    # The map is not blank: the land colour and the water colour both appear.
    colours = {image.pixelColor(QPoint(x, y)).name() for x in range(300, image.width(), 37)
               for y in range(50, image.height() - 40, 29)}
    assert QColor("#f2efe6").name() in colours
    assert len(colours) > 5


def test_pyside_void_calls_do_not_abort(qtbot):
    """DESIGN.md pitfall: PySide6 6.12 on Python 3.11 aborts after thousands of void Qt calls."""
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    for i in range(10_000):
        label.setText(str(i))
        label.setVisible(False)
    assert label.text() == "9999"
