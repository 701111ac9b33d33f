"""Server migration 2 (frozen): one table per layer, with the layer's typed columns as they were then.

Layer tables are plain tables named after the layers, with ``fid`` (for GIS tools), ``uuid`` (the
identity), ``rev`` and, in PostgreSQL, a typed PostGIS geometry ``geom`` with a GIST index: QGIS and
any GIS open the central database directly. Dates stay text exactly as sent. The columns are written
out here and never read from ``layers/``: a later field is a later migration.
"""

from __future__ import annotations

from baytak_desktop.server.db.base import Tx

NAME = "one table per layer with typed columns and a spatial index"
# (table, geometry type, the columns between uuid/rev and geom)
LAYERS_V1 = (
    (
        "quarries",
        "MULTIPOLYGON",
        '"branch" TEXT, "name" TEXT, "status" TEXT, "legal_status" TEXT, "operator" TEXT, "license_no" TEXT, '
        '"area_ha" DOUBLE PRECISION, "observed_on" TEXT, "notes" TEXT, "created_at" TEXT, "created_by" TEXT, '
        '"updated_at" TEXT, "updated_by" TEXT',
    ),
    (
        "brick_factories",
        "POINT",
        '"branch" TEXT, "name" TEXT, "status" TEXT, "operator" TEXT, "closed_on" TEXT, "emissions_note" TEXT, '
        '"observed_on" TEXT, "notes" TEXT, "created_at" TEXT, "created_by" TEXT, "updated_at" TEXT, '
        '"updated_by" TEXT',
    ),
    (
        "sewage_outflows",
        "POINT",
        '"branch" TEXT, "name" TEXT, "receiving_water" TEXT, "discharge" TEXT, "flow_m3_day" DOUBLE PRECISION, '
        '"affected_settlements" BIGINT, "status" TEXT, "last_sampled_on" TEXT, "notes" TEXT, "created_at" TEXT, '
        '"created_by" TEXT, "updated_at" TEXT, "updated_by" TEXT',
    ),
    (
        "shorelines",
        "MULTIPOLYGON",
        '"branch" TEXT, "water_body" TEXT, "observed_on" TEXT, "source" TEXT, "area_km2" DOUBLE PRECISION, '
        '"notes" TEXT, "created_at" TEXT, "created_by" TEXT, "updated_at" TEXT, "updated_by" TEXT',
    ),
    (
        "tree_plantings",
        "POINT",
        '"branch" TEXT, "species" TEXT, "tree_count" BIGINT, "planted_on" TEXT, "organizer" TEXT, '
        '"survival_rate" DOUBLE PRECISION, "status" TEXT, "notes" TEXT, "created_at" TEXT, "created_by" TEXT, '
        '"updated_at" TEXT, "updated_by" TEXT',
    ),
    (
        "cleanup_plans",
        "MULTIPOLYGON",
        '"branch" TEXT, "title" TEXT, "planned_on" TEXT, "volunteers_needed" BIGINT, "status" TEXT, '
        '"waste_collected_kg" DOUBLE PRECISION, "contact" TEXT, "notes" TEXT, "created_at" TEXT, '
        '"created_by" TEXT, "updated_at" TEXT, "updated_by" TEXT',
    ),
)


def apply(tx: Tx) -> None:
    d = tx.dialect
    for table, geometry_type, columns in LAYERS_V1:
        tx.execute(
            f'CREATE TABLE "{table}" ({d.id_column.format(name="fid")}, uuid TEXT NOT NULL UNIQUE, '
            f"rev BIGINT NOT NULL, {columns}, geom {d.geometry_type(geometry_type)})"
        )
        tx.execute(f'CREATE INDEX "{table}_rev" ON "{table}" (rev)')
        for statement in d.spatial_index_sql(table):
            tx.execute(statement)
