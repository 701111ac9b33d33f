"""Who may change which feature, decided per change (not per request): plain functions.

viewer: nothing. reporter: creates features, and edits or deletes only those they created.
editor and coordinator: features of their own branch only, judged on both the server's current branch
and the branch the change would give the feature (so nobody moves a feature out of, or into, another
branch). admin: everything. Reading is open to every signed-in account.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from baytak_desktop.server.accounts import Account
from baytak_desktop.sync.protocol import Role, Value


class Unchanged(Enum):
    """The branch a change leaves as it is (None would mean "no branch")."""

    UNCHANGED = "unchanged"


UNCHANGED = Unchanged.UNCHANGED


def change_refusal(
    account: Account, existing: Mapping[str, Value] | None, new_branch: Value | Unchanged = UNCHANGED
) -> str | None:
    """Why ``account`` may not make this change, or None when it may.

    ``existing`` is the server's feature (its last state when deleted), None for a new feature;
    ``new_branch`` the branch the change sets, left out when the change does not touch it.
    """
    role = account.role
    if role is Role.admin:
        return None
    if role is Role.viewer:
        return "a viewer cannot change features"
    if role is Role.reporter:
        if existing is None or existing.get("created_by") == account.username:
            return None
        return "a reporter may edit or delete only the features they created"
    branches = [] if existing is None else [existing.get("branch")]
    if existing is None or new_branch is not UNCHANGED:
        branches.append(None if new_branch is UNCHANGED else new_branch)
    for branch in branches:
        if branch != account.branch:
            shown = "no branch" if branch is None else f"branch {branch}"
            return f"as {role.value} of branch {account.branch} you cannot change a feature of {shown}"
    return None


def may_resolve(account: Account, author_id: int, feature: Mapping[str, Value] | None) -> bool:
    """The conflict's author, and whoever may edit the feature (its branch's editors and
    coordinators, its reporter-creator, admins) may settle it: "resolvable from either side"."""
    if account.role is Role.viewer:
        return False
    if account.id == author_id:
        return True
    return change_refusal(account, feature or {}) is None


def sees_conflict(account: Account, author_id: int, branch: str | None) -> bool:
    """A conflict is shown to its author, to the feature's branch, and to admins."""
    return account.role is Role.admin or account.id == author_id or (branch is not None and branch == account.branch)
