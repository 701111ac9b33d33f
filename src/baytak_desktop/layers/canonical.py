"""The one spelling of every value that crosses the wire, checked the same way on the device and the server.

The server cleans each value a push or a resolution brings with ``check``; the device runs the same
``check`` before it seals a changeset, so a value the server would refuse is held on the device with the
same message instead of being sent at all. A value is refused (a ``Problem``), not repaired, whenever
repairing it would store something other than what the person sees:

- text: no NUL or other control characters (tab, line feed and carriage return are text), no lone
  surrogates (UTF-8 cannot hold them: PostgreSQL refuses them, SQLite stores garbage), no Unicode
  noncharacters. The length limit is checked on the text exactly as it is stored;
- yes/no fields: 1 or 0 (``true``/``false`` and the words the store reads as yes or no are taken as
  them);
- numbers: finite numbers (JSON numbers, or text the store reads as a number, ``"1 200,5"``).
  ``true``/``false`` are not numbers and ``NaN``/``Infinity`` are not finite (JSON has none of them).
  An INTEGER field takes whole numbers that fit in 64 bits; text fields take text, not numbers;
- dates ``YYYY-MM-DD`` only, date-times ``YYYY-MM-DDTHH:MM:SS.sssZ`` (UTC, as the store writes them):
  ``20240101``, ``2024-W01-1`` or a time with an offset are refused, not guessed, because a device
  would store each of them differently from the server;
- coded values: the code, or one of its labels in Kazakh, Russian or English, stored as the code (as
  the store does), so a branch label is the branch before anyone checks rights with it;
- the geometry: hex ISO WKB of a linear geometry in longitude and latitude (EPSG:4326). Curves
  (CircularString, CurvePolygon...) are refused: the layers and every tool reading them here are
  linear. An EWKB tagged with another coordinate system (an SRID other than 0 or 4326) is refused, not
  reprojected: its numbers are not degrees, and the protocol carries lon/lat only.

After these, ``prepare`` (the store's own validation) checks required fields, ranges, dates not in the
future and the geometry's type, extent and validity.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely

from baytak_desktop.errors import Problem
from baytak_desktop.layers.geometry import as_multi
from baytak_desktop.layers.schema import Field, FieldType, LayerSchema
from baytak_desktop.layers.validation import REGION, TYPE_IDS, derived_values, field_problems, prepare
from baytak_desktop.layers.values import BAD_CHARACTER, ValueProblem, coerce, text_problem

GEOM = "geom"
INT64 = (-(2**63), 2**63 - 1)
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")
# WKB geometry type codes that are not linear: CircularString .. Triangle (ISO), in any dimension.
_CURVED = set(range(8, 18))
_EWKB_SRID = 0x20000000  # the EWKB flag: an SRID follows the type code
LON_LAT_SRIDS = (0, 4326)  # no coordinate system named (the wire's lon/lat), or lon/lat named


def shown(text: str, limit: int = 100) -> str:
    """``text`` safe to store and to show in a message: each character ``text_problem`` refuses written
    as ``\\uXXXX``, cut at ``limit`` characters."""
    cut = text if len(text) <= limit else text[: limit - 1] + "…"
    return BAD_CHARACTER.sub(lambda m: f"\\u{ord(m.group()):04x}", cut)


def wire_value(field: Field, raw: object) -> Any:
    """The stored form of ``raw`` sent for ``field``; ValueProblem when it has none. None stays None
    (whether the field may be empty is ``prepare``'s rule)."""
    if raw is None:
        return None
    if field.type is FieldType.BOOLEAN:
        return _yes_no(field, raw)
    if isinstance(raw, bool):
        raise ValueProblem("{value} is not a value: send text, a number or a date", value=str(raw).lower())
    if field.type is FieldType.TEXT:
        return _text(field, raw)
    if field.type in (FieldType.INTEGER, FieldType.REAL):
        return _number(field, raw)
    return _moment(field, raw)


def sendable_value_problem(value: object) -> ValueProblem | None:
    """Why ``value`` is no value any field could store (whatever its type), or None: a boolean, a
    number that is not finite, text with a refused character; with its template and parameters, so
    the reason is said in the reader's language."""
    if isinstance(value, bool):
        return ValueProblem("{value} is not a value", value=str(value).lower())
    if isinstance(value, float) and not math.isfinite(value):
        return ValueProblem("{value} is not a finite number", value=str(value))
    if isinstance(value, str):
        return text_problem(value)
    return None


def _checked_text(field: Field, raw: object) -> str:
    if not isinstance(raw, str):
        raise ValueProblem("{value} is not text; send it as text", value=_short(raw))
    problem = text_problem(raw)
    if problem is not None:
        raise problem
    return raw


def _text(field: Field, raw: object) -> Any:
    text = _checked_text(field, raw)
    if field.vocabulary is not None:
        return None if not text.strip() else coerce(field, text)
    if len(text) > field.max_length:
        raise ValueProblem(
            "is {length} characters long; at most {limit} are allowed", length=len(text), limit=field.max_length
        )
    return text


def _number(field: Field, raw: object) -> int | float | None:
    """A JSON number, or text the store reads as one (``"1 200,5"``, as spreadsheets write it)."""
    if isinstance(raw, str):
        if text_problem(raw) is not None:
            raise ValueProblem("{value} is not a number", value=_short(raw))
        raw = coerce(field, raw)
        if raw is None:
            return None
    if not isinstance(raw, (int, float)):
        raise ValueProblem("{value} is not a number", value=_short(raw))
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueProblem("{value} is not a finite number", value=str(raw))
    if field.type is FieldType.REAL:
        try:
            return float(raw)
        except OverflowError:
            raise ValueProblem("{value} is too large for a number", value=_short(raw)) from None
    if isinstance(raw, float) and not raw.is_integer():
        raise ValueProblem("{value!r} is not a whole number", value=raw)
    whole = int(raw)
    if not INT64[0] <= whole <= INT64[1]:
        raise ValueProblem("{value} is too large for a whole number", value=_short(raw))
    return whole


def _yes_no(field: Field, raw: object) -> int | None:
    """1 or 0, as the store keeps a yes/no field: ``true``/``false``, the numbers 1 and 0, or text the
    store reads as yes or no (``"да"``, ``"иә"``); nothing else (NaN is not "empty" here)."""
    if isinstance(raw, float) and not math.isfinite(raw):
        raise ValueProblem("{value} is not a finite number", value=str(raw))
    if (isinstance(raw, str) and text_problem(raw) is not None) or not isinstance(raw, (bool, int, float, str)):
        raise ValueProblem("{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)", value=_short(raw))
    try:
        value = coerce(field, raw)
    except ValueProblem:
        raise ValueProblem(
            "{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)", value=_short(raw)
        ) from None
    return None if value is None else int(value)


def _moment(field: Field, raw: object) -> str:
    text = raw if isinstance(raw, str) else None
    pattern = DATE if field.type is FieldType.DATE else DATETIME
    try:
        if text is None or text_problem(text) is not None or pattern.match(text) is None:
            raise ValueError(raw)
        if field.type is FieldType.DATE:
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text[:-1])
    except ValueError:
        if field.type is FieldType.DATE:
            raise ValueProblem(
                "{value} is not a date written YYYY-MM-DD (only this spelling is accepted)", value=_short(raw)
            ) from None
        raise ValueProblem(
            "{value} is not a date and time written YYYY-MM-DDTHH:MM:SS.sssZ (only this spelling is accepted)",
            value=_short(raw),
        ) from None
    return text


def _short(raw: object) -> str:
    return shown(raw if isinstance(raw, str) else repr(raw), 40)


def wire_geometry(value: object) -> shapely.Geometry:
    """A geometry from the wire's hex ISO WKB (2D); ValueProblem for anything else, curves included."""
    if not isinstance(value, str):
        raise ValueProblem("the geometry must be hex-encoded WKB text, not {value}", value=_short(value))
    try:
        wkb = bytes.fromhex(value)
    except ValueError:
        raise ValueProblem("the geometry is not hex-encoded WKB") from None
    kind = _wkb_type(wkb)
    if kind is None:
        raise ValueProblem("the geometry is not valid WKB")
    if kind in _CURVED:
        raise ValueProblem("curved geometries (type {code}) are not accepted; convert the curves to lines", code=kind)
    srid = _wkb_srid(wkb)
    if srid not in LON_LAT_SRIDS:
        raise ValueProblem(
            "the geometry is in the coordinate system EPSG:{srid}; send it in longitude and latitude (EPSG:4326)",
            srid=srid,
        )
    try:
        geom = shapely.from_wkb(wkb)
        _linear_parts(geom)
        flat = shapely.force_2d(geom)
    except (shapely.errors.GEOSException, ValueError, NotImplementedError):
        raise ValueProblem("the geometry is not valid WKB of a linear geometry") from None
    if flat is None:  # GEOS read a part it cannot handle (a curve inside a collection)
        raise ValueProblem("the geometry is not valid WKB of a linear geometry")
    return flat


def _linear_parts(geom: shapely.Geometry) -> None:
    """Raise NotImplementedError when a collection holds a curve (GEOS reads it, then cannot use it)."""
    if shapely.get_type_id(geom) == 7:
        for part in shapely.get_parts(geom):
            _linear_parts(part)


def _wkb_type(wkb: bytes) -> int | None:
    """The base type code of a WKB (ISO or EWKB, either byte order): 1 Point .. 17 Triangle."""
    if len(wkb) < 5 or wkb[0] not in (0, 1):
        return None
    code = int.from_bytes(wkb[1:5], "little" if wkb[0] == 1 else "big")
    return (code & 0x0FFFFFFF) % 1000


def _wkb_srid(wkb: bytes) -> int:
    """The SRID an EWKB names in its header (0 when it names none, as ISO WKB never does); the header
    is known to be there (``_wkb_type`` read it). Signed, as PostGIS reads it."""
    order: Literal["little", "big"] = "little" if wkb[0] == 1 else "big"
    if not int.from_bytes(wkb[1:5], order) & _EWKB_SRID or len(wkb) < 9:  # cut short: GEOS refuses it
        return 0
    return int.from_bytes(wkb[5:9], order, signed=True)


@dataclass(frozen=True)
class Checked:
    """Values in their stored form (derived fields included when the geometry is given), the parsed
    geometry, and every problem found (``errors`` refuse the change)."""

    values: dict[str, Any]
    geometry: shapely.Geometry | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def latest_date() -> dt.date:
    """The date it is now somewhere on Earth (UTC+14): a date "not in the future" is checked against
    it, so a device in Kazakhstan after midnight and a server on UTC agree on what is today."""
    return (dt.datetime.now(dt.UTC) + dt.timedelta(hours=14)).date()


def check(schema: LayerSchema, new: Mapping[str, object], *, whole: bool, today: dt.date | None = None) -> Checked:
    """Check the values a change sets (``new``: field name -> wire value, the geometry under ``geom``).
    ``whole`` (a new feature) also requires every required field and a geometry. Unknown field names
    are the caller's to refuse; they are ignored here."""
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    for name, raw in new.items():
        if name == GEOM or name not in schema.field_names:
            continue
        try:
            values[name] = wire_value(schema.field(name), raw)
        except ValueProblem as exc:
            problems.append(Problem.of(exc.template, field=name, **exc.params))
    geometry = None
    if GEOM in new and new[GEOM] is None:
        problems.append(Problem.of("a feature must keep a geometry; it cannot be set to null", field=GEOM))
    elif new.get(GEOM) is not None:
        try:
            geometry = wire_geometry(new[GEOM])
        except ValueProblem as exc:
            problems.append(Problem.of(exc.template, field=GEOM, **exc.params))
    refused = {p.field for p in problems}
    prepared = prepare(
        schema, values, geometry if GEOM not in refused else None, today=today or latest_date(), partial=not whole
    )
    problems += [p for p in prepared.problems if p.field not in refused]
    derived = {name: prepared.attributes[name] for name in _derived(schema) if name in prepared.attributes}
    return Checked({**values, **derived}, prepared.geometry, problems)


def _derived(schema: LayerSchema) -> list[str]:
    return [f.name for f in schema.fields if f.derived]


# ----------------------------------------------------------------------------------- many changes at once
#
# ``check_many`` is ``check`` over a whole push: each field's rule is applied per column (free text in
# one pass over the column, any other value once per distinct value), the geometries decoded and
# checked in one GEOS call each. Only a change in which every value passes on that fast road is
# answered from it; any change with a problem (error or warning) or anything unusual is checked again
# by ``check`` itself, so its problems, their order and their messages are exactly ``check``'s.
# tests/layers/test_canonical_many.py checks with hypothesis that both always agree.

# WKB base type codes taken on the fast road per layer geometry type (the ones ``TYPE_IDS`` allows).
_FAST_WKB = {"POINT": (1,), "LINESTRING": (2,), "MULTILINESTRING": (2, 5), "MULTIPOLYGON": (3, 6)}
_NOT_FAST = object()  # a value the fast road does not take: its change is checked by ``check``


def check_many(
    schema: LayerSchema, news: Sequence[Mapping[str, object]], *, whole: bool, today: dt.date | None = None
) -> list[Checked]:
    """``[check(schema, new, whole=whole, today=today) for new in news]``, the same results, column-wise."""
    today = today or latest_date()
    count = len(news)
    slow = np.zeros(count, dtype=bool)
    names = [name for name in schema.field_names if name != GEOM]
    columns: dict[str, list[Any]] = {}
    for name in names:
        present = [new.get(name, _NOT_FAST) for new in news]
        if all(value is _NOT_FAST for value in present):
            continue
        stored = _fast_column(schema.field(name), present, today)
        for row, value in enumerate(stored):
            if value is _NOT_FAST and present[row] is not _NOT_FAST:
                slow[row] = True
        columns[name] = stored
    if whole:
        for field in schema.editable_fields:
            if field.required:
                for row, new in enumerate(news):
                    if field.name not in new:
                        slow[row] = True
    geometries = _fast_geometries(schema, news, slow, whole)
    derived_names = _derived(schema)
    found: list[Checked] = []
    for row, new in enumerate(news):
        if slow[row]:
            found.append(check(schema, new, whole=whole, today=today))
            continue
        values = {name: columns[name][row] for name in new if name in columns}
        geometry = geometries[row]
        if geometry is not None and derived_names:
            values.update(derived_values(schema, geometry))
        found.append(Checked(values, geometry, []))
    return found


def _fast_column(field: Field, raw: list[Any], today: dt.date) -> list[Any]:
    """Each value's stored form when it passes ``wire_value`` and the store's rule for its field
    without any problem, else ``_NOT_FAST``."""
    if field.type is FieldType.TEXT and field.vocabulary is None:
        return _fast_text(field, raw)
    out: list[Any] = []
    seen: dict[tuple[type, Any], Any] = {}
    for value in raw:
        if value is _NOT_FAST:
            out.append(_NOT_FAST)
            continue
        key = (type(value), value)
        try:
            out.append(seen[key])
            continue
        except (KeyError, TypeError):
            pass
        stored = _fast_value(field, value, today)
        with contextlib.suppress(TypeError):  # a value that cannot be a key is checked each time
            seen[key] = stored
        out.append(stored)
    return out


def _fast_value(field: Field, raw: object, today: dt.date) -> Any:
    try:
        stored = wire_value(field, raw)
    except ValueProblem:
        return _NOT_FAST
    return _NOT_FAST if field_problems(field, stored, today) else stored


def _fast_text(field: Field, raw: list[Any]) -> list[Any]:
    """Free text: the text as sent when it is text, holds no refused character, is within the length
    limit, and is not blank (the store's rule reads blank as empty: ``check`` says what that means)."""
    out: list[Any] = []
    for value in raw:
        if type(value) is not str or len(value) > field.max_length:
            out.append(_NOT_FAST)
            continue
        stripped = value.strip()
        if not stripped or (field.min_length is not None and len(stripped) < field.min_length):
            out.append(_NOT_FAST)
            continue
        out.append(value)
    texts = [value for value in out if value is not _NOT_FAST]
    if texts and BAD_CHARACTER.search("".join(texts)):  # rare: find which
        out = [value if value is _NOT_FAST or text_problem(value) is None else _NOT_FAST for value in out]
    return out


def _fast_geometries(
    schema: LayerSchema, news: Sequence[Mapping[str, object]], slow: np.ndarray, whole: bool
) -> list[shapely.Geometry | None]:
    """The checked geometry of each change whose geometry passes every rule without a problem (no
    warning either); ``slow`` is set for the others. A change without a geometry: None (an update), or
    slow (a new feature needs one)."""
    count = len(news)
    found: list[shapely.Geometry | None] = [None] * count
    rows, wkbs = [], []
    accepted = _FAST_WKB[schema.geometry_type]
    for row, new in enumerate(news):
        if GEOM not in new:
            if whole:
                slow[row] = True
            continue
        value = new[GEOM]
        try:
            if not isinstance(value, str):
                raise ValueError(value)
            wkb = bytes.fromhex(value)
        except ValueError:
            slow[row] = True
            continue
        if _wkb_type(wkb) not in accepted or _wkb_srid(wkb) != 0:  # a named SRID: ``check`` judges it
            slow[row] = True
            continue
        rows.append(row)
        wkbs.append(wkb)
    if not rows:
        return found
    try:
        geoms = shapely.force_2d(shapely.from_wkb(np.array(wkbs, dtype=object), on_invalid="ignore"))
    except (shapely.errors.GEOSException, ValueError, NotImplementedError):
        slow[rows] = True
        return found
    known = ~shapely.is_missing(geoms)
    fine = known.copy()
    fine[known] = np.isin(shapely.get_type_id(geoms[known]), TYPE_IDS[schema.geometry_type])
    fine[known] &= ~shapely.is_empty(geoms[known])
    with np.errstate(invalid="ignore"):
        bounds = shapely.bounds(geoms)
        fine &= (bounds[:, 0] >= REGION[0]) & (bounds[:, 2] <= REGION[2])
        fine &= (bounds[:, 1] >= REGION[1]) & (bounds[:, 3] <= REGION[3])
    fine[fine] &= shapely.is_valid(geoms[fine])
    for at, row in enumerate(rows):
        if not fine[at]:
            slow[row] = True
        else:
            geom = geoms[at]
            found[row] = geom if schema.is_point else shapely.force_2d(as_multi(geom, schema.geometry_type))
    return found
