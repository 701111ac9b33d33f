"""A push: one changeset applied in one transaction, change by change.

The transaction first locks the revision counter row, so pushes are applied one at a time and commit
in revision order: a reader that sees revision N has seen every revision below it. A known
``changeset_id`` is answered from the audit log (replayed, nothing changes). Each change is checked
(layer, fields, rights, values) and merged on its own: a refused change becomes a rejection record and
the other changes still apply.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from baytak_desktop.layers import LAYERS, LayerSchema
from baytak_desktop.layers.demo_identity import is_demo_uuid, is_illustrative
from baytak_desktop.server import features
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.features import Stamp
from baytak_desktop.server.merge import Action, Decision, FieldChange, FieldConflict, ServerFeature, decide
from baytak_desktop.server.rights import UNCHANGED, Unchanged, change_refusal
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.server.values import GEOM, check_field_names, clean_values, comparable, layer_schema, server_managed
from baytak_desktop.sync.protocol import (
    AttachmentRef,
    ChangeIn,
    ChangeResult,
    ChangesetIn,
    ChangesetResult,
    ErrorCode,
    Op,
    Outcome,
    Value,
)
from baytak_desktop.sync.protocol import FieldChange as SentChange


class Revisions:
    """The server's revision counter, locked for the whole transaction that allocates from it."""

    def __init__(self, tx: Tx) -> None:
        self.tx = tx
        self.start = self.current = int(
            tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1" + tx.dialect.for_update)
        )

    def next(self) -> int:
        self.current += 1
        return self.current

    def save(self) -> None:
        if self.current != self.start:
            self.tx.execute("UPDATE baytak_counter SET rev = ? WHERE id = 1", (self.current,))


@dataclass
class Push:
    tx: Tx
    account: Account
    changeset: ChangesetIn
    revisions: Revisions
    now: str
    results: list[ChangeResult] = field(default_factory=list)
    known: dict[tuple[str, str], ServerFeature | None] = field(default_factory=dict)  # prefetched, used once

    def server_feature(self, schema: LayerSchema, uuid: str) -> ServerFeature | None:
        """The prefetched state the first time a feature is met; later (it may have changed) from the DB."""
        key = (schema.name, uuid)
        if key in self.known:
            return self.known.pop(key)
        return features.load(self.tx, schema, uuid)

    def prefetch(self) -> None:
        wanted: dict[str, list[str]] = {}
        for change in self.changeset.changes:
            if change.layer in LAYERS:
                wanted.setdefault(change.layer, []).append(str(change.uuid))
        for layer, uuids in wanted.items():
            for uuid, feature in features.load_many(self.tx, LAYERS[layer], list(dict.fromkeys(uuids))).items():
                self.known[(layer, uuid)] = feature

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.account.username, self.now, str(self.changeset.changeset_id))


def push(db: Database, settings: ServerSettings, account: Account, changeset: ChangesetIn) -> ChangesetResult:
    with db.transaction(write=True) as tx:
        revisions = Revisions(tx)
        stored = tx.one(
            "SELECT user_id, result FROM baytak_changesets WHERE changeset_id = ?", (str(changeset.changeset_id),)
        )
        if stored is not None:
            if int(stored[0]) != account.id:
                raise ApiError(
                    ErrorCode.forbidden, "Changeset {id} was sent by another account.", id=str(changeset.changeset_id)
                )
            return ChangesetResult.model_validate_json(stored[1]).model_copy(update={"replayed": True})
        _require_blobs(tx, changeset)
        state = Push(tx, account, changeset, revisions, settings.now_text())
        state.prefetch()
        for change in changeset.changes:
            state.results.append(_apply_or_reject(state, change))
        revisions.save()
        result = ChangesetResult(
            changeset_id=changeset.changeset_id, server_rev=revisions.current, results=state.results
        )
        _audit(state, result)
        return result


def _require_blobs(tx: Tx, changeset: ChangesetIn) -> None:
    """Refuse the whole changeset while an attachment it names is not on the server: the client
    uploads it and resends the same changeset_id."""
    wanted = sorted({ref.sha256 for change in changeset.changes for ref in change.attachments_added})
    complete: set[str] = set()
    for start in range(0, len(wanted), 500):
        part = wanted[start : start + 500]
        complete |= {
            row[0]
            for row in tx.query(
                f"SELECT sha256 FROM baytak_blobs WHERE complete = 1 AND sha256 IN ({', '.join('?' * len(part))})", part
            )
        }
    missing = [sha for sha in wanted if sha not in complete]
    if missing:
        raise ApiError(
            ErrorCode.missing_blob,
            "Upload the attachments first ({count} missing), then send the same changeset again.",
            details={"missing": missing},
            count=len(missing),
        )


def _apply_or_reject(state: Push, change: ChangeIn) -> ChangeResult:
    try:
        return _apply(state, change)
    except ApiError as error:
        rev = state.revisions.next()
        body = error.body()
        state.tx.execute(
            "INSERT INTO baytak_rejections (rev, layer, uuid, author_id, author, changeset_id, error, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                rev,
                change.layer,
                str(change.uuid),
                state.account.id,
                state.account.username,
                str(state.changeset.changeset_id),
                body.model_dump_json(),
                state.now,
            ),
        )
        return ChangeResult(layer=change.layer, uuid=change.uuid, outcome=Outcome.rejected, error=body)


def _apply(state: Push, change: ChangeIn) -> ChangeResult:
    schema = layer_schema(change.layer)
    _refuse_demo(schema, change)
    check_field_names(schema, list(change.fields))
    managed = server_managed(schema)
    sent = {name: c for name, c in change.fields.items() if name not in managed}
    uuid = str(change.uuid)
    server = state.server_feature(schema, uuid)
    _check_rights(state.account, change.op, server, sent)
    derived: dict[str, Value] = {}
    if change.op is Op.delete:
        changes = {name: FieldChange(comparable(schema, name, c.base), None) for name, c in sent.items()}
    else:
        clean = clean_values(schema, {name: c.new for name, c in sent.items()}, whole=server is None)
        derived = {name: clean.pop(name) for name in managed if name in clean}
        changes = {
            name: FieldChange(comparable(schema, name, sent[name].base) if name in sent else None, value)
            for name, value in clean.items()
        }
    decision = decide(change.op, server, changes, change.base_rev)
    if decision.action is Action.missing:
        raise ApiError(
            ErrorCode.not_found,
            "The server has no feature {uuid} in {layer} to update; send it as an insert.",
            uuid=uuid,
            layer=schema.name,
        )
    return _carry_out(state, schema, change, server, decision, derived)


def _refuse_demo(schema: LayerSchema, change: ChangeIn) -> None:
    """Demo features are illustrative: none is stored, whoever sends it (layers.demo_identity)."""
    notes = change.fields.get("notes")
    if is_demo_uuid(str(change.uuid)) or (
        change.op is not Op.delete and notes is not None and is_illustrative(notes.new)
    ):
        raise ApiError(
            ErrorCode.demo_data,
            "{uuid} in {layer} is demo data: its position and figures are illustrative, so the server "
            "does not keep it.",
            uuid=str(change.uuid),
            layer=schema.name,
        )


def _check_rights(account: Account, op: Op, server: ServerFeature | None, sent: dict[str, SentChange]) -> None:
    new_branch: Value | Unchanged = UNCHANGED
    if op is not Op.delete and "branch" in sent:
        new_branch = sent["branch"].new
    elif server is None and op is Op.insert:
        new_branch = None
    refusal = change_refusal(account, None if server is None else server.fields, new_branch)
    if refusal is not None:
        raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)


def _carry_out(
    state: Push,
    schema: LayerSchema,
    change: ChangeIn,
    server: ServerFeature | None,
    decision: Decision,
    derived: dict[str, Value],
) -> ChangeResult:
    tx, uuid = state.tx, str(change.uuid)
    rev = server.rev if server is not None else None
    written = decision.action in (Action.create, Action.update, Action.delete)
    live_after = decision.action is Action.create or (
        server is not None and not server.deleted and decision.action is not Action.delete
    )
    outcome = decision.outcome
    new_rev = state.revisions.next() if written or decision.conflicts else None
    attachments_changed = False
    if live_after and change.op is not Op.delete:
        attachments_changed = features.change_attachments(
            tx, schema.name, uuid, list(change.attachments_added), list(change.attachments_removed)
        )
    if attachments_changed and not written:
        written = True
        new_rev = new_rev or state.revisions.next()
        outcome = Outcome.applied if outcome is Outcome.unchanged else outcome
    if written:
        assert new_rev is not None
        rev = new_rev
        _write(state, schema, uuid, server, decision, derived, new_rev, attachments_changed)
    conflict_ids = [_record_conflict(state, schema, uuid, server, c, new_rev) for c in decision.conflicts]
    return ChangeResult(layer=schema.name, uuid=change.uuid, outcome=outcome, rev=rev, conflict_ids=conflict_ids)


def _write(
    state: Push,
    schema: LayerSchema,
    uuid: str,
    server: ServerFeature | None,
    decision: Decision,
    derived: dict[str, Value],
    rev: int,
    linked: bool,
) -> None:
    tx, stamp = state.tx, state.stamp
    touched: dict[str, Value] = {"updated_at": stamp.at, "updated_by": stamp.username}
    if decision.action is Action.create:
        values = {**decision.apply, **derived, **touched, "created_at": stamp.at, "created_by": stamp.username}
        features.insert(tx, schema, uuid, rev, values)
        attachments: list[AttachmentRef] | None = None if linked else []  # a new feature without links: no query
        features.record_history(tx, schema, uuid, rev, _full(schema, values), stamp, attachments)
        return
    assert server is not None
    if decision.action is Action.delete:
        features.delete(tx, schema, uuid, rev, server.fields, stamp)
        features.record_history(tx, schema, uuid, rev, None, stamp)
        return
    values = {**decision.apply, **(derived if GEOM in decision.apply else {}), **touched}
    features.update(tx, schema, uuid, rev, values)
    features.record_history(tx, schema, uuid, rev, {**server.fields, **values}, stamp)


def _full(schema: LayerSchema, values: dict[str, Value]) -> dict[str, Value]:
    return {name: values.get(name) for name in features.columns(schema)}


def _record_conflict(
    state: Push, schema: LayerSchema, uuid: str, server: ServerFeature | None, conflict: FieldConflict, rev: int | None
) -> int:
    branch = None if server is None else server.fields.get("branch")
    row = state.tx.one(
        "INSERT INTO baytak_conflicts (rev, layer, uuid, field, base, theirs, mine, author_id, author, device_id, "
        "changeset_id, branch, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            rev,
            schema.name,
            uuid,
            conflict.field,
            json.dumps(conflict.base, ensure_ascii=False),
            json.dumps(conflict.theirs, ensure_ascii=False),
            json.dumps(conflict.mine, ensure_ascii=False),
            state.account.id,
            state.account.username,
            str(state.changeset.device_id),
            str(state.changeset.changeset_id),
            branch,
            state.now,
        ),
    )
    assert row is not None
    return int(row[0])


def _audit(state: Push, result: ChangesetResult) -> None:
    counts = {outcome: result.count(outcome) for outcome in Outcome}
    state.tx.execute(
        "INSERT INTO baytak_changesets (changeset_id, user_id, username, device_id, received_at, server_rev, changes, "
        "applied, merged, unchanged, conflicts, rejected, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(state.changeset.changeset_id),
            state.account.id,
            state.account.username,
            str(state.changeset.device_id),
            state.now,
            result.server_rev,
            len(result.results),
            counts[Outcome.applied],
            counts[Outcome.merged],
            counts[Outcome.unchanged],
            counts[Outcome.conflict],
            counts[Outcome.rejected],
            result.model_dump_json(),
        ),
    )
