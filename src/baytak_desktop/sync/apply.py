"""Applying a pulled page to the store, in one transaction with the pull position.

``baytak_sync_state.applying`` is 1 for the whole transaction, so the journal triggers stand still:
what comes from the server is not a local edit. Features without a local edit are written in bulk
(one upsert statement run over the page; the GeoPackage R-tree triggers keep the spatial index). A
feature with a local edit not yet accepted by the server is rebased, never overwritten: the fields
the person did not touch take the server's values, the edited ones stay as they are and stay pending.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Sequence

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.definition import parse
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions
from baytak_desktop.sync import layer_writer, records
from baytak_desktop.sync.protocol import AttachmentRef, ChangesPage, FeatureState, LayerRevision
from baytak_desktop.sync.rebase import rebase
from baytak_desktop.sync.settle import IN_LIST


class BlobCorrupt(BaytakError):
    template = "The attachment {sha256} downloaded from the server does not match its SHA-256; sync again."


def apply_page(conn: sqlite3.Connection, page: ChangesPage, blob_bytes: dict[str, bytes] | None = None) -> int:
    """Write one page and its position; the caller holds the session. Returns features applied."""
    conn.execute("UPDATE baytak_sync_state SET applying = 1")
    apply_revisions(conn, [published(revision) for revision in page.layer_revisions])
    store_blobs(conn, page, blob_bytes or {})
    layers = catalog_of(conn)
    by_layer: dict[str, list[FeatureState]] = defaultdict(list)
    for state in page.features:
        if state.layer in layers:  # a layer of a newer server version is left for a newer client
            by_layer[state.layer].append(state)
    for layer, states in by_layer.items():
        _apply_layer(conn, layers.layer(layer), states)
    records.save_conflicts(conn, page.conflicts)
    records.save_rejections(conn, page.rejections)
    conn.execute(
        "UPDATE baytak_sync_state SET applying = 0, last_pulled_rev = ?, "
        "last_sync_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
        (page.until,),
    )
    return sum(len(states) for states in by_layer.values())


def published(revision: LayerRevision) -> PublishedRevision:
    """A revision from the wire, its definition checked like a file's (a definition this program cannot
    read, from a newer server, stops the pull with a message rather than being half applied)."""
    definition = parse(revision.definition, f"schema revision {revision.revision} ({revision.layer})", stored=True)
    published_at = revision.published_at.isoformat().replace("+00:00", "Z")
    return PublishedRevision(revision.revision, revision.rev, definition, revision.published_by, published_at)


def missing_blobs(conn: sqlite3.Connection, page: ChangesPage) -> list[AttachmentRef]:
    """Attachments named by the page that this store does not hold yet (to download before applying)."""
    refs = {ref.sha256: ref for state in page.features for ref in state.attachments}
    if not refs:
        return []
    have = {
        row[0]
        for row in conn.execute(
            f"SELECT sha256 FROM baytak_attachments WHERE sha256 IN {IN_LIST}", (json.dumps(list(refs)),)
        )
    }
    return [ref for sha, ref in refs.items() if sha not in have]


def store_blobs(conn: sqlite3.Connection, page: ChangesPage, blob_bytes: dict[str, bytes]) -> None:
    refs = {ref.sha256: ref for state in page.features for ref in state.attachments}
    for sha, data in blob_bytes.items():
        if hashlib.sha256(data).hexdigest() != sha:
            raise BlobCorrupt(sha256=sha)
        ref = refs.get(sha)
        meta = (
            (ref.mime, ref.original_name, ref.taken_at, ref.lat, ref.lon, ref.camera)
            if ref
            else ("application/octet-stream", None, None, None, None, None)
        )
        conn.execute(
            "INSERT OR IGNORE INTO baytak_attachments (sha256, mime, size, bytes, original_name, taken_at, "
            "lat, lon, camera) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (sha, meta[0], len(data), data, *meta[1:]),
        )


def _apply_layer(conn: sqlite3.Connection, schema: LayerSchema, states: list[FeatureState]) -> None:
    t = schema.name
    uuids = [str(s.uuid) for s in states]
    edited = {
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT uuid FROM baytak_journal WHERE layer = ? AND uuid IN {IN_LIST}", (t, json.dumps(uuids))
        )
    }
    gone = [u for s, u in zip(states, uuids, strict=True) if s.deleted and u not in edited]
    live = [(s, u) for s, u in zip(states, uuids, strict=True) if not s.deleted and u not in edited]
    with layer_writer.rtree_set_aside(conn, t) as rtree:
        if gone:
            layer_writer.delete_features(conn, t, gone, rtree)
        if live:
            layer_writer.upsert_features(conn, schema, [s for s, _ in live], [u for _, u in live], rtree)
    conn.executemany("INSERT OR REPLACE INTO baytak_feature_revs VALUES (?, ?, ?)", ((t, u, s.rev) for s, u in live))
    replace_links(conn, t, live)
    for state, uuid in zip(states, uuids, strict=True):
        if uuid in edited:  # after the triggers are back: a rebase updates rows one by one
            rebase(conn, schema, state)


def replace_links(conn: sqlite3.Connection, layer: str, states: Sequence[tuple[FeatureState, str]]) -> None:
    """Features without local edits get exactly the server's attachments."""
    if not any(s.attachments for s, _ in states) and not _has_links(conn, layer):
        return
    listed = json.dumps([u for _, u in states])
    for table in ("baytak_attachment_links", "baytak_synced_links"):
        conn.execute(f"DELETE FROM {table} WHERE layer = ? AND uuid IN {IN_LIST}", (layer, listed))
    refs = [(layer, u, ref.sha256, ref.caption) for s, u in states for ref in s.attachments]
    conn.executemany(
        "INSERT OR IGNORE INTO baytak_attachment_links (layer, uuid, sha256, caption) VALUES (?, ?, ?, ?)", refs
    )
    conn.executemany("INSERT OR IGNORE INTO baytak_synced_links VALUES (?, ?, ?)", (r[:3] for r in refs))


def _has_links(conn: sqlite3.Connection, layer: str) -> bool:
    return (
        conn.execute(
            "SELECT 1 FROM baytak_synced_links WHERE layer = ? UNION ALL SELECT 1 FROM "
            "baytak_attachment_links WHERE layer = ? LIMIT 1",
            (layer, layer),
        ).fetchone()
        is not None
    )
