"""Migration 3 (frozen): how each layer is drawn, saved in the file (not journaled, not synced).

An 'attributes' table in GeoPackage terms, so GDAL and QGIS still see a valid file; the JSON mime type
makes GDAL report the column as a JSON string, as it is.
"""

from __future__ import annotations

import sqlite3

NAME = "styles"
CREATE = """CREATE TABLE baytak_styles (
    fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    layer TEXT NOT NULL UNIQUE,
    style TEXT NOT NULL,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))"""


def apply(conn: sqlite3.Connection) -> None:
    conn.execute(CREATE)
    conn.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
        "VALUES ('baytak_styles', 'attributes', 'Baytak layer styles', "
        "'How each layer is drawn in baytak-desktop (JSON); not synced')"
    )
    conn.execute(
        "INSERT INTO gpkg_data_columns (table_name, column_name, name, title, mime_type) "
        "VALUES ('baytak_styles', 'style', 'style', 'Style (JSON)', 'application/json')"
    )
