"""Web Mercator (EPSG:3857) for display: the spherical formulas, vectorised.

Display only: every measurement goes through layers.measure (geodesic). Scene y grows downwards in Qt,
so scene y is minus the Mercator northing.
"""

from __future__ import annotations

import numpy as np

RADIUS = 6378137.0
MAX_LAT = 85.05112878


def to_scene(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lat = np.clip(lat, -MAX_LAT, MAX_LAT)
    x = RADIUS * np.radians(lon)
    y = RADIUS * np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
    return x, -y


def to_lonlat(x: float, y: float) -> tuple[float, float]:
    lon = float(np.degrees(x / RADIUS))
    lat = float(np.degrees(2 * np.arctan(np.exp(-y / RADIUS)) - np.pi / 2))
    return lon, lat
