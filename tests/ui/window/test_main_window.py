"""The real main window on a real demo store, offscreen: docks, menus, identify, table, languages, settings."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.actions import menu_titles
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.writes import add_window


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def store(demo_file, tmp_path):
    path = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, path)
    return Store.open(path)


@pytest.fixture
def window(qtbot, store, settings):
    set_language("en")  # as the app does at start: English, with its plural forms
    window = MainWindow(store, settings)
    add_window(qtbot, window)  # a style saved by a test (a layer's box ticked) lands before it closes
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    wait_drawn(qtbot, window)
    yield window
    set_language("en")
    QApplication.processEvents()


def wait_drawn(qtbot, window) -> None:
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)


def switch(window, lang: str) -> None:
    window.window_actions.language_actions[lang].trigger()
    QApplication.processEvents()  # Qt posts LanguageChange events


def test_window_has_the_canvas_and_named_docks(window):
    assert window.centralWidget().isAncestorOf(window.canvas)
    assert {d.objectName() for d in window.docks.values()} == {"layers", "attribute_table", "feature_details"}
    assert window.window_actions.toolbar.objectName() == "main_toolbar"
    assert menu_titles(window) == ["File", "Edit", "View", "GPS", "Project", "Sync", "Help"]
    # the platform adds " — Baytak" (the display name); the demo says what it is (issue 14)
    assert window.windowTitle() == "demo.gpkg (demo store: illustrative data)"


def test_standard_shortcuts(window):
    actions = window.window_actions.actions
    from PySide6.QtGui import QKeySequence

    assert actions["open"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)
    assert actions["new"].shortcut().toString() == "Ctrl+N"
    assert actions["quit"].shortcut().toString() == "Ctrl+Q"
    assert actions["zoom_in"].shortcut() == QKeySequence(QKeySequence.StandardKey.ZoomIn)


def test_toggling_a_layer_in_the_panel_hides_it_on_the_map(qtbot, window):
    item = window.layer_panel.tree.layer_item("quarries")
    assert window.canvas.layers.styles["quarries"].visible
    with qtbot.waitSignal(window.layer_panel.sigStylesChanged, timeout=5_000):
        item.setCheckState(0, Qt.CheckState.Unchecked)
    assert not window.canvas.layers.styles["quarries"].visible
    assert not window.layer_panel.styles()["quarries"].visible


def test_identify_by_clicking_a_feature_shows_it_in_the_details(qtbot, window, store):
    feature = store.features("sewage_outflows")[0]
    lon, lat = feature.geometry.x, feature.geometry.y
    window.canvas.zoom_to_lonlat((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05))
    wait_drawn(qtbot, window)
    point = window.canvas.pos_of(lon, lat)
    with qtbot.waitSignal(window.canvas.sigIdentified, timeout=5_000) as identified:
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    fid = store.conn.execute("SELECT fid FROM sewage_outflows WHERE uuid = ?", (feature.uuid,)).fetchone()[0]
    assert identified.args == ["sewage_outflows", fid]
    assert window.details.shown() == ("sewage_outflows", fid)
    qtbot.waitUntil(lambda: feature.attributes["name"] in window.details.text(), timeout=10_000)  # on a reader
    assert window.selection.selected("sewage_outflows") == {fid}


def test_filtering_the_table(qtbot, window, store):
    window.open_table("quarries")
    total = store.count("quarries")
    name = store.features("quarries")[0].attributes["name"]
    qtbot.waitUntil(lambda: window.table.model.rowCount() == total, timeout=10_000)  # read on a reader
    window.table.set_text_filter(name)
    qtbot.waitUntil(lambda: 1 <= window.table.model.rowCount() < total, timeout=10_000)
    assert window.table.layer() == "quarries"


@pytest.mark.parametrize(
    "lang, file_menu, layers_dock", [("kk", "Файл", "Қабаттар"), ("ru", "Файл", "Слои"), ("en", "File", "Layers")]
)
def test_switching_language_translates_menus_at_once(window, lang, file_menu, layers_dock):
    switch(window, lang)
    titles = menu_titles(window)
    assert titles[0] == file_menu
    assert window.docks["layers"].windowTitle() == layers_dock
    assert window.settings.value("language") == lang


def branch_store(window) -> None:
    """The window's store as a branch's real store (the demo's features, no demo mark): its edits count."""
    window.store.conn.execute("UPDATE baytak_sync_state SET demo = 0")
    window.set_store(Store.open(window.store.path))  # the mark is read once per opening


def test_kazakh_and_russian_menus_and_status(window):
    branch_store(window)
    switch(window, "kk")
    assert menu_titles(window) == ["Файл", "Өңдеу", "Көрініс", "GPS", "Жоба", "Синхрондау", "Анықтама"]
    assert window.window_actions.actions["zoom_kz"].text().replace("&", "") == "Қазақстанды көрсету"
    window.status.show_scale(2_480_000)
    assert window.status.scale_label.text().replace("\u00a0", " ") == "Масштаб 1:2 480 000"
    switch(window, "ru")
    assert menu_titles(window) == ["Файл", "Правка", "Вид", "GPS", "Проект", "Синхронизация", "Справка"]
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert window.status.changes_label.text().endswith(("синхронизирована", "синхронизированы", "синхронизировано"))


def test_status_bar_shows_position_scale_and_unsynced_edits(window):
    branch_store(window)
    window.status.show_position(76.95, 43.25)
    text = window.status.position_label.text()
    assert "43.25000, 76.95000" in text and "43°15'00.0\"N" in text and "76°57'00.0\"E" in text
    assert window.status.scale_label.text().startswith("Scale 1:")
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert window.status.changes_label.text() == f"{len(window.store.changes())} edits not yet synced"


def test_layout_language_and_last_store_are_restored(qtbot, store, settings):
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    first.docks["details"].hide()
    first.resize(700, 520)  # the offscreen screen is 800x600: stay inside it
    qtbot.waitUntil(lambda: first.width() == 700)
    first.switch_language("ru")
    path = store.path
    first.close()
    set_language("en")
    assert settings.value("store/last") == str(path)
    assert settings.value("language") == "ru"
    second = MainWindow(Store.open(path), settings)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert (second.width(), second.height()) == (700, 520)
    assert not second.docks["details"].isVisibleTo(second)
    second.close()


def test_closing_hides_the_window_before_the_views_let_go_of_the_store(qtbot, window):
    """The person sees the window go at once: the views are reset (every one, by the store's ``replaced``
    event) on a window already hidden, and each part lets go of the store once."""
    seen: list[tuple[bool, bool]] = []
    window.store_signals.sigStoreReplaced.connect(lambda: seen.append((window.isVisible(), window.store is None)))
    said: list[str] = []
    window.sync.sigLastSync.connect(said.append)
    store = window.store
    window.close()
    assert seen == [(False, True)]
    assert said == [""]  # the sync part let go once ("Last sync" blank), not at its close_down and again
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        store.conn.execute("SELECT 1")


def test_basemap_toggle(window, settings):
    window.window_actions.actions["basemap"].trigger()
    assert settings.value("basemap/visible") in (False, "false")
    window.window_actions.actions["basemap"].trigger()
    assert window.window_actions.actions["basemap"].isChecked()


def test_import_runs_on_the_worker_and_refreshes_everything(qtbot, window, tmp_path):
    source = tmp_path / "plantings.csv"
    source.write_text(
        "lat,lon,species,tree_count,status\n43.25,76.95,elm,12,planted\n43.26,76.96,poplar,7,planned\n",
        encoding="utf-8",
    )
    branch_store(window)
    before = window.store.count("tree_plantings")
    changes = len(window.store.changes())
    runner = window.jobs.start_import(source, "tree_plantings")
    with qtbot.waitSignal(runner.sigEnded, timeout=30_000):
        pass
    assert window.store.count("tree_plantings") == before + 2
    # the journal is read again on a thread of its own: the count follows a moment later
    qtbot.waitUntil(lambda: window.status.changes_label.text() == f"{changes + 2} edits not yet synced")
    assert window.statusBar().currentMessage() == "2 features imported into Tree plantings."


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_refused_import_names_the_dialog_choice_and_field_titles(qtbot, window, tmp_path, lang):
    """The window never tells its user about command-line options or the store's field names."""
    from PySide6.QtWidgets import QMessageBox

    switch(window, lang)
    source = tmp_path / "plantings.csv"
    source.write_text("lat,lon,species,tree_count,status\n43.25,76.95,elm,0,planted\n", encoding="utf-8")
    runner = window.jobs.start_import(source, "tree_plantings")
    with qtbot.waitSignal(runner.sigEnded, timeout=30_000):
        pass
    box = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
    shown = box.text() + "\n" + box.detailedText()
    assert "--" not in shown and "skip-invalid" not in shown and "tree_count" not in shown, shown
    assert ("Trees" if lang == "en" else "Деревьев") in box.detailedText()
    assert ("Import the valid rows" if lang == "en" else "Импортировать корректные строки") in box.text()
    box.close()


def test_a_file_that_is_not_a_geopackage_is_explained(qtbot, window, tmp_path):
    bogus = tmp_path / "notes.gpkg"
    bogus.write_text("these are not the data you are looking for", encoding="utf-8")
    before = window.store
    window.open_store(bogus)  # opened off the UI thread: the explanation comes when the opener gives up
    qtbot.waitUntil(lambda: window.jobs.last_explanation is not None, timeout=10_000)
    assert not window.opening()
    assert window.store is before
    assert "not a GeoPackage" in window.jobs.last_explanation


def test_an_unknown_and_a_broken_layer_are_reported_and_the_rest_shown(qtbot, demo_file, tmp_path, settings):
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import Point

    path = tmp_path / "damaged.gpkg"
    shutil.copy(demo_file, path)
    frame = gpd.GeoDataFrame({"name": ["road"]}, geometry=[Point(76.9, 43.2)], crs="EPSG:4326")
    pyogrio.write_dataframe(frame, path, layer="roads", append=False)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE cleanup_plans")
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.open_store(path)
    qtbot.waitUntil(lambda: window.store is not None, timeout=10_000)
    window.show()
    wait_drawn(qtbot, window)
    assert window.readers.wait_idle()  # the layers are looked at on a reader
    texts = " ".join(window.message_bar.texts())
    assert "Cleanup plans cannot be read" in texts
    assert "layer roads that Baytak does not know" in texts
    assert window.store.count("quarries") > 0
    assert window.layer_panel.tree.layer_item("quarries") is not None


def test_an_empty_mbtiles_is_reported_and_not_remembered(qtbot, window, tmp_path, settings):
    empty = tmp_path / "empty.mbtiles"
    empty.write_bytes(b"")
    assert not window.add_mbtiles(empty)
    assert any("empty.mbtiles" in text for text in window.message_bar.texts())
    assert str(empty) not in (settings.value("basemap/mbtiles") or [])
    window.canvas.refresh()
    wait_drawn(qtbot, window)


def test_a_missing_basemap_is_reported_and_the_layers_shown(qtbot, store, settings, tmp_path):
    window = MainWindow(store, settings, basemap=tmp_path / "gone" / "natural_earth.gpkg")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: any("natural_earth.gpkg" in t for t in window.message_bar.texts()), timeout=20_000)
    wait_drawn(qtbot, window)
    assert window.layer_panel.tree.layer_item("quarries") is not None


def test_about_names_natural_earth_and_versions(qtbot, window):
    from baytak_desktop.ui.window.about_dialog import AboutDialog

    dialog = AboutDialog(window)
    qtbot.addWidget(dialog)
    text = dialog.label.text()
    assert "Made with Natural Earth" in text and "GDAL" in text and "Qt 6." in text
