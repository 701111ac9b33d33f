"""Pans by whole pixels: what a render worker's last picture still covers of the next view.

A redraw after a pan draws the same pixels as before, shifted, plus strips along the edges the pan
uncovered. The painters that keep their last picture (the OSM basemap, imagery, store layers) ask
:func:`pan_offset` whether a new view is such a pan of the old one, and :func:`uncovered` which strips
to draw; they keep pictures per render thread in a :class:`PictureShelf`.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Hashable, Iterable
from dataclasses import replace
from typing import Generic, Protocol, TypeVar

from baytak_desktop.mapdata.projection import View

Picture = TypeVar("Picture")


def pan_offset(old: View, new: View) -> tuple[int, int] | None:
    """The whole-pixel offset (dx, dy) of ``new`` from ``old`` when ``new`` is a pan of it (same size,
    resolution and pixel ratio, moved by whole pixels, less than half of it new); None otherwise (a zoom,
    a resize, a jump: one whole render costs less than strips)."""
    shift = grid_shift(old, new)
    if shift is None:
        return None
    dx, dy = shift
    if (
        abs(dx) >= new.width
        or abs(dy) >= new.height
        or abs(dx) * new.height + abs(dy) * new.width > (new.width * new.height // 2)
    ):
        return None
    return dx, dy


class _Shown(Protocol):
    @property
    def view(self) -> View: ...


Kept = TypeVar("Kept", bound=_Shown)


def nearest_pan(kept: Iterable[Kept], view: View) -> tuple[Kept, tuple[int, int]] | None:
    """Of the kept pictures, the one ``view`` is a pan of (or the very view: a zoom back) that leaves
    least to draw, with the whole-pixel offset from it; None when ``view`` is a pan of none of them."""
    best: tuple[int, Kept, tuple[int, int]] | None = None
    for picture in kept:
        offset = pan_offset(picture.view, view)
        if offset is None:
            continue
        left = abs(offset[0]) * view.height + abs(offset[1]) * view.width  # pixels to draw, about
        if best is None or left < best[0]:
            best = (left, picture, offset)
    return None if best is None else (best[1], best[2])


def grid_shift(old: View, new: View) -> tuple[int, int] | None:
    """The whole-pixel offset (dx, dy) of ``new`` from ``old`` when both lie on one pixel grid (same
    size, resolution and pixel ratio, moved by whole pixels), however far apart; None otherwise."""
    if (old.width, old.height, old.dpr) != (new.width, new.height, new.dpr) or not math.isclose(
        old.res, new.res, rel_tol=1e-9
    ):
        return None
    dx, dy = (new.x0 - old.x0) / new.res, (new.y0 - old.y0) / new.res
    if abs(dx - round(dx)) > 1e-3 or abs(dy - round(dy)) > 1e-3:
        return None
    return round(dx), round(dy)


Rect = tuple[int, int, int, int]  # left, top, right, bottom in pixels


def overlap(a: Rect, b: Rect) -> Rect | None:
    """Where the pixel rectangles ``a`` and ``b`` meet; None when they do not."""
    left, top, right, bottom = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (left, top, right, bottom) if left < right and top < bottom else None


def subtract(rect: Rect, inner: Rect) -> list[Rect]:
    """What is left of ``rect`` without ``inner`` (a rectangle within it): up to four rectangles, the
    rows above and below it across the whole width, the columns beside it."""
    left, top, right, bottom = rect
    i_left, i_top, i_right, i_bottom = inner
    rest = [
        (left, top, right, i_top),
        (left, i_bottom, right, bottom),
        (left, i_top, i_left, i_bottom),
        (i_right, i_top, right, i_bottom),
    ]
    return [r for r in rest if r[0] < r[2] and r[1] < r[3]]


def uncovered(width: int, height: int, dx: int, dy: int) -> list[tuple[int, int, int, int]]:
    """The pixel rectangles (left, top, right, bottom) of a view moved by (dx, dy) that the last picture
    does not cover: a column on the side moved towards, then a row across the rest."""
    strips = []
    if dx:
        strips.append((width - dx, 0, width, height) if dx > 0 else (0, 0, -dx, height))
    left, right = (0, width - dx) if dx > 0 else (-dx, width)
    if dy:
        strips.append((left, height - dy, right, height) if dy > 0 else (left, 0, right, -dy))
    return strips


def strip_view(view: View, strip: tuple[int, int, int, int]) -> View:
    """The part (left, top, right, bottom) of ``view`` as a view of its own, on the same pixel grid."""
    left, top, right, bottom = strip
    return replace(
        view, x0=view.x0 + left * view.res, y0=view.y0 + top * view.res, width=right - left, height=bottom - top
    )


def shifted_slices(width: int, height: int, dx: int, dy: int) -> tuple[tuple[slice, slice], tuple[slice, slice]]:
    """(rows, columns) of the old picture that the view moved by (dx, dy) still shows, and where they land."""
    src_cols = slice(max(dx, 0), width + min(dx, 0))
    dst_cols = slice(max(-dx, 0), width + min(-dx, 0))
    src_rows = slice(max(dy, 0), height + min(dy, 0))
    dst_rows = slice(max(-dy, 0), height + min(-dy, 0))
    return (src_rows, src_cols), (dst_rows, dst_cols)


class PictureShelf(Generic[Picture]):
    """Each render worker's last picture per source, by thread id: a pool thread's Python state, and a
    threading.local with it, is dropped after every job it runs, so the next pan would find nothing.
    The oldest are dropped first (threads the pool let go of)."""

    def __init__(self, kept: int = 8) -> None:
        self._pictures: dict[tuple[int, Hashable], Picture] = {}
        self._lock = threading.Lock()
        self._kept = kept

    def get(self, source: Hashable) -> Picture | None:
        with self._lock:
            return self._pictures.get((threading.get_ident(), source))

    def put(self, source: Hashable, picture: Picture) -> None:
        key = (threading.get_ident(), source)
        with self._lock:
            self._pictures.pop(key, None)
            self._pictures[key] = picture
            while len(self._pictures) > self._kept:
                self._pictures.pop(next(iter(self._pictures)))

    def clear(self) -> None:
        with self._lock:
            self._pictures.clear()
