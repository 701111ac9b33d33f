"""A field activist's edits on the REAL main window with a real GeoPackage, driven like a user (pytest-qt).

Choose a tool on the edit tool bar, click on the map, fill the form, Save; then the feature must be in
the GeoPackage as GDAL reads it (in a child process: GDAL's own SQLite in this process would break the
store's WAL, see io/guard.py) and in ``baytak changes``; Undo removes it from both; Redo brings it back
with the same uuid. The same for drawing an area, moving a corner and deleting.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from baytak_desktop.store import Store
from baytak_desktop.ui.window.main_window import MainWindow
from tests.ui.writes import writer_of, written

SITE = (77.10, 43.60)  # Ile district, Almaty region
BAYTAK = str(Path(sys.executable).with_name("baytak"))


# -- the world outside the window: GDAL and the CLI, each in its own process -------------------------------
def gdal_rows(path, layer):
    code = (
        "import json, sys, pyogrio; f = pyogrio.read_dataframe(sys.argv[1], layer=sys.argv[2]); "
        "print(json.dumps([{'uuid': u, 'name': n, 'wkt': g.wkt} for u, n, g in "
        "zip(f['uuid'], f['name'], f.geometry)]))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path), layer], capture_output=True, text=True, check=True)
    return {row["uuid"]: row for row in json.loads(done.stdout)}


def cli_changes(path):
    done = subprocess.run([BAYTAK, "changes", str(path), "--json"], capture_output=True, text=True, check=True)
    return {(c["layer"], c["uuid"]): c["op"] for c in json.loads(done.stdout)}


# -- fixtures -----------------------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    return Store.create(tmp_path / "field.gpkg")


@pytest.fixture
def window(qtbot, store, tmp_path):
    window = MainWindow(store, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.zoom_to_lonlat((SITE[0] - 0.02, SITE[1] - 0.015, SITE[0] + 0.02, SITE[1] + 0.015))
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    yield window
    window.close()


def edit_layer(window, layer):
    combo = window.edit_actions.layer_combo
    combo.setCurrentIndex(combo.findData(layer))


def tool_button(window, key):
    action = window.edit_actions.actions[key]
    return window.edit_actions.toolbar.widgetForAction(action)


def choose(qtbot, window, key):
    qtbot.mouseClick(tool_button(window, key), Qt.MouseButton.LeftButton)
    assert window.edit_actions.active_tool_key() == (None if key == "pan" else key)


def at(window, lon, lat) -> QPoint:
    return window.canvas.pos_of(lon, lat)


def click_map(qtbot, window, lon, lat, double=False):
    pos = at(window, lon, lat)
    qtbot.mouseMove(window.canvas.viewport(), pos)
    if double:
        qtbot.mouseDClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    else:
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def fill(qtbot, window, values):
    form = window.edit_actions.panel.form
    for name, value in values.items():
        editor = form.editors[name]
        if hasattr(editor, "combo"):
            editor.combo.setCurrentIndex(editor.combo.findData(value))
        elif editor.field.type.value == "DATE":
            editor.set_value(value)  # what the calendar pop-up sets
        else:
            qtbot.keyClicks(editor.focus_widget(), value)
    return form


def undo(qtbot, window):
    qtbot.mouseClick(tool_button(window, "undo"), Qt.MouseButton.LeftButton)
    written(qtbot, window)


def redo(qtbot, window):
    qtbot.mouseClick(tool_button(window, "redo"), Qt.MouseButton.LeftButton)
    written(qtbot, window)


def answer_message_box(qtbot, button=QMessageBox.StandardButton.Yes, text=None):
    """Click ``button`` (or the button reading ``text``) of the next message box, as a user would."""
    answered = []

    def click():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        target = next(b for b in box.buttons() if b.text() == text) if text else box.button(button)
        answered.append(box.text())
        qtbot.mouseClick(target, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, click)
    return answered


# -- add a point ---------------------------------------------------------------------------------------------
def test_add_point_save_undo_redo_in_geopackage_and_changes(qtbot, window, store):
    edit_layer(window, "brick_factories")
    choose(qtbot, window, "add_point")
    click_map(qtbot, window, *SITE)
    assert window.edit_actions.form_dock.isVisible()
    form = fill(qtbot, window, {"name": "Besagash brick works", "status": "closed"})
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)

    (uuid,) = list(store.iter_uuids("brick_factories"))
    rows = gdal_rows(store.path, "brick_factories")
    point = shapely.from_wkt(rows[uuid]["wkt"])
    assert rows[uuid]["name"] == "Besagash brick works"
    assert point.x == pytest.approx(SITE[0], abs=1e-3) and point.y == pytest.approx(SITE[1], abs=1e-3)
    assert cli_changes(store.path) == {("brick_factories", uuid): "insert"}
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert window.status._changes == 1 and window.status.changes_label.text().startswith("1 ")
    assert window.edit_actions.tracker.uuids("brick_factories") == {uuid}  # the orange ring

    undo(qtbot, window)
    assert gdal_rows(store.path, "brick_factories") == {} and cli_changes(store.path) == {}
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert window.status._changes == 0 and window.status.changes_label.text().startswith("0 ")
    assert window.edit_actions.tracker.uuids("brick_factories") == set()

    redo(qtbot, window)
    assert list(gdal_rows(store.path, "brick_factories")) == [uuid]
    assert cli_changes(store.path) == {("brick_factories", uuid): "insert"}


def test_table_marks_the_features_not_yet_synced(qtbot, window, store):
    edit_layer(window, "brick_factories")
    window.open_table("brick_factories")
    choose(qtbot, window, "add_point")
    click_map(qtbot, window, *SITE)
    qtbot.mouseClick(
        fill(qtbot, window, {"name": "Narynkol works", "status": "closed"}).save_button, Qt.MouseButton.LeftButton
    )
    model = window.table.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    # The row comes from the table's own read, the mark from the unsynced edits read on a reader: either may
    # land first, so the mark is looked at once both are in.
    assert window.readers.wait_idle()
    qtbot.waitUntil(lambda: model.is_pending(0))
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "Edited, not yet synced"
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is not None
    assert len(window.edit_actions.tracker.rings.points) == 1


# -- draw an area ----------------------------------------------------------------------------------------------
CORNERS = [(77.09, 43.595), (77.11, 43.595), (77.11, 43.607), (77.09, 43.607)]


def draw(qtbot, window, corners):
    for lon, lat in corners[:-1]:
        click_map(qtbot, window, lon, lat)
    click_map(qtbot, window, *corners[-1], double=True)


def test_draw_polygon_save_undo_redo(qtbot, window, store):
    edit_layer(window, "quarries")
    choose(qtbot, window, "draw_polygon")
    draw(qtbot, window, CORNERS)
    form = window.edit_actions.panel.form
    assert form.derived["area_ha"].text() not in ("", "—")  # the area, live from the outline
    fill(qtbot, window, {"name": "Abat gravel pit", "status": "illegal"})
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)

    (uuid,) = list(store.iter_uuids("quarries"))
    outline = shapely.from_wkt(gdal_rows(store.path, "quarries")[uuid]["wkt"])
    assert outline.geom_type == "MultiPolygon" and len(shapely.get_coordinates(outline)) == 5
    assert outline.bounds == pytest.approx((77.09, 43.595, 77.11, 43.607), abs=1e-3)
    assert cli_changes(store.path) == {("quarries", uuid): "insert"}
    undo(qtbot, window)
    assert gdal_rows(store.path, "quarries") == {} and cli_changes(store.path) == {}
    redo(qtbot, window)
    assert list(gdal_rows(store.path, "quarries")) == [uuid]


def test_backspace_and_escape_while_drawing(qtbot, window, store):
    edit_layer(window, "quarries")
    choose(qtbot, window, "draw_polygon")
    tool = window.canvas.tool()
    for corner in CORNERS[:3]:
        click_map(qtbot, window, *corner)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Backspace)
    assert len(tool.vertices) == 2
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert tool.vertices == [] and tool.band.is_empty()
    for corner in CORNERS:
        click_map(qtbot, window, *corner)
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    assert tool.finished is not None and window.edit_actions.panel.is_new()
    assert store.count("quarries") == 0  # nothing is written before Save


def test_save_while_still_drawing_closes_the_outline_first(qtbot, window, store):
    edit_layer(window, "cleanup_plans")
    choose(qtbot, window, "draw_polygon")
    for corner in CORNERS:
        click_map(qtbot, window, *corner)
    qtbot.mouseMove(window.canvas.viewport(), at(window, *CORNERS[0]))
    panel = window.edit_actions.panel
    assert panel.is_new() and panel.finish_drawing is not None  # the form opened while drawing
    form = fill(qtbot, window, {"title": "Kapchagay shore cleanup", "planned_on": "2026-09-20", "status": "planned"})
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (uuid,) = list(store.iter_uuids("cleanup_plans"))
    assert len(shapely.get_coordinates(store.get("cleanup_plans", uuid).geometry)) == 5


# -- refused input never reaches the store ----------------------------------------------------------------
def test_self_intersecting_outline_keep_editing_then_fix(qtbot, window, store):
    edit_layer(window, "quarries")
    choose(qtbot, window, "draw_polygon")
    bow_tie = [CORNERS[0], CORNERS[2], CORNERS[1], CORNERS[3]]
    answered = answer_message_box(qtbot, text="Keep editing")
    draw(qtbot, window, bow_tie)
    tool = window.canvas.tool()
    assert answered and "crosses itself" in answered[0]
    assert tool.finished is None and len(tool.vertices) == 4 and store.count("quarries") == 0

    answer_message_box(qtbot, text="Fix outline")
    qtbot.keyClick(window.canvas, Qt.Key.Key_Return)
    fixed = tool.finished
    assert fixed.is_valid and fixed.geom_type == "MultiPolygon" and len(fixed.geoms) == 2
    form = fill(qtbot, window, {"name": "Karaoy pit", "status": "illegal"})
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (uuid,) = list(store.iter_uuids("quarries"))
    assert shapely.from_wkt(gdal_rows(store.path, "quarries")[uuid]["wkt"]).is_valid


def test_fewer_than_three_corners_is_refused(qtbot, window, store):
    edit_layer(window, "quarries")
    choose(qtbot, window, "draw_polygon")
    draw(qtbot, window, CORNERS[:2])
    assert any("at least 3 corners" in text for text in window.message_bar.texts())
    assert window.canvas.tool().finished is None and store.count("quarries") == 0
    assert not window.edit_actions.panel.is_new()


def test_point_outside_the_world_is_refused(qtbot, window, store):
    edit_layer(window, "brick_factories")
    window.resize(2800, 800)  # the map wider than the world at its farthest zoom
    qtbot.wait(50)
    window.canvas.zoom_to_lonlat((100.0, -60.0, 300.0, 80.0))  # at the farthest zoom the map ends at 180°
    choose(qtbot, window, "add_point")
    viewport = window.canvas.viewport()
    pos = QPoint(viewport.width() - 5, viewport.height() // 2)
    assert window.canvas.lonlat_at(pos)[0] > 180
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)
    assert any("outside the world" in text for text in window.message_bar.texts())
    assert window.edit_actions.panel.form is None and store.count("brick_factories") == 0


# -- move a corner -----------------------------------------------------------------------------------------
def saved_quarry(window, store):
    uuid = window.edit_actions.session.create_feature(
        "quarries", {"name": "Karaoy gravel pit", "status": "illegal"}, shapely.Polygon(CORNERS)
    )
    assert writer_of(window).wait_idle()
    window.edit_actions.session.stack.clear()
    return uuid


def test_drag_a_corner_undo_redo(qtbot, window, store):
    uuid = saved_quarry(window, store)
    edit_layer(window, "quarries")
    choose(qtbot, window, "edit_vertices")
    click_map(qtbot, window, 77.10, 43.60)  # inside the quarry: its corners get handles
    written(qtbot, window)  # once the feature under the click is read (on a reader)
    tool = window.canvas.tool()
    assert tool.feature == ("quarries", uuid) and len(tool.band.handles) == 4
    viewport, target = window.canvas.viewport(), (77.115, 43.612)
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(window, *CORNERS[2]))
    qtbot.mouseMove(viewport, at(window, 77.1125, 43.61))
    qtbot.mouseMove(viewport, at(window, *target))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(window, *target))
    written(qtbot, window)

    moved = shapely.from_wkt(gdal_rows(store.path, "quarries")[uuid]["wkt"])
    assert moved.bounds[2:] == pytest.approx(target, abs=1e-3)
    assert cli_changes(store.path) == {("quarries", uuid): "insert"}
    undo(qtbot, window)
    assert shapely.from_wkt(gdal_rows(store.path, "quarries")[uuid]["wkt"]).equals(
        shapely.MultiPolygon([shapely.Polygon(CORNERS)])
    )
    assert tool.band.handles[2] == pytest.approx(tool.band.handles[2])  # handles follow the undo
    redo(qtbot, window)
    assert shapely.from_wkt(gdal_rows(store.path, "quarries")[uuid]["wkt"]).bounds[2:] == pytest.approx(
        target, abs=1e-3
    )


def test_vertex_that_would_make_the_outline_cross_itself_is_refused(qtbot, window, store):
    uuid = saved_quarry(window, store)
    edit_layer(window, "quarries")
    choose(qtbot, window, "edit_vertices")
    click_map(qtbot, window, 77.10, 43.60)
    written(qtbot, window)
    viewport = window.canvas.viewport()
    across = (77.10, 43.590)  # corner 3 dragged below the bottom edge: the outline crosses itself
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=at(window, *CORNERS[3]))
    qtbot.mouseMove(viewport, at(window, *across))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=at(window, *across))
    written(qtbot, window)
    assert any("crosses itself" in text for text in window.message_bar.texts())
    assert store.get("quarries", uuid).geometry.equals(shapely.MultiPolygon([shapely.Polygon(CORNERS)]))


# -- delete ----------------------------------------------------------------------------------------------------
def test_delete_with_confirmation_undo_redo(qtbot, window, store):
    uuid = saved_quarry(window, store)
    with store.session() as conn:  # as if synced: deleting it is a change to send
        from baytak_desktop.store import changes

        changes.mark_synced(conn, "quarries", [uuid])
    edit_layer(window, "quarries")
    choose(qtbot, window, "delete_feature")

    answered = answer_message_box(qtbot, QMessageBox.StandardButton.No)
    click_map(qtbot, window, 77.10, 43.60)
    written(qtbot, window)
    assert answered and "Karaoy gravel pit" in answered[0] and store.count("quarries") == 1

    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    click_map(qtbot, window, 77.10, 43.60)
    written(qtbot, window)
    assert gdal_rows(store.path, "quarries") == {}
    assert cli_changes(store.path) == {("quarries", uuid): "delete"}
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert window.status._changes == 1  # a deletion waits for the sync too
    undo(qtbot, window)
    assert list(gdal_rows(store.path, "quarries")) == [uuid] and cli_changes(store.path) == {}
    redo(qtbot, window)
    assert gdal_rows(store.path, "quarries") == {}


def test_delete_selected_from_the_edit_menu(qtbot, window, store):
    uuid = saved_quarry(window, store)
    fid = store.get("quarries", uuid).fid
    window.selection.select("quarries", [fid])
    answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    window.edit_actions.actions["delete_selected"].trigger()
    written(qtbot, window)
    assert store.count("quarries") == 0 and window.selection.layers() == []
    assert window.edit_actions.session.stack.undoText() == "Delete feature from Quarries"


def test_a_sync_clears_the_rings_and_the_count(qtbot, window, store):
    uuid = saved_quarry(window, store)
    tracker = window.edit_actions.tracker
    assert window.readers.wait_idle()  # the unsynced edits are read on a reader
    assert tracker.uuids("quarries") == {uuid} and len(tracker.rings.points) == 1 and window.status._changes == 1
    with store.session() as conn:  # what a sync does once the server has the feature
        from baytak_desktop.store import changes

        changes.mark_synced(conn, "quarries", [uuid])
        store.announce(store.events.journal_changed)  # the sync then tells the window
    # the journal is read again on a thread of its own (it may be long): the rings go a moment later
    qtbot.waitUntil(lambda: tracker.uuids("quarries") == set() and len(tracker.rings.points) == 0)
    assert window.status._changes == 0
