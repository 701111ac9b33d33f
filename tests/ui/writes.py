"""Waiting for the window's writes in tests: every edit in the window runs on its writer thread.

The window's ``EditSession`` hands each action, undo and redo to ``ui.sharing.writer`` (the UI thread
never waits on the database), so a test that reads the store right after an action first waits for the
writer to report that its queue is empty (its ``sigIdle``, after each write's callback ran on the UI
thread). Nothing is assumed written synchronously. What an edit tool needs to know of the store (the
feature under a click) is read first on the window's reader threads, so ``written`` also waits for
those reads and for the writes they lead to.
"""

from __future__ import annotations

from typing import Any

from baytak_desktop.ui.sharing.writer import StoreWriter


def writer_of(window: Any) -> StoreWriter:
    """The window's writer (a MainWindow, or its EditActions)."""
    actions = getattr(window, "edit_actions", window)
    writer = actions.writer
    assert isinstance(writer, StoreWriter)
    return writer


def written(qtbot: Any, window: Any, timeout: int = 30_000) -> None:
    """Wait until everything the window queued was read and written (or refused) and its callbacks ran."""
    writer = writer_of(window)
    readers = getattr(window, "readers", None) or getattr(getattr(window, "ctx", None), "readers", None)
    while True:
        if readers is not None and readers.busy():
            assert readers.wait_idle(timeout), "the window's reads did not land"
        if writer.pending():
            with qtbot.waitSignal(writer.sigIdle, timeout=timeout):
                pass
        if not writer.pending() and (readers is None or not readers.busy()):
            break
    assert writer.pending() == 0


def add_window(qtbot: Any, window: Any) -> None:
    """Register a main window with pytest-qt so that its writes land before it is closed.

    pytest-qt closes and deletes the registered widgets *before* the fixtures' teardown runs, so a
    fixture that waited for the writer after its ``yield`` ran an event loop in which the window was
    already deleted ("Signal source has been deleted"); waiting in ``before_close_func`` comes first.
    """
    qtbot.addWidget(window, before_close_func=lambda shown: written(qtbot, shown))
