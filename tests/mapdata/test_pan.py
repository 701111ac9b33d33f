"""Pixel rectangles of pans: what is left of a strip once another picture covered part of it."""

from __future__ import annotations

import itertools

import numpy as np

from baytak_desktop.mapdata.pan import grid_shift, overlap, subtract
from baytak_desktop.mapdata.projection import View


def test_a_strip_less_what_another_picture_covers_is_the_rest_each_pixel_once() -> None:
    strip = (0, 0, 400, 768)
    for cover in [(0, -250, 1366, 518), (100, 100, 300, 200), (-50, 700, 50, 900), (0, 0, 400, 768)]:
        common = overlap(strip, cover)
        assert common is not None
        grid = np.zeros((768, 400), dtype=int)
        for left, top, right, bottom in [common, *subtract(strip, common)]:
            grid[top:bottom, left:right] += 1
        assert (grid == 1).all()
    assert overlap(strip, (400, 0, 800, 768)) is None  # touching is not meeting


def test_pictures_on_one_pixel_grid_however_far_apart() -> None:
    view = View(1000.0, 2000.0, 2.5, 1600, 1000)
    for dx, dy in itertools.product((-5000, -3, 0, 1600), (-1000, 0, 7)):
        moved = View(view.x0 + dx * view.res, view.y0 + dy * view.res, view.res, 1600, 1000)
        assert grid_shift(view, moved) == (dx, dy)
    assert grid_shift(view, View(view.x0 + 1.25, view.y0, view.res, 1600, 1000)) is None  # half a pixel
    assert grid_shift(view, View(view.x0, view.y0, 2.0, 1600, 1000)) is None  # a zoom
