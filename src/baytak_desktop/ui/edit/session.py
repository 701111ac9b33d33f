"""The editing session: the store, the undo stack, and where the edit widgets hear what changed.

Edit tools (canvas), the feature form and the photo strip never write to the store themselves: they
call one method here per user action. Each method checks the input, writes one transaction and pushes
one undo command; the store announces the feature and layer that changed (``store.events``), so the
map, the table, the details dock and the status bar's "not yet synced" count refresh from one place:
the window's ``StoreSignals``, which the session's widgets listen to as ``session.signals``.

Refused input (``ValidationError``, ``GeometryNeedsFix``, ``AttachmentError``) is raised to the
caller, which knows how to ask the user (fix the outline or keep editing; choose another photo);
nothing is written and nothing is pushed. In the window every write (an action, an undo, a redo) goes
to the writer thread (``ui.sharing.writer``), so the UI thread never waits on the database, not even
for a commit: the step is on the stack at once, the writes run in the order asked, and the store's
events refresh the views once committed. A write the store refuses there (another program kept its
lock too long, the feature went meanwhile) is reported through ``sigError`` (and ``sigRefused``) and
its step is dropped from the history, the store unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shapely
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QUndoView, QWidget

from baytak_desktop.errors import BaytakError
from baytak_desktop.store import DatabaseError, Store, StoreEvents, edits
from baytak_desktop.store.attachments import Attachment
from baytak_desktop.ui.edit import undo_commands as commands
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.sharing.writer import StoreWriter
from baytak_desktop.ui.store_signals import StoreSignals


class EditSession(QObject):
    sigError = Signal(str)  # an edit, undo or redo the store refused, in the UI language
    sigQueued = Signal()  # an edit, undo or redo was handed to the writer thread
    sigRefused = Signal(str, str, str)  # layer, uuid, reason: a queued edit the store refused

    def __init__(
        self,
        store: Store | None = None,
        parent: QObject | None = None,
        *,
        user: str | None = None,
        signals: StoreSignals | None = None,
        writer: StoreWriter | None = None,
    ) -> None:
        """``signals``: the window's bridge of its store events; a session on its own (a test, a script)
        bridges the events of ``store``. ``writer``: where an edit goes when another program holds the
        store (``ui.sharing.writer``); without one, the edit waits on the calling thread."""
        super().__init__(parent)
        self.store = store
        self.user = user
        self.writer = writer
        self.stack = QUndoStack(self)
        self.signals = signals or StoreSignals(store.events if store is not None else StoreEvents(), self)

    def set_store(self, store: Store | None) -> None:
        """Another store: its history starts empty (undo never reaches into a file that is closed)."""
        self.stack.clear()
        self.store = store

    # -- user actions ----------------------------------------------------------------------------------
    def create_feature(
        self, layer: str, attributes: dict[str, Any], geometry: shapely.Geometry | None, *, uuid: str | None = None
    ) -> str:
        """Save a new feature; returns its uuid (a fixed one, so redo after undo brings the same back)."""
        extra = {"uuid": uuid} if uuid else {}
        edit = edits.InsertFeature(layer, attributes, geometry, user=self.user, **extra)
        self.perform(edit, commands.CreateFeatureCommand)
        return edit.uuid

    def update_attributes(self, layer: str, uuid: str, attributes: dict[str, Any]) -> None:
        self.perform(edits.UpdateFeature(layer, uuid, attributes, user=self.user), commands.UpdateAttributesCommand)

    def update_geometry(self, layer: str, uuid: str, geometry: shapely.Geometry) -> None:
        """A moved feature or vertex; derived areas follow. Commit on release, not on every mouse move."""
        self.perform(edits.UpdateFeature(layer, uuid, {}, geometry, user=self.user), commands.UpdateGeometryCommand)

    def delete_feature(self, layer: str, uuid: str) -> None:
        self.perform(edits.DeleteFeature(layer, uuid), commands.DeleteFeatureCommand)

    def attach_photo(self, layer: str, uuid: str, path: Path, caption: str | None = None) -> Attachment | None:
        """The photo attached, or None when it was handed to the writer thread (the window's session)."""
        if not self.perform(edits.AttachPhoto(layer, uuid, Path(path), caption), commands.AttachPhotoCommand):
            return None
        return self.require_store().attachments(layer, uuid)[-1]

    def detach_photo(self, layer: str, uuid: str, sha256: str) -> None:
        self.perform(edits.DetachPhoto(layer, uuid, sha256), commands.DetachPhotoCommand)

    def create_feature_from_photo(self, layer: str, attributes: dict[str, Any], path: Path) -> str:
        """A geotagged photo dropped on the map: the site at its EXIF position, the photo attached."""
        batch = edits.feature_from_photo(layer, attributes, Path(path), user=self.user)
        self.perform(batch, commands.PhotoSiteCommand)
        return batch.uuid

    def perform(self, edit: edits.Edit, command: type[commands.EditCommand] = commands.EditCommand) -> bool:
        """Write ``edit`` and push its undo step. With a writer (the window's), the edit is written on the
        writer thread and its step is pushed at once, in the order the person acted (it learns its undo
        edit once written, before any undo queued behind it runs there): False is returned, the store
        announces the change once committed, and a store that refuses it (another program's lock kept
        too long, a feature deleted meanwhile) has ``sigError`` say why and ``sigRefused`` name it, and its
        step goes. Without a writer (a script, a test of its own) it is written here: True, or raised.
        What the person typed or drew is checked here first either way, with nothing queued if refused."""
        store = self.require_store()
        edit.check(store.catalog)  # the catalog is kept per store: no read here
        if self.writer is None:
            undo = edits.apply(store, edit)
            self.stack.push(command(self._write, undo, edit.layer))
            return True
        step = command(self._write, None, edit.layer)
        self.stack.push(step)

        def write(writing: Store) -> edits.Edit:
            undo = edits.apply(writing, edit)
            step.written(undo)
            return undo

        def failed(error: Exception) -> None:
            message = message_of(error)
            self.sigError.emit(message)
            if self.store is store:  # else another store is shown: its history started empty
                self._drop(step)
            self.sigRefused.emit(edit.layer, edit.uuid, message)

        self.writer.submit(store, write, lambda _undo: None, failed)
        self.sigQueued.emit()
        return False

    def _drop(self, step: commands.EditCommand) -> None:
        """A queued action the store refused: its step goes (at once when it is the last one done)."""
        step.setObsolete(True)  # QUndoStack deletes an obsolete step when it is undone or redone
        count = self.stack.count()
        if count and self.stack.index() == count and self.stack.command(count - 1) is step:
            self.stack.undo()

    # -- undo/redo plumbing ----------------------------------------------------------------------------
    def _write(self, step: commands.Step, settle: commands.Settle) -> None:
        """An undo or redo: on the writer thread when there is one (behind the writes queued before it:
        the step stays on the stack and runs in order), else here; ``settle`` gets the edit that reverses
        it, or None when the store refused it (the step is dropped, the reason told on ``sigError``)."""
        store = self.require_store()
        if self.writer is None:
            try:
                settle(step(lambda edit: edits.apply(store, edit)))
            except (BaytakError, DatabaseError) as exc:
                self._refused(exc, settle)
            return

        def failed(error: Exception) -> None:
            self._refused(error, settle)

        self.writer.submit(store, lambda writing: step(lambda edit: edits.apply(writing, edit)), settle, failed)
        self.sigQueued.emit()

    def _refused(self, error: Exception, settle: commands.Settle) -> None:
        self.sigError.emit(message_of(error))
        settle(None)

    def require_store(self) -> Store:
        """The store edited, or the error a user reads when none is open."""
        if self.store is None:
            raise BaytakError("No store is open: open or create one first.")
        return self.store

    # -- the Edit menu ---------------------------------------------------------------------------------
    def undo_action(self, parent: QObject) -> QAction:
        """Edit > Undo (Ctrl+Z), named after the step it undoes and disabled when there is none."""
        action = StepAction("undo", parent)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        action.setEnabled(self.stack.canUndo())
        action.triggered.connect(self.stack.undo)
        self.stack.canUndoChanged.connect(action.setEnabled)
        self.stack.undoTextChanged.connect(action.set_step)
        action.set_step(self.stack.undoText())
        return action

    def redo_action(self, parent: QObject) -> QAction:
        """Edit > Redo (Ctrl+Shift+Z, and the platform's own Redo key, e.g. Ctrl+Y on Windows)."""
        action = StepAction("redo", parent)
        keys = [QKeySequence("Ctrl+Shift+Z"), *QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)]
        action.setShortcuts(list({key.toString(): key for key in keys}.values()))
        action.setEnabled(self.stack.canRedo())
        action.triggered.connect(self.stack.redo)
        self.stack.canRedoChanged.connect(action.setEnabled)
        self.stack.redoTextChanged.connect(action.set_step)
        action.set_step(self.stack.redoText())
        return action

    def undo_view(self, parent: QWidget | None = None) -> QUndoView:
        """The history (Edit > History): click a step to go back to it."""
        view = QUndoView(self.stack, parent)
        view.setObjectName("edit_history")
        self.retranslate_view(view)
        return view

    def retranslate_view(self, view: QUndoView) -> None:
        """The history in the current language (on LanguageChange): its first line ("Nothing edited
        yet"), every step's name, and Undo and Redo, which name their steps."""
        view.setEmptyLabel(self.tr("Nothing edited yet"))
        for index in range(self.stack.count()):
            command = self.stack.command(index)
            if isinstance(command, commands.EditCommand):
                command.retranslate()
        self.stack.undoTextChanged.emit(self.stack.undoText())
        self.stack.redoTextChanged.emit(self.stack.redoText())
        view.viewport().update()


class StepAction(QAction):
    """Undo or Redo, named after its step ("Undo Add feature to Quarries"), renamed on LanguageChange
    by ``retranslate()`` (the window calls it; a QAction gets no LanguageChange event of its own)."""

    def __init__(self, kind: str, parent: QObject) -> None:
        super().__init__(parent)
        self.kind = kind
        self.step = ""

    def set_step(self, step: str) -> None:
        self.step = step
        self.retranslate()

    def retranslate(self) -> None:
        if self.kind == "undo":
            text = self.tr("&Undo {step}").format(step=self.step) if self.step else self.tr("&Undo")
        else:
            text = self.tr("&Redo {step}").format(step=self.step) if self.step else self.tr("&Redo")
        self.setText(text)
