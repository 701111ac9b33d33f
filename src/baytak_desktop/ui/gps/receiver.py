"""The receiver on its own thread, and its fixes and states handed to the UI thread by queued signals.

A ``PositionSource`` (``baytak_desktop.gps``) reads the device on a Python thread and calls back on that
thread. Here those calls do only thread-safe work there (the live position, the averager and the track
recorder, which writes its GPX on that thread, never on the UI's), then post the fix or state to the UI
thread through a queued connection: a slow disk or a receiver that goes silent never holds the window.

Each connection has a generation number: what a source still delivers after it was replaced or
disconnected is dropped, so an old receiver cannot move the marker of a new one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal

from baytak_desktop.gps import Backoff, Fix, PositionSource, SourceSpec, SourceStatus
from baytak_desktop.gps.live import LivePosition, PositionSnapshot

log = logging.getLogger(__name__)
FixListener = Callable[[Fix], object]


class GpsReceiver(QObject):
    sigFix = Signal(object)  # Fix, on the UI thread
    sigStatus = Signal(object)  # SourceStatus, on the UI thread
    _sigFixPosted = Signal(int, object)  # from the source's thread: generation, Fix
    _sigStatusPosted = Signal(int, object)  # generation, SourceStatus

    def __init__(self, parent: QObject | None = None, *, backoff: Backoff | None = None) -> None:
        super().__init__(parent)
        self.backoff = backoff or Backoff()
        self.live = LivePosition()
        self.spec: SourceSpec | None = None
        self._source: PositionSource | None = None
        self._generation = 0
        self._listeners: list[FixListener] = []
        self._lock = threading.Lock()
        queued = Qt.ConnectionType.QueuedConnection
        self._sigFixPosted.connect(self._fix_arrived, queued)
        self._sigStatusPosted.connect(self._status_arrived, queued)

    # -- the UI thread's side ------------------------------------------------------------------------
    def connect_to(self, spec: SourceSpec) -> None:
        """Start reading ``spec`` (the source in use before is stopped first)."""
        self.disconnect_source()
        with self._lock:
            self._generation += 1
            generation = self._generation
        self.spec, self.live = spec, LivePosition()
        live = self.live
        source = spec.open(
            lambda fix: self._on_fix(generation, live, fix),
            lambda status: self._on_status(generation, live, status),
            backoff=self.backoff,
        )
        self._source = source
        source.start()

    def disconnect_source(self) -> None:
        """Stop reading; nothing the old source still sends reaches the window."""
        with self._lock:
            self._generation += 1
        source, self._source = self._source, None
        if source is not None:
            # Sockets are closed to wake the read and every reader polls its stop flag twice a second, so
            # the thread ends at once; a device stuck in the system is not waited for longer than this
            # (its thread is a daemon, and what it still delivers is dropped by the generation check).
            source.stop(timeout=0.5)
        self.spec = None

    @property
    def connected(self) -> bool:
        return self._source is not None

    def snapshot(self) -> PositionSnapshot:
        return self.live.snapshot()

    def add_listener(self, listener: FixListener) -> None:
        """Call ``listener(fix)`` on the source's thread for every fix (it must be thread-safe and quick)."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: FixListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    # -- the source's thread ------------------------------------------------------------------------
    def _current(self, generation: int) -> bool:
        with self._lock:
            return generation == self._generation

    def _on_fix(self, generation: int, live: LivePosition, fix: Fix) -> None:
        if not self._current(generation):
            return
        live.fix(fix)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(fix)
            except Exception:  # a consumer's bug must not silence the receiver
                log.exception("a GPS fix listener failed")
        self._sigFixPosted.emit(generation, fix)

    def _on_status(self, generation: int, live: LivePosition, status: SourceStatus) -> None:
        if not self._current(generation):
            return
        live.status(status)
        self._sigStatusPosted.emit(generation, status)

    # -- back on the UI thread ----------------------------------------------------------------------
    def _fix_arrived(self, generation: int, fix: Fix) -> None:
        if self._current(generation):
            self.sigFix.emit(fix)

    def _status_arrived(self, generation: int, status: SourceStatus) -> None:
        if self._current(generation):
            self.sigStatus.emit(status)
