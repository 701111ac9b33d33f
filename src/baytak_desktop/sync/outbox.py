"""Sealing: the pending local edits become changesets in the outbox, in one local transaction.

Sealing fixes everything a push needs before anything is sent: the ``changeset_id`` (a UUIDv7), and
the exact JSON body. The journal rows of the sealed features are stamped with that id in the same
transaction, so:

- a retry after a lost answer, even from a new process after a crash, sends the same id and the same
  body, and the server answers with its stored result instead of applying the edits twice;
- an edit made while the push is on its way writes a new, unstamped journal row: it is not part of the
  sealed body, stays pending and goes with the next sync.

The net change of a feature is computed like ``store.changes.net_change`` (base against current row),
but for all the features of a layer at once, in one statement that also writes each change's JSON
(``payload_sql``): building the payload for 10,000 edits reads the journal and looks those features
up, so it costs about the same on a layer of 100,000 rows or 1,000,000.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import shapely

from baytak_desktop.layers import Catalog, LayerSchema, new_uuid
from baytak_desktop.layers.demo_identity import sql_is_demo
from baytak_desktop.layers.values import BAD_CHARACTER
from baytak_desktop.store import changes, journal
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.derived import refresh_unsent
from baytak_desktop.sync import payload_sql, slices, wire
from baytak_desktop.sync.hold import hold_refused
from baytak_desktop.sync.protocol import MAX_CHANGES_PER_CHANGESET, PROTOCOL_VERSION

# Half the server's default request limit (64 MiB): 20,000 big polygons would not fit in one request.
MAX_CHANGESET_BYTES = 32 * 1024 * 1024
# Below the protocol's maximum (20,000): the SQLite server took a 10,000-change changeset in ~180 MB of
# memory but went past 300 MB for 20,000 (bench/bench_sync_roundtrip.py), and a first upload of a big
# import is the same number of round trips either way.
CHANGES_PER_CHANGESET = min(10_000, MAX_CHANGES_PER_CHANGESET)


@dataclass(frozen=True)
class Sealed:
    """One changeset of the outbox: its body is sent byte for byte on every attempt."""

    seq: int
    changeset_id: str
    payload: str
    changes: int
    sent_at: str | None = None

    def body(self) -> dict[str, Any]:
        """The payload parsed (once; one change per parse call, so a 10,000-change body never holds
        the GIL for long: see sync.slices)."""
        return self._body

    @cached_property
    def _body(self) -> dict[str, Any]:
        return slices.parse_object(self.payload, frozenset({"changes"}))


def has_unsealed(conn: sqlite3.Connection) -> bool:
    """The no-edit fast path: the journal is empty after a sync, so this reads nothing."""
    return conn.execute("SELECT 1 FROM baytak_journal WHERE changeset_id IS NULL LIMIT 1").fetchone() is not None


def outbox(conn: sqlite3.Connection) -> list[Sealed]:
    """Changesets sealed earlier whose answer has not been settled yet, oldest first."""
    return [
        Sealed(*row)
        for row in conn.execute("SELECT seq, changeset_id, payload, changes, sent_at FROM baytak_outbox ORDER BY seq")
    ]


def pending_count(conn: sqlite3.Connection) -> int:
    """Features with an edit not yet accepted by the server (sealed or not): what a person calls 'my edits'."""
    return int(conn.execute("SELECT count(*) FROM (SELECT DISTINCT layer, uuid FROM baytak_journal)").fetchone()[0])


def seal(
    conn: sqlite3.Connection,
    device_id: str,
    limit: int = CHANGES_PER_CHANGESET,
    max_bytes: int = MAX_CHANGESET_BYTES,
    held: list[tuple[str, str]] | None = None,
) -> list[Sealed]:
    """Turn the unsealed edits into outbox changesets (at most ``limit`` changes and about ``max_bytes``
    of JSON each); the caller holds the session, so the stamps and the outbox rows commit together.
    A change the server would refuse is held instead (``sync.hold``), its (layer, uuid) added to
    ``held``."""
    if not has_unsealed(conn):
        return []
    catalog = catalog_of(conn)  # the store's layers: the built-in ones and those published since
    withheld = set(demo_pending(conn, catalog))
    refresh_unsent(conn, catalog)  # areas of polygons reshaped in QGIS or GDAL travel recomputed, never stale
    with lenient_text(conn):
        found = [change for schema in catalog.values() for change in build_changes(conn, schema)]
    found = [change for change in found if (change[0], change[1]) not in withheld]
    found = hold_refused(conn, catalog, found, held)
    chunks = list(_chunks(found, limit, max_bytes))
    sealed = []
    for chunk in chunks:
        changeset_id = new_uuid()
        payload = (
            f'{{"protocol":"{PROTOCOL_VERSION}","changeset_id":"{changeset_id}","device_id":"{device_id}",'
            f'"changes":[{",".join(text for _, _, text in chunk)}]}}'
        )
        (seq,) = conn.execute(
            "INSERT INTO baytak_outbox (changeset_id, payload, changes) VALUES (?, ?, ?) RETURNING seq",
            (changeset_id, payload, len(chunk)),
        ).fetchone()
        _stamp(conn, changeset_id, chunk, whole=len(chunks) == 1 and not withheld)
        sealed.append(Sealed(seq, changeset_id, payload, len(chunk)))
    return sealed


def demo_pending(conn: sqlite3.Connection, catalog: Catalog | None = None) -> list[tuple[str, str]]:
    """(layer, uuid) of demo features with an unsealed edit, in every layer of the store's ``catalog``
    (default: read it): never sealed, never sent.

    A demo feature copied into a real store (by ogr2ogr, QGIS, or a GeoJSON import that kept its uuid
    or notes) is recognised by its uuid or its notes (layers.demo_identity) and held back here; the
    server refuses it too, should a client without this check send it.
    """
    found: list[tuple[str, str]] = []
    for schema in (catalog or catalog_of(conn)).values():
        t = schema.name
        found += conn.execute(
            f'SELECT DISTINCT j.layer, j.uuid FROM baytak_journal AS j LEFT JOIN "{t}" AS f ON f.uuid = j.uuid '
            f"WHERE j.layer = ? AND j.changeset_id IS NULL AND {sql_is_demo('j.uuid', 'f.notes')}",
            (t,),
        ).fetchall()
    return found


def _chunks(found: list[tuple[str, str, str]], limit: int, max_bytes: int) -> Iterator[list[tuple[str, str, str]]]:
    """Split by count (the protocol's limit) and by size (under the server's request limit)."""
    chunk: list[tuple[str, str, str]] = []
    size = 0
    for change in found:
        if chunk and (len(chunk) >= limit or size + len(change[2]) > max_bytes):
            yield chunk
            chunk, size = [], 0
        chunk.append(change)
        size += len(change[2])
    if chunk:
        yield chunk


def _stamp(conn: sqlite3.Connection, changeset_id: str, chunk: list[tuple[str, str, str]], whole: bool) -> None:
    """Mark the sealed journal rows. Rows of a feature stamped by an earlier, settled changeset (a
    refused change, held) keep that stamp: settling treats every stamped row of a feature as sent.
    Held changes were stamped before this (``sync.hold``): the rows left unstamped are this chunk's
    and none else (features whose edits cancelled out were settled on the spot)."""
    if whole:  # one changeset takes every unsealed row: one pass over the journal
        conn.execute("UPDATE baytak_journal SET changeset_id = ? WHERE changeset_id IS NULL", (changeset_id,))
        return
    by_layer: dict[str, list[str]] = {}
    for layer, uuid, _ in chunk:
        by_layer.setdefault(layer, []).append(uuid)
    for layer, uuids in by_layer.items():
        conn.execute(
            "UPDATE baytak_journal SET changeset_id = ? WHERE changeset_id IS NULL AND layer = ? AND uuid IN "
            "(SELECT value FROM json_each(?))",
            (changeset_id, layer, json.dumps(uuids)),
        )


def build_changes(conn: sqlite3.Connection, schema: LayerSchema) -> list[tuple[str, str, str]]:
    """(layer, uuid, ChangeIn as JSON text) of every feature of the layer with an unsealed edit.

    SQLite compares base and current row and writes each change's JSON (``payload_sql``), so for the
    common change Python only keeps the text. Python rewrites a change only when it must: attachments
    linked or unlinked, a geometry that is not plain WKB. Features whose edits cancel out (an insert
    then a delete, an edit undone by hand) are settled on the spot: their journal rows and base are
    dropped, nothing is sent.
    """
    t = schema.name
    rows = conn.execute(payload_sql.changes_sql(schema), (t,)).fetchall()
    if not rows:
        return []
    linked = _linked(conn, t)
    found, settled = [], []
    for uuid, written, plain in rows:
        text = written
        if text is None or not plain or uuid in linked or payload_sql.EMPTY_UPDATE in text:
            text = _rewrite(conn, t, uuid, written, linked.get(uuid))
            if text is None:
                settled.append(uuid)
                continue
        found.append((t, uuid, text))
    if settled:
        _restore_stamps(conn, schema, settled)
        changes.mark_synced(conn, t, settled)
    return found


def _restore_stamps(conn: sqlite3.Connection, schema: LayerSchema, uuids: list[str]) -> None:
    """Put back the last-synced ``updated_at``/``updated_by`` of features whose edits cancelled out.

    Nothing is sent for them, so the server keeps its stamps; leaving the device's stamps of an edit
    that changed nothing would make the store differ from the server for good. Done with the journal
    standing still: this is not an edit.
    """
    stamps = [name for name in ("updated_at", "updated_by") if name in schema.field_names]
    if not stamps:
        return
    assignments = ", ".join(f'"{n}" = b."{n}"' for n in stamps)
    base = journal.base_table(schema.name)
    conn.execute("UPDATE baytak_sync_state SET applying = 1")
    try:
        conn.executemany(
            f'UPDATE "{schema.name}" AS t SET {assignments} FROM "{base}" AS b WHERE b.uuid = t.uuid AND t.uuid = ?',
            [(uuid,) for uuid in uuids],
        )
    finally:
        conn.execute("UPDATE baytak_sync_state SET applying = 0")


def _rewrite(
    conn: sqlite3.Connection, layer: str, uuid: str, text: str | None, links: tuple[set[str], set[str]] | None
) -> str | None:
    """The change with its attachment changes and a normalised geometry; None when nothing is left."""
    if text is None:
        return None
    change = json.loads(text)
    added, removed = _link_changes(change["op"], *(links or (set(), set())))
    if change["op"] == "update" and not change["fields"] and not added and not removed:
        return None
    slot = change["fields"].get(wire.GEOM)
    if slot is not None:
        for key in ("base", "new"):
            if isinstance(slot[key], str):
                slot[key] = _normalized_wkb(slot[key])
    change["attachments_added"] = [attachment_ref(conn, layer, uuid, sha) for sha in sorted(added)]
    change["attachments_removed"] = sorted(removed)
    return json.dumps(change, ensure_ascii=False, separators=(",", ":"))


def _link_changes(op: str, links: set[str], synced: set[str]) -> tuple[set[str], set[str]]:
    """Attachments linked and unlinked since the last sync (a deleted feature sends none)."""
    added = links - synced if op in ("insert", "update") else set()
    removed = synced - links if op == "update" else set()
    return added, removed


def _normalized_wkb(value: str) -> str:
    """Hex WKB as the wire carries it: 2D little-endian ISO (a geometry another tool wrote otherwise)."""
    return str(
        shapely.to_wkb(shapely.from_wkb(bytes.fromhex(value)), hex=True, output_dimension=2, flavor="iso", byte_order=1)
    )


def attachment_ref(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str) -> dict[str, Any]:
    row = conn.execute(
        "SELECT a.mime, a.size, a.original_name, l.caption, a.taken_at, a.lat, a.lon, a.camera "
        "FROM baytak_attachments a LEFT JOIN baytak_attachment_links l ON l.sha256 = a.sha256 AND l.layer = ? "
        "AND l.uuid = ? WHERE a.sha256 = ?",
        (layer, uuid, sha256),
    ).fetchone()
    keys = ("mime", "size", "original_name", "caption", "taken_at", "lat", "lon", "camera")
    return {"sha256": sha256, **{key: _clean(value) for key, value in zip(keys, row, strict=True)}}


def _clean(value: Any) -> Any:
    """An attachment's description (a file name from a camera or a disk, not the evidence: that is
    the hash) with the characters no text may hold replaced by U+FFFD, as any file manager shows them."""
    return BAD_CHARACTER.sub("\ufffd", value) if isinstance(value, str) else value


@contextmanager
def lenient_text(conn: sqlite3.Connection) -> Iterator[None]:
    """Text another program wrote that is not UTF-8 read with its bad bytes as lone surrogates instead
    of failing the whole seal: the change holding it is then held with a message (``sync.hold``), the
    others are sent."""
    before = conn.text_factory
    conn.text_factory = lambda data: data.decode("utf-8", "surrogateescape")
    try:
        yield
    finally:
        conn.text_factory = before


def _linked(conn: sqlite3.Connection, layer: str) -> dict[str, tuple[set[str], set[str]]]:
    """(linked, synced) attachment sets of the layer's features with an unsealed edit and any link.
    Read from the link tables (few rows) probing the journal, not the other way round: with no
    attachments at all this reads nothing, however many edits wait."""
    found: dict[str, tuple[set[str], set[str]]] = {}
    for table, slot in (("baytak_attachment_links", 0), ("baytak_synced_links", 1)):
        for uuid, sha in conn.execute(
            f"SELECT l.uuid, l.sha256 FROM {table} AS l WHERE l.layer = ?1 AND EXISTS (SELECT 1 FROM "
            "baytak_journal AS j WHERE j.layer = ?1 AND j.uuid = l.uuid AND j.changeset_id IS NULL)",
            (layer,),
        ):
            found.setdefault(uuid, (set(), set()))[slot].add(sha)
    return found


def stamped(conn: sqlite3.Connection, changeset_id: str) -> Iterator[tuple[str, str]]:
    """(layer, uuid) of the features sealed into ``changeset_id`` that still wait for its answer."""
    yield from conn.execute("SELECT DISTINCT layer, uuid FROM baytak_journal WHERE changeset_id = ?", (changeset_id,))
