"""The style dialog driven like a user would: choose, classify, recolour, OK or Cancel; check the store."""

from __future__ import annotations

import pytest
import shapely
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from baytak_desktop.demo import build_demo
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.store import Store
from baytak_desktop.ui.layers.panel import LayerPanel
from baytak_desktop.ui.layers.style_dialog import StyleDialog


@pytest.fixture
def demo_store(tmp_path):
    store = Store.create(tmp_path / "demo.gpkg")
    build_demo(store)
    yield store
    store.close()


@pytest.fixture
def panel(qtbot, demo_store):
    widget = LayerPanel()
    qtbot.addWidget(widget)
    widget.set_store(demo_store)
    return widget


def press(qtbot, dialog, which):
    qtbot.mouseClick(dialog.buttons.button(which), Qt.MouseButton.LeftButton)


def choose_field(dialog, name):
    dialog.field.setCurrentIndex(dialog.field.findData(name))


def add_factories(store, operators):
    for i, operator in enumerate(operators):
        store.insert(
            "brick_factories",
            {"name": f"Works {i}", "status": "operating", "operator": operator},
            shapely.Point(76.5 + i / 10, 43.3),
        )


def test_categorizing_by_a_free_text_field_uses_the_values_in_the_store(qtbot, panel, demo_store):
    add_factories(demo_store, ["Кірпіш ЖШС", "Кірпіш ЖШС", "Brick LLP"])
    dialog = panel.open_style_dialog("brick_factories")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(1)
    choose_field(dialog, "operator")
    qtbot.mouseClick(dialog.classify_button, Qt.MouseButton.LeftButton)
    values = [value for value, _ in dialog.table.categories()]
    assert values[0] == "Кірпіш ЖШС" and "Brick LLP" in values  # most frequent first
    assert set(values) == {
        r[0]
        for r in demo_store.conn.execute("SELECT DISTINCT operator FROM brick_factories WHERE operator IS NOT NULL")
    }
    dialog.table.color_button("Brick LLP").set_color("#123456")
    assert dict(dialog.preview.entries())["Brick LLP"].fill == "#123456"  # the preview follows at once
    with qtbot.waitSignal(panel.sigStylesChanged) as changed:
        press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    style = changed.args[0]["brick_factories"]
    assert style.kind == "categorized" and style.field == "operator"
    assert style.symbol_for("Brick LLP").fill == "#123456"
    assert demo_store.styles()["brick_factories"] == style  # saved
    item = panel.tree.layer_item("brick_factories")
    assert [item.child(i).text(0) for i in range(item.childCount())] == values


def test_a_vocabulary_field_offers_every_code_with_labels(qtbot, panel):
    dialog = panel.open_style_dialog("quarries")
    qtbot.addWidget(dialog)
    choose_field(dialog, "legal_status")
    dialog.classify()
    assert [value for value, _ in dialog.table.categories()] == ["licensed", "unlicensed", "unknown"]
    assert dialog.table.item(1, 2).text() == "unlicensed"
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert panel.styles()["quarries"].field == "legal_status"


def test_classifying_again_keeps_the_colours_the_user_chose(qtbot, panel):
    dialog = panel.open_style_dialog("quarries")
    qtbot.addWidget(dialog)
    dialog.table.color_button("illegal").set_color("#ff00ff")
    dialog.classify()
    assert dict(dialog.table.categories())["illegal"] == "#ff00ff"


def test_single_symbol_edits_are_applied(qtbot, panel, demo_store):
    dialog = panel.open_style_dialog("cleanup_plans")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(0)
    editor = dialog.symbol_editor
    editor.fill.set_color("#00aa00")
    editor.stroke.set_color("#003300")
    editor.stroke_width.setValue(2.5)
    editor.transparency.setValue(80)
    assert not editor.point_size.isVisibleTo(dialog)  # areas have no marker size
    dialog.label_field.setCurrentIndex(dialog.label_fields.index("title"))
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    style = demo_store.styles()["cleanup_plans"]
    assert style.kind == "single" and style.categories == () and style.label_field == "title"
    assert (style.symbol.fill, style.symbol.stroke, style.symbol.stroke_width) == ("#00aa00", "#003300", 2.5)
    assert style.symbol.fill_alpha == pytest.approx(0.2)
    assert panel.tree.layer_item("cleanup_plans").childCount() == 0


def test_point_layers_edit_the_marker_size(qtbot, panel):
    dialog = panel.open_style_dialog("tree_plantings")
    qtbot.addWidget(dialog)
    assert dialog.symbol_editor.point_size.isVisibleTo(dialog)
    assert not dialog.symbol_editor.transparency.isVisibleTo(dialog)
    dialog.symbol_editor.point_size.setValue(12)
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    style = panel.styles()["tree_plantings"]
    assert style.symbol.size == 12 and all(c.symbol.size == 12 for c in style.categories)


def test_cancel_changes_nothing(qtbot, panel, demo_store):
    before = demo_store.styles()
    dialog = panel.open_style_dialog("quarries")
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(0)
    dialog.symbol_editor.fill.set_color("#000000")
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Cancel)
    assert panel.styles() == before == demo_store.styles()
    assert demo_store.conn.execute("SELECT count(*) FROM baytak_styles").fetchone()[0] == 0


def test_an_invalid_style_is_refused_with_the_models_message(qtbot, panel, demo_store):
    dialog = panel.open_style_dialog("quarries")
    qtbot.addWidget(dialog)
    dialog.table.selectAll()
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.isVisible() and not dialog.error_label.isHidden()
    assert "at least one category" in dialog.error_label.text()
    assert panel.styles()["quarries"].categories  # unchanged
    dialog.classify()
    press(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert not dialog.isVisible()


def test_a_field_with_no_values_yet_says_so(qtbot, panel, demo_store):
    with demo_store.session() as conn:
        conn.execute("UPDATE sewage_outflows SET receiving_water = NULL")
    dialog = panel.open_style_dialog("sewage_outflows")
    qtbot.addWidget(dialog)
    choose_field(dialog, "receiving_water")
    dialog.classify()
    assert dialog.table.rowCount() == 0 and "no values" in dialog.error_label.text()


def test_dialog_without_a_store_still_edits_vocabulary_styles(qtbot):
    dialog = StyleDialog(LayerStyle("shorelines"))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(1)  # switching to categories classifies at once
    assert [v for v, _ in dialog.table.categories()] == ["aral", "caspian", "other"]
    dialog.accept()
    assert dialog.result_style().field == "water_body"
