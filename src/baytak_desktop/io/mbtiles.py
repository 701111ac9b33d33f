"""Reading raster tiles from an MBTiles file (an SQLite database of PNG/JPEG/WebP tiles).

MBTiles 1.3: a ``metadata`` table (name, value) and a ``tiles`` table or view (zoom_level, tile_column,
tile_row, tile_data) whose rows count from the bottom (TMS). The canvas asks in XYZ rows, so
:meth:`MBTiles.tile` flips them. :func:`check_mbtiles` is called before a file is added to the map, so a
0-byte download or a file of another kind is refused with a message that says what is wrong, instead of
a blank map. Each render thread opens its own :class:`MBTiles` (SQLite connections stay in their thread).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.errors import TileSourceError
from baytak_desktop.io.tile_grid import tms_row

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class MBTilesInfo:
    path: Path
    name: str
    format: str  # png, jpg, webp
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float] | None  # lon/lat, when the file says
    attribution: str


# Each refusal is one whole template (not a reason in English inside a translated sentence), so the
# window says all of it in the user's language.


def _check_file(path: Path) -> None:
    where = str(path)
    if not path.exists():
        raise TileSourceError("{path} cannot be used as a basemap: the file does not exist.", path=where)
    if path.is_dir():
        raise TileSourceError("{path} cannot be used as a basemap: it is a folder, not an MBTiles file.", path=where)
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        raise TileSourceError(
            "{path} cannot be used as a basemap: the file is empty (0 bytes); download or copy it again.", path=where
        )
    if not header.startswith(SQLITE_MAGIC) or len(header) < 100:
        raise TileSourceError(
            "{path} cannot be used as a basemap: it is not an MBTiles file (not an SQLite database).", path=where
        )


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)


def check_mbtiles(path: str | Path) -> MBTilesInfo:
    """Open ``path`` once and describe it; raise TileSourceError when it is not a usable MBTiles file."""
    path = Path(path)
    _check_file(path)
    conn = _connect(path)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "tiles" not in names:
            raise TileSourceError(
                "{path} cannot be used as a basemap: it is an SQLite database without a 'tiles' table.", path=str(path)
            )
        metadata = dict(conn.execute("SELECT name, value FROM metadata").fetchall()) if "metadata" in names else {}
        low, high = conn.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
    except sqlite3.DatabaseError as error:  # SQLite's English only as the detail
        raise TileSourceError(
            "{path} cannot be used as a basemap: it is damaged or cut short; download or copy it again (SQLite: "
            "{detail}).",
            path=str(path), detail=str(error),
        ) from error  # fmt: skip
    finally:
        conn.close()
    if low is None:
        raise TileSourceError("{path} cannot be used as a basemap: it contains no tiles.", path=str(path))
    return MBTilesInfo(
        path,
        str(metadata.get("name") or path.stem),
        str(metadata.get("format") or "png"),
        int(metadata.get("minzoom") or low),
        int(metadata.get("maxzoom") or high),
        _bounds(metadata.get("bounds")),
        str(metadata.get("attribution") or ""),
    )


def _bounds(text: str | None) -> tuple[float, float, float, float] | None:
    try:
        west, south, east, north = (float(v) for v in str(text).split(","))
    except ValueError:
        return None
    return west, south, east, north


class MBTiles:
    """Read tiles by XYZ address; one instance per thread."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _check_file(self.path)
        self.conn = _connect(self.path)

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The encoded image of XYZ tile (z, x, y), or None where the file has none."""
        row = self.conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
            (z, x, tms_row(z, y)),
        ).fetchone()
        return None if row is None else bytes(row[0])

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> MBTiles:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
