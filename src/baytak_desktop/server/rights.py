"""Who may do what: the one place every write path of the server asks (docs/sync-protocol.md, "Rights").

A push, a resolution's kept or edited value, a review, an attachment linked or unlinked: each is a
write to one feature, judged by ``write_refusal`` on the server's state of that feature and the
values the write gives it, never on what the client claims. Uploading bytes, reading the audit log
and resolving are the other checks here. Each function answers why not, or None when allowed.

viewer: reads, writes nothing. reporter: creates features in any branch, and changes or deletes only
those they created. editor: the features of their own branch, judged on both the feature's branch now
and the branch the write gives it (nobody moves a feature out of, or into, another branch).
coordinator: as editor, and reviews and plans cleanups. admin: everything. Accounts and tokens are
managed on the server's console only (``baytak server user ...``), which has the database itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from baytak_desktop.i18n import Sentence
from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.review import REVIEWERS, reviewers_named
from baytak_desktop.server.accounts import Account
from baytak_desktop.sync.protocol import Role, Value

UNCHANGED = object()
PLANNERS = (Role.coordinator, Role.admin)  # cleanup plans are the coordinators'
PLANNED_LAYERS = ("cleanup_plans",)


@dataclass(frozen=True)
class Write:
    """One write to one feature: the layer (its schema in the server's catalog, a published layer as
    a built-in one), the server's feature (its last state when deleted; None for a new one) and the
    values the write sets (in their stored form; empty for a delete)."""

    schema: LayerSchema
    existing: Mapping[str, Value] | None
    values: Mapping[str, Value] = field(default_factory=dict)

    @property
    def layer(self) -> str:
        return self.schema.name

    @property
    def new_branch(self) -> object:
        if "branch" in self.values:
            return self.values["branch"]
        return None if self.existing is None else UNCHANGED


def write_refusal(account: Account, write: Write) -> str | None:
    """Why ``account`` may not make ``write``, or None when it may."""
    role = account.role
    if role is Role.viewer:
        return Sentence("a viewer cannot change features")
    if write.layer in PLANNED_LAYERS and role not in PLANNERS:
        return Sentence("only coordinators and admins plan cleanups")
    refusal = _review_refusal(account, write)
    if refusal is not None or role is Role.admin:
        return refusal
    if role is Role.reporter:
        if write.existing is None or write.existing.get("created_by") == account.username:
            return None
        return Sentence("a reporter may change or delete only the features they created")
    return _branch_refusal(account, write)


def _branch_refusal(account: Account, write: Write) -> str | None:
    branches = [] if write.existing is None else [write.existing.get("branch")]
    if write.new_branch is not UNCHANGED:
        branches.append(write.new_branch)  # type: ignore[arg-type]
    for branch in branches:
        if branch != account.branch:
            shown = Sentence("no branch") if branch is None else Sentence("branch {branch}", branch=branch)
            return Sentence(
                "as {role} of branch {branch} you cannot change a feature of {shown}",
                role=role_word(account.role),
                branch=account.branch,
                shown=shown,
            )
    return None


def role_word(role: Role) -> Sentence:
    """The role as a sentence of its own, so that a refusal names it in the reader's language
    ("редактор"), not by the server's code ("editor")."""
    words = {
        Role.viewer: Sentence("viewer"),
        Role.reporter: Sentence("reporter"),
        Role.editor: Sentence("editor"),
        Role.coordinator: Sentence("coordinator"),
        Role.admin: Sentence("administrator"),
    }
    return words[role]


def _review_refusal(account: Account, write: Write) -> str | None:
    """A review mark added to the notes, or a status set to verified, is a review: only reviewers write
    one, and a mark names the reviewer who wrote it."""
    named = reviewers_named(write.schema, write.existing, write.values)
    if named is None:
        return None
    if account.role.value not in REVIEWERS:
        return Sentence("only coordinators and admins review features")
    others = sorted(name for name in named if name != account.username)
    if others:
        return Sentence(
            "a review mark names its reviewer: write {name}, not {others}",
            name=account.username,
            others=", ".join(others),
        )
    return None


def resolve_refusal(account: Account, author_id: int, current: Write, kept: Write | None) -> str | None:
    """Who may settle a conflict: its author, and whoever may change the feature (``current``: its
    branch's editors and coordinators, its reporter-creator, admins). Keeping a value other than the
    server's (``kept``) writes it, so it is then checked exactly as the same write sent in a push."""
    if account.role is Role.viewer:
        return Sentence("a viewer cannot resolve conflicts")
    if kept is not None:
        return write_refusal(account, kept)
    if account.id == author_id or current.existing is None:
        return None
    return write_refusal(account, current)


def sees_conflict(account: Account, author_id: int, branch: str | None, creator: str | None) -> bool:
    """A conflict is shown to its author, to the feature's branch, to its creator, and to admins."""
    return (
        account.role is Role.admin
        or account.id == author_id
        or (branch is not None and branch == account.branch)
        or (creator is not None and creator == account.username)
    )


def upload_refusal(account: Account) -> str | None:
    return Sentence("a viewer cannot upload attachments") if account.role is Role.viewer else None


def push_refusal(account: Account) -> str | None:
    """A changeset from an account that may write nothing is refused whole, before anything is written:
    a viewer's 20,000 changes must not cost 20,000 rejection records."""
    return Sentence("a viewer cannot change features") if account.role is Role.viewer else None


def audit_refusal(account: Account) -> str | None:
    return None if account.role is Role.admin else Sentence("only administrators read the audit log")
