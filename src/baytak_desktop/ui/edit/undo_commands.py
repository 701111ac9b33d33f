"""Undo commands: one user action = one QUndoCommand = one store transaction.

A command holds two edit values from ``store.edits``: the one that undoes the action and the one that
redoes it. Each undo or redo writes through the store (its own transaction, journaled), and returns
the edit that reverses it, so the pair is refreshed at every step: a redone delete knows the fid
and photo links it must restore next time.

The action itself is done before the command is pushed (``EditSession.perform``), so a refused
edit never lands on the stack; the first ``redo()`` that QUndoStack.push calls is therefore skipped.
An action that waits on the writer thread (another program holds the store) is pushed at once and
learns its undo edit when written (``written``); an undo asked meanwhile is queued behind it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from baytak_desktop.store.edits import Edit
from baytak_desktop.ui.i18n import layer_title

Settle = Callable[[Edit | None], None]  # hears the inverse of a written edit, or None when it failed
Apply = Callable[[Edit], Edit]  # writes an edit on some store, returns the edit that reverses it
# One undo or redo: given how to write, writes the step's edit and returns its inverse (None: nothing to
# write). It takes the edit only when it runs, so steps queued behind another program's lock run in order.
Step = Callable[[Apply], Edit | None]
# runs a step and tells ``settle`` its inverse: at once, or later when another program held the store
Writer = Callable[[Step, Settle], None]


class EditCommand(QUndoCommand):
    """An applied edit on the undo stack; subclasses only name the action for the Edit menu."""

    def __init__(self, write: Writer, undo_edit: Edit | None, layer: str) -> None:
        """``undo_edit`` None: the action waits on the writer thread; ``written`` gives it once written."""
        super().__init__()
        self._write = write
        self._undo_edit: Edit | None = undo_edit
        self._redo_edit: Edit | None = None
        self._pushed = False
        self.layer = layer
        self.setText(self.describe(layer_title(layer)))

    def written(self, undo_edit: Edit) -> None:
        """The action was written (on the writer thread, before any undo queued behind it runs)."""
        self._undo_edit = undo_edit

    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Edit {layer}").format(layer=layer)

    def retranslate(self) -> None:
        """The step's name in the current language (the history and Undo/Redo show it)."""
        self.setText(self.describe(layer_title(self.layer)))

    def redo(self) -> None:
        if not self._pushed:  # push() calls redo() at once; the action is already in the store
            self._pushed = True
            return
        self._step("_redo_edit", "_undo_edit")

    def undo(self) -> None:
        self._step("_undo_edit", "_redo_edit")

    def _step(self, source: str, target: str) -> None:
        """Write the undo (or redo) edit and keep its inverse for the step back.

        The edit is taken when the write runs, not now: an undo queued on the writer thread behind
        another program's lock, then a redo, run one after the other there, the redo writing what the
        undo left (the step is kept, and its writes keep the order the person asked them in).
        """

        def step(apply: Apply) -> Edit | None:
            edit = getattr(self, source)
            if edit is None:  # the step before it was refused: nothing to write
                return None
            inverse = apply(edit)  # refused: raises, and the step keeps its edit
            setattr(self, source, None)
            setattr(self, target, inverse)
            return inverse

        def settle(inverse: Edit | None) -> None:
            if inverse is None:  # the store refused (feature deleted by a sync, locked too long): drop it
                self.setObsolete(True)

        self._write(step, settle)


class CreateFeatureCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Add feature to {layer}").format(layer=layer)


class UpdateAttributesCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Edit attributes in {layer}").format(layer=layer)


class UpdateGeometryCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Edit geometry in {layer}").format(layer=layer)


class DeleteFeatureCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Delete feature from {layer}").format(layer=layer)


class AttachPhotoCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Attach photo in {layer}").format(layer=layer)


class DetachPhotoCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Remove photo in {layer}").format(layer=layer)


class PhotoSiteCommand(EditCommand):
    def describe(self, layer: str) -> str:
        return QCoreApplication.translate("EditCommand", "Add feature from photo to {layer}").format(layer=layer)
