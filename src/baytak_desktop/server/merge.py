"""The three-way merge of one pushed change against the server's feature: plain functions, no I/O.

Per field: the server's value equals the client's ``new`` -> nothing to do; equals the client's
``base`` -> apply ``new``; anything else -> a conflict that keeps both values (the server keeps its
own, "theirs"; the pushed one, "mine", waits in the conflict record). Whole-feature cases (an update
of a feature the server deleted, a delete of a feature the server changed) are a conflict on the
field ``"*"`` and never lose the edited row. Values arrive already normalised (geometry as canonical
WKB hex), so equality here is equality of what is stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from baytak_desktop.sync.protocol import Op, Outcome, Value

WHOLE_FEATURE = "*"


class Action(StrEnum):
    create = "create"  # a new feature with ``apply`` as its fields
    update = "update"  # write ``apply`` over the server's fields
    delete = "delete"  # remove the feature (its last state becomes a tombstone)
    nothing = "nothing"  # change nothing on the feature (maybe record conflicts)
    missing = "missing"  # an update of a feature the server never had: refused


@dataclass(frozen=True)
class FieldChange:
    base: Value
    new: Value


@dataclass(frozen=True)
class ServerFeature:
    """The server's current state of a feature: live fields, or a tombstone."""

    rev: int
    fields: Mapping[str, Value]
    deleted: bool = False


@dataclass(frozen=True)
class FieldConflict:
    field: str
    base: Value
    theirs: Value
    mine: Value


@dataclass(frozen=True)
class Decision:
    action: Action
    outcome: Outcome
    apply: dict[str, Value] = field(default_factory=dict)
    conflicts: tuple[FieldConflict, ...] = ()


def same(a: Value, b: Value) -> bool:
    """NULL equals only NULL; numbers compare by value (5 == 5.0); text exactly ('' is not NULL)."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


def as_json_text(values: Mapping[str, Value]) -> str:
    """A whole feature's values as one conflict value (the ``"*"`` field)."""
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True)


def merge_fields(
    server: Mapping[str, Value], changes: Mapping[str, FieldChange]
) -> tuple[dict[str, Value], list[FieldConflict]]:
    """Per field: (values to apply, conflicts). Fields already at ``new`` are neither."""
    apply: dict[str, Value] = {}
    conflicts: list[FieldConflict] = []
    for name, change in changes.items():
        current = server.get(name)
        if same(current, change.new):
            continue
        if same(current, change.base):
            apply[name] = change.new
        else:
            conflicts.append(FieldConflict(name, change.base, current, change.new))
    return apply, conflicts


def decide(
    op: Op, server: ServerFeature | None, changes: Mapping[str, FieldChange], base_rev: int | None = None
) -> Decision:
    """What to do with one change, given the server's feature (None when the uuid is unknown)."""
    if server is None:
        return _unknown_feature(op, changes)
    if server.deleted:
        return _deleted_feature(op, changes)
    if op is Op.delete:
        return _delete_live(server, changes, base_rev)
    if op is Op.insert:  # a retry, or the same feature sent twice: an update from an empty base
        changes = {name: FieldChange(None, change.new) for name, change in changes.items()}
    apply, conflicts = merge_fields(server.fields, changes)
    if conflicts:
        return Decision(Action.update if apply else Action.nothing, Outcome.conflict, apply, tuple(conflicts))
    if not apply:
        return Decision(Action.nothing, Outcome.unchanged)
    moved_on = base_rev is not None and base_rev != server.rev
    return Decision(Action.update, Outcome.merged if moved_on else Outcome.applied, apply)


def _unknown_feature(op: Op, changes: Mapping[str, FieldChange]) -> Decision:
    if op is Op.insert:
        return Decision(Action.create, Outcome.applied, {name: c.new for name, c in changes.items()})
    if op is Op.delete:
        return Decision(Action.nothing, Outcome.unchanged)
    return Decision(Action.missing, Outcome.rejected)


def _deleted_feature(op: Op, changes: Mapping[str, FieldChange]) -> Decision:
    """Delete vs delete agrees; an edit of a deleted feature keeps the feature deleted and the edit
    in a ``"*"`` conflict, whose "mine" restores it."""
    if op is Op.delete:
        return Decision(Action.nothing, Outcome.unchanged)
    base = as_json_text({name: c.base for name, c in changes.items()})
    mine = as_json_text({name: c.new for name, c in changes.items()})
    return Decision(Action.nothing, Outcome.conflict, conflicts=(FieldConflict(WHOLE_FEATURE, base, None, mine),))


def _delete_live(server: ServerFeature, changes: Mapping[str, FieldChange], base_rev: int | None) -> Decision:
    """A delete carries the base values of the fields; if the server changed any of them since, the
    deletion would throw that edit away: keep the feature and record a ``"*"`` conflict instead."""
    changed = [name for name, c in changes.items() if not same(server.fields.get(name), c.base)]
    if not changes and base_rev is not None and base_rev != server.rev:
        changed = [WHOLE_FEATURE]
    if not changed:
        return Decision(Action.delete, Outcome.applied)
    base = as_json_text({name: c.base for name, c in changes.items()})
    conflict = FieldConflict(WHOLE_FEATURE, base, as_json_text(server.fields), None)
    return Decision(Action.nothing, Outcome.conflict, conflicts=(conflict,))
