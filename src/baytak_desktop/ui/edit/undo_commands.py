"""Undo commands: one user action = one QUndoCommand = one store transaction.

A command holds two edit values from ``store.edits``: the one that undoes the action and the one that
redoes it. Each undo or redo writes through the store (its own transaction, journaled), and returns
the edit that reverses it, so the pair is refreshed at every step: a redone delete knows the fid
and photo links it must restore next time.

The action itself is done before the command is pushed (``EditSession.perform``), so a refused
edit never lands on the stack; the first ``redo()`` that QUndoStack.push calls is therefore skipped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from baytak_desktop.store.edits import Edit
from baytak_desktop.ui.i18n import layer_title

Settle = Callable[[Edit | None], None]  # hears the inverse of a written edit, or None when it failed
# writes an edit and tells ``settle`` its inverse: at once, or later when another program held the store
Writer = Callable[[Edit, Settle], None]


class EditCommand(QUndoCommand):
    """An applied edit on the undo stack; subclasses only name the action for the Edit menu."""

    def __init__(self, write: Writer, undo_edit: Edit, layer: str) -> None:
        super().__init__()
        self._write = write
        self._undo_edit: Edit | None = undo_edit
        self._redo_edit: Edit | None = None
        self._pushed = False
        self.layer = layer
        self.setText(self.describe(layer_title(layer)))

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
        edit = getattr(self, source)
        if edit is None:  # refused before, or still waiting for another program: nothing to write
            self.setObsolete(True)
            return
        setattr(self, source, None)

        def settle(inverse: Edit | None) -> None:
            if inverse is None:  # the store refused (feature deleted by a sync, locked too long): drop it
                self.setObsolete(True)
            else:
                setattr(self, target, inverse)

        self._write(edit, settle)


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
