"""Import a file into a layer: read, map fields, validate every row, write all or nothing.

The default is all or nothing: one bad row and nothing is written, and the report names every rejected
row and why, so the activist fixes the spreadsheet once. ``skip_invalid`` imports the good rows and
reports the rest (and refuses when none is good). Writing is one transaction: a cancel, a crash or a kill
mid-import leaves the store exactly as it was. Rows whose uuid the layer has update that feature
(see identity.py), so importing an export back duplicates nothing. The report says how the text was
decoded, which columns were not imported, and every warning the reading raised.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from baytak_desktop.errors import ImportRejected, Problem
from baytak_desktop.io.field_mapping import (
    ColumnMapping,
    FieldMapError,
    constant_values,
    map_columns,
    with_constants,
)
from baytak_desktop.io.guard import refuse_store_file
from baytak_desktop.io.identity import Identity, identify
from baytak_desktop.io.readers import ORIGIN_COLUMNS, SourceData, read_source
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.demo_identity import is_demo_uuid, is_illustrative
from baytak_desktop.layers.validation import PreparedColumns, prepare_columns
from baytak_desktop.store import Store
from baytak_desktop.store.lockwait import waits_reported

__all__ = ["FieldMapError", "ImportOptions", "ImportResult", "import_file"]

# How GDAL's KML driver draws a placemark (defaults on every row), not data about the site.
FORMAT_COLUMNS = {
    "KML": ("id", "tessellate", "extrude", "visibility", "drawOrder", "altitudeMode", "icon"),
    "GML": ("gml_id",),  # the GML identifier GDAL reads from each feature
}
GEOMETRY_FAMILY = {
    "POINT": ("Point", "MultiPoint"),
    "LINESTRING": ("LineString",),
    "MULTILINESTRING": ("LineString", "MultiLineString"),  # a GPX track: a line layer can take it
    "MULTIPOLYGON": ("Polygon", "MultiPolygon"),
}


@dataclass(frozen=True)
class ImportOptions:
    """How to read the source and fill the layer, as the CLI's options and the import dialog give it."""

    field_map: dict[str, str] = field(default_factory=dict)  # source column -> layer field
    constants: dict[str, Any] = field(default_factory=dict)  # layer field -> value where the file has none
    skip_invalid: bool = False
    source_layer: str | None = None
    encoding: str | None = None
    swap_xy: bool = False
    lat_column: str | None = None
    lon_column: str | None = None


@dataclass
class ImportResult:
    layer: str
    source: str
    rows: int
    imported: int
    uuids: list[str] = field(default_factory=list)
    rejected: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    skipped_other_geometry: int = 0
    updated: int = 0  # rows whose uuid the layer had and whose values differed
    unchanged: int = 0  # rows whose uuid the layer had, identical to it
    unmatched_columns: list[str] = field(default_factory=list)
    managed_columns: list[str] = field(default_factory=list)
    encoding: str | None = None  # label of the text encoding used (UTF-8, CP1251, ...)
    encoding_how: str | None = None  # chosen, declared, language driver, detected, ascii

    def as_json(self) -> dict[str, Any]:
        def problem(p: Problem) -> dict[str, Any]:
            return {"row": p.row, "field": p.field, "message": p.message, "severity": p.severity}

        return {
            "layer": self.layer,
            "source": self.source,
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [problem(p) for p in self.rejected],
            "warnings": [problem(p) for p in self.warnings],
            "skipped_other_geometry": self.skipped_other_geometry,
            "unmatched_columns": self.unmatched_columns,
            "managed_columns": self.managed_columns,
            "encoding": self.encoding,
            "encoding_how": self.encoding_how,
        }


def import_file(
    store: Store,
    source: str | Path,
    layer: str,
    *,
    field_map: dict[str, str] | None = None,
    skip_invalid: bool = False,
    source_layer: str | None = None,
    user: str | None = None,
    progress: Progress | None = None,
    options: ImportOptions | None = None,
) -> ImportResult:
    """Import ``source`` into ``layer``; raises ImportRejected (nothing written) when rows are invalid
    and ``skip_invalid`` is off, or when no row is valid. ``options`` carries everything else."""
    options = options or ImportOptions()
    options = replace(
        options,
        field_map={**options.field_map, **(field_map or {})},
        skip_invalid=options.skip_invalid or skip_invalid,
        source_layer=source_layer or options.source_layer,
    )
    progress = progress or NullProgress()
    schema = store.layer(layer)
    refuse_store_file(source, store.path)
    constants = constant_values(schema, options.constants)
    progress.update(0.0, Phase("Reading the file…"))
    data = read_source(
        source,
        layer=options.source_layer,
        encoding=options.encoding,
        swap_xy=options.swap_xy,
        lat_column=options.lat_column,
        lon_column=options.lon_column,
    )
    frame, skipped = _select_geometry_family(data, schema)
    if skipped and frame.empty:
        raise ImportRejected(
            [],
            template="{file} has no {kind} features for layer {layer}: all {count} are of another geometry type.",
            file=data.source_name, kind=schema.geometry_type.lower(), layer=layer, count=skipped,
        )  # fmt: skip
    if frame.empty:
        raise ImportRejected([], template="{file} has no features to import.", file=data.source_name)
    plumbing = _geometry_columns(data) | _repeated_kml_name(data, frame, schema)
    mapping = map_columns(frame, schema, options.field_map, data.source_name, plumbing)
    identity = identify(store.conn, schema, mapping.uuid_column, _column(frame, mapping.uuid_column), len(frame))
    _require_fields(schema, mapping, constants, identity, data.source_name, len(frame))
    columns = _with_stored_values(schema, with_constants(mapping.columns, constants, len(frame)), identity, len(frame))
    progress.update(0.3, Phase("Checking every row…"))
    checked = prepare_columns(schema, columns, _single_points(schema, list(frame.geometry)))
    row_numbers = [int(row) + 1 for row in frame.index]  # rows of the source file (a GPX's tracks left out)
    problems = _row_problems(checked.problems, list(frame.index), data)
    problems += [replace(p, row=row_numbers[(p.row or 1) - 1]) for p in identity.problems]
    if not store.is_demo:
        problems += _demo_rows(frame, columns)
    rejected = sorted((p for p in problems if p.severity == "error"), key=lambda p: (p.row or 0, p.field or ""))
    warnings = data.notes + [p for p in problems if p.severity == "warning"]
    bad_rows = {p.row for p in rejected}
    if rejected and not options.skip_invalid:
        raise ImportRejected(
            rejected,
            template="{file}: {bad} of {rows} rows are invalid, nothing was imported",
            file=data.source_name, bad=len(bad_rows), rows=len(frame),
        ).with_hint("or use --skip-invalid to import the valid rows")  # fmt: skip
    keep = [i for i in range(len(frame)) if row_numbers[i] not in bad_rows]
    if not keep:
        raise ImportRejected(
            rejected, template="{file}: none of its {rows} rows is valid; nothing was imported.",
            file=data.source_name, rows=len(frame),
        )  # fmt: skip
    result = ImportResult(layer, data.source_name, len(frame), 0, rejected=rejected, warnings=warnings)
    result.skipped_other_geometry = skipped
    result.unmatched_columns, result.managed_columns = mapping.unmatched, mapping.managed
    if data.encoding is not None:
        result.encoding, result.encoding_how = data.encoding.label, data.encoding.how
    with waits_reported(store.lock_policy, progress, at=0.4) as writing:  # "waiting for QGIS..."
        _write(store, schema, checked, identity, keep, result, _Scaled(writing, 0.4, 1.0), user)
    return result


def _write(
    store: Store,
    schema: LayerSchema,
    checked: PreparedColumns,
    identity: Identity,
    keep: list[int],
    result: ImportResult,
    progress: Progress,
    user: str | None,
) -> None:
    """New rows in one bulk insert, known uuids as updates: one transaction."""
    inserts = [i for i in keep if i not in identity.existing]
    updates = [i for i in keep if i in identity.existing]
    with store.session():
        if inserts:
            result.uuids = store.insert_many(
                schema.name,
                {name: [values[i] for i in inserts] for name, values in checked.columns.items()},
                [checked.geometries[i] for i in inserts],
                progress,
                user=user,
                uuids=[identity.uuids[i] for i in inserts],
            )
        changes = [
            (identity.existing[i].uuid, {n: v[i] for n, v in checked.columns.items()}, checked.geometries[i])
            for i in updates
        ]
        result.updated = store.update_many(schema.name, changes, user=user) if changes else 0
    result.imported = len(inserts)
    result.unchanged = len(updates) - result.updated
    result.uuids += [identity.existing[i].uuid for i in updates]


def _require_fields(
    schema: LayerSchema, mapping: ColumnMapping, constants: dict[str, Any], identity: Identity, file: str, rows: int
) -> None:
    """A required field with no column and no constant fails every new row the same way: say it once,
    with the file's columns, instead of once per row."""
    given = set(mapping.columns) | set(constants)
    missing = [f.name for f in schema.editable_fields if f.required and f.name not in given]
    if missing and len(identity.existing) < rows:
        if not mapping.unmatched:  # every column went to a field (or the geometry): none is left to name
            raise FieldMapError(
                "{file} has no column for the required field(s) {fields} of {layer}, and each of its columns"
                " already goes to another field. Match a column to each instead, or give a value for all rows.",
                file=file,
                fields=", ".join(missing),
                layer=schema.name,
            ).with_hint("--map-field COLUMN=FIELD takes a field from a column, --set FIELD=VALUE gives one value")
        raise FieldMapError(
            "{file} has no column for the required field(s) {fields} of {layer}. Match one of its columns to"
            " each, or give a value for all rows. Its columns: {columns}",
            file=file,
            fields=", ".join(missing),
            layer=schema.name,
            columns=", ".join(mapping.unmatched),
        ).with_hint("--map-field COLUMN=FIELD takes a field from a column, --set FIELD=VALUE gives one value")


def _select_geometry_family(data: SourceData, schema: LayerSchema) -> tuple[Any, int]:
    """A GPX holds waypoints and tracks together: take the kind the layer stores, count the rest."""
    frame = data.frame.reset_index(drop=True)
    if data.kind != "GPX":
        return frame, 0
    family = GEOMETRY_FAMILY[schema.geometry_type]
    waypoint = frame[ORIGIN_COLUMNS["GPX"]] == "waypoints"  # tracks and routes are lines, even when unreadable
    wanted = (frame.geometry.geom_type.isin(family) | frame.geometry.isna()) & (
        waypoint == (schema.geometry_type == "POINT")
    )
    return frame[wanted], int((~wanted).sum())


def _single_points(schema: LayerSchema, geometries: list[Any]) -> list[Any]:
    """A MultiPoint of one point (what many tools write for a point layer) is that point."""
    if schema.geometry_type != "POINT" or not geometries:
        return geometries
    array = np.asarray(geometries, dtype=object)
    single = (shapely.get_type_id(array) == 4) & (shapely.get_num_geometries(array) == 1)
    if single.any():
        array[single] = shapely.get_geometry(array[single], 0)
    return list(array)


def _geometry_columns(data: SourceData) -> set[str]:
    """Columns that gave the geometry or say where a row came from: not fields, not to report."""
    used = set(data.geometry_columns) | set(FORMAT_COLUMNS.get(data.kind, ()))
    if data.kind in ORIGIN_COLUMNS:
        used.add(ORIGIN_COLUMNS[data.kind])
    return used


def _repeated_kml_name(data: SourceData, frame: Any, schema: LayerSchema) -> set[str]:
    """A KML placemark's name that repeats one of its data fields (our export labels trees by species)
    is that field's label, not a column of its own: for a layer with no ``name`` field, not reported."""
    if data.kind != "KML" or "name" in schema.field_names:
        return set()
    names = [c for c in frame.columns if str(c).casefold() == "name"]
    if len(names) != 1 or frame.empty:
        return set()
    labels = frame[names[0]].tolist()
    others = [c for c in frame.columns if c not in (names[0], frame.geometry.name)]
    repeats = any(frame[c].tolist() == labels for c in others)
    return {names[0]} if repeats else set()


def _column(frame: Any, name: str | None) -> list[Any] | None:
    return None if name is None else frame[name].tolist()


def _with_stored_values(
    schema: LayerSchema, columns: dict[str, list[Any]], identity: Identity, rows: int
) -> dict[str, list[Any]]:
    """Rows that update a feature keep its stored value in every field the file does not give."""
    if not identity.existing:
        return columns
    filled = dict(columns)
    for field_ in schema.editable_fields:
        if field_.name in filled:
            continue
        filled[field_.name] = [
            identity.existing[i].attributes.get(field_.name) if i in identity.existing else None for i in range(rows)
        ]
    return filled


def _demo_rows(frame: Any, columns: dict[str, list[Any]]) -> list[Problem]:
    """Rows that are the demo's features (exported from a demo store): refused, so that illustrative
    data never becomes a real store's edit (layers.demo_identity); by the uuid column the export
    writes, or by the demo's notes."""
    uuid_column = next((c for c in frame.columns if str(c).casefold() == "uuid"), None)
    uuids = frame[uuid_column].tolist() if uuid_column is not None else [None] * len(frame)
    notes = columns.get("notes") or [None] * len(frame)
    return [
        Problem.of(
            "This is a feature of the demo (illustrative data); it is not imported into a real store.",
            field="uuid" if is_demo_uuid(uuid) else "notes",
            row=int(row) + 1,
        )
        for row, uuid, note in zip(frame.index, uuids, notes, strict=True)
        if is_demo_uuid(uuid) or is_illustrative(note)
    ]


def _row_problems(by_position: dict[int, list[Problem]], rows: list[Any], data: SourceData) -> list[Problem]:
    """Problems numbered by the row of the source file (1-based), the reader's own problems first (those
    of the rows taken: a GPX track left out brings no problem)."""
    taken = {int(row) + 1 for row in rows}
    found = [p for p in data.row_problems if p.row is None or p.row in taken]
    explained = {p.row for p in found if p.severity == "error"}  # rows whose geometry the reader could not make
    for position, problems in sorted(by_position.items()):
        row = int(rows[position]) + 1
        for p in problems:
            if p.field != "geom" or row not in explained:
                found.append(replace(p, row=row))
    return sorted(found, key=lambda p: (p.row or 0, p.field or ""))


class _Scaled:
    """Map a sub-job's 0..1 progress into a slice of the whole job's."""

    def __init__(self, progress: Progress, start: float, stop: float) -> None:
        self.progress, self.start, self.stop = progress, start, stop

    def update(self, fraction: float, text: str = "") -> None:
        self.progress.update(self.start + (self.stop - self.start) * fraction, text)
