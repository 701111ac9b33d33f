"""Migration 5 (frozen): the basemaps and images a store refers to (files beside it, never synced).

``baytak_basemaps`` lists offline basemaps built from OpenStreetMap extracts, ``baytak_imagery`` drone
and satellite images with their SHA-256; both are 'attributes' tables in GeoPackage terms, so GDAL
and QGIS list them with the layers. Neither is journaled or synced: the files they name stay on the
device (a country basemap is hundreds of MB, an orthophoto gigabytes).
"""

from __future__ import annotations

import sqlite3

NAME = "reference"
STATEMENTS = (
    """CREATE TABLE baytak_basemaps (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT, source TEXT, source_sha256 TEXT,
        source_size INTEGER, min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL, counts TEXT,
        built_at TEXT, added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))""",
    """CREATE TABLE baytak_imagery (
        id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, title TEXT, acquired_on TEXT,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64), size INTEGER NOT NULL, driver TEXT, crs TEXT,
        width INTEGER, height INTEGER, bands INTEGER, dtype TEXT, resolution_m REAL,
        min_lon REAL, min_lat REAL, max_lon REAL, max_lat REAL, overviews TEXT,
        added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))""",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('baytak_basemaps', "
    "'attributes', 'baytak_basemaps', 'Offline basemaps built from OpenStreetMap extracts (files beside the "
    "store; reference data, not synced)')",
    "INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES ('baytak_imagery', "
    "'attributes', 'baytak_imagery', 'Drone and satellite images this store refers to: path, size, SHA-256, "
    "coordinate system, bounds, date (the files stay where they are; not synced)')",
)


def apply(conn: sqlite3.Connection) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
