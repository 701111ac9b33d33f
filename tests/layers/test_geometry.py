"""The GeoPackage blob codec (header + ISO WKB) and UUIDv7 identities."""

from __future__ import annotations

import struct
import time
import uuid as uuidlib

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from baytak_desktop.errors import GeometryError
from baytak_desktop.layers import geometry as g
from baytak_desktop.layers import new_uuid

lon = st.floats(-180, 180, allow_nan=False, allow_infinity=False)
lat = st.floats(-90, 90, allow_nan=False, allow_infinity=False)
height = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)


def coords(dims: int, min_size: int = 1, max_size: int = 1):
    one = st.tuples(lon, lat) if dims == 2 else st.tuples(lon, lat, height)
    return st.lists(one, min_size=min_size, max_size=max_size)


def points(dims):
    return coords(dims).map(lambda c: shapely.Point(c[0]))


def lines(dims):
    return coords(dims, 2, 6).map(shapely.LineString)


def polygons(dims):
    return coords(dims, 3, 6).map(lambda c: shapely.Polygon([*c, c[0]]))


def multipolygons(dims):
    return st.lists(polygons(dims), min_size=1, max_size=3).map(shapely.MultiPolygon)


EMPTIES = [
    "POINT EMPTY",
    "LINESTRING EMPTY",
    "POLYGON EMPTY",
    "MULTIPOINT EMPTY",
    "MULTIPOLYGON EMPTY",
    "GEOMETRYCOLLECTION EMPTY",
]
empties = st.sampled_from(EMPTIES).map(shapely.from_wkt)
geometries = st.one_of(*(kind(d) for kind in (points, lines, polygons, multipolygons) for d in (2, 3)), empties)


def iso_wkb_m(type_code: int, rings: list[list[tuple[float, float, float]]]) -> bytes:
    """ISO WKB of an XYM point (1), line (2) or polygon (3), written by hand (type code + 2000)."""
    out = struct.pack("<BI", 1, 2000 + type_code)
    if type_code == 1:
        return out + struct.pack("<3d", *rings[0][0])
    if type_code == 2:
        return out + struct.pack("<I", len(rings[0])) + b"".join(struct.pack("<3d", *c) for c in rings[0])
    out += struct.pack("<I", len(rings))
    for ring in rings:
        out += struct.pack("<I", len(ring)) + b"".join(struct.pack("<3d", *c) for c in ring)
    return out


def parse_header(blob: bytes) -> tuple[bytes, int, int, int]:
    magic, version, flags, srs = struct.unpack_from("<2sBBi", blob)
    return magic, version, flags, srs


@settings(max_examples=200, deadline=None)
@given(geometries)
def test_blob_round_trip_is_identical(geom):
    blob = g.from_shapely(geom)
    magic, version, flags, srs = parse_header(blob)
    assert (magic, version, srs) == (b"GP", 0, 4326)
    assert bool(flags & 0x10) == geom.is_empty == g.is_empty(blob)
    assert shapely.equals_identical(g.to_shapely(blob), geom)


@settings(max_examples=200, deadline=None)
@given(geometries)
def test_envelope_is_shapely_bounds_reordered(geom):
    blob = g.from_shapely(geom)
    if geom.is_empty:
        assert g.envelope(blob) is None
    else:
        minx, miny, maxx, maxy = geom.bounds
        assert g.envelope(blob) == (minx, maxx, miny, maxy)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(geometries, st.none()), max_size=8))
def test_vectorised_codec_equals_scalar_codec(geoms):
    blobs = g.many_from_shapely(geoms)
    assert blobs == [g.from_shapely(x) for x in geoms]
    decoded = g.many_to_shapely(blobs)
    assert len(decoded) == len(geoms)
    for got, blob in zip(decoded, blobs, strict=True):
        want = g.to_shapely(blob)
        assert (got is None and want is None) or shapely.equals_identical(got, want)


@settings(max_examples=100, deadline=None)
@given(lon, lat)
def test_point_blob_equals_shapely_encoding(x, y):
    assert g.point_blob(x, y) == g.from_shapely(shapely.Point(x, y))
    assert g.envelope(g.point_blob(x, y)) == (x, x, y, y)


@settings(max_examples=100, deadline=None)
@given(coords(3, 1, 5), st.sampled_from([1, 2, 3]))
def test_m_geometries_round_trip(cs, kind):
    if kind == 1:
        cs = cs[:1]
    if kind == 2 and len(cs) < 2:
        cs = cs * 2
    if kind == 3:
        cs = [*(cs * 3)[:3], cs[0]]
    wkb = iso_wkb_m(kind, [cs])
    geom = shapely.from_wkb(wkb)
    assert geom.has_m and not geom.has_z
    blob = g.from_shapely(geom)
    assert blob[g.header_length(blob) :] == wkb
    back = g.to_shapely(blob)
    assert back.has_m and shapely.equals_identical(back, geom)
    assert shapely.get_coordinates(back, include_m=True).tolist() == [list(c) for c in cs]


def test_zm_point_round_trip():
    geom = shapely.from_wkt("POINT ZM (76.9 43.2 700 5)")
    back = g.to_shapely(g.from_shapely(geom))
    assert back.has_z and back.has_m and shapely.equals_identical(back, geom)


def test_none_stays_none():
    assert g.from_shapely(None) is None
    assert g.to_shapely(None) is None
    assert g.many_from_shapely([None]) == [None]
    assert list(g.many_to_shapely([None])) == [None]


def test_empty_point_and_polygon_have_empty_flag_and_no_envelope():
    for wkt in ("POINT EMPTY", "POLYGON EMPTY"):
        blob = g.from_shapely(shapely.from_wkt(wkt))
        assert g.is_empty(blob)
        assert (blob[3] >> 1) & 0x07 == 0  # no envelope
        assert g.envelope(blob) is None
        assert g.to_shapely(blob).wkt == wkt


def test_big_endian_blob_with_envelope_is_read():
    poly = shapely.box(76.0, 43.0, 77.0, 44.0)
    blob = struct.pack(">2sBBi4d", b"GP", 0, 0x02, 4326, 76.0, 77.0, 43.0, 44.0) + shapely.to_wkb(poly, byte_order=0)
    assert g.srs_id(blob) == 4326
    assert g.envelope(blob) == (76.0, 77.0, 43.0, 44.0)
    assert shapely.equals_identical(g.to_shapely(blob), poly)


def test_blob_with_xyz_envelope_is_read():
    poly = shapely.Polygon([(76, 43, 1), (77, 43, 2), (77, 44, 3), (76, 43, 1)])
    header = struct.pack("<2sBBi6d", b"GP", 0, 0x05, 4326, 76.0, 77.0, 43.0, 44.0, 1.0, 3.0)
    blob = header + shapely.to_wkb(poly, flavor="iso")
    assert g.header_length(blob) == 8 + 48
    assert g.envelope(blob) == (76.0, 77.0, 43.0, 44.0)
    assert shapely.equals_identical(g.to_shapely(blob), poly)


@pytest.mark.parametrize(
    "blob, words",
    [
        (b"XX\x00\x01\xe6\x10\x00\x00" + shapely.to_wkb(shapely.Point(1, 2)), "does not start with 'GP'"),
        (b"GP", "does not start with 'GP'"),
        (b"GP\x00\x0b\xe6\x10\x00\x00" + bytes(40), "invalid envelope type 5"),
    ],
)
def test_malformed_blobs_raise_geometry_error(blob, words):
    with pytest.raises(GeometryError, match=words):
        g.to_shapely(blob)


def test_truncated_wkb_raises_geometry_error():
    blob = g.from_shapely(shapely.box(76, 43, 77, 44))[:-5]
    with pytest.raises(GeometryError, match="cannot be read"):
        g.to_shapely(blob)


def test_as_multi_promotes_only_polygons():
    poly = shapely.box(0, 0, 1, 1)
    assert g.as_multi(poly).geom_type == "MultiPolygon"
    assert g.as_multi(shapely.Point(1, 1)).geom_type == "Point"
    assert g.as_multi(None) is None


# -- UUIDv7 -------------------------------------------------------------------------------------
def test_new_uuid_is_a_valid_version_7_uuid():
    for _ in range(1000):
        text = new_uuid()
        parsed = uuidlib.UUID(text)
        assert str(parsed) == text  # canonical lowercase 8-4-4-4-12
        assert parsed.version == 7
        assert parsed.variant == uuidlib.RFC_4122


def test_new_uuid_carries_the_current_unix_milliseconds():
    before = time.time_ns() // 1_000_000
    text = new_uuid()
    after = time.time_ns() // 1_000_000
    ms = uuidlib.UUID(text).int >> 80
    assert before <= ms <= after


def test_new_uuids_sort_by_creation_time():
    made = []
    for _ in range(20):
        made.append(new_uuid())
        time.sleep(0.002)
    assert made == sorted(made)


def test_new_uuids_are_unique():
    assert len({new_uuid() for _ in range(10_000)}) == 10_000


def test_new_uuids_are_distinct_version_7():
    import uuid as uuidlib

    from baytak_desktop.layers.feature import new_uuids

    made = new_uuids(1000)
    assert len(set(made)) == 1000
    assert all(uuidlib.UUID(u).version == 7 and uuidlib.UUID(u).variant == uuidlib.RFC_4122 for u in made)
