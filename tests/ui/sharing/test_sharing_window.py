"""The window beside QGIS, ogr2ogr and the sqlite3 shell on one store; the demo store; who made an edit;
closing during an import (issue 14, the app's side).

Real programs on a real store, the window offscreen with pytest-qt: QGIS (python3-qgis, driven by
tests/interop/qgis_session.py), GDAL's ogr2ogr, the sqlite3 shell holding a write transaction.
"""

from __future__ import annotations

import getpass
import time
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.interop.programs import OGR2OGR, SQLITE3, Qgis, SqliteShell, ogr2ogr_append, qgis_available
from tests.interop.test_sharing import points_file
from tests.ui.writes import written

needs_qgis = pytest.mark.skipif(
    not qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)
needs_gdal = pytest.mark.skipif(OGR2OGR is None, reason="ogr2ogr (gdal-bin) is not installed")
needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")
LAYER = "brick_factories"
UI_STALL_S = 0.5  # generous for a loaded test machine: the point is "not the 60 s of patience"


def open_window(qtbot, path: Path, settings: QSettings) -> MainWindow:
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_table(LAYER)
    return window


def rows_shown(window: MainWindow) -> int:
    return window.table.model.rowCount()


# -- other programs' edits reach the map, the table and the counts --------------------------------------
@needs_gdal
def test_ogr2ogr_appending_while_the_window_is_open_refreshes_table_and_counts(qtbot, path, settings, tmp_path):
    window = open_window(qtbot, path, settings)
    qtbot.waitUntil(lambda: rows_shown(window) == 1, timeout=10_000)
    done = ogr2ogr_append(path, points_file(tmp_path, "gdal", 7), LAYER)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: rows_shown(window) == 8, timeout=10_000)  # polled, no action of the person
    qtbot.waitUntil(lambda: window.status.changes_label.text() == "8 edits not yet synced", timeout=10_000)
    assert len(window.edit_actions.tracker.rings.points) == 8  # the 7 features looked at one by one are ringed too
    window.close()


@needs_qgis
def test_qgis_open_before_the_window_edits_and_the_window_follows(qtbot, path, settings):
    with Qgis(path) as qgis:
        qgis(op="open", layer=LAYER)  # QGIS first: the file is in rollback-journal mode
        window = open_window(qtbot, path, settings)
        qtbot.waitUntil(lambda: rows_shown(window) == 1, timeout=10_000)
        changes = []
        window.outside.sigChanged.connect(changes.append)
        assert qgis(op="add", layer=LAYER, n=3)["ok"]
        qtbot.waitUntil(lambda: rows_shown(window) == 4, timeout=10_000)
        # QGIS's 3 features are looked at alone, not the whole journal
        qtbot.waitUntil(lambda: window.edit_actions.pending_count() == 4, timeout=10_000)  # read on a reader
        assert sum(len(c.features) for c in changes) == 3
        uuid = window.store.features(LAYER)[0].uuid
        window.edit_actions.session.update_attributes(LAYER, uuid, {"name": "Renamed in the app"})
        assert qgis(op="count", layer=LAYER)["count"] == 4
        window.close()


@needs_qgis
def test_qgis_opened_after_the_window_edits_while_an_import_runs(qtbot, path, settings, tmp_path):
    window = open_window(qtbot, path, settings)
    with Qgis(path, wait_for_locks=True) as qgis:  # QGIS's GDAL waits for the import, as the guide says
        qgis(op="open", layer=LAYER)
        runner = window.jobs.start_import(points_file(tmp_path, "import", 300), LAYER)
        added = qgis(op="add", layer=LAYER, n=2)
        if not added["ok"]:  # GDAL lost a race with the import's commit: running it again is the remedy
            added = qgis(op="add", layer=LAYER, n=2)
        assert added["ok"], added
        with qtbot.waitSignal(runner.sigEnded, timeout=60_000):
            pass
        qtbot.waitUntil(lambda: rows_shown(window) == 303, timeout=10_000)
        assert qgis(op="count", layer=LAYER)["count"] == 303
        window.close()


# -- writes never wait on the UI thread -------------------------------------------------------------------
@needs_qgis
def test_an_edit_while_qgis_holds_the_lock_waits_on_the_writer_and_is_undoable(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    with Qgis(path) as qgis:
        qgis(op="begin", layer=LAYER)  # an edit session in a transaction group: QGIS holds the write lock
        started = time.monotonic()
        uuid = session.create_feature(LAYER, {"name": "Waits for QGIS", "status": "closed"}, shapely.Point(77, 43.3))
        assert time.monotonic() - started < UI_STALL_S  # handed to the writer thread, the window goes on
        assert session.stack.count() == 1 and window.store.count(LAYER) == 1  # the step is there at once
        qtbot.waitUntil(lambda: "QGIS (process " in window.status.waiting_label.text(), timeout=10_000)
        assert window.status.waiting_label.isVisibleTo(window)
        assert qgis(op="commit")["ok"]
        qtbot.waitUntil(lambda: window.edit_actions.writer.pending() == 0, timeout=30_000)
        assert window.store.get(LAYER, uuid)["name"] == "Waits for QGIS" and session.stack.count() == 1
        qtbot.waitUntil(lambda: not window.status.waiting_label.text(), timeout=5_000)
        qtbot.waitUntil(lambda: rows_shown(window) == 3, timeout=10_000)  # with the one QGIS added
        session.stack.undo()
        written(qtbot, window)
        assert window.store.count(LAYER) == 2
        assert qgis(op="count", layer=LAYER)["count"] == 2
    window.close()


@needs_sqlite3
def test_edits_queued_behind_a_lock_keep_their_order_and_a_refusal_is_said(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    uuid = window.store.features(LAYER)[0].uuid
    errors: list[str] = []
    session.sigError.connect(errors.append)
    with SqliteShell(path) as shell:
        shell.hold()
        session.update_attributes(LAYER, uuid, {"name": "first"})
        session.update_attributes(LAYER, uuid, {"name": "second"})  # queued behind the first
        assert window.edit_actions.writer.pending() == 2
        assert session.stack.count() == 2  # both steps at once, in order
        shell.release()
        qtbot.waitUntil(lambda: window.edit_actions.writer.pending() == 0, timeout=30_000)
    assert window.store.get(LAYER, uuid)["name"] == "second"
    with SqliteShell(path) as shell:  # a lock kept past the writer's patience: named, nothing written
        shell.hold()
        window.edit_actions.writer.patience = 1.0
        session.update_attributes(LAYER, uuid, {"name": "third"})
        qtbot.waitUntil(lambda: bool(errors), timeout=30_000)
        shell.release()
    assert "sqlite3 (process " in errors[0]
    assert window.store.get(LAYER, uuid)["name"] == "second" and session.stack.count() == 2
    window.close()


# -- closing during an import -----------------------------------------------------------------------------
@needs_sqlite3
def test_closing_during_an_import_asks_cancels_cleanly_and_a_second_close_is_not_lost(qtbot, path, settings, tmp_path):
    window = open_window(qtbot, path, settings)
    before = window.store.count(LAYER), len(window.store.changes())
    with SqliteShell(path) as shell:
        shell.hold()  # the import waits for the lock: still running when the window is closed
        runner = window.jobs.start_import(points_file(tmp_path, "big", 500), LAYER)
        qtbot.waitUntil(lambda: window.running_jobs() != [], timeout=5_000)
        # the progress says whom the import waits for, in the UI language
        qtbot.waitUntil(lambda: f"sqlite3 (process {shell.pid})" in runner.dialog.labelText(), timeout=10_000)
        window.close()
        assert window.isVisible() and window.close_question is not None  # asked, not closed
        assert "Importing big.geojson into Brick factories" in window.close_question.text()
        window.close()  # asked again: the same question, not a second one
        question = window.close_question
        question.button(QMessageBox.StandardButton.No).click()
        assert window.isVisible() and runner.running  # "No": the import goes on
        window.close()
        window.close_question.button(QMessageBox.StandardButton.Yes).click()
        window.close()  # a second close while cancelling
        assert window.isVisible()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)
        shell.release()
    with Store.open(path) as store:
        assert (store.count(LAYER), len(store.changes())) == before  # the store as before the import


def test_closing_with_nothing_running_asks_nothing(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    window.canvas.refresh()  # a redraw (and its read-ahead) under way as the window closes
    window.close()
    assert not window.isVisible() and window.close_question is None
    # no render or read-ahead job outlives the window: one still running when Python ends (a thread Qt
    # made, running Python) aborts the process ("terminate called without an active exception")
    assert window.canvas.layers.scheduler.pool.activeThreadCount() == 0


# -- the demo store -----------------------------------------------------------------------------------------
@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


def test_the_demo_refuses_connect_and_sync_and_offers_the_branch_store(qtbot, demo, settings, tmp_path, monkeypatch):
    window = open_window(qtbot, demo, settings)
    assert window.windowTitle() == "demo.gpkg (demo store: illustrative data)"  # the platform adds Baytak
    assert window.edit_actions.pending_count() == 0 and len(window.edit_actions.tracker.rings.points) == 0
    assert window.status.changes_label.text() == "Demo store: illustrative data, never synced"
    window.registry.actions["connect"].trigger()
    box = window.sync.demo_refusal.box
    assert box is not None and box.isVisible() and window.sync.connect_dialog is None
    assert "demo store" in box.text() and "never go to a server" in box.text()
    box.close()
    assert window.sync.sync_now() is False and window.sync.controller.runner is None  # Sync refused too
    assert window.sync.demo_refusal.box.isVisible()
    branch = tmp_path / "my_branch.gpkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(branch), ""))
    window.sync.demo_refusal.create_button.click()  # the offer: File > New store (made off the UI thread)
    qtbot.waitUntil(lambda: window.store.path == branch, timeout=10_000)
    assert not window.store.is_demo
    assert window.windowTitle() == "my_branch.gpkg"
    window.registry.actions["connect"].trigger()
    assert window.sync.connect_dialog is not None  # the real store may sign in
    window.sync.connect_dialog.close()
    window.close()


def test_the_demo_edited_still_counts_nothing_and_draws_no_rings(qtbot, demo, settings):
    window = open_window(qtbot, demo, settings)
    uuid = window.store.features(LAYER)[0].uuid
    window.edit_actions.session.update_attributes(LAYER, uuid, {"name": "Tried the editor"})
    assert window.edit_actions.pending_count() == 0 and len(window.edit_actions.tracker.rings.points) == 0
    assert window.status.changes_label.text() == "Demo store: illustrative data, never synced"
    window.close()


# -- who made an edit -----------------------------------------------------------------------------------------
def test_edits_record_the_name_from_the_settings_else_the_system_user(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    uuid = session.create_feature(LAYER, {"name": "Mine", "status": "closed"}, shapely.Point(77.0, 43.3))
    written(qtbot, window)
    assert window.store.get(LAYER, uuid)["created_by"] == getpass.getuser()
    window.author.set_name("  Айгерім Сейітова ")
    assert settings.value("edit/author") == "Айгерім Сейітова"
    session.update_attributes(LAYER, uuid, {"name": "Mine, renamed"})
    written(qtbot, window)
    feature = window.store.get(LAYER, uuid)
    assert feature["updated_by"] == "Айгерім Сейітова" and feature["created_by"] == getpass.getuser()
    other = session.create_feature(LAYER, {"name": "Hers", "status": "closed"}, shapely.Point(77.1, 43.3))
    written(qtbot, window)
    window.show_feature(LAYER, window.store.fid_of(LAYER, other))
    qtbot.waitUntil(lambda: "Айгерім Сейітова" in window.details.text(), timeout=10_000)  # read on a reader
    assert "Created by" in window.details.text()
    window.close()
    again = open_window(qtbot, path, settings)  # remembered for the next start
    assert again.store.author == "Айгерім Сейітова"
    again.author.set_name("")
    assert again.store.author == getpass.getuser()
    again.close()
