"""User names as people read them: one spelling per name, and no two names that look alike.

Unicode spells "é" as one character (NFC) or as "e" and a combining accent (NFD), and a keyboard or a
password manager may send either; so a name is kept and looked up in NFC, and a sign-in with the other
spelling is the same person. Names that differ only in what nobody sees (a zero-width space, a control
character) are refused, and a new name that looks like an existing one (case, full-width letters, the
Cyrillic "а" for the Latin "a": both alphabets are on Kazakh keyboards) is refused at creation, so an
audit line or a conflict's author always names one person.
"""

from __future__ import annotations

import unicodedata

# Cyrillic and Greek letters drawn like a Latin one (lower case, after casefold): the part of Unicode's
# confusables a Kazakh, Russian or English keyboard types. The Kazakh letters ү, ұ, ә, ө, ғ, қ, ң stay
# themselves: "Айгүл" and "Айгул" are two spellings people really have, and two people, not a disguise.
LOOKALIKES = str.maketrans(
    {
        **dict(zip("аврсеһіјкмнорѕтухӏԁԛԝё", "abpcehijkmhopstyxldqwe", strict=True)),
        **dict(zip("αβεηικνορτυχ", "abenikvoptux", strict=True)),
    }
)
UNSEEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}  # controls, format (zero-width), surrogates, unassigned


def spelled(name: str) -> str:
    """The one spelling a name is kept and looked up in: NFC, without surrounding spaces."""
    return unicodedata.normalize("NFC", name).strip()


def lookup(name: str) -> tuple[str, str, str]:
    """The parameters of ``accounts._NAMED``: the name in NFC, in NFD, and NFC again (preferred)."""
    composed = spelled(name)
    return composed, unicodedata.normalize("NFD", composed), composed


def unseen_character(name: str) -> str | None:
    """The first character of ``name`` nobody sees or types (``U+200B``...), or None."""
    for char in name:
        if unicodedata.category(char) in UNSEEN or (char.isspace() and char != " "):
            return f"U+{ord(char):04X}"
    return None


def skeleton(name: str) -> str:
    """What ``name`` looks like: two names with the same skeleton are taken for one another."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())
    return " ".join(folded.translate(LOOKALIKES).split())
