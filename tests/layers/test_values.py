"""Coercion of what spreadsheets and GDAL hand over into the typed values a field stores."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from baytak_desktop.layers import get_layer
from baytak_desktop.layers.values import coerce, is_missing, parse_date

TREES = get_layer("tree_plantings")
FACTORIES = get_layer("brick_factories")
QUARRIES = get_layer("quarries")
COUNT = TREES.field("tree_count")
SURVIVAL = TREES.field("survival_rate")
PLANTED = TREES.field("planted_on")
SPECIES = TREES.field("species")
STATUS = FACTORIES.field("status")
BRANCH = FACTORIES.field("branch")
CREATED = FACTORIES.field("created_at")


@pytest.mark.parametrize("raw", ["1 200", "1\u00a0200", "1\u202f200", "1200", 1200, 1200.0, " 1200 "])
def test_integer_with_thousands_separators(raw):
    value = coerce(COUNT, raw)
    assert value == 1200 and type(value) is int


@pytest.mark.parametrize("raw, expected", [("12,5", 12.5), ("12.5", 12.5), ("1 234,75", 1234.75), (7, 7.0)])
def test_real_with_decimal_comma(raw, expected):
    value = coerce(SURVIVAL, raw)
    assert value == expected and type(value) is float


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("05.06.2024", "2024-06-05"),  # DD.MM.YYYY, day first as written in Kazakhstan
        ("5/6/2024", "2024-06-05"),
        ("2024-06-05", "2024-06-05"),
        ("2024-06-05T10:30:00", "2024-06-05"),
        ("2019", "2019-01-01"),  # a year only
        (dt.date(2024, 6, 5), "2024-06-05"),
        (dt.datetime(2024, 6, 5, 23, 59), "2024-06-05"),
        (pd.Timestamp("2024-06-05"), "2024-06-05"),
    ],
)
def test_dates(raw, expected):
    assert coerce(PLANTED, raw) == expected


@pytest.mark.parametrize("raw", ["закрыт", "ЗАКРЫТ", "жабылған", "closed", "Closed", " closed "])
def test_russian_kazakh_english_label_becomes_code(raw):
    assert coerce(STATUS, raw) == "closed"


def test_kazakh_branch_label_becomes_code():
    assert coerce(BRANCH, "Алматы облысы") == "almaty_region"
    assert coerce(BRANCH, "город Алматы") == "almaty"


@pytest.mark.parametrize("raw", [None, float("nan"), np.float64("nan"), pd.NA, pd.NaT, "", "   "])
def test_missing_values_become_none(raw):
    assert is_missing(raw)
    for field in (COUNT, SURVIVAL, PLANTED, STATUS, FACTORIES.field("name"), CREATED):
        assert coerce(field, raw) is None


def test_zero_and_false_like_values_are_not_missing():
    assert coerce(COUNT, 0) == 0
    assert coerce(COUNT, "0") == 0


@pytest.mark.parametrize(
    "field, raw, words",
    [
        (COUNT, "many", ["'many'", "not a number"]),
        (COUNT, "12,5", ["not a whole number"]),
        (COUNT, True, ["not a number"]),
        (SURVIVAL, "inf", ["not a finite number"]),
        (SURVIVAL, "1.234,5", ["not a number"]),
        (PLANTED, "2023-02-30", ["'2023-02-30'", "not a real date", "DD.MM.YYYY"]),
        (PLANTED, "31.02.2024", ["not a real date"]),
        (PLANTED, "yesterday", ["not a real date"]),
        (PLANTED, "13.13.2024", ["not a real date"]),
        (STATUS, "demolished", ["'demolished'", "operating", "closed", "relocated", "unknown"]),
        (SPECIES, "baobab", ["not one of"]),
        (CREATED, "noon", ["not a date and time", "ISO 8601"]),
    ],
)
def test_bad_input_raises_value_error_saying_what_was_expected(field, raw, words):
    with pytest.raises(ValueError) as info:
        coerce(field, raw)
    for word in words:
        assert word in str(info.value)


def test_text_longer_than_allowed_is_refused():
    licence = QUARRIES.field("license_no")
    assert coerce(licence, "  KZ-1  ") == "KZ-1"
    with pytest.raises(ValueError, match="101 characters long; at most 100"):
        coerce(licence, "x" * 101)


def test_datetime_is_normalised_to_utc_milliseconds():
    aware = dt.datetime(2024, 6, 5, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=5)))
    assert coerce(CREATED, aware) == "2024-06-05T10:00:00.000Z"
    assert coerce(CREATED, "2024-06-05T10:00:00Z") == "2024-06-05T10:00:00.000Z"


def test_parse_date_rejects_impossible_calendar_day():
    with pytest.raises(ValueError):
        parse_date("2023-02-29")
    assert parse_date("2024-02-29") == dt.date(2024, 2, 29)
