"""The window on the common laptop screen, 1366x768, in Kazakh and Russian (whose words are long):
every tool of every tool bar is on screen, none behind the overflow button; the feature form shows
at least 8 fields without scrolling, also with the edit history open; the panels open at sizes that
show their content. Measured on the real window with the program's own font, as a user sees it.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTabBar, QToolBar, QToolButton

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.fonts import add_bundled_fonts
from baytak_desktop.ui.i18n import kazakh_font, set_language
from baytak_desktop.ui.window.main_window import MainWindow

LAPTOP = (1366, 768)
MIN_FIELDS = 8


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def app_font(qapp):
    """The font the program sets at start (``make_app``): the widths of words depend on it."""
    before = qapp.font()
    add_bundled_fonts()
    qapp.setFont(kazakh_font(before))
    yield
    qapp.setFont(before)


def laptop_window(qtbot, demo_file, tmp_path, lang: str, size: tuple[int, int] = LAPTOP) -> MainWindow:
    path = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, path)
    set_language(lang)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle()
    return window


def settle() -> None:
    """Layouts settle in two rounds (a dock's size, then the scroll area's content)."""
    for _ in range(3):
        QApplication.processEvents()


def hidden_tools(window: MainWindow) -> dict[str, list[str]]:
    """Per tool bar, the actions (and widgets) that are not on screen: in the overflow menu, or cut off."""
    found: dict[str, list[str]] = {}
    for toolbar in window.findChildren(QToolBar):
        if not toolbar.isVisible():
            continue
        extension = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        missing = ["overflow button"] if extension is not None and extension.isVisible() else []
        bar = toolbar.rect()
        for action in toolbar.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            widget = toolbar.widgetForAction(action)
            shown = widget is not None and widget.isVisible()
            if not shown or not bar.contains(widget.geometry()):
                missing.append(action.objectName() or action.text() or type(widget).__name__)
        if missing:
            found[toolbar.objectName()] = missing
    return found


@pytest.mark.parametrize(("lang", "size"), [("kk", LAPTOP), ("ru", LAPTOP), ("kk", (1920, 1080))])
def test_every_tool_and_the_edit_layer_are_on_screen(qtbot, app_font, demo_file, tmp_path, lang, size):
    window = laptop_window(qtbot, demo_file, tmp_path, lang, size)
    assert hidden_tools(window) == {}
    edit_bar = window.edit_actions.toolbar
    for key in ("pan", "add_point", "draw_polygon", "edit_vertices", "delete_feature", "split", "merge"):
        button = edit_bar.widgetForAction(window.edit_actions.actions[key])
        assert button is not None and button.isVisible(), key
        action = window.edit_actions.actions[key]  # a pictogram: its name is in its tip
        assert action.toolTip().startswith(action.text().replace("&", "")), (action.toolTip(), action.text())
    assert window.edit_actions.layer_combo.isVisible()


def test_the_check_sees_a_tool_in_the_overflow(qtbot, app_font, demo_file, tmp_path):
    """The measure above fails when the edit tools share the first row again, as they did."""
    window = laptop_window(qtbot, demo_file, tmp_path, "kk")
    window.removeToolBarBreak(window.edit_actions.toolbar)
    QApplication.processEvents()
    assert "edit_toolbar" in hidden_tools(window) or "main_toolbar" in hidden_tools(window)


def open_quarry_form(window: MainWindow):
    store = window.store
    assert store is not None
    uuid = next(store.iter_uuids("quarries"))
    form = window.edit_actions.panel.edit_feature("quarries", uuid)
    window.edit_actions.show_form()
    settle()
    return form


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_form_shows_eight_fields_with_the_history_open(qtbot, app_font, demo_file, tmp_path, lang):
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    form = open_quarry_form(window)
    assert form is not None
    assert len(form.visible_fields()) >= MIN_FIELDS, form.visible_fields()
    window.edit_actions.show_history()
    window.edit_actions.show_form()
    settle()
    assert window.edit_actions.history_dock.isVisible() and window.edit_actions.form_dock.isVisible()
    assert len(form.visible_fields()) >= MIN_FIELDS, form.visible_fields()
    panel = window.edit_actions.panel
    panel.photos_toggle.setChecked(True)  # the photos unfold below the fields, which stay
    settle()
    assert panel.photos.isVisible()
    panel.photos_toggle.setChecked(False)
    settle()
    assert not panel.photos.isVisible() and len(form.visible_fields()) >= MIN_FIELDS


def test_the_field_count_sees_a_squeezed_form(qtbot, app_font, demo_file, tmp_path):
    """The measure fails when the form gets the height it had (2-3 fields in a 110 px box)."""
    window = laptop_window(qtbot, demo_file, tmp_path, "kk")
    form = open_quarry_form(window)
    assert form is not None
    form.fields_area.setFixedHeight(110)
    settle()
    assert len(form.visible_fields()) < MIN_FIELDS


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_panels_open_at_sizes_that_show_their_content(qtbot, app_font, demo_file, tmp_path, lang):
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    assert window.docks["details"].width() >= 340  # the form's labels beside their fields
    assert window.docks["layers"].width() >= 200
    table = window.table.view
    assert table.viewport().height() >= 3 * table.verticalHeader().defaultSectionSize()
    assert window.canvas.width() >= 600
    window.edit_actions.show_history()  # a tab beside the table, not a strip of its own
    settle()
    assert window.edit_actions.history_dock in window.tabifiedDockWidgets(window.docks["table"])
    centre = window.centralWidget().geometry()
    over_map = [
        [bar.tabText(i) for i in range(bar.count())]
        for bar in window.findChildren(QTabBar)
        if bar.isVisible() and bar.geometry().intersects(centre)
    ]
    assert over_map == []  # no dock tab bar left lying over the map


def test_the_map_stays_put_when_a_hint_appears_and_the_form_opens(qtbot, app_font, demo_file, tmp_path):
    window = laptop_window(qtbot, demo_file, tmp_path, "kk")
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    size, extent = window.canvas.size(), window.map_extent()
    window.edit_actions.choose_tool("measure_distance")  # its hint appears in the bar over the map
    settle()
    assert window.message_bar.isVisible() and window.message_bar.texts()
    assert window.message_bar.geometry().top() == 0 and window.message_bar.height() > 10
    assert window.canvas.size() == size and window.map_extent() == extent
    open_quarry_form(window)
    assert window.edit_actions.form_dock.isVisible()
    assert window.canvas.size() == size and window.map_extent() == extent
    window.edit_actions.choose_tool("pan")
    settle()
    assert window.canvas.size() == size and window.map_extent() == extent


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_form_opens_with_the_details_closed_and_the_map_keeps_its_centre_and_scale(
    qtbot, app_font, demo_file, tmp_path, lang
):
    """With Feature details closed, the form opens where the details were, at the width they had (the
    right side, full height); the narrower map keeps its centre and its scale, as QGIS's canvas does,
    and closing the form gives back the very same view."""
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    window.docks["details"].close()
    settle()
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    canvas = window.canvas
    size, extent = canvas.size(), window.map_extent()
    centre, scale = canvas.center_lonlat(), canvas.scale_denominator()
    form = open_quarry_form(window)
    dock = window.edit_actions.form_dock
    assert form is not None and dock.isVisible() and not dock.isFloating()
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea and dock.width() >= 340
    assert len(form.visible_fields()) >= MIN_FIELDS, form.visible_fields()
    assert canvas.center_lonlat() == pytest.approx(centre, abs=1e-9)  # not moved...
    assert canvas.scale_denominator() == pytest.approx(scale, rel=1e-9)  # ...nor zoomed
    dock.close()
    settle()
    assert canvas.size() == size and window.map_extent() == pytest.approx(extent, abs=1e-9)
    assert canvas.center_lonlat() == pytest.approx(centre, abs=1e-9)
    assert canvas.scale_denominator() == pytest.approx(scale, rel=1e-9)
