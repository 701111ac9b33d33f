"""Crash safety with a real store, a real Qt slot and real threads: the store is unchanged, a report is
written (no secrets in it), the user sees one short, non-blocking dialog, and the app keeps running."""

from __future__ import annotations

import threading

import pytest
import shapely
from PySide6.QtWidgets import QPushButton

from baytak_desktop.store import Store
from baytak_desktop.ui.crash import CrashDialog, CrashHandler, redact

KONAEV = shapely.Point(77.07, 43.87)
SECRET = "s3cr3t-Value-42"


@pytest.fixture
def handler(qtbot, tmp_path):
    crash = CrashHandler(tmp_path / "crash-reports").install(qt_messages=False)
    yield crash
    crash.uninstall()
    if crash.dialog is not None:
        crash.dialog.close()


@pytest.fixture
def store(tmp_path):
    with Store.create(tmp_path / "branch.gpkg") as created:
        created.insert(
            "brick_factories",
            {"name": "Narynkol", "status": "closed", "branch": "almaty_region"},
            shapely.Point(80.18, 42.72),
        )
    return tmp_path / "branch.gpkg"


def snapshot(path):
    with Store.open(path, readonly=True) as opened:
        rows = [(f.uuid, f.attributes.get("name")) for f in opened.features("brick_factories")]
        integrity = opened.conn.execute("PRAGMA integrity_check").fetchone()[0]
        return rows, len(opened.changes()), integrity


@pytest.mark.qt_no_exception_capture
def test_exception_inside_a_store_session_in_a_slot_leaves_the_store_unchanged(qtbot, handler, store):
    before = snapshot(store)
    opened = Store.open(store)
    button = QPushButton("save")
    qtbot.addWidget(button)

    def save_half_then_fail() -> None:
        with opened.session():
            opened.insert(
                "brick_factories", {"name": "Besagash", "status": "closed", "branch": "almaty_region"}, KONAEV
            )
            opened.update("brick_factories", before[0][0][0], {"name": "renamed half way"})
            raise RuntimeError(f"the disk went away; password={SECRET} Authorization: Bearer {SECRET}")

    button.clicked.connect(save_half_then_fail)
    with qtbot.waitSignal(handler.sigCrashed, timeout=5000) as crashed:
        button.click()
    assert not opened.session.active  # the transaction is over (rolled back), nothing is held open
    assert snapshot(store) == before  # read through a second connection while the app's is still open
    path, summary = crashed.args
    assert "RuntimeError" in summary and SECRET not in summary
    text = handler.reports[0].read_text(encoding="utf-8")
    assert str(handler.reports[0]) == path and handler.reports[0].parent.name == "crash-reports"
    assert "save_half_then_fail" in text and "RuntimeError: the disk went away" in text
    assert "baytak-desktop:" in text and "qt:" in text and "platform:" in text
    assert SECRET not in text
    assert isinstance(handler.dialog, CrashDialog) and handler.dialog.isVisible()
    assert not handler.dialog.isModal()
    assert path in handler.dialog.where.text()
    with qtbot.waitSignal(handler.sigCrashed, timeout=5000):
        button.click()  # the app kept running: the same slot can run (and fail) again
    assert handler.dialog.paths == [str(p) for p in handler.reports]  # one dialog, both reports
    opened.close()
    assert snapshot(store) == before


def test_exception_in_a_python_thread_is_reported_on_the_ui_thread(qtbot, handler):
    def work() -> None:
        raise ValueError(f"sync token: {SECRET}")

    with qtbot.waitSignal(handler.sigCrashed, timeout=5000) as crashed:
        thread = threading.Thread(target=work, name="sync-worker")
        thread.start()
        thread.join()
    text = handler.reports[0].read_text(encoding="utf-8")
    assert "thread: sync-worker" in text and "ValueError" in text and SECRET not in text
    assert crashed.args[0] == str(handler.reports[0])
    assert handler.dialog.isVisible()


def test_log_lines_before_the_crash_are_in_the_report(qtbot, handler):
    import logging

    logging.getLogger("baytak_desktop.sync").info("pushing 12 changes to https://editor:%s@sync.example.kz", SECRET)
    handler.handle(*_raised(KeyError("uuid")))
    text = handler.reports[0].read_text(encoding="utf-8")
    assert "pushing 12 changes to https://***:***@sync.example.kz" in text


def test_without_dialogs_only_the_report_is_written(qtbot, tmp_path):
    quiet = CrashHandler(tmp_path / "reports", dialogs=False).install(qt_messages=False)
    try:
        with qtbot.waitSignal(quiet.sigCrashed, timeout=5000):
            quiet.handle(*_raised(OSError("no space left")))
    finally:
        quiet.uninstall()
    assert quiet.dialog is None and len(list((tmp_path / "reports").glob("crash-*.txt"))) == 1


def test_uninstall_restores_the_previous_hooks(tmp_path):
    import sys

    before = sys.excepthook, threading.excepthook
    CrashHandler(tmp_path).install(qt_messages=False).uninstall()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.mark.parametrize(
    "text, kept",
    [
        ("password=hunter2 user=aigerim", "password=*** user=aigerim"),
        ('{"token": "abc.def.ghi", "layer": "quarries"}', '{"token": "***", "layer": "quarries"}'),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.x.y", "Authorization: ***"),
        ("https://editor:pa55@sync.baytak.kz/api", "https://***:***@sync.baytak.kz/api"),
        ("quarry Abat, status illegal", "quarry Abat, status illegal"),
    ],
)
def test_redact(text, kept):
    assert redact(text) == kept


def _raised(exc: BaseException):
    try:
        raise exc
    except BaseException as caught:
        return type(caught), caught, caught.__traceback__
