"""``add_image``: a drone orthophoto or satellite scene referenced by the store, ready to draw.

Any raster GDAL reads (GeoTIFF, Cloud-Optimised GeoTIFF, JPEG 2000, ...), in any coordinate system,
through rasterio. The file stays where it is and is not synced (it may be gigabytes); the store
records its path, size and SHA-256 (so an exhibit can show it is the same image), coordinate system,
footprint in WGS 84, resolution and acquisition date. Overviews are built once, here, so the first
redraw is as fast as any later one.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path
from typing import Any

import rasterio
from rasterio.errors import NotGeoreferencedWarning, RasterioIOError
from rasterio.warp import transform_bounds

from baytak_desktop.basemap import overviews
from baytak_desktop.basemap.files import Scaled, file_sha256
from baytak_desktop.basemap.registry import ImageEntry, register_image
from baytak_desktop.errors import SourceError
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.store import Store

_EARTH_DEGREE_M = 111_320.0


def parse_date(text: str | None) -> str | None:
    """YYYY-MM-DD, checked (an acquisition date orders the before/after comparison)."""
    if text is None or text == "":
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError as error:
        raise SourceError("{text} is not a date: write it as YYYY-MM-DD, e.g. 2026-07-15.", text=text) from error


def inspect_image(path: Path) -> dict[str, Any]:
    """What the store records of an image; refuses files GDAL cannot read or place on the map."""
    if not path.is_file():
        raise SourceError("{path} does not exist or is not a file.", path=str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)  # said below, in the user's words
            src = rasterio.open(path)
        with src:
            if src.crs is None:
                raise SourceError(
                    "{path} has no coordinate system or georeference, so it cannot be placed on the map; "
                    "georeference it first (for example in QGIS) and save it as a GeoTIFF.",
                    path=str(path),
                )
            west, south, east, north = transform_bounds(src.crs, "EPSG:4326", *src.bounds, densify_pts=21)
            return {
                "driver": src.driver,
                "crs": _crs_text(src.crs),
                "width": src.width,
                "height": src.height,
                "bands": src.count,
                "dtype": src.dtypes[0],
                "resolution_m": round(_resolution_m(src, (south + north) / 2), 4),
                "min_lon": west,
                "min_lat": south,
                "max_lon": east,
                "max_lat": north,
            }
    except RasterioIOError as error:
        raise SourceError(
            "{path} is not an image GDAL can read ({reason}); use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000.",
            path=str(path),
            reason=str(error).split("\n")[0],
        ) from error


def add_image(
    store: Store,
    path: Path,
    acquired_on: str | None = None,
    title: str | None = None,
    progress: Progress | None = None,
) -> ImageEntry:
    """Check, hash, give overviews to and register one image; the store changes only at the end."""
    progress = progress or NullProgress()
    path = Path(path)
    date = parse_date(acquired_on)
    record = inspect_image(path)
    sha256, size = file_sha256(path, Scaled(progress, 0.0, 0.3))
    how = overviews.ensure_overviews(path, imagery_folder(store.path), Scaled(progress, 0.3, 0.7))
    record.update(sha256=sha256, size=size, acquired_on=date, title=title or path.stem, overviews=how)
    entry = register_image(store, path, record)
    progress.update(1.0, Phase("Image added"))
    return entry


def imagery_folder(store_path: Path) -> Path:
    """Where overviews go for images in folders we may not write: ``<store>.imagery`` beside the store."""
    return store_path.resolve().parent / f"{store_path.stem}.imagery"


def _crs_text(crs: rasterio.crs.CRS) -> str:
    """``EPSG:32643`` when the CRS has a code, else its WKT (enough to rebuild it either way)."""
    code = crs.to_epsg()
    return f"EPSG:{code}" if code else crs.to_wkt()


def _resolution_m(src: rasterio.io.DatasetReader, latitude: float) -> float:
    """Ground size of a pixel in metres (degrees turned into metres at the image's latitude)."""
    x, y = abs(src.res[0]), abs(src.res[1])
    if src.crs.is_geographic:
        return math.sqrt(x * y) * _EARTH_DEGREE_M * math.sqrt(math.cos(math.radians(latitude)))
    units = src.crs.linear_units_factor[1] if src.crs.linear_units_factor else 1.0
    return math.sqrt(x * y) * units
