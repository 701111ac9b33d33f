"""Which text encoding a file's bytes are in: chosen by the user, declared by the file, or told from the text.

Kazakh agencies send Shapefiles written by MapInfo and ArcGIS on Russian Windows: the .dbf is in CP1251
(or DOS CP866, KOI8-R, Kazakh KZ-1048) with no .cpg and a language driver byte of 0 or 0x57 ("ANSI": the
writer's Windows code page, unnamed). GDAL reads those as Latin-1 and "Кирпичный завод" arrives as
"Êèðïè÷íûé çàâîä" without a word; Russian Excel saves CSV in CP1251. So we look at the bytes: valid
UTF-8 is UTF-8; otherwise every candidate code page is tried and its text judged: only letters that
Russian, Kazakh (or, for CP1252, Western European) text has, upper and lower case where words have them,
and letters about as common as they are in those languages. One plausible reading wins; none, or two
that differ and are about as plausible, and the file is refused with a message that says how to choose.
Garbled text is never stored.
"""

from __future__ import annotations

import codecs
import itertools
import math
import re
from dataclasses import dataclass

from baytak_desktop.errors import SourceError

# Names people and programs write (.cpg files, --encoding, the dialog) -> Python codec.
_ALIASES = {
    "utf8": "utf-8", "65001": "utf-8", "utf-8": "utf-8",
    "1251": "cp1251", "cp1251": "cp1251", "windows-1251": "cp1251", "win1251": "cp1251", "ansi 1251": "cp1251",
    "866": "cp866", "cp866": "cp866", "ibm866": "cp866", "oem 866": "cp866", "dos-866": "cp866",
    "koi8-r": "koi8_r", "koi8r": "koi8_r", "koi8_r": "koi8_r", "20866": "koi8_r",
    "kz-1048": "kz1048", "kz1048": "kz1048", "1048": "kz1048", "rk1048": "kz1048", "strk1048-2002": "kz1048",
    "1252": "cp1252", "cp1252": "cp1252", "windows-1252": "cp1252", "ansi 1252": "cp1252",
    "88591": "latin-1", "8859-1": "latin-1", "iso-8859-1": "latin-1", "latin1": "latin-1", "latin-1": "latin-1",
    "ascii": "ascii", "us-ascii": "ascii",
}  # fmt: skip
LABELS = {
    "utf-8": "UTF-8", "cp1251": "CP1251", "cp866": "CP866", "koi8_r": "KOI8-R", "kz1048": "KZ-1048",
    "cp1252": "CP1252", "latin-1": "ISO-8859-1", "ascii": "ASCII",
}  # fmt: skip
OFFERED = ("UTF-8", "CP1251", "CP866", "KOI8-R", "KZ-1048", "CP1252")
# dBase language driver ids that name a code page; 0 and 0x57 ("ANSI") name none.
LANGUAGE_DRIVERS = {0x01: "cp437", 0x02: "cp850", 0x03: "cp1252", 0x26: "cp866", 0x65: "cp866", 0xC9: "cp1251"}
CANDIDATES = ("cp1251", "kz1048", "cp866", "koi8_r", "cp1252")

# Letter frequencies (per cent) of Russian, plus Kazakh's own letters, for judging a decoding.
_FREQUENCY = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73, "в": 4.54,
    "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01, "ы": 1.90, "ь": 1.74,
    "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97, "ж": 0.94, "ш": 0.73, "ю": 0.64,
    "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04, "ё": 0.3,  # ё: rare in prose, not in labels
    "і": 3.0, "қ": 2.5, "ә": 1.8, "ң": 1.5, "ғ": 1.2, "ү": 1.2, "ө": 1.0, "ұ": 0.9, "һ": 0.05,
}  # fmt: skip
_LOG_FREQUENCY = {letter: math.log2(share / 100) for letter, share in _FREQUENCY.items()}
_CYRILLIC = frozenset(_FREQUENCY) | frozenset(letter.upper() for letter in _FREQUENCY)
_LATIN = frozenset(chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha()) | frozenset("ŒœŠšŸŽž")
_SIGNS = frozenset("№«»—–°±×…‘’“”„•\u00a0·²³€")
_VOWELS = frozenset("аеёиоуыэюяәөұүі")
_WORD = re.compile(r"[^\W\d_]+")
UTF8_BY_CHANCE = 8  # this many non-ASCII characters in valid UTF-8 are not an accident
# Scores are mean bits per letter: Russian and Kazakh read right score about -4.5, misread about -5.2.
ODD_WORD_PENALTY = 4.0  # bits taken off for a text whose every word is odd (see _odd_words)
MARGIN = 0.5  # the least lead of the best reading over the next one...
SHORT_TEXT_MARGIN = 4.0  # ...and over n letters at least this / sqrt(n): 2 bits for "Абат", 0.6 for 44 letters
LATIN_SCORE = -6.5  # a Latin reading (CP1252) ranks below any Cyrillic one that reads


class EncodingUnknown(SourceError):
    """The text of a file can be read in none, or several, of the encodings we know."""

    template = "The text of {file} is not in an encoding baytak can recognise for sure ({found}): choose its encoding"
    cli_hint = "use --encoding NAME (one of UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)"


class EncodingMismatch(SourceError):
    """The encoding the user chose cannot decode the file."""

    template = "{file} is not {encoding} text (byte {position} cannot be read): choose another encoding"
    cli_hint = "use --encoding NAME (one of UTF-8, CP1251, CP866, KOI8-R, KZ-1048, CP1252)"


@dataclass(frozen=True)
class TextEncoding:
    """The codec to decode with and how it was found: chosen, declared (a .cpg, an XML declaration),
    language driver (a .dbf byte), detected (from the text) or ascii (nothing to decode)."""

    codec: str
    how: str

    @property
    def label(self) -> str:
        return LABELS.get(self.codec, self.codec.upper())


def codec_for(name: str) -> str | None:
    """The Python codec for an encoding name as people and programs write it; None when unknown."""
    key = " ".join(name.strip().lower().replace("_", "-").split())
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def chosen_codec(name: str) -> str:
    """``codec_for`` for a name the user typed: unknown names are refused, saying which are offered."""
    codec = codec_for(name)
    if codec is None:
        raise SourceError(
            "{encoding} is not a text encoding baytak knows. Use one of: {known}",
            encoding=name,
            known=", ".join(OFFERED),
        )
    return codec


def decide(
    sample: bytes, file: str, *, chosen: str | None = None, declared: str | None = None, language_driver: int = 0
) -> TextEncoding:
    """The encoding of ``sample`` (the file's text bytes, values separated by newlines).

    ``chosen`` (the user's choice) wins and is only checked to decode; ``declared`` (a .cpg) and a
    ``language_driver`` that names a code page are used when the text reads well in them; otherwise
    the text decides, and EncodingUnknown is raised when it cannot.
    """
    if chosen is not None:
        codec = chosen_codec(chosen)
        _check_decodes(sample, codec, file)
        return TextEncoding(codec, "chosen")
    if sample.isascii():
        return TextEncoding("utf-8", "ascii")
    named: tuple[tuple[str | None, str], ...] = (
        (codec_for(declared or ""), "declared"),
        (LANGUAGE_DRIVERS.get(language_driver), "language driver"),
    )
    for candidate, how in named:
        if candidate and _reads_well(sample, candidate):
            return TextEncoding(candidate, how)
    return TextEncoding(detect(sample, file), "detected")


def detect(sample: bytes, file: str) -> str:
    """UTF-8 when the bytes are UTF-8, else the candidate code page whose reading is clearly the best.

    A reading with stray symbols (box drawing, Serbian letters, accented Latin among Cyrillic) is out.
    Of the rest (CP1251 and KOI8-R both read any byte from 0xC0 up as a Cyrillic letter) the best must
    beat every other by a margin that shrinks as the text grows: three letters ("дуб" in CP1251 reads
    "ДСА" in KOI8-R) are refused, a capitalised name or a few sentences decide.
    """
    if _is_utf8(sample):
        return "utf-8"
    readings: dict[str, tuple[str, Reading]] = {}  # decoded text -> (first codec giving it, how it reads)
    for codec in CANDIDATES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        reading = plausibility(text)
        if reading is not None and text not in readings:
            readings[text] = (codec, reading)
    ranked = sorted(readings.values(), key=lambda item: -item[1].score)
    if len(ranked) == 1:
        return ranked[0][0]
    if len(ranked) > 1 and ranked[0][1].score - ranked[1][1].score >= ranked[0][1].margin:
        return ranked[0][0]
    found = ", ".join(LABELS[codec] for codec, _ in ranked) or "none reads as Russian, Kazakh or Latin text"
    raise EncodingUnknown(file=file, found=found)


def _is_utf8(sample: bytes) -> bool:
    """Valid UTF-8 that reads as text; a few legacy bytes can form valid UTF-8 by chance (CP866 "тал" is
    U+282B, a braille sign), many cannot."""
    try:
        text = sample.decode("utf-8")
    except UnicodeDecodeError:
        return False
    reading = plausibility(text)
    return (reading is not None and reading.odd_words == 0) or sum(ord(c) > 127 for c in text) >= UTF8_BY_CHANCE


@dataclass(frozen=True)
class Reading:
    """How a decoded text reads: mean log2 frequency of its Cyrillic letters, less a penalty for the
    share of words no writer writes (LATIN_SCORE for Latin text); over how many letters of distinct
    non-ASCII words, and how many of those words are odd."""

    score: float
    letters: int
    odd_words: int

    @property
    def margin(self) -> float:
        """How much better than the next reading this one must be: more for less text."""
        return max(MARGIN, SHORT_TEXT_MARGIN / math.sqrt(max(self.letters, 1)))


def plausibility(text: str) -> Reading | None:
    """How ``text`` reads as Russian/Kazakh or Western European text; None when it cannot be either
    (stray symbols). Judged over its distinct words: a status column repeats one label a thousand
    times, which says no more about the encoding than the label once."""
    high = [char for char in text if ord(char) > 127]
    odd = sum(1 for char in high if char not in _CYRILLIC and char not in _LATIN and char not in _SIGNS)
    if odd > len(high) * 0.01:
        return None
    words = sorted({word for word in _WORD.findall(text) if not word.isascii()})
    cyrillic = [char.lower() for word in words for char in word if char in _CYRILLIC]
    letters = sum(len(word) for word in words)
    odd_words = _odd_words(words)
    penalty = ODD_WORD_PENALTY * odd_words / max(len(words), 1)
    if not cyrillic:
        return Reading(LATIN_SCORE - penalty, letters, odd_words)
    frequency = sum(_LOG_FREQUENCY[char] for char in cyrillic) / len(cyrillic)
    return Reading(frequency - penalty, letters, odd_words)


def _odd_words(words: list[str]) -> int:
    """Words writers rarely write and misreadings always do: lower case then upper case inside (every
    capitalised word read in the wrong one of CP1251/KOI8-R), Latin and Cyrillic letters mixed, long
    Cyrillic words without a vowel, Latin words made mostly of accented letters."""
    count = 0
    for word in words:
        letters = [char for char in word if char.isalpha()]
        flipped = any(a.islower() and b.isupper() for a, b in itertools.pairwise(letters))
        cyrillic = [char for char in letters if char in _CYRILLIC]
        mixed = bool(cyrillic) and any(char.isascii() for char in letters)
        voiceless = len(cyrillic) >= 4 and not any(char.lower() in _VOWELS for char in cyrillic)
        accented = not cyrillic and len(letters) >= 3 and sum(not char.isascii() for char in letters) * 2 > len(letters)
        count += flipped or mixed or voiceless or accented
    return count


def _reads_well(sample: bytes, codec: str) -> bool:
    try:
        text = sample.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    reading = plausibility(text)
    return codec == "utf-8" or (reading is not None and reading.odd_words * 4 <= len(_WORD.findall(text)))


def _check_decodes(sample: bytes, codec: str, file: str) -> None:
    try:
        sample.decode(codec)
    except UnicodeDecodeError as err:
        raise EncodingMismatch(file=file, encoding=LABELS.get(codec, codec.upper()), position=err.start) from err
