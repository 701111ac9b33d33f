"""Export a layer of the store to a file (GeoJSON, GeoPackage, Shapefile, KML, CSV).

Values are exported as stored: codes, not labels, so the file means the same in every language; the
uuid goes along so an exported feature can be traced back to the store (and an import of the file
updates it rather than adding a copy). Derived values (areas) are computed from the geometry as it is
now, so a polygon reshaped in QGIS never leaves with its old area. A feature that cannot be written
(its geometry blob is not one) is left out and named; a value another tool wrote in a form its field
does not hold is written as the field holds it (a label as its code, 05.06.2024 as 2024-06-05) or, when
it cannot be, left empty and named. An export never replaces a store, and replaces a file (or a
GeoPackage's layer) only when told to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baytak_desktop.errors import Problem
from baytak_desktop.io.export_table import ExportTable
from baytak_desktop.io.guard import check_output, refuse_store_file
from baytak_desktop.io.writers import write_table
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.layers import Feature, FieldType, LayerSchema
from baytak_desktop.layers.validation import derived_values
from baytak_desktop.layers.values import coerce
from baytak_desktop.store import Store
from baytak_desktop.store import rows as store_rows

KIND_OF_TYPE = {
    FieldType.TEXT: "text", FieldType.INTEGER: "integer", FieldType.REAL: "real",
    FieldType.DATE: "date", FieldType.DATETIME: "datetime",
    FieldType.BOOLEAN: "integer",  # 1 or 0, as the store keeps it: every format has integers
}  # fmt: skip
GEOMETRY_TYPES = {
    "POINT": "Point", "LINESTRING": "LineString", "MULTILINESTRING": "MultiLineString", "MULTIPOLYGON": "MultiPolygon",
}  # fmt: skip


@dataclass
class ExportResult:
    """How many features were written, and every feature or value that was not written as stored."""

    count: int
    warnings: list[Problem] = field(default_factory=list)


def layer_table(store: Store, layer: str) -> tuple[ExportTable, list[Problem]]:
    """A layer as typed columns: uuid, every field, geometry; and what could not be taken as stored."""
    schema = store.layer(layer)
    features, broken = store_rows.to_features_tolerant(
        schema, store.conn.execute(store_rows.select_sql(schema)).fetchall()
    )
    warnings = [
        Problem.of(
            "the feature {uuid} was not exported: its geometry cannot be read ({reason})",
            field="geom",
            severity="warning",
            uuid=row[1],
            reason=reason,
        )
        for row, reason in broken
    ]
    values: dict[str, list[Any]] = {"uuid": [f.uuid for f in features]}
    for f_ in schema.fields:
        values[f_.name] = []
    for feature in features:
        clean = _export_values(schema, feature, warnings)
        for name in schema.field_names:
            values[name].append(clean[name])
    kinds = {"uuid": "text", **{f_.name: KIND_OF_TYPE[f_.type] for f_ in schema.fields}}
    table = ExportTable(
        ["uuid", *schema.field_names], kinds, values, [f.geometry for f in features],
        GEOMETRY_TYPES[schema.geometry_type], [f.uuid for f in features],
    )  # fmt: skip
    # the field that names a feature: name, species, water_body, title (the first required text field)
    table.title = next((f_.name for f_ in schema.editable_fields if f_.required and f_.type is FieldType.TEXT), None)
    return table, warnings


def _export_values(schema: LayerSchema, feature: Feature, warnings: list[Problem]) -> dict[str, Any]:
    """The feature's values in the form each field holds, derived values from its geometry now."""
    clean: dict[str, Any] = {}
    for f_ in schema.fields:
        raw = feature.attributes.get(f_.name)
        try:
            clean[f_.name] = coerce(f_, raw)
        except ValueError:
            clean[f_.name] = raw if f_.type is FieldType.TEXT else None
            if f_.type is not FieldType.TEXT:
                warnings.append(
                    Problem.of(
                        "the value {value!r} of {field} of the feature {uuid} is not a {kind} and was left empty",
                        field=f_.name,
                        severity="warning",
                        value=raw,
                        uuid=feature.uuid,
                        kind=f_.type.value.lower(),
                    )
                )
    clean.update(derived_values(schema, feature.geometry))
    return clean


def export_layer(
    store: Store, layer: str, out: str | Path, progress: Progress | None = None, *, overwrite: bool = False
) -> ExportResult:
    """Write ``layer`` to ``out`` (format from the extension); returns the count and the warnings."""
    progress = progress or NullProgress()
    store.layer(layer)  # an unknown layer is refused before any file is touched
    refuse_store_file(out, store.path)
    check_output(Path(out), layer, overwrite)
    progress.update(0.0, Phase("Reading the layer…"))
    table, warnings = layer_table(store, layer)
    progress.update(0.5, Phase("Writing the file…"))
    warnings += write_table(table, out, layer_name=layer)
    progress.update(1.0, Phase("File written"))
    return ExportResult(len(table), warnings)
