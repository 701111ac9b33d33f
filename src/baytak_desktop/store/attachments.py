"""Photos and documents, stored once by SHA-256 inside the GeoPackage.

The hash is computed when the file is captured and is the attachment's identity: it is the evidence
that a photo shown to an auditor is the photo the activist took. EXIF time and position are read on
import (Pillow) so a geotagged photo can place a site.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import mimetypes
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024
_GPS_IFD = 0x8825
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003
_DATETIME = 0x0132
_MODEL = 0x0110


class AttachmentError(BaytakError):
    pass


@dataclass(frozen=True)
class PhotoMetadata:
    taken_at: str | None = None
    lat: float | None = None
    lon: float | None = None
    camera: str | None = None


@dataclass(frozen=True)
class Attachment:
    sha256: str
    mime: str
    size: int
    original_name: str | None
    taken_at: str | None
    lat: float | None
    lon: float | None
    camera: str | None


def read_photo_metadata(data: bytes) -> PhotoMetadata:
    """EXIF capture time, GPS position and camera; an image without EXIF gives empty metadata."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            exif = image.getexif()
    except (UnidentifiedImageError, OSError):
        return PhotoMetadata()
    taken = exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL) or exif.get(_DATETIME)
    lat, lon = _gps_position(exif.get_ifd(_GPS_IFD))
    camera = exif.get(_MODEL)
    return PhotoMetadata(_exif_time(taken), lat, lon, str(camera).strip() if camera else None)


def _exif_time(value: object) -> str | None:
    """EXIF writes local camera time as 'YYYY:MM:DD HH:MM:SS'; we keep it as ISO text, unzoned."""
    try:
        return dt.datetime.strptime(str(value).strip("\x00 "), "%Y:%m:%d %H:%M:%S").isoformat()
    except (ValueError, TypeError):
        return None


def _gps_position(gps: Mapping[int, Any]) -> tuple[float | None, float | None]:
    try:
        lat = _dms_to_degrees(gps[2], gps[1])
        lon = _dms_to_degrees(gps[4], gps[3])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None, None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None, None
    return lat, lon


def _dms_to_degrees(dms: Iterable[Any], ref: str) -> float:
    degrees, minutes, seconds = (float(part) for part in dms)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if str(ref).upper().startswith(("S", "W")) else value


def sniff_mime(data: bytes, name: str | None) -> str:
    """The type from the bytes for images (a renamed file cannot pass as a photo), else the name."""
    signatures = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png", b"%PDF-": "application/pdf"}
    for magic, mime in signatures.items():
        if data.startswith(magic):
            return mime
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if data[8:12] == b"WEBP":
        return "image/webp"
    guessed = mimetypes.guess_type(name or "")[0]
    if guessed and guessed.startswith("image/"):
        return "application/octet-stream"  # claims to be an image but is not one
    return guessed or "application/octet-stream"


def add_attachment(conn: sqlite3.Connection, data: bytes, original_name: str | None = None) -> Attachment:
    """Store the bytes once (by SHA-256) with their EXIF metadata; returns what is stored."""
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.",
            name=original_name or "The file",
            size_mb=len(data) / 2**20,
            limit_mb=MAX_ATTACHMENT_BYTES // 2**20,
        )
    if not data:
        raise AttachmentError("{name} is empty (0 bytes).", name=original_name or "The file")
    sha = hashlib.sha256(data).hexdigest()
    mime = sniff_mime(data, original_name)
    meta = read_photo_metadata(data) if mime.startswith("image/") else PhotoMetadata()
    conn.execute(
        "INSERT OR IGNORE INTO baytak_attachments (sha256, mime, size, bytes, original_name, taken_at, lat, lon, "
        "camera) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (sha, mime, len(data), data, original_name, meta.taken_at, meta.lat, meta.lon, meta.camera),
    )
    return get_attachment(conn, sha)


def add_attachment_file(conn: sqlite3.Connection, path: Path) -> Attachment:
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise AttachmentError(
            "{name} is {size_mb:.0f} MB; attachments may be at most {limit_mb} MB.",
            name=path.name,
            size_mb=size / 2**20,
            limit_mb=MAX_ATTACHMENT_BYTES // 2**20,
        )
    return add_attachment(conn, path.read_bytes(), path.name)


def get_attachment(conn: sqlite3.Connection, sha256: str) -> Attachment:
    row = conn.execute(
        "SELECT sha256, mime, size, original_name, taken_at, lat, lon, camera FROM baytak_attachments WHERE sha256 = ?",
        (sha256,),
    ).fetchone()
    if row is None:
        raise AttachmentError("No attachment with SHA-256 {sha256}.", sha256=sha256)
    return Attachment(*row)


def attachment_bytes(conn: sqlite3.Connection, sha256: str) -> bytes:
    """The stored bytes, re-hashed on the way out: a changed byte is reported, never shown as evidence."""
    row = conn.execute("SELECT bytes FROM baytak_attachments WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        raise AttachmentError("No attachment with SHA-256 {sha256}.", sha256=sha256)
    data = bytes(row[0])
    if hashlib.sha256(data).hexdigest() != sha256:
        raise AttachmentError("The attachment {sha256} no longer matches its SHA-256: it was altered.", sha256=sha256)
    return data


def link(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str, caption: str | None = None) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO baytak_attachment_links (layer, uuid, sha256, caption) VALUES (?, ?, ?, ?)",
        (layer, uuid, sha256, caption),
    )


def unlink(conn: sqlite3.Connection, layer: str, uuid: str, sha256: str) -> None:
    conn.execute(
        "DELETE FROM baytak_attachment_links WHERE layer = ? AND uuid = ? AND sha256 = ?", (layer, uuid, sha256)
    )


def attachments_of(conn: sqlite3.Connection, layer: str, uuid: str) -> list[Attachment]:
    shas = [
        r[0]
        for r in conn.execute(
            "SELECT sha256 FROM baytak_attachment_links WHERE layer = ? AND uuid = ? ORDER BY added_at, sha256",
            (layer, uuid),
        )
    ]
    return [get_attachment(conn, sha) for sha in shas]
