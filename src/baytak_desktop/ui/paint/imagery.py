"""Drawing a registered image (drone orthophoto, satellite scene) for one view, on a render worker.

``basemap.imagery_view.read_view`` does the raster work (GDAL's warper, the right overview, only the
part of the view the image covers); here its RGBA array becomes the QImage the canvas shows, and a
pan warps only the strips it uncovered: the last picture is copied shifted, as the QImage it already
is, and only the strips' pixels are converted to the canvas's format. Each render thread keeps the
last two pictures of an image, so a wheel zoom back to the view before is a copy. A file
missing on this device raises ``ImageryMissing``: the scheduler turns it into the map's message and
the rest of the map is drawn without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QPainter

from baytak_desktop.basemap.imagery_view import View as ImageView
from baytak_desktop.basemap.imagery_view import image_source, read_view_at, view_level
from baytak_desktop.basemap.registry import ImageEntry
from baytak_desktop.mapdata.pan import PictureShelf, nearest_pan, shifted_slices, strip_view, uncovered
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint.layer import Rendered, Stale

_Key = tuple[str, int, int, str | None, float]  # the file, its inode and mtime, its overviews, brightness
BAND_ROWS = 250  # a whole view is warped in bands of this many rows (a few ms each at 1600 wide)


# the last, the one before (a zoom back to where the map was is a copy) and the two a wheel notch in and
# out show, drawn ahead while the map stands still (``MapLayers._draw_ahead_jobs``)
PICTURES_PER_IMAGE = 4


@dataclass(frozen=True)
class _Picture:
    """A render thread's warp of an image: what a later pan (or a zoom back) reuses."""

    key: _Key
    view: View
    level: int | None
    image: QImage  # ARGB32 premultiplied, device pixel ratio 1
    covered: np.ndarray  # bool (height, width): the pixels the image covers


_pictures: PictureShelf[tuple[_Picture, ...]] = PictureShelf()


@dataclass(frozen=True)
class ImageryJob:
    entry: ImageEntry
    brightness: float = 0.0


def image_view(view: View) -> ImageView:
    """The canvas's view in EPSG:3857 bounds (scene y is minus the northing)."""
    return ImageView((view.x0, -view.y1, view.x1, -view.y0), view.width, view.height)


def to_qimage(rgba: np.ndarray) -> QImage:
    """An (h, w, 4) uint8 RGBA array as a QImage that owns its pixels."""
    height, width = rgba.shape[:2]
    data = np.ascontiguousarray(rgba)
    # premultiplied, the format the canvas composes: drawn as it is on every repaint, not converted
    return QImage(data.data, width, height, 4 * width, QImage.Format.Format_RGBA8888).convertToFormat(
        QImage.Format.Format_ARGB32_Premultiplied
    )


def render_imagery(job: ImageryJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    """The image under ``view``. A pan (the same resolution, moved by whole pixels) keeps the pixels the
    last picture of this thread shows and warps only the strips uncovered, from the overview level of
    the whole view: the pixels a whole warp gives (up to GDAL's approximate transformer at the strips'
    edges), for the cost of the strips. The view before the last (a zoom back) is reused the same way."""
    source = image_source(job.entry)  # a missing file says so before anything is kept
    status = source.stat()
    key: _Key = (str(source), status.st_ino, status.st_mtime_ns, job.entry.overviews, job.brightness)
    level = view_level(job.entry, image_view(view))
    kept = [p for p in _pictures.get(str(source)) or () if p.key == key]
    reused = nearest_pan([p for p in kept if p.level == level], view)
    if reused is None:
        rgba = _warp_in_bands(job, view, level, stale)
        picture = _Picture(key, view, level, to_qimage(rgba), rgba[..., 3] > 0)
    elif reused[1] == (0, 0):  # back to a view drawn before (a zoom in and out): that very picture
        picture = reused[0]
    else:
        picture = _panned(job, view, level, key, *reused, stale)
    previous = [p for p in kept if reused is None or p is not reused[0]]
    _pictures.put(str(source), (picture, *previous)[:PICTURES_PER_IMAGE])
    if stale():
        raise Stale()
    covered = int(np.count_nonzero(picture.covered))
    if not covered:
        return Rendered(None)
    image = picture.image
    if view.dpr != 1:  # the kept picture stays at ratio 1 for the next pan
        image = image.copy()
        image.setDevicePixelRatio(view.dpr)
    return Rendered(image, covered)


def _warp_in_bands(job: ImageryJob, view: View, level: int | None, stale: Callable[[], bool]) -> np.ndarray:
    """The whole view warped a band of rows at a time (``BAND_ROWS``), ``stale()`` checked between: a
    render asked while a wheel notch is drawn ahead waits for one band, not the whole warp. Bands across
    the whole width give the very pixels of one warp (GDAL transforms each row the same way; measured:
    not one pixel differs) at about its cost."""
    rgba = np.empty((view.height, view.width, 4), dtype=np.uint8)
    for top in range(0, view.height, BAND_ROWS):
        if stale():
            raise Stale()
        bottom = min(view.height, top + BAND_ROWS)
        band = strip_view(view, (0, top, view.width, bottom))
        rgba[top:bottom] = read_view_at(job.entry, image_view(band), level, job.brightness)
    return rgba


def _panned(
    job: ImageryJob,
    view: View,
    level: int | None,
    key: _Key,
    last: _Picture,
    offset: tuple[int, int],
    stale: Callable[[], bool],
) -> _Picture:
    """``last`` moved by ``offset`` (whole pixels), with the strips it does not cover warped."""
    dx, dy = offset
    (src_rows, src_cols), (dst_rows, dst_cols) = shifted_slices(view.width, view.height, dx, dy)
    covered = np.zeros((view.height, view.width), dtype=bool)
    covered[dst_rows, dst_cols] = last.covered[src_rows, src_cols]
    image = QImage(view.width, view.height, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Source)  # copied as it is
        painter.drawImage(QPoint(-dx, -dy), last.image)
        for strip in uncovered(view.width, view.height, dx, dy):
            if stale():
                raise Stale()
            left, top, right, bottom = strip
            rgba = read_view_at(job.entry, image_view(strip_view(view, strip)), level, job.brightness)
            painter.drawImage(QPoint(left, top), to_qimage(rgba))
            covered[top:bottom, left:right] = rgba[..., 3] > 0
    finally:
        painter.end()
    return _Picture(key, view, level, image, covered)


def forget_pictures() -> None:
    """Drop every kept picture (tests; a whole warp follows)."""
    _pictures.clear()
