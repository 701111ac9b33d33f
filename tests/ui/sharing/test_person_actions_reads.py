"""A person's actions read the store on the window's reader threads, never on the UI thread (issue 14).

The refreshes after another program's save were moved first (test_ui_thread_reads.py); these are the
reads a click or a choice makes: the value filter's list of values, a click on a chart bar, the map's
highlight of a selection, identify on the map, the feature form filled for a feature. Every store
connection is metered (``store.meter``), so each test asserts that the action made no database call
at all on the UI thread (structure, not timing: bench/bench_ui_actions.py measures), and that the view
shows the right data once the read has landed, with a greyed "Loading…" state in between where a
person could otherwise act on a stale list.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter, metered
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.sharing.test_ui_thread_reads import ui_calls

LAYER = "brick_factories"
SITES = [
    ("Besagash", "closed", (77.06, 43.30)),
    ("Kaskelen", "operating", (76.62, 43.20)),
    ("Talgar", "operating", (77.24, 43.30)),
    ("Esik", "relocated", (77.45, 43.36)),
]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "almaty.gpkg"
    with Store.create(path) as store:
        for name, status, (lon, lat) in SITES:
            store.insert(LAYER, {"name": name, "status": status}, shapely.Point(lon, lat))
    return path


@pytest.fixture
def meter():
    with metered(stacks=True) as meter:
        yield meter


@pytest.fixture
def window(qtbot, path: Path, settings: QSettings) -> MainWindow:
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == len(SITES), timeout=10_000)
    assert window.readers.wait_idle()
    yield window
    window.close()


def fid_of(window: MainWindow, name: str) -> int:
    with Store.open(window.store.path, readonly=True) as store:
        return next(f.fid for f in store.features(LAYER) if f.attributes["name"] == name)


def test_the_value_filter_reads_its_values_on_a_reader_and_greys_the_list_meanwhile(qtbot, meter: Meter, window):
    table = window.table
    mark = meter.mark()
    table.field_combo.setCurrentIndex(table.field_combo.findData("status"))
    assert table.values_loading() and not table.value_combo.isEnabled()  # greyed until the values come
    assert table.value_edit().placeholderText() == "Loading…"
    qtbot.waitUntil(lambda: not table.values_loading(), timeout=10_000)
    assert table.value_combo.isEnabled() and table.value_edit().placeholderText() == "Value"
    texts = [table.value_combo.itemText(i) for i in range(table.value_combo.count())]
    assert {"closed", "operating", "relocated"} <= set(texts[:-1]) and texts[-1] == "(empty)"
    assert ui_calls(meter, mark) == []
    assert any(c.thread_name.startswith("baytak-reader") and "DISTINCT" in c.what for c in meter.since(mark))


def test_a_value_chosen_while_its_list_is_read_filters_at_once_and_is_shown_when_it_lands(qtbot, meter, window):
    table = window.table
    mark = meter.mark()
    table.set_value_filter("status", "operating")
    assert table.values_loading()
    qtbot.waitUntil(lambda: not table.values_loading() and table.model.rowCount() == 2, timeout=10_000)
    assert table.value_combo.currentText() == "operating"
    assert ui_calls(meter, mark) == []


def test_values_read_for_a_field_no_longer_chosen_are_dropped(qtbot, meter, window):
    table = window.table
    mark = meter.mark()
    table.field_combo.setCurrentIndex(table.field_combo.findData("status"))
    table.field_combo.setCurrentIndex(table.field_combo.findData("name"))  # before the first list came
    qtbot.waitUntil(lambda: not table.values_loading(), timeout=10_000)
    assert window.readers.wait_idle()
    texts = [table.value_combo.itemText(i) for i in range(table.value_combo.count())]
    assert sorted(texts[:-1]) == ["Besagash", "Esik", "Kaskelen", "Talgar"] and texts[-1] == "(empty)"
    assert ui_calls(meter, mark) == []
