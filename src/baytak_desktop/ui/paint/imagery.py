"""Drawing a registered image (drone orthophoto, satellite scene) for one view, on a render worker.

``basemap.imagery_view.read_view`` does the raster work (GDAL's warper, the right overview, only the
part of the view the image covers); here its RGBA array becomes the QImage the canvas shows, and a
pan warps only the strips it uncovered. A file
missing on this device raises ``ImageryMissing``: the scheduler turns it into the map's message and
the rest of the map is drawn without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QImage

from baytak_desktop.basemap.imagery_view import View as ImageView
from baytak_desktop.basemap.imagery_view import image_source, read_view_at, view_level
from baytak_desktop.basemap.registry import ImageEntry
from baytak_desktop.mapdata.pan import PictureShelf, pan_offset, shifted_slices, strip_view, uncovered
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint.layer import Rendered, Stale

_Key = tuple[str, int, int, str | None, float]  # the file, its inode and mtime, its overviews, brightness


@dataclass(frozen=True)
class _Picture:
    """A render thread's last warp of an image: what its next pan reuses."""

    key: _Key
    view: View
    level: int | None
    rgba: np.ndarray


_pictures: PictureShelf[_Picture] = PictureShelf()


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
    edges), for the cost of the strips."""
    source = image_source(job.entry)  # a missing file says so before anything is kept
    status = source.stat()
    key: _Key = (str(source), status.st_ino, status.st_mtime_ns, job.entry.overviews, job.brightness)
    level = view_level(job.entry, image_view(view))
    last = _pictures.get(str(source))
    offset = pan_offset(last.view, view) if last is not None and (last.key, last.level) == (key, level) else None
    if last is None or offset is None:
        rgba = read_view_at(job.entry, image_view(view), level, job.brightness)
    else:
        (src_rows, src_cols), (dst_rows, dst_cols) = shifted_slices(view.width, view.height, *offset)
        rgba = np.zeros_like(last.rgba)
        rgba[dst_rows, dst_cols] = last.rgba[src_rows, src_cols]
        for strip in uncovered(view.width, view.height, *offset):
            if stale():
                raise Stale()
            left, top, right, bottom = strip
            part = image_view(strip_view(view, strip))
            rgba[top:bottom, left:right] = read_view_at(job.entry, part, level, job.brightness)
    _pictures.put(str(source), _Picture(key, view, level, rgba))
    if stale():
        raise Stale()
    covered = int(np.count_nonzero(rgba[..., 3]))
    if not covered:
        return Rendered(None)
    image = to_qimage(rgba)
    image.setDevicePixelRatio(view.dpr)
    return Rendered(image, covered)


def forget_pictures() -> None:
    """Drop every kept picture (tests; a whole warp follows)."""
    _pictures.clear()
