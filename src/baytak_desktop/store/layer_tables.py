"""The GeoPackage side of a published layer: its table, R-tree, base table and metadata, and new columns.

What migration 1 did for the six built-in layers, done from a layer's definition when a schema revision
arrives: a feature table as GDAL writes one (the uuid default and ``NOT NULL ON CONFLICT REPLACE`` so
QGIS and plain SQL can insert without knowing the uuid), its R-tree with the standard triggers, the
base table for three-way merges, and the GeoPackage schema extension's rows: a title per column,
"enum" constraints for the vocabularies (QGIS and GDAL show them as value lists) and "range"
constraints for numbers with both limits (QGIS offers a range editor). A revision that adds to a layer
adds nullable columns to the layer and its base table; existing features hold NULL, "not recorded".

The journal's triggers are not made here: like the built-in layers', they are derived from the live
definitions (``journal.install_triggers``) once the revision is applied.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from baytak_desktop.errors import StoreError
from baytak_desktop.layers.schema import Field, LayerSchema
from baytak_desktop.store import gpkg, journal


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    row = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
    return row is not None


def columns_of(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[0] for row in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))}


def create_layer(conn: sqlite3.Connection, schema: LayerSchema) -> None:
    """A new synced layer with everything the built-in ones have (the caller holds the transaction)."""
    if has_table(conn, schema.name):
        raise StoreError(
            "This GeoPackage already has a table {table} that is not a Baytak layer; "
            "rename it in QGIS, then sync again.",
            table=schema.name,
        )
    columns = ",\n  ".join(f'"{f.name}" {f.sql_type}' for f in schema.fields)
    conn.execute(
        f'CREATE TABLE "{schema.name}" (\n  "fid" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n'
        f'  "uuid" TEXT NOT NULL ON CONFLICT REPLACE UNIQUE DEFAULT ({journal.NEW_UUID_SQL}),\n  {columns},\n'
        f'  "geom" {schema.geometry_type})'
    )
    gpkg.register_feature_table(conn, schema.name, schema.geometry_type, schema.title, schema.description)
    base_columns = ", ".join(f'"{f.name}" {f.sql_type}' for f in schema.fields)
    conn.execute(
        f'CREATE TABLE "{journal.base_table(schema.name)}" (uuid TEXT PRIMARY KEY, fid INTEGER, {base_columns}, '
        "geom BLOB)"
    )
    describe(conn, schema, schema.fields)


def add_fields(conn: sqlite3.Connection, schema: LayerSchema, names: Iterable[str]) -> list[str]:
    """Nullable columns for the fields ``names`` on the layer and its base table; returns those added
    (a column already there, say from a program migration that added the same field, is kept)."""
    added = []
    present = columns_of(conn, schema.name)
    in_base = columns_of(conn, journal.base_table(schema.name))
    for name in names:
        field = schema.field(name)
        if name not in present:
            conn.execute(f'ALTER TABLE "{schema.name}" ADD COLUMN "{name}" {field.sql_type}')
            added.append(name)
        if name not in in_base:
            conn.execute(f'ALTER TABLE "{journal.base_table(schema.name)}" ADD COLUMN "{name}" {field.sql_type}')
    describe(conn, schema, [schema.field(name) for name in names])
    return added


def describe(conn: sqlite3.Connection, schema: LayerSchema, fields: Iterable[Field]) -> None:
    """Titles, value lists and ranges of ``fields`` in the GeoPackage schema extension, and the layer's
    title in gpkg_contents: written again with every revision, so new titles and codes reach QGIS."""
    conn.execute(
        "UPDATE gpkg_contents SET identifier = ?, description = ? WHERE table_name = ?",
        (schema.title, schema.description, schema.name),
    )
    for field in fields:
        constraint = _constraint(conn, schema, field)
        description = field.description.en if field.description else None
        conn.execute(
            "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, constraint_name) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (table_name, column_name) DO UPDATE SET title = excluded.title, "
            "description = excluded.description, constraint_name = excluded.constraint_name",
            (schema.name, field.name, field.name, field.title, description, constraint),
        )


def _constraint(conn: sqlite3.Connection, schema: LayerSchema, field: Field) -> str | None:
    """The name of the field's constraint, written (or brought up to date) in the GeoPackage."""
    if field.vocabulary is not None:
        vocabulary = field.vocabulary
        for order, term in enumerate(vocabulary.terms):
            conn.execute(
                "INSERT INTO baytak_vocabularies VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (vocabulary, code) DO UPDATE "
                "SET sort_order = excluded.sort_order, label_kk = excluded.label_kk, label_ru = excluded.label_ru, "
                "label_en = excluded.label_en",
                (vocabulary.name, term.code, order, term.kk, term.ru, term.en),
            )
            conn.execute(
                "INSERT INTO gpkg_data_column_constraints (constraint_name, constraint_type, value, description) "
                "VALUES (?, 'enum', ?, ?) ON CONFLICT (constraint_name, constraint_type, value) DO UPDATE "
                "SET description = excluded.description",
                (vocabulary.name, term.code, term.en),
            )
        return vocabulary.name
    if field.minimum is None or field.maximum is None:
        return None
    name = f"{schema.name}_{field.name}_range"
    conn.execute(
        "DELETE FROM gpkg_data_column_constraints WHERE constraint_name = ? AND constraint_type = 'range'", (name,)
    )
    conn.execute(
        "INSERT INTO gpkg_data_column_constraints (constraint_name, constraint_type, value, min, min_is_inclusive, "
        "max, max_is_inclusive, description) VALUES (?, 'range', NULL, ?, 1, ?, 1, ?)",
        (name, field.minimum, field.maximum, f"{field.title}: {field.minimum:g} to {field.maximum:g}"),
    )
    return name
