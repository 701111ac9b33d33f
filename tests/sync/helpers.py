"""Builders shared by the sync tests: server states and answers as the wire models carry them."""

from __future__ import annotations

import uuid as uuidlib
from typing import Any

import shapely

from baytak_desktop.store import Store
from baytak_desktop.sync import outbox
from baytak_desktop.sync.protocol import ChangesetResult, ChangesPage, FeatureState
from baytak_desktop.sync.settle import settle

LAYER = "brick_factories"


def state(uuid: str, rev: int, deleted: bool = False, x: float = 76.9, y: float = 43.2, **fields: Any) -> FeatureState:
    values = {
        "branch": None,
        "name": "Besagash brick works",
        "status": "closed",
        "operator": None,
        "closed_on": None,
        "emissions_note": None,
        "observed_on": None,
        "notes": None,
        "created_at": "2024-05-01T10:00:00.000Z",
        "created_by": "aigerim",
        "updated_at": "2024-05-01T10:00:00.000Z",
        "updated_by": "aigerim",
        "geom": shapely.to_wkb(shapely.Point(x, y), hex=True),
        **fields,
    }
    return FeatureState(layer=LAYER, uuid=uuid, rev=rev, deleted=deleted, fields={} if deleted else values)


def page(after: int, until: int, *states: FeatureState, more: bool = False, **extra: Any) -> ChangesPage:
    return ChangesPage(after=after, until=until, more=more, server_rev=until, features=list(states), **extra)


def new_id() -> str:
    return str(uuidlib.uuid4())


def seal(store: Store) -> list[outbox.Sealed]:
    with store.session() as conn:
        return outbox.seal(conn, store.device_id)


def answer(sealed: outbox.Sealed, outcome: str = "applied", rev: int = 1, **per_uuid: str) -> ChangesetResult:
    results = [
        {
            "layer": c["layer"],
            "uuid": c["uuid"],
            "outcome": per_uuid.get(c["uuid"], outcome),
            "rev": None if per_uuid.get(c["uuid"], outcome) == "rejected" else rev,
            "error": {"code": "forbidden", "message": "not your branch"}
            if per_uuid.get(c["uuid"], outcome) == "rejected"
            else None,
        }
        for c in sealed.body()["changes"]
    ]
    return ChangesetResult(changeset_id=sealed.changeset_id, server_rev=rev, results=results)


def settle_all(store: Store, outcome: str = "applied", rev: int = 1, **per_uuid: str) -> None:
    for sealed in outbox.outbox(store.conn):
        with store.session() as conn:
            settle(conn, sealed, answer(sealed, outcome, rev, **per_uuid))


def net(store: Store) -> dict[str, tuple[str, set[str]]]:
    return {c.uuid: (c.op, set(c.fields)) for c in store.changes(LAYER)}
