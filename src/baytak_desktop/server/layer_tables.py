"""The server's side of a published layer: a typed table (or new typed columns) on either backend.

What server migration 2 did for the six built-in layers, done from a layer's definition: ``fid`` for
GIS tools, ``uuid``, ``rev`` (indexed: the pull feed reads by it), every field in a column of its own
type, and the geometry (a typed PostGIS geometry with a GIST index on PostgreSQL), so QGIS opening the
central database sees a published layer like a built-in one. Dates and times stay text exactly as
sent, as in migration 2. A field added later is a nullable column: existing features hold NULL.
"""

from __future__ import annotations

from collections.abc import Iterable

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers.schema import FieldType, LayerSchema
from baytak_desktop.server.db import Tx

SQL_TYPES = {
    FieldType.TEXT: "TEXT",
    FieldType.INTEGER: "BIGINT",
    FieldType.REAL: "DOUBLE PRECISION",
    FieldType.DATE: "TEXT",
    FieldType.DATETIME: "TEXT",
    FieldType.BOOLEAN: "BOOLEAN",
}


def columns_of(tx: Tx, table: str) -> list[str]:
    return [str(row[0]) for row in tx.query(tx.dialect.columns_sql, (table,))]


def create_layer(tx: Tx, schema: LayerSchema) -> None:
    d = tx.dialect
    if columns_of(tx, schema.name):
        raise BaytakError(
            "The server database has a table {table} already that is not a Baytak layer; "
            "rename it, or publish the layer under another name.",
            table=schema.name,
        )
    columns = ", ".join(f'"{f.name}" {SQL_TYPES[f.type]}' for f in schema.fields)
    tx.execute(
        f'CREATE TABLE "{schema.name}" ({d.id_column.format(name="fid")}, uuid TEXT NOT NULL UNIQUE, '
        f"rev BIGINT NOT NULL, {columns}, geom {d.geometry_type(schema.geometry_type)})"
    )
    tx.execute(f'CREATE INDEX "{schema.name}_rev" ON "{schema.name}" (rev)')
    for statement in d.spatial_index_sql(schema.name):
        tx.execute(statement)


def add_fields(tx: Tx, schema: LayerSchema, names: Iterable[str]) -> None:
    """Nullable typed columns for new fields (one already there, added by a program migration, stays)."""
    present = set(columns_of(tx, schema.name))
    for name in names:
        if name not in present:
            tx.execute(f'ALTER TABLE "{schema.name}" ADD COLUMN "{name}" {SQL_TYPES[schema.field(name).type]}')
