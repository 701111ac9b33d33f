"""Derived values (area_ha, area_km2) kept true to the geometry, whoever changed the geometry.

The app computes areas when it writes a feature, but QGIS, GDAL or ogr2ogr do not: a quarry reshaped in
QGIS keeps its old area (6.2 ha on a 36.5 ha polygon), one appended by ogr2ogr has none. Before a sync
seals its changesets the areas of every feature with an unsent edit are recomputed (as edits, so they
travel with it), and exports compute them from the geometry; ``baytak validate --fix`` does the rest.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from baytak_desktop.errors import GeometryError
from baytak_desktop.layers import Catalog, LayerSchema
from baytak_desktop.layers import geometry as blobs
from baytak_desktop.layers.validation import derived_values
from baytak_desktop.store import rows


def derived_fields(schema: LayerSchema) -> list[str]:
    return [f.name for f in schema.fields if f.derived]


def stale(schema: LayerSchema, geometry: Any, stored: dict[str, Any]) -> dict[str, Any]:
    """The derived values that differ from what ``geometry`` gives (a NULL differs from any number)."""
    fresh = derived_values(schema, geometry)
    return {name: value for name, value in fresh.items() if stored.get(name) != value}


def refresh_unsent(conn: sqlite3.Connection, catalog: Catalog) -> int:
    """Recompute the derived values of every feature with an unsealed edit, in every layer of the store's
    ``catalog`` (a published layer may derive an area or a length too); returns how many changed.

    Each change is an UPDATE, so the journal records it and it is sent with the feature's other edits.
    A feature whose geometry cannot be read is left alone (``baytak validate`` names it).
    """
    changed = 0
    for schema in catalog.values():
        names = derived_fields(schema)
        if not names:
            continue
        columns = ", ".join(f'"{n}"' for n in ["uuid", "geom", *names])
        found = conn.execute(
            f'SELECT {columns} FROM "{schema.name}" WHERE uuid IN (SELECT uuid FROM baytak_journal '
            "WHERE layer = ? AND changeset_id IS NULL)",
            (schema.name,),
        ).fetchall()
        for uuid, blob, *values in found:
            try:
                geometry = blobs.to_shapely(blob)
            except GeometryError:
                continue
            update = stale(schema, geometry, dict(zip(names, values, strict=True)))
            if update:
                rows.update_row(conn, schema, uuid, update)
                changed += 1
    return changed
