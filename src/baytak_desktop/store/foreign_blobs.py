"""Geometry blobs other programs write into a GeoPackage column, read back as geometries.

``ogrinfo -sql "UPDATE quarries SET geom = ST_Buffer(geom, 0.01)"`` (GDAL with SpatiaLite) stores a
SpatiaLite blob, not a GeoPackage one; a Python script may store plain WKB. Neither is readable by the
GeoPackage readers (GDAL then skips the feature, QGIS shows nothing), but both hold the whole geometry, so
``baytak validate --fix`` can rewrite them as GeoPackage blobs. A SpatiaLite blob is WKB in another
wrapper (SpatiaLite's BLOB-Geometry format): a 39-byte header (start 0x00, byte order, SRID, MBR, 0x7C),
the class type, the body, 0xFE at the end; inside a collection each part starts with 0x69 where WKB has
its byte order.
"""

from __future__ import annotations

import struct

import shapely
from shapely.errors import GEOSException

_START, _MBR_END, _ENTITY, _END = 0x00, 0x7C, 0x69, 0xFE
_HEADER = 39


def foreign_geometry(blob: bytes) -> shapely.Geometry | None:
    """The geometry of a SpatiaLite blob or of plain WKB; None when ``blob`` is neither."""
    data = bytes(blob)
    wkb = spatialite_to_wkb(data) if _is_spatialite(data) else data
    if wkb is None:
        return None
    try:
        return shapely.from_wkb(wkb)
    except (GEOSException, ValueError, TypeError):
        return None


def _is_spatialite(data: bytes) -> bool:
    return (
        len(data) > _HEADER + 5
        and data[0] == _START
        and data[1] in (0, 1)
        and data[38] == _MBR_END
        and data[-1] == _END
    )


def spatialite_to_wkb(data: bytes) -> bytes | None:
    """ISO WKB of an uncompressed SpatiaLite blob (compressed types, 1000000 and up, are not read)."""
    order = "<" if data[1] == 1 else ">"
    out = bytearray([data[1]])
    try:
        end = _copy(data, _HEADER, order, out)
    except (struct.error, ValueError, IndexError):
        return None
    return bytes(out) if end == len(data) - 1 else None


def _copy(data: bytes, at: int, order: str, out: bytearray) -> int:
    """Copy one geometry (class type then body) from ``at``; returns where it ends."""
    (kind,) = struct.unpack_from(order + "I", data, at)
    if kind >= 1_000_000:
        raise ValueError("compressed SpatiaLite geometry")
    out += data[at : at + 4]
    at += 4
    base, dims = kind % 1000, 2 + (kind // 1000 in (1, 2)) + 2 * (kind // 1000 == 3)
    if base == 1:
        return _take(data, at, dims * 8, out)
    if base == 2:
        return _points(data, at, order, dims, out)
    if base == 3:
        (rings,) = struct.unpack_from(order + "I", data, at)
        at = _take(data, at, 4, out)
        for _ in range(rings):
            at = _points(data, at, order, dims, out)
        return at
    if base in (4, 5, 6, 7):
        (parts,) = struct.unpack_from(order + "I", data, at)
        at = _take(data, at, 4, out)
        for _ in range(parts):
            if data[at] != _ENTITY:
                raise ValueError("missing entity mark")
            out.append(data[1])
            at = _copy(data, at + 1, order, out)
        return at
    raise ValueError(f"geometry class {kind}")


def _points(data: bytes, at: int, order: str, dims: int, out: bytearray) -> int:
    (count,) = struct.unpack_from(order + "I", data, at)
    return _take(data, at, 4 + count * dims * 8, out)


def _take(data: bytes, at: int, size: int, out: bytearray) -> int:
    if at + size > len(data):
        raise ValueError("truncated")
    out += data[at : at + size]
    return at + size
