"""Reading and writing features in the layer tables, their tombstones, history and attachments.

A feature's state travels through the server as a dict of every field plus ``geom`` as canonical WKB
hex, the same shape as the wire's ``FeatureState.fields``. Only this module knows how that maps to
columns (and, through the dialect, to a PostGIS geometry).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from baytak_desktop.layers import LayerSchema
from baytak_desktop.server.db import Tx
from baytak_desktop.server.merge import ServerFeature
from baytak_desktop.server.values import GEOM
from baytak_desktop.sync.protocol import AttachmentRef, Value

HISTORY_COLUMNS = (
    "layer",
    "uuid",
    "rev",
    "deleted",
    "state",
    "attachments",
    "changed_by",
    "changed_at",
    "changeset_id",
)
ATTACHMENT_COLUMNS = ("sha256", "mime", "size", "original_name", "caption", "taken_at", "lat", "lon", "camera")


@dataclass(frozen=True)
class Stamp:
    """Who changed a feature, when (server clock), in which changeset: written with every revision."""

    username: str
    at: str
    changeset_id: str | None


def columns(schema: LayerSchema) -> tuple[str, ...]:
    return (*schema.field_names, GEOM)


def _select(tx: Tx, schema: LayerSchema) -> str:
    names = [f'"{name}"' for name in schema.field_names] + [tx.dialect.geom_out("geom")]
    return f'SELECT uuid, rev, {", ".join(names)} FROM "{schema.name}"'


def _booleans(schema: LayerSchema) -> frozenset[str]:
    return schema.boolean_names


def _geometry_bytes(value: Value) -> Any:
    return bytes.fromhex(value) if isinstance(value, str) else value


def _to_db(booleans: frozenset[str], name: str, value: Value) -> Any:
    """A wire value as its column takes it: geometry bytes; a yes/no field (1/0 on the wire, as in the
    GeoPackage) as a boolean, which PostgreSQL's BOOLEAN column needs and SQLite stores as 1/0."""
    if name == GEOM:
        return bytes.fromhex(value) if isinstance(value, str) else value
    if value is not None and name in booleans:
        return bool(value)
    return value


def _from_db(schema: LayerSchema, name: str, value: Any) -> Value:
    if name == GEOM:
        return bytes(value).hex().upper() if value is not None else None
    if value is not None and name in _booleans(schema):
        return int(value)
    return value  # type: ignore[no-any-return]


def state_of(schema: LayerSchema, row: tuple[Any, ...]) -> tuple[str, int, dict[str, Value]]:
    """(uuid, rev, fields) of a row selected by ``_select``."""
    return (
        row[0],
        int(row[1]),
        {name: _from_db(schema, name, value) for name, value in zip(columns(schema), row[2:], strict=True)},
    )


def load(tx: Tx, schema: LayerSchema, uuid: str, lock: bool = False) -> ServerFeature | None:
    """The live feature, else its tombstone (``deleted``, last state), else None."""
    row = tx.one(_select(tx, schema) + " WHERE uuid = ?" + (tx.dialect.for_update if lock else ""), (uuid,))
    if row is not None:
        _, rev, fields = state_of(schema, row)
        return ServerFeature(rev, fields)
    row = tx.one("SELECT rev, state FROM baytak_tombstones WHERE layer = ? AND uuid = ?", (schema.name, uuid))
    if row is not None:
        return ServerFeature(int(row[0]), json.loads(row[1]), deleted=True)
    return None


def load_many(tx: Tx, schema: LayerSchema, uuids: list[str]) -> dict[str, ServerFeature | None]:
    """``load`` for many uuids in a few queries (a 10,000-change push must not pay 20,000 round trips
    to PostgreSQL); a uuid the server does not have maps to None."""
    found: dict[str, ServerFeature | None] = dict.fromkeys(uuids)
    if not uuids:
        return found
    for condition, part in tx.dialect.member_of("uuid", uuids):
        for row in tx.query(_select(tx, schema) + f" WHERE {condition}", part):
            uuid, rev, fields = state_of(schema, row)
            found[uuid] = ServerFeature(rev, fields)
        for uuid, rev, state in tx.query(
            f"SELECT uuid, rev, state FROM baytak_tombstones WHERE layer = ? AND {condition}", (schema.name, *part)
        ):
            found[uuid] = ServerFeature(int(rev), json.loads(state), deleted=True)
    return found


def live_in_range(tx: Tx, schema: LayerSchema, after: int, until: int) -> list[tuple[str, int, dict[str, Value]]]:
    rows = tx.query(_select(tx, schema) + " WHERE rev > ? AND rev <= ? ORDER BY rev", (after, until))
    return [state_of(schema, row) for row in rows]


def insert(tx: Tx, schema: LayerSchema, uuid: str, rev: int, fields: Mapping[str, Value]) -> None:
    """A new row (through a ``Batch``, gathered with the push's other new rows of the same columns)."""
    names = tuple(name for name in columns(schema) if name in fields)
    booleans = _booleans(schema)
    if booleans:
        row = (uuid, rev, *(_to_db(booleans, name, fields[name]) for name in names))
    else:  # a push's many new rows: only the geometry changes form
        row = (uuid, rev, *(_geometry_bytes(fields[name]) if name == GEOM else fields[name] for name in names))
    tx.insert_rows(schema.name, ("uuid", "rev", *names), [row], geometry=GEOM)


def update(tx: Tx, schema: LayerSchema, uuid: str, rev: int, fields: Mapping[str, Value]) -> None:
    names = [name for name in columns(schema) if name in fields]
    sets = [f'"{name}" = ' + (tx.dialect.geom_in() if name == GEOM else "?") for name in names]
    booleans = _booleans(schema)
    tx.execute(
        f'UPDATE "{schema.name}" SET rev = ?, {", ".join(sets)} WHERE uuid = ?',
        (rev, *(_to_db(booleans, n, fields[n]) for n in names), uuid),
    )


def delete(tx: Tx, schema: LayerSchema, uuid: str, rev: int, last_state: Mapping[str, Value], stamp: Stamp) -> None:
    """Remove the row from the layer table and keep its last state as a tombstone, so an edit that
    conflicts with the deletion can restore it."""
    tx.execute(f'DELETE FROM "{schema.name}" WHERE uuid = ?', (uuid,))
    tx.execute(
        "INSERT INTO baytak_tombstones (layer, uuid, rev, state, deleted_by, deleted_at) VALUES (?, ?, ?, ?, ?, ?)",
        (schema.name, uuid, rev, json.dumps(dict(last_state), ensure_ascii=False), stamp.username, stamp.at),
    )


def restore(tx: Tx, schema: LayerSchema, uuid: str, rev: int, fields: Mapping[str, Value]) -> None:
    tx.execute("DELETE FROM baytak_tombstones WHERE layer = ? AND uuid = ?", (schema.name, uuid))
    insert(tx, schema, uuid, rev, fields)


def tombstones_in_range(tx: Tx, after: int, until: int) -> list[tuple[str, str, int, str, str]]:
    """(layer, uuid, rev, deleted_by, deleted_at) of deletions with a revision in (after, until]."""
    return [
        (str(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]))
        for row in tx.query(
            "SELECT layer, uuid, rev, deleted_by, deleted_at FROM baytak_tombstones WHERE rev > ? AND rev <= ? "
            "ORDER BY rev",
            (after, until),
        )
    ]


def record_history(
    tx: Tx,
    schema: LayerSchema,
    uuid: str,
    rev: int,
    state: Mapping[str, Value] | None,
    stamp: Stamp,
    attachments: list[AttachmentRef] | None = None,
) -> None:
    """One row per revision (``state`` None for a deletion): the feature's whole story. ``attachments``
    when the caller knows them (a new feature), else they are read."""
    if attachments is None:
        attachments = attachments_of(tx, schema.name, [uuid]).get(uuid, [])
    links = json.dumps([a.model_dump(mode="json") for a in attachments]) if attachments else "[]"
    tx.insert_rows(
        "baytak_history",
        HISTORY_COLUMNS,
        [
            (
                schema.name,
                uuid,
                rev,
                int(state is None),
                json.dumps(dict(state or {}), ensure_ascii=False),
                links,
                stamp.username,
                stamp.at,
                stamp.changeset_id,
            )
        ],
    )


def history(tx: Tx, layer: str, uuid: str) -> list[tuple[int, bool, dict[str, Value], list[dict[str, Any]], str, str]]:
    rows = tx.query(
        "SELECT rev, deleted, state, attachments, changed_by, changed_at FROM baytak_history "
        "WHERE layer = ? AND uuid = ? ORDER BY rev",
        (layer, uuid),
    )
    return [(int(r[0]), bool(r[1]), json.loads(r[2]), json.loads(r[3]), r[4], r[5]) for r in rows]


def attachments_of(tx: Tx, layer: str, uuids: Iterable[str]) -> dict[str, list[AttachmentRef]]:
    """Attachments per uuid, for many features in one query per 500 uuids."""
    found: dict[str, list[AttachmentRef]] = {}
    wanted = list(uuids)
    if not wanted:
        return found
    for condition, part in tx.dialect.member_of("uuid", wanted):
        rows = tx.query(
            f"SELECT uuid, {', '.join(ATTACHMENT_COLUMNS)} FROM baytak_attachments WHERE layer = ? AND "
            f"{condition} ORDER BY sha256",
            (layer, *part),
        )
        for row in rows:
            found.setdefault(row[0], []).append(AttachmentRef(**dict(zip(ATTACHMENT_COLUMNS, row[1:], strict=True))))
    return found


def complete_blob_sizes(tx: Tx, wanted: list[str]) -> dict[str, int]:
    """The size of each blob of ``wanted`` that is complete on the server (the others are left out)."""
    sizes: dict[str, int] = {}
    for condition, part in tx.dialect.member_of("sha256", wanted) if wanted else ():
        query = f"SELECT sha256, total FROM baytak_blobs WHERE complete = 1 AND {condition}"
        sizes |= {row[0]: int(row[1]) for row in tx.query(query, part)}
    return sizes


def change_attachments(tx: Tx, layer: str, uuid: str, added: list[AttachmentRef], removed: list[str]) -> bool:
    """Add and remove links (sets: adding twice or removing a missing one is no change); True if any."""
    changed = False
    for ref in added:
        values = ref.model_dump()
        changed |= (
            tx.execute(
                f"INSERT INTO baytak_attachments (layer, uuid, {', '.join(ATTACHMENT_COLUMNS)}) VALUES (?, ?, "
                f"{', '.join('?' * len(ATTACHMENT_COLUMNS))}) ON CONFLICT (layer, uuid, sha256) DO NOTHING",
                (layer, uuid, *(values[c] for c in ATTACHMENT_COLUMNS)),
            )
            > 0
        )
    for sha256 in removed:
        changed |= (
            tx.execute(
                "DELETE FROM baytak_attachments WHERE layer = ? AND uuid = ? AND sha256 = ?", (layer, uuid, sha256)
            )
            > 0
        )
    return changed
