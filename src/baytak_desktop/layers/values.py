"""Turn what people and files give us into the typed values a field stores.

Spreadsheets from branch offices write "1 200", "12,5", "05.06.2024" and Russian labels instead of
codes; GDAL hands over pandas timestamps and NaN. Each coercion either returns a clean value or raises
ValueError with a message that says what was expected.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

from baytak_desktop.errors import either, formatted
from baytak_desktop.layers.schema import Field, FieldType
from baytak_desktop.layers.vocabularies import fold


class ValueProblem(ValueError):
    """A value that cannot be coerced; keeps its English ``template`` and ``params`` so the UI can
    translate the message (``str(exc)`` is the formatted English text, as for any ValueError)."""

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params
        super().__init__(formatted(template, params))  # a part of its own (``either``) in English


_DAY_FIRST = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})$")
# A month written as a word: Russian (genitive, as in "5 июня 2024", and nominative) and Kazakh.
MONTHS = {
    **{word: number for number, words in enumerate((
        ("января", "январь"), ("февраля", "февраль"), ("марта", "март"), ("апреля", "апрель"), ("мая", "май"),
        ("июня", "июнь"), ("июля", "июль"), ("августа", "август"), ("сентября", "сентябрь"),
        ("октября", "октябрь"), ("ноября", "ноябрь"), ("декабря", "декабрь"),
    ), start=1) for word in words},
    **{word: number for number, word in enumerate((
        "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
        "қараша", "желтоқсан",
    ), start=1)},
}  # fmt: skip
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+(\w+)\s+(\d{4})$")  # 5 июня 2024, 5 маусым 2024
_YEAR_DAY_MONTH = re.compile(r"^(\d{4})\s+(\d{1,2})\s+(\w+)$")  # 2024 ж. 5 маусым (the "ж." dropped)
# "г." / "года" / "ж." / "жыл" / "жылғы" after or inside a date, as Russian and Kazakh write the year.
_YEAR_WORDS = re.compile(r"(?<=\d)\s*(?:года|год|г\.?|жылғы|жылы|жыл|ж\.?)(?=\s|$)")
_YEAR = re.compile(r"^\d{4}$")
_YEAR_FIRST = re.compile(r"^(\d{4})[./](\d{1,2})[./](\d{1,2})$")  # 2024/06/05: a four-digit year leads
_SPACES = re.compile(r"[\s\u00a0\u202f']")
# Never text: C0 controls but tab, line feed and carriage return; DEL and the C1 controls; lone UTF-16
# surrogates (UTF-8 cannot hold them; PostgreSQL refuses them and NUL); the Unicode noncharacters.
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def is_missing(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, float) and math.isnan(raw):
        return True
    if isinstance(raw, str) and not raw.strip():
        return True
    return type(raw).__name__ in ("NAType", "NaTType")


def coerce(field: Field, raw: Any) -> Any:
    """The stored form of ``raw`` for ``field`` (None when missing); ValueError when it cannot be."""
    if is_missing(raw):
        return None
    if field.vocabulary is not None:
        return _code(field, raw)
    return _COERCERS[field.type](field, raw)


def text_problem(text: str) -> ValueProblem | None:
    """Why ``text`` cannot be stored as text (a character ``BAD_CHARACTER`` refuses), or None. Refused
    with a message naming the character, never cleaned: cleaning would store what nobody sees."""
    if text.isprintable():  # the common case, at C speed: every refused character is unprintable
        return None
    found = BAD_CHARACTER.search(text)
    if found is None:
        return None
    return ValueProblem(
        "contains the character {code} (at position {position}), which text cannot hold; remove it",
        code=f"U+{ord(found.group()):04X}",
        position=found.start() + 1,
    )


def _text(field: Field, raw: Any) -> str:
    text = str(raw).strip()
    if problem := text_problem(text):
        raise problem
    if len(text) > field.max_length:
        raise ValueProblem(
            "is {length} characters long; at most {limit} are allowed", length=len(text), limit=field.max_length
        )
    return text


def _code(field: Field, raw: Any) -> str:
    vocab = field.vocabulary
    assert vocab is not None
    text = str(raw).strip()
    if text in vocab.codes:
        return text
    folded = fold(text)
    for term in vocab.terms:
        if folded in (fold(term.code), fold(term.kk), fold(term.ru), fold(term.en)):
            return term.code
    meant = vocab.synonym_codes.get(folded, ())
    if len(meant) == 1:
        return meant[0]
    if meant:
        raise ValueProblem("{value!r} may mean {codes}: write one of them", value=text, codes=either(meant))
    raise ValueProblem("{value!r} is not one of: {codes}", value=text, codes=", ".join(vocab.codes))


def _number(raw: Any) -> float:
    if isinstance(raw, bool):
        raise ValueProblem("{value!r} is not a number", value=raw)
    if isinstance(raw, (int, float)):
        return float(raw)
    text = _SPACES.sub("", str(raw)).replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise ValueProblem("{value!r} is not a number", value=str(raw)) from None


def _real(field: Field, raw: Any) -> float:
    value = _number(raw)
    if not math.isfinite(value):
        raise ValueProblem("{value!r} is not a finite number", value=raw)
    return value


def _integer(field: Field, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    value = _real(field, raw)
    if not value.is_integer():
        raise ValueProblem("{value!r} is not a whole number", value=raw)
    return int(value)


def _date(field: Field, raw: Any) -> str:
    return parse_date(raw).isoformat()


def parse_date(raw: Any) -> dt.date:
    """A real calendar date from ISO text, DD.MM.YYYY (as written in Kazakhstan; DD.MM.YY by
    ``_full_year``'s rule), YYYY/MM/DD, a month written as a Russian or Kazakh word (5 июня 2024,
    5 маусым 2024, 2024 ж. 5 маусым), "г."/"ж." after the year, a year alone, or a date. The one rule
    for every date a person types (forms, the attribute table, imports): the store and the wire hold
    only YYYY-MM-DD (the server takes nothing else, see canonical.py)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if hasattr(raw, "to_pydatetime"):  # pandas Timestamp
        converted: dt.date = raw.to_pydatetime().date()
        return converted
    text = str(raw).strip()
    typed = " ".join(_YEAR_WORDS.sub("", text.casefold()).split())
    try:
        if _YEAR.match(typed):
            return dt.date(int(typed), 1, 1)
        if match := _DAY_FIRST.match(typed):
            day, month, year = match.groups()
            return dt.date(_full_year(text, year), int(month), int(day))
        if match := _YEAR_FIRST.match(typed):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if written := _month_word_date(typed):
            return written
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueProblem:
        raise
    except ValueError:
        raise ValueProblem("{value!r} is not a real date (use YYYY-MM-DD or DD.MM.YYYY)", value=text) from None


def _month_word_date(typed: str) -> dt.date | None:
    """5 июня 2024, 5 маусым 2024 or 2024 5 маусым (from "2024 ж. 5 маусым"); None if not so written."""
    if match := _DAY_MONTH_YEAR.match(typed):
        day, month, year = match.groups()
    elif match := _YEAR_DAY_MONTH.match(typed):
        year, day, month = match.groups()
    else:
        return None
    if month not in MONTHS:
        return None
    return dt.date(int(year), MONTHS[month], int(day))


def _full_year(text: str, year: str) -> int:
    """A two-digit year is this century's when that year has begun (24 -> 2024 in 2026); a later one
    (85, or 27 in 2026) could be 1985 or a plan for 2027, so it is refused, never guessed."""
    if len(year) == 4:
        return int(year)
    full = 2000 + int(year)
    if full > dt.date.today().year:
        raise ValueProblem(
            "{value!r} has a two-digit year that could be in either century: write the year in full (DD.MM.YYYY)",
            value=text,
        )
    return full


def _datetime(field: Field, raw: Any) -> str:
    if hasattr(raw, "to_pydatetime"):
        raw = raw.to_pydatetime()
    if isinstance(raw, dt.datetime):
        value = raw
    else:
        try:
            value = dt.datetime.fromisoformat(str(raw).strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueProblem("{value!r} is not a date and time (use ISO 8601)", value=str(raw)) from None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(timespec="milliseconds") + "Z"


# Yes and no as a reader says them (forms, tables, the web map), and as people write them (below).
YES_NO = {"kk": ("иә", "жоқ"), "ru": ("да", "нет"), "en": ("yes", "no")}


def yes_no(value: object, lang: str) -> str:
    """A yes/no field's value as a reader says it."""
    yes, no = YES_NO.get(lang, YES_NO["en"])
    return yes if value else no


# Yes and no as people write them in a form, a spreadsheet or another program, in our three languages.
_TRUE = frozenset({"1", "true", "t", "yes", "y", "иә", "ия", "да", "д", "истина"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "жоқ", "нет", "н", "ложь"})


def _boolean(field: Field, raw: Any) -> int:
    """A yes/no field is stored as 1 or 0 (a GeoPackage BOOLEAN; SQLite and JSON carry it as a number)."""
    if isinstance(raw, bool):
        return int(raw)
    if hasattr(raw, "item") and not isinstance(raw, (str, bytes)):  # numpy's bool and int scalars
        raw = raw.item()
        if isinstance(raw, bool):
            return int(raw)
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return int(raw)
    text = str(raw).strip().casefold()
    if text in _TRUE:
        return 1
    if text in _FALSE:
        return 0
    raise ValueProblem("{value!r} is not yes or no (use true/false, 1/0, иә/жоқ, да/нет)", value=str(raw))


_COERCERS = {
    FieldType.BOOLEAN: _boolean,
    FieldType.TEXT: _text,
    FieldType.INTEGER: _integer,
    FieldType.REAL: _real,
    FieldType.DATE: _date,
    FieldType.DATETIME: _datetime,
}
