"""Reading and writing feature rows: the one place that knows column order and value types."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

import shapely
from shapely.errors import GEOSException

from baytak_desktop.errors import GeometryError
from baytak_desktop.layers import Feature, LayerSchema
from baytak_desktop.layers import geometry as blobs


def select_sql(schema: LayerSchema, table: str | None = None) -> str:
    columns = ", ".join(f'"{c}"' for c in ("fid", "uuid", *schema.field_names, "geom"))
    return f'SELECT {columns} FROM "{table or schema.name}"'


def to_feature(schema: LayerSchema, row: Sequence[Any]) -> Feature:
    fid, uuid, *values, geom = row
    return Feature(schema.name, uuid, dict(zip(schema.field_names, values, strict=True)), blobs.to_shapely(geom), fid)


def to_features(schema: LayerSchema, rows: Sequence[Sequence[Any]]) -> list[Feature]:
    """Many rows at once: geometries decoded in one vectorised call."""
    geoms: Sequence[shapely.Geometry | None] = list(blobs.many_to_shapely([row[-1] for row in rows])) if rows else []
    names = schema.field_names
    return [
        Feature(schema.name, row[1], dict(zip(names, row[2:-1], strict=True)), geom, row[0])
        for row, geom in zip(rows, geoms, strict=True)
    ]


def to_features_tolerant(
    schema: LayerSchema, rows: Sequence[Sequence[Any]]
) -> tuple[list[Feature], list[tuple[Sequence[Any], str]]]:
    """``to_features``, except that a row whose geometry blob cannot be read (another tool wrote raw WKB,
    or junk) does not stop the others: it comes back with the reason, for the caller to name it."""
    try:
        return to_features(schema, rows), []
    except (GeometryError, GEOSException, ValueError, TypeError):
        pass
    features, broken = [], []
    for row in rows:
        try:
            features.append(to_feature(schema, row))
        except (GeometryError, GEOSException, ValueError, TypeError) as exc:
            broken.append((row, str(exc)))
    return features, broken


def insert_rows(
    conn: sqlite3.Connection, schema: LayerSchema, rows: Iterable[Sequence[Any]], fields: Sequence[str] | None = None
) -> None:
    """Insert (uuid, *fields, geometry blob) tuples, fields in schema order unless ``fields`` names
    them; triggers journal each one."""
    columns = ("uuid", *(schema.field_names if fields is None else fields), "geom")
    marks = ", ".join("?" for _ in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    conn.executemany(f'INSERT INTO "{schema.name}" ({names}) VALUES ({marks})', rows)


def update_row(conn: sqlite3.Connection, schema: LayerSchema, uuid: str, values: dict[str, Any]) -> int:
    """Update the given columns of one feature; returns the number of rows changed (0 or 1)."""
    assignments = ", ".join(f'"{name}" = ?' for name in values)
    cursor = conn.execute(f'UPDATE "{schema.name}" SET {assignments} WHERE uuid = ?', (*values.values(), uuid))
    return cursor.rowcount


def row_columns(schema: LayerSchema) -> tuple[str, ...]:
    """The columns ``select_sql`` reads, in its order."""
    return ("fid", "uuid", *schema.field_names, "geom")


def row_dict(conn: sqlite3.Connection, schema: LayerSchema, uuid: str) -> dict[str, Any] | None:
    """One feature's stored row as {column: value} (the geometry as its GeoPackage blob), or None."""
    row = conn.execute(select_sql(schema) + " WHERE uuid = ?", (uuid,)).fetchone()
    return None if row is None else dict(zip(row_columns(schema), row, strict=True))
