"""Basemap place names in the UI language (no Qt)."""

from __future__ import annotations


def test_place_names_follow_the_language():
    from baytak_desktop.mapdata.basemap_names import local_name

    assert local_name("Qaraghandy", "kk") == "Қарағанды"
    assert local_name("Qaraghandy", "ru") == "Караганда"
    assert local_name("Qaraghandy", "en") == "Karaganda"
    assert local_name("Unlisted Village", "kk") == "Unlisted Village"
