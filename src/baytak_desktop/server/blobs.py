"""Attachments by SHA-256: resumable uploads stored in the database, checked when complete.

Blobs live in the database (``baytak_blob_chunks``, one row per uploaded chunk), not on a disk of one
machine: every server process sharing a PostgreSQL sees every upload, and a backup of the database is a
backup of the photos. An upload is a series of ``PUT`` chunks at increasing offsets; each chunk is its
own transaction, so a dropped connection loses at most the chunk in flight and the client resumes from
``received``. When the last byte arrives the whole blob is hashed: bytes that do not hash to their name
are discarded, never kept as evidence.

Uploads end, one way or the other: a partial upload untouched for ``partial_upload_hours`` is
discarded (at the next chunk anyone sends, so no timer is needed); an account may keep at most
``max_open_uploads`` partial uploads of at most ``max_open_upload_bytes`` together (429 beyond); and a
partial upload whose announced size disagrees with a new chunk's is replaced when that chunk starts
at byte 0 (otherwise the answer says to start again at 0), so no client can be stuck answering a
stale upload's offset forever.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from baytak_desktop.server.accounts import Account
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.db import Database, Tx
from baytak_desktop.server.limits import header_number
from baytak_desktop.server.settings import ServerSettings, iso, parse_iso
from baytak_desktop.sync.protocol import SHA256_RE, BlobStatus, ErrorCode

_RANGE = re.compile(r"^bytes ([0-9]+)-([0-9]+)/([0-9]+)$")


@dataclass(frozen=True)
class ContentRange:
    start: int
    end: int  # inclusive
    total: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1


def check_name(sha256: str) -> str:
    if not SHA256_RE.match(sha256):
        raise ApiError(
            ErrorCode.malformed_request, "{name!r} is not a SHA-256 (64 lowercase hex digits).", status=400, name=sha256
        )
    return sha256


def parse_range(header: str | None, settings: ServerSettings) -> ContentRange:
    """``Content-Range: bytes START-END/TOTAL``; a total over the limit is refused before any byte is read."""
    match = _RANGE.match((header or "").strip())
    if match is None:
        raise ApiError(
            ErrorCode.malformed_request,
            "Send each chunk with Content-Range: bytes START-END/TOTAL (END inclusive), not {header!r}.",
            status=400,
            header=header,
        )
    span = ContentRange(*(header_number(group) or 0 for group in match.groups()))
    if span.total > settings.max_blob_bytes:
        raise ApiError(
            ErrorCode.payload_too_large,
            "The file is {total} bytes; the server takes attachments up to {limit} bytes.",
            details={"limit": settings.max_blob_bytes},
            total=span.total,
            limit=settings.max_blob_bytes,
        )
    if span.end < span.start or span.end >= span.total:
        raise ApiError(
            ErrorCode.malformed_request,
            "Content-Range {header!r} does not fit inside the file.",
            status=400,
            header=header,
        )
    if span.length > settings.max_chunk_bytes:
        raise ApiError(
            ErrorCode.payload_too_large,
            "A chunk may have at most {limit} bytes; send smaller chunks.",
            details={"limit": settings.max_chunk_bytes},
            limit=settings.max_chunk_bytes,
        )
    return span


def status(db: Database, sha256: str) -> BlobStatus:
    with db.transaction() as tx:
        row = tx.one("SELECT received, complete FROM baytak_blobs WHERE sha256 = ?", (sha256,))
    if row is None:
        return BlobStatus(sha256=sha256, complete=False, received=0)
    return BlobStatus(sha256=sha256, complete=bool(row[1]), received=int(row[0]))


def put_chunk(
    db: Database, settings: ServerSettings, account: Account, sha256: str, span: ContentRange, data: bytes
) -> BlobStatus:
    """Store one chunk; raises (after committing the discard) when the completed blob's hash differs."""
    if len(data) != span.length:
        raise ApiError(
            ErrorCode.malformed_request,
            "The chunk has {got} bytes but Content-Range says {want}.",
            status=400,
            got=len(data),
            want=span.length,
        )
    with db.transaction(write=True) as tx:
        expire_partial_uploads(tx, settings)
        outcome = _store_chunk(tx, settings, account, sha256, span, data)
    if isinstance(outcome, ApiError):
        raise outcome
    return outcome


def expire_partial_uploads(tx: Tx, settings: ServerSettings) -> int:
    """Discard partial uploads nobody added to for ``partial_upload_hours``; returns how many."""
    cutoff = iso(settings.clock() - dt.timedelta(hours=settings.partial_upload_hours))
    stale = [
        row[0] for row in tx.query("SELECT sha256 FROM baytak_blobs WHERE complete = 0 AND updated_at < ?", (cutoff,))
    ]
    for sha256 in stale:
        _discard(tx, sha256)
    return len(stale)


def _discard(tx: Tx, sha256: str) -> None:
    tx.execute("DELETE FROM baytak_blob_chunks WHERE sha256 = ?", (sha256,))
    tx.execute("DELETE FROM baytak_blobs WHERE sha256 = ?", (sha256,))


def _store_chunk(
    tx: Tx, settings: ServerSettings, account: Account, sha256: str, span: ContentRange, data: bytes
) -> BlobStatus | ApiError:
    now = settings.now_text()
    row = tx.one(
        "SELECT total, received, complete FROM baytak_blobs WHERE sha256 = ?" + tx.dialect.for_update, (sha256,)
    )
    if row is None:
        refusal = _open_upload_refusal(tx, settings, account, span.total)
        if refusal is not None:
            return refusal
        tx.execute(
            "INSERT INTO baytak_blobs (sha256, total, received, complete, created_at, updated_at, uploader_id) "
            "VALUES (?, ?, 0, 0, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            (sha256, span.total, now, now, account.id),
        )
        row = tx.one(
            "SELECT total, received, complete FROM baytak_blobs WHERE sha256 = ?" + tx.dialect.for_update, (sha256,)
        )
    assert row is not None
    total, received, complete = int(row[0]), int(row[1]), bool(row[2])
    if complete:
        return BlobStatus(sha256=sha256, complete=True, received=received)
    if span.total != total and span.start == 0:  # a disagreeing partial upload: this chunk replaces it
        tx.execute("DELETE FROM baytak_blob_chunks WHERE sha256 = ?", (sha256,))
        tx.execute(
            "UPDATE baytak_blobs SET total = ?, received = 0, uploader_id = ? WHERE sha256 = ?",
            (span.total, account.id, sha256),
        )
        total, received = span.total, 0
    if span.start != received or span.total != total:
        restart = received if span.total == total else 0
        return ApiError(
            ErrorCode.upload_offset_mismatch,
            "The server has {received} of {total} bytes; send the chunk that starts at byte {restart}.",
            details={"received": restart},
            received=received,
            total=total,
            restart=restart,
        )
    tx.execute("INSERT INTO baytak_blob_chunks (sha256, start, data) VALUES (?, ?, ?)", (sha256, span.start, data))
    received = span.end + 1
    if received < total:
        tx.execute("UPDATE baytak_blobs SET received = ?, updated_at = ? WHERE sha256 = ?", (received, now, sha256))
        return BlobStatus(sha256=sha256, complete=False, received=received)
    actual = _hash(tx, sha256)
    if actual != sha256:
        _discard(tx, sha256)
        return ApiError(
            ErrorCode.hash_mismatch,
            "The uploaded bytes hash to {actual}, not {name}; the upload was "
            "discarded. Upload the file again from the start.",
            details={"actual": actual},
            actual=actual,
            name=sha256,
        )
    tx.execute(
        "UPDATE baytak_blobs SET received = ?, complete = 1, completed_at = ?, updated_at = ? WHERE sha256 = ?",
        (received, now, now, sha256),
    )
    return BlobStatus(sha256=sha256, complete=True, received=received)


def _open_upload_refusal(tx: Tx, settings: ServerSettings, account: Account, total: int) -> ApiError | None:
    """A new partial upload beyond the account's limits: 429 until one finishes or expires (413 for a
    file that alone is over the byte limit: waiting cannot help)."""
    if total > settings.max_open_upload_bytes:
        return ApiError(
            ErrorCode.payload_too_large,
            "The file is {total} bytes; one account may upload at most {limit} bytes at a time.",
            details={"limit": settings.max_open_upload_bytes},
            total=total,
            limit=settings.max_open_upload_bytes,
        )
    row = tx.one(
        "SELECT count(*), coalesce(sum(total), 0), min(updated_at) FROM baytak_blobs "
        "WHERE uploader_id = ? AND complete = 0",
        (account.id,),
    )
    assert row is not None
    count, size, oldest = int(row[0]), int(row[1]), row[2]
    if oldest is None or (count < settings.max_open_uploads and size + total <= settings.max_open_upload_bytes):
        return None
    expiry = parse_iso(oldest) + dt.timedelta(hours=settings.partial_upload_hours) - settings.clock()
    seconds = max(1, int(expiry.total_seconds()) + 1)
    return ApiError(
        ErrorCode.rate_limited,
        "You have {count} unfinished uploads ({size} bytes); finish them before starting another, or "
        "wait until the oldest expires in {seconds} s.",
        details={"retry_after": seconds, "open_uploads": count},
        count=count,
        size=size,
        seconds=seconds,
    )


def _chunk_starts(tx: Tx, sha256: str) -> list[int]:
    return [
        int(row[0])
        for row in tx.query("SELECT start FROM baytak_blob_chunks WHERE sha256 = ? ORDER BY start", (sha256,))
    ]


def _hash(tx: Tx, sha256: str) -> str:
    """Hash chunk by chunk: a 1 GB video never sits in memory whole."""
    digest = hashlib.sha256()
    for start in _chunk_starts(tx, sha256):
        digest.update(
            bytes(tx.scalar("SELECT data FROM baytak_blob_chunks WHERE sha256 = ? AND start = ?", (sha256, start)))
        )
    return digest.hexdigest()


def size_if_complete(db: Database, sha256: str) -> int | None:
    with db.transaction() as tx:
        row = tx.one("SELECT total FROM baytak_blobs WHERE sha256 = ? AND complete = 1", (sha256,))
    return None if row is None else int(row[0])


def read(db: Database, sha256: str) -> Iterator[bytes]:
    """The blob's bytes chunk by chunk; a complete blob's chunks never change, so each is read in its
    own short transaction and a slow download holds no lock."""
    with db.transaction() as tx:
        starts = _chunk_starts(tx, sha256)
    for start in starts:
        with db.transaction() as tx:
            data = tx.scalar("SELECT data FROM baytak_blob_chunks WHERE sha256 = ? AND start = ?", (sha256, start))
        yield bytes(data)
