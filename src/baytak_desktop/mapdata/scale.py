"""Scale-bar arithmetic on the ellipsoid, shared by the map's scale bar and the print layout's (no Qt).

Web Mercator stretches distances by 1/cos(latitude), so a bar computed from the projection would be
wrong by 40 % in Astana; this asks pyproj.Geod how far apart two points a known number of pixels
apart at the centre of the map really are, then picks the round length (1, 2 or 5 x 10^n) that fits.
"""

from __future__ import annotations

import math

from pyproj import Geod

GEOD = Geod(ellps="WGS84")


def metres_per_pixel(lon: float, lat: float, lon_per_px: float) -> float:
    """Ground metres per screen pixel along the parallel through (lon, lat)."""
    half = 50 * lon_per_px
    _, _, distance = GEOD.inv(lon - half, lat, lon + half, lat)
    return float(distance) / 100


def nice_length(metres: float) -> float:
    """The largest 1, 2 or 5 x 10^n not above ``metres``."""
    if metres <= 0 or not math.isfinite(metres):
        return 0.0
    power = 10 ** math.floor(math.log10(metres))
    for step in (5, 2, 1):
        if step * power <= metres:
            return float(step * power)
    return float(power)
