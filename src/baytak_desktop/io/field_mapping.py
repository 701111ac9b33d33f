"""Which column of a source file fills which field of a layer, and what the user gives as a constant.

Columns match fields by explicit ``SRC=DST`` pairs, then by name (any case), then by the name the field
has in a Shapefile: .dbf field names have at most 10 characters, so our export writes ``legal_status``
as ``legal_stat``, and so do GDAL, QGIS and ArcGIS (the first ten characters). The same function names
them on export and recognises them on import, so an exported Shapefile comes back with every field.
Every column that fills no field is listed, so nothing is dropped without a word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from baytak_desktop.errors import BaytakError, Problem, json_param
from baytak_desktop.layers import LayerSchema, prepare

SHAPEFILE_NAME_LENGTH = 10
IDENTITY_COLUMN = "uuid"


class FieldMapError(BaytakError):
    pass


@dataclass
class ColumnMapping:
    """Field -> values from the file; the uuid column; columns not imported, and why."""

    columns: dict[str, list[Any]]
    uuid_column: str | None = None
    unmatched: list[str] = field(default_factory=list)  # have values but fill no field: reported to the user
    managed: list[str] = field(default_factory=list)  # fields the store sets itself (area_ha, created_at)


def shapefile_names(schema: LayerSchema) -> dict[str, str]:
    """Field name -> its name in a .dbf (at most 10 characters, unique without regard to case)."""
    return short_names([IDENTITY_COLUMN, *schema.field_names])


def short_names(columns: list[str]) -> dict[str, str]:
    """Each column's name cut to 10 characters as GDAL, QGIS and ArcGIS cut it, made unique with _1, _2."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for name in columns:
        short, number = name[:SHAPEFILE_NAME_LENGTH], 1
        while short.casefold() in used:
            suffix = f"_{number}"
            short, number = name[: SHAPEFILE_NAME_LENGTH - len(suffix)] + suffix, number + 1
        used.add(short.casefold())
        names[name] = short
    return names


def map_columns(
    frame: gpd.GeoDataFrame, schema: LayerSchema, field_map: dict[str, str], source: str, ignore: set[str]
) -> ColumnMapping:
    """Source columns to layer fields; ``ignore`` names columns that made the geometry (lat, lon, wkt)."""
    available = {str(c).casefold(): str(c) for c in frame.columns if c != frame.geometry.name}
    explicit = _explicit(schema, field_map, available, source)
    by_key = _field_keys(schema)
    mapped: dict[str, str] = dict(explicit)
    mapping = ColumnMapping({})
    for key, column in available.items():
        target = by_key.get(key)
        if column in explicit.values():
            continue
        if key == IDENTITY_COLUMN:
            mapping.uuid_column = column
        elif target is not None and target in {f.name for f in schema.editable_fields} and target not in mapped:
            mapped[target] = column
        elif target is not None and target not in mapped:
            mapping.managed.append(column)
        elif column not in ignore and _has_values(frame[column]):
            mapping.unmatched.append(column)
    mapping.columns = {dst: frame[src].tolist() for dst, src in mapped.items()}
    return mapping


def _has_values(series: Any) -> bool:
    """A column with at least one value: an empty one (KML's unused description, GPX's magvar) loses nothing."""
    return any(not _empty(value) for value in series.tolist())


def field_for_column(schema: LayerSchema, column: str) -> str | None:
    """The field a column fills by its name (any case, or the field's Shapefile name), if any."""
    return _field_keys(schema).get(column.casefold())


def _field_keys(schema: LayerSchema) -> dict[str, str]:
    """Every name a column may have for a field (its name, its Shapefile name), case-folded."""
    keys = {short.casefold(): name for name, short in shapefile_names(schema).items() if name != IDENTITY_COLUMN}
    keys.update({name.casefold(): name for name in schema.field_names})
    return keys


def _explicit(schema: LayerSchema, field_map: dict[str, str], available: dict[str, str], source: str) -> dict[str, str]:
    """The ``SRC=DST`` pairs, checked: DST a field an import may set, SRC a column of the file."""
    targets = {f.name for f in schema.editable_fields}
    chosen: dict[str, str] = {}
    for src, dst in field_map.items():
        if dst not in targets:
            raise FieldMapError(
                "--map-field {src}={dst}: layer {layer} has no field {dst}. Fields: {fields}.",
                src=src, dst=dst, layer=schema.name, fields=", ".join(sorted(targets)),
            )  # fmt: skip
        if src.casefold() not in available:
            raise FieldMapError(
                "--map-field {src}={dst}: {file} has no column {src}. Columns: {columns}.",
                src=src, dst=dst, file=source, columns=", ".join(available.values()),
            )  # fmt: skip
        chosen[dst] = available[src.casefold()]
    return chosen


def constant_values(schema: LayerSchema, constants: dict[str, Any]) -> dict[str, Any]:
    """The values given for whole fields (``--set status=closed``), each checked like any value."""
    editable = {f.name for f in schema.editable_fields}
    clean: dict[str, Any] = {}
    for name, value in constants.items():
        if name not in editable:
            raise FieldMapError(
                "The layer {layer} has no field {field} that an import can fill. Fields: {fields}.",
                layer=schema.name, field=name, fields=", ".join(sorted(editable)),
            )  # fmt: skip
        prepared = prepare(schema, {name: value}, None, partial=True)
        problems = [p for p in prepared.problems if p.severity == "error"]
        if problems:
            raise FieldMapError(
                "The value {value!r} given for the field {field} cannot be used: {reason}",
                value=value, field=name, reason=_sentence(problems[0]),
            )  # fmt: skip
        clean[name] = prepared.attributes[name]
    return clean


def _sentence(problem: Problem) -> object:
    """The problem as a parameter of another message: its template kept (as ``json_param`` keeps one), so
    that the message said in Kazakh or Russian says its reason in that language too, not in English."""
    return json_param(problem) if problem.template else problem.message


def with_constants(columns: dict[str, list[Any]], constants: dict[str, Any], rows: int) -> dict[str, list[Any]]:
    """Constants fill their field where the file gives no value (the whole field, when it has no column)."""
    filled = dict(columns)
    for name, value in constants.items():
        given = filled.get(name, [None] * rows)
        filled[name] = [value if _empty(cell) else cell for cell in given]
    return filled


def _empty(value: Any) -> bool:
    if value is None or (isinstance(value, float) and value != value) or type(value).__name__ in ("NaTType", "NAType"):
        return True
    return isinstance(value, str) and not value.strip()
