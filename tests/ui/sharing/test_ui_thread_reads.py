"""The UI thread never waits on the database (issue 14): the views read on reader threads.

Every store connection is metered (``store.meter``: each call with its thread), so these tests
assert what runs where, never how long it takes (speed is measured in bench/bench_sharing_ui.py):
another program's save refreshes the table, the counts and the unsynced edits with no call at all on
the UI thread; a program holding an exclusive lock for seconds delays the views, not the window; an
undo queued behind a lock keeps its step.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings, QTimer

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.interop.programs import OGR2OGR, SQLITE3, SqliteShell, ogr2ogr_append
from tests.interop.test_sharing import points_file
from tests.ui.writes import written

needs_gdal = pytest.mark.skipif(OGR2OGR is None, reason="ogr2ogr (gdal-bin) is not installed")
needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")
LAYER = "brick_factories"


def open_window(qtbot, path: Path, settings: QSettings) -> MainWindow:
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 1, timeout=10_000)
    assert window.readers.wait_idle()
    return window


def layer_count_text(window: MainWindow) -> str:
    item = window.layer_panel.tree.layer_item(LAYER)
    assert item is not None
    return item.text(1)


def name_column(window: MainWindow) -> int:
    return [f.name for f in window.table.model.schema().fields].index("name")


def name_shown(window: MainWindow) -> str:
    return str(window.table.model.index(0, name_column(window)).data())


def ui_calls(meter: Meter, mark: int) -> list[str]:
    return [f"{call.what} <- {call.where}" for call in meter.since(mark, threading.get_ident())]


@needs_gdal
def test_another_programs_save_refreshes_table_counts_and_marks_with_no_call_on_the_ui_thread(
    qtbot, meter, path, settings, tmp_path
):
    window = open_window(qtbot, path, settings)
    qtbot.waitUntil(lambda: window.status.changes_label.text() == "1 edit not yet synced", timeout=10_000)
    qtbot.waitUntil(lambda: layer_count_text(window) == "1", timeout=10_000)
    window.show_feature(LAYER, window.table.model.fid_at(0))  # the details dock follows the feature too
    qtbot.waitUntil(lambda: "Besagash" in window.details.text(), timeout=10_000)
    assert window.readers.wait_idle()
    mark = meter.mark()
    assert ogr2ogr_append(path, points_file(tmp_path, "gdal", 7), LAYER).returncode == 0
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 8, timeout=10_000)  # polled, read on readers
    qtbot.waitUntil(lambda: window.status.changes_label.text() == "8 edits not yet synced", timeout=10_000)
    qtbot.waitUntil(lambda: layer_count_text(window) == "8", timeout=10_000)
    qtbot.waitUntil(lambda: window.table.model.index(7, name_column(window)).data() not in (None, ""), timeout=10_000)
    assert window.readers.wait_idle() and "Besagash" in window.details.text()
    assert ui_calls(meter, mark) == []
    assert {c.thread_name for c in meter.since(mark)} >= {"baytak-outside"}
    assert any(c.thread_name.startswith("baytak-reader") for c in meter.since(mark))
    window.close()


@needs_sqlite3
def test_the_window_stays_responsive_while_another_program_holds_an_exclusive_lock(qtbot, meter, path, settings):
    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")  # as QGIS leaves it: a lock there keeps readers out
        window = open_window(qtbot, path, settings)  # QGIS-like program first: the store stays in DELETE
        assert window.store.journal_mode() == "delete"
        shell.run(".timeout 5000")  # the window's poller may be reading at that moment
        shell.run("BEGIN EXCLUSIVE;")  # in rollback-journal mode nobody may even read now
        mark = meter.mark()
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(50)
        window.store_events.layer_changed.emit(LAYER)  # a refresh while nobody may read
        window.store_events.journal_changed.emit()
        qtbot.wait(2000)
        timer.stop()
        assert len(ticks) >= 10  # the event loop went on (40 expected on an idle machine)
        assert window.readers.busy() and name_shown(window) == "Besagash"  # the old rows stay on show
        assert ui_calls(meter, mark) == []
        shell.run("COMMIT;")
        qtbot.waitUntil(lambda: not window.readers.busy(), timeout=15_000)  # the refresh read once it could
    assert name_shown(window) == "Besagash" and layer_count_text(window) == "1"
    assert ui_calls(meter, mark) == []
    window.close()


@needs_sqlite3
def test_an_undo_and_a_redo_queued_behind_a_lock_keep_their_step_and_run_in_order(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    session, writer = window.edit_actions.session, window.edit_actions.writer
    uuid = window.store.features(LAYER)[0].uuid
    session.update_attributes(LAYER, uuid, {"name": "first"})
    written(qtbot, window)
    assert session.stack.count() == 1 and window.store.get(LAYER, uuid)["name"] == "first"
    with SqliteShell(path) as shell:
        shell.hold()
        session.update_attributes(LAYER, uuid, {"name": "second"})  # handed to the writer: queued
        assert writer.pending() == 1 and session.stack.count() == 2  # its step is there at once
        session.stack.undo()  # undoes "second" before it was even written: queued behind it
        session.stack.redo()  # redone before the undo was written: the step is kept
        session.stack.undo()
        assert writer.pending() == 4 and window.store.get(LAYER, uuid)["name"] == "first"
        shell.release()
        qtbot.waitUntil(lambda: writer.pending() == 0, timeout=30_000)
    # written in the order asked: second, undo (first), redo (second), undo (first)
    assert window.store.get(LAYER, uuid)["name"] == "first"
    assert session.stack.count() == 2 and session.stack.index() == 1
    assert not any(session.stack.command(i).isObsolete() for i in range(2))
    session.stack.redo()
    written(qtbot, window)
    assert window.store.get(LAYER, uuid)["name"] == "second"
    session.stack.undo()
    session.stack.undo()  # the history still works to its start
    written(qtbot, window)
    assert window.store.get(LAYER, uuid)["name"] == "Besagash"
    window.close()


@needs_gdal
def test_the_windows_own_edits_are_not_reported_again_by_the_poller_and_gdals_are(qtbot, path, settings, tmp_path):
    """Its own edits announced themselves: the poller (a connection of its own) leaves them out, so the
    map, table and counts are not refreshed a second time; ogr2ogr's, between them, are reported."""
    window = open_window(qtbot, path, settings)
    found: list = []
    window.outside.sigChanged.connect(found.append)
    session = window.edit_actions.session
    uuid = session.create_feature(LAYER, {"name": "Own", "status": "closed"}, shapely.Point(77.1, 43.3))
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 2, timeout=10_000)
    session.update_attributes(LAYER, uuid, {"name": "Own, renamed"})
    session.stack.undo()
    session.stack.redo()
    qtbot.wait(3 * window.outside.interval_ms)  # three polls
    assert found == []
    assert ogr2ogr_append(path, points_file(tmp_path, "gdal", 3), LAYER).returncode == 0
    session.update_attributes(LAYER, uuid, {"notes": "after GDAL"})
    qtbot.waitUntil(lambda: len(found) == 1, timeout=10_000)
    (change,) = found
    assert change.edits == 3 and change.features is not None and len(change.features) == 3
    assert (LAYER, uuid) not in change.features
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 5, timeout=10_000)
    qtbot.wait(2 * window.outside.interval_ms)
    assert len(found) == 1
    window.close()
