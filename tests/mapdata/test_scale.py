"""The scale bar's arithmetic on the ellipsoid (no Qt)."""

from __future__ import annotations

import pytest

from baytak_desktop.mapdata.scale import metres_per_pixel, nice_length


def test_scale_bar_is_geodesic_and_round():
    assert [nice_length(v) for v in (0.9, 1, 3, 7.5, 120, 4999)] == [0.5, 1, 2, 5, 100, 2000]
    equator = metres_per_pixel(70.0, 0.0, 0.001)
    astana = metres_per_pixel(71.4, 51.1, 0.001)
    assert equator == pytest.approx(111.32, rel=1e-3)  # 0.001 degree of longitude on the equator
    assert astana / equator == pytest.approx(0.6293, rel=2e-3)  # ~cos(51.1°) on the ellipsoid
