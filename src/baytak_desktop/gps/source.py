"""A position source: a receiver read on its own thread, delivering fixes and states to callbacks.

The thread never lets an exception out. A device unplugged, a phone that left the Wi-Fi, gpsd
restarted: each is a state (``DISCONNECTED`` with the reason and when the next try is) and a reconnect
after a growing pause (:class:`Backoff`), until :meth:`PositionSource.stop`. The callbacks run on the
source's thread: a UI hands them over to its own thread (a queued signal), a script may collect them
in a list. A callback that raises is logged and the source reads on.

Subclasses say how to open a connection (``_connect``) and how to read fixes from it (``_read``); the
reading checks ``self.stopping`` at least twice a second so ``stop`` returns promptly.
"""

from __future__ import annotations

import logging
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from baytak_desktop.errors import formatted
from baytak_desktop.gps.fix import Fix
from baytak_desktop.i18n import Sentence

log = logging.getLogger(__name__)

POLL_S = 0.25  # how often a blocked read wakes up to look at the stop flag
SILENCE_S = 10.0  # a connection that says nothing this long is taken as lost


class SourceState(StrEnum):
    CONNECTING = "connecting"
    CONNECTED = "connected"  # the device or server is open; nothing heard from the receiver yet
    NO_FIX = "no_fix"  # connected and hearing the receiver, which has no position (yet)
    FIX = "fix"
    DISCONNECTED = "disconnected"  # lost or not reachable; reconnecting after retry_in_s
    FINISHED = "finished"  # a log replay reached its end
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """What a source is doing. ``detail`` is the system's own words for a failure (not translated)."""

    state: SourceState
    source: str
    detail: str = ""
    retry_in_s: float | None = None
    attempt: int = 0


@dataclass(frozen=True)
class Backoff:
    """Pauses between reconnection attempts: first, first*factor, ... up to at most ``longest``."""

    first_s: float = 1.0
    factor: float = 2.0
    longest_s: float = 30.0

    def delay(self, failures: int) -> float:
        """The pause after ``failures`` failed attempts in a row (1, 2, ...)."""
        return float(min(self.first_s * self.factor ** max(0, failures - 1), self.longest_s))


class ConnectionLost(Exception):
    """Raised by a reader: the device or server went away (EOF, silence, I/O error).

    Its message is an English ``template`` with ``params``, like a domain error's, so the status it
    becomes (a ``Sentence``) is said in the language of the window or the command line."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template, self.params = template, params
        super().__init__(formatted(template, params))


FixCallback = Callable[[Fix], None]
StatusCallback = Callable[[SourceStatus], None]


class PositionSource(ABC):
    """Base of every source. ``start()`` once, ``stop()`` once; fixes and states go to the callbacks."""

    finite = False  # True for a source that ends by itself (a log replay)
    lazy_connect = False  # True when the connection is only made by reading (it then reports CONNECTED itself)

    def __init__(
        self,
        name: str,
        on_fix: FixCallback,
        on_status: StatusCallback | None = None,
        *,
        backoff: Backoff | None = None,
        silence_s: float = SILENCE_S,
    ) -> None:
        self.name = name
        self._on_fix = on_fix
        self._on_status = on_status or (lambda status: None)
        self.backoff = backoff or Backoff()
        self.silence_s = silence_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._state: SourceState | None = None
        self._attempt = 0
        self._failures = 0

    # -- the owner's side -----------------------------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("a position source starts once")
        self._thread = threading.Thread(target=self._run, name=f"gps {self.name}", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to end and wait for it (at most ``timeout`` seconds)."""
        self._stop.set()
        self._interrupt()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    def join(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def state(self) -> SourceState | None:
        return self._state

    # -- the thread -----------------------------------------------------------------------------------
    def _run(self) -> None:
        while not self.stopping:
            self._attempt += 1
            self._status(SourceState.CONNECTING)
            try:
                with self._connect() as connection:
                    if not self.lazy_connect:
                        self._status(SourceState.CONNECTED)
                    for fix in self._read(connection):
                        self._failures = 0
                        self._deliver(fix)
                        if self.stopping:
                            break
                if self.finite and not self.stopping:
                    self._status(SourceState.FINISHED)
                    return
            except Exception as exc:  # a lost receiver is a state, never a crash
                if self.stopping:
                    break
                self._lost(exc)
                continue
            if not self.stopping:
                self._lost(ConnectionLost("the connection was closed"))
        self._status(SourceState.STOPPED)

    def _lost(self, exc: BaseException) -> None:
        self._failures += 1
        delay = self.backoff.delay(self._failures)
        log.info("gps source %s lost: %s; retrying in %.1f s", self.name, exc, delay)
        self._status(SourceState.DISCONNECTED, detail=_reason(exc), retry_in_s=delay, force=True)
        self._stop.wait(delay)

    def _deliver(self, fix: Fix | None) -> None:
        if fix is None:
            self._status(SourceState.NO_FIX)
            return
        self._status(SourceState.FIX)
        try:
            self._on_fix(fix)
        except Exception:  # a consumer's bug must not silence the receiver
            log.exception("a GPS fix callback failed")

    def _status(
        self, state: SourceState, *, detail: str = "", retry_in_s: float | None = None, force: bool = False
    ) -> None:
        if state == self._state and not force:
            return
        self._state = state
        status = SourceStatus(state, self.name, detail=detail, retry_in_s=retry_in_s, attempt=self._attempt)
        try:
            self._on_status(status)
        except Exception:
            log.exception("a GPS status callback failed")

    # -- what a subclass provides ----------------------------------------------------------------------
    @abstractmethod
    def _connect(self) -> AbstractContextManager[Any]:
        """Open the device or connection; raise (any exception) when it cannot be opened."""

    @abstractmethod
    def _read(self, connection: Any) -> Iterator[Fix | None]:
        """Yield a Fix per epoch with a position and None per epoch without; raise ConnectionLost (or
        any error) when the connection fails; return when it ends normally (a file's end)."""

    def _interrupt(self) -> None:  # noqa: B027 - optional: most readers poll ``stopping`` instead
        """Wake a read blocked in the system (sockets close here); most readers just poll ``stopping``."""


def _reason(exc: BaseException) -> str:
    """Why the source was lost: our own sentence (kept translatable) or the system's text."""
    if isinstance(exc, ConnectionLost):
        return Sentence(exc.template, **exc.params)
    text = str(exc).strip()
    return text or type(exc).__name__
