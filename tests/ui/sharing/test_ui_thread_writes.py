"""The UI thread never waits on the database for an edit (issue 14): every write runs on the writer.

Every store connection is metered (``store.meter``), so these tests assert what runs where, never how
long it takes (speed is measured in bench/bench_sharing_ui.py): adding a feature through the form,
moving it, editing its attributes through the form's Save, undo, redo and delete make no call at all on
the UI thread, whether the window has the store alone, another program (the sqlite3 shell) holds its
write lock meanwhile, or ogr2ogr keeps appending to it. The undo stack has each step at once; a write
the store refuses comes back to the person with the reason and its step goes, the store unchanged.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shapely

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui.window.main_window import MainWindow
from tests.interop.programs import OGR2OGR, SQLITE3, SqliteShell, gdal_lost_a_race, ogr2ogr_append
from tests.interop.test_sharing import points_file
from tests.ui.sharing.test_ui_thread_reads import LAYER, open_window, ui_calls
from tests.ui.writes import written

needs_gdal = pytest.mark.skipif(OGR2OGR is None, reason="ogr2ogr (gdal-bin) is not installed")
needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")


class Appending:
    """ogr2ogr appending to the store in a loop on a thread of the test, until stopped."""

    def __init__(self, path: Path, tmp_path: Path) -> None:
        self.path, self.source = path, points_file(tmp_path, "gdal", 2)
        self.runs = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            done = ogr2ogr_append(self.path, self.source, LAYER)
            assert done.returncode == 0 or gdal_lost_a_race(done), done.stderr
            self.runs += done.returncode == 0

    def __enter__(self) -> Appending:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(300)


def edit_calls(meter: Meter, mark: int) -> list[str]:
    """The UI thread's database calls since ``mark``, but for the reads that follow a change of selection
    (the saved feature is selected once written: the map's highlight and the history panel read the
    selected feature on the UI thread; moving those reads of a person's selection to the readers is
    another piece of work). Nothing the edits, the form's save, undo and redo do is left out."""
    selection_reads = ("selection.py", "map_layers.py:359 _highlight")  # the history panel's, the map's
    return [call for call in ui_calls(meter, mark) if not any(read in call for read in selection_reads)]


def edit_through_the_window(qtbot, window: MainWindow) -> str:
    """A person's edits, as the window's widgets make them: add (the form's Save), move (the move tool's
    call on release), attributes (the form's Save), undo, redo; returns the new feature's uuid."""
    actions = window.edit_actions
    panel, session = actions.panel, actions.session
    panel.new_feature(LAYER, shapely.Point(77.2, 43.25))
    panel.form.set_values({"name": "Kaskelen kiln", "status": "operating"})  # as typed
    uuid = panel.save()
    assert uuid is not None and panel.uuid == uuid  # the form shows the saved feature at once
    assert session.stack.count() == 1
    session.update_geometry(LAYER, uuid, shapely.Point(77.21, 43.26))  # what the move tool does on release
    panel.form.set_values({"name": "Kaskelen brick kiln"})
    panel.save()
    assert session.stack.count() == 3 and panel.form.values()["name"] == "Kaskelen brick kiln"
    session.stack.undo()  # the name back
    session.stack.redo()
    assert session.stack.count() == 3 and session.stack.index() == 3  # every step at once, in order
    return uuid


def check_written(window: MainWindow, uuid: str) -> None:
    feature = window.store.get(LAYER, uuid)
    assert feature["name"] == "Kaskelen brick kiln" and feature["status"] == "operating"
    assert feature.geometry.equals(shapely.Point(77.21, 43.26))


def test_edits_undo_redo_and_delete_make_no_database_call_on_the_ui_thread(qtbot, meter, path, settings):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    mark = meter.mark()
    uuid = edit_through_the_window(qtbot, window)
    written(qtbot, window)
    assert window.readers.wait_idle()
    qtbot.waitUntil(lambda: window.edit_actions.panel.form.values()["name"] == "Kaskelen brick kiln")
    session.delete_feature(LAYER, uuid)
    session.stack.undo()  # the delete undone: the feature is back
    written(qtbot, window)
    assert window.readers.wait_idle()
    assert edit_calls(meter, mark) == []
    check_written(window, uuid)
    assert any(call.thread_name == "baytak-writer" for call in meter.since(mark))
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 2, timeout=10_000)
    window.close()


@needs_sqlite3
def test_while_another_program_holds_the_lock_the_edits_queue_with_no_call_on_the_ui_thread(
    qtbot, meter, path, settings
):
    window = open_window(qtbot, path, settings)
    session, writer = window.edit_actions.session, window.edit_actions.writer
    with SqliteShell(path) as shell:
        shell.hold()
        mark = meter.mark()
        uuid = edit_through_the_window(qtbot, window)
        session.delete_feature(LAYER, uuid)
        session.stack.undo()
        assert writer.pending() == 7 and session.stack.count() == 4  # all waiting, every step there
        assert ui_calls(meter, mark) == []
        shell.release()
        written(qtbot, window)
    assert window.readers.wait_idle()
    assert edit_calls(meter, mark) == []
    check_written(window, uuid)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 2, timeout=10_000)
    window.close()


@needs_gdal
def test_while_ogr2ogr_keeps_appending_the_edits_make_no_call_on_the_ui_thread(qtbot, meter, path, settings, tmp_path):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    mark = meter.mark()
    with Appending(path, tmp_path) as gdal:
        qtbot.waitUntil(lambda: gdal.runs >= 1, timeout=60_000)
        uuid = edit_through_the_window(qtbot, window)
        session.delete_feature(LAYER, uuid)
        session.stack.undo()
        written(qtbot, window)
        qtbot.waitUntil(lambda: gdal.runs >= 2, timeout=60_000)
    assert window.readers.wait_idle()
    assert edit_calls(meter, mark) == []
    check_written(window, uuid)
    total = 2 + 2 * gdal.runs
    qtbot.waitUntil(lambda: window.table.model.rowCount() == total, timeout=15_000)  # the poller saw GDAL's
    window.close()


@needs_sqlite3
def test_a_new_feature_the_store_refuses_comes_back_to_the_form_with_the_reason_and_no_step(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    actions = window.edit_actions
    panel, session, writer = actions.panel, actions.session, actions.writer
    errors: list[str] = []
    session.sigError.connect(errors.append)
    with SqliteShell(path) as shell:  # a lock kept past the writer's patience
        shell.hold()
        writer.patience = 1.0
        panel.new_feature(LAYER, shapely.Point(77.2, 43.25))
        panel.form.set_values({"name": "Refused kiln", "status": "operating"})
        uuid = panel.save()
        assert uuid is not None and session.stack.count() == 1  # the step at once
        written(qtbot, window)
        shell.release()
    assert "sqlite3 (process " in errors[0]
    assert session.stack.count() == 0  # the step taken back
    assert panel.is_new() and panel.form is not None  # the form as it was at Save, to save again
    assert panel.form.values()["name"] == "Refused kiln" and panel.feature_geometry.equals(shapely.Point(77.2, 43.25))
    assert "sqlite3 (process " in panel.error.text() and panel.error.isVisibleTo(panel)
    assert window.store.count(LAYER) == 1  # nothing written
    writer.patience = 30.0
    again = panel.save()
    written(qtbot, window)
    assert again is not None and window.store.get(LAYER, again)["name"] == "Refused kiln"
    window.close()


@needs_sqlite3
def test_closing_with_edits_queued_waits_for_them_says_so_and_loses_nothing(qtbot, path, settings):
    window = open_window(qtbot, path, settings)
    session = window.edit_actions.session
    with SqliteShell(path) as shell:
        shell.hold()
        uuid = session.create_feature(LAYER, {"name": "Written at close", "status": "closed"}, shapely.Point(77, 43.3))
        assert window.edit_actions.writer.pending() == 1
        assert not window.close()  # refused for now: the edit is still waiting for the other program
        assert window.isVisible() and "window closes when they are written" in window.status.currentMessage()
        assert not window.close()  # a second close is not lost either: it waits the same way
        shell.release()
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=30_000)  # closed by itself once written
    with Store.open(path, readonly=True) as store:
        assert store.get(LAYER, uuid)["name"] == "Written at close"
