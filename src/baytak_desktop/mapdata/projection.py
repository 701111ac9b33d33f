"""Web Mercator (EPSG:3857) for display: the spherical formulas, vectorised, and the view they map into.

Display only: every measurement goes through layers.measure or pyproj.Geod (geodesic). Scene y grows
downwards in Qt, so scene y is minus the Mercator northing. A :class:`View` is the immutable snapshot
of what the canvas shows (scene origin, resolution, size in device pixels) that render workers get:
they never read the live widget.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

RADIUS = 6378137.0
MAX_LAT = 85.05112878
METRES_PER_SCREEN_PIXEL = 0.0254 / 96  # a 96 dpi pixel: how scale denominators are defined on screens


def to_scene(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(lat, -MAX_LAT, MAX_LAT)
    x = RADIUS * np.radians(lon)
    y = RADIUS * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return x, -y


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon = float(np.degrees(x / RADIUS))
    lat = float(np.degrees(2 * np.arctan(np.exp(-y / RADIUS)) - np.pi / 2))
    return lon, lat


def lonlat_box_to_scene(box: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """(min lon, min lat, max lon, max lat) -> scene (left, top, right, bottom)."""
    xs, ys = to_scene(np.array([box[0], box[2]]), np.array([box[1], box[3]]))
    return float(xs[0]), float(ys[1]), float(xs[1]), float(ys[0])


def scale_denominator(res: float, lat: float) -> float:
    """1:N at latitude ``lat`` for ``res`` Mercator metres per 96-dpi pixel (Mercator stretches by 1/cos)."""
    return res * math.cos(math.radians(lat)) / METRES_PER_SCREEN_PIXEL


@dataclass(frozen=True)
class View:
    """A rectangle of the scene rendered at ``res`` scene units (Mercator metres) per device pixel."""

    x0: float  # scene x of the left edge
    y0: float  # scene y of the top edge
    res: float
    width: int  # device pixels
    height: int
    dpr: float = 1.0  # device pixels per logical pixel

    @property
    def x1(self) -> float:
        return self.x0 + self.width * self.res

    @property
    def y1(self) -> float:
        return self.y0 + self.height * self.res

    def pixels(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Device pixel coordinates of lon/lat arrays."""
        x, y = to_scene(lon, lat)
        return (x - self.x0) / self.res, (y - self.y0) / self.res

    def scene_pixels(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return (x - self.x0) / self.res, (y - self.y0) / self.res

    def lonlat_bbox(self, margin_px: float = 0.0) -> tuple[float, float, float, float]:
        """The lon/lat box the view covers, grown by ``margin_px`` (symbols reaching in from outside)."""
        m = margin_px * self.res
        west, north = to_lonlat(self.x0 - m, self.y0 - m)
        east, south = to_lonlat(self.x1 + m, self.y1 + m)
        return west, south, east, north

    def zoomed_window(self, fraction: float) -> View:
        """The centre ``fraction`` of the area at the same pixel size: a zoomed-in view (benchmarks, tests)."""
        side = math.sqrt(fraction)
        cx, cy = (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2
        res = self.res * side
        return View(cx - self.width * res / 2, cy - self.height * res / 2, res, self.width, self.height, self.dpr)


def fit_view(
    box: tuple[float, float, float, float], width: int, height: int, dpr: float = 1.0, margin: float = 0.0
) -> View:
    """The view of ``width`` x ``height`` device pixels that shows the lon/lat ``box`` whole, centred."""
    left, top, right, bottom = lonlat_box_to_scene(box)
    res = max((right - left) / width, (bottom - top) / height) * (1 + margin)
    cx, cy = (left + right) / 2, (top + bottom) / 2
    return View(cx - width * res / 2, cy - height * res / 2, res, width, height, dpr)
