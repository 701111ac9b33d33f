"""Measurements are geodesic and written in m/km, ha/km² with the UI language's number format."""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.layers import measure
from baytak_desktop.ui import i18n
from baytak_desktop.ui.edit.measure import MeasureResult, describe, format_area, format_length


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    i18n.set_language("en")
    yield
    i18n.set_language("en")


def test_units_are_chosen_for_a_person():
    assert format_length(850.4) == "850 m" and format_length(12_345) == "12.35 km"
    assert format_area(4_500) == "0.4500 ha" and format_area(2_500_000) == "250.00 ha"
    assert format_area(6.8e10) == "68,000.0 km²"  # the Aral in 1960


def test_numbers_follow_the_language():
    i18n.set_language("ru")
    assert format_area(6.8e10).replace("\u00a0", " ") == "68 000,0 км²"
    assert format_length(12_345) == "12,35 км"


def test_a_one_degree_square_at_almaty_is_measured_on_the_ellipsoid(qtbot):
    square = shapely.box(76.5, 43.0, 77.5, 44.0)
    km2 = measure.area_m2(square) / 1e6
    assert 8_900 < km2 < 9_100  # ~81 km x ~111 km; Web Mercator would say ~2x more
    widget = MeasureResult()
    qtbot.addWidget(widget)
    assert widget.text() == "Click on the map to measure"
    widget.set_geometry(square)
    assert widget.text() == describe(square) and widget.text().startswith(f"Area {format_area(km2 * 1e6)}")
    widget.set_geometry(shapely.LineString([(76.9, 43.2), (77.0, 43.2)]))
    assert widget.text() == "Distance 8.13 km"  # 0.1° of longitude at 43.2°N on WGS84
