"""Building blocks for new migrations, each taking every value it writes as an argument.

A migration calls them with its values written out (never read from ``layers/``), so what it does is
fixed the day it is written. They change only in ways that keep every existing call meaning the same.
"""

from __future__ import annotations

import sqlite3


def add_field(
    conn: sqlite3.Connection, layer: str, name: str, sql_type: str, title: str, vocabulary: str | None = None
) -> None:
    """A new nullable column on a layer and on its base table, described for QGIS and GDAL.

    Existing features get NULL, which is what "not recorded yet" means; the journal's triggers are
    reinstalled with the new column after migrating, and a NULL is not an edit.
    """
    conn.execute(f'ALTER TABLE "{layer}" ADD COLUMN "{name}" {sql_type}')
    conn.execute(f'ALTER TABLE "baytak_base_{layer}" ADD COLUMN "{name}" {sql_type}')
    conn.execute(
        "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, description, constraint_name) "
        "VALUES (?, ?, ?, ?, NULL, ?)",
        (layer, name, name, title, vocabulary),
    )
