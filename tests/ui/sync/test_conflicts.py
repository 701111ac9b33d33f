"""Conflicts between two app windows (two stores) against a real server process, settled in the app:
the panel lists them, the dialog shows base / theirs / mine and both shapes, the choice syncs, both
stores converge, and the resolution is one undoable step."""

from __future__ import annotations

import json
import threading

import shapely
from PySide6.QtCore import Qt

from baytak_desktop.store.meter import metered
from baytak_desktop.sync import records
from baytak_desktop.sync.records import LocalConflict
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.sync.conflict_dialog import ConflictDialog, conflict_rows, display_value
from tests.ui.sync import test_sync_ui_fixtures as fixtures
from tests.ui.sync.test_sync_ui_fixtures import WAIT_MS, add_factory, attributes, run_sync
from tests.ui.writes import written

config_home, server, make_window = fixtures.config_home, fixtures.server, fixtures.make_window  # pytest fixtures
LAYER = "brick_factories"


def snapshot(window) -> dict:
    return {
        f.uuid: (
            {k: v for k, v in f.attributes.items() if k not in ("updated_at", "created_at")},
            shapely.to_wkb(f.geometry, hex=True),
        )
        for f in window.store.features(LAYER)
    }


def conflicting_windows(qtbot, make_window, field: str, theirs, mine):
    """a and b share a feature; a changes ``field`` to ``theirs`` and syncs first, b to ``mine``."""
    a, b = make_window("a", user="dana"), make_window("b", user="erlan")
    uuid = add_factory(a, "Besagash brick works")
    run_sync(qtbot, a)
    run_sync(qtbot, b)
    for window, value in ((a, theirs), (b, mine)):
        if field == "geom":
            window.sync.session.update_geometry(LAYER, uuid, value)
        else:
            window.sync.session.update_attributes(LAYER, uuid, {field: value})
    run_sync(qtbot, a)
    run_sync(qtbot, b)
    return a, b, uuid


def opened_conflict(window, uuid):
    """The conflict dialog of ``uuid``, opened once its records are read on the window's readers."""
    window.sync.conflict_dialog = None
    window.sync.open_conflict(LAYER, uuid)
    assert window.readers.wait_idle()
    assert window.sync.conflict_dialog is not None
    return window.sync.conflict_dialog


def test_two_windows_conflict_resolved_in_the_second_and_both_converge(qtbot, make_window):
    a, b, uuid = conflicting_windows(qtbot, make_window, "status", "closed", "relocated")
    assert b.sync.last_result.conflicts == 1 and b.sync.last_result.open_conflicts == 1
    panel = b.sync.conflicts
    assert b.sync.docks["conflicts"].isVisible()
    assert b.readers.wait_idle()  # the records are read on the window's readers
    assert panel.tree.topLevelItemCount() == 1 and panel.open_count() == 1
    row = panel.tree.topLevelItem(0)
    assert [row.text(i) for i in range(4)] == ["Brick factories", "Besagash brick works", "Status", "erlan"]
    assert attributes(b, uuid)["status"] == "closed"  # the server's value until settled

    panel.tree.setCurrentItem(row)
    qtbot.mouseClick(panel.resolve_button, Qt.MouseButton.LeftButton)
    assert b.readers.wait_idle()  # the conflict and the feature are read on a reader
    dialog = b.sync.conflict_dialog
    assert dialog.isVisible()
    cells = [dialog.table.item(0, column).text() for column in range(4)]
    assert cells == ["Status", "operating", "closed", "relocated"]
    assert dialog.map.shown == ["theirs"]  # the shape itself is not disputed: one shape on the map
    with qtbot.waitSignal(b.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert attributes(b, uuid)["status"] == "relocated"
    assert b.readers.wait_idle()
    assert records.conflicts(b.store.conn) == [] and panel.tree.topLevelItemCount() == 0
    assert b.store.changes() == []

    run_sync(qtbot, a)
    assert attributes(a, uuid)["status"] == "relocated"
    (settled,) = records.conflicts(a.store.conn, open_only=False)
    assert settled.resolved and settled.resolution == "mine" and settled.resolved_by == "erlan"
    assert snapshot(a) == snapshot(b)

    stack = b.sync.session.stack  # the resolution is one undoable step, and the undo syncs like an edit
    assert stack.undoText() == "Resolve conflict in Brick factories"
    stack.undo()
    written(qtbot, b)
    assert attributes(b, uuid)["status"] == "closed" and len(b.store.changes()) == 1
    run_sync(qtbot, b)
    run_sync(qtbot, a)
    assert attributes(a, uuid)["status"] == "closed" and snapshot(a) == snapshot(b)


def test_keep_theirs_and_edit_by_hand(qtbot, make_window):
    a, b, uuid = conflicting_windows(qtbot, make_window, "operator", "ТОО Кірпіш", "ИП Ахметов")
    dialog = opened_conflict(b, uuid)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert not dialog.table.isColumnHidden(4) and dialog.table.item(0, 4).text() == "ИП Ахметов"
    dialog.table.item(0, 4).setText("ТОО Кірпіш (бұрын ИП Ахметов)")
    with qtbot.waitSignal(b.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert attributes(b, uuid)["operator"] == "ТОО Кірпіш (бұрын ИП Ахметов)"
    run_sync(qtbot, a)
    assert attributes(a, uuid)["operator"] == "ТОО Кірпіш (бұрын ИП Ахметов)"
    assert records.conflicts(a.store.conn, open_only=False)[0].resolution == "edited"


def test_a_geometry_conflict_shows_both_shapes_and_keep_theirs_changes_nothing(qtbot, make_window):
    there, here = shapely.Point(76.97, 43.26), shapely.Point(76.93, 43.24)
    a, b, uuid = conflicting_windows(qtbot, make_window, "geom", there, here)
    dialog = opened_conflict(b, uuid)
    assert dialog.map.shown == ["theirs", "mine"]
    assert dialog.table.item(0, 0).text() == "Geometry"
    before = b.sync.session.stack.count()
    with qtbot.waitSignal(b.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
    assert b.store.get(LAYER, uuid).geometry.equals_exact(there, 1e-9)
    assert b.sync.session.stack.count() == before  # nothing changed here, so nothing to undo
    run_sync(qtbot, a)
    assert snapshot(a) == snapshot(b)


def test_an_edit_against_a_delete_restores_the_feature_when_mine_is_kept(qtbot, make_window):
    a, b = make_window("a", user="dana"), make_window("b", user="erlan")
    uuid = add_factory(a, "Kiln")
    run_sync(qtbot, a)
    run_sync(qtbot, b)
    a.sync.session.delete_feature(LAYER, uuid)
    b.sync.session.update_attributes(LAYER, uuid, {"status": "closed"})
    run_sync(qtbot, a)
    run_sync(qtbot, b)
    assert [c.field for c in records.conflicts(b.store.conn)] == ["*"]
    assert b.store.count(LAYER) == 0  # deleted on the server, so here too until settled
    dialog = opened_conflict(b, uuid)
    assert not dialog.edit_button.isEnabled()
    with qtbot.waitSignal(b.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
    assert attributes(b, uuid)["status"] == "closed"
    run_sync(qtbot, a)
    assert attributes(a, uuid)["status"] == "closed" and snapshot(a) == snapshot(b)
    b.sync.session.stack.undo()  # undoing the restore deletes it again, as an edit that syncs
    written(qtbot, b)
    assert b.store.count(LAYER) == 0
    run_sync(qtbot, b)
    run_sync(qtbot, a)
    assert a.store.count(LAYER) == 0


def test_an_invalid_edited_value_is_refused_in_the_dialog(qtbot):
    record = LocalConflict(
        7,
        3,
        LAYER,
        "0190a3c4-0000-7000-8000-000000000001",
        "status",
        "operating",
        "closed",
        "relocated",
        "erlan",
        None,
        None,
        "2026-05-04T10:00:00Z",
        False,
        None,
        None,
    )
    dialog = ConflictDialog([record], {"geom": shapely.Point(76.9, 43.2)})
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    dialog.table.item(0, 4).setText("exploded")
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == 0 and dialog.choices() == [] and "Status" in dialog.problem.text()
    dialog.table.item(0, 4).setText("Closed")  # a label is fine: it becomes its code
    qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
    assert dialog.choices() == [(7, "edited", "closed")]


def test_a_whole_feature_conflict_lists_the_fields_and_cannot_be_edited(qtbot):
    photo = {"sha256": "ab" * 32, "mime": "image/jpeg", "size": 10}  # kept with the fields, not a field
    mine = json.dumps({"name": "Kiln", "status": "closed", "operator": None, "@attachments_added": [photo]})
    record = LocalConflict(
        9,
        5,
        LAYER,
        "0190a3c4-0000-7000-8000-000000000002",
        "*",
        None,
        None,
        mine,
        "erlan",
        None,
        None,
        "2026-05-04T10:00:00Z",
        False,
        None,
        None,
    )
    rows = conflict_rows([record])
    assert [r.field for r in rows] == ["*", "name", "status", "operator"]
    dialog = ConflictDialog([record])
    qtbot.addWidget(dialog)
    assert not dialog.edit_button.isEnabled()
    assert dialog.table.item(0, 2).text() == "deleted" and dialog.table.item(0, 3).text() == "the feature is kept"


def test_values_read_in_the_interface_language(qapp):
    try:
        set_language("kk")
        assert display_value(LAYER, "status", "closed") == "жабылған"
        assert display_value(LAYER, "notes", None) == "—"
    finally:
        set_language("en")


def test_resolving_reads_the_conflict_and_the_feature_on_readers_not_the_ui_thread(qtbot, make_window):
    with metered(stacks=True) as meter:  # before the windows open: their connections are metered
        _a, b, uuid = conflicting_windows(qtbot, make_window, "status", "closed", "relocated")
        assert b.readers.wait_idle()
        mark = meter.mark()
        dialog = opened_conflict(b, uuid)
        with qtbot.waitSignal(b.sync.controller.sigEnded, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
        assert b.readers.wait_idle()
        assert b.sync.session.stack.undoText() == "Resolve conflict in Brick factories"
        ui = [f"{c.what} <- {c.where}" for c in meter.since(mark, threading.get_ident())]
    assert ui == []
