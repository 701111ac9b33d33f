"""Offline basemaps from OpenStreetMap extracts, and imagery (drone and satellite) referenced by a store.

No Qt here: the CLI, the UI's workers and the tests call the same plain functions. A basemap is a
GeoPackage of its own beside the store (reference data, never synced); the store only records where
it is. Imagery stays in the user's files (its SHA-256 is evidence); the store records path, size,
hash, coordinate system, bounds and date.
"""
