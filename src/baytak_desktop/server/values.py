"""Pushed values checked with the app's own rules and put in the form the server stores.

Validation is ``baytak_desktop.layers.validation.prepare``, the function the desktop store uses, so a
value the app refuses is refused here with the same message. The stored value is the one the
GeoPackage store would hold (codes for vocabulary labels, numbers as numbers, polygons promoted to
multipolygons, 2D), except that text the client sent and the rules accept is kept exactly as sent:
``""`` stays ``""`` (not NULL), and an ISO date or time keeps its time zone and spelling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import shapely

from baytak_desktop.layers import LAYERS, LayerSchema, prepare
from baytak_desktop.layers.geometry import as_multi
from baytak_desktop.layers.schema import BOOKKEEPING, Field, FieldType
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.sync.protocol import ErrorCode, Value

GEOM = "geom"


def layer_schema(name: str) -> LayerSchema:
    try:
        return LAYERS[name]
    except KeyError:
        raise ApiError(
            ErrorCode.unknown_layer,
            "There is no layer named {layer!r}. Layers: {known}.",
            details={"layer": name, "known": list(LAYERS)},
            layer=name,
            known=", ".join(LAYERS),
        ) from None


def server_managed(schema: LayerSchema) -> set[str]:
    """Fields the server sets itself (bookkeeping stamps, values derived from the geometry): a client's
    value for them is for display only and never applied or compared."""
    return set(BOOKKEEPING) | {f.name for f in schema.fields if f.derived}


def check_field_names(schema: LayerSchema, names: list[str]) -> None:
    unknown = [name for name in names if name != GEOM and name not in schema.field_names]
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


def parse_wkb(value: Value) -> shapely.Geometry:
    if not isinstance(value, str):
        raise ApiError(
            ErrorCode.invalid_geometry,
            "The geometry must be hex-encoded WKB text, not {kind}.",
            details={"field": GEOM},
            kind=type(value).__name__,
        )
    try:
        return shapely.from_wkb(value)
    except (shapely.errors.GEOSException, ValueError, TypeError) as exc:
        raise ApiError(
            ErrorCode.invalid_geometry,
            "The geometry is not valid WKB: {reason}.",
            details={"field": GEOM},
            reason=str(exc),
        ) from None


def comparable(schema: LayerSchema, name: str, value: Value) -> Value:
    """A base value as the server would store it, so that comparing with the server's value means
    comparing stored forms (geometries by canonical WKB); a value that cannot be read stays as is."""
    if name != GEOM or value is None:
        return value
    try:
        geom = shapely.force_2d(parse_wkb(value))
    except ApiError:
        return value
    return canonical_wkb(as_multi(geom) if schema.is_polygon else geom)


def clean_values(schema: LayerSchema, new: Mapping[str, Value], *, whole: bool) -> dict[str, Value]:
    """Validate the client's new values; returns the values to store, including derived fields when
    the geometry is given. ``whole`` (a new feature) also requires every required field and a geometry."""
    if GEOM in new and new[GEOM] is None:
        raise ApiError(
            ErrorCode.invalid_geometry,
            "A feature must keep a geometry; it cannot be set to null.",
            details={"field": GEOM},
        )
    geometry = parse_wkb(new[GEOM]) if new.get(GEOM) is not None else None
    attributes = {name: value for name, value in new.items() if name != GEOM}
    prepared = prepare(schema, attributes, geometry, partial=not whole)
    errors = [p for p in prepared.problems if p.severity == "error"]
    if errors:
        code = ErrorCode.invalid_geometry if any(p.field == GEOM for p in errors) else ErrorCode.invalid_value
        raise ApiError(
            code,
            "{summary}",
            details={"problems": [str(p) for p in errors], "fields": sorted({p.field or "" for p in errors})},
            summary="; ".join(str(p) for p in errors[:5]),
        )
    stored: dict[str, Value] = {}
    for name, value in prepared.attributes.items():
        field = schema.field(name)
        stored[name] = new[name] if name in new and _keep_as_sent(field, new[name]) else _json_value(value)
    if prepared.geometry is not None:
        stored[GEOM] = canonical_wkb(prepared.geometry)
    return stored


def _keep_as_sent(field: Field, raw: Value) -> bool:
    """Free text, and dates/times already in ISO 8601, are stored exactly as the client sent them."""
    if not isinstance(raw, str):
        return False
    if field.type is FieldType.TEXT:
        return field.vocabulary is None
    if field.type in (FieldType.DATE, FieldType.DATETIME):
        return _is_iso(raw)
    return False


def _is_iso(text: str) -> bool:
    try:
        if len(text) == 10:
            dt.date.fromisoformat(text)
        else:
            dt.datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _json_value(value: Any) -> Value:
    if value is None or isinstance(value, (str, int, float)):
        return value
    return str(value)
