"""Pushed values checked with the app's own rules and put in the form the server stores, at the door.

Every value is cleaned once, here, by ``baytak_desktop.layers.canonical.check``: the rules the device
applies before it seals a changeset (so it holds what the server would refuse), followed by
``layers.validation.prepare``, the store's own validation. A refused value refuses its change only
(``invalid_value`` / ``invalid_geometry``), never the changeset, the same on SQLite and PostgreSQL.
The stored value is the one the GeoPackage store would hold (codes for vocabulary labels, numbers as
numbers, polygons promoted to multipolygons, 2D); free text is kept exactly as sent (``""`` stays
``""``) and its length limit is checked on exactly that text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import cast

import shapely

from baytak_desktop.errors import Problem, phrase
from baytak_desktop.layers import Catalog, FieldType, LayerSchema, canonical
from baytak_desktop.layers.geometry import as_multi
from baytak_desktop.layers.values import ValueProblem, text_problem
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.sync.protocol import AttachmentRef, ErrorCode, Value

GEOM = "geom"


def layer_schema(catalog: Catalog, name: str) -> LayerSchema:
    """The schema of one of the server's layers (``server.catalog.catalog_of``), or unknown_layer."""
    schema = catalog.get(name)
    if schema is None:
        raise ApiError(
            ErrorCode.unknown_layer,
            "There is no layer named {layer!r}. Layers: {known}.",
            details={"layer": canonical.shown(name), "known": list(catalog.names)},
            layer=canonical.shown(name),
            known=", ".join(catalog.names),
        )
    return schema


def server_managed(schema: LayerSchema) -> frozenset[str]:
    """Fields the server sets itself (bookkeeping stamps, values derived from the geometry): a client's
    value for them is for display only and never applied or compared."""
    return schema.managed_names


def check_field_names(schema: LayerSchema, names: list[str]) -> None:
    unknown = [canonical.shown(name) for name in names if name != GEOM and name not in schema.field_names]
    if unknown:
        raise ApiError(
            ErrorCode.unknown_field,
            "Layer {layer} has no field(s) {names}. Fields: {known}.",
            details={"fields": unknown},
            layer=schema.name,
            names=", ".join(map(repr, unknown)),
            known=", ".join((*schema.field_names, GEOM)),
        )


def canonical_wkb(geom: shapely.Geometry) -> str:
    """The one hex spelling of a geometry: ISO WKB, little-endian, 2D, upper case (shapely's own)."""
    return str(shapely.to_wkb(geom, hex=True, flavor="iso", byte_order=1, output_dimension=2))


def comparable(schema: LayerSchema, name: str, value: Value) -> Value:
    """A base value as the server would store it, so that comparing with the server's value means
    comparing stored forms (geometries by canonical WKB, labels as codes); a value that cannot be read
    stays as is (it then equals nothing the server stores)."""
    if value is None:
        return None
    try:
        if name == GEOM:
            geom = canonical.wire_geometry(value)
            return canonical_wkb(as_multi(geom, schema.geometry_type))
        if name in schema.field_names:
            return cast(Value, canonical.wire_value(schema.field(name), value))
    except ValueProblem:
        pass
    return value


def clean_values(
    schema: LayerSchema, new: Mapping[str, Value], *, whole: bool, today: dt.date | None = None
) -> dict[str, Value]:
    """The client's new values in the form the server stores, with the derived fields when the geometry
    is given; ``whole`` (a new feature) also requires every required field and a geometry. Refused with
    ``invalid_value`` or ``invalid_geometry`` (every problem in ``details``) by the rules the device
    applies before it sends anything (``layers.canonical``)."""
    return _stored(canonical.check(schema, new, whole=whole, today=today))


def clean_many(
    schema: LayerSchema, news: Sequence[Mapping[str, Value]], *, whole: bool, today: dt.date | None = None
) -> list[dict[str, Value] | ApiError]:
    """``clean_values`` for many changes of one layer (a push): checked column-wise by
    ``canonical.check_many`` and the geometries written as WKB in one call; each refused change gets
    exactly the error ``clean_values`` raises for it."""
    checked = canonical.check_many(schema, news, whole=whole, today=today)
    geoms = [c.geometry for c in checked if c.geometry is not None and not c.errors]
    wkbs = iter(canonical_wkbs(geoms))
    found: list[dict[str, Value] | ApiError] = []
    for one in checked:
        try:
            found.append(_stored(one, next(wkbs) if one.geometry is not None and not one.errors else None))
        except ApiError as error:
            found.append(error)
    return found


def canonical_wkbs(geoms: list[shapely.Geometry]) -> list[str]:
    """``canonical_wkb`` of many geometries in one call."""
    if not geoms:
        return []
    return [str(text) for text in shapely.to_wkb(geoms, hex=True, flavor="iso", byte_order=1, output_dimension=2)]


def _stored(checked: canonical.Checked, wkb: str | None = None) -> dict[str, Value]:
    """A checked change's stored values (``wkb``: its geometry's canonical WKB when already written),
    or the ApiError that refuses it."""
    errors = checked.errors
    if errors:
        code = ErrorCode.invalid_geometry if any(p.field == GEOM for p in errors) else ErrorCode.invalid_value
        lines = [str(p) for p in errors]
        raise ApiError(
            code,
            "{summary}",
            details={"problems": lines, "fields": sorted({p.field or "" for p in errors})},
            problems=errors[:5],
            summary="; ".join(lines[:5]),
        )
    stored: dict[str, Value] = dict(checked.values)
    if checked.geometry is not None:
        stored[GEOM] = wkb if wkb is not None else canonical_wkb(checked.geometry)
    return stored


def check_bases(schema: LayerSchema, bases: Mapping[str, Value]) -> None:
    """A base is a value the device once had from the server, compared and kept in conflict records:
    it must be a value the server could have stored (text without refused characters and within its
    field's limit, a finite number, no boolean), or the change is refused like a bad new value."""
    problems = [
        Problem.of("the base value {problem}", field=name, problem=phrase(problem.template, **problem.params))
        for name, base in bases.items()
        if (problem := canonical.sendable_value_problem(base) or _base_length_problem(schema, name, base)) is not None
    ]
    if problems:
        lines = [str(p) for p in problems]  # as before: "field notes: the base value ..."
        raise ApiError(
            ErrorCode.invalid_value,
            "{summary}",
            details={"problems": lines, "fields": sorted(bases)},
            problems=problems[:5],
            summary="; ".join(lines[:5]),
        )


# The longest spelling of a value that is not free text: a code or one of its labels (a title is at
# most 200 characters), a number, a date.
_LONGEST_SPELLING = 200


def _base_length_problem(schema: LayerSchema, name: str, base: Value) -> ValueProblem | None:
    """Text longer than its field ever stores is no base the server gave: it would be kept in a
    conflict record unbounded. The geometry's base is WKB, bounded by the body's size like the geometry."""
    if not isinstance(base, str) or name == GEOM or name not in schema.field_names:
        return None
    field = schema.field(name)
    free_text = field.type is FieldType.TEXT and field.vocabulary is None
    limit = field.max_length if free_text else _LONGEST_SPELLING
    if len(base) <= limit:
        return None
    return ValueProblem("is {length} characters long; at most {limit} are allowed", length=len(base), limit=limit)


# Each free-text description of an attachment, with the most characters it may have as stored: the door's,
# per change (the protocol's model leaves them to it, so one long caption does not refuse a whole push).
ATTACHMENT_TEXT_LIMITS = {"mime": 100, "original_name": 500, "caption": 2_000, "taken_at": 64, "camera": 200}


def check_attachments(refs: list[AttachmentRef]) -> None:
    """Attachment descriptions are stored and shown: the same rule as every other text, and a limit."""
    for ref in refs:
        for name, limit in ATTACHMENT_TEXT_LIMITS.items():
            text = getattr(ref, name)
            problem = None if text is None else _description_problem(text, limit)
            if problem is not None:
                raise ApiError(
                    ErrorCode.invalid_value,
                    "attachment {sha256}, {name}: {problem}",
                    details={"fields": [name]},
                    sha256=ref.sha256,
                    name=name,
                    problem=phrase(problem.template, **problem.params),
                )


def check_attachment_sizes(refs: list[AttachmentRef], sizes: Mapping[str, int]) -> None:
    """The size is stored and shown beside the blob: it is the blob's (``sizes``: every blob named is
    there), or refused; a push and a resolution alike (a resolution stored any number, 2**70 a fault)."""
    wrong = next((ref for ref in refs if ref.size != sizes[ref.sha256]), None)
    if wrong is not None:
        raise ApiError(
            ErrorCode.invalid_value,
            "Attachment {sha256} has {size} bytes on the server, not {claimed}; send the size of the file uploaded.",
            details={"fields": ["attachments_added"], "sha256": wrong.sha256},
            sha256=wrong.sha256,
            size=sizes[wrong.sha256],
            claimed=wrong.size,
        )


def _description_problem(text: str, limit: int) -> ValueProblem | None:
    if len(text) > limit:
        return ValueProblem("is {length} characters long; at most {limit} are allowed", length=len(text), limit=limit)
    return text_problem(text)
