"""Drawing a registered image (drone orthophoto, satellite scene) for one view, on a render worker.

``basemap.imagery_view.read_view`` does the raster work (GDAL's warper, the right overview, only the
part of the view the image covers); here its RGBA array becomes the QImage the canvas shows. A file
missing on this device raises ``ImageryMissing``: the scheduler turns it into the map's message and
the rest of the map is drawn without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtGui import QImage

from baytak_desktop.basemap.imagery_view import View as ImageView
from baytak_desktop.basemap.imagery_view import read_view
from baytak_desktop.basemap.registry import ImageEntry
from baytak_desktop.mapdata.projection import View
from baytak_desktop.ui.paint.layer import Rendered, Stale


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
    return QImage(data.data, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()


def render_imagery(job: ImageryJob, view: View, stale: Callable[[], bool] = lambda: False) -> Rendered:
    rgba = read_view(job.entry, image_view(view), job.brightness)
    if stale():
        raise Stale()
    covered = int(np.count_nonzero(rgba[..., 3]))
    if not covered:
        return Rendered(None)
    image = to_qimage(rgba)
    image.setDevicePixelRatio(view.dpr)
    return Rendered(image, covered)
