"""What a store knows of its basemaps and images: rows in ``baytak_basemaps`` and ``baytak_imagery``.

The files themselves stay outside the store (a country basemap is hundreds of MB, a drone orthophoto
a few GB) and are never synced. A path inside the store's folder is recorded relative to it, so the
folder can be copied to another laptop as a whole; anything else is recorded as an absolute path.
On a device where a file is missing, listing says so instead of failing: the map is drawn without it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from baytak_desktop.store import Store

BASEMAPS, IMAGERY = "baytak_basemaps", "baytak_imagery"


def stored_path(store_path: Path, file: Path) -> str:
    """``file`` as recorded: relative to the store's folder when inside it, else absolute."""
    folder, target = store_path.resolve().parent, file.resolve()
    try:
        return target.relative_to(folder).as_posix()
    except ValueError:
        return str(target)


def resolve(store_path: Path, recorded: str) -> Path:
    path = Path(recorded)
    return path if path.is_absolute() else store_path.resolve().parent / path


@dataclass(frozen=True)
class BasemapEntry:
    """A basemap registered with a store; ``path`` resolved on this device, ``present`` if it is here."""

    id: int
    path: Path
    recorded_path: str
    title: str | None
    source: str | None
    source_sha256: str | None
    source_size: int | None
    bounds: tuple[float, float, float, float] | None
    counts: dict[str, int]
    built_at: str | None
    added_at: str
    present: bool

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}


@dataclass(frozen=True)
class ImageEntry:
    """An image registered with a store; ``present`` is whether the file is on this device."""

    id: int
    path: Path
    recorded_path: str
    title: str | None
    acquired_on: str | None
    sha256: str
    size: int
    driver: str | None
    crs: str | None
    width: int
    height: int
    bands: int
    dtype: str | None
    resolution_m: float | None
    bounds: tuple[float, float, float, float]
    overviews: str | None
    added_at: str
    present: bool

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "path": str(self.path)}


def register_basemap(store: Store, path: Path, record: dict[str, Any]) -> BasemapEntry:
    """Add (or refresh, when rebuilt at the same path) a basemap; one transaction."""
    recorded = stored_path(store.path, path)
    bounds = record.get("bounds") or (None, None, None, None)
    with store.session() as conn:
        conn.execute(f"DELETE FROM {BASEMAPS} WHERE path = ?", (recorded,))
        conn.execute(
            f"INSERT INTO {BASEMAPS} (path, title, source, source_sha256, source_size, min_lon, min_lat, "
            "max_lon, max_lat, counts, built_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                recorded,
                record.get("title"),
                record.get("source"),
                record.get("source_sha256"),
                record.get("source_size"),
                *bounds,
                json.dumps(record.get("counts", {}), sort_keys=True),
                record.get("built_at"),
            ),
        )
    return next(b for b in list_basemaps(store) if b.recorded_path == recorded)


def list_basemaps(store: Store) -> list[BasemapEntry]:
    rows = _rows(
        store,
        f"SELECT id, path, title, source, source_sha256, source_size, min_lon, min_lat, max_lon, max_lat, "
        f"counts, built_at, added_at FROM {BASEMAPS} ORDER BY id",
    )
    out = []
    for row in rows:
        path = resolve(store.path, row[1])
        bounds = None if row[6] is None else (row[6], row[7], row[8], row[9])
        out.append(
            BasemapEntry(
                row[0],
                path,
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                bounds,
                json.loads(row[10] or "{}"),
                row[11],
                row[12],
                path.is_file(),
            )
        )
    return out


IMAGE_COLUMNS = (
    "path",
    "title",
    "acquired_on",
    "sha256",
    "size",
    "driver",
    "crs",
    "width",
    "height",
    "bands",
    "dtype",
    "resolution_m",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "overviews",
)


def register_image(store: Store, path: Path, record: dict[str, Any]) -> ImageEntry:
    """Add (or refresh) an image; ``record`` holds the other columns of ``baytak_imagery``."""
    recorded = stored_path(store.path, path)
    values = {**record, "path": recorded}
    with store.session() as conn:
        conn.execute(f"DELETE FROM {IMAGERY} WHERE path = ?", (recorded,))
        conn.execute(
            f"INSERT INTO {IMAGERY} ({', '.join(IMAGE_COLUMNS)}) VALUES ({', '.join('?' * len(IMAGE_COLUMNS))})",
            [values.get(c) for c in IMAGE_COLUMNS],
        )
    return next(i for i in list_images(store) if i.recorded_path == recorded)


def list_images(store: Store) -> list[ImageEntry]:
    """Registered images, oldest acquisition first (the order of a before/after comparison)."""
    rows = _rows(
        store,
        f"SELECT id, {', '.join(IMAGE_COLUMNS)}, added_at FROM {IMAGERY} ORDER BY acquired_on IS NULL, acquired_on, id",
    )
    out = []
    for row in rows:
        (rid, recorded, title, date, sha, size, driver, crs, width, height, bands, dtype, res) = row[:13]
        path = resolve(store.path, recorded)
        out.append(
            ImageEntry(
                rid,
                path,
                recorded,
                title,
                date,
                sha,
                size,
                driver,
                crs,
                width,
                height,
                bands,
                dtype,
                res,
                (row[13], row[14], row[15], row[16]),
                row[17],
                row[18],
                path.is_file(),
            )
        )
    return out


def _rows(store: Store, sql: str) -> list[tuple[Any, ...]]:
    """The rows, or none from a store opened read-only before its migration to schema 5."""
    try:
        return list(store.conn.execute(sql))
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return []
        raise
