"""``add_image``: a drone orthophoto or satellite scene referenced by the store, ready to draw.

Any raster GDAL reads (GeoTIFF, Cloud-Optimised GeoTIFF, JPEG 2000, ...), in any coordinate system,
through rasterio. The file stays where it is and is not synced (it may be gigabytes); the store
records its path, size and SHA-256 (so an exhibit can show it is the same image), coordinate system,
footprint in WGS 84, resolution and acquisition date. Overviews are built once, here, so the first
redraw is as fast as any later one.

An image is placed on the map by its own coordinate system and grid; by ground control points (a scan
or a photo georeferenced without warping: GDAL warps it by them as it draws); or by a world file
(``.jgw``, ``.tfw``) and a coordinate system the person gives, since a world file names none.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from pathlib import Path
from typing import Any

import rasterio
from pyproj import CRS as ProjCRS
from pyproj.exceptions import CRSError as ProjCRSError
from rasterio.crs import CRS
from rasterio.errors import CRSError, NotGeoreferencedWarning, RasterioIOError
from rasterio.transform import Affine
from rasterio.vrt import WarpedVRT
from rasterio.warp import transform_bounds

from baytak_desktop.basemap import overviews
from baytak_desktop.basemap.files import Scaled, file_sha256
from baytak_desktop.basemap.registry import ImageEntry, register_image
from baytak_desktop.errors import SourceError
from baytak_desktop.gdal_failures import FileUnrecognised, gdal_failure
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


class NeedsCrs(SourceError):
    """A world file places the image but names no coordinate system: the person has to say which."""

    cli_hint = "Give it with --crs EPSG:CODE."


def inspect_image(path: Path, crs: str | None = None) -> dict[str, Any]:
    """What the store records of an image; refuses files GDAL cannot read or place on the map. ``crs``:
    the coordinate system of an image placed by a world file, which names none."""
    if not path.is_file():
        raise SourceError("{path} does not exist or is not a file.", path=str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)  # said below, in the user's words
            src = rasterio.open(path)
        with src, warnings.catch_warnings():
            warnings.simplefilter("ignore", NotGeoreferencedWarning)
            placed_crs, bounds, res = _placement(src, path, crs)
            west, south, east, north = transform_bounds(placed_crs, "EPSG:4326", *bounds, densify_pts=21)
            return {
                "driver": src.driver,
                "crs": _crs_text(placed_crs),
                "width": src.width,
                "height": src.height,
                "bands": src.count,
                "dtype": src.dtypes[0],
                "resolution_m": round(_resolution_m(placed_crs, res, (south + north) / 2), 4),
                "min_lon": west,
                "min_lat": south,
                "max_lon": east,
                "max_lat": north,
            }
    except RasterioIOError as error:
        failure = gdal_failure(error, path.name, str(path))
        if failure is not None and not isinstance(failure, FileUnrecognised):
            raise failure from error
        raise SourceError(
            "{path} is not an image that can be read: use GeoTIFF, Cloud-Optimised GeoTIFF or JPEG 2000 "
            "(GDAL: {detail})",
            path=str(path),
            detail=str(error).split("\n")[0],
        ) from error


def _placement(
    src: rasterio.io.DatasetReader, path: Path, given: str | None
) -> tuple[CRS, tuple[float, float, float, float], tuple[float, float]]:
    """The image's coordinate system, its bounds in it and its pixel size there (x, y)."""
    gcps, gcp_crs = src.gcps
    if src.crs is not None:
        if given and _crs_of(given) != src.crs:
            raise SourceError(
                "{path} has its own coordinate system ({crs}); a coordinate system is given only for an image "
                "placed by a world file.",
                path=str(path),
                crs=crs_shown(_crs_text(src.crs)),
            )
        return src.crs, tuple(src.bounds), src.res
    if gcps and gcp_crs is not None:  # GDAL warps by the control points, as it will when drawing
        with WarpedVRT(src, crs=gcp_crs) as warped:
            return gcp_crs, tuple(warped.bounds), warped.res
    if src.transform != Affine.identity():
        if not given:
            raise NeedsCrs(
                "{path} is placed by a world file, which names no coordinate system: give the one its "
                "coordinates are in (an EPSG code, e.g. EPSG:32643 for UTM zone 43N).",
                path=str(path),
            )
        return _crs_of(given), tuple(src.bounds), src.res
    raise SourceError(
        "{path} has no coordinate system or georeference, so it cannot be placed on the map; "
        "georeference it first (for example in QGIS) and save it as a GeoTIFF.",
        path=str(path),
    )


def _crs_of(text: str) -> CRS:
    """A coordinate system the person typed: EPSG:32643, 32643, or WKT."""
    text = text.strip()
    try:
        return CRS.from_user_input(f"EPSG:{text}" if text.isdigit() else text)
    except CRSError as error:
        raise SourceError(
            "{crs} is not a coordinate system: write it as an EPSG code, like EPSG:32643.", crs=text
        ) from error


def crs_shown(crs: str | None) -> str:
    """A recorded coordinate system (``EPSG:32643``, or WKT for one without a code) as a person reads
    it: the code as it is, else its name, never a screenful of WKT."""
    if not crs or crs.upper().startswith("EPSG:"):
        return crs or "no CRS"
    try:
        return ProjCRS.from_user_input(crs).name
    except ProjCRSError:
        return _wkt_name(crs)


def _wkt_name(wkt: str) -> str:
    """The name WKT starts with, quoted (``PROJCS["Kazakhstan LCC",...``)."""
    return wkt.split('"')[1] if wkt.count('"') >= 2 else wkt[:60]


def add_image(
    store: Store,
    path: Path,
    acquired_on: str | None = None,
    title: str | None = None,
    progress: Progress | None = None,
    crs: str | None = None,
) -> ImageEntry:
    """Check, hash, give overviews to and register one image; the store changes only at the end.
    ``crs``: the coordinate system of an image placed by a world file (see ``inspect_image``)."""
    progress = progress or NullProgress()
    path = Path(path)
    date = parse_date(acquired_on)
    record = inspect_image(path, crs)
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


def _resolution_m(crs: CRS, res: tuple[float, float], latitude: float) -> float:
    """Ground size of a pixel in metres (degrees turned into metres at the image's latitude)."""
    x, y = abs(res[0]), abs(res[1])
    if crs.is_geographic:
        return math.sqrt(x * y) * _EARTH_DEGREE_M * math.sqrt(math.cos(math.radians(latitude)))
    units = crs.linear_units_factor[1] if crs.linear_units_factor else 1.0
    return math.sqrt(x * y) * units
