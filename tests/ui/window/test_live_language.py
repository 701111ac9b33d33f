"""Switching the language live, kk -> ru -> en, with every panel open: no text stays in the language
before. Russian never uses the Kazakh letters ә ғ қ ң ө ұ ү һ і, and English no Cyrillic at all, so a
Kazakh word left in the Russian window, or a Cyrillic one in the English window, is a leftover. Every
text a user can read is looked at: labels, buttons, menus and actions, tips, placeholders, tabs, dock
titles, list and table headers and cells, the edit history's first line, the feature details."""

from __future__ import annotations

import re
import shutil

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTextEdit,
    QUndoView,
)

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import LANGUAGE_NAMES, set_language
from baytak_desktop.ui.table.attribute_table import MAX_COLUMN_WIDTH
from baytak_desktop.ui.window.main_window import MainWindow

KAZAKH_ONLY = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile("[А-Яа-яЁёӘҒҚҢӨҰҮҺІәғқңөұүһі]")


@pytest.fixture
def demo_file(tmp_path):
    set_language("en")
    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)  # English demo names and notes: no Cyrillic from the data itself
    return path


def model_texts(view: QAbstractItemView, rows: int = 40) -> list[str]:
    model = view.model()
    if model is None:
        return []
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a list model of Qt's own (the undo view's) hides it
        columns = 1
    found = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
    for row in range(min(rows, model.rowCount(root))):
        for column in range(columns):
            found.append(str(model.index(row, column).data() or ""))
            for child in range(min(rows, model.rowCount(model.index(row, 0)))):
                found.append(str(model.index(child, 0, model.index(row, 0)).data() or ""))
    return found


def readable_texts(window: MainWindow) -> dict[str, str]:
    """Every text a user can read, by where it is (object names make a failure easy to find)."""
    texts: dict[str, str] = {}

    def add(where: object, *values: str) -> None:
        name = getattr(where, "objectName", lambda: "")() or type(where).__name__
        parent = getattr(where, "parent", lambda: None)()
        while parent is not None and not parent.objectName():
            parent = parent.parent()
        name = f"{parent.objectName() if parent is not None else ''}/{name}"
        for value in values:
            if value:
                texts[f"{type(where).__name__}:{name}:{value}"] = value

    languages = set(LANGUAGE_NAMES.values())
    for action in window.findChildren(QAction):
        if action.text().replace("&", "") not in languages:
            add(action, action.text(), action.toolTip(), action.statusTip())
    for widget in window.findChildren(QLabel):
        add(widget, widget.text(), widget.toolTip())
    for button in window.findChildren(QAbstractButton):
        add(button, button.text(), button.toolTip())
    for edit in window.findChildren(QLineEdit):
        add(edit, edit.placeholderText(), edit.toolTip())
    for box in window.findChildren(QGroupBox):
        add(box, box.title())
    for menu in window.findChildren(QMenu):
        add(menu, menu.title())
    for dock in window.findChildren(QDockWidget):
        add(dock, dock.windowTitle())
    for bar in window.findChildren(QTabBar):
        on_top = window.childAt(bar.geometry().center())  # Qt keeps a dock tab bar it stopped using (under the map)
        if not bar.isVisible() or on_top is None or not (on_top is bar or bar.isAncestorOf(on_top)):
            continue
        add(bar, *(bar.tabText(i) for i in range(bar.count())))
    for combo in window.findChildren(QComboBox):
        add(combo, *(combo.itemText(i) for i in range(combo.count())))
    for text in window.findChildren(QTextEdit):
        add(text, text.toPlainText())
    for history in window.findChildren(QUndoView):
        add(history, history.emptyLabel())
    for view in window.findChildren(QAbstractItemView):
        add(view, *model_texts(view))
    return texts


def test_a_live_switch_leaves_nothing_in_the_language_before(qtbot, demo_file, tmp_path):
    path = tmp_path / "open.gpkg"
    shutil.copy(demo_file, path)
    set_language("kk")  # started in Kazakh, as the activist's computer is
    window = MainWindow(Store.open(path), QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    for dock in window.findChildren(QDockWidget):
        dock.show()
    store = window.store
    assert store is not None
    uuid = next(store.iter_uuids("quarries"))
    window.edit_actions.session.update_attributes("quarries", uuid, {"operator": "Demo LLP"})  # a step in the history
    window.edit_actions.panel.edit_feature("quarries", uuid)  # the form and the details filled
    window.show_feature("quarries", store.fid_of("quarries", uuid) or 1)
    for lang in ("kk", "ru", "en", "ru"):
        window.switch_language(lang)
        QApplication.processEvents()
        QApplication.processEvents()
        texts = readable_texts(window)
        header = window.table.view.horizontalHeader()
        clipped = [
            window.table.model.headerData(c, Qt.Orientation.Horizontal)
            for c in range(window.table.model.columnCount())
            if header.sectionSize(c) < min(header.sectionSizeHint(c), MAX_COLUMN_WIDTH)
        ]
        assert clipped == [], f"table headers cut off in {lang}"
        if lang == "kk":
            assert any(KAZAKH_ONLY.search(text) for text in texts.values())  # the check can see Kazakh
            steps = [t for w, t in texts.items() if w.startswith("QUndoView") or w.startswith("StepAction")]
            assert any(KAZAKH_ONLY.search(text) for text in steps), steps  # and the steps are in Kazakh
        if lang == "ru":
            left = sorted(where for where, text in texts.items() if KAZAKH_ONLY.search(text))
            assert left == [], "Kazakh left in the Russian window:\n" + "\n".join(left)
        if lang == "en":
            left = sorted(where for where, text in texts.items() if CYRILLIC.search(text))
            assert left == [], "Cyrillic left in the English window:\n" + "\n".join(left)
    window.close()
    set_language("en")
