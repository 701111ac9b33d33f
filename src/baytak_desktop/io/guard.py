"""Keep GDAL away from the open store.

GDAL carries its own copy of SQLite. Two SQLite libraries in one process do not see each other's
POSIX locks, and when GDAL closes a GeoPackage it deletes the ``-wal`` and ``-shm`` files that the
store's connection still uses: committed edits still in the WAL are then lost or the file is reported
as corrupt (sqlite.org "How To Corrupt An SQLite Database", 2.2). So an import from, an export to, or a
preview of the very file the store has open is refused before GDAL touches it.
"""

from __future__ import annotations

import os
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
