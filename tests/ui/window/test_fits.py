"""Every window, panel and dialog at 1366x768 in Kazakh and Russian: no text cut (labels, buttons, group
titles, tabs, combo boxes, placeholders, table headers), no dialog larger than the screen. The walker
(tests/ui/fits.py) measures each shown widget with its font against the rect it paints in, so a new
dialog or a longer translation is caught without a test of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import shapely
from fits import LAPTOP, cut_texts, shown, too_large
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QToolTip,
    QWidget,
)
from test_fit_1366 import app_font, demo_file, laptop_window, open_quarry_form, settle  # noqa: F401

from baytak_desktop.store import Store
from baytak_desktop.sync.records import LocalConflict
from baytak_desktop.ui.crash import CrashDialog
from baytak_desktop.ui.edit.coordinate_dialog import CoordinateDialog
from baytak_desktop.ui.edit.tools.delete import confirm_delete
from baytak_desktop.ui.edit.tools.draw_shape import ask_fix
from baytak_desktop.ui.exhibits.export_map_dialog import ExportMapDialog
from baytak_desktop.ui.gps.averaging_dialog import AveragingDialog
from baytak_desktop.ui.gps.connect_dialog import GpsConnectDialog
from baytak_desktop.ui.gps.track_dialog import TrackSaveDialog
from baytak_desktop.ui.layers.style_dialog import StyleDialog
from baytak_desktop.ui.sync.conflict_dialog import ConflictDialog
from baytak_desktop.ui.sync.connect_dialog import ConnectDialog
from baytak_desktop.ui.window.about_dialog import AboutDialog
from baytak_desktop.ui.window.export_dialog import ExportDialog
from baytak_desktop.ui.window.import_dialog import ImportDialog
from baytak_desktop.ui.window.main_window import MainWindow
from baytak_desktop.ui.window.welcome import WelcomeDialog
from baytak_desktop.ui.worker import JobRunner

CRAFTED = Path(__file__).resolve().parents[2] / "data" / "crafted"
LANGS = ["kk", "ru"]


def show_as_on_the_laptop(dialog: QWidget) -> None:
    """Shown at the size Qt gives it on a 1366x768 screen: its own if it chose one, else its size hint
    up to two thirds of the screen (the test screen is 800x800, which would clamp it otherwise)."""
    if not dialog.testAttribute(Qt.WidgetAttribute.WA_Resized):
        room = QSize(LAPTOP[0] * 2 // 3, LAPTOP[1] * 2 // 3)
        dialog.resize(dialog.sizeHint().boundedTo(room).expandedTo(dialog.minimumSizeHint()))
    dialog.show()
    settle()


def problems(widget: QWidget) -> list[str]:
    found = cut_texts(widget)
    big = too_large(widget) if widget.isWindow() and not isinstance(widget, QMainWindow) else None
    return [*found, big] if big else found


def panels(window: MainWindow) -> dict[str, QWidget]:
    """Every panel of the window, as its menu shows it (the edit form is opened on a feature)."""
    found = {
        "edit_history": window.edit_actions.history_dock,
        "charts": window.exhibits.ensure_charts(),
        "web_map": window.exhibits.web_dock,
    }
    found.update({f"sync_{key}": dock for key, dock in window.sync.docks.items()})
    found.update(window.docks)
    return found


def jobs_ended(qtbot, window: MainWindow) -> None:
    """Wait for the jobs a panel started when shown (the web map's build): their end changes its texts
    ("Building the web map…" becomes a two-line sentence), and a measure taken as the new text lands,
    before its layout has run, would see a label one line high."""
    qtbot.waitUntil(lambda: not any(runner.running for runner in window.findChildren(JobRunner)), timeout=60_000)


@pytest.mark.parametrize("lang", LANGS)
def test_the_window_and_each_panel_show_their_texts_whole(qtbot, app_font, demo_file, tmp_path, lang):  # noqa: F811
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    cut = {"window": problems(window)}
    open_quarry_form(window)
    cut["feature form"] = problems(window)
    for name, dock in panels(window).items():  # each opened in turn beside the form, and closed again
        dock.show()
        dock.raise_()
        jobs_ended(qtbot, window)
        settle()
        cut[name] = problems(window)
        if name not in window.docks:
            dock.close()
    assert {name: found for name, found in cut.items() if found} == {}


def dialogs(window: MainWindow, tmp_path: Path) -> dict[str, QDialog]:
    store = window.store
    assert store is not None
    conflict = LocalConflict(
        7, 3, "quarries", "0190a3c4-0000-7000-8000-000000000001", "status", "operating", "closed", "relocated",
        "erlan", None, None, "2026-05-04T10:00:00Z", False, None, None,
    )  # fmt: skip
    styles = store.styles()
    made: dict[str, QDialog] = {
        "import": ImportDialog(window, layer="quarries", catalog=store.catalog),
        "export": ExportDialog(window, catalog=store.catalog),
        "export map": ExportMapDialog(Path(store.path), (76.4, 43.1, 77.4, 44.0), ("quarries",), window, tmp_path),
        "sign in": ConnectDialog(window.sync.controller, window, "https://baytak.example.kz"),
        "conflict": ConflictDialog([conflict], {"geom": shapely.Point(76.9, 43.2)}, window),
        "welcome": WelcomeDialog(None, tmp_path),
        "about": AboutDialog(window),
        "crash": CrashDialog(tmp_path, window),
        "gps connect": GpsConnectDialog(window.settings, window),
        "gps averaging": AveragingDialog(window.gps.receiver, 10, window),
        "gps track": TrackSaveDialog(120, 1534.0, None, store.catalog, window),
        "coordinates": CoordinateDialog(window),
    }
    made.update({f"style {layer}": StyleDialog(styles[layer], store, window) for layer in ("quarries", "shorelines")})
    return made


@pytest.mark.parametrize("lang", LANGS)
def test_every_dialog_shows_its_texts_whole_and_fits_the_screen(qtbot, app_font, demo_file, tmp_path, lang):  # noqa: F811
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    cut = {}
    for name, dialog in dialogs(window, tmp_path).items():
        qtbot.addWidget(dialog)
        show_as_on_the_laptop(dialog)
        cut[name] = problems(dialog)
        if name == "import":  # its second state: a file read, its columns matched to the layer's fields
            with qtbot.waitSignal(dialog.sigPreviewReady, timeout=30_000):
                dialog.set_source(CRAFTED / "agency_quarries_cp1251_ldid57.shp")
            settle()
            cut["import, a file read"] = problems(dialog)
        dialog.close()
    assert {name: found for name, found in cut.items() if found} == {}


def asked_problems(ask: Callable[[], object]) -> list[str]:
    """The problems of the modal dialog ``ask`` shows, measured while it waits for the user."""
    found: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        settle()
        found.extend(problems(dialog))
        dialog.close()

    QTimer.singleShot(0, look)
    ask()
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_questions_and_message_boxes_fit(qtbot, app_font, demo_file, tmp_path, lang):  # noqa: F811
    """'Your name on edits' in Russian made QInputDialog.getText 1,442 px wide, wider than the screen:
    its question did not wrap. Each question and warning the window asks, through its real caller."""
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    asks = {
        "your name": window.author.ask,
        "online tiles": window.online_tiles.open_dialog,
        "delete": lambda: confirm_delete(window, "quarries", ["Abat sand and gravel pits"]),
        "fix the outline": lambda: ask_fix(window),
    }
    found = {name: asked_problems(ask) for name, ask in asks.items()}
    assert {name: cut for name, cut in found.items() if cut} == {}


def right_hand_docks(window: MainWindow) -> list[QDockWidget]:
    """The six panels that share the right-hand column as tabs."""
    return [
        window.docks["details"],
        window.edit_actions.form_dock,
        *window.sync.docks.values(),
        window.exhibits.web_dock,
    ]


def tab_bar_of(window: MainWindow, dock: QDockWidget) -> QTabBar:
    """The window's tab bar that has a tab for ``dock`` on screen (Qt keeps spare ones parked off it)."""
    found = [bar for bar in window.findChildren(QTabBar) if shown(bar, window) and dock.windowTitle() in tab_texts(bar)]
    assert len(found) == 1, [tab_texts(bar) for bar in found]
    return found[0]


def tab_texts(bar: QTabBar) -> list[str]:
    return [bar.tabText(i) for i in range(bar.count())]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_all_six_right_hand_panels_open_show_every_tab_whole(qtbot, app_font, demo_file, tmp_path, lang):  # noqa: F811
    """Details, form, conflicts, review, history and web map open at once on a 1366x768 screen: each tab
    along the column's side shows its whole title (Kazakh and Russian titles were cut to "Нысан
    мәл…", "Қайш…"); View › Panels names each panel in full."""
    window = laptop_window(qtbot, demo_file, tmp_path, lang)
    docks = right_hand_docks(window)
    for dock in docks:
        dock.show()
    settle()
    bar = tab_bar_of(window, docks[0])
    assert tab_texts(bar) == [dock.windowTitle() for dock in docks]
    cut = [
        bar.tabText(i)
        for i in range(bar.count())
        if bar.tabRect(i).height() < bar.tabSizeHint(i).height() or not bar.rect().contains(bar.tabRect(i))
    ]
    assert cut == [], f"{bar.height()} px for {[bar.tabSizeHint(i).height() for i in range(bar.count())]}"
    assert [c for c in cut_texts(window) if any(dock.windowTitle() in c for dock in docks)] == []
    menu = [dock.toggleViewAction().text() for dock in docks]
    assert menu[0] == QApplication.translate("MainWindow", "Feature details") != docks[0].windowTitle()
    assert menu[-1] == QApplication.translate("WebMapDock", "Web map preview")
    assert [hovered(bar, i) for i in range(bar.count())] == menu  # the full name on each tab's tooltip


def test_reopened_with_the_six_open_no_tab_bar_lies_over_the_window(qtbot, app_font, demo_file, tmp_path):  # noqa: F811
    """The layout saved with the six panels open, restored at the next start: Qt made tab bars it never
    laid out, and one, shown with the window, covered the File menu with a cut "Attribute t…". The
    attribute table and the edit history tabbed together still get their tab bar."""
    window = laptop_window(qtbot, demo_file, tmp_path, "en")
    for dock in right_hand_docks(window):
        dock.show()
    settle()
    window.save_layout()
    again = MainWindow(Store.open(window.store.path), window.settings)
    qtbot.addWidget(again)
    again.resize(*LAPTOP)
    again.show()
    qtbot.waitExposed(again)
    settle()
    bars = [bar for bar in again.findChildren(QTabBar) if bar.isVisible()]  # the charts may join the table's
    stray = [(tab_texts(bar), bar.geometry()) for bar in bars if bar.count() < 2 or not inside(again, bar)]
    assert stray == []
    assert [dock.windowTitle() for dock in right_hand_docks(again)] in [tab_texts(bar) for bar in bars]
    assert cut_texts(again) == []
    again.edit_actions.show_history()
    settle()
    table = again.docks["table"].windowTitle()
    bottom = [bar for bar in again.findChildren(QTabBar) if shown(bar, again) and table in tab_texts(bar)]
    assert len(bottom) == 1 and inside(again, bottom[0]), [tab_texts(b) for b in bottom]


def inside(window: MainWindow, bar: QTabBar) -> bool:
    """Laid out in the window, below its menu bar (not parked off it, not over the menu)."""
    return window.rect().contains(bar.geometry()) and bar.geometry().top() >= window.menuBar().height()


def hovered(bar: QTabBar, index: int) -> str:
    """The tooltip a person sees resting the pointer on tab ``index``."""
    centre = bar.tabRect(index).center()
    QApplication.sendEvent(bar, QHelpEvent(QEvent.Type.ToolTip, centre, bar.mapToGlobal(centre)))
    shown = QToolTip.text()
    QToolTip.hideText()
    return shown


# The walker sees each kind of defect it is there for.


def test_the_walker_sees_a_squeezed_label_a_cut_tab_and_a_too_large_dialog(qtbot, app_font, demo_file, tmp_path):  # noqa: F811
    window = laptop_window(qtbot, demo_file, tmp_path, "kk")
    window.setTabPosition(Qt.DockWidgetArea.RightDockWidgetArea, QTabWidget.TabPosition.North)  # as it was
    open_quarry_form(window)
    for dock in right_hand_docks(window):  # six titles side by side over a 380 px column
        dock.show()
    settle()
    assert any("tabs cut" in found for found in cut_texts(window))
    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = QLabel("Менің филиалым", dialog)
    label.resize(40, 20)
    dialog.resize(1442, 92)
    dialog.show()
    settle()
    assert any("Менің филиалым" in found for found in cut_texts(dialog))
    assert too_large(dialog) is not None
