"""Settling a conflict from this device: the server applies the kept value as a new revision (so
every device gets it on its next pull), then this store pulls it."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.credentials import Credentials
from baytak_desktop.sync.engine import SyncResult, pull
from baytak_desktop.sync.errors import ConflictUnknown, ServerRefused, SyncError
from baytak_desktop.sync.protocol import ConflictRecord, ResolveRequest
from baytak_desktop.sync.session import ClientOptions, open_client, refuse_demo, signed_in


class AlreadyResolved(SyncError):
    template = "Conflict {id} was already resolved on the server; baytak sync {store} brings its outcome."


def resolve(
    store_path: str | Path,
    conflict_id: int,
    keep: Literal["mine", "theirs"],
    credentials: Credentials | None = None,
    progress: Progress | None = None,
    options: ClientOptions | None = None,
) -> ConflictRecord:
    """Keep the conflict author's value ("mine") or the server's ("theirs"), then pull."""
    progress = progress or NullProgress()
    with Store.open(store_path) as store:
        refuse_demo(store)  # before asking for a sign-in: a demo store never syncs
        credentials = credentials or signed_in(store)
        with open_client(store, credentials, options) as client:
            progress.update(0.1, Phase("Resolving conflict {id}…", id=conflict_id))
            body = ResolveRequest(keep=keep).model_dump(mode="json")
            try:
                record = client.read(
                    "POST", f"/conflicts/{conflict_id}/resolve", ConflictRecord.model_validate_json, json=body
                )
            except ServerRefused as exc:
                if exc.code == "conflict_already_resolved":
                    raise AlreadyResolved(id=conflict_id, store=str(store_path)) from exc
                if exc.status == 404:
                    raise ConflictUnknown(id=conflict_id, store=str(store_path)) from exc
                raise
            with store.session() as conn:
                records.save_conflicts(conn, [record])
            pull(store, client, progress, SyncResult())
    progress.update(1.0, Phase("Conflict {id} resolved", id=conflict_id))
    return record
