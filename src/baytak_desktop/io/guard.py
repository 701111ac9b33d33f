"""Keep GDAL away from the open store, and exports away from anything they would destroy.

GDAL carries its own copy of SQLite. Two SQLite libraries in one process do not see each other's
POSIX locks, and when GDAL closes a GeoPackage it deletes the ``-wal`` and ``-shm`` files that the
store's connection still uses: committed edits still in the WAL are then lost or the file is reported
as corrupt (sqlite.org "How To Corrupt An SQLite Database", 2.2). So an import from, an export to, or a
preview of the very file the store has open is refused before GDAL touches it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from baytak_desktop.errors import SourceError


def refuse_store_file(path: str | Path, store_path: str | Path | None) -> None:
    """Raise SourceError when ``path`` is the store's own GeoPackage (or one of its -wal/-shm files)."""
    if store_path is None:
        return
    path, store_path = Path(path), Path(store_path)
    candidates = [path]
    if path.name.endswith(("-wal", "-shm", "-journal")):
        candidates.append(path.with_name(path.name.rsplit("-", 1)[0]))
    for candidate in candidates:
        if _same_file(candidate, store_path):
            raise SourceError(
                "{file} is the store that is open now. To copy its data, export a layer to "
                "another file, or open a copy of the store.",
                file=path.name,
            )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the resolved names instead
        return a.resolve() == b.resolve()


class OutputExists(SourceError):
    """An export would replace a file (or a GeoPackage's layer) without being told to."""

    cli_hint = "add --overwrite to replace it"


def check_output(out: str | Path, layer_name: str, overwrite: bool) -> None:
    """Refuse an export that would destroy something: a Baytak store always (with or without
    ``overwrite``), an existing file or GeoPackage layer unless ``overwrite``. Adding a layer to a plain
    GeoPackage destroys nothing and needs no permission."""
    out = Path(out)
    if is_store(out):
        raise SourceError(
            "{file} is a Baytak store: an export never writes into a store (it would replace its data)."
            " Choose another file",
            file=out.name,
        )
    if out.suffix.lower() == ".gpkg":
        tables = geopackage_tables(out)
        if tables is not None:
            if layer_name in tables and not overwrite:
                raise OutputExists(
                    "{file} already has a layer {layer}: choose another file, or replace that layer",
                    file=out.name, layer=layer_name,
                ).with_hint("add --overwrite to replace that layer; the file's other layers stay")  # fmt: skip
            return
    if _exists(out) and not overwrite:
        raise OutputExists("{file} already exists: choose another name, or replace it", file=out.name)


def _exists(out: Path) -> bool:
    """The file, or for a Shapefile any of its parts."""
    if out.suffix.lower() == ".shp":
        return any(out.with_suffix(part).exists() for part in (".shp", ".shx", ".dbf"))
    return out.exists()


def is_store(path: Path) -> bool:
    """A GeoPackage with Baytak's own tables: a store, whichever program made the copy."""
    tables = _sqlite_tables(path)
    return tables is not None and "baytak_migrations" in tables


def geopackage_tables(path: Path) -> set[str] | None:
    """The tables registered in a GeoPackage's gpkg_contents; None when ``path`` is not a GeoPackage."""
    if _sqlite_tables(path) is None:
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT table_name FROM gpkg_contents")}
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def _sqlite_tables(path: Path) -> set[str] | None:
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error:
        return None
