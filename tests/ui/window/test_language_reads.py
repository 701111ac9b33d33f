"""A language switch says again what the window shows in the new words, from what it read: it reads
nothing. Before, a switch read every layer again for the store's problems, the last sync, the conflicts
and the feature shown (on a store of 100,000 features, a reader busy through Qt's relayout of the whole
window, holding the GIL the UI thread needed)."""

from __future__ import annotations

import shutil

import geopandas as gpd
import pyogrio
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from shapely import Point

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.calls import counting_calls


def test_a_language_switch_reads_nothing_and_says_it_all_again(qtbot, tmp_path):
    set_language("en")
    demo = tmp_path / "demo.gpkg"
    with Store.create(demo) as store:
        build_demo(store)
    path = tmp_path / "open.gpkg"
    shutil.copy(demo, path)
    frame = gpd.GeoDataFrame({"name": ["road"]}, geometry=[Point(76.9, 43.2)], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer="roads", append=False)  # another tool's layer: named in the bar
    window = MainWindow(Store.open(path), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.sync.docks["conflicts"].show()
    window.show_feature("quarries", 1)
    assert window.readers.wait_idle(20_000)
    said: list[str] = []
    window.sync.sigLastSync.connect(said.append)
    details, problems = window.details.text(), window.message_bar.texts()
    assert details and any("roads" in text for text in problems)
    asked = window.readers.asked()
    window.switch_language("ru")
    QApplication.processEvents()
    assert window.readers.asked() == asked  # nothing asked of a reader
    assert window.details.text() != details  # and everything said again in Russian
    assert window.message_bar.texts() != problems and any("roads" in text for text in window.message_bar.texts())
    assert said[-1] == "Ещё не синхронизировано"
    window.close()
    set_language("en")


def test_a_store_shown_retitles_the_window_and_retranslates_nothing_else(qtbot, tmp_path):
    """Showing a store retranslated the whole window (every menu, action and part: hundreds of Qt calls on
    the UI thread as the readers start on the new store, and the last sync asked of a reader twice)."""
    from baytak_desktop.ui.actions import ActionRegistry

    set_language("en")
    first, second = tmp_path / "first.gpkg", tmp_path / "second.gpkg"
    for path in (first, second):
        Store.create(path).close()
    window = MainWindow(Store.open(first), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.readers.wait_idle(20_000)
    with counting_calls(ActionRegistry.retranslate) as passes:
        window.set_store(Store.open(second))
    assert passes == [0]
    assert window.windowTitle() == "second.gpkg"
    assert window.readers.wait_idle(20_000)
    window.close()
