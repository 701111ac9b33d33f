"""One stored feature examined as other tools may have left it, with the repairs that can be made.

QGIS, GDAL and spreadsheets-turned-layers write what the app never would: a label where a code belongs
(``status='Закрыт'``), ``05.06.2024`` in a DATE column (GDAL then reads it as empty), a Polygon in a
MULTIPOLYGON layer (against the GeoPackage standard), raw WKB or junk where a GeoPackage geometry blob
belongs, numbers stored as text, an area left from before the polygon was reshaped. Each finding names
layer, fid, uuid and field; ``fixes`` holds what ``baytak validate --fix`` writes for the repairable ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from typing import Any

from shapely.errors import GEOSException

from baytak_desktop.errors import GeometryError, formatted
from baytak_desktop.layers import FieldType, LayerSchema, prepare
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.schema import BOOKKEEPING, Field
from baytak_desktop.layers.validation import derived_values
from baytak_desktop.layers.values import coerce
from baytak_desktop.store.foreign_blobs import foreign_geometry

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass(frozen=True)
class Finding:
    """One thing wrong with a store. ``message`` is English (what ``--json`` gives, the same everywhere);
    ``template`` and ``params`` are its source, so each front end says it in its own language."""

    check: str
    severity: str  # error, warning
    message: str
    layer: str | None = None
    uuid: str | None = None
    fid: int | None = None
    field: str | None = None
    fixable: bool = False
    params: dict[str, Any] = dataclass_field(default_factory=dict, compare=False)
    template: str | None = dataclass_field(default=None, compare=False)

    @classmethod
    def of(
        cls,
        template: str,
        check: str,
        severity: str,
        where: tuple[str | None, str | None, int | None, str | None] = (None, None, None, None),
        fixable: bool = False,
        /,
        **params: Any,
    ) -> Finding:
        """A finding whose message is ``template`` formatted with ``params``; ``where`` is (layer, uuid,
        fid, field). Positional-only, so a template may name any parameter."""
        layer, uuid, fid, name = where
        message = formatted(template, params)
        return cls(check, severity, message, layer, uuid, fid, name, fixable, params, template)

    def as_json(self) -> dict[str, Any]:
        return {
            "check": self.check, "severity": self.severity, "message": self.message, "layer": self.layer,
            "uuid": self.uuid, "fid": self.fid, "field": self.field, "fixable": self.fixable,
        }  # fmt: skip

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.check, self.layer, self.uuid, self.field)


@dataclass
class Examined:
    findings: list[Finding] = field(default_factory=list)
    fixes: dict[str, Any] = field(default_factory=dict)  # column -> value to write


def examine(schema: LayerSchema, row: tuple[Any, ...]) -> Examined:
    """Every problem of one row (fid, uuid, *fields, geom), each named, never stopping at the first."""
    fid, uuid, *values, blob = row
    found = Examined()

    def note(
        template: str,
        column: str | None,
        fix: Any = None,
        /,
        *,
        fixable: bool = False,
        severity: str = "error",
        **params: Any,
    ) -> None:
        where = (schema.name, uuid, fid, column)
        found.findings.append(Finding.of(template, "feature", severity, where, fixable, **params))
        if fixable and column is not None:
            found.fixes[column] = fix

    stored = dict(zip(schema.field_names, values, strict=True))
    clean = {f.name: _check_value(f, stored[f.name], note) for f in schema.editable_fields}
    geometry = _check_geometry(schema, blob, note)
    if geometry is not None:
        for name, value in derived_values(schema, geometry).items():
            if stored.get(name) is None:
                note(
                    "{name} is empty: it is computed from the geometry ({value})",
                    name,
                    value,
                    fixable=True,
                    name=name,
                    value=value,
                )
            elif stored[name] != value:
                note(
                    "{name} {stored} is stale: the geometry gives {value}",
                    name,
                    value,
                    fixable=True,
                    name=name,
                    stored=stored[name],
                    value=value,
                )
    unfixable = {f.field for f in found.findings if not f.fixable}
    for problem in prepare(schema, clean, geometry).problems:
        where = "geom" if problem.field in ("geom", "geometry") else problem.field
        if where not in unfixable:
            note(problem.template or problem.message, where, severity=problem.severity, **problem.params)
    return found


def _check_value(f: Field, raw: Any, note: Any) -> Any:
    """The value as its field holds it; a repairable difference (a label, a date spelling, a number
    stored as text) is noted with its fix, the rest is left for ``prepare`` to name."""
    if raw is None or f.name in BOOKKEEPING:
        return raw
    try:
        value = coerce(f, raw)
    except ValueError:
        return raw
    if f.vocabulary is not None and value != raw:
        note("{raw!r} is a label, not a code: the code is {value!r}", f.name, value, fixable=True, raw=raw, value=value)
    elif f.type is FieldType.DATE and not (isinstance(raw, str) and _ISO_DATE.match(raw)):
        note(
            "the date {raw!r} is not written as YYYY-MM-DD (GDAL and QGIS read it as empty)",
            f.name,
            value,
            fixable=True,
            raw=raw,
        )
    elif f.type is FieldType.DATETIME and not (isinstance(raw, str) and _ISO_DATETIME.match(raw)):
        note("the time {raw!r} is not written as ISO 8601", f.name, value, fixable=True, raw=raw)
    elif f.type in (FieldType.INTEGER, FieldType.REAL) and isinstance(raw, str):
        note("the number {raw!r} is stored as text", f.name, value, fixable=True, raw=raw)
    elif f.type is FieldType.BOOLEAN and value != raw:
        note("the yes/no value {raw!r} is not stored as 1 or 0", f.name, value, fixable=True, raw=raw)
    return value


def _check_geometry(schema: LayerSchema, blob: Any, note: Any) -> Any:
    """The geometry, read from a GeoPackage blob or, repairably, from raw WKB; the standard's geometry
    type (a Polygon in a MULTIPOLYGON layer, a LineString in a MULTILINESTRING one, a one-point MultiPoint
    in a POINT layer) repairably too."""
    if blob is None:
        return None
    try:
        geometry = blobs.to_shapely(blob)
    except (GeometryError, GEOSException, ValueError, TypeError):
        geometry = foreign_geometry(blob)
        if geometry is None:
            note("the geometry is not a GeoPackage geometry blob and cannot be read", "geom")
            return None
        note(
            "the geometry is not a GeoPackage geometry blob (SpatiaLite's or plain WKB, as SQL run in another"
            " program writes it): GDAL and QGIS skip it",
            "geom",
            blobs.from_shapely(geometry),
            fixable=True,
        )
    if geometry is None:
        return None
    if schema.geometry_type == "MULTIPOLYGON" and geometry.geom_type == "Polygon":
        geometry = blobs.as_multi(geometry)
        note(
            "a Polygon in a MULTIPOLYGON layer (GeoPackage requirement 32)",
            "geom",
            blobs.from_shapely(geometry),
            fixable=True,
        )
    elif schema.geometry_type == "MULTILINESTRING" and geometry.geom_type == "LineString":
        geometry = blobs.as_multi(geometry, schema.geometry_type)
        note(
            "a LineString in a MULTILINESTRING layer (GeoPackage requirement 32)",
            "geom",
            blobs.from_shapely(geometry),
            fixable=True,
        )
    elif schema.geometry_type == "POINT" and geometry.geom_type == "MultiPoint" and len(geometry.geoms) == 1:
        geometry = geometry.geoms[0]
        note("a one-point MultiPoint in a POINT layer", "geom", blobs.from_shapely(geometry), fixable=True)
    return geometry
