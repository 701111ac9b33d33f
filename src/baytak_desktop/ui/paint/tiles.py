"""Raster basemap tiles (a local MBTiles file, or an online XYZ source cached on disk) drawn into a QImage.

Runs on a render worker: an MBTiles file is opened by the job itself (its own SQLite connection), and
online tiles are fetched there too, never on the UI thread, and only when the user set an XYZ source.
Beyond the file's deepest zoom the deepest tiles are scaled up, so zooming to a single quarry over a
country-scale tile set still shows something.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter

from baytak_desktop.io.mbtiles import MBTiles
from baytak_desktop.io.tile_cache import TileFetcher
from baytak_desktop.io.tile_grid import tile_scene_rect, tiles_in, zoom_for_resolution
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint import draw as paint
from baytak_desktop.ui.paint.layer import Rendered, Stale


@dataclass(frozen=True)
class TileJob:
    mbtiles: Path | None = None
    minzoom: int = 0
    maxzoom: int = 19
    fetcher: TileFetcher | None = None  # the XYZ source: thread-safe, remembers failed tiles


def render_tiles(job: TileJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    z = zoom_for_resolution(view.res, job.minzoom, job.maxzoom)
    tiles = tiles_in((view.x0, view.y0, view.x1, view.y1), z)
    source = MBTiles(job.mbtiles) if job.mbtiles else None
    image = paint.new_image(view)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    drawn = 0
    try:
        for tile in tiles:
            if stale():
                raise Stale()
            data = source.tile(*tile) if source else job.fetcher.get(*tile) if job.fetcher else None
            picture = QImage.fromData(data) if data else QImage()
            if picture.isNull():
                continue
            left, top, right, bottom = tile_scene_rect(tile)
            target = QRectF(
                (left - view.x0) / view.res,
                (top - view.y0) / view.res,
                (right - left) / view.res,
                (bottom - top) / view.res,
            )
            painter.drawImage(target, picture)
            drawn += 1
    finally:
        painter.end()
        if source:
            source.close()
    image.setDevicePixelRatio(view.dpr)
    problems = tuple(job.fetcher.errors[-3:]) if job.fetcher and not drawn and job.fetcher.errors else ()
    return Rendered(image if drawn else None, drawn, problems)
