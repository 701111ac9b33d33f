"""Basemap place names in the UI language (no Qt)."""

from __future__ import annotations


def test_place_names_follow_the_language():
    from baytak_desktop.mapdata.basemap_names import local_name

    assert local_name("Qaraghandy", "kk") == "Қарағанды"
    assert local_name("Qaraghandy", "ru") == "Караганда"
    assert local_name("Qaraghandy", "en") == "Karaganda"
    assert local_name("Unlisted Village", "kk") == "Unlisted Village"


def test_every_country_on_the_map_is_named_in_kazakh_and_russian():
    """Beyond Central Asia the coarse world layer names 170 countries in English; on a Kazakh or
    Russian map each is written in Cyrillic (ISO 3166 translations, the short form a map uses)."""
    import re

    from baytak_desktop.mapdata.basemap import load_basemap
    from baytak_desktop.resources import basemap_path

    countries = load_basemap(basemap_path()).layers["countries"]
    english = [str(name) for name in countries.attributes["name"]]
    assert len(english) > 150 and "India" in english and "Ukraine" in english
    for language in ("kk", "ru"):
        names = dict(zip(english, countries.names(language), strict=True))
        latin = {
            en: local
            for en, local in names.items()
            if not local or not re.search("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", local)
        }
        assert latin == {}, language
    assert dict(zip(english, countries.names("kk"), strict=True))["India"] == "Үндістан"
    assert dict(zip(english, countries.names("ru"), strict=True))["India"] == "Индия"
    assert dict(zip(english, countries.names("ru"), strict=True))["United States of America"] == "США"
    assert dict(zip(english, countries.names("en"), strict=True))["India"] == "India"  # English as it is


def test_a_country_with_no_iso_code_is_found_by_its_name():
    from baytak_desktop.mapdata.basemap_names import country_name

    assert country_name("-99", "Norway", "ru") == "Норвегия"  # Natural Earth gives some countries -99
    assert country_name("-99", "Atlantis", "kk") is None
    assert country_name("IND", "India", "en") is None


def test_without_pycountry_the_english_name_stays(monkeypatch):
    """./run.sh keeps the installed venv when an update cannot be installed offline: a missing pycountry
    must leave the English name, never break the basemap's drawing."""
    import sys

    from baytak_desktop.mapdata.basemap_names import country_name

    monkeypatch.setitem(sys.modules, "pycountry", None)  # import pycountry raises ImportError
    assert country_name("IND", "India", "kk") is None
