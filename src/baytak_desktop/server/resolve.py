"""Settling a conflict: the kept value becomes a new revision of the feature, so every device,
including the one that holds the losing value, receives it on its next pull.

"theirs" keeps what the server has now (a revision is still written: the author's device must learn
that its value lost). "mine" or "edited" writes that value, checked with the same rules as a push. On
the whole-feature field ``"*"`` a value is a JSON object of fields (the feature lives, a deleted one
is restored from its tombstone) or null (the feature is deleted).
"""

from __future__ import annotations

import json

from baytak_desktop.layers import LayerSchema
from baytak_desktop.server import features
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.features import Stamp
from baytak_desktop.server.merge import WHOLE_FEATURE, ServerFeature
from baytak_desktop.server.pull import CONFLICT_COLUMNS, conflict_record
from baytak_desktop.server.push import Revisions
from baytak_desktop.server.rights import may_resolve, sees_conflict
from baytak_desktop.server.settings import ServerSettings
from baytak_desktop.server.values import GEOM, clean_values, layer_schema, server_managed
from baytak_desktop.sync.protocol import ConflictRecord, ErrorCode, ResolveRequest, Value


def resolve(
    db: Database, settings: ServerSettings, account: Account, conflict_id: int, request: ResolveRequest
) -> ConflictRecord:
    with db.transaction(write=True) as tx:
        revisions = Revisions(tx)
        row = tx.one(f"SELECT {CONFLICT_COLUMNS} FROM baytak_conflicts WHERE id = ?", (conflict_id,))
        if row is None or not sees_conflict(account, int(row[8]), row[12]):
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
        schema = layer_schema(conflict.layer)
        uuid = str(conflict.uuid)
        server = features.load(tx, schema, uuid)
        if not may_resolve(account, int(row[8]), None if server is None else server.fields):
            raise ApiError(
                ErrorCode.forbidden,
                "Not allowed: only the conflict's author, the feature's branch "
                "editors and coordinators, and admins resolve it.",
            )
        rev = revisions.next()
        stamp = Stamp(account.username, settings.now_text(), None)
        kept = {"mine": conflict.mine, "theirs": conflict.theirs, "edited": request.value}[request.keep]
        if server is not None:
            if request.keep == "theirs":
                _touch(tx, schema, uuid, server, rev, stamp)
            elif conflict.field == WHOLE_FEATURE:
                _keep_whole(tx, schema, uuid, server, _whole_value(kept), rev, stamp)
            else:
                _keep_field(tx, schema, uuid, server, {conflict.field: kept}, rev, stamp)
        tx.execute(
            "UPDATE baytak_conflicts SET resolved = 1, resolved_by = ?, resolution = ?, rev = ? WHERE id = ?",
            (account.username, request.keep, rev, conflict_id),
        )
        revisions.save()
        resolved = tx.one(f"SELECT {CONFLICT_COLUMNS} FROM baytak_conflicts WHERE id = ?", (conflict_id,))
        assert resolved is not None  # updated just above
        return conflict_record(resolved)


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


def _touch(tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, rev: int, stamp: Stamp) -> None:
    """A new revision with the values unchanged (a tombstone's revision moves on too)."""
    if server.deleted:
        tx.execute("UPDATE baytak_tombstones SET rev = ? WHERE layer = ? AND uuid = ?", (rev, schema.name, uuid))
        features.record_history(tx, schema, uuid, rev, None, stamp)
        return
    _update(tx, schema, uuid, server, {}, rev, stamp)


def _keep_field(
    tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, values: dict[str, Value], rev: int, stamp: Stamp
) -> None:
    if server.deleted:  # the feature was deleted after the conflict: it stays deleted
        _touch(tx, schema, uuid, server, rev, stamp)
        return
    _update(tx, schema, uuid, server, clean_values(schema, values, whole=False), rev, stamp)


def _keep_whole(
    tx: Tx,
    schema: LayerSchema,
    uuid: str,
    server: ServerFeature,
    values: dict[str, Value] | None,
    rev: int,
    stamp: Stamp,
) -> None:
    managed = server_managed(schema)
    if values is None:
        if server.deleted:
            _touch(tx, schema, uuid, server, rev, stamp)
        else:
            features.delete(tx, schema, uuid, rev, server.fields, stamp)
            features.record_history(tx, schema, uuid, rev, None, stamp)
        return
    values = {name: value for name, value in values.items() if name not in managed}
    if not server.deleted:
        _update(tx, schema, uuid, server, clean_values(schema, values, whole=False), rev, stamp)
        return
    last = {name: value for name, value in server.fields.items() if name not in managed}
    clean = clean_values(schema, {**last, **values}, whole=True)
    restored = {**server.fields, **clean, "updated_at": stamp.at, "updated_by": stamp.username}
    features.restore(tx, schema, uuid, rev, restored)
    features.record_history(tx, schema, uuid, rev, restored, stamp)


def _update(
    tx: Tx, schema: LayerSchema, uuid: str, server: ServerFeature, clean: dict[str, Value], rev: int, stamp: Stamp
) -> None:
    if GEOM not in clean:
        clean = {name: value for name, value in clean.items() if name not in server_managed(schema)}
    values = {**clean, "updated_at": stamp.at, "updated_by": stamp.username}
    features.update(tx, schema, uuid, rev, values)
    features.record_history(tx, schema, uuid, rev, {**server.fields, **values}, stamp)
