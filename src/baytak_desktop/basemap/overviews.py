"""Overviews (reduced-resolution copies) for an image, built once so every later redraw is fast.

A 1 GB drone orthophoto has ~10^9 pixels; a 1600 x 1000 view of it at 1:20,000 needs a few million,
read from the overview level closest to the view's resolution. Images that carry their own (a COG,
the wavelet levels of a JPEG 2000, a GeoTIFF with pyramids) are used as they are. For the others we
never touch the user's file, whose SHA-256 is evidence: the overviews go into a ``<file>.ovr``
sidecar beside it, the external overview file that GDAL (and so QGIS) finds by itself. Its first
level is averaged from the image strip by strip (bounded memory, progress, Cancel), the coarser ones
by GDAL from that level. Where the image's folder cannot be written (a read-only USB stick) the same
is done for a small VRT that points at the image, kept in the store's own folder.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path

import rasterio
from rasterio import shutil as rio_shutil
from rasterio.enums import Resampling
from rasterio.errors import NotGeoreferencedWarning
from rasterio.windows import Window

from baytak_desktop.jobs import NullProgress, Phase, Progress

OVERVIEW_MIN_SIZE = 512  # images whose longer side is at most this need no overviews
SMALLEST_LEVEL = 256  # the coarsest overview's longer side
STRIP_ROWS = 512  # overview rows computed per step (2 x that many image rows are read)
INTERNAL, SIDECAR, NONE = "internal", "sidecar", "none"
VRT_PREFIX = "vrt:"


def overview_factors(width: int, height: int) -> list[int]:
    """2, 4, 8, ... until the coarsest level's longer side is under ``SMALLEST_LEVEL`` pixels."""
    longest, factors, factor = max(width, height), [], 2
    while True:
        factors.append(factor)
        if longest / factor <= SMALLEST_LEVEL:
            return factors
        factor *= 2


def existing_overviews(path: Path) -> str | None:
    """``internal`` or ``sidecar`` when GDAL already finds overviews for ``path``, ``none`` when the
    image is small enough not to need them, else None."""
    with rasterio.open(path) as src:
        if src.overviews(1):
            return SIDECAR if Path(str(path) + ".ovr").exists() else INTERNAL
        if max(src.width, src.height) <= OVERVIEW_MIN_SIZE:
            return NONE
    return None


def ensure_overviews(
    path: Path, cache_folder: Path, progress: Progress | None = None, folder_writable: bool | None = None
) -> str:
    """Make sure ``path`` has overviews; returns how (internal, sidecar, none, or ``vrt:<file>``).

    ``folder_writable`` is asked of the file system unless given (the tests run as any user).
    """
    progress = progress or NullProgress()
    found = existing_overviews(path)
    if found is not None:
        progress.update(1.0, Phase("The image already has overviews"))
        return found
    if folder_writable is None:
        folder_writable = os.access(path.parent, os.W_OK)
    if folder_writable:
        build_sidecar(path, progress)
        return SIDECAR
    vrt = cache_folder / f"{path.stem}.{_short_hash(path)}.vrt"
    cache_folder.mkdir(parents=True, exist_ok=True)
    if not Path(str(vrt) + ".ovr").exists():
        rio_shutil.copy(str(path), str(vrt), driver="VRT")
        build_sidecar(vrt, progress)
    return VRT_PREFIX + str(vrt)


def build_sidecar(path: Path, progress: Progress) -> Path:
    """Write ``<path>.ovr``: level 1 averaged strip by strip from the image, the rest by GDAL from it.

    Written as ``.ovr.part`` and renamed when complete, so a cancelled build leaves nothing that GDAL
    would take for overviews.
    """
    target = Path(str(path) + ".ovr")
    part = Path(str(path) + ".ovr.part")
    try:
        with rasterio.open(path) as src:
            factors = overview_factors(src.width, src.height)
            width, height = math.ceil(src.width / 2), math.ceil(src.height / 2)
            profile = _overview_profile(src, width, height)
            with warnings.catch_warnings():
                # the .ovr carries no georeference of its own: GDAL takes it from the image
                warnings.simplefilter("ignore", NotGeoreferencedWarning)
                dst = rasterio.open(part, "w", **profile)
            with dst:
                for top in range(0, height, STRIP_ROWS):
                    rows = min(STRIP_ROWS, height - top)
                    source_rows = min(rows * 2, src.height - top * 2)
                    data = src.read(
                        window=Window(0, top * 2, src.width, source_rows),
                        out_shape=(src.count, rows, width),
                        resampling=Resampling.average,
                    )
                    dst.write(data, window=Window(0, top, width, rows))
                    progress.update(0.9 * (top + rows) / height, Phase("Building overviews for fast zooming out…"))
                coarser = [f // 2 for f in factors[1:]]
                if coarser:
                    dst.build_overviews(coarser, Resampling.average)
        part.replace(target)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    progress.update(1.0, Phase("Overviews built"))
    return target


def _overview_profile(src: rasterio.io.DatasetReader, width: int, height: int) -> dict[str, object]:
    """Tiled GeoTIFF; JPEG in YCbCr for 8-bit RGB (as gdaladdo is usually asked to), else DEFLATE."""
    profile: dict[str, object] = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": src.count,
        "dtype": src.dtypes[0],
        "nodata": src.nodata,
        "tiled": True,
        "blockxsize": 256,
        "blockysize": 256,
        "BIGTIFF": "IF_SAFER",
    }
    if src.count == 3 and src.dtypes[0] == "uint8" and src.nodata is None:
        profile.update(compress="JPEG", photometric="YCBCR", JPEG_QUALITY=90)
    else:
        profile.update(compress="DEFLATE", predictor=2 if "int" in src.dtypes[0] else 1)
    return profile


def _short_hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
