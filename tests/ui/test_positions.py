"""Positions in the user's language that cannot be misread: Kazakh and Russian write a decimal comma, so
latitude and longitude are set apart by a semicolon there, and the coordinate dialog reads it back."""

from __future__ import annotations

import pytest

from baytak_desktop.ui.edit.coordinate_dialog import parse_position
from baytak_desktop.ui.i18n import format_position, set_language


@pytest.fixture
def language(qapp):
    yield set_language
    set_language("en")


@pytest.mark.parametrize(
    ("lang", "shown"), [("kk", "48,23456; 74,43204"), ("ru", "48,23456; 74,43204"), ("en", "48.23456, 74.43204")]
)
def test_a_position_is_shown_unambiguously_and_read_back(language, lang, shown):
    language(lang)
    assert format_position(48.234561, 74.432041) == shown
    assert parse_position(shown) == pytest.approx((74.43204, 48.23456))
