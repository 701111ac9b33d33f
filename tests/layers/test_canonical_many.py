"""``canonical.check_many`` (a whole push, column-wise) agrees with ``canonical.check`` (one change) on
every value: the same stored values, the same geometry, the same problems in the same order with the
same messages. Values come from hypothesis: good ones of each type, and the odd ones the door must
refuse (NaN, infinities, booleans, NUL and other control characters, lone surrogates, noncharacters,
text over the limit, other date spellings, curved, invalid, empty, 3D, out-of-region geometries, bad
WKB). Each drawn push mixes them, so the fast road and the fall-back to ``check`` meet in one call.
"""

from __future__ import annotations

import datetime as dt
import math
import struct

import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baytak_desktop.layers import LAYERS, FieldType
from baytak_desktop.layers.canonical import GEOM, check, check_many
from baytak_desktop.layers.schema import Field, LayerSchema

TODAY = dt.date(2026, 6, 1)
ODD_CHARACTERS = ["\x00", "\x07", "\x1b", "\x7f", "\x9f", "\ud800", "\udfff", "\ufdd0", "\ufffe", "\uffff"]


def _hex(geom: shapely.Geometry, **kwargs) -> str:
    return str(shapely.to_wkb(geom, hex=True, **kwargs))


# A curved geometry's WKB (ISO type 8, CircularString, three points), as shapely cannot write one.
CIRCULAR = struct.pack("<BII6d", 1, 8, 3, 76.9, 43.2, 77.0, 43.3, 77.1, 43.2).hex()
GEOMETRIES = {
    "POINT": [
        _hex(shapely.Point(76.95, 43.25)),
        _hex(shapely.Point(76.95, 43.25), byte_order=0),
        _hex(shapely.Point(76.95, 43.25, 700.0)),
        _hex(shapely.Point(76.95, 43.25, 700.0), flavor="iso"),
        _hex(shapely.Point(10.0, 50.0)),  # outside the region: a warning
        _hex(shapely.Point(200.0, 43.0)),  # outside the world
        _hex(shapely.Point()),  # empty
        _hex(shapely.LineString([(76.9, 43.2), (77.0, 43.3)])),  # wrong type
        _hex(shapely.MultiPoint([(76.9, 43.2)])),
        _hex(shapely.Point(76.95, 43.25), include_srid=True),
        _hex(shapely.set_srid(shapely.Point(76.95, 43.25), 4326), include_srid=True),  # lon/lat, named
        _hex(shapely.set_srid(shapely.Point(76.95, 43.25), 3857), include_srid=True),  # not degrees
    ],
    "LINESTRING": [
        _hex(shapely.LineString([(76.9, 43.2), (77.0, 43.3)])),
        _hex(shapely.MultiLineString([[(76.9, 43.2), (77.0, 43.3)]])),
        _hex(shapely.LineString([(76.9, 43.2), (76.9, 43.2)])),  # invalid: one point twice
    ],
    "MULTILINESTRING": [
        _hex(shapely.LineString([(76.9, 43.2), (77.0, 43.3)])),
        _hex(shapely.MultiLineString([[(76.9, 43.2), (77.0, 43.3)], [(77.1, 43.1), (77.2, 43.2)]])),
        _hex(shapely.LineString([(76.9, 43.2, 1.0), (77.0, 43.3, 2.0)])),
        _hex(shapely.LineString([(76.9, 43.2), (76.9, 43.2)])),
    ],
    "MULTIPOLYGON": [
        _hex(shapely.box(76.9, 43.2, 77.0, 43.3)),
        _hex(shapely.MultiPolygon([shapely.box(76.9, 43.2, 77.0, 43.3)])),
        _hex(shapely.Polygon([(76.9, 43.2), (77.0, 43.3), (77.0, 43.2), (76.9, 43.3)])),  # a bow tie
        _hex(shapely.box(76.9, 43.2, 77.0, 43.3).buffer(0.01)),
        _hex(shapely.set_srid(shapely.box(76.9, 43.2, 77.0, 43.3), 32643), include_srid=True, byte_order=0),
    ],
}
ANY_GEOMETRY = [
    CIRCULAR,
    "not hex",
    "01",
    "0101000000",  # a point cut short
    "00000000ff",
    _hex(shapely.GeometryCollection([shapely.Point(76.9, 43.2)])),
    "",
]


def text_values() -> st.SearchStrategy:
    return st.one_of(
        st.text(max_size=30),
        st.text(alphabet=st.sampled_from(["a", " ", "қ", "\t", "\n", *ODD_CHARACTERS]), max_size=12),
        st.sampled_from(["", "   ", "Бесағаш", "x" * 500, "x" * 501, " x" * 300, "Алматы қаласы", "almaty", "ALMATY"]),
    )


def number_values() -> st.SearchStrategy:
    return st.one_of(
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=True, allow_infinity=True),
        st.sampled_from([math.nan, math.inf, -math.inf, 0.5, 1e308, "1 200,5", "12", "abc", "NaN", "1e400"]),
    )


def date_values() -> st.SearchStrategy:
    return st.one_of(
        st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2030, 1, 1)).map(dt.date.isoformat),
        st.sampled_from(
            [
                "2024-W01-1",
                "20240101",
                "2024-02-30",
                "2024-01-01T10:00:00.000Z",
                "2024-01-01T10:00:00+05:00",
                "01.05.2025",
                "2025",
                "2026-06-02",
                "1849-12-31",
                "2024-13-01",
            ]
        ),
    )


def value_for(field: Field) -> st.SearchStrategy:
    odd = st.one_of(st.none(), st.booleans(), st.sampled_from([math.nan, 0, 1, 2.5, "", "\x00"]))
    if field.vocabulary is not None:
        labels = [label for term in field.vocabulary.terms for label in (term.code, term.kk, term.ru, term.en)]
        typed = st.one_of(st.sampled_from(labels), st.sampled_from(labels).map(str.upper), text_values())
    elif field.type is FieldType.TEXT:
        typed = text_values()
    elif field.type in (FieldType.INTEGER, FieldType.REAL):
        typed = number_values()
    elif field.type is FieldType.BOOLEAN:
        typed = st.sampled_from([True, False, 1, 0, "да", "иә", "жоқ", "нет", "yes", "maybe", 2, math.nan])
    else:
        typed = date_values()
    return st.one_of(typed, typed, typed, odd)


def good_value(field: Field) -> st.SearchStrategy:
    """A value the door takes as it is (mostly: a drawn one may still break a field's own rule)."""
    if field.vocabulary is not None:
        return st.sampled_from([term.code for term in field.vocabulary.terms] + [field.vocabulary.terms[0].ru])
    if field.type is FieldType.TEXT:
        return st.text(alphabet="abcқәж 1", min_size=1, max_size=20).filter(lambda text: len(text.strip()) >= 3)
    if field.type is FieldType.INTEGER:
        return st.integers(min_value=0, max_value=50)
    if field.type is FieldType.REAL:
        return st.floats(min_value=0, max_value=50)
    if field.type is FieldType.BOOLEAN:
        return st.sampled_from([True, False, 1, 0])
    if field.type is FieldType.DATE:
        return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2026, 5, 31)).map(dt.date.isoformat)
    return st.just("2024-01-01T10:00:00.000Z")


@st.composite
def changes(draw: st.DrawFn, schema: LayerSchema) -> dict[str, object]:
    """The new values of one change: some of the layer's fields, maybe a geometry. Half of the changes
    are drawn mostly clean (every required field, good values, a good geometry), with now and then one
    odd value or geometry, so that the fast road is taken and must notice the odd one."""
    geometries = GEOMETRIES[schema.geometry_type]
    if draw(st.booleans()):
        names = [f.name for f in schema.editable_fields if f.required or draw(st.booleans())]
        new: dict[str, object] = {
            name: draw(st.one_of(*[good_value(schema.field(name))] * 6, value_for(schema.field(name))))
            for name in names
        }
        new[GEOM] = draw(st.one_of(*[st.sampled_from(geometries[:2])] * 6, st.sampled_from(geometries)))
        return new
    names = draw(st.lists(st.sampled_from(schema.field_names), unique=True, max_size=len(schema.field_names)))
    new = {name: draw(value_for(schema.field(name))) for name in names}
    geometry = draw(
        st.one_of(
            st.just("absent"),
            st.none(),
            st.sampled_from(geometries),
            st.sampled_from(geometries),
            st.sampled_from(ANY_GEOMETRY),
            st.integers(),
        )
    )
    if geometry != "absent":
        new[GEOM] = geometry
    return new


@st.composite
def pushes(draw: st.DrawFn) -> tuple[LayerSchema, list[dict[str, object]], bool]:
    schema = draw(st.sampled_from([LAYERS.layer(name) for name in LAYERS.names]))
    return schema, draw(st.lists(changes(schema), max_size=12)), draw(st.booleans())


def _same(one, other) -> bool:
    if one is None or other is None:
        return one is other
    return bool(shapely.equals_exact(one, other, 0.0)) and shapely.to_wkb(one) == shapely.to_wkb(other)


def _values(values: dict) -> dict:
    """NaN never equals itself: compare it by spelling."""
    return {name: ("nan" if isinstance(v, float) and math.isnan(v) else v) for name, v in values.items()}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pushes())
def test_check_many_agrees_with_check(push) -> None:
    schema, news, whole = push
    many = check_many(schema, news, whole=whole, today=TODAY)
    assert len(many) == len(news)
    for new, got in zip(news, many, strict=True):
        one = check(schema, new, whole=whole, today=TODAY)
        assert [(p.field, p.severity, str(p)) for p in got.problems] == [
            (p.field, p.severity, str(p)) for p in one.problems
        ]
        assert _values(got.values) == _values(one.values)
        assert list(got.values) == list(one.values)
        assert _same(got.geometry, one.geometry)


def test_a_geometry_named_in_another_coordinate_system_is_refused_on_both_roads() -> None:
    schema = next(s for s in LAYERS.values() if s.geometry_type == "POINT")
    tagged = [_hex(shapely.set_srid(shapely.Point(76.95, 43.25), srid), include_srid=True) for srid in (3857, 4326)]
    news = [{GEOM: wkb} for wkb in tagged]
    for found in (check_many(schema, news, whole=False, today=TODAY), [check(schema, n, whole=False) for n in news]):
        assert [p.template for p in found[0].errors] == [
            "the geometry is in the coordinate system EPSG:{srid}; send it in longitude and latitude (EPSG:4326)"
        ]
        assert found[0].errors[0].params["srid"] == 3857
        assert not found[1].errors and found[1].geometry.equals(shapely.Point(76.95, 43.25))


def test_a_clean_push_takes_the_fast_road_with_the_same_result() -> None:
    """Thousands of good new points (as a device sends them): the same answers as one by one."""
    schema = LAYERS.layer("brick_factories")
    news = [
        {
            "name": f"Зауыт №{i}",
            "status": ("operating", "closed", "relocated", "unknown")[i % 4],
            "branch": "almaty",
            "notes": "Бесағаш маңы",
            GEOM: _hex(shapely.Point(76.9 + i * 1e-5, 43.2)),
        }
        for i in range(2_000)
    ]
    many = check_many(schema, news, whole=True, today=TODAY)
    for new, got in zip(news, many, strict=True):
        one = check(schema, new, whole=True, today=TODAY)
        assert got.values == one.values and got.problems == one.problems == []
        assert _same(got.geometry, one.geometry)
