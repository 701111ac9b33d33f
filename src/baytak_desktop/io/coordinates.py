"""Coordinates as people type them: decimal degrees or degrees-minutes-seconds, any hemisphere style.

Activists copy positions from GPS units, phones, Google Maps, Soviet-era maps and each other's messages,
so one column can hold ``43.87``, ``43,87``, ``43°52'12"N``, ``N43 52 12`` and ``43°52.2′ с.ш.``.
:func:`parse_coordinate` accepts all of these and refuses, with a reason, anything it would have to guess.
"""

from __future__ import annotations

import re
from typing import Literal

from baytak_desktop.layers.values import ValueProblem

Axis = Literal["lat", "lon"]

# Hemisphere markers, written without dots or spaces and lower-cased: (sign, axis).
# Latin letters, Russian letters and abbreviations (с.ш. = северной широты), Kazakh (с.е. = солтүстік ендік).
HEMISPHERES: dict[str, tuple[int, Axis]] = {
    "n": (1, "lat"), "s": (-1, "lat"), "e": (1, "lon"), "w": (-1, "lon"),
    "с": (1, "lat"), "ю": (-1, "lat"), "в": (1, "lon"), "з": (-1, "lon"),
    "сш": (1, "lat"), "юш": (-1, "lat"), "вд": (1, "lon"), "зд": (-1, "lon"),
    "се": (1, "lat"), "ое": (-1, "lat"), "шб": (1, "lon"), "бб": (-1, "lon"),
}  # fmt: skip

LIMITS: dict[Axis, float] = {"lat": 90.0, "lon": 180.0}

# Typographic look-alikes folded to the ASCII symbols the grammar below knows.
_SYMBOLS = str.maketrans({
    "º": "°", "˚": "°", "′": "'", "’": "'", "‘": "'", "`": "'", "´": "'",
    "″": '"', "”": '"', "“": '"', "−": "-", "–": "-", "\u00a0": " ",
})  # fmt: skip
_NUMBER = r"(?:\d+(?:[.,]\d+)?|[.,]\d+)"
_PART = re.compile(rf"({_NUMBER})(?:\s*([°'\"]))?")
_CORE = re.compile(r"[+-]?\s*[.,]?\d[\d\s°'\".,]*")
_UNITS = ("°", "'", '"')


def parse_coordinate(text: str, axis: Axis | None = None) -> float:
    """Return signed decimal degrees; raise ValueError saying what is wrong and how to write it.

    ``axis`` ("lat" or "lon") checks the range and refuses a hemisphere of the other axis (an "E" in a
    latitude column is a swapped column, not something to guess around).
    """
    original = text
    text = text.translate(_SYMBOLS).replace("''", '"').strip()
    core = _CORE.search(text)
    if not text or core is None:
        raise _not_a_coordinate(original)
    prefix, suffix = text[: core.start()], text[core.end() :]
    hemisphere = _hemisphere(original, prefix, suffix)
    value = _degrees(original, core.group().strip())
    if hemisphere is not None:
        value = _apply_hemisphere(original, value, core.group(), hemisphere, axis)
        axis = hemisphere[1]
    return _check_range(value, axis)


def _hemisphere(original: str, prefix: str, suffix: str) -> tuple[int, Axis] | None:
    """The hemisphere written before or after the number (N43… or 43…N), if any."""
    keys = [re.sub(r"[\s.]", "", part).lower() for part in (prefix, suffix)]
    written = [key for key in keys if key]
    if not written:
        return None
    if len(written) == 2:
        raise ValueProblem('"{text}" has a hemisphere both before and after the number: keep one', text=original)
    if written[0] not in HEMISPHERES:
        if written[0].isalpha():
            raise ValueProblem(
                '"{text}" is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds '
                "(43°52'12\"N); the hemisphere must be N, S, E or W",
                text=original,
            )
        raise _not_a_coordinate(original)
    return HEMISPHERES[written[0]]


def _degrees(original: str, core: str) -> float:
    """Degrees from the number part: ``d``, ``d m``, ``d m s``; only the last part may have decimals."""
    sign = -1.0 if core.startswith("-") else 1.0
    parts = _split_parts(original, core.lstrip("+-").lstrip())
    numbers = [float(number.replace(",", ".")) for number, _ in parts]
    if any(_has_fraction(number) for number, _ in parts[:-1]):
        raise ValueProblem(
            '"{text}": only the last part (degrees, minutes or seconds) may have decimals', text=original
        )
    if len(numbers) > 1 and numbers[1] >= 60:
        raise ValueProblem(
            '"{text}" has minutes {number:g}: minutes must be less than 60', text=original, number=numbers[1]
        )
    if len(numbers) > 2 and numbers[2] >= 60:
        raise ValueProblem(
            '"{text}" has seconds {number:g}: seconds must be less than 60', text=original, number=numbers[2]
        )
    return sign * sum(number / 60.0**index for index, number in enumerate(numbers))


def _split_parts(original: str, core: str) -> list[tuple[str, str]]:
    """Split "43°52'12.5\"" or "43 52 12.5" into (number, unit) pairs, refusing anything in between."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _PART.finditer(core):
        gap = core[position : match.start()]
        separated = gap.strip() == "" and (gap or not parts or parts[-1][1])
        if not separated:
            raise _not_a_coordinate(original)
        parts.append((match.group(1), match.group(2) or ""))
        position = match.end()
    if core[position:].strip() or not 1 <= len(parts) <= 3:
        raise _not_a_coordinate(original)
    for index, (_, unit) in enumerate(parts):
        if unit and unit != _UNITS[index]:
            raise ValueProblem(
                '"{text}" has {unit} where {expected} belongs: write decimal degrees (43.87) or degrees, minutes, '
                "seconds (43°52'12\"N)",
                text=original,
                unit=unit,
                expected=_UNITS[index],
            )
    return parts


def _not_a_coordinate(original: str) -> ValueProblem:
    return ValueProblem(
        '"{text}" is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52\'12"N)',
        text=original,
    )


def _has_fraction(number: str) -> bool:
    return "." in number or "," in number


def _apply_hemisphere(original: str, value: float, core: str, hemisphere: tuple[int, Axis], axis: Axis | None) -> float:
    """Give the value the hemisphere's sign; a minus sign as well would be ambiguous, so refuse it."""
    sign, hemisphere_axis = hemisphere
    if core.lstrip().startswith("-"):
        raise ValueProblem('"{text}" has both a minus sign and a hemisphere letter: keep one', text=original)
    if axis is not None and axis != hemisphere_axis:
        if axis == "lon":
            raise ValueProblem(
                '"{text}" is a latitude, but a longitude was expected: are the columns swapped?', text=original
            )
        raise ValueProblem(
            '"{text}" is a longitude, but a latitude was expected: are the columns swapped?', text=original
        )
    return sign * value


LIMIT_SLACK = 1e-9  # 180.00000000000006 is 180 written by a program's floating point, not a place past it


def _check_range(value: float, axis: Axis | None) -> float:
    """The value, set on the limit when it passes it by float noise; ValueError when it is truly outside
    (said with all its digits, so 180.5 never reads as "180 is outside -180..180")."""
    limit = LIMITS[axis] if axis else 180.0
    if limit < abs(value) <= limit + LIMIT_SLACK:
        return limit if value > 0 else -limit
    if not -limit <= value <= limit:
        raise ValueProblem(
            "{value} is outside {low}..{high}", value=f"{value:.15g}", low=f"{-limit:g}", high=f"{limit:g}"
        )
    return value


def format_dms(value: float, is_lat: bool, *, decimals: int = 1) -> str:
    """Degrees, minutes, seconds with a hemisphere letter, e.g. ``43°52'12.0"N``; parses back exactly.

    Rounds on the total of seconds, so 59.96" becomes the next minute instead of "60.0".
    """
    limit = 90.0 if is_lat else 180.0
    if not -limit <= value <= limit:  # also refuses NaN
        raise ValueError(f"{value} is outside {-limit:g}..{limit:g}")
    letters = "NS" if is_lat else "EW"
    scale = 10**decimals
    total = round(abs(value) * 3600 * scale)
    degrees, rest = divmod(total, 3600 * scale)
    minutes, seconds = divmod(rest, 60 * scale)
    hemisphere = letters[1] if value < 0 and total else letters[0]
    width = 3 + decimals if decimals else 2
    return f"{degrees}°{minutes:02d}'{seconds / scale:0{width}.{decimals}f}\"{hemisphere}"
