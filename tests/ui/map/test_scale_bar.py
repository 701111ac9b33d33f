"""The map's scale bar writes its round length in the UI language's units."""

from __future__ import annotations

from baytak_desktop.ui.map.scale_bar import format_length


def test_scale_bar_length_is_written_in_m_or_km():
    assert format_length(2000) == "2 km" and format_length(500) == "500 m"
