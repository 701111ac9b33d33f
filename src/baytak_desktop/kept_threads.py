"""One-off work handed to threads that are kept waiting between jobs, so the UI thread never starts one.

``threading.Thread.start`` returns only after the new thread has run its first lines, and that needs
the GIL: beside three busy Python threads (the readers and the render threads of a map being drawn)
the caller waited a median 35 ms and up to 78 ms for it, and the UI thread up to 110 ms when a store
was opened or closed. A thread already waiting on a queue takes a job with no such handshake:
handing it over is a ``put`` that never waits. A new thread is started only when every kept one is
busy: the first job, or jobs that overlap (an opening waiting for another program's lock while a
closing runs).

A job's exception goes to ``threading.excepthook`` as a thread's would (the crash handler writes its
report), and the thread goes on serving. Kept threads are daemons, like the ones they replace.
"""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable


class Done:
    """The end of one job: ``wait`` returns True once it has returned or raised."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def wait(self, timeout: float | None = None) -> bool:
        return self._event.wait(timeout)

    def is_alive(self) -> bool:
        """Whether the job has not ended yet (the name ``threading.Thread`` uses)."""
        return not self._event.is_set()

    def _ended(self) -> None:
        self._event.set()


class ThreadKeeper:
    """Daemon threads that run handed-over jobs one at a time each, kept idle on a queue between them."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[tuple[Callable[[], object], str, Done]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0  # threads waiting for a job and not promised to one already queued
        self._started = 0

    @property
    def started(self) -> int:
        """How many threads this keeper has started (each is kept for good)."""
        return self._started

    def run(self, job: Callable[[], object], name: str) -> Done:
        """Run ``job`` on a kept thread named ``name`` while it runs; a thread is started only if none is
        idle."""
        done = Done()
        with self._lock:
            start = self._idle == 0
            if start:
                self._started += 1
            else:
                self._idle -= 1  # that thread is promised to this job
        self._jobs.put((job, name, done))
        if start:
            threading.Thread(target=self._serve, name=f"baytak-kept-{self._started}", daemon=True).start()
        return done

    def _serve(self) -> None:
        thread = threading.current_thread()
        own_name = thread.name
        while True:
            job, name, done = self._jobs.get()
            thread.name = name  # what a meter, py-spy or a crash report names
            try:
                job()
            except BaseException:
                exc_type, exc, tb = sys.exc_info()
                threading.excepthook(threading.ExceptHookArgs((exc_type, exc, tb, thread)))
                del exc, tb
            finally:
                thread.name = own_name
                with self._lock:
                    self._idle += 1
                done._ended()


KEEPER = ThreadKeeper()


def run_kept(job: Callable[[], object], name: str) -> Done:
    """Run ``job`` on one of the application's kept threads (see the module's docstring)."""
    return KEEPER.run(job, name)
