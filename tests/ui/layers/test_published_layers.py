"""Layers the party published, everywhere in the real window: a point layer of illegal dumps and a line
layer of rivers, applied to the store the way a pull applies them, shown in the layer panel, on the map,
in the table, in forms in Kazakh and Russian, drawn with the line tool, edited corner by corner, printed
in an exhibit; and a layer arriving with a sync while the window is open."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely
from layer_helpers import ILLEGAL_DUMPS, RIVERS, factories_with_kilns_and_a_code, publish_into
from PySide6.QtCore import QSettings, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication

from baytak_desktop.exhibits.print_spec import spec_from_options
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.edit.tools.vertex_edit import Vertices
from baytak_desktop.ui.paint.print_layout import export_exhibit
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.writes import written

DUMP = shapely.Point(76.95, 43.30)
ILE = shapely.LineString([(76.90, 43.27), (76.95, 43.33), (77.02, 43.36)])
VIEW = (76.85, 43.22, 77.08, 43.40)
AIR = {
    "name": "air_samples",
    "geometry": "POINT",
    "title": {"en": "Air samples", "kk": "Ауа сынамалары", "ru": "Пробы воздуха"},
    "fields": [
        {
            "name": "status",
            "type": "text",
            "title": {"en": "Status", "kk": "Мәртебесі", "ru": "Статус"},
            "vocabulary": [{"code": "taken", "en": "Taken", "kk": "Алынды", "ru": "Взята"}],
        }
    ],
}


@pytest.fixture
def store(tmp_path):
    store = Store.create(tmp_path / "field.gpkg")
    publish_into(store, ILLEGAL_DUMPS, RIVERS)
    store.insert("illegal_dumps", {"name": "Үйінді", "status": "active", "burning": 1}, DUMP)
    store.insert("rivers", {"name": "Іле"}, ILE)
    return store


@pytest.fixture
def window(qtbot, store, tmp_path):
    i18n.set_language("en")
    window = MainWindow(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.zoom_to_lonlat(VIEW)
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    yield window
    window.close()
    i18n.set_language("en")
    QApplication.processEvents()


def switch(qtbot, window, lang: str) -> None:
    window.switch_language(lang)
    QApplication.processEvents()


def panel_rows(window) -> dict[str, list[str]]:
    """Each layer's title in the panel, with the labels of its legend rows."""
    rows = {}
    for item in window.layer_panel.tree.layer_items():
        rows[item.text(0)] = [item.child(i).text(0) for i in range(item.childCount())]
    return rows


def test_the_panel_the_map_and_the_table_show_the_published_layers_in_kazakh(qtbot, window, store):
    switch(qtbot, window, "kk")
    rows = panel_rows(window)
    assert rows["Заңсыз қоқыс үйінділері"] == ["Белсенді", "Тазартылды"]  # categorized by status, from the definition
    assert "Өзендер мен арналар" in rows and "Карьерлер" in rows
    assert window.layer_panel.styles()["illegal_dumps"].symbol_for("active").fill == "#d7191c"
    assert window.layer_panel.styles()["rivers"].symbol.stroke == "#1f78b4"
    # the map draws both, with nothing to complain about
    assert {"illegal_dumps", "rivers"} <= set(window.canvas.layers.present)
    assert window.canvas.problems() == []
    # the table: the layer list, the column titles and a value in Kazakh
    window.open_table("illegal_dumps")
    table = window.table
    assert table.layer_combo.itemText(table.layer_combo.findData("illegal_dumps")) == "Заңсыз қоқыс үйінділері"
    qtbot.waitUntil(lambda: table.model.rowCount() == 1, timeout=10_000)
    headers = [table.model.headerData(c, Qt.Orientation.Horizontal) for c in range(table.model.columnCount())]
    assert "Көлемі, м³" in headers and "Мәртебесі" in headers and "Жанып жатыр" in headers
    shown = {table.model.index(0, c).data() for c in range(table.model.columnCount())}
    assert "Белсенді" in shown and "иә" in shown  # the status label and the yes/no, as a reader says them
    window.open_table("rivers")
    qtbot.waitUntil(lambda: table.model.rowCount() == 1, timeout=10_000)
    length = next(
        table.model.index(0, c).data()
        for c in range(table.model.columnCount())
        if table.model.headerData(c, Qt.Orientation.Horizontal) == "Ұзындығы, км"
    )
    assert length and float(length.replace(",", ".").replace("\u00a0", "")) > 10


@pytest.mark.parametrize(
    "lang, title, volume, burning, statuses, yes",
    [
        ("kk", "Заңсыз қоқыс үйінділері", "Көлемі, м³", "Жанып жатыр", ["Белсенді", "Тазартылды"], "иә"),
        ("ru", "Незаконные свалки", "Объём, м³", "Горит", ["Действующая", "Ликвидирована"], "да"),
    ],
)
def test_the_form_is_made_from_the_definition_in_the_ui_language(
    qtbot, window, store, lang, title, volume, burning, statuses, yes
):
    switch(qtbot, window, lang)
    actions = window.edit_actions
    actions.set_edit_layer("illegal_dumps")
    assert actions.actions["add_point"].isEnabled() and not actions.actions["draw_line"].isEnabled()
    actions.actions["add_point"].trigger()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(76.97, 43.31))
    form = actions.panel.form
    assert form.title.text() == title
    assert form.labels["volume_m3"].text() == volume
    assert form.labels["burning"].text() == burning
    status = form.editors["status"].combo
    assert [status.itemText(i) for i in range(1, status.count())] == statuses
    burning_combo = form.editors["burning"].combo
    assert burning_combo.itemText(1) == yes
    # the range and the required fields come from the definition too
    volume_editor = form.editors["volume_m3"]  # a line typed as the person writes numbers, its range as the hint
    assert volume_editor.field.maximum == pytest.approx(1_000_000) and volume_editor.edit.placeholderText()
    assert not form.is_valid()  # name and status are required
    form.editors["name"].set_value("Қоқыс")
    status.setCurrentIndex(status.findData("cleaned"))
    burning_combo.setCurrentIndex(burning_combo.findData(0))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    saved = [f for f in store.features("illegal_dumps") if f["name"] == "Қоқыс"]
    assert len(saved) == 1 and saved[0]["status"] == "cleaned" and saved[0]["burning"] == 0


def test_draw_a_river_with_the_line_tool_then_move_one_of_its_points(qtbot, window, store):
    actions = window.edit_actions
    actions.set_edit_layer("rivers")
    assert actions.actions["draw_line"].isEnabled()
    assert not actions.actions["draw_polygon"].isEnabled() and not actions.actions["add_point"].isEnabled()
    actions.actions["draw_line"].trigger()
    viewport = window.canvas.viewport()
    points = [(76.88, 43.25), (76.93, 43.29), (76.99, 43.30)]
    for lon, lat in points[:-1]:
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(lon, lat))
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(*points[-1]))
    form = actions.panel.form
    assert form is not None and form.schema.name == "rivers"
    assert form.derived["length_km"].text() not in ("", "—")  # measured as it is drawn
    form.editors["name"].set_value("Қаскелең")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (river,) = [f for f in store.features("rivers") if f["name"] == "Қаскелең"]
    stored = store.get("rivers", river.uuid)
    assert stored.geometry.geom_type == "MultiLineString" and len(shapely.get_coordinates(stored.geometry)) == 3
    assert stored.attributes["length_km"] == pytest.approx(9.8, rel=0.2)

    # vertex editing: a line's points move, a point is added on a segment, the last two cannot go
    vertices = Vertices.of(stored.geometry)
    assert vertices.line == "MultiLineString" and len(vertices.coords()) == 3
    moved = vertices.moved((0, 1), (76.94, 43.31)).geometry()
    assert moved.geom_type == "MultiLineString" and moved.geoms[0].coords[1] == pytest.approx((76.94, 43.31))
    assert not moved.geoms[0].is_closed
    actions.actions["edit_vertices"].trigger()
    tool = window.canvas.tool()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(*points[1]))
    written(qtbot, window)  # the feature under the click is read on a reader
    assert tool.feature == ("rivers", river.uuid) and tool.vertices.line == "MultiLineString"
    start, end = window.canvas.pos_of(*points[1]), window.canvas.pos_of(76.96, 43.26)  # away from the Ile
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    written(qtbot, window)
    line = store.get("rivers", river.uuid).geometry.geoms[0]
    assert line.coords[1] == pytest.approx((76.96, 43.26), abs=2e-3) and len(line.coords) == 3
    two = Vertices.of(shapely.LineString([(0, 0), (1, 1)]))
    assert not two.can_remove((0, 0)) and two.geometry().geom_type == "LineString"


def test_an_exhibit_prints_the_published_layers_with_their_legend_in_kazakh(qapp, store, tmp_path):
    i18n.set_language("kk")
    try:
        spec = spec_from_options(
            store.path,
            tmp_path / "dumps.pdf",
            layers="illegal_dumps,rivers",
            extent=",".join(map(str, VIEW)),
            lang="kk",
        )
        export_exhibit(spec)
    finally:
        i18n.set_language("en")
    document = QPdfDocument()
    document.load(str(tmp_path / "dumps.pdf"))
    text = document.getAllText(0).text()
    assert "Заңсыз қоқыс үйінділері" in text and "Белсенді (1)" in text and "Өзендер мен арналар (1)" in text


def test_the_web_map_of_the_window_has_the_published_layers(qtbot, window):
    from baytak_desktop.exhibits.webmap import build_webmap

    html, result = build_webmap(window.store, list(window.visible_layers()), "kk")
    assert result.layers["illegal_dumps"] == 1 and result.layers["rivers"] == 1
    assert "Өзендер мен арналар" in html


def test_a_layer_arriving_with_a_sync_appears_in_the_open_window(qtbot, window, store, tmp_path: Path):
    """The store's events say the catalog changed (a pull applied a revision): the panel, the edit layers,
    the table and the charts list the new layer, with no restart."""
    assert json.dumps(AIR)  # a definition as the server sends it
    publish_into(store, AIR)
    store.announce(store.events.catalog_changed)  # what sync.engine.pull announces with the page
    assert window.readers.wait_idle()  # the new layers are read on a reader, then taken in
    assert "air_samples" in window.layer_panel.styles()
    assert window.edit_actions.layer_combo.findData("air_samples") >= 0
    assert window.table.layer_combo.findData("air_samples") >= 0
    assert "air_samples" in window.canvas.layers.present
    window.switch_language("kk")
    QApplication.processEvents()
    assert "Ауа сынамалары" in panel_rows(window)


def test_sites_by_status_offers_a_published_layer_with_a_status_vocabulary(qtbot, store):
    from baytak_desktop.ui.exhibits.charts import STATUS, ChartsDock

    i18n.set_language("kk")
    try:
        dock = ChartsDock()
        qtbot.addWidget(dock)
        dock.chart_combo.setCurrentIndex(dock.chart_combo.findData(STATUS))
        dock.set_store(store.path)
        layers = [dock.layer_combo.itemData(i) for i in range(dock.layer_combo.count())]
        assert "illegal_dumps" in layers and "rivers" not in layers  # rivers have no status
        dock.layer_combo.setCurrentIndex(dock.layer_combo.findData("illegal_dumps"))
        dock.refresh()
        assert [bar.layer for bar in dock.bars] == ["illegal_dumps"]
        assert dock.layer_combo.currentText() == "Заңсыз қоқыс үйінділері"
    finally:
        i18n.set_language("en")


def test_the_dossier_of_a_river_names_its_layer_and_fields_in_kazakh(qapp, store, tmp_path):
    from pypdf import PdfReader

    from baytak_desktop.cli import main

    (uuid,) = list(store.iter_uuids("rivers"))
    out = tmp_path / "ile.pdf"
    args = ["dossier", str(store.path), "--uuid", uuid, "--out", str(out), "--lang", "kk", "--no-server"]
    assert main(args) == 0
    found = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(str(out)).pages)
    assert "Өзендер мен арналар" in found and "Ұзындығы, км" in found and "Іле" in found


def test_import_and_export_dialogs_offer_the_published_layers(qtbot, store, tmp_path):
    from baytak_desktop.ui.window.export_dialog import ExportDialog
    from baytak_desktop.ui.window.import_dialog import ImportDialog

    i18n.show_catalog(store.catalog)
    export = ExportDialog(layer="rivers", folder=tmp_path, catalog=store.catalog)
    qtbot.addWidget(export)
    assert export.layer() == "rivers" and export.layer_combo.currentText() == "Rivers and canals"
    dialog = ImportDialog(layer="illegal_dumps", folder=tmp_path, catalog=store.catalog)
    qtbot.addWidget(dialog)
    assert dialog.layer() == "illegal_dumps"
    fields = [dialog.mapping.item(row, 0).text() for row in range(dialog.mapping.rowCount())]
    assert "Volume, m³" in fields and "Burning" in fields and "Found on" in fields


def test_the_style_of_a_line_layer_is_its_colour_and_width(qtbot, store):
    from baytak_desktop.ui.layers.style_dialog import StyleDialog

    i18n.set_language("kk")
    try:
        dialog = StyleDialog(store.styles()["rivers"], store)
        qtbot.addWidget(dialog)
        editor = dialog.symbol_editor
        assert editor.line and not editor.form.isRowVisible(editor.fill)
        assert not editor.form.isRowVisible(editor.point_size) and not editor.form.isRowVisible(editor.transparency)
        assert editor.captions[editor.stroke].text() == "Сызық түсі"
        editor.stroke_width.setValue(4.0)
        assert editor.symbol(dialog.original.symbol).stroke_width == 4.0
    finally:
        i18n.set_language("en")


def test_an_open_import_dialog_takes_in_a_field_and_a_layer_a_sync_brought(qtbot, store, tmp_path):
    from baytak_desktop.ui.window.import_dialog import ImportDialog

    i18n.show_catalog(store.catalog)
    dialog = ImportDialog(layer="brick_factories", folder=tmp_path, catalog=store.catalog)
    qtbot.addWidget(dialog)
    dialog._constants["operator"].set_value("ЖШС «Кірпіш»")
    publish_into(store, factories_with_kilns_and_a_code(), AIR)
    i18n.show_catalog(store.catalog)
    dialog.catalog_changed(store.catalog)
    fields = [dialog.mapping.item(row, 0).data(Qt.ItemDataRole.UserRole) for row in range(dialog.mapping.rowCount())]
    assert "kiln_count" in fields and dialog.layer() == "brick_factories"
    assert dialog.constants() == {"operator": "ЖШС «Кірпіш»"}
    assert dialog.layer_combo.findData("air_samples") >= 0
