"""Coordinates as activists type them, and DMS text that parses back to the same position."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from baytak_desktop.io.coordinate_pairs import parse_pair
from baytak_desktop.io.coordinates import format_dms, parse_coordinate

KONAEV_LAT = 43 + 52 / 60 + 12 / 3600  # 43°52'12"N


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("43.87", 43.87),
        ("43,87", 43.87),
        ("-76.5", -76.5),
        ("+43.5", 43.5),
        ("76.5E", 76.5),
        ("76.5 W", -76.5),
        ("43.87 N", 43.87),
        (".5", 0.5),
        ("  43.87\t", 43.87),
        ("−43.5", -43.5),  # typographic minus
        ("43°52'12\"N", KONAEV_LAT),
        ("43°52'12.5\"N", KONAEV_LAT + 0.5 / 3600),
        ("43° 52' 12\" N", KONAEV_LAT),
        ("43 52 12 N", KONAEV_LAT),
        ("N43°52'12\"", KONAEV_LAT),
        ("N 43 52 12", KONAEV_LAT),
        ("43°52.2'N", KONAEV_LAT),
        ("43°52,2'N", KONAEV_LAT),
        ("43°52′12″N", KONAEV_LAT),
        ("43°52’12”N", KONAEV_LAT),
        ("43°52'12''N", KONAEV_LAT),
        ("43º52'12\"N", KONAEV_LAT),  # ordinal sign typed for a degree
        ("43°52'12\"S", -KONAEV_LAT),
        ("-43°52'12\"", -KONAEV_LAT),
        ("43°N", 43.0),
        ("43°52'12\" С", KONAEV_LAT),  # Cyrillic Es: север
        ("43°52'12\" с.ш.", KONAEV_LAT),
        ("43°52'12\" ю.ш.", -KONAEV_LAT),
        ("76°57' в.д.", 76.95),
        ("З 76.5", -76.5),
        ("43°52'12\" с.е.", KONAEV_LAT),  # Kazakh: солтүстік ендік
        ("76°57' ш.б.", 76.95),  # Kazakh: шығыс бойлық
        ("0", 0.0),
        ("180", 180.0),
    ],
)
def test_parses_the_forms_people_type(text: str, expected: float) -> None:
    assert parse_coordinate(text) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("text", "axis", "message"),
    [
        ("abc", None, '"abc" is not a coordinate: write decimal degrees (43.87)'),
        ("", None, '"" is not a coordinate'),
        ("nan", None, '"nan" is not a coordinate'),
        ("43..5", None, '"43..5" is not a coordinate'),
        ("43 52 12 11", None, "is not a coordinate"),
        ("43°75'N", None, "has minutes 75: minutes must be less than 60"),
        ("43°52'60\"N", None, "has seconds 60: seconds must be less than 60"),
        ("43°52.5'12\"N", None, "only the last part (degrees, minutes or seconds) may have decimals"),
        ("43.5°30'", None, "only the last part"),
        ('43°52"', None, "has \" where ' belongs"),
        ("43°52'12\"X", None, "the hemisphere must be N, S, E or W"),
        ("-43N", None, "has both a minus sign and a hemisphere letter"),
        ("N43S", None, "has a hemisphere both before and after the number"),
        ("95", "lat", "95 is outside -90..90"),
        ("-181", "lon", "-181 is outside -180..180"),
        ("4352", None, "4352 is outside -180..180"),
        ("95°N", None, "95 is outside -90..90"),
        ("76.5E", "lat", "is a longitude, but a latitude was expected: are the columns swapped?"),
        ("43.5N", "lon", "is a latitude, but a longitude was expected"),
    ],
)
def test_refuses_with_a_reason(text: str, axis: str | None, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_coordinate(text, axis)  # type: ignore[arg-type]
    assert message in str(caught.value)


def test_axis_accepts_its_own_hemisphere() -> None:
    assert parse_coordinate("43°52'12\"N", "lat") == pytest.approx(KONAEV_LAT)
    assert parse_coordinate("77°04'E", "lon") == pytest.approx(77 + 4 / 60)


@pytest.mark.parametrize(
    ("value", "is_lat", "expected"),
    [
        (KONAEV_LAT, True, "43°52'12.0\"N"),
        (-KONAEV_LAT, True, "43°52'12.0\"S"),
        (-76.5, False, "76°30'00.0\"W"),
        (77.0, False, "77°00'00.0\"E"),
        (0.0, True, "0°00'00.0\"N"),
        (-1e-9, True, "0°00'00.0\"N"),  # rounds to zero: no "S" on a zero
        (43.999999, True, "44°00'00.0\"N"),  # 59.9964" carries into the next degree
        (180.0, False, "180°00'00.0\"E"),
    ],
)
def test_format_dms(value: float, is_lat: bool, expected: str) -> None:
    assert format_dms(value, is_lat) == expected


def test_format_dms_decimals() -> None:
    assert format_dms(KONAEV_LAT + 0.25 / 3600, True, decimals=2) == "43°52'12.25\"N"
    assert format_dms(1.5, True, decimals=0) == "1°30'00\"N"


@pytest.mark.parametrize(("value", "is_lat"), [(90.5, True), (-180.1, False), (math.nan, True)])
def test_format_dms_refuses_impossible_values(value: float, is_lat: bool) -> None:
    with pytest.raises(ValueError, match="is outside"):
        format_dms(value, is_lat)


ARC_SECOND = 1 / 3600
TOLERANCE = 0.05 * ARC_SECOND + 1e-12  # half the last printed digit, plus float noise


@given(st.floats(min_value=-90, max_value=90, allow_nan=False))
def test_latitude_round_trip(value: float) -> None:
    assert abs(parse_coordinate(format_dms(value, True), "lat") - value) <= TOLERANCE


@given(st.floats(min_value=-180, max_value=180, allow_nan=False))
def test_longitude_round_trip(value: float) -> None:
    assert abs(parse_coordinate(format_dms(value, False), "lon") - value) <= TOLERANCE


@given(st.floats(min_value=-180, max_value=180, allow_nan=False), st.integers(min_value=0, max_value=4))
def test_round_trip_at_any_precision(value: float, decimals: int) -> None:
    tolerance = 0.5 * 10**-decimals * ARC_SECOND + 1e-12
    assert abs(parse_coordinate(format_dms(value, False, decimals=decimals)) - value) <= tolerance


@given(st.text(max_size=20))
def test_arbitrary_text_parses_or_raises_value_error(text: str) -> None:
    try:
        value = parse_coordinate(text)
    except ValueError:
        return
    assert -180 <= value <= 180


def test_float_noise_past_a_limit_is_the_limit_and_a_real_excess_is_said_with_its_digits() -> None:
    assert parse_coordinate("180.00000000000006", "lon") == 180.0
    assert parse_coordinate("-90.0000000000001", "lat") == -90.0
    with pytest.raises(ValueError, match=r"^180\.5 is outside -180\.\.180$"):
        parse_coordinate("180.5", "lon")


PLACE = (43.238949, 76.889709)


@pytest.mark.parametrize(
    "text",
    [
        "43.238949, 76.889709",  # Google Maps' "copy coordinates", 2GIS, Yandex Maps' text
        "43.238949 76.889709",
        "43.238949,76.889709",
        "43,238949; 76,889709",  # decimal commas, as a Russian table writes them
        "43,238949, 76,889709",
        "geo:43.238949,76.889709",  # a phone's shared location (RFC 5870)
        "geo:43.238949,76.889709;u=35",
        "https://www.google.com/maps/@43.238949,76.889709,15z",
        "https://www.google.com/maps?q=43.238949,76.889709",
        "https://maps.google.com/?ll=43.238949,76.889709",  # Google's ll= is latitude first
        "https://www.google.com/maps/place/X/@43.1,76.1,15z/data=!3m1!4b1!4m6!3m5!8m2!3d43.238949!4d76.889709",
        "https://yandex.kz/maps/162/almaty/?ll=76.889709%2C43.238949&z=15",  # Yandex: longitude first
        "https://yandex.ru/maps/?pt=76.889709,43.238949&ll=77.0,43.0&z=12",  # the pin, not the view
        "https://2gis.kz/almaty?m=76.889709%2C43.238949%2F15",  # 2GIS: longitude first
    ],
)
def test_a_place_in_one_cell_is_read_in_each_sites_order(text: str) -> None:
    lat, lon = parse_pair(text)
    assert (round(lat, 6), round(lon, 6)) == PLACE


@pytest.mark.parametrize(
    "text",
    ["43°14'20.2\"N 76°53'23.0\"E", "76°53'23.0\"E 43°14'20.2\"N", "43 14 20.2 76 53 23.0", "N43.23894 E76.88972"],
)
def test_degrees_minutes_seconds_in_one_cell_follow_their_letters(text: str) -> None:
    lat, lon = parse_pair(text)
    assert (round(lat, 4), round(lon, 4)) == (43.2389, 76.8897)


@pytest.mark.parametrize(
    "text, words",
    [
        ("76.889709, 43.238949", "write the latitude first"),  # would be in the Arctic; swapped in Almaty
        ("https://maps.app.goo.gl/x1Y2", "a link without coordinates"),  # a short link
        ("https://go.2gis.com/abcd", "a link without coordinates"),
        ("https://example.org/map?ll=76.88,43.23", "coordinate order baytak does not know"),
        ("43 76 12", "not a pair of coordinates"),  # degrees and degrees-minutes: no place
        ("43.2", "not a pair of coordinates"),
        ("Алматы, ул. Абая 10", "not a pair of coordinates"),
        ("geo:95,76", "no place on Earth"),
    ],
)
def test_a_cell_that_is_no_single_place_is_refused_saying_why(text: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_pair(text)
