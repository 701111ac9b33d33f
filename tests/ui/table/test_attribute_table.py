"""The attribute table on real GeoPackages, offscreen: filters, sorting, labels, selection, laziness."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionComboBox

from baytak_desktop.layers import get_layer
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.table.attribute_table import (
    MAX_COLUMN_WIDTH,
    MAX_FIELD_TITLE_PX,
    MAX_VIEW_RUNS,
    AttributeTable,
    row_runs,
)
from baytak_desktop.ui.table.model import MAX_BLOCKS, AttributeTableModel

QUARRIES = [  # name, status, area is derived; operator; observed_on
    ("Абат карьері", "illegal", "ТОО Құм", "2024-05-01"),
    ("Караой", "illegal", None, "2023-09-12"),
    ("Otegen Batyr gravel", "active", "АО Gravel", None),
    ("Бесагаш", "abandoned", "ИП Ёлкин", "2022-01-30"),
    ("Zhetysu stone", "restored", "ТОО Тас", "2020-02-02"),
]
STATUSES = ("operating", "closed", "relocated", "unknown")


@pytest.fixture
def language():
    """Switch the UI language for a test; always back to English afterwards."""

    def switch(lang: str) -> None:
        set_language(lang)
        QApplication.processEvents()  # Qt posts the LanguageChange events

    yield switch
    switch("en")


@pytest.fixture
def quarry_store(tmp_path):
    store = Store.create(tmp_path / "quarries.gpkg")
    store.insert_many(
        "quarries",
        {
            "name": [q[0] for q in QUARRIES],
            "status": [q[1] for q in QUARRIES],
            "operator": [q[2] for q in QUARRIES],
            "observed_on": [q[3] for q in QUARRIES],
        },
        [shapely.MultiPolygon([shapely.box(77 + i / 10, 43.5, 77.01 + i / 10, 43.51)]) for i in range(len(QUARRIES))],
    )
    yield store
    store.close()


@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """100,000 brick factories (built once for the module)."""
    n = 100_000
    rng = np.random.default_rng(7)
    store = Store.create(tmp_path_factory.mktemp("big") / "big.gpkg")
    store.insert_many(
        "brick_factories",
        {
            "name": [f"Factory {i:06d}" for i in range(n)],
            "status": rng.choice(np.array(STATUSES, dtype=object), n).tolist(),
        },
        list(shapely.points(rng.uniform(50, 85, n), rng.uniform(41, 54, n))),
    )
    yield store
    store.close()


def _table(qtbot, store, layer) -> AttributeTable:
    table = AttributeTable()
    qtbot.addWidget(table)
    table.set_store(store)
    table.set_layer(layer)
    table.resize(900, 500)
    return table


def _column(table: AttributeTable, name: str) -> int:
    return table.model.schema().field_names.index(name)


def _shown(table: AttributeTable, field: str) -> list[str]:
    model, column = table.model, _column(table, field)
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def test_header_titles_and_row_count(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    model = table.model
    assert model.rowCount() == len(QUARRIES)
    assert model.headerData(_column(table, "legal_status"), Qt.Orientation.Horizontal) == "Legal status"
    assert table.count_label.text() == "5 feature(s)"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_empty_layer_shows_its_column_titles_whole(qtbot, quarry_store, language, lang):
    language(lang)
    table = _table(qtbot, quarry_store, "tree_plantings")  # no features: nothing to fit the columns to
    assert table.model.rowCount() == 0
    header = table.view.horizontalHeader()
    for column in range(table.model.columnCount()):
        title = table.model.headerData(column, Qt.Orientation.Horizontal)
        wanted = min(header.sectionSizeHint(column), MAX_COLUMN_WIDTH)
        assert header.sectionSize(column) >= wanted, (title, header.sectionSize(column), wanted)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_field_filter_shows_its_title_whole_at_the_windows_width(qtbot, quarry_store, language, lang):
    """At 1366 x 768 the table's dock is about 730 px wide, and the window shows the table before a store
    fills its filters: the layout squeezed the field filter to "Кез келг" / "Любое п". Every title of the
    filter (up to the cap) fits its text box, whatever came first."""
    table = AttributeTable()
    qtbot.addWidget(table)
    table.resize(730, 300)
    table.show()
    qtbot.waitExposed(table)
    table.set_store(quarry_store)
    table.set_layer("tree_plantings")
    language(lang)
    combo = table.field_combo
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        QApplication.processEvents()
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        box = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        needed = min(combo.fontMetrics().horizontalAdvance(combo.currentText()), MAX_FIELD_TITLE_PX)
        assert box.width() >= needed, (combo.currentText(), box.width(), needed)
    assert table.search_edit.width() > 100  # the room came from the search box, which still has some


def test_filter_by_text_matches_a_russian_label(qtbot, quarry_store, language):
    language("ru")
    table = _table(qtbot, quarry_store, "quarries")
    table.set_text_filter("незаконн")
    assert sorted(_shown(table, "name")) == ["Абат карьері", "Караой"]
    assert set(_shown(table, "status")) == {"незаконный"}
    assert table.count_label.text().startswith("2")


def test_filter_by_text_matches_a_kazakh_label(qtbot, quarry_store, language):
    language("kk")
    table = _table(qtbot, quarry_store, "quarries")
    table.set_text_filter("Заңсыз")
    assert sorted(_shown(table, "name")) == ["Абат карьері", "Караой"]


def test_typing_in_the_search_box_filters_by_name_after_a_pause(qtbot, quarry_store, language):
    language("en")  # English as the app shows it: with baytak_en.qm's plural forms
    table = _table(qtbot, quarry_store, "quarries")
    qtbot.keyClicks(table.search_edit, "OTEGEN")  # QTest types Latin-1 only; Cyrillic is tested above
    qtbot.waitUntil(lambda: table.model.rowCount() == 1)
    assert _shown(table, "name") == ["Otegen Batyr gravel"]
    assert table.count_label.text() == "1 of 5 features"
    table.search_edit.clear()
    qtbot.waitUntil(lambda: table.model.rowCount() == 5)


def test_filter_by_field_value(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    table.field_combo.setCurrentIndex(table.field_combo.findData("status"))
    index = table.value_combo.findText("illegal")
    table.value_combo.setCurrentIndex(index)
    table.value_combo.activated.emit(index)
    assert sorted(_shown(table, "name")) == ["Абат карьері", "Караой"]
    table.set_value_filter("operator", None)  # "(empty)"
    assert _shown(table, "name") == ["Караой"]
    table.set_value_filter(None)
    assert table.model.rowCount() == 5


def test_typed_value_is_read_like_the_field_reads_input(qtbot, quarry_store, language):
    language("ru")
    table = _table(qtbot, quarry_store, "quarries")
    table.field_combo.setCurrentIndex(table.field_combo.findData("observed_on"))
    table.value_combo.setEditText("01.05.2024")  # day first, as written in Kazakhstan
    table.apply_filters()
    assert _shown(table, "name") == ["Абат карьері"]
    table.value_combo.setEditText("not a date")
    table.apply_filters()
    assert "not a real date" in table.count_label.text()


@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_clicking_a_header_sorts_like_sql(qtbot, quarry_store, order):
    table = _table(qtbot, quarry_store, "quarries")
    table.view.sortByColumn(_column(table, "observed_on"), order)
    direction = "DESC" if order == Qt.SortOrder.DescendingOrder else "ASC"
    truth = [
        r[0]
        for r in quarry_store.conn.execute(
            f"SELECT fid FROM quarries ORDER BY observed_on IS NULL, observed_on {direction}, fid"
        )
    ]
    assert table.model.fids().tolist() == truth


def test_sorting_keeps_the_selection(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    fid = table.model.fid_at(3)
    table.view.selectRow(3)
    table.view.sortByColumn(_column(table, "name"), Qt.SortOrder.DescendingOrder)
    rows = sorted({index.row() for index in table.view.selectionModel().selectedRows()})
    assert [table.model.fid_at(row) for row in rows] == [fid]
    assert table.selection_model().selected("quarries") == {fid}


def test_labels_numbers_and_dates_follow_the_language(qtbot, quarry_store, language):
    table = _table(qtbot, quarry_store, "quarries")
    row = table.model.fids().tolist().index(1)
    status, observed = (
        table.model.index(row, _column(table, "status")),
        table.model.index(row, _column(table, "observed_on")),
    )
    assert table.model.data(status) == "illegal"
    language("ru")
    assert table.model.data(status) == "незаконный"
    assert table.model.data(observed) == "01.05.2024"
    language("kk")
    assert table.model.data(status) == "заңсыз"
    language("en")
    assert table.model.data(status) == "illegal"


def test_a_locale_number(qtbot, tmp_path, language):
    store = Store.create(tmp_path / "trees.gpkg")
    store.insert(
        "tree_plantings",
        {"species": "saxaul", "tree_count": 12500, "status": "planted", "survival_rate": 87.5},
        shapely.Point(62, 45),
    )
    table = _table(qtbot, store, "tree_plantings")
    language("ru")
    assert table.model.data(table.model.index(0, _column(table, "tree_count"))) == "12\u00a0500"
    assert table.model.data(table.model.index(0, _column(table, "survival_rate"))) == "87,5"
    assert table.model.data(table.model.index(0, _column(table, "species"))) == "саксаул"
    table.close()
    store.close()


def test_selecting_rows_updates_the_shared_selection(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    shared = SelectionModel()
    table.set_selection_model(shared)
    with qtbot.waitSignal(shared.sigChanged):
        table.view.selectRow(1)
    assert shared.selected("quarries") == {table.model.fid_at(1)}
    table.view.selectionModel().select(
        table.model.index(3, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    assert shared.selected("quarries") == {table.model.fid_at(1), table.model.fid_at(3)}
    with qtbot.waitSignal(table.sigZoomTo) as zoom:
        table.zoom_button.click()
    assert zoom.args == ["quarries", sorted(shared.selected("quarries"))]
    highlighted = [r for r in range(5) if table.model.data(table.model.index(r, 0), Qt.ItemDataRole.BackgroundRole)]
    assert highlighted == [1, 3]
    table.clear_button.click()
    assert shared.selected("quarries") == frozenset() and not table.view.selectionModel().hasSelection()


def test_a_selection_made_elsewhere_selects_the_rows(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    shared = SelectionModel()
    table.set_selection_model(shared)
    shared.select("quarries", [2, 5])
    rows = sorted(index.row() for index in table.view.selectionModel().selectedRows())
    assert sorted(table.model.fid_at(r) for r in rows) == [2, 5]
    shared.select("brick_factories", [1])  # another layer: this one's selection is cleared
    assert not table.view.selectionModel().hasSelection()


def test_moving_to_a_row_names_its_feature_for_the_details_dock(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    with qtbot.waitSignal(table.sigCurrentFeature) as current:
        table.view.setCurrentIndex(table.model.index(2, 1))
    assert current.args == ["quarries", table.model.fid_at(2)]


def test_without_a_store_the_table_is_empty(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    table.set_store(None)
    assert table.model.rowCount() == 0 and table.model.columnCount() == 0
    assert not table.value_combo.isEnabled()


def test_double_click_zooms_to_the_feature(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    with qtbot.waitSignal(table.sigZoomTo) as zoom:
        table.view.doubleClicked.emit(table.model.index(2, 0))
    assert zoom.args == ["quarries", [table.model.fid_at(2)]]


def test_refresh_shows_a_new_feature_and_keeps_the_filter(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    table.set_text_filter("карьер")
    quarry_store.insert(
        "quarries",
        {"name": "Новый карьер", "status": "active"},
        shapely.MultiPolygon([shapely.box(76, 43, 76.01, 43.01)]),
    )
    table.refresh()
    assert sorted(_shown(table, "name")) == ["Абат карьері", "Новый карьер"]


def test_switching_layer(qtbot, quarry_store):
    table = _table(qtbot, quarry_store, "quarries")
    table.set_layer("brick_factories")
    assert table.layer() == "brick_factories" and table.model.rowCount() == 0
    assert table.model.columnCount() == len(get_layer("brick_factories").fields)


def test_row_runs():
    assert row_runs(np.array([1, 2, 3, 7, 9, 10])) == [(1, 3), (7, 7), (9, 10)]
    assert row_runs(np.array([], dtype=np.int64)) == []
    assert row_runs(np.array([1, 2, 3, 7, 9, 10]), 3) == [(1, 3), (7, 7), (9, 10)]
    assert row_runs(np.array([1, 2, 3, 7, 9, 10]), 2) is None  # too many to be ranges: not made at all
    assert row_runs(np.arange(0, 50_000, 2), 500) is None


# -- 100,000 rows --------------------------------------------------------------------------------------
def _wait_idle(qtbot, model: AttributeTableModel) -> None:
    qtbot.waitUntil(lambda: not model.busy, timeout=20_000)


def test_100k_rows_are_counted_and_fetched_lazily(qtbot, big_store):
    table = _table(qtbot, big_store, "brick_factories")
    model = table.model
    _wait_idle(qtbot, model)
    assert model.rowCount() == 100_000
    last = model.index(99_999, _column(table, "name"))
    assert model.data(last) == "Factory 099999"
    table.show()
    table.view.scrollToBottom()
    qtbot.wait(20)
    for row in range(0, 100_000, 997):  # skim the whole table as a fast scroll would
        model.data(model.index(row, 0))
    assert model.cached_rows() <= MAX_BLOCKS * 256
    assert model.blocks_fetched < 200  # one per block touched, not per row


def test_100k_rows_sort_on_a_worker_and_swap_in(qtbot, big_store):
    table = _table(qtbot, big_store, "brick_factories")
    model = table.model
    _wait_idle(qtbot, model)
    table.selection_model().select("brick_factories", [12_345])
    with qtbot.waitSignal(model.sigQueryFinished, timeout=20_000):
        table.view.sortByColumn(_column(table, "name"), Qt.SortOrder.DescendingOrder)
        assert model.busy and table.count_label.text() == "Updating…"  # the UI thread did not wait
    assert model.data(model.index(0, _column(table, "name"))) == "Factory 099999"
    truth = [r[0] for r in big_store.conn.execute("SELECT fid FROM brick_factories ORDER BY name DESC, fid LIMIT 50")]
    assert model.fids()[:50].tolist() == truth
    rows = [index.row() for index in table.view.selectionModel().selectedRows()]
    assert [model.fid_at(r) for r in rows] == [12_345]


def test_100k_rows_filter_by_label_on_a_worker(qtbot, big_store, language):
    language("ru")
    table = _table(qtbot, big_store, "brick_factories")
    _wait_idle(qtbot, table.model)
    with qtbot.waitSignal(table.model.sigQueryFinished, timeout=20_000):
        table.set_text_filter("перенес")
    expected = big_store.conn.execute("SELECT count(*) FROM brick_factories WHERE status = 'relocated'").fetchone()[0]
    assert table.model.rowCount() == expected
    assert set(table.model.data(table.model.index(r, _column(table, "status"))) for r in range(20)) == {"перенесён"}


def test_a_big_scattered_selection_from_the_map_is_shown_by_the_model(qtbot, big_store):
    table = _table(qtbot, big_store, "brick_factories")
    model = table.model
    _wait_idle(qtbot, model)
    chosen = sorted(np.random.default_rng(3).choice(100_000, MAX_VIEW_RUNS * 3, replace=False) + 1)
    table.selection_model().select("brick_factories", chosen)
    painted = [row for row in range(0, 5_000) if model.data(model.index(row, 0), Qt.ItemDataRole.BackgroundRole)]
    assert [model.fid_at(row) for row in painted] == [fid for fid in chosen if fid <= 5_000]
    with qtbot.waitSignal(table.sigZoomTo) as zoom:
        table.zoom_button.click()
    assert zoom.args[1] == [int(f) for f in chosen]
    table.view.selectRow(0)  # a click replaces it
    assert table.selection_model().selected("brick_factories") == {model.fid_at(0)}
    assert not model.data(model.index(painted[0], 0), Qt.ItemDataRole.BackgroundRole) or painted[0] == 0


def test_a_stale_result_is_dropped(qtbot, big_store):
    table = _table(qtbot, big_store, "brick_factories")
    model = table.model
    _wait_idle(qtbot, model)
    table.view.sortByColumn(_column(table, "name"), Qt.SortOrder.DescendingOrder)
    table.view.sortByColumn(_column(table, "name"), Qt.SortOrder.AscendingOrder)  # overtakes the first
    _wait_idle(qtbot, model)
    model.wait()
    qtbot.wait(50)
    assert model.data(model.index(0, _column(table, "name"))) == "Factory 000000"
