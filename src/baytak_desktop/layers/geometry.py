"""GeoPackage geometry blobs <-> shapely geometries.

A GeoPackage blob is a small header (magic "GP", version, flags, srs_id, optional envelope) followed by
ISO WKB. The store reads and writes blobs on every feature, and the R-tree triggers read the envelope
on every insert, so the codec is written for speed: points are packed with ``struct`` directly, and
many geometries are converted at once through shapely's vectorised WKB functions.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence

import numpy as np
import shapely

from baytak_desktop.errors import GeometryError

WGS84 = 4326
_HEADER = struct.Struct("<2sBBi")
_ENVELOPE_DOUBLES = {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}
_POINT_WKB = struct.Struct("<BIdd")
_EMPTY_FLAG = 0x10


def header_length(blob: bytes) -> int:
    """Length of the GeoPackage header (magic, flags, srs, envelope) before the WKB."""
    if len(blob) < 8 or blob[0:2] != b"GP":
        raise GeometryError("Not a GeoPackage geometry blob (it does not start with 'GP').")
    envelope_type = (blob[3] >> 1) & 0x07
    if envelope_type not in _ENVELOPE_DOUBLES:
        raise GeometryError("GeoPackage geometry blob has an invalid envelope type {t}.", t=envelope_type)
    return 8 + 8 * _ENVELOPE_DOUBLES[envelope_type]


def is_empty(blob: bytes) -> bool:
    return bool(blob[3] & _EMPTY_FLAG)


def srs_id(blob: bytes) -> int:
    srs: int = struct.unpack_from("<i" if blob[3] & 1 else ">i", blob, 4)[0]  # byte order: flags bit 0
    return srs


def envelope(blob: bytes) -> tuple[float, float, float, float] | None:
    """(minx, maxx, miny, maxy) as the R-tree wants it, from the header or, failing that, the WKB."""
    envelope_type = (blob[3] >> 1) & 0x07
    byte_order = "<" if blob[3] & 1 else ">"
    if envelope_type:
        minx, maxx, miny, maxy = struct.unpack_from(byte_order + "4d", blob, 8)
        return (minx, maxx, miny, maxy)
    wkb = memoryview(blob)[header_length(blob) :]
    if len(wkb) == 21 and wkb[0] == 1 and wkb[1] == 1 and wkb[2] == 0:  # little-endian 2D point
        _, _, x, y = _POINT_WKB.unpack(wkb)
        return None if math.isnan(x) else (x, x, y, y)
    geom = shapely.from_wkb(bytes(wkb))
    if geom.is_empty:
        return None
    minx, miny, maxx, maxy = geom.bounds
    return (minx, maxx, miny, maxy)


def envelope_centres(blobs: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lon, lat, found) of many blobs: the centre of each one's ``envelope``, exactly, read for all at
    once with numpy from the header's envelope or, for a 2D little-endian point, its WKB; only the
    others (a line or polygon written without an envelope, another tool's junk) go through ``envelope``
    one by one. ``found`` is False for an empty geometry (a point of NaN)."""
    lengths = np.fromiter(map(len, blobs), np.int64, len(blobs))
    data = np.frombuffer(b"".join(map(bytes, blobs)), np.uint8)
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)[: len(blobs)]
    ok = lengths >= 8
    ok[ok] = (data[starts[ok]] == ord("G")) & (data[starts[ok] + 1] == ord("P"))
    flags = np.zeros(len(blobs), np.uint8)
    flags[ok] = data[starts[ok] + 3]
    code = (flags >> 1) & 7
    lon, lat = np.full(len(blobs), np.nan), np.full(len(blobs), np.nan)
    boxed = ok & (code > 0) & (code < 5) & (lengths >= 8 + 32)
    box = _doubles(data, starts[boxed] + 8, 4, (flags[boxed] & 1) == 0)  # the header's byte order
    lon[boxed], lat[boxed] = (box[:, 0] + box[:, 1]) / 2, (box[:, 2] + box[:, 3]) / 2
    point = ok & (code == 0) & (lengths == 8 + 21)
    at = starts[point] + 8
    point[point] = (data[at] == 1) & (data[at + 1] == 1) & (data[at + 2] == 0)  # as ``envelope`` reads
    xy = _doubles(data, starts[point] + 8 + 5, 2, np.zeros(int(point.sum()), bool))
    lon[point], lat[point] = xy[:, 0], xy[:, 1]
    found = boxed | (point & ~np.isnan(lon))  # a point of NaN: empty
    for k in np.flatnonzero(~(boxed | point)).tolist():  # the rest, one by one
        box_k = envelope(blobs[k])
        if box_k is not None:
            lon[k], lat[k], found[k] = (box_k[0] + box_k[1]) / 2, (box_k[2] + box_k[3]) / 2, True
    return lon, lat, found


def _doubles(data: np.ndarray, at: np.ndarray, count: int, big: np.ndarray) -> np.ndarray:
    """``count`` doubles from each offset ``at`` of ``data`` (big-endian where ``big``), one row each."""
    raw = data[at[:, None] + np.arange(8 * count)].reshape(-1, count, 8)
    raw[big] = raw[big][:, :, ::-1]
    return raw.copy().view("<f8").reshape(-1, count)


def to_shapely(blob: bytes | None) -> shapely.Geometry | None:
    """Decode one blob; None stays None."""
    if blob is None:
        return None
    try:
        return shapely.from_wkb(bytes(memoryview(blob)[header_length(blob) :]))
    except shapely.errors.GEOSException as exc:
        raise GeometryError("A geometry in the store cannot be read: {reason}", reason=str(exc)) from exc


def many_to_shapely(blobs: Sequence[bytes | None]) -> np.ndarray:
    """Decode many blobs at once (vectorised WKB parsing)."""
    wkbs = [None if b is None else bytes(memoryview(b)[header_length(b) :]) for b in blobs]
    geometries: np.ndarray = shapely.from_wkb(np.array(wkbs, dtype=object))
    return geometries


def from_shapely(geom: shapely.Geometry | None, srs: int = WGS84) -> bytes | None:
    """Encode one geometry as a GeoPackage blob (little-endian, XY envelope unless a point)."""
    if geom is None:
        return None
    return _pack(geom, shapely.to_wkb(geom, flavor="iso", byte_order=1, include_srid=False), srs)


def many_from_shapely(geoms: Sequence[shapely.Geometry | None], srs: int = WGS84) -> list[bytes | None]:
    """Encode many geometries: WKB, types, emptiness and envelopes each in one vectorised call, so a
    100,000-point import spends its time writing, not packing headers."""
    array = np.asarray(geoms, dtype=object)
    wkbs = shapely.to_wkb(array, flavor="iso", byte_order=1, include_srid=False)
    present = ~shapely.is_missing(array)
    empty = shapely.is_empty(array) & present
    point = (shapely.get_type_id(array) == 0) & present & ~empty
    envelopes = shapely.bounds(array)[:, [0, 2, 1, 3]].astype("<f8")
    plain = _HEADER.pack(b"GP", 0, 0x01, srs)
    with_envelope = _HEADER.pack(b"GP", 0, 0x03, srs)
    empty_header = _HEADER.pack(b"GP", 0, 0x01 | _EMPTY_FLAG, srs)
    out: list[bytes | None] = []
    for i, wkb in enumerate(wkbs):
        if not present[i]:
            out.append(None)
        elif point[i]:
            out.append(plain + wkb)
        elif empty[i]:
            out.append(empty_header + wkb)
        else:
            out.append(with_envelope + envelopes[i].tobytes() + wkb)
    return out


def _pack(geom: shapely.Geometry, wkb: bytes, srs: int) -> bytes:
    if geom.is_empty:
        flags = 0x01 | _EMPTY_FLAG
        return _HEADER.pack(b"GP", 0, flags, srs) + wkb
    if shapely.get_type_id(geom) == 0:  # points carry no envelope: it would only repeat x and y
        return _HEADER.pack(b"GP", 0, 0x01, srs) + wkb
    minx, miny, maxx, maxy = shapely.bounds(geom)
    return _HEADER.pack(b"GP", 0, 0x03, srs) + struct.pack("<4d", minx, maxx, miny, maxy) + wkb


def point_blob(x: float, y: float, srs: int = WGS84) -> bytes:
    """A point blob without shapely: the common case of an activist's GPS fix."""
    return _HEADER.pack(b"GP", 0, 0x01, srs) + _POINT_WKB.pack(1, 1, x, y)


def as_multi(geom: shapely.Geometry, geometry_type: str = "MULTIPOLYGON") -> shapely.Geometry:
    """Polygon -> MultiPolygon, and LineString -> MultiLineString for a MULTILINESTRING layer (as GDAL's
    promote-to-multi); anything else as it is."""
    if geom is not None and geom.geom_type == "Polygon":
        return shapely.MultiPolygon([geom])
    if geom is not None and geom.geom_type == "LineString" and geometry_type == "MULTILINESTRING":
        return shapely.MultiLineString([geom])
    return geom
