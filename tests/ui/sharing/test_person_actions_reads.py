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
from PySide6.QtCore import QSettings, Qt

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
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
def path(tmp_path: Path) -> Path:
    path = tmp_path / "almaty.gpkg"
    with Store.create(path) as store:
        for name, status, (lon, lat) in SITES:
            store.insert(LAYER, {"name": name, "status": status}, shapely.Point(lon, lat))
    return path


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


@pytest.fixture
def fids(path: Path) -> dict[str, int]:
    """Each site's fid, read before the meter looks (a test's own reads are not the window's)."""
    with Store.open(path, readonly=True) as store:
        return {f.attributes["name"]: f.fid for f in store.features(LAYER)}


@pytest.fixture
def uuids(path: Path) -> dict[str, str]:
    with Store.open(path, readonly=True) as store:
        return {f.attributes["name"]: f.uuid for f in store.features(LAYER)}


def position(name: str) -> tuple[float, float]:
    return next(lonlat for site, _status, lonlat in SITES if site == name)


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


def wait_drawn(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.canvas.is_idle() and not window.readers.busy(), timeout=20_000)


def test_a_click_on_the_map_identifies_on_a_reader_and_shows_that_feature(qtbot, meter, window, fids):
    lon, lat = SITES[1][2]
    window.canvas.zoom_to_lonlat((lon - 0.05, lat - 0.05, lon + 0.05, lat + 0.05))
    wait_drawn(qtbot, window)
    fid = fids["Kaskelen"]
    mark = meter.mark()
    with qtbot.waitSignal(window.canvas.sigIdentified, timeout=10_000) as identified:
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(lon, lat))
    assert identified.args == [LAYER, fid]
    qtbot.waitUntil(lambda: "Kaskelen" in window.details.text(), timeout=10_000)
    qtbot.waitUntil(lambda: len(window.canvas.layers.selection_item.points) == 1, timeout=10_000)  # highlighted
    assert window.readers.wait_idle()
    assert window.selection.selected(LAYER) == {fid}
    assert ui_calls(meter, mark) == []
    assert any(c.thread_name.startswith("baytak-reader") and "rtree" in c.what.lower() for c in meter.since(mark))


def test_a_later_click_overtakes_an_earlier_one_still_read(qtbot, meter, window, fids):
    window.canvas.zoom_to_lonlat((76.5, 43.1, 77.6, 43.5))
    wait_drawn(qtbot, window)
    hits: list[tuple[str, int]] = []
    window.canvas.sigIdentified.connect(lambda layer, fid: hits.append((layer, fid)))
    for name in ("Besagash", "Talgar"):  # the second click before the first one's read has landed
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(*position(name)))
    assert window.readers.wait_idle()
    assert hits[-1] == (LAYER, fids["Talgar"]) and len(hits) <= 2
    assert window.selection.selected(LAYER) == {fids["Talgar"]}


def test_a_chart_bar_click_selects_its_features_from_a_reader(qtbot, meter, window, fids):
    window.exhibits.show_charts()  # a tab behind the table reads and draws nothing
    charts = window.exhibits.ensure_charts()
    charts.chart_combo.setCurrentIndex(charts.chart_combo.findData("status"))
    charts.layer_combo.setCurrentIndex(charts.layer_combo.findData(LAYER))
    qtbot.waitUntil(lambda: bool(charts.bars) and charts.bars[0].layer == LAYER, timeout=10_000)
    assert window.readers.wait_idle()
    busiest = max(charts.bars, key=lambda bar: len(bar.uuids))
    assert len(busiest.uuids) == 2  # the two operating works
    mark = meter.mark()
    with qtbot.waitSignal(charts.sigBarClicked, timeout=10_000):
        charts.click_at(busiest.x)
        assert charts.selecting()  # a busy cursor on the plot until the selection is made
    assert not charts.selecting()
    assert window.selection.selected(LAYER) == {fids["Kaskelen"], fids["Talgar"]}
    qtbot.waitUntil(lambda: len(window.canvas.layers.selection_item.points) == 2, timeout=10_000)  # the map's highlight
    assert window.readers.wait_idle()
    assert ui_calls(meter, mark) == []


def test_the_feature_form_is_filled_from_a_reader_with_loading_meanwhile(qtbot, meter, window, fids):
    panel = window.edit_actions.panel
    window.selection.select(LAYER, [fids["Esik"]])
    assert window.readers.wait_idle()
    mark = meter.mark()
    window.edit_actions.edit_selected()
    assert panel.loading() and panel.form is None and panel.empty.text() == "Loading…"
    qtbot.waitUntil(lambda: panel.form is not None, timeout=10_000)
    assert not panel.loading() and panel.form.values()["name"] == "Esik"
    assert panel.uuid is not None and panel.feature_geometry.equals(shapely.Point(*SITES[3][2]))
    assert window.readers.wait_idle()
    assert ui_calls(meter, mark) == []


def test_a_form_read_for_a_feature_no_longer_wanted_is_dropped(qtbot, meter, window, fids):
    panel = window.edit_actions.panel
    window.selection.select(LAYER, [fids["Esik"]])
    window.edit_actions.edit_selected()
    panel.new_feature(LAYER, shapely.Point(77.0, 43.2))  # a point placed before the read landed
    assert window.readers.wait_idle()
    assert panel.form is not None and panel.is_new() and panel.form.values()["name"] in (None, "")


def test_selecting_a_feature_looks_up_its_history_on_a_reader(qtbot, meter, window, fids, uuids):
    history = window.sync.history
    mark = meter.mark()
    window.selection.select(LAYER, [fids["Talgar"]])
    assert history.feature is None  # not the previous feature's history while the read runs
    qtbot.waitUntil(lambda: history.feature is not None, timeout=10_000)
    assert history.feature == (LAYER, uuids["Talgar"])
    assert ui_calls(meter, mark) == []


def test_the_conflicts_panel_reads_its_records_on_a_reader(qtbot, meter, window):
    panel = window.sync.conflicts
    window.sync.docks["conflicts"].show()
    mark = meter.mark()
    panel.refresh()  # as after a sync, or on opening the store
    assert panel.loading()  # the rows shown stay, greyed, until the new ones come
    qtbot.waitUntil(lambda: not panel.loading(), timeout=10_000)
    assert panel.summary.text() == "No open conflicts." and panel.tree.topLevelItemCount() == 0
    assert ui_calls(meter, mark) == []
    assert any(c.thread_name.startswith("baytak-reader") for c in meter.since(mark))
