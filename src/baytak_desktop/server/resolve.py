"""Settling a conflict: the kept value becomes a new revision of the feature, so every device,
including the one that holds the losing value, receives it on its next pull.

"theirs" keeps what the server has now (a revision is still written: the author's device must learn
that its value lost). "mine" or "edited" writes that value, and is checked exactly as the same write
sent in a push: the same value rules (``values.clean_values``) and the same rights
(``rights.write_refusal``), so a resolution can never do what a push may not (move a feature to
another branch, take it out of every branch, write a review mark in someone else's name). On the
whole-feature field ``"*"`` a value is a JSON object of fields, with the losing side's attachment
changes beside them (the feature lives, a deleted one is restored from its tombstone, its photos
linked again), or null (the feature is deleted).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import TypeAdapter, ValidationError

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.review import added_marks, reviewers_named
from baytak_desktop.server import audit, features
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.features import Stamp
from baytak_desktop.server.merge import WHOLE_FEATURE, ServerFeature
from baytak_desktop.server.pull import CONFLICT_COLUMNS, conflict_record
from baytak_desktop.server.push import ATTACHMENTS_ADDED, ATTACHMENTS_REMOVED, Revisions
from baytak_desktop.server.rights import Write, resolve_refusal, sees_conflict
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.server.values import (
    GEOM,
    check_attachment_sizes,
    check_attachments,
    check_field_names,
    clean_values,
    layer_schema,
    server_managed,
)
from baytak_desktop.sync.protocol import AttachmentRef, ConflictRecord, ErrorCode, ResolveRequest, Sha256, Value

_REFS = TypeAdapter(list[AttachmentRef])
_SHAS = TypeAdapter(list[Sha256])


@dataclass(frozen=True)
class Kept:
    """What a resolution writes: nothing (``how`` "touch": the values stay), the fields to set
    ("update" / "restore"), or the feature's deletion ("delete"); with attachment links to change."""

    how: Literal["touch", "update", "restore", "delete"]
    values: dict[str, Value] = field(default_factory=dict)
    added: list[AttachmentRef] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def resolve(
    db: Database, settings: ServerSettings, account: Account, conflict_id: int, request: ResolveRequest
) -> ConflictRecord:
    with db.transaction(write=True) as tx:
        revisions = Revisions(tx)
        row = tx.one(f"SELECT {CONFLICT_COLUMNS} FROM baytak_conflicts WHERE id = ?", (conflict_id,))
        if row is None or not sees_conflict(account, int(row[8]), row[12], row[17]):
            raise ApiError(ErrorCode.not_found, "There is no conflict {id} you can see.", id=conflict_id)
        conflict = conflict_record(row)
        if conflict.resolved:
            raise ApiError(
                ErrorCode.conflict_already_resolved,
                "Conflict {id} was already resolved by {who} ({how}).",
                id=conflict_id,
                who=conflict.resolved_by,
                how=conflict.resolution,
            )
        schema = layer_schema(catalog_of(tx), conflict.layer)
        uuid = str(conflict.uuid)
        server = features.load(tx, schema, uuid)
        value = {"mine": conflict.mine, "theirs": conflict.theirs, "edited": request.value}[request.keep]
        kept = (
            Kept("touch") if request.keep == "theirs" or server is None else _kept(tx, schema, conflict, server, value)
        )
        existing = None if server is None else server.fields
        write = None if kept.how == "touch" else Write(schema, existing, kept.values)
        refusal = resolve_refusal(account, int(row[8]), Write(schema, existing), write)
        if refusal is not None:
            raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)
        rev = revisions.next()
        stamp = Stamp(account.username, settings.now_text(), None)
        if server is not None:
            _carry_out(tx, schema, uuid, server, kept, rev, stamp)
        tx.execute(
            "UPDATE baytak_conflicts SET resolved = 1, resolved_by = ?, resolution = ?, rev = ? WHERE id = ?",
            (account.username, request.keep, rev, conflict_id),
        )
        revisions.save()
        _audit(tx, account, stamp, schema, conflict, request.keep, rev, existing, kept)
        record = tx.one(f"SELECT {CONFLICT_COLUMNS} FROM baytak_conflicts WHERE id = ?", (conflict_id,))
        assert record is not None
        return conflict_record(record)


def _kept(tx: Tx, schema: LayerSchema, conflict: ConflictRecord, server: ServerFeature, value: Value) -> Kept:
    """The write that keeping ``value`` means, its values checked like a push's (422 otherwise)."""
    if conflict.field != WHOLE_FEATURE:
        if server.deleted:  # the feature was deleted after the conflict: it stays deleted
            return Kept("touch")
        return Kept("update", clean_values(schema, {conflict.field: value}, whole=False))
    whole = _whole_value(value)
    if whole is None:
        return Kept("touch") if server.deleted else Kept("delete")
    added, removed = _attachments(tx, whole)
    check_field_names(schema, list(whole))
    managed = server_managed(schema)
    values = {name: v for name, v in whole.items() if name not in managed}
    if not server.deleted:
        return Kept("update", clean_values(schema, values, whole=False), added, removed)
    last = {name: v for name, v in server.fields.items() if name not in managed}
    clean = clean_values(schema, {**last, **values}, whole=True)
    return Kept("restore", {name: v for name, v in clean.items() if name in values or name in managed}, added, removed)


def _whole_value(kept: Value) -> dict[str, Value] | None:
    if kept is None:
        return None
    try:
        values = json.loads(kept) if isinstance(kept, str) else None
    except ValueError:
        values = None
    if not isinstance(values, dict):
        raise ApiError(
            ErrorCode.invalid_value, "A whole-feature value is a JSON object of fields, or null to delete the feature."
        )
    return values


def _attachments(tx: Tx, whole: dict[str, Value]) -> tuple[list[AttachmentRef], list[str]]:
    """The losing side's attachment changes kept beside the fields (taken out of ``whole``)."""
    try:
        added = _REFS.validate_python(whole.pop(ATTACHMENTS_ADDED, None) or [])
        removed = _SHAS.validate_python(whole.pop(ATTACHMENTS_REMOVED, None) or [])
    except ValidationError:
        raise ApiError(
            ErrorCode.invalid_value,
            "{added} and {removed} list attachments as a push does.",
            added=ATTACHMENTS_ADDED,
            removed=ATTACHMENTS_REMOVED,
        ) from None
    check_attachments(added)
    sizes = features.complete_blob_sizes(tx, sorted({ref.sha256 for ref in added}))
    missing = sorted({ref.sha256 for ref in added} - sizes.keys())
    if missing:
        raise ApiError(
            ErrorCode.missing_blob,
            "Upload the attachments first ({count} missing), then resolve again.",
            details={"missing": missing},
            count=len(missing),
        )
    check_attachment_sizes(added, sizes)
    return added, removed


def _carry_out(
    tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, kept: Kept, rev: int, stamp: Stamp
) -> None:
    if kept.how == "touch":
        _touch(tx, schema, uuid, server, rev, stamp)
    elif kept.how == "delete":
        features.delete(tx, schema, uuid, rev, server.fields, stamp)
        features.record_history(tx, schema, uuid, rev, None, stamp)
    elif kept.how == "restore":
        restored = {**server.fields, **kept.values, "updated_at": stamp.at, "updated_by": stamp.username}
        features.restore(tx, schema, uuid, rev, restored)
        features.change_attachments(tx, schema.name, uuid, kept.added, kept.removed)
        features.record_history(tx, schema, uuid, rev, restored, stamp)
    else:
        features.change_attachments(tx, schema.name, uuid, kept.added, kept.removed)
        _update(tx, schema, uuid, server, kept.values, rev, stamp)


def _touch(tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, rev: int, stamp: Stamp) -> None:
    """A new revision with the values unchanged (a tombstone's revision moves on too)."""
    if server.deleted:
        tx.execute("UPDATE baytak_tombstones SET rev = ? WHERE layer = ? AND uuid = ?", (rev, schema.name, uuid))
        features.record_history(tx, schema, uuid, rev, None, stamp)
        return
    _update(tx, schema, uuid, server, {}, rev, stamp)


def _update(
    tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, clean: dict[str, Value], rev: int, stamp: Stamp
) -> None:
    if GEOM not in clean:
        clean = {name: value for name, value in clean.items() if name not in server_managed(schema)}
    values = {**clean, "updated_at": stamp.at, "updated_by": stamp.username}
    features.update(tx, schema, uuid, rev, values)
    features.record_history(tx, schema, uuid, rev, {**server.fields, **values}, stamp)


def _audit(
    tx: Tx,
    account: Account,
    stamp: Stamp,
    schema: LayerSchema,
    conflict: ConflictRecord,
    keep: str,
    rev: int,
    existing: Mapping[str, Value] | None,
    kept: Kept,
) -> None:
    """The resolution in the audit log, and a review too when the kept value records one."""
    layer, uuid = conflict.layer, str(conflict.uuid)
    details = {"kept": keep, "field": conflict.field, "wrote": kept.how}
    events = [
        audit.Event(
            audit.AuditAction.resolve,
            account,
            stamp.at,
            layer=layer,
            uuid=uuid,
            rev=rev,
            conflict_id=conflict.id,
            details=details,
        )
    ]
    if kept.how in ("update", "restore") and reviewers_named(schema, existing, kept.values) is not None:
        verdicts = [mark[0] for mark in added_marks((existing or {}).get("notes"), kept.values.get("notes"))]
        events.append(
            audit.Event(
                audit.AuditAction.review,
                account,
                stamp.at,
                layer=layer,
                uuid=uuid,
                rev=rev,
                conflict_id=conflict.id,
                details={"verdicts": verdicts or ["verified"]},
            )
        )
    for event in events:
        audit.record(tx, event)
