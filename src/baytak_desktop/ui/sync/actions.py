"""The Sync menu and toolbar button, the sync progress in the status bar, the Conflicts, Review and
History docks, and what the window does when a sync ends.

``SyncActions(window)`` is the one call the main window makes; everything sync-related hangs off it.
A sync runs on the worker (``sync_runner.SyncController``) with a small progress bar and a Cancel
button in the status bar instead of a modal dialog, so the person can keep editing: the edit is
journaled by the window's own connection and goes with the next sync. Settling a conflict is sent to
the server, synced at once, and pushed on the undo stack as one step (``ResolveConflictCommand``):
undoing it writes the previous values back as an ordinary edit, which the next sync sends.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDockWidget, QStyle

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS
from baytak_desktop.store import Store
from baytak_desktop.store.edits import DeleteFeature, Edit, RestoreColumns, RestoreFeature
from baytak_desktop.sync import status
from baytak_desktop.sync.engine import SyncResult
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.edit.session import EditSession
from baytak_desktop.ui.edit.undo_commands import EditCommand
from baytak_desktop.ui.layers.style_model import error_text
from baytak_desktop.ui.sync.conflict_dialog import ConflictDialog
from baytak_desktop.ui.sync.conflicts_panel import ConflictsPanel
from baytak_desktop.ui.sync.history_panel import HistoryPanel
from baytak_desktop.ui.sync.progress import SyncProgress
from baytak_desktop.ui.sync.review_panel import ReviewPanel
from baytak_desktop.ui.sync.runner import SyncController

AUTO_MINUTES = (0, 5, 15, 30, 60)
saved.SETTINGS.setdefault("sync/auto_minutes", (0, "Sync every N minutes while signed in (0: only when asked)"))
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
    """Owns the sync controller, the Sync menu, the progress widget and the three docks of ``window``."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.controller = SyncController(self)
        # The Edit menu's session when the window has one (resolutions and reviews land on its undo stack)
        window_session = getattr(getattr(window, "edit_actions", None), "session", None)
        self.own_session = window_session is None  # no Edit menu: the Sync menu gets Undo/Redo of its own
        self.session: EditSession = window_session or EditSession(None, self)
        self.connect_dialog = None
        self.conflict_dialog: ConflictDialog | None = None
        self.last_result: SyncResult | None = None
        self.last_message = ""
        self._running = ""
        self._resolving: tuple[str, str, dict | None] | None = None
        self._make_actions()
        self._make_menu()
        self.progress = SyncProgress(self.controller)
        window.status.addPermanentWidget(self.progress)
        self._make_docks()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.auto_sync)
        self._connect()
        self.set_auto_minutes(int(saved.read(window.settings, "sync/auto_minutes") or 0))
        window.installEventFilter(self)
        self.retranslate()

    # -- building ---------------------------------------------------------------------------------------
    def _action(self, key: str, slot, shortcut: str | None = None, checkable: bool = False) -> QAction:
        action = QAction(self.window)
        action.setObjectName(f"action_{key}")
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        self.actions[key] = action
        return action

    def _make_actions(self) -> None:
        self.actions: dict[str, QAction] = {}
        self._action("connect", self.open_connect)
        self._action("sync_now", self.sync_now, "Ctrl+Shift+S").setIcon(
            self.window.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self._action("sign_out", self.controller.sign_out)
        group = QActionGroup(self.window)
        self.auto_actions: dict[int, QAction] = {}
        for minutes in AUTO_MINUTES:
            action = self._action(
                f"auto_sync_{minutes}", lambda checked=False, m=minutes: self.set_auto_minutes(m), checkable=True
            )
            group.addAction(action)
            self.auto_actions[minutes] = action

    def _make_menu(self) -> None:
        bar, help_menu = self.window.menuBar(), self.window.window_actions.help_menu
        self.menu = bar.addMenu("")
        self.menu.setObjectName("menu_sync")
        bar.insertMenu(help_menu.menuAction(), self.menu)
        self.menu.addActions([self.actions["connect"], self.actions["sync_now"]])
        self.auto_menu = self.menu.addMenu("")
        self.auto_menu.addActions(list(self.auto_actions.values()))
        self.menu.addSeparator()
        if self.own_session:
            self.undo_action = self.session.undo_action(self.window)
            self.redo_action = self.session.redo_action(self.window)
            self.menu.addActions([self.undo_action, self.redo_action])
            self.menu.addSeparator()
        self.menu.addAction(self.actions["sign_out"])
        toolbar = self.window.window_actions.toolbar
        toolbar.addSeparator()
        toolbar.addAction(self.actions["sync_now"])

    def _make_docks(self) -> None:
        self.conflicts = ConflictsPanel()
        self.review = ReviewPanel()
        self.history = HistoryPanel()
        self.docks: dict[str, QDockWidget] = {}
        details = self.window.docks["details"]
        for key, widget in (("conflicts", self.conflicts), ("review", self.review), ("history", self.history)):
            dock = QDockWidget(self.window)
            dock.setObjectName(f"sync_{key}")  # saveState() restores docks by name
            dock.setWidget(widget)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            self.window.tabifyDockWidget(details, dock)
            dock.hide()
            self.docks[key] = dock
        details.raise_()
        self.window.window_actions.add_dock_toggles([d.toggleViewAction() for d in self.docks.values()])

    def _connect(self) -> None:
        c, w = self.controller, self.window
        c.sigAccountChanged.connect(self._account_changed)
        c.sigStarted.connect(self._started)
        c.sigSynced.connect(self._synced)
        c.sigFailed.connect(self._failed)
        c.sigCancelled.connect(self._cancelled)
        c.sigHistory.connect(self.history.show_history)
        c.sigEnded.connect(self._ended)
        w.sigStoreChanged.connect(lambda path: self.set_store(w.store))
        w.selection.sigChanged.connect(self._selection_changed)
        self.conflicts.sigResolve.connect(self.open_conflict)
        self.conflicts.sigZoomTo.connect(self.zoom_to)
        self.review.sigZoomTo.connect(self.zoom_to)
        self.review.sigReview.connect(self.save_review)
        self.history.sigRequest.connect(self._load_history)
        self.session.sigLayerChanged.connect(self._layer_edited)

    # -- the store and the account ----------------------------------------------------------------------
    def set_store(self, store: Store | None) -> None:
        if self.own_session:
            self.session.set_store(store)
        self.controller.set_store(store)
        self.conflicts.set_store(store)
        self.review.set_store(store)
        self.history.set_feature(None, None)
        self._show_last_sync()

    def _account_changed(self, account) -> None:
        if self.own_session:
            self.session.user = account.username if account is not None else None
        self.review.set_account(account)
        self._enable()

    def open_connect(self, reason: str = "") -> None:
        from baytak_desktop.ui.sync.connect_dialog import ConnectDialog

        if self.connect_dialog is None:
            self.connect_dialog = ConnectDialog(
                self.controller, self.window, self.controller.server_url(self.window.store)
            )
        self.connect_dialog.ask(reason)

    # -- syncing ------------------------------------------------------------------------------------------
    def sync_now(self) -> bool:
        if self.controller.busy():
            return False
        return self.controller.sync_now()

    def auto_sync(self) -> None:
        """The timer: sync quietly if signed in and idle; a failure says so like a manual sync."""
        if self.controller.account is not None and not self.controller.busy():
            self.controller.sync_now()

    def set_auto_minutes(self, minutes: int) -> None:
        minutes = minutes if minutes in AUTO_MINUTES else 0
        self.auto_actions[minutes].setChecked(True)
        self.window.settings.setValue("sync/auto_minutes", minutes)
        self.timer.stop()
        if minutes:
            self.timer.start(minutes * 60_000)

    def _started(self, kind: str) -> None:
        self._running = kind
        self._enable()

    def _synced(self, result: SyncResult) -> None:
        self.last_result = result
        if self._resolving is not None:
            self._push_resolution()
        self._refresh_window()
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
        self.window.refresh_changes()
        if reason == "sign_in":
            self.open_connect(text)

    def _cancelled(self, kind: str) -> None:
        self._resolving = None
        self._say(self.tr("Sync cancelled: nothing was lost; your edits go with the next sync."), "info")
        self._refresh_window()

    def _ended(self) -> None:
        self._running = ""
        self._enable()

    def _say(self, text: str, level: str) -> None:
        self.last_message = text
        bar = self.window.message_bar
        bar.dismiss(MESSAGE_KEY)
        bar.show_message(text, level, MESSAGE_KEY)
        self.window.statusBar().showMessage(text, 15_000)

    def _refresh_window(self) -> None:
        """What a sync may have changed: every layer on the map and in the table, counts, panels."""
        w = self.window
        if w.store is None:
            return
        w.canvas.refresh()
        w.table.refresh()
        w.layer_panel.refresh_counts()
        w.refresh_changes()
        self.conflicts.refresh()
        self.review.refresh()
        self._show_last_sync()

    def _layer_edited(self, layer: str) -> None:
        if self.own_session:  # the window refreshes after edits of its own session itself
            self.window.canvas.refresh(layer)
            self.window.table.refresh()
            self.window.layer_panel.refresh_counts()
            self.window.refresh_changes()
        self.review.refresh()

    def _show_last_sync(self) -> None:
        store = self.controller.store_path and self.window.store
        at = status.last_sync_at(store) if store else None
        if not at:
            text = self.tr("Never synced") if store is not None else ""
        else:
            when = QDateTime.fromString(at, Qt.DateFormat.ISODateWithMs).toLocalTime()
            text = self.tr("Last sync: {when}").format(when=self.window.locale().toString(when, "yyyy-MM-dd HH:mm"))
        self.window.status.show_last_sync(text)

    # -- conflicts -----------------------------------------------------------------------------------------
    def open_conflict(self, layer: str, uuid: str) -> ConflictDialog | None:
        store = self.window.store
        found = status.conflicts_of(store, layer, uuid)
        if not found:
            return None
        current = store.row(layer, uuid) or {}
        if current.get("geom") is not None:
            from baytak_desktop.layers import geometry as blobs

            current["geom"] = blobs.to_shapely(current["geom"])
        dialog = ConflictDialog(found, current, self.window)
        dialog.accepted.connect(lambda: self.resolve(layer, uuid, dialog.choices()))
        self.conflict_dialog = dialog
        dialog.open()
        return dialog

    def resolve(self, layer: str, uuid: str, choices: list) -> bool:
        """Send the choices, then sync; when it is done the change lands on the undo stack."""
        self._resolving = (layer, uuid, self.window.store.row(layer, uuid))
        if not self.controller.resolve(choices):
            self._resolving = None
            self._say(self.tr("Wait until the sync that is running has finished, then resolve."), "warning")
            return False
        return True

    def _push_resolution(self) -> None:
        layer, uuid, before = self._resolving
        self._resolving = None
        undo = undo_of(layer, uuid, before, self.window.store.row(layer, uuid))
        if undo is not None:
            self.session.stack.push(ResolveConflictCommand(self.session._write, undo, layer))

    # -- review and history ----------------------------------------------------------------------------
    def save_review(self, layer: str, uuid: str, values: dict) -> None:
        """A review mark is an ordinary, undoable edit; it is sent at once when nothing else runs."""
        try:
            self.session.update_attributes(layer, uuid, values)
        except BaytakError as exc:
            self._say(error_text(exc), "error")
            return
        self.sync_now()

    def zoom_to(self, layer: str, fids: list) -> None:
        self.window.selection.select(layer, fids)
        self.window.canvas.zoom_to_features(layer, fids)

    def _selection_changed(self, layer: str) -> None:
        fids = sorted(self.window.selection.selected(layer))
        store = self.window.store
        if not fids or store is None or layer not in LAYERS:
            if not self.window.selection.layers():
                self.history.set_feature(None, None)
            return
        self.history.set_feature(layer, store.uuid_of(layer, fids[0]))

    def _load_history(self, layer: str, uuid: str) -> None:
        if self.controller.account is None:
            self.history.show_error(self.tr("Sign in to a server to see the history."))
        elif not self.controller.load_history(layer, uuid):
            self.history.show_error(self.tr("A sync is running: reload when it has finished."))

    # -- state, texts, closing ---------------------------------------------------------------------------
    def _enable(self) -> None:
        signed_in = self.controller.account is not None
        self.actions["sync_now"].setEnabled(signed_in and not self._running)
        self.actions["sign_out"].setEnabled(signed_in and not self._running)

    def retranslate(self) -> None:
        a = self.actions
        self.menu.setTitle(self.tr("&Sync"))
        self.auto_menu.setTitle(self.tr("&Automatic sync"))
        texts = {
            "connect": (self.tr("&Connect to server…"), self.tr("Sign in to a Baytak server")),
            "sync_now": (self.tr("Sync &now"), self.tr("Send your edits and get everyone else's")),
            "sign_out": (self.tr("Sign &out"), self.tr("Forget this computer's sign-in")),
        }
        for key, (text, tip) in texts.items():
            a[key].setText(text)
            a[key].setToolTip(tip)
            a[key].setStatusTip(tip)
        for minutes, action in self.auto_actions.items():
            action.setText(self.tr("Every %n minute(s)", "", minutes) if minutes else self.tr("Off"))
        titles = {
            "conflicts": self.tr("Conflicts"),
            "review": self.tr("Branch review"),
            "history": self.tr("Change history"),
        }
        for key, dock in self.docks.items():
            dock.setWindowTitle(titles[key])
        if self.own_session:
            self.undo_action.retranslate()
            self.redo_action.retranslate()
        self._show_last_sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.Close:  # the window closes its store next: let go of it first
                self.timer.stop()
                self.controller.shutdown()
                self.set_store(None)
        return False
