"""The sync engine: plain functions taking a Progress, so the CLI, the UI (on a worker thread) and the
tests all run the same code.

``sync`` pushes, then pulls. All its state lives in the store, written in short transactions, so a
process killed at any point resumes on the next run:

- sealed but not sent, or sent but the answer never settled: the outbox still holds the changeset
  and the same body is sent again; the server answers a known changeset_id with its stored result;
- a pulled page is applied in one transaction together with the new pull position, so a page is
  applied fully or not at all, and the next run asks from where the store says it stopped.

Once each transaction commits, the store's events say what it changed: the journal after sealing and
settling, the pulled layers (and the journal) after each page. A caller that shows the store passes
its ``StoreEvents`` to ``sync``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

from pydantic import BaseModel

from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.store import Store
from baytak_desktop.store.attachments import attachment_bytes
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.events import StoreEvents
from baytak_desktop.store.lockwait import waits_reported
from baytak_desktop.sync import outbox, slices
from baytak_desktop.sync.apply import apply_page, missing_blobs
from baytak_desktop.sync.client import SyncClient
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.sync.errors import ServerRefused
from baytak_desktop.sync.protocol import (
    DEFAULT_PAGE,
    ChangeResult,
    ChangesetResult,
    ChangesPage,
    ConflictRecord,
    ErrorBody,
    ErrorCode,
    FeatureState,
    Outcome,
    Rejection,
)
from baytak_desktop.sync.records import said_template
from baytak_desktop.sync.session import ClientOptions, open_client, refuse_demo, signed_in
from baytak_desktop.sync.settle import settle

MISSING_BLOB_ROUNDS = 3
HELD_STATUSES = (403, 422)  # a whole changeset refused for good: its changes are held, not resent forever
# The big arrays of the server's answers, validated a slice at a time (see sync.slices: the UI thread
# must get the GIL between slices while a sync runs on a worker thread).
PAGE_ARRAYS: dict[str, type[BaseModel]] = {
    "features": FeatureState,
    "conflicts": ConflictRecord,
    "rejections": Rejection,
}
RESULT_ARRAYS: dict[str, type[BaseModel]] = {"results": ChangeResult}


@dataclass
class SyncResult:
    """What one sync did, for the CLI line, the UI's status bar and the tests."""

    pushed: int = 0  # changes the server answered for
    applied: int = 0
    merged: int = 0
    unchanged: int = 0
    conflicts: int = 0  # changes of this push that met a different value on the server
    rejected: int = 0
    held: int = 0  # changes not sent: the server would refuse their values (see baytak conflicts)
    changesets: int = 0
    blobs_uploaded: int = 0
    pulled: int = 0  # feature states applied from the server
    open_conflicts: int = 0  # conflict records in the store not resolved yet
    server_rev: int = 0
    pending: int = 0  # features with edits still waiting (made during this sync, or rejected)
    demo_withheld: int = 0  # demo features (illustrative data copied into this store) never sent

    def as_json(self) -> dict[str, int]:
        return asdict(self)


def sync(
    store_path: str | Path,
    credentials: Credentials | None = None,
    progress: Progress | None = None,
    options: ClientOptions | None = None,
    events: StoreEvents | None = None,
) -> SyncResult:
    """Push the local edits, then pull everything new from the server; ``events`` hear what changed."""
    progress = progress or NullProgress()
    options = options or ClientOptions()
    result = SyncResult()
    with Store.open(store_path, events=events) as store, waits_reported(store.lock_policy, progress) as progress:
        refuse_demo(store)  # before asking for a sign-in: a demo store never syncs
        credentials = credentials or signed_in(store)
        with open_client(store, credentials, options) as client:
            push(store, client, progress, result)
            pull(store, client, progress, result, options.page_size)
        result.open_conflicts = store.conn.execute(
            "SELECT count(*) FROM baytak_conflicts WHERE resolved = 0"
        ).fetchone()[0]
        result.pending = outbox.pending_count(store.conn)
    progress.update(1.0, Phase("Sync finished"))
    return result


def push(store: Store, client: SyncClient, progress: Progress, result: SyncResult) -> None:
    """Send what an interrupted run left in the outbox, then seal the current edits once and send them.
    Edits made from here on stay pending for the next sync."""
    for sealed in outbox.outbox(store.conn):
        send(store, client, sealed, progress, result)
    progress.update(0.02, Phase("Preparing your edits…"))
    held: list[tuple[str, str]] = []
    with store.session() as conn:
        sealed_now = outbox.seal(conn, store.device_id, held=held)
        result.demo_withheld = len(outbox.demo_pending(conn))
        store.announce(store.events.journal_changed)
    result.held += len(held)
    if sealed_now:
        progress.update(0.05, Phase("Changes to send: {count}", count=sum(s.changes for s in sealed_now)))
    for sealed in sealed_now:
        send(store, client, sealed, progress, result)


def send(store: Store, client: SyncClient, sealed: outbox.Sealed, progress: Progress, result: SyncResult) -> None:
    """Upload the changeset's attachments, post it (again, if need be), settle the answer."""
    body = sealed.body()
    shas = sorted({ref["sha256"] for change in body["changes"] for ref in change["attachments_added"]})
    upload(store, client, shas, progress, result)
    progress.update(0.1, Phase("Sending changes: {count}…", count=sealed.changes))
    answer = _post(store, client, sealed, progress, result)
    progress.update(0.4, Phase("Sent; reading the server's answer…"))
    with store.session() as conn:
        settle(conn, sealed, answer)
        store.announce(store.events.journal_changed)
    progress.update(0.45, Phase("The server's answer is saved"))
    result.changesets += 1
    result.pushed += len(answer.results)
    for outcome in Outcome:
        setattr(result, _COUNTERS[outcome], getattr(result, _COUNTERS[outcome]) + answer.count(outcome))


_COUNTERS = {
    Outcome.applied: "applied",
    Outcome.merged: "merged",
    Outcome.unchanged: "unchanged",
    Outcome.conflict: "conflicts",
    Outcome.rejected: "rejected",
}


def _post(
    store: Store, client: SyncClient, sealed: outbox.Sealed, progress: Progress, result: SyncResult
) -> ChangesetResult:
    headers = {"Content-Type": "application/json"}
    for round_ in range(MISSING_BLOB_ROUNDS + 1):
        try:
            content = sealed.payload.encode()
            return client.read("POST", "/changesets", _read_result, content=content, headers=headers)
        except ServerRefused as exc:
            if exc.status in HELD_STATUSES:
                return refused_whole(sealed, exc)
            if exc.code != "missing_blob" or round_ == MISSING_BLOB_ROUNDS:
                raise
            missing = exc.details.get("missing") or []
            upload(store, client, [str(sha) for sha in missing], progress, result, check_first=False)
    raise AssertionError("unreachable")


def _read_result(content: bytes) -> ChangesetResult:
    return slices.read_model(ChangesetResult, content, RESULT_ARRAYS)


def _read_page(content: bytes) -> ChangesPage:
    return slices.read_model(ChangesPage, content, PAGE_ARRAYS)


def refused_whole(sealed: outbox.Sealed, exc: ServerRefused) -> ChangesetResult:
    """The server refused the whole changeset for good (403: this account may change nothing; 422: a
    body it cannot read): every change is held here as refused, with the server's message, instead of
    the same changeset being sent first, and refused again, at every sync while nothing is pulled.
    The server's template and parameters go with the message, so each refusal is said in its reader's
    language (``records.said_template``)."""
    template, params = said_template(exc.details)
    error = ErrorBody(
        code=ErrorCode(exc.code) if exc.code in ErrorCode.__members__ else ErrorCode.forbidden,
        message=str(exc.params.get("reason") or exc.message),
        details={} if template is None or params is None else {"template": template, "params": params},
    )
    return ChangesetResult(
        changeset_id=sealed.changeset_id,
        server_rev=0,
        results=[
            ChangeResult(layer=change["layer"], uuid=change["uuid"], outcome=Outcome.rejected, error=error)
            for change in sealed.body()["changes"]
        ],
    )


def upload(
    store: Store, client: SyncClient, shas: list[str], progress: Progress, result: SyncResult, check_first: bool = True
) -> None:
    for index, sha in enumerate(shas):
        if check_first and client.has_blob(sha):
            continue
        progress.update(0.05, Phase("Sending photo {index} of {count}…", index=index + 1, count=len(shas)))
        client.upload_blob(sha, attachment_bytes(store.conn, sha))
        result.blobs_uploaded += 1


def pull(
    store: Store, client: SyncClient, progress: Progress, result: SyncResult, page_size: int = DEFAULT_PAGE
) -> None:
    """Page through the feed from the stored position; each page and its position commit together."""
    start = after = store.conn.execute("SELECT last_pulled_rev FROM baytak_sync_state").fetchone()[0]
    while True:
        page = client.read("GET", "/changes", _read_page, params={"after": after, "limit": page_size})
        blobs = {ref.sha256: client.download_blob(ref.sha256) for ref in missing_blobs(store.conn, page)}
        with store.session() as conn:
            result.pulled += apply_page(conn, page, blobs)
            if page.layer_revisions:
                store.announce(store.events.catalog_changed)
            catalog = catalog_of(conn)
            for layer in dict.fromkeys(state.layer for state in page.features if state.layer in catalog):
                store.announce(store.events.layer_changed, layer)
            store.announce(store.events.journal_changed)  # the conflicts and rejections that came with it
        result.server_rev = page.server_rev
        span = max(page.server_rev - start, 1)
        progress.update(
            0.5 + 0.5 * min((page.until - start) / span, 1.0),
            Phase("Receiving changes (revision {rev})…", rev=page.until),
        )
        if not page.more or page.until <= after:
            return
        after = page.until
