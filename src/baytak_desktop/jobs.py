"""Long jobs are plain functions that take a progress object.

The CLI passes a text progress bar, the UI a Qt one (on a worker thread), the tests a fake. A job calls
``progress.update(fraction, text)`` now and then; the progress object raises :class:`Cancelled` from
there once the user has cancelled, so the job unwinds through its ``with store.session()`` and the
transaction rolls back. Threads are never killed.
"""

from __future__ import annotations

from typing import Protocol


class Cancelled(Exception):
    """The user cancelled the job; whatever it was writing has been rolled back."""


class Progress(Protocol):
    def update(self, fraction: float, text: str = "") -> None:
        """Report progress (0..1); raise Cancelled if the user has cancelled."""


class NullProgress:
    """A progress that shows nothing and never cancels."""

    def update(self, fraction: float, text: str = "") -> None:
        return None


class CancelAfter:
    """A progress that cancels after ``calls`` updates: for tests of cancellation and rollback."""

    def __init__(self, calls: int) -> None:
        self.remaining = calls
        self.seen: list[tuple[float, str]] = []

    def update(self, fraction: float, text: str = "") -> None:
        self.seen.append((fraction, text))
        self.remaining -= 1
        if self.remaining < 0:
            raise Cancelled()
