"""The pixels of one image for one map view: reprojected to Web Mercator from the right overview.

``read_view(image, bounds, width, height)`` is what the map's render worker and the print exhibit
call: the view's bounds in EPSG:3857 and its size in pixels in, an RGBA ``uint8`` array out (alpha 0
outside the image and on its nodata). GDAL's warper (rasterio's ``WarpedVRT``) reads only the source
window the view needs, from the overview level whose pixels are just finer than the view's, so the
cost depends on the view's size, not the image's. Datasets stay open per thread (rasterio datasets
must not be shared between threads), a handful at a time.
"""

from __future__ import annotations

import math
import threading
import warnings
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
from rasterio.crs import CRS
from rasterio.enums import ColorInterp, Resampling
from rasterio.errors import NotGeoreferencedWarning
from rasterio.transform import from_origin
from rasterio.vrt import WarpedVRT
from rasterio.warp import transform_bounds

from baytak_desktop.basemap.overviews import VRT_PREFIX
from baytak_desktop.basemap.registry import ImageEntry
from baytak_desktop.errors import BaytakError

WEB_MERCATOR = CRS.from_epsg(3857)
_EARTH_RADIUS = 6_378_137.0
_OPEN_PER_THREAD = 8
_THREADS_KEPT = 4
_states: OrderedDict[int, _ThreadState] = OrderedDict()
_states_lock = threading.Lock()


class ImageryMissing(BaytakError):
    template = (
        "The image {title} is not on this device ({path}); copy it there, or add it again from where it is. "
        "The map is drawn without it."
    )


@dataclass(frozen=True)
class View:
    """A map view: bounds in EPSG:3857 (west, south, east, north) and its size in pixels."""

    bounds: tuple[float, float, float, float]
    width: int
    height: int

    @property
    def metres_per_pixel(self) -> float:
        """Ground metres per pixel at the view's centre (Web Mercator stretches by 1/cos(latitude))."""
        west, south, east, north = self.bounds
        latitude = math.degrees(math.atan(math.sinh(((south + north) / 2) / _EARTH_RADIUS)))
        return (east - west) / self.width * math.cos(math.radians(latitude))


def image_source(entry: ImageEntry) -> Path:
    """The file to open: the image, or the VRT that carries its overviews when its folder is read-only."""
    if not entry.present:
        raise ImageryMissing(title=entry.title or entry.path.name, path=str(entry.path))
    if entry.overviews and entry.overviews.startswith(VRT_PREFIX):
        vrt = Path(entry.overviews[len(VRT_PREFIX) :])
        if vrt.exists():
            return vrt
    return entry.path


def read_view(
    entry: ImageEntry,
    view: View,
    brightness: float = 0.0,
    resampling: Resampling = Resampling.nearest,
) -> np.ndarray:
    """The image under ``view`` as an (height, width, 4) RGBA uint8 array.

    The overview level is chosen so that each view pixel takes one to two source pixels, where
    nearest-neighbour (the default, for redraws: 5x faster than bilinear at 1600 x 1000) looks right;
    print exhibits ask for ``Resampling.bilinear`` or ``cubic``.
    """
    return read_view_at(entry, view, view_level(entry, view), brightness, resampling)


def view_level(entry: ImageEntry, view: View) -> int | None:
    """The overview level :func:`read_view` reads ``view`` from (None: full resolution)."""
    return overview_level(_dataset(image_source(entry), None), view.metres_per_pixel, entry.resolution_m)


def read_view_at(
    entry: ImageEntry,
    view: View,
    level: int | None,
    brightness: float = 0.0,
    resampling: Resampling = Resampling.nearest,
) -> np.ndarray:
    """:func:`read_view` from the given overview level: a strip uncovered by a pan is read from the
    level of the whole view it belongs to (its own centre might choose another), so it matches the rest."""
    src = _dataset(image_source(entry), level)
    out = np.zeros((view.height, view.width, 4), dtype=np.uint8)
    window = _covered_window(src, entry, view)
    if window is None:
        return out  # the image is not in this view
    left, top, right, bottom = window
    west, _, east, north = view.bounds
    x_res, y_res = (east - west) / view.width, (north - view.bounds[1]) / view.height
    transform = from_origin(west + left * x_res, north - top * y_res, x_res, y_res)
    width, height = right - left, bottom - top
    palette = _palette(src)
    alpha = _alpha_band(src)
    with WarpedVRT(
        src,
        src_crs=_given_crs(src, entry),
        crs=WEB_MERCATOR,
        transform=transform,
        width=width,
        height=height,
        resampling=resampling if palette is None else Resampling.nearest,  # class numbers never blend
        add_alpha=alpha is None,
    ) as vrt:
        data = vrt.read([*_rgb_bands(src), alpha or vrt.count])
    part = out[top:bottom, left:right]
    if palette is None:
        part[..., :3] = np.moveaxis(to_display(data[:-1], src, brightness), 0, -1)
        part[..., 3] = np.where(data[-1] > 0, 255, 0)
        return out
    coloured = palette[data[0]]
    part[..., :3] = _brighter(coloured[..., :3], brightness)
    part[..., 3] = np.where((data[-1] > 0) & (coloured[..., 3] > 0), 255, 0)
    return out


def _alpha_band(src: rasterio.io.DatasetReader) -> int | None:
    """The image's own alpha band (drone orthophotos from OpenDroneMap and most photogrammetry tools are
    RGBA): the warp carries it as the validity of each pixel; None when the warp adds one."""
    for index, interpretation in enumerate(src.colorinterp):
        if interpretation == ColorInterp.alpha:
            return index + 1
    return None


def _palette(src: rasterio.io.DatasetReader) -> np.ndarray | None:
    """A paletted image's colour table as an (entries, 4) RGBA array (a land-cover or classification
    map: its pixels are class numbers, drawn in the colours the file gives them); None for others."""
    if src.count != 1 or src.colorinterp[0] != ColorInterp.palette or src.dtypes[0] not in ("uint8", "uint16"):
        return None
    key = src.name
    palettes = _state().palettes
    if key not in palettes:
        table = src.colormap(1)
        lut = np.zeros((256 if src.dtypes[0] == "uint8" else 65536, 4), dtype=np.uint8)
        for value, rgba in table.items():
            if 0 <= value < len(lut):
                lut[value] = rgba
        palettes[key] = lut
    return palettes[key]


def _brighter(rgb: np.ndarray, brightness: float) -> np.ndarray:
    if not brightness:
        return rgb
    lighter: np.ndarray = np.clip(rgb.astype(np.float32) + brightness * 255.0, 0, 255).astype(np.uint8)
    return lighter


def _given_crs(src: rasterio.io.DatasetReader, entry: ImageEntry) -> CRS | None:
    """The coordinate system the person gave for an image placed by a world file (recorded as the
    entry's); None when the file has its own or is placed by control points, which name theirs."""
    if src.crs is not None or src.gcps[0] or not entry.crs:
        return None
    return CRS.from_user_input(entry.crs)


def _covered_window(src: rasterio.io.DatasetReader, entry: ImageEntry, view: View) -> tuple[int, int, int, int] | None:
    """The view's pixels (left, top, right, bottom) that the image's footprint can cover: the warp runs
    only there, so a 1:20,000 view with a drone photo in one corner warps the corner, not the view.
    An image without a grid in a coordinate system of its own (control points, a world file) has the
    footprint recorded when it was added."""
    key = src.name
    footprints = _state().footprints
    if key not in footprints and src.crs is None:
        footprints[key] = transform_bounds("EPSG:4326", WEB_MERCATOR, *entry.bounds, densify_pts=21)
    if key not in footprints:
        footprints[key] = transform_bounds(src.crs, WEB_MERCATOR, *src.bounds, densify_pts=21)
    image_west, image_south, image_east, image_north = footprints[key]
    west, south, east, north = view.bounds
    x_res, y_res = (east - west) / view.width, (north - south) / view.height
    left = max(0, math.floor((image_west - west) / x_res) - 1)
    right = min(view.width, math.ceil((image_east - west) / x_res) + 1)
    top = max(0, math.floor((north - image_north) / y_res) - 1)
    bottom = min(view.height, math.ceil((north - image_south) / y_res) + 1)
    if left >= right or top >= bottom:
        return None
    return left, top, right, bottom


def overview_level(src: rasterio.io.DatasetReader, metres_per_pixel: float, resolution_m: float | None) -> int | None:
    """The coarsest overview whose pixels are still no bigger than the view's; None for full size."""
    factors = src.overviews(1)
    if not factors or not resolution_m:
        return None
    chosen = None
    for index, factor in enumerate(factors):
        if resolution_m * factor <= metres_per_pixel * 1.2:
            chosen = index
    return chosen


def to_display(data: np.ndarray, src: rasterio.io.DatasetReader, brightness: float) -> np.ndarray:
    """Bands as 8-bit for the screen: 8-bit as they are, deeper types stretched by their range."""
    if data.dtype == np.uint8 and not brightness:
        return data if data.shape[0] == 3 else np.repeat(data[:1], 3, axis=0)
    low, high = _display_range(src, data)
    scaled = (data.astype(np.float32) - low) * (255.0 / max(high - low, 1e-9)) + brightness * 255.0
    out = np.clip(scaled, 0, 255).astype(np.uint8)
    return out if out.shape[0] == 3 else np.repeat(out[:1], 3, axis=0)


def _display_range(src: rasterio.io.DatasetReader, data: np.ndarray) -> tuple[float, float]:
    if data.dtype == np.uint8:
        return 0.0, 255.0
    key = src.name
    cache = _state().ranges
    if key not in cache:
        step = max(1, max(src.width, src.height) // 512)
        sample = src.read(out_shape=(src.count, max(1, src.height // step), max(1, src.width // step)), masked=True)
        values = sample.compressed()
        cache[key] = (float(np.percentile(values, 2)), float(np.percentile(values, 98))) if values.size else (0.0, 1.0)
    return cache[key]


def _rgb_bands(src: rasterio.io.DatasetReader) -> list[int]:
    """Red, green and blue by their colour interpretation; else the first three bands, or the one."""
    order = {ColorInterp.red: 0, ColorInterp.green: 1, ColorInterp.blue: 2}
    found = sorted((order[c], i + 1) for i, c in enumerate(src.colorinterp) if c in order)
    if len(found) == 3:
        return [band for _, band in found]
    return [1, 2, 3] if src.count >= 3 else [1]


class _ThreadState:
    def __init__(self) -> None:
        self.datasets: OrderedDict[tuple[str, int | None], rasterio.io.DatasetReader] = OrderedDict()
        self.ranges: dict[str, tuple[float, float]] = {}
        self.footprints: dict[str, tuple[float, float, float, float]] = {}
        self.palettes: dict[str, np.ndarray] = {}


def _state() -> _ThreadState:
    """This thread's open datasets, by thread id: a render pool thread's Python state (and so a
    threading.local) ends with every job, which reopened the image and its overviews for every redraw
    (50 ms of a 1 GB orthophoto's 120). The states of threads gone from the pool are closed oldest first."""
    ident = threading.get_ident()
    with _states_lock:
        state = _states.get(ident)
        if state is None:
            state = _states[ident] = _ThreadState()
            while len(_states) > _THREADS_KEPT:
                _, gone = _states.popitem(last=False)
                for dataset in gone.datasets.values():
                    dataset.close()
    return state


def _dataset(path: Path, level: int | None) -> rasterio.io.DatasetReader:
    """An open dataset (at an overview level) for this thread, reused across redraws."""
    key = (str(path), level)
    datasets = _state().datasets
    if key in datasets:
        datasets.move_to_end(key)
        return datasets[key]
    options = {} if level is None else {"OVERVIEW_LEVEL": level}
    with warnings.catch_warnings():  # an image placed by control points has no grid: warped by them
        warnings.simplefilter("ignore", NotGeoreferencedWarning)
        dataset = rasterio.open(path, **options)
    datasets[key] = dataset
    while len(datasets) > _OPEN_PER_THREAD:
        datasets.popitem(last=False)[1].close()
    return dataset


def close_datasets() -> None:
    """Close this thread's open images (before a file is replaced, and in tests)."""
    state = _state()
    while state.datasets:
        state.datasets.popitem()[1].close()
    state.ranges.clear()
    state.footprints.clear()
    state.palettes.clear()
