"""A layer definition published while the window is open, with a form half typed in: the sync that brings
it rebuilds the open form with the new field and the new code, keeps what the user typed and the undo
history, and the table and the layer panel take the new field and layer in; against a real server
process, in Kazakh."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from layer_helpers import ILLEGAL_DUMPS, factories_with_kilns_and_a_code
from PySide6.QtCore import Qt

from baytak_desktop.ui.edit.feature_form import FeatureForm
from tests.sync.conftest import baytak_server
from tests.ui.sync import test_sync_ui_fixtures as fixtures
from tests.ui.sync.test_sync_ui_fixtures import WAIT_MS, add_factory, run_sync
from tests.ui.writes import written

config_home, server, make_window = fixtures.config_home, fixtures.server, fixtures.make_window  # pytest fixtures


def publish(server, folder: Path, definition: dict[str, Any]) -> None:
    path = folder / f"{definition['name']}.json"
    path.write_text(json.dumps(definition, ensure_ascii=False), encoding="utf-8")
    baytak_server("layers", "publish", str(path), "--by", "admin", "--data", str(server.data))


def headers(table) -> list[str]:
    model = table.model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_a_form_being_typed_in_takes_a_field_and_a_code_that_arrive_with_a_sync(qtbot, make_window, server, tmp_path):
    server.add_user("aigerim", "admin")  # a new feature typed in the form has no branch: an admin may send it
    window = make_window("a", user="aigerim")
    window.switch_language("kk")
    earlier = add_factory(window, "Бесағаш")  # one step in the undo history
    run_sync(qtbot, window)
    stack = window.edit_actions.session.stack
    assert stack.count() == 1
    window.open_table("brick_factories")
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 1, timeout=WAIT_MS)

    # a new factory is placed and its form half filled in, not saved
    actions = window.edit_actions
    actions.set_edit_layer("brick_factories")
    actions.actions["add_point"].trigger()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(76.97, 43.31))
    form = actions.panel.form
    assert form is not None and "kiln_count" not in form.editors
    form.editors["name"].set_value("Нарынқол")
    form.editors["operator"].set_value("ЖШС «Кірпіш»")
    form.editors["operator"].focus_widget().setFocus()
    style = window.layer_panel.open_style_dialog("brick_factories")  # a style being edited meanwhile
    assert style is not None and "kiln_count" not in style.label_fields

    # meanwhile the coordinator publishes a field and a code on factories, and a new layer
    publish(server, tmp_path, factories_with_kilns_and_a_code())
    publish(server, tmp_path, ILLEGAL_DUMPS)
    run_sync(qtbot, window)
    assert window.readers.wait_idle()  # the new layers are read on a reader, then taken in

    form = actions.panel.form
    assert form is not None and form.schema.name == "brick_factories" and actions.panel.is_new()
    shown = [f for f in actions.panel.findChildren(FeatureForm) if f.isVisible()]
    assert shown == [form]  # only the rebuilt form is shown
    assert form.editors["name"].value() == "Нарынқол" and form.editors["operator"].value() == "ЖШС «Кірпіш»"
    assert form.labels["kiln_count"].text() == "Пештер саны"
    status = form.editors["status"].combo
    assert status.itemText(status.findData("mothballed")) == "консервацияланған"
    assert stack.count() == 1 and window.store.get("brick_factories", earlier)  # the history is kept
    # the style dialog offers the new field for labels and classifies the new code
    assert "kiln_count" in style.label_fields and style.label_field.itemText(style.label_fields.index("kiln_count"))
    style.field.setCurrentIndex(style.field.findData("status"))
    style.classify()
    assert "mothballed" in [value for value, _ in style.table.categories()]
    style.reject()
    # the table has the new column, the panel the new layer
    assert "Пештер саны" in headers(window.table)
    assert window.table.field_combo.findData("kiln_count") > 0
    titles = [item.text(0) for item in window.layer_panel.tree.layer_items()]
    assert "Заңсыз қоқыс үйінділері" in titles

    form.editors["kiln_count"].set_value(4)
    status.setCurrentIndex(status.findData("mothballed"))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (saved,) = [f for f in window.store.features("brick_factories") if f["name"] == "Нарынқол"]
    assert saved["operator"] == "ЖШС «Кірпіш»" and saved["kiln_count"] == 4 and saved["status"] == "mothballed"
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 2, timeout=WAIT_MS)
    run_sync(qtbot, window)
    assert window.sync.last_result.pushed == 1 and window.sync.last_result.rejected == 0


def test_the_form_of_a_stored_feature_keeps_the_typed_values_and_shows_what_arrived(
    qtbot, make_window, server, tmp_path
):
    window = make_window("a", user="dana")
    uuid = add_factory(window, "Бесағаш")
    run_sync(qtbot, window)
    actions = window.edit_actions
    form = actions.panel.edit_feature("brick_factories", uuid)
    assert form is not None
    form.editors["operator"].set_value("typed, not saved")
    publish(server, tmp_path, factories_with_kilns_and_a_code())
    run_sync(qtbot, window)
    assert window.readers.wait_idle()  # the new layers are read on a reader, then taken in
    form = actions.panel.form
    assert form is not None and actions.panel.uuid == uuid
    assert form.editors["operator"].value() == "typed, not saved" and form.editors["kiln_count"].value() is None
    form.editors["kiln_count"].set_value(2)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    stored = window.store.get("brick_factories", uuid).attributes
    assert stored["operator"] == "typed, not saved" and stored["kiln_count"] == 2 and stored["name"] == "Бесағаш"
