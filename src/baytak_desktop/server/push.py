"""A push: one changeset applied in one transaction, change by change.

Revisions are allocated only with the revision counter row locked, and the lock is held until the
push commits, so pushes commit in revision order: a reader that sees revision N has seen every
revision below it. A known ``changeset_id`` is answered from the audit log (replayed, nothing
changes). Each change is checked (layer, fields, rights, values) and merged on its own: a refused
change becomes a rejection record and the other changes still apply. The layers are the server's
catalog (built-in and published ones alike); the values are checked with it before the lock, and
checked again under the lock in the rare case that a layer was published in between (a publication
takes the same lock).

**Planned before the lock.** Holding the lock while thousands of changes are judged made a burst of
big pushes wait for each other's Python. So a push is first *planned* outside the lock: in one read
snapshot (the counter at revision S and the features as of S) every change is judged and its rows
are built, with revisions counted from the push's own start (``PlannedRev``) and nothing written.
Then, with the counter locked at revision C, the plan holds if no feature it touches has a revision
above S (one indexed query per layer; none at all when C = S): those features are exactly as
planned on, so the same judgements follow. Its revisions are then placed after C, its rows written
together and the counter moved on before the commit; the lock is held for writing, not for judging.
A plan that meets what needs the database to judge (a conflict record, attachment links, a review in
the audit log, one feature changed twice) or a changed feature is dropped, and the push is judged
under the lock as before. On SQLite too: its one writer holds the lock for less time, so fewer pushes
of a burst are answered "busy" (measured: bench/README.md).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from baytak_desktop.layers import Catalog, LayerSchema
from baytak_desktop.layers.canonical import shown
from baytak_desktop.layers.demo_identity import is_demo_uuid, is_illustrative
from baytak_desktop.layers.review import added_marks, reviewers_named
from baytak_desktop.server import audit, features
from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.batch import Batch, PlannedRev
from baytak_desktop.server.catalog import catalog_of
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.db.base import Row
from baytak_desktop.server.door import Checked, check_all, check_change
from baytak_desktop.server.features import Stamp
from baytak_desktop.server.merge import (
    WHOLE_FEATURE,
    Action,
    Decision,
    FieldConflict,
    ServerFeature,
    as_json_text,
    decide,
)
from baytak_desktop.server.plain import PlainInserts
from baytak_desktop.server.rights import Write, push_refusal, write_refusal
from baytak_desktop.server.settings import ServerSettings, iso, parse_iso
from baytak_desktop.server.values import GEOM, check_attachment_sizes
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

# A whole-feature conflict keeps the losing side's attachment changes beside its fields, under names
# no field can have, so that keeping "mine" restores the photos too.
ATTACHMENTS_ADDED = "@attachments_added"
ATTACHMENTS_REMOVED = "@attachments_removed"


class Revisions:
    """The server's revision counter, locked for the whole transaction that allocates from it; with
    no transaction, a planned push's own revisions, counted from 0 (``PlannedRev``)."""

    def __init__(self, tx: Tx | None) -> None:
        self.tx = tx
        self.start = self.current = (
            0 if tx is None else int(tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1" + tx.dialect.for_update))
        )

    def next(self) -> int:
        self.current += 1
        return self.current if self.tx is not None else PlannedRev(self.current)

    def save(self) -> None:
        if self.current != self.start:
            assert self.tx is not None
            self.tx.execute("UPDATE baytak_counter SET rev = ? WHERE id = 1", (self.current,))


class NeedsLock(Exception):
    """A planned push met something it can only judge by reading or writing the database."""


class Unplanned(Tx):
    """The transaction a push is planned in: there is none, and any statement gives up the plan."""

    def __init__(self, db: Database) -> None:
        self.dialect = db.dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        raise NeedsLock

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NeedsLock

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]:
        raise NeedsLock


@dataclass
class Push:
    tx: Tx
    settings: ServerSettings
    account: Account
    changeset: ChangesetIn
    revisions: Revisions
    now: str
    catalog: Catalog  # the server's layers, read once the counter is locked (no publication meanwhile)
    results: list[ChangeResult] = field(default_factory=list)
    known: dict[tuple[str, str], ServerFeature | None] = field(default_factory=dict)  # prefetched, used once
    links: dict[tuple[str, str], list[AttachmentRef]] = field(default_factory=dict)  # prefetched, used once
    rejection_rev: int | None = None  # every rejection of one changeset shares one revision
    rejections_recorded: int = 0
    batch: Batch = field(init=False)

    def __post_init__(self) -> None:
        self.batch = Batch(self.tx)

    def server_feature(self, schema: LayerSchema, uuid: str) -> ServerFeature | None:
        """The prefetched state the first time a feature is met; later (it may have changed) from the DB,
        after the writes gathered so far."""
        key = (schema.name, uuid)
        if key in self.known:
            return self.known.pop(key)
        return features.load(self.batch, schema, uuid)

    def prefetch(self) -> dict[str, list[str]]:
        """Read every feature the push names (and its attachments); returns the uuids per layer, a
        uuid named twice listed twice."""
        wanted: dict[str, list[str]] = {}
        for change in self.changeset.changes:
            if change.layer in self.catalog:
                wanted.setdefault(change.layer, []).append(str(change.uuid))
        for layer, uuids in wanted.items():
            unique = list(dict.fromkeys(uuids))
            for uuid, feature in features.load_many(self.tx, self.catalog.layer(layer), unique).items():
                self.known[(layer, uuid)] = feature
            found = features.attachments_of(self.tx, layer, unique)
            self.links.update({(layer, uuid): found.get(uuid, []) for uuid in unique})
        return wanted

    def attachments(self, layer: str, uuid: str, linked: bool) -> list[AttachmentRef] | None:
        """The feature's attachments as prefetched, the first time and when this change linked none;
        otherwise None: read them (after the gathered writes)."""
        known = self.links.pop((layer, uuid), None)
        return None if linked else known

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.account.username, self.now, str(self.changeset.changeset_id))


@dataclass
class Plan:
    """A push judged before the lock, as of server revision ``since`` (see the module's docstring)."""

    since: int
    catalog: Catalog
    state: Push
    wanted: dict[str, list[str]]  # layer -> the uuids the push touches


def push(db: Database, settings: ServerSettings, account: Account, changeset: ChangesetIn) -> ChangesetResult:
    refusal = push_refusal(account)
    if refusal is not None:
        raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)
    with db.transaction() as tx:
        catalog = catalog_of(tx)
    checked = check_all(catalog, changeset.changes)  # before the lock: it needs only the server's layers
    planned = plan(db, settings, account, changeset, catalog, checked)
    return commit(db, settings, account, changeset, catalog, checked, planned)


def plan(
    db: Database,
    settings: ServerSettings,
    account: Account,
    changeset: ChangesetIn,
    catalog: Catalog,
    checked: list[Checked | ApiError],
) -> Plan | None:
    """The push judged on one snapshot, its rows built and nothing written; None when it cannot be
    judged without the database (it is then judged under the lock)."""
    with db.transaction() as tx:  # one snapshot: the counter and the features as of one revision
        since = int(tx.scalar("SELECT rev FROM baytak_counter WHERE id = 1"))
        if catalog_of(tx).revision != catalog.revision:
            return None
        state = Push(tx, settings, account, changeset, Revisions(None), settings.now_text(), catalog)
        wanted = state.prefetch()
    if any(len(uuids) != len(set(uuids)) for uuids in wanted.values()):
        return None  # a feature changed twice: the second change reads what the first wrote
    state.tx = Unplanned(db)
    state.batch = Batch(state.tx)
    plain = PlainInserts(state)  # new features judged here, their rows built together (server.plain)
    try:
        for change, check in zip(changeset.changes, checked, strict=True):
            if not plain.take(change, check):
                state.results.append(_apply_or_reject(state, change, check))
    except NeedsLock:
        return None
    plain.build()
    return Plan(since, catalog, state, wanted)


def commit(
    db: Database,
    settings: ServerSettings,
    account: Account,
    changeset: ChangesetIn,
    catalog: Catalog,
    checked: list[Checked | ApiError],
    planned: Plan | None,
) -> ChangesetResult:
    """Lock the counter and write the push: the plan placed after the counter when it still holds,
    else every change judged here (``checked`` by the door with ``catalog``)."""
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
            return _replayed(changeset, ChangesetResult.model_validate_json(stored[1]))
        _require_blobs(tx, changeset)
        _check_refusal_budget(tx, settings, account)
        locked = catalog_of(tx)
        if planned is not None and locked.revision == planned.catalog.revision and _holds(tx, planned, revisions):
            state = _place(tx, planned, revisions)
        else:
            if locked.revision != catalog.revision:  # a layer was published meanwhile: check with what it adds
                checked = check_all(locked, changeset.changes)
            state = Push(tx, settings, account, changeset, revisions, settings.now_text(), locked)
            state.prefetch()
            for change, check in zip(changeset.changes, checked, strict=True):
                state.results.append(_apply_or_reject(state, change, check))
            state.batch.flush()
        revisions.save()
        result = ChangesetResult(
            changeset_id=changeset.changeset_id, server_rev=revisions.current, results=state.results
        )
        _audit(state, result)
        return result


def _replayed(changeset: ChangesetIn, stored: ChangesetResult) -> ChangesetResult:
    """The stored answer to a changeset sent again; a changeset id reused for other changes is refused,
    since answering it with the first one's results would tell its device they were applied."""
    sent = [(change.layer, change.uuid) for change in changeset.changes]
    if sent != [(result.layer, result.uuid) for result in stored.results]:
        raise ApiError(
            ErrorCode.malformed_request,
            "Changeset {id} was received before with other changes ({count}); give new changes a new changeset id.",
            status=409,
            id=str(changeset.changeset_id),
            count=len(stored.results),
        )
    return stored.model_copy(update={"replayed": True})


def _holds(tx: Tx, planned: Plan, revisions: Revisions) -> bool:
    """No feature the plan touches has a revision above the one it was planned at (live or deleted)."""
    if revisions.current == planned.since:
        return True
    for layer, uuids in planned.wanted.items():
        for condition, part in tx.dialect.member_of("uuid", uuids):
            if tx.one(f'SELECT 1 FROM "{layer}" WHERE rev > ? AND {condition} LIMIT 1', (planned.since, *part)):
                return False
            if tx.one(
                f"SELECT 1 FROM baytak_tombstones WHERE layer = ? AND rev > ? AND {condition} LIMIT 1",
                (layer, planned.since, *part),
            ):
                return False
    return True


def _place(tx: Tx, planned: Plan, revisions: Revisions) -> Push:
    """Write a plan that holds: its revisions after the locked counter's, its results renumbered."""
    state, start = planned.state, revisions.current
    count = state.revisions.current
    state.tx, state.revisions = tx, revisions
    state.batch.tx = tx
    state.batch.flush(start)
    revisions.current += count
    written = (Outcome.applied, Outcome.merged)  # a planned push's only outcomes with a new revision
    for result in state.results:
        if result.outcome in written and result.rev is not None:
            # the plan's own results, not yet shared with anyone: only the revision moves (the model is
            # frozen for everyone else; a copy per change cost a tenth of a push's CPU)
            result.__dict__["rev"] = start + result.rev
    return state


def _check_refusal_budget(tx: Tx, settings: ServerSettings, account: Account) -> None:
    """An account whose pushes had more than ``max_refused_changes`` changes refused within the window
    is answered 429 until the window moves on: refused changes cost the server writes too."""
    since = iso(settings.clock() - dt.timedelta(seconds=settings.refused_window_seconds))
    row = tx.one(
        "SELECT coalesce(sum(rejected), 0), min(received_at) FROM baytak_changesets "
        "WHERE user_id = ? AND received_at > ? AND rejected > 0",
        (account.id, since),
    )
    refused = 0 if row is None else int(row[0])
    if refused < settings.max_refused_changes or row is None:
        return
    wait = parse_iso(row[1]) + dt.timedelta(seconds=settings.refused_window_seconds) - settings.clock()
    seconds = max(1, math.ceil(wait.total_seconds()))
    raise ApiError(
        ErrorCode.rate_limited,
        "The server refused {count} of your changes within the last {minutes} minutes; see why, fix "
        "them, and sync again in {seconds} s.",
        details={"retry_after": seconds},
        count=refused,
        minutes=settings.refused_window_seconds // 60,
        seconds=seconds,
    )


def _require_blobs(tx: Tx, changeset: ChangesetIn) -> None:
    """Refuse the whole changeset while an attachment it names is not on the server: the client
    uploads it and resends the same changeset_id."""
    refs = [ref for change in changeset.changes for ref in change.attachments_added]
    sizes = features.complete_blob_sizes(tx, sorted({ref.sha256 for ref in refs}))
    missing = sorted({ref.sha256 for ref in refs} - sizes.keys())
    if missing:
        raise ApiError(
            ErrorCode.missing_blob,
            "Upload the attachments first ({count} missing), then send the same changeset again.",
            details={"missing": missing},
            count=len(missing),
        )
    check_attachment_sizes(refs, sizes)


def _apply_or_reject(state: Push, change: ChangeIn, checked: Checked | ApiError) -> ChangeResult:
    try:
        return _apply(state, change, checked)
    except ApiError as error:
        body = error.body()
        _record_rejection(state, change, body.model_dump_json())
        return ChangeResult(layer=shown(change.layer), uuid=change.uuid, outcome=Outcome.rejected, error=body)


def _record_rejection(state: Push, change: ChangeIn, error: str) -> None:
    """A rejection in its author's pull feed. The rejections of one changeset share one revision, and
    at most ``max_rejections_recorded`` go to the feed (the pushing device has every one in its
    answer): a refused push cannot make the server write without bound."""
    if state.rejections_recorded >= state.settings.max_rejections_recorded:
        return
    if state.rejection_rev is None:
        state.rejection_rev = state.revisions.next()
    state.rejections_recorded += 1
    state.batch.execute(
        "INSERT INTO baytak_rejections (rev, layer, uuid, author_id, author, changeset_id, error, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            state.rejection_rev,
            shown(change.layer),
            str(change.uuid),
            state.account.id,
            state.account.username,
            str(state.changeset.changeset_id),
            error,
            state.now,
        ),
    )


def _apply(state: Push, change: ChangeIn, checked: Checked | ApiError) -> ChangeResult:
    """Judge the checked change on the server's feature (rights on the values as they will be stored,
    then the merge) and write it."""
    _refuse_demo(change)
    uuid = str(change.uuid)
    server = state.server_feature(checked.schema, uuid) if isinstance(checked, Checked) else None
    if isinstance(checked, ApiError):
        if change.op is not Op.insert or change.layer not in state.catalog:
            raise checked
        server = state.server_feature(state.catalog.layer(change.layer), uuid)
        if server is None:
            raise checked
        checked = check_change(state.catalog, change, whole=False)  # an insert the server has: an update
    schema, written, derived = checked.schema, checked.written, checked.derived
    refusal = write_refusal(state.account, Write(schema, None if server is None else server.fields, written))
    if refusal is not None:
        raise ApiError(ErrorCode.forbidden, "Not allowed: {reason}.", reason=refusal)
    decision = decide(change.op, server, checked.changes, change.base_rev)
    if decision.action is Action.missing:
        raise ApiError(
            ErrorCode.not_found,
            "The server has no feature {uuid} in {layer} to update; send it as an insert.",
            uuid=uuid,
            layer=schema.name,
        )
    result = _carry_out(state, schema, change, server, decision, derived)
    _audit_review(state, schema, change, server, written, result)
    return result


def _refuse_demo(change: ChangeIn) -> None:
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
            layer=shown(change.layer),
        )


def _audit_review(
    state: Push,
    schema: LayerSchema,
    change: ChangeIn,
    server: ServerFeature | None,
    written: dict[str, Value],
    result: ChangeResult,
) -> None:
    """A change that records a review (a mark in the notes, a status set to verified) is audited as one."""
    before = None if server is None else server.fields
    if result.outcome is Outcome.unchanged or reviewers_named(schema, before, written) is None:
        return
    verdicts = [verdict for verdict, _, _, _ in added_marks((before or {}).get("notes"), written.get("notes"))]
    audit.record(
        state.tx,
        audit.Event(
            audit.AuditAction.review,
            state.account,
            state.now,
            claimed_device_id=str(state.changeset.device_id),
            changeset_id=str(state.changeset.changeset_id),
            layer=schema.name,
            uuid=str(change.uuid),
            rev=result.rev,
            details={"verdicts": verdicts or ["verified"]},
        ),
    )


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
    conflict_ids = [
        _record_conflict(state, schema, uuid, server, _with_attachments(c, change), new_rev) for c in decision.conflicts
    ]
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
    tx, stamp = state.batch, state.stamp
    touched: dict[str, Value] = {"updated_at": stamp.at, "updated_by": stamp.username}
    attachments = state.attachments(schema.name, uuid, linked)
    if decision.action is Action.create:
        values = {**decision.apply, **derived, **touched, "created_at": stamp.at, "created_by": stamp.username}
        features.insert(tx, schema, uuid, rev, values)
        features.record_history(tx, schema, uuid, rev, _full(schema, values), stamp, attachments)
        return
    assert server is not None
    if decision.action is Action.delete:
        features.delete(tx, schema, uuid, rev, server.fields, stamp)
        features.record_history(tx, schema, uuid, rev, None, stamp, attachments)
        return
    values = {**decision.apply, **(derived if GEOM in decision.apply else {}), **touched}
    features.update(tx, schema, uuid, rev, values)
    features.record_history(tx, schema, uuid, rev, {**server.fields, **values}, stamp, attachments)


def _with_attachments(conflict: FieldConflict, change: ChangeIn) -> FieldConflict:
    """A whole-feature conflict whose losing side keeps the feature ("mine" is its fields) keeps that
    side's attachment changes too: nothing of it is dropped, and keeping "mine" links them."""
    added, removed = change.attachments_added, change.attachments_removed
    if conflict.field != WHOLE_FEATURE or not isinstance(conflict.mine, str) or not (added or removed):
        return conflict
    mine = json.loads(conflict.mine)
    if added:
        mine[ATTACHMENTS_ADDED] = [ref.model_dump(mode="json") for ref in added]
    if removed:
        mine[ATTACHMENTS_REMOVED] = list(removed)
    return FieldConflict(conflict.field, conflict.base, conflict.theirs, as_json_text(mine))


def _full(schema: LayerSchema, values: dict[str, Value]) -> dict[str, Value]:
    return {name: values.get(name) for name in features.columns(schema)}


def _record_conflict(
    state: Push, schema: LayerSchema, uuid: str, server: ServerFeature | None, conflict: FieldConflict, rev: int | None
) -> int:
    branch = None if server is None else server.fields.get("branch")
    creator = None if server is None else server.fields.get("created_by")
    row = state.tx.one(
        "INSERT INTO baytak_conflicts (rev, layer, uuid, field, base, theirs, mine, author_id, author, device_id, "
        "changeset_id, branch, created_at, creator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
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
            state.account.device_id or str(state.changeset.device_id),  # the token's device; off the wire, the claim
            str(state.changeset.changeset_id),
            branch,
            state.now,
            creator,
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
    audit.record(
        state.tx,
        audit.Event(
            audit.AuditAction.push,
            state.account,
            state.now,
            claimed_device_id=str(state.changeset.device_id),
            changeset_id=str(state.changeset.changeset_id),
            rev=result.server_rev,
        ),
    )
