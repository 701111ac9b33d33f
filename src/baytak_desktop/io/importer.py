"""Import a file into a layer: read, map fields, validate every row, write all or nothing.

The default is all or nothing: one bad row and nothing is written, and the report names every rejected
row and why, so the activist fixes the spreadsheet once. ``skip_invalid`` imports the good rows and
reports the rest. Writing is one transaction: a cancel, a crash or a kill mid-import leaves the store
exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError, ImportRejected, Problem
from baytak_desktop.io.guard import refuse_store_file
from baytak_desktop.io.readers import SourceData, read_source
from baytak_desktop.jobs import NullProgress, Progress
from baytak_desktop.layers import LayerSchema, get_layer
from baytak_desktop.layers.demo_identity import is_demo_uuid, is_illustrative
from baytak_desktop.layers.validation import prepare_columns
from baytak_desktop.store import Store
from baytak_desktop.store.lockwait import waits_reported

GEOMETRY_FAMILY = {"POINT": ("Point",), "MULTIPOLYGON": ("Polygon", "MultiPolygon")}


class FieldMapError(BaytakError):
    pass


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

    def as_json(self) -> dict[str, Any]:
        def problem(p: Problem) -> dict[str, Any]:
            return {"row": p.row, "field": p.field, "message": p.message, "severity": p.severity}

        return {
            "layer": self.layer,
            "source": self.source,
            "rows": self.rows,
            "imported": self.imported,
            "rejected": [problem(p) for p in self.rejected],
            "warnings": [problem(p) for p in self.warnings],
            "skipped_other_geometry": self.skipped_other_geometry,
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
) -> ImportResult:
    """Import ``source`` into ``layer``; raises ImportRejected (nothing written) when rows are invalid
    and ``skip_invalid`` is off."""
    progress = progress or NullProgress()
    schema = get_layer(layer)
    refuse_store_file(source, store.path)
    progress.update(0.0, "reading")
    data = read_source(source, layer=source_layer)
    frame, skipped = _select_geometry_family(data, schema)
    if skipped and frame.empty:
        raise ImportRejected(
            [],
            summary=f"{data.source_name} has no {schema.geometry_type.lower()} features for "
            f"layer {layer}: all {skipped} are of another geometry type.",
        )
    columns = _map_columns(frame, schema, field_map or {}, data.source_name)
    progress.update(0.3, "validating")
    checked = prepare_columns(schema, columns, list(frame.geometry))
    problems = _row_problems(checked.problems, list(frame.index), data)
    if not store.is_demo:
        problems = sorted([*problems, *_demo_rows(frame, columns)], key=lambda p: (p.row or 0, p.field or ""))
    bad_rows = {p.row for p in problems if p.severity == "error"}
    rejected = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if rejected and not skip_invalid:
        raise ImportRejected(rejected, summary=_rejection_summary(data.source_name, rejected, len(frame)))
    keep = [i for i, row in enumerate(frame.index) if int(row) + 1 not in bad_rows]
    kept_columns = {name: [values[i] for i in keep] for name, values in checked.columns.items()}
    with waits_reported(store.lock_policy, progress, at=0.4) as writing:  # "waiting for QGIS..."
        uuids = store.insert_many(
            layer, kept_columns, [checked.geometries[i] for i in keep], _Scaled(writing, 0.4, 1.0), user=user
        )
    return ImportResult(layer, data.source_name, len(frame), len(uuids), uuids, rejected, warnings, skipped)


def _select_geometry_family(data: SourceData, schema: LayerSchema) -> tuple[Any, int]:
    """A GPX holds waypoints and tracks together: take the kind the layer stores, count the rest."""
    frame = data.frame.reset_index(drop=True)
    if data.kind != "GPX":
        return frame, 0
    family = GEOMETRY_FAMILY[schema.geometry_type]
    wanted = frame.geometry.geom_type.isin(family) | frame.geometry.isna()
    return frame[wanted], int((~wanted).sum())


def _map_columns(frame: Any, schema: LayerSchema, field_map: dict[str, str], source: str) -> dict[str, list[Any]]:
    """Source columns to layer fields: explicit ``src=dst`` pairs first, then equal names (any case)."""
    available = {str(c).casefold(): str(c) for c in frame.columns if c != frame.geometry.name}
    targets = {f.name for f in schema.editable_fields}
    mapping: dict[str, str] = {}
    for src, dst in field_map.items():
        if dst not in targets:
            raise FieldMapError(
                "--map-field {src}={dst}: layer {layer} has no field {dst}. Fields: {fields}.",
                src=src,
                dst=dst,
                layer=schema.name,
                fields=", ".join(sorted(targets)),
            )
        if src.casefold() not in available:
            raise FieldMapError(
                "--map-field {src}={dst}: {file} has no column {src}. Columns: {columns}.",
                src=src,
                dst=dst,
                file=source,
                columns=", ".join(available.values()),
            )
        mapping[dst] = available[src.casefold()]
    for name in targets - mapping.keys():
        if name.casefold() in available:
            mapping[name] = available[name.casefold()]
    return {dst: frame[src].tolist() for dst, src in mapping.items()}


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
    """Problems numbered by the row of the source file (1-based), the reader's own problems first."""
    found = list(data.row_problems)
    explained = {p.row for p in found}  # rows whose geometry the reader could not make, and said why
    for position, problems in sorted(by_position.items()):
        row = int(rows[position]) + 1
        for p in problems:
            if p.field != "geom" or row not in explained:
                found.append(replace(p, row=row))
    return sorted(found, key=lambda p: (p.row or 0, p.field or ""))


def _rejection_summary(source: str, rejected: list[Problem], rows: int) -> str:
    bad = len({p.row for p in rejected})
    first = "; ".join(str(p) for p in rejected[:3])
    more = f" (and {len(rejected) - 3} more)" if len(rejected) > 3 else ""
    return (
        f"{source}: {bad} of {rows} rows are invalid, nothing was imported: {first}{more}. "
        "Fix them, or use --skip-invalid to import the valid rows."
    )


class _Scaled:
    """Map a sub-job's 0..1 progress into a slice of the whole job's."""

    def __init__(self, progress: Progress, start: float, stop: float) -> None:
        self.progress, self.start, self.stop = progress, start, stop

    def update(self, fraction: float, text: str = "") -> None:
        self.progress.update(self.start + (self.stop - self.start) * fraction, text)
