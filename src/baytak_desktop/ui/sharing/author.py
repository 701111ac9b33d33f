"""Who makes the window's edits: the name written into created_by / updated_by of local edits.

The setting ``edit/author`` (Edit > Your name on edits…) names the person; empty means the user signed
in to the store's server on this device, else the system user (``sync.author.local_author``). The name
is put on the store shown (``Store.author``) whenever another store is shown, the person signs in or
out, or the setting changes, so every write made through the store (an edit, an undo, an import) carries
it. The feature form and the details dock show it as "Created by".
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from baytak_desktop.layers.schema import STAMPS
from baytak_desktop.store import DatabaseError
from baytak_desktop.store.store import system_user
from baytak_desktop.sync.author import local_author
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.ui import settings as saved
from baytak_desktop.ui.actions import ActionSpec, MenuSpec
from baytak_desktop.ui.ask import ask_text
from baytak_desktop.ui.context import WindowContext

KEY = "edit/author"
MAX_LENGTH = next(f.max_length for f in STAMPS if f.name == "created_by") or 200  # every layer's own column


class LocalAuthor(QObject):
    """Edit > Your name on edits…, and the name put on the store shown."""

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx.dialog_parent())
        self.ctx = ctx
        self.actions = ctx.add_actions(self.specs())
        self._known: tuple[object, str | None] | None = None  # (store, name) read where it was opened
        ctx.store_signals.sigStoreReplaced.connect(self.apply)

    def specs(self) -> list[ActionSpec | MenuSpec]:
        return [
            ActionSpec(
                "author",
                lambda: self.tr("Your &name on edits…"),
                self.ask,
                lambda: self.tr("The name recorded as the author of the features you add and change"),
                menu="edit",
                section=4,
            )
        ]

    def chosen(self) -> str:
        return str(saved.read(self.ctx.settings, KEY) or "").strip()

    def name(self) -> str | None:
        """The name the store shown records: the chosen one, the signed-in user, or the system user."""
        store = self.ctx.current_store()
        if store is None:
            return self.chosen() or None
        try:
            return local_author(store, self.chosen())
        except (OSError, ValueError, DatabaseError):  # an unreadable sign-in file or a closed store
            return self.chosen() or system_user()

    def use_once(self, store: object, name: str | None) -> None:
        """The name for ``store``, read off the UI thread where it was opened: the next ``apply`` for
        that store uses it instead of reading the sign-in again."""
        self._known = (store, name)

    def apply(self, account: Credentials | bool | None = False) -> None:
        """Put the name on the store shown (another store, a sign-in or sign-out, a new setting).
        ``account``: the account now signed in (None: none), when the caller knows it: then the store's
        sign-in is not read again."""
        store = self.ctx.current_store()
        if store is None:
            return
        if account is not False:
            store.author = self.chosen() or (account.username if isinstance(account, Credentials) else system_user())
            return
        known, self._known = self._known, None  # the store's own announcement takes it (the parts' may come first)
        store.author = known[1] if known is not None and known[0] is store else self.name()

    def set_name(self, name: str) -> None:
        """Remember ``name`` (empty: the signed-in or system user again) and use it from now on."""
        self.ctx.settings.setValue(KEY, name.strip()[:MAX_LENGTH])
        self.apply()

    def ask(self) -> None:
        name, ok = ask_text(
            self.ctx.dialog_parent(),
            self.tr("Your name on edits"),
            self.tr(
                'Recorded as "Created by" and "Changed by" of the features you add and change. '
                "Leave empty to use the name you sign in with, or this computer's user name."
            ),
            self.chosen(),
        )
        if ok:
            self.set_name(name)
