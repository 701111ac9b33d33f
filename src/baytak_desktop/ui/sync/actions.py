"""The Sync menu and toolbar button, the sync progress in the status bar, the Conflicts, Review and
History docks.

``SyncActions(ctx, session)`` gets the window's typed context and the Edit menu's session; what it wants
of the window (a message, a zoom to features, the last-sync text) it asks with ``sig*`` signals. A sync
runs on the worker (``runner.SyncController``) with a small progress bar and a Cancel button in the
status bar instead of a modal dialog, so the person can keep editing: the edit is journaled by the
window's own connection and goes with the next sync. What a sync changes in the store reaches the map,
the table and the counts as store events (``ui.store_signals``); this part refreshes only its panels. Settling a conflict is sent to
the server, synced at once, and pushed on the undo stack as one step (``ResolveConflictCommand``):
undoing it writes the previous values back as an ordinary edit, which the next sync sends.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QStyle

from baytak_desktop.errors import BaytakError
from baytak_desktop.store import DatabaseError, Store
from baytak_desktop.store.edits import DeleteFeature, Edit, RestoreColumns, RestoreFeature
from baytak_desktop.sync import status
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.sync.engine import SyncResult
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionSpec, MenuSpec, Text
from baytak_desktop.ui.context import WindowContext
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.undo_commands import EditCommand
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sync.conflict_dialog import ConflictDialog
from baytak_desktop.ui.sync.conflicts_panel import ConflictsPanel
from baytak_desktop.ui.sync.connect_dialog import ConnectDialog
from baytak_desktop.ui.sync.demo import DemoRefusal
from baytak_desktop.ui.sync.history_panel import HistoryPanel
from baytak_desktop.ui.sync.progress import SyncProgress
from baytak_desktop.ui.sync.review_panel import ReviewPanel
from baytak_desktop.ui.sync.runner import Choice, SyncController, account_of

AUTO_MINUTES = (0, 5, 15, 30, 60)
MESSAGE_KEY = "sync"


class ResolveConflictCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Resolve conflict in {layer}").format(layer=layer)


def undo_of(layer: str, uuid: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> Edit | None:
    """The edit that takes the feature from ``after`` back to ``before`` (None when nothing changed)."""
    if before is None and after is not None:
        return DeleteFeature(layer, uuid)
    if before is not None and after is None:
        return RestoreFeature(layer, uuid, before)
    if before is None or after is None:
        return None
    changed = {name: value for name, value in before.items() if name != "fid" and after.get(name) != value}
    return RestoreColumns(layer, uuid, changed) if set(changed) - {"updated_at", "updated_by"} else None


class SyncActions(QObject):
    """The Sync menu and its actions, the sync progress widget, the Conflicts, Review and History docks."""

    sigMessage = Signal(str, str, str)  # text, level (info, warning, error), key: for the message bar
    sigStatus = Signal(str, int)  # text for the status bar, milliseconds
    sigLastSync = Signal(str)  # "Last sync: …" for the status bar, in the UI language
    sigZoomTo = Signal(str, object)  # layer, [fid]: select them and show them on the map
    sigActionsChanged = Signal()  # signed in or out, a sync started or ended
    sigCreateStore = Signal()  # the demo's refusal: the person chose to create their branch's store

    def __init__(self, ctx: WindowContext, session: EditSession) -> None:
        super().__init__(ctx.dialog_parent())
        self.ctx = ctx
        self.session = session  # the Edit menu's: resolutions and reviews land on its undo stack
        self.controller = SyncController(self)
        self.connect_dialog: ConnectDialog | None = None
        self.conflict_dialog: ConflictDialog | None = None
        self.last_result: SyncResult | None = None
        self.last_message = ""
        self.demo = False  # the store shown is the demo: Connect and Sync are refused
        self.demo_refusal = DemoRefusal(self)
        self.demo_refusal.sigCreateStore.connect(self.sigCreateStore)
        self._running = ""
        self._resolving: tuple[str, str, dict[str, Any] | None] | None = None
        self._history_asked: tuple[str, int] | None = None  # the feature whose uuid a reader is looking up
        self._last_sync: tuple[Store | None, str | None] | None = None  # the store and its last sync, as read
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.auto_sync)
        self.actions: dict[str, QAction] = ctx.add_actions(self.specs())
        self.auto_actions = {minutes: self.actions[f"auto_sync_{minutes}"] for minutes in AUTO_MINUTES}
        self.progress = SyncProgress(self.controller)
        ctx.add_status_widget(self.progress)
        self._make_docks()
        self._connect()
        self.set_auto_minutes(int(saved.read(ctx.settings, "sync/auto_minutes") or 0))

    # -- building ---------------------------------------------------------------------------------------
    def specs(self) -> list[ActionSpec | MenuSpec]:
        signed_in = self._can_sync
        return [
            MenuSpec("sync", lambda: self.tr("&Sync")),
            ActionSpec(
                "connect",
                lambda: self.tr("&Connect to server…"),
                self.open_connect,
                lambda: self.tr("Sign in to a Baytak server"),
                menu="sync",
            ),
            ActionSpec(
                "sync_now",
                lambda: self.tr("Sync &now"),
                self.sync_now,
                lambda: self.tr("Send your edits and get everyone else's"),
                "Ctrl+Shift+S",
                "sync",
                toolbar="main",
                tool_section=2,
                icon=QStyle.StandardPixmap.SP_BrowserReload,
                enabled_when=signed_in,
            ),
            MenuSpec("auto_sync", lambda: self.tr("&Automatic sync"), parent="sync"),
            *(
                ActionSpec(
                    f"auto_sync_{minutes}",
                    self._every(minutes),
                    self._sync_every(minutes),
                    menu="auto_sync",
                    checkable=True,
                    group="auto_sync",
                )
                for minutes in AUTO_MINUTES
            ),
            ActionSpec(
                "sign_out",
                lambda: self.tr("Sign &out"),
                self.controller.sign_out,
                lambda: self.tr("Forget this computer's sign-in"),
                menu="sync",
                section=1,
                enabled_when=signed_in,
            ),
        ]

    def _every(self, minutes: int) -> Text:
        if not minutes:
            return lambda: self.tr("Off")
        return lambda: self.tr("Every %n minute(s)", "", minutes)

    def _sync_every(self, minutes: int) -> Callable[[bool], None]:
        def choose(_checked: bool) -> None:
            self.set_auto_minutes(minutes)

        return choose

    def _make_docks(self) -> None:
        self.conflicts = ConflictsPanel()
        self.conflicts.set_readers(self.ctx.readers)  # the records are read on the window's readers
        self.review = ReviewPanel()
        self.review.readers = self.ctx.readers  # the marks are read there, after every edit of a layer
        self.history = HistoryPanel()
        # short titles for the tabs of the right-hand column (MainWindow._build_docks), full in the menu
        titles = {
            "conflicts": (lambda: self.tr("Conflicts"), None),
            "review": (lambda: self.tr("Review"), lambda: self.tr("Branch review")),
            "history": (lambda: self.tr("History"), lambda: self.tr("Change history")),
        }
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.docks: dict[str, QDockWidget] = {
            key: self.ctx.add_dock(
                f"sync_{key}", widget, right, beside="details", title=titles[key][0], menu_title=titles[key][1]
            )
            for key, widget in (("conflicts", self.conflicts), ("review", self.review), ("history", self.history))
        }

    def _connect(self) -> None:
        c, signals = self.controller, self.ctx.store_signals
        c.sigAccountChanged.connect(self._account_changed)
        c.sigStarted.connect(self._started)
        c.sigSynced.connect(self._synced)
        c.sigFailed.connect(self._failed)
        c.sigCancelled.connect(self._cancelled)
        c.sigHistory.connect(self.history.show_history)
        c.sigEnded.connect(self._ended)
        signals.sigStoreReplaced.connect(lambda: self.set_store(self.ctx.current_store()))
        signals.sigLayerChanged.connect(lambda layer: self.review.refresh())
        self.ctx.selection.sigChanged.connect(self._selection_changed)
        self.conflicts.sigResolve.connect(self.open_conflict)
        self.conflicts.sigZoomTo.connect(self.sigZoomTo)
        self.review.sigZoomTo.connect(self.sigZoomTo)
        self.review.sigReview.connect(self.save_review)
        self.history.sigRequest.connect(self._load_history)

    # -- the store and the account ----------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        self.demo = store is not None and store.is_demo
        readers = self.ctx.readers
        on_reader = store is not None and readers.path() == store.path
        self.controller.set_store(store, read_account=not on_reader)
        if store is not None and on_reader:  # the account read off the UI thread (store.path, then a file)
            asked = self.controller.account_asked()
            readers.read("sync-account", account_of, lambda account: self.controller.take_account(asked, account))
        self.conflicts.set_store(store)
        self.review.set_store(store)
        self._history_asked = None
        self.history.set_feature(None, None)
        self._show_last_sync()

    def _account_changed(self, account: Credentials | None) -> None:
        self.review.set_account(account)
        self.sigActionsChanged.emit()

    def refuse_demo(self) -> bool:
        """On the demo store: say why it does not sync, offer to create the real one; True if refused."""
        if self.demo:
            self.demo_refusal.refuse(self.ctx.dialog_parent())
        return self.demo

    def open_connect(self, reason: str = "") -> None:
        if self.refuse_demo():
            return
        if self.connect_dialog is None:
            url = self.controller.server_url(self.ctx.current_store())
            self.connect_dialog = ConnectDialog(self.controller, self.ctx.dialog_parent(), url)
        self.connect_dialog.ask(reason)

    # -- syncing ------------------------------------------------------------------------------------------
    def sync_now(self) -> bool:
        if self.refuse_demo() or self.controller.busy():
            return False
        return self.controller.sync_now()

    def auto_sync(self) -> None:
        """The timer: sync quietly if signed in and idle; a failure says so like a manual sync."""
        if self.controller.account is not None and not self.demo and not self.controller.busy():
            self.controller.sync_now()

    def set_auto_minutes(self, minutes: int) -> None:
        minutes = minutes if minutes in AUTO_MINUTES else 0
        self.auto_actions[minutes].setChecked(True)
        self.ctx.settings.setValue("sync/auto_minutes", minutes)
        self.timer.stop()
        if minutes:
            self.timer.start(minutes * 60_000)

    def _started(self, kind: str) -> None:
        self._running = kind
        self.sigActionsChanged.emit()

    def _synced(self, result: SyncResult) -> None:
        self.last_result = result
        if self._resolving is not None:
            self._push_resolution()
        self._refresh_panels()
        self._say(self.summary(result), "info")
        if result.open_conflicts:
            self.docks["conflicts"].show()
            self.docks["conflicts"].raise_()

    def summary(self, result: SyncResult) -> str:
        text = self.tr(
            "Sync finished: {sent} sent, {merged} merged, {received} received, {conflicts} conflicts."
        ).format(sent=result.pushed, merged=result.merged, received=result.pulled, conflicts=result.conflicts)
        if result.open_conflicts:
            text += " " + self.tr("%n conflict(s) to settle: see the Conflicts panel.", "", result.open_conflicts)
        if result.rejected:
            text += " " + self.tr("The server refused %n edit(s): see the Conflicts panel.", "", result.rejected)
        if result.pending:
            text += " " + self.tr("%n edit(s) wait for the next sync.", "", result.pending)
        return text

    def _failed(self, kind: str, reason: str, text: str) -> None:
        if kind == "history":
            self.history.show_error(text)
            return
        if kind in ("login", "logout"):
            return  # the Connect dialog shows it; a sign-out offline still forgot the token here
        self._resolving = None
        self._say(text, "warning" if reason == "offline" else "error")
        if reason == "sign_in":
            self.open_connect(text)

    def _cancelled(self, kind: str) -> None:
        self._resolving = None
        self._say(self.tr("Sync cancelled: nothing was lost; your edits go with the next sync."), "info")
        self._refresh_panels()

    def _ended(self) -> None:
        self._running = ""
        self.sigActionsChanged.emit()

    def _say(self, text: str, level: str) -> None:
        self.last_message = text
        self.sigMessage.emit(text, level, MESSAGE_KEY)
        self.sigStatus.emit(text, 15_000)

    def _refresh_panels(self) -> None:
        """The sync's own panels after a sync (the map, the table and the counts heard the store)."""
        if self.ctx.current_store() is not None:
            self.conflicts.refresh()
            self.review.refresh()
            self._show_last_sync()

    def _show_last_sync(self) -> None:
        """The status bar's "Last sync: …", read on a reader in the window (blank until it comes, never
        another store's)."""
        store = self.ctx.current_store() if self.controller.store_path else None
        readers = self.ctx.readers
        if store is not None and readers.path() == store.path:
            self.sigLastSync.emit("")
            readers.read("last-sync", status.last_sync_at, lambda at: self._say_last_sync(store, at))
            return
        self._say_last_sync(store, status.last_sync_at(store) if store is not None else None)

    def _say_last_sync(self, store: Store | None, at: str | None) -> None:
        if store is not (self.ctx.current_store() if self.controller.store_path else None):
            return  # another store is shown since
        self._last_sync = (store, at)
        if not at:
            text = self.tr("Never synced") if store is not None else ""
        else:
            when = QDateTime.fromString(at, Qt.DateFormat.ISODateWithMs).toLocalTime()
            text = self.tr("Last sync: {when}").format(when=QLocale().toString(when, "yyyy-MM-dd HH:mm"))
        self.sigLastSync.emit(text)

    # -- conflicts -----------------------------------------------------------------------------------------
    def open_conflict(self, layer: str, uuid: str) -> None:
        """Open the conflict dialog of a feature, once its conflicts and its row as stored here are read
        (on a reader thread in the window: the UI thread never waits on the database)."""
        self._read(
            "conflict-open",
            lambda store: (status.conflicts_of(store, layer, uuid), store.row(layer, uuid)),
            lambda found: self._show_conflict(layer, uuid, *found),
        )

    def _show_conflict(self, layer: str, uuid: str, found: list[Any], row: dict[str, Any] | None) -> None:
        if not found:
            return
        current = dict(row or {})
        if current.get("geom") is not None:
            from baytak_desktop.layers import geometry as blobs

            current["geom"] = blobs.to_shapely(current["geom"])
        dialog = ConflictDialog(found, current, self.ctx.dialog_parent())
        dialog.accepted.connect(lambda: self.resolve(layer, uuid, dialog.choices()))
        self.conflict_dialog = dialog
        dialog.open()

    def resolve(self, layer: str, uuid: str, choices: list[Choice]) -> None:
        """Read the feature as it is before (on a reader), then send the choices and sync; when that is
        done the change lands on the undo stack."""
        self._read(
            "conflict-before",
            lambda store: store.row(layer, uuid),
            lambda before: self._send(layer, uuid, choices, before),
        )

    def _send(self, layer: str, uuid: str, choices: list[Choice], before: dict[str, Any] | None) -> None:
        self._resolving = (layer, uuid, before)
        if not self.controller.resolve(choices):
            self._resolving = None
            self._say(self.tr("Wait until the sync that is running has finished, then resolve."), "warning")

    def _push_resolution(self) -> None:
        """The sync that sent a resolution ended: its change (the row now against the row before) is one
        undoable step, read on a reader."""
        if self._resolving is None:
            return
        layer, uuid, before = self._resolving
        self._resolving = None

        def push(after: dict[str, Any] | None) -> None:
            undo = undo_of(layer, uuid, before, after)
            if undo is not None:
                self.session.stack.push(ResolveConflictCommand(self.session._write, undo, layer))

        self._read("conflict-after", lambda store: store.row(layer, uuid), push)

    def _read(self, key: str, work: Callable[[Store], Any], done: Callable[[Any], None]) -> None:
        """``done(work(store))`` for the store shown: read on the window's readers, or at once on a bare
        store with no reader threads (a test's)."""
        store, readers = self.ctx.current_store(), self.ctx.readers
        if store is None:
            return
        if readers.path() != store.path:
            done(work(store))
            return
        expected = store

        def landed(result: Any) -> None:
            if self.ctx.current_store() is expected:  # another store is shown since: not its answer
                done(result)

        def failed(error: Exception) -> None:
            if not isinstance(error, (BaytakError, DatabaseError)):
                raise error
            self._say(message_of(error), "error")

        readers.read(key, work, landed, failed)

    # -- review and history ----------------------------------------------------------------------------
    def save_review(self, layer: str, uuid: str, values: dict[str, Any]) -> None:
        """A review mark is an ordinary, undoable edit; it is sent at once when nothing else runs."""
        try:
            self.session.update_attributes(layer, uuid, values)
        except BaytakError as exc:
            self._say(message_of(exc), "error")
            return
        self.sync_now()

    def _selection_changed(self, layer: str) -> None:
        selection = self.ctx.selection
        fids = sorted(selection.selected(layer))
        store = self.ctx.current_store()
        if not fids or store is None or layer not in store.catalog:
            if not selection.layers():
                self._history_asked = None
                self.history.set_feature(None, None)
            return
        readers = self.ctx.readers
        if readers.path() != store.path:  # no reader threads for this store (a test's bare window)
            self.history.set_feature(layer, store.uuid_of(layer, fids[0]))
            return
        asked = (layer, fids[0])
        if asked == self._history_asked:
            return  # the same feature: its history stays
        self.history.set_feature(None, None)  # the previous feature's history is not this one's
        self._history_asked = asked

        def show(uuid: str | None) -> None:
            if asked == self._history_asked:  # else another selection was made meanwhile
                self.history.set_feature(layer, uuid)

        readers.read("history-feature", lambda reading: reading.uuid_of(layer, fids[0]), show)

    def _load_history(self, layer: str, uuid: str) -> None:
        if self.controller.account is None:
            self.history.show_error(self.tr("Sign in to a server to see the history."))
        elif not self.controller.load_history(layer, uuid):
            self.history.show_error(self.tr("A sync is running: reload when it has finished."))

    # -- state, texts, closing ---------------------------------------------------------------------------
    def _can_sync(self) -> bool:
        return self.controller.account is not None and not self._running

    def retranslate(self) -> None:
        """What the action registry does not name (the window asks on a language change): the last sync
        said again in the new language from what was read, not read again."""
        store = self.ctx.current_store() if self.controller.store_path else None
        if self._last_sync is not None and self._last_sync[0] is store:
            self._say_last_sync(store, self._last_sync[1])
        else:
            self._show_last_sync()

    def close_down(self) -> None:
        """The window closes its store next: stop the timer, let a running sync finish. The window's
        ``replaced`` event then lets go of the store here (as everywhere), once."""
        self.timer.stop()
        self.controller.shutdown()
