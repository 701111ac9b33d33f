"""The pull feed, conflict lists and feature history: reads, each in one snapshot.

A page covers the revisions ``(after, until]``. ``until`` is chosen so the page holds about ``limit``
items and never splits a revision: every item with a revision up to ``until`` is in this page or an
earlier one, so a client that stores ``until`` and asks again never skips anything. A feature appears
once, in its latest state (a deleted one as ``deleted``), at its latest revision.
"""

from __future__ import annotations

import json
from typing import Any

from baytak_desktop.layers import Catalog
from baytak_desktop.server import features
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.catalog import TABLE as REVISIONS
from baytak_desktop.server.catalog import catalog_of, revisions_in_range
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.sync.protocol import (
    ChangesPage,
    ConflictRecord,
    ErrorBody,
    ErrorCode,
    FeatureState,
    Rejection,
    Role,
)

CONFLICT_COLUMNS = (
    "id, rev, layer, uuid, field, base, theirs, mine, author_id, author, device_id, changeset_id, "
    "branch, created_at, resolved, resolved_by, resolution, creator"
)
# shown to admins, its author, the feature's branch and the feature's creator (rights.sees_conflict)
_CONFLICT_VISIBLE = "(? = 1 OR author_id = ? OR branch = ? OR creator = ?)"


def current_rev(tx: Tx) -> int:
    return int(tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1"))


def _visible_params(account: Account) -> tuple[int, int, str | None, str]:
    return (int(account.role is Role.admin), account.id, account.branch, account.username)


def _revs_sql(catalog: Catalog) -> str:
    """Every revision the account can see in (after, until]: features, deletions, schema revisions, its
    conflicts and rejections. The parameters repeat per part: see ``_revs_params``."""
    parts = [f'SELECT rev FROM "{name}" WHERE rev > ? AND rev <= ?' for name in catalog]
    parts.append("SELECT rev FROM baytak_tombstones WHERE rev > ? AND rev <= ?")
    parts.append(f"SELECT rev FROM {REVISIONS} WHERE rev > ? AND rev <= ?")
    parts.append(f"SELECT rev FROM baytak_conflicts WHERE rev > ? AND rev <= ? AND {_CONFLICT_VISIBLE}")
    parts.append("SELECT rev FROM baytak_rejections WHERE rev > ? AND rev <= ? AND author_id = ?")
    return "SELECT rev FROM (" + " UNION ALL ".join(parts) + ") AS revs ORDER BY rev LIMIT 1 OFFSET ?"


def _revs_params(catalog: Catalog, account: Account, after: int, until: int, offset: int) -> tuple[Any, ...]:
    bounds = (after, until)
    return (*bounds * (len(catalog) + 2), *bounds, *_visible_params(account), *bounds, account.id, offset)


def changes_page(db: Database, account: Account, after: int, limit: int) -> ChangesPage:
    with db.transaction() as tx:
        server_rev = current_rev(tx)
        if after > server_rev:  # never a page of ours: answered empty, the device would skip what comes
            raise ApiError(
                ErrorCode.malformed_request,
                "This device has pulled up to revision {after}, but the server's latest is {server_rev}: the "
                "server was restored from an older copy or is another server. Tell the administrator.",
                status=409,
                details={"server_rev": server_rev},
                after=after,
                server_rev=server_rev,
            )
        if after == server_rev:
            return ChangesPage(after=after, until=after, more=False, server_rev=server_rev)
        catalog = catalog_of(tx)
        revs = _revs_sql(catalog)
        last = tx.scalar(revs, _revs_params(catalog, account, after, server_rev, limit - 1))
        until = server_rev if last is None else int(last)
        more = until < server_rev and tx.scalar(revs, _revs_params(catalog, account, until, server_rev, 0)) is not None
        return ChangesPage(
            after=after,
            until=until,
            more=more,
            server_rev=server_rev,
            layer_revisions=revisions_in_range(tx, after, until),
            features=_features(tx, catalog, after, until),
            conflicts=_conflicts(tx, account, "rev > ? AND rev <= ?", (after, until)),
            rejections=_rejections(tx, account, after, until),
        )


def _features(tx: Tx, catalog: Catalog, after: int, until: int) -> list[FeatureState]:
    found = []
    for schema in catalog.values():
        rows = features.live_in_range(tx, schema, after, until)
        attachments = features.attachments_of(tx, schema.name, [uuid for uuid, _, _ in rows])
        found += [
            FeatureState(
                layer=schema.name,
                uuid=uuid,
                rev=rev,
                fields=fields,
                attachments=attachments.get(uuid, []),
                changed_by=fields.get("updated_by"),
                changed_at=fields.get("updated_at"),
            )
            for uuid, rev, fields in rows
        ]
    for layer, uuid, rev, by, at in features.tombstones_in_range(tx, after, until):
        found.append(FeatureState(layer=layer, uuid=uuid, rev=rev, deleted=True, changed_by=by, changed_at=at))
    return sorted(found, key=lambda state: state.rev)


def conflict_record(row: tuple[Any, ...]) -> ConflictRecord:
    (
        id_,
        rev,
        layer,
        uuid,
        field,
        base,
        theirs,
        mine,
        _author_id,
        author,
        device_id,
        changeset_id,
        _branch,
        created_at,
        resolved,
        resolved_by,
        resolution,
        _creator,
    ) = row
    return ConflictRecord(
        id=id_,
        rev=rev,
        layer=layer,
        uuid=uuid,
        field=field,
        base=json.loads(base),
        theirs=json.loads(theirs),
        mine=json.loads(mine),
        author=author,
        device_id=device_id,
        changeset_id=changeset_id,
        created_at=created_at,
        resolved=bool(resolved),
        resolved_by=resolved_by,
        resolution=resolution,
    )


def _conflicts(tx: Tx, account: Account, where: str, params: tuple[Any, ...]) -> list[ConflictRecord]:
    rows = tx.query(
        f"SELECT {CONFLICT_COLUMNS} FROM baytak_conflicts WHERE {where} AND {_CONFLICT_VISIBLE} ORDER BY rev, id",
        (*params, *_visible_params(account)),
    )
    return [conflict_record(row) for row in rows]


def _rejections(tx: Tx, account: Account, after: int, until: int) -> list[Rejection]:
    rows = tx.query(
        "SELECT id, rev, layer, uuid, author, changeset_id, error, created_at FROM baytak_rejections "
        "WHERE rev > ? AND rev <= ? AND author_id = ? ORDER BY rev",
        (after, until, account.id),
    )
    return [
        Rejection(
            id=r[0],
            rev=r[1],
            layer=r[2],
            uuid=r[3],
            author=r[4],
            changeset_id=r[5],
            error=ErrorBody.model_validate_json(r[6]),
            created_at=r[7],
        )
        for r in rows
    ]


def list_conflicts(db: Database, account: Account, only_open: bool) -> list[ConflictRecord]:
    with db.transaction() as tx:
        return _conflicts(tx, account, "resolved = 0" if only_open else "1 = 1", ())


def feature_history(db: Database, layer: str, uuid: str) -> list[FeatureState]:
    """Every revision of one feature; a layer this server does not have holds no feature (404)."""
    with db.transaction() as tx:
        rows = features.history(tx, layer, uuid) if layer in catalog_of(tx) else []
    if not rows:
        raise ApiError(ErrorCode.not_found, "No feature {uuid} in layer {layer}.", uuid=uuid, layer=layer)
    return [
        FeatureState(
            layer=layer,
            uuid=uuid,
            rev=rev,
            deleted=deleted,
            fields=state,
            attachments=attachments,
            changed_by=by,
            changed_at=at,
        )
        for rev, deleted, state, attachments, by, at in rows
    ]
