"""Sync jobs for the window: sign in, sync, resolve, history, each on a worker thread.

The jobs are the sync package's plain functions (``sync.engine.sync``, ``sync.session.login``...)
given a store *path*: a worker opens its own connection, so the window's store stays free for the
person to keep editing while a sync runs (an edit made meanwhile is not sealed into the changeset on
its way and goes with the next sync; see ``sync.outbox``). ``SyncController`` runs one job at a time
and turns the sync errors into what the window should do: say "no connection, your edits are safe",
ask to sign in again, or show the server's reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal, Slot

from baytak_desktop.jobs import Phase, Progress
from baytak_desktop.store import Store, StoreEvents
from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync import engine, records, session
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.sync.errors import NoConnection, NotSignedIn, ServerFailed, ServerRefused, SignInRequired, SyncError
from baytak_desktop.sync.protocol import ConflictRecord, FeatureState, ResolveRequest
from baytak_desktop.sync.session import ClientOptions, login, open_client, signed_in
from baytak_desktop.ui.messages import message_of, phase_label
from baytak_desktop.ui.worker import JobRunner

HISTORY = TypeAdapter(list[FeatureState])  # a feature's revisions, read like every answer (SyncClient.read)
Choice = tuple[int, str, Any]  # conflict id, "mine" | "theirs" | "edited", the edited value


# -- the jobs (no Qt: they run on a worker thread) ------------------------------------------------------
def sync_job(
    store_path: Path, options: ClientOptions, events: StoreEvents | None, progress: Progress
) -> engine.SyncResult:
    """Sync; ``events`` (the window's) hear the layers pulled and the journal settled, on this thread."""
    return engine.sync(store_path, progress=progress, options=options, events=events)


def login_job(
    store_path: Path, url: str, username: str, password: str, options: ClientOptions, progress: Progress
) -> Credentials:
    progress.update(0.1, Phase(str(QT_TRANSLATE_NOOP("DomainMessages", "Signing in…"))))
    return login(store_path, url, username, password, options)


def logout_job(found: Credentials, progress: Progress) -> None:
    """Revoke the token on the server too, if it can be reached; the local copy is already gone."""
    progress.update(0.1, Phase(str(QT_TRANSLATE_NOOP("DomainMessages", "Signing out…"))))
    try:
        with SyncClient(found.server_url, found.token, attempts=1, timeout=5.0) as client:
            client.request("POST", "/logout")
    except SyncError:
        pass  # offline or already revoked: the token is forgotten here either way


def resolve_job(
    store_path: Path, choices: list[Choice], options: ClientOptions, events: StoreEvents | None, progress: Progress
) -> engine.SyncResult:
    """Settle each conflict on the server (the kept value becomes a new revision), then sync: the
    new revisions arrive, and any edit made meanwhile goes out."""
    with Store.open(store_path) as store:
        found = signed_in(store)
        with open_client(store, found, options) as client:
            for index, (conflict_id, keep, value) in enumerate(choices):
                progress.update(
                    0.05 + 0.2 * index / max(len(choices), 1), Phase("Resolving conflict {id}…", id=conflict_id)
                )
                body = ResolveRequest(keep=keep, value=value if keep == "edited" else None).model_dump(mode="json")
                path = f"/conflicts/{conflict_id}/resolve"
                try:
                    record = client.read("POST", path, ConflictRecord.model_validate_json, json=body)
                except ServerRefused as exc:
                    if exc.code != "conflict_already_resolved":
                        raise
                    continue  # someone else settled it first: the pull brings their outcome
                with store.session() as conn:
                    records.save_conflicts(conn, [record])
    return engine.sync(store_path, found, progress, options, events)


def history_job(
    store_path: Path, layer: str, uuid: str, options: ClientOptions, progress: Progress
) -> list[FeatureState]:
    with Store.open(store_path, readonly=True) as store:
        found = signed_in(store)
        with open_client(store, found, options) as client:
            progress.update(0.2, Phase(str(QT_TRANSLATE_NOOP("DomainMessages", "Reading the history…"))))
            return client.read("GET", f"/features/{layer}/{uuid}/history", HISTORY.validate_json)


# -- what the person reads -------------------------------------------------------------------------------
class SyncTexts(QObject):
    """The jobs' progress phases and the sync errors in the UI language. A QObject so that the
    texts are ``self.tr`` calls: lupdate collects plural forms only from those."""

    def phase(self, text: str) -> str:
        """A job's ``Phase`` in the UI language; any other text as the generic "Syncing…" (never English)."""
        if isinstance(text, Phase) and text:
            return phase_label(text)
        return self.tr("Syncing…")

    def failure(self, exc: Exception) -> tuple[str, str]:
        if isinstance(exc, NoConnection):
            count = int(exc.params.get("count") or 0)
            return "offline", self.tr(
                "No connection: your %n edit(s) are safe on this computer and will be sent next time.", "", count
            )
        if isinstance(exc, NotSignedIn):
            return "sign_in", self.tr("This store is not signed in to a server: use Sync > Connect to server…")
        if isinstance(exc, SignInRequired):
            return "sign_in", self.tr(
                "Your sign-in has expired or was revoked: sign in again. Your edits are safe on this computer."
            )
        if isinstance(exc, ServerFailed):
            code = exc.params.get("code", "")
            return "error", self.tr(
                "The server could not handle the request ({code}). Your edits are safe on this computer; try again later."
            ).format(code=code)
        code = exc.code if isinstance(exc, ServerRefused) else ""
        if code == "bad_credentials":
            return "error", self.tr("Wrong user name or password.")
        if code == "rate_limited":
            return "error", self.tr("Too many failed sign-ins: wait a few minutes and try again.")
        if code == "account_disabled":
            return "error", self.tr("This account is disabled: ask your coordinator.")
        return "error", message_of(exc)


def phase_text(text: str) -> str:
    """The engine's progress line ("sending changeset … (12 changes)") in the person's language."""
    return SyncTexts().phase(text)


def failure(exc: Exception) -> tuple[str, str]:
    """(kind, message): kind is offline, sign_in or error; the message says what to do."""
    return SyncTexts().failure(exc)


class SyncJobRunner(JobRunner):
    """A JobRunner without the modal dialog (the window stays usable) whose progress is a signal."""

    sigProgress = Signal(float, object)  # the job's text as it gave it: a Phase keeps its template

    def __init__(self, parent: QObject | None, job: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(parent, "", job, *args, show_dialog=False, **kwargs)

    last_fraction = 0.0

    @Slot(float, object)
    def _on_progress(self, fraction: float, text: str) -> None:
        if not self.progress.cancelled:
            self.last_fraction = fraction
            self.sigProgress.emit(fraction, text)


# -- the controller ----------------------------------------------------------------------------------------
def account_of(store: Store) -> Credentials | None:
    """The credentials of this store's device on its server (None: not signed in, or unreadable)."""
    try:
        return signed_in(store)
    except (NotSignedIn, OSError, ValueError):
        return None


class SyncController(QObject):
    """One store's account and sync jobs. At most one job runs; ``busy()`` says whether one does."""

    sigAccountChanged = Signal(object)  # Credentials, or None when signed out
    sigStarted = Signal(str)  # kind of job: sync, resolve, login, logout, history
    sigProgress = Signal(float, str)  # fraction, phase in the UI language
    sigSynced = Signal(object)  # SyncResult (after a sync or a resolution)
    sigFailed = Signal(str, str, str)  # job kind, failure kind (offline, sign_in, error), message
    sigCancelled = Signal(str)
    sigHistory = Signal(str, str, object)  # layer, uuid, list[FeatureState]
    sigEnded = Signal()

    def __init__(self, parent: QObject | None = None, options: ClientOptions | None = None) -> None:
        super().__init__(parent)
        self.options = options or ClientOptions()
        self.store_path: Path | None = None
        self.events: StoreEvents | None = None  # the window's store events: a sync announces what it changed
        self.account: Credentials | None = None
        self._account_sets = itertools.count(1)
        self._account_set = 0  # bumped whenever the account is set: a read answering an older one is dropped
        self.runner: SyncJobRunner | None = None
        self.jobs: dict[str, Callable[..., Any]] = {
            "sync": sync_job,
            "resolve": resolve_job,
            "login": login_job,
            "logout": logout_job,
            "history": history_job,
        }

    # -- account ------------------------------------------------------------------------------------------
    def set_store(self, store: Store | None, *, read_account: bool = True) -> None:
        """The store shown; its account read here unless ``read_account`` is False (the window reads it
        on a reader and hands it to :meth:`take_account`)."""
        self.store_path = Path(store.path) if store is not None else None
        self.events = store.events if store is not None else None
        self.account = account_of(store) if store is not None and read_account else None
        self._account_set = next(self._account_sets)
        self.sigAccountChanged.emit(self.account)

    def account_asked(self) -> int:
        """Which setting of the account a read started now answers (see :meth:`take_account`)."""
        return self._account_set

    def take_account(self, asked: int, account: Credentials | None) -> None:
        """The account read when :meth:`account_asked` said ``asked``, unless another store is shown
        since or the person signed in or out meanwhile (what they did is newer than what was read)."""
        if asked != self._account_set:
            return
        self.account = account
        if account is not None:
            self.sigAccountChanged.emit(account)

    def server_url(self, store: Store | None) -> str:
        """The server this store syncs with (or signed in to before), for the Connect dialog."""
        if self.account is not None:
            return self.account.server_url
        if store is None:
            return ""
        return session.server_url(store) or ""

    def sign_in(self, url: str, username: str, password: str) -> bool:
        return self._start("login", self.store_path, url, username, password, self.options)

    def sign_out(self) -> None:
        """Forget the token at once (so a stolen laptop holds none), then revoke it on the server."""
        found, self.account = self.account, None
        self._account_set = next(self._account_sets)
        if found is not None:
            tokens.forget(found.server_url, found.device_id)
            self._start("logout", found)
        self.sigAccountChanged.emit(None)

    # -- jobs ---------------------------------------------------------------------------------------------
    def busy(self) -> bool:
        return self.runner is not None

    def sync_now(self) -> bool:
        if self.account is None:
            self.sigFailed.emit("sync", "sign_in", failure(NotSignedIn(store=str(self.store_path)))[1])
            return False
        return self._start("sync", self.store_path, self.options, self.events)

    def resolve(self, choices: list[Choice]) -> bool:
        return self._start("resolve", self.store_path, list(choices), self.options, self.events)

    def load_history(self, layer: str, uuid: str) -> bool:
        return self._start("history", self.store_path, layer, uuid, self.options)

    def cancel(self) -> None:
        if self.runner is not None:
            self.runner.cancel()

    def shutdown(self) -> None:
        """Closing the window: cancel and wait, so no local transaction is cut off."""
        if self.runner is not None:
            self.runner.cancel()
            self.runner.wait(60)

    def _start(self, kind: str, *args: Any) -> bool:
        if self.runner is not None or (self.store_path is None and kind != "logout"):
            return False
        runner = SyncJobRunner(self, self.jobs[kind], *args)
        runner.sigProgress.connect(lambda fraction, text: self.sigProgress.emit(fraction, phase_text(text)))
        runner.sigWaiting.connect(lambda text: self.sigProgress.emit(runner.last_fraction, text))  # "for QGIS…"
        runner.sigFinished.connect(lambda result: self._finished(kind, args, result))
        runner.sigFailed.connect(lambda exc: self._failed(kind, exc))
        runner.sigCancelled.connect(lambda: self.sigCancelled.emit(kind))
        runner.sigEnded.connect(self._ended)
        self.runner = runner
        self.sigStarted.emit(kind)
        runner.start()
        return True

    def _finished(self, kind: str, args: tuple[Any, ...], result: Any) -> None:
        if kind == "login":
            self.account = result
            self._account_set = next(self._account_sets)
            self.sigAccountChanged.emit(result)
        elif kind in ("sync", "resolve"):
            self.sigSynced.emit(result)
        elif kind == "history":
            self.sigHistory.emit(args[1], args[2], result)

    def _failed(self, kind: str, exc: Exception) -> None:
        reason, message = failure(exc)
        self.sigFailed.emit(kind, reason, message)

    def _ended(self) -> None:
        self.runner = None
        self.sigEnded.emit()
