"""Waiting for the window's writes in tests: every edit in the window runs on its writer thread.

The window's ``EditSession`` hands each action, undo and redo to ``ui.sharing.writer`` (the UI thread
never waits on the database), so a test that reads the store right after an action first waits for the
writer to report that its queue is empty (its ``sigIdle``, after each write's callback ran on the UI
thread). Nothing is assumed written synchronously.
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
    """Wait until everything the window queued was written (or refused) and its callback ran."""
    writer = writer_of(window)
    if writer.pending():
        with qtbot.waitSignal(writer.sigIdle, timeout=timeout):
            pass
    assert writer.pending() == 0
