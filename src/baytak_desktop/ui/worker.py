"""Run a long job off the UI thread, with a progress dialog and a Cancel button that really cancels.

A job is a plain function ``job(*args, progress=..., **kwargs)`` (DESIGN.md "Long jobs"): the same one
the CLI and the tests call. It runs on a worker thread; it never touches a widget, and it opens its own
``Store`` (SQLite connections belong to the thread that made them). Cancel sets a flag; the job's next
``progress.update()`` raises ``Cancelled``, so the job unwinds through its ``with store.session()`` and
the transaction rolls back. Threads are never killed.

The result, the error or the cancellation arrives on the UI thread as a signal of :class:`JobRunner`.

Why Python threads and not ``QThreadPool``: pyproj 3.7 (the last release for Python 3.11) keeps its PROJ
context per thread in a way that crashes (segfault in ``CRS()``) on threads Python did not create, as
soon as a second pool thread reads a file (pyproj issues #1509, fixed in 3.8 for Python 3.12+). Every
import and export creates CRS objects, so jobs run on Python threads (kept ones: ``kept_threads``, so
that starting a job never waits for the GIL on the UI thread); the signals still cross to the UI thread
by Qt's queued connections.
"""

from __future__ import annotations

import threading
import time
import traceback
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from baytak_desktop.jobs import Cancelled, Phase
from baytak_desktop.kept_threads import Done, run_kept
from baytak_desktop.store.lockwait import Waiting
from baytak_desktop.ui.messages import phase_label, sentence_text

STEPS = 1000  # progress bar resolution


def phase_text(text: str) -> str | None:
    """The dialog's words for a job's phase (a ``jobs.Phase``), in the UI language; None for any other
    text: the dialog keeps what it said rather than show English words or an identifier."""
    return phase_label(text) if isinstance(text, Phase) and text else None


_ACTIVE: set[JobRunner] = set()
_THREADS: weakref.WeakSet[Done] = weakref.WeakSet()


def traceback_text(error: BaseException) -> str:
    """Where a job failed, for the details of an error dialog (the exception keeps its traceback)."""
    return "".join(traceback.format_exception(error))


def wait_for_jobs(timeout: float = 30.0) -> bool:
    """Block until every job thread has ended (after a cancel: closing the app); False on timeout."""
    deadline = time.monotonic() + timeout
    for job in list(_THREADS):
        job.wait(max(0.0, deadline - time.monotonic()))
    return not any(job.is_alive() for job in _THREADS)


def waiting_text(report: Waiting) -> str:
    """ "Waiting for QGIS (process 4242), which has the store open for writing (3 s)…" in the UI language
    (the programs named as the store names them: ``Waiting.program``, a sentence of its own)."""
    return QCoreApplication.translate(
        "LockWait", "Waiting for {program}, which has the store open for writing ({seconds} s)…"
    ).format(program=sentence_text(report.program), seconds=int(report.seconds))


class _Relay(QObject):
    """Carries messages from the worker thread; queued to the UI thread because it lives there."""

    sigProgress = Signal(float, object)  # fraction, the text as the job gave it (a Phase keeps its template)
    sigDone = Signal(object)
    sigFailed = Signal(object)
    sigCancelled = Signal()
    sigWaiting = Signal(object)  # Waiting: the job's store waits for another program's lock


class ThreadProgress:
    """The job's progress object: thread-safe, and the place where a cancel turns into ``Cancelled``."""

    def __init__(self, relay: _Relay) -> None:
        self._relay = relay
        self._cancelled = threading.Event()

    def update(self, fraction: float, text: str = "") -> None:
        if self._cancelled.is_set():
            raise Cancelled()
        self._relay.sigProgress.emit(float(fraction), text)

    def waiting(self, report: Waiting) -> None:
        """The job waits for another program (``lockwait.WaitAware``): shown in the UI language; a
        cancel stops the wait."""
        if self._cancelled.is_set():
            raise Cancelled()
        self._relay.sigWaiting.emit(report)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class _Task:
    def __init__(
        self,
        job: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        progress: ThreadProgress,
        relay: _Relay,
    ) -> None:
        self.job, self.args, self.kwargs, self.progress, self.relay = job, args, kwargs, progress, relay

    def run(self) -> None:
        try:
            result = self.job(*self.args, progress=self.progress, **self.kwargs)
        except Cancelled:
            self.relay.sigCancelled.emit()
        except Exception as exc:  # delivered to the UI, which shows it; never lost in a thread
            self.relay.sigFailed.emit(exc)
        else:  # a cancel that came after the job's last update is too late: the work is done, say so
            self.relay.sigDone.emit(result)


class JobRunner(QObject):
    """One job on the thread pool, shown by a window-modal progress dialog with Cancel.

    Connect ``sigFinished(result)``, ``sigFailed(exception)`` and ``sigCancelled()`` before ``start()``.
    Exactly one of them is emitted, then ``sigEnded()``.
    """

    sigFinished = Signal(object)
    sigFailed = Signal(object)
    sigCancelled = Signal()
    sigEnded = Signal()
    sigWaiting = Signal(str)  # "Waiting for QGIS…": the job waits for another program's lock

    def __init__(
        self,
        parent: QObject | None,
        title: str,
        job: Callable[..., Any],
        *args: Any,
        show_dialog: bool = True,
        modal: bool = True,
        **kwargs: Any,
    ) -> None:
        """``modal=False``: the window stays usable (and closable: a window-modal dialog keeps the window
        manager's close from reaching it) while the job runs; its writes queue behind the job's."""
        super().__init__(parent)
        # No parent: the relay must outlive this runner while the task still emits from its thread.
        self._relay = _Relay()
        self.progress = ThreadProgress(self._relay)
        self._job, self._args, self._kwargs = job, args, kwargs
        self.running = False
        self.job_thread: Done | None = None  # not ``thread``: that is QObject.thread()
        window = parent if isinstance(parent, QWidget) else None
        self.title = title
        self.dialog = self._make_dialog(window, title, modal) if show_dialog else None
        self._relay.sigProgress.connect(self._on_progress)
        self._relay.sigDone.connect(self._on_done)
        self._relay.sigFailed.connect(self._on_failed)
        self._relay.sigCancelled.connect(self._on_cancelled)
        self._relay.sigWaiting.connect(self._on_waiting)

    def _make_dialog(self, parent: QWidget | None, title: str, modal: bool) -> QProgressDialog:
        dialog = QProgressDialog(title, self.tr("Cancel"), 0, STEPS, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setMinimumDuration(300)  # a job done in a blink shows no dialog at all
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self.cancel)
        return dialog

    def start(self) -> None:
        self.running = True
        _ACTIVE.add(self)  # a running job's runner lives on even if its creator drops it
        if self.dialog is not None:  # nothing measured yet: a moving bar, never a "0 %" that stays
            self.dialog.setMaximum(0)
            self.dialog.setValue(0)
        task = _Task(self._job, self._args, self._kwargs, self.progress, self._relay)
        self.job_thread = run_kept(task.run, "baytak-job")
        _THREADS.add(self.job_thread)

    def wait(self, timeout: float) -> None:
        """Block until the job's thread has ended (after a cancel: closing the window)."""
        if self.job_thread is not None:
            self.job_thread.wait(timeout)

    @Slot()
    def cancel(self) -> None:
        """Ask the job to stop at its next progress update; the outcome still arrives by signal."""
        self.progress.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))

    @Slot(float, object)
    def _on_progress(self, fraction: float, text: str) -> None:
        dialog = self.dialog  # setValue may process events, among them the job's end, which drops it
        if dialog is not None and not self.progress.cancelled:
            label = phase_text(text)
            if label:
                dialog.setLabelText(f"{self.title}\n{label}")
            # Nothing measurable yet (a file being read whole): a moving bar, not a bar stuck at 0 %
            dialog.setMaximum(0 if fraction <= 0 else STEPS)
            dialog.setValue(int(max(0.0, min(1.0, fraction)) * STEPS))

    @Slot(object)
    def _on_waiting(self, report: Waiting) -> None:
        if self.progress.cancelled:
            return
        text = waiting_text(report)
        if self.dialog is not None:
            self.dialog.setLabelText(text)
        self.sigWaiting.emit(text)

    def _finish(self) -> None:
        self.running = False
        _ACTIVE.discard(self)
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None

    @Slot(object)
    def _on_done(self, result: Any) -> None:
        self._finish()
        self.sigFinished.emit(result)
        self.sigEnded.emit()

    @Slot(object)
    def _on_failed(self, error: Exception) -> None:
        self._finish()
        self.sigFailed.emit(error)
        self.sigEnded.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish()
        self.sigCancelled.emit()
        self.sigEnded.emit()
