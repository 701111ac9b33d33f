"""Long jobs are plain functions that take a progress object.

The CLI passes a text progress bar, the UI a Qt one (on a worker thread), the tests a fake. A job calls
``progress.update(fraction, text)`` now and then; the progress object raises :class:`Cancelled` from
there once the user has cancelled, so the job unwinds through its ``with store.session()`` and the
transaction rolls back. Threads are never killed.

The ``text`` is a :class:`Phase`: the English sentence that also keeps its template and parameters, so
the window and the ``baytak`` command's progress bar show it in the person's language. Every template is collected
by scripts/collect_domain_messages.py and translated like the domain's error messages.
"""

from __future__ import annotations

from typing import Any, Protocol


class Phase(str):
    """What a job is doing: "Reading Quarries…" in English, with ``template`` and ``params`` kept for the
    UI's translation. A str, so a progress object that only prints (the CLI's) needs nothing more."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Phase:
        phase = super().__new__(cls, template.format(**params))
        phase.template, phase.params = template, params
        return phase


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
