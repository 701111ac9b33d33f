"""View > Online tiles: a checked, remembered XYZ source; nothing is fetched until one is set."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import QSettings

from baytak_desktop.store import Store
from baytak_desktop.ui.window.main_window import MainWindow
from baytak_desktop.ui.window.online_tiles import is_template


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "field.gpkg")
    store.insert("sewage_outflows", {"name": "Outflow", "status": "active"}, shapely.Point(77.0, 43.9))
    return store


@pytest.fixture
def window(qtbot, store, settings):
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    yield window
    window.canvas.shutdown()


def test_only_http_addresses_with_the_tile_places_are_accepted():
    assert is_template("https://tile.example.org/{z}/{x}/{y}.png")
    assert not is_template("https://tile.example.org/tiles.png")
    assert not is_template("file:///etc/{z}/{x}/{y}")
    assert not is_template("")


def test_a_bad_address_is_explained_and_changes_nothing(window):
    assert window.canvas.layers.tile_job is None  # no source: no request at all
    assert not window.online_tiles.apply("tiles.example.org/z/x/y")
    assert any("not a tile address" in text for text in window.message_bar.texts())
    assert window.canvas.layers.tile_job is None
    assert window.settings.value("basemap/xyz_url", "") == ""


def test_a_source_is_used_remembered_and_cleared(window, qtbot, store, settings):
    url = "http://127.0.0.1:9/{z}/{x}/{y}.png"  # the discard port: a fetch fails, the map still draws
    assert window.online_tiles.apply(url)
    assert window.canvas.layers.tile_job is not None
    assert settings.value("basemap/xyz_url") == url
    again = MainWindow(store, settings)
    qtbot.addWidget(again)
    assert again.canvas.layers.tile_job is not None  # restored at the next start
    again.canvas.shutdown()
    again.close()
    assert window.online_tiles.apply("")
    assert window.canvas.layers.tile_job is None and settings.value("basemap/xyz_url") == ""
