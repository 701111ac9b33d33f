"""The Project menu, the map's and the table's right-click menus, the Charts and Web map preview docks,
driven on the real window with a real demo store: the dialogs are filled in and accepted as a user
would, the exhibits are made by the real child process and read back."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from baytak_desktop.demo import build_demo
from baytak_desktop.errors import NotAStore
from baytak_desktop.store import Store
from baytak_desktop.ui.actions import menu_titles
from baytak_desktop.ui.exhibits.charts import STATUS, TREES
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.window.main_window import MainWindow

EXHIBIT_TIMEOUT_MS = 120_000  # a child process paints the page: seconds, more on a busy 2-core machine


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    path = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, path)
    set_language("en")  # as the app does at start: English, with its plural forms
    window = MainWindow(Store.open(path), QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    qtbot.waitUntil(lambda: window.exhibits.charts is not None, timeout=20_000)  # pyqtgraph, imported on a thread
    yield window
    window.close()
    set_language("en")
    QApplication.processEvents()


def wait_job(qtbot, window) -> None:
    runner = window.exhibits.runners[-1]
    with qtbot.waitSignal(runner.sigEnded, timeout=EXHIBIT_TIMEOUT_MS):
        pass


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    return " ".join(document.getAllText(page).text() for page in range(document.pageCount()))


def accept_file(window, path: Path) -> None:
    dialog = window.exhibits.file_dialog
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def right_click(widget, pos: QPoint) -> None:
    """A context-menu request as the platform sends it after a right click."""
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)


def test_project_menu_sits_between_view_and_sync_with_its_docks(window):
    assert menu_titles(window) == ["File", "Edit", "View", "GPS", "Project", "Sync", "Help"]
    assert window.exhibits.actions["export_map"].shortcut().toString() == "Ctrl+P"
    assert window.exhibits.charts is not None  # made after the first draw
    importer = window.exhibits._charts_import
    assert importer is not None  # pyqtgraph imported on a kept thread, off the UI thread
    assert importer.wait(5)
    assert window.exhibits.charts.objectName() == "charts_dock"
    assert window.exhibits.web_dock.objectName() == "web_map_preview"
    assert not window.exhibits.web_dock.isVisible() and window.exhibits.web_dock.preview is None  # no Chromium yet
    toggles = [a.text() for a in window.registry.menus["panels"].actions()]
    assert "Charts" in toggles and "Web map preview" in toggles


def test_export_a_pdf_from_the_menu(qtbot, window, tmp_path):
    window.exhibits.actions["export_map"].trigger()
    dialog = window.exhibits.export_dialog
    assert dialog.isVisible()
    assert dialog.layers == window.exhibits.visible_layers() and "quarries" in dialog.layers
    dialog.title_edit.setText("Ile district quarries")
    dialog.author_edit.setText("Aigerim S.")
    dialog.dpi_spin.setValue(100)
    dialog.file_edit.setText(str(tmp_path / "ile.pdf"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_job(qtbot, window)
    out = tmp_path / "ile.pdf"
    assert out.exists()
    assert "Ile district quarries" in pdf_text(out)
    box = window.exhibits.message_box
    assert box.icon() == QMessageBox.Icon.Information and str(out) in box.text()
    assert window.settings.value("exhibit/author") == "Aigerim S."  # offered again next time
    box.close()


def test_an_export_the_painter_refuses_is_said_in_the_windows_language(qtbot, window, tmp_path):
    """The store stops being one after the window opened it: the painting child process refuses, and the
    dialog says so in Kazakh, as it says any other error, not in the child's English."""
    path = window.store.path
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("DROP TABLE baytak_migrations")
        conn.commit()
    set_language("kk")
    window.exhibits.actions["export_map"].trigger()
    dialog = window.exhibits.export_dialog
    dialog.file_edit.setText(str(tmp_path / "refused.pdf"))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    wait_job(qtbot, window)
    box = window.exhibits.message_box
    refused = NotAStore(path=str(path))
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == message_of(refused) != refused.message
    assert "Baytak store" not in box.text() and not (tmp_path / "refused.pdf").exists()
    box.close()


def test_evidence_dossier_from_the_map_right_click(qtbot, window, tmp_path):
    store = window.store
    feature = store.features("sewage_outflows")[0]
    lon, lat = feature.geometry.x, feature.geometry.y
    window.canvas.zoom_to_lonlat((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05))
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    right_click(window.canvas.viewport(), window.canvas.pos_of(lon, lat))
    menu = window.feature_menus.last_menu
    assert menu.isVisible()
    fid = store.conn.execute("SELECT fid FROM sewage_outflows WHERE uuid = ?", (feature.uuid,)).fetchone()[0]
    assert window.selection.selected("sewage_outflows") == {fid}  # the feature under the click
    dossier = menu.findChild(type(window.exhibits.actions["dossier"]), "menu_action_dossier")
    assert dossier.isEnabled()
    dossier.trigger()
    menu.close()
    assert window.exhibits.file_dialog.selectedFiles()[0].endswith(".pdf")
    accept_file(window, tmp_path / "outflow.pdf")
    wait_job(qtbot, window)
    text = pdf_text(tmp_path / "outflow.pdf")
    assert feature["name"] in text and feature.uuid in text
    window.exhibits.message_box.close()


def test_a_right_click_on_nothing_offers_no_dossier(qtbot, window):
    window.canvas.zoom_to_lonlat((70.0, 48.0, 70.5, 48.4))  # the steppe: no feature
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    right_click(window.canvas.viewport(), QPoint(20, 20))
    menu = window.feature_menus.last_menu
    assert not menu.findChild(type(window.exhibits.actions["dossier"]), "menu_action_dossier").isEnabled()
    assert window.exhibits.actions["export_map"] in menu.actions()
    menu.close()


def test_evidence_dossier_from_the_attribute_table(qtbot, window):
    window.open_table("quarries")
    view = window.table.view
    qtbot.waitUntil(lambda: window.table.model.rowCount() > 0, timeout=10_000)
    rect = view.visualRect(window.table.model.index(0, 1))
    right_click(view.viewport(), rect.center())
    fid = window.table.model.fid_at(0)
    assert window.selection.selected("quarries") == {fid}
    assert window.exhibits.actions["dossier"].isEnabled()  # Project > Evidence dossier… for the selection too
    menu = window.feature_menus.last_menu
    menu.findChild(type(window.exhibits.actions["dossier"]), "menu_action_dossier").trigger()
    menu.close()
    name = window.store.get(
        "quarries", window.store.conn.execute("SELECT uuid FROM quarries WHERE fid = ?", (fid,)).fetchone()[0]
    )["name"]
    chosen = Path(window.exhibits.file_dialog.selectedFiles()[0]).name
    assert chosen.startswith("dossier-") and chosen.endswith(".pdf") and name.split()[0] in chosen
    window.exhibits.file_dialog.reject()


def test_export_the_web_map_from_the_menu(qtbot, window, tmp_path):
    window.exhibits.actions["export_webmap"].trigger()
    accept_file(window, tmp_path / "map.html")
    wait_job(qtbot, window)
    html = (tmp_path / "map.html").read_text(encoding="utf-8")
    assert "baytakWebmap" in html and '<html lang="en">' in html
    box = window.exhibits.message_box
    total = sum(window.store.count(name) for name in window.exhibits.visible_layers())
    assert f"{total} features" in box.text() and str(tmp_path / "map.html") in box.text()
    box.close()


def test_charts_dock_refreshes_after_an_edit(qtbot, window):
    charts = window.exhibits.charts
    window.exhibits.actions["show_charts"].trigger()
    assert charts.isVisible()
    charts.chart_combo.setCurrentIndex(charts.chart_combo.findData(STATUS))
    charts.layer_combo.setCurrentIndex(charts.layer_combo.findData("quarries"))
    before = window.store.count("quarries")
    qtbot.waitUntil(lambda: sum(len(bar.uuids) for bar in charts.bars) == before, timeout=10_000)  # on a reader
    uuid = window.store.features("quarries")[0].uuid
    window.edit_actions.session.delete_feature("quarries", uuid)
    qtbot.waitUntil(lambda: sum(len(bar.uuids) for bar in charts.bars) == before - 1, timeout=10_000)


def test_the_charts_dock_behind_the_table_makes_no_plot_and_reads_nothing_until_shown(qtbot, window):
    """The dock is made after the first draw as a tab behind the table: no pyqtgraph plot (its PlotItem,
    axes and view box stopped the window 150-250 ms in a store's opening), no chart read or drawn,
    through a store opened again and a language switch; shown, it makes its plot and draws its chart."""
    charts = window.exhibits.charts
    assert charts.visibleRegion().isEmpty()  # a tab behind the table (Qt moves it off screen)
    window.open_store(window.store.path)
    qtbot.waitUntil(lambda: not window.opening(), timeout=20_000)
    window.switch_language("ru")
    window.switch_language("en")
    assert window.readers.wait_idle()
    QApplication.processEvents()
    assert charts.findChildren(pg.PlotWidget) == [] and charts.bars == []
    window.exhibits.actions["show_charts"].trigger()
    qtbot.waitUntil(lambda: bool(charts.bars), timeout=10_000)  # the water chart, read on a reader
    assert len(charts.findChildren(pg.PlotWidget)) == 1


def test_a_chart_redrawn_keeps_its_pyqtgraph_items(qtbot, window):
    """A redraw (a new store, an edit, a language) gives the bars, the line and the legend their new
    values: pyqtgraph's items are not made anew each time."""
    charts = window.exhibits.charts
    window.exhibits.actions["show_charts"].trigger()
    charts.chart_combo.setCurrentIndex(charts.chart_combo.findData(TREES))
    qtbot.waitUntil(lambda: bool(charts.bars) and charts.bars[0].layer == "tree_plantings", timeout=10_000)
    assert window.readers.wait_idle()
    items = list(charts.plot.plotItem.items)
    labels = [label for _, label in charts.legend.items]
    assert any(isinstance(item, pg.BarGraphItem) for item in items) and labels
    charts.bars = []  # filled again by the redraw
    window.open_store(window.store.path)
    qtbot.waitUntil(lambda: not window.opening(), timeout=20_000)
    qtbot.waitUntil(lambda: bool(charts.bars), timeout=10_000)
    assert charts.plot.plotItem.items == items
    assert [label for _, label in charts.legend.items] == labels


def test_a_language_switch_relabels_the_chart_without_reading_it_again(qtbot, window):
    """The chart's values do not change with the language: its bars are labelled in the new one from the
    values drawn (read again, "sites by status" of 100,000 features kept a reader busy 380 ms a switch)."""
    charts = window.exhibits.charts
    window.exhibits.actions["show_charts"].trigger()
    charts.chart_combo.setCurrentIndex(charts.chart_combo.findData(STATUS))
    charts.layer_combo.setCurrentIndex(charts.layer_combo.findData("quarries"))
    qtbot.waitUntil(lambda: bool(charts.bars) and charts.bars[0].layer == "quarries", timeout=10_000)
    assert window.readers.wait_idle()
    bars, read = list(charts.bars), window.readers._latest["charts"]  # the generation of its last read
    window.switch_language("ru")

    def ticks() -> list[str]:
        return [text for _, text in charts.plot.getAxis("bottom")._tickLevels[0]]

    qtbot.waitUntil(lambda: "незаконный" in ticks())  # in an event-loop turn after Qt's retranslation
    assert window.readers.wait_idle()
    assert window.readers._latest["charts"] == read  # not read again
    assert charts.bars == bars


def test_web_map_preview_dock_click_selects_the_feature(qtbot, window):
    dock = window.exhibits.web_dock
    with qtbot.waitSignal(dock.sigShown, timeout=EXHIBIT_TIMEOUT_MS) as shown:
        window.exhibits.actions["show_web_map"].trigger()
    assert shown.args == [True] and dock.isVisible()
    feature = window.store.features("brick_factories")[1]
    done: list = []
    dock.preview.page.runJavaScript(f"baytakWebmap.click('brick_factories', '{feature.uuid}')", 0, done.append)
    fid = window.store.conn.execute("SELECT fid FROM brick_factories WHERE uuid = ?", (feature.uuid,)).fetchone()[0]
    qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert done == [True], (done, dock.preview.console)  # the page found the feature and clicked it
    qtbot.waitUntil(lambda: window.selection.selected("brick_factories") == {fid}, timeout=10_000)
    assert window.details.shown() == ("brick_factories", fid)
    assert dock.preview.blocked_requests == []


def test_kazakh_project_menu(window):
    window.window_actions.language_actions["kk"].trigger()
    QApplication.processEvents()
    assert menu_titles(window)[4] == "Жоба"
    assert window.exhibits.actions["export_map"].text().replace("&", "") == "Картаны экспорттау…"
    assert window.exhibits.web_dock.windowTitle() == "Веб-карта"  # short on its tab, in full in View › Panels
    assert window.exhibits.web_dock.toggleViewAction().text() == "Веб-картаны алдын ала қарау"
    assert window.exhibits.charts.windowTitle() == "Диаграммалар"
