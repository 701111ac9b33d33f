"""Coercion of what spreadsheets and GDAL hand over into the typed values a field stores."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd
import pytest

from baytak_desktop.layers import get_layer
from baytak_desktop.layers.canonical import wire_value
from baytak_desktop.layers.values import coerce, is_missing, parse_date
from baytak_desktop.layers.vocabularies import Term, Vocabulary

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


@pytest.mark.parametrize(
    "raw",
    [
        "05.06.2024 г.",  # Russian: "г." (года) after the year
        "05.06.2024г",
        "5 июня 2024",  # the month as a word, genitive, as Russian writes a date
        "5 июня 2024 года",
        "5 июнь 2024",
        "5 маусым 2024",  # Kazakh
        "2024 ж. 5 маусым",  # Kazakh, year first ("2024 жылғы 5 маусым")
        "2024 жылғы 5 маусым",
        "05.06.24",  # a two-digit year whose 20YY has begun
        "5.6.24",
        "2024/06/05",  # year first, with slashes
    ],
)
def test_dates_as_typed_in_russian_and_kazakh_tables(raw):
    """The one rule for dates (form, import, table): stored canonical, whatever the person typed."""
    assert coerce(PLANTED, raw) == "2024-06-05"


@pytest.mark.parametrize("raw", ["05.06.85", f"05.06.{dt.date.today().year % 100 + 1:02d}"])
def test_a_two_digit_year_that_could_be_either_century_is_refused(raw):
    """85 could be 1985 or 2085, and next year's 27 a plan or 1927: write the year, never guessed."""
    with pytest.raises(ValueError, match="two-digit year"):
        coerce(PLANTED, raw)


@pytest.mark.parametrize("raw", ["5 июнябрь 2024", "2024 5 june", "5 маусым", "32 мая 2024"])
def test_month_words_that_are_no_date_are_refused(raw):
    with pytest.raises(ValueError, match="not a real date"):
        coerce(PLANTED, raw)


def test_the_server_takes_only_canonical_dates_on_the_wire():
    """The device stores 2024-06-05 before sealing a change; the wire never carries a typed date."""
    observed = FACTORIES.field("observed_on")
    assert wire_value(observed, "2024-06-05") == "2024-06-05"
    for typed in ("05.06.2024", "5 июня 2024", "05.06.24"):
        with pytest.raises(ValueError):
            wire_value(observed, typed)


@pytest.mark.parametrize(
    "raw",
    ["действующий", "Действует", "работающий", "жұмыс істейді", "  жұмыс  істейді ", "в работе", "белсенді"],
)
def test_a_codes_common_words_in_kk_and_ru_are_taken(raw):
    """A brick factory's table says "действующий" (the quarries' label) where its own label is "работает"."""
    assert coerce(STATUS, raw) == "operating"


def test_a_quarry_takes_the_factories_word_for_active():
    assert coerce(QUARRIES.field("status"), "работает") == "active"
    assert coerce(QUARRIES.field("status"), "заброшен") == "abandoned"


def test_a_word_two_codes_of_one_vocabulary_claim_is_never_guessed():
    """A vocabulary with both "operating" and "active" cannot tell which "действует" means."""
    both = Vocabulary(
        "status",
        (
            Term("operating", "жұмыс істеп тұр", "работает", "operating"),
            Term("active", "белсенді", "действующий", "active"),
        ),
    )
    field = dataclasses.replace(STATUS, vocabulary=both)
    assert coerce(field, "действующий") == "active"  # a term's own label wins over another's synonym
    assert coerce(field, "белсенді") == "active"
    with pytest.raises(ValueError, match="'действует' may mean operating or active"):
        coerce(field, "действует")
