"""What can go wrong in a sync, each with what the person should do about it.

Every one of them leaves the store as it was before the step that failed: edits are never dropped,
and the next sync starts from what the store records.
"""

from __future__ import annotations

from typing import Any

from baytak_desktop.errors import BaytakError


class SyncError(BaytakError):
    """Base of sync errors; the CLI maps each class to an exit code."""


class NoConnection(SyncError):
    template = (
        "No connection to {server} ({reason}): your {count} edits are safe on this computer and will be sent next time."
    )


class NotSignedIn(SyncError):
    template = "{store} is not signed in to a server: sign in with baytak login {store} --server URL --user NAME"


class SignInRequired(SyncError):
    template = (
        "Your sign-in to {server} has expired or was revoked ({reason}): sign in again with "
        "baytak login {store} --server {server} --user NAME. Your edits are safe on this computer."
    )


class AccountDisabled(SyncError):
    """Signing in again cannot help: an administrator has to enable the account first."""

    template = (
        "Your account on {server} is disabled ({reason}): ask your coordinator or the server's "
        "administrator to enable it. Your edits are safe on this computer."
    )


class ServerFailed(SyncError):
    template = (
        "The server {server} could not handle the request ({code}: {reason}). Your edits are safe on "
        "this computer; try again later, or tell the server's administrator."
    )


class ServerRefused(SyncError):
    """A 4xx answer with an ErrorBody: ``code`` and ``details`` let the caller react (missing_blob...)."""

    template = "The server {server} refused the request: {reason} ({code})."

    def __init__(
        self, template: str | None = None, *, status: int = 400, details: dict[str, Any] | None = None, **params: object
    ) -> None:
        self.status = status
        self.details = details or {}
        super().__init__(template, **params)

    @property
    def code(self) -> str:
        return str(self.params.get("code", ""))


class UploadStuck(SyncError):
    template = (
        "The server {server} keeps refusing the upload of attachment {sha256} at byte {offset}. Your "
        "edits and the file are safe on this computer; sync again later, or tell the server's administrator."
    )


class ConflictUnknown(SyncError):
    template = "There is no conflict {id} in {store}; baytak conflicts {store} lists them."


class NotBaytakAnswer(SyncError):
    """A 2xx answer that is no Baytak answer: a Wi-Fi sign-in page, a proxy's page, another program on
    that address. Said as such, not as the JSON reader's English (or a traceback)."""

    template = (
        "The server {server} answered with something that is not a Baytak server's answer: check the address; "
        "a Wi-Fi sign-in page or a proxy may be in the way. Your edits are safe on this computer."
    )


class NotAServer(SyncError):
    """Said before any connection: "htp:/sync" or "sync.baytak.kz" would otherwise read as the network
    being down ("No connection"), sending the person to look for coverage instead of at a typing slip."""

    template = (
        "{server} is not a server address: write it whole, like https://sync.baytak.kz or http://192.168.1.10:8765"
    )


class WrongServer(SyncError):
    template = "{store} is synced with {known}; it cannot sync with {server} too. Use a new store for another server."


class DemoStore(SyncError):
    """The demo's sites are illustrative: a demo store (or a copy of it) never signs in or syncs."""

    template = (
        "{store} is the demo store: its sites are illustrative and never go to a server. Create the "
        "store of your branch (baytak init FILE.gpkg) and sign that one in."
    )
