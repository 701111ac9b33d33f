"""Web Mercator tile arithmetic, shared by MBTiles files and online XYZ sources.

Tiles are named the XYZ way (row 0 at the top, as slippy maps and most tile servers do); MBTiles
stores rows the TMS way (row 0 at the bottom), and :mod:`baytak_desktop.io.mbtiles` flips them.
Coordinates are the canvas's scene units: Mercator metres with y growing downwards.
"""

from __future__ import annotations

import math

ORIGIN = 20037508.342789244  # half the Mercator world, metres
TILE_PIXELS = 256
MAX_ZOOM = 22

Tile = tuple[int, int, int]  # z, x, y (XYZ: row 0 at the top)


def tile_span(z: int) -> float:
    """Width of one tile of zoom ``z`` in Mercator metres."""
    return 2 * ORIGIN / (1 << z)


def zoom_for_resolution(res: float, minzoom: int = 0, maxzoom: int = MAX_ZOOM) -> int:
    """The zoom whose tiles are closest to ``res`` metres per device pixel (never blurrier than 1.41x)."""
    ideal = math.log2(2 * ORIGIN / (TILE_PIXELS * max(res, 1e-9)))
    return max(minzoom, min(maxzoom, math.ceil(ideal - 0.5)))


def tile_scene_rect(tile: Tile) -> tuple[float, float, float, float]:
    """Scene (left, top, right, bottom) of a tile; scene y = -northing, so a tile row grows downwards."""
    z, x, y = tile
    span = tile_span(z)
    left, top = x * span - ORIGIN, y * span - ORIGIN
    return left, top, left + span, top + span


def tiles_in(scene_rect: tuple[float, float, float, float], z: int, limit: int = 400) -> list[Tile]:
    """The tiles of zoom ``z`` that a scene rectangle touches, nearest the centre first (drawn first)."""
    left, top, right, bottom = scene_rect
    span, count = tile_span(z), 1 << z

    def index(value: float) -> int:
        return max(0, min(count - 1, math.floor((value + ORIGIN) / span)))

    x0, x1, y0, y1 = index(left), index(right), index(top), index(bottom)
    tiles = [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    tiles.sort(key=lambda t: (t[1] - cx) ** 2 + (t[2] - cy) ** 2)
    return tiles[:limit]


def tms_row(z: int, y: int) -> int:
    """XYZ row <-> TMS row (the flip is its own inverse)."""
    return (1 << z) - 1 - y
