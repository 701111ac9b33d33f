"""What GDAL, GEOS, PROJ, pyogrio and pandas say, turned into one-line notes a person can act on.

Libraries speak through Python warnings ("pyogrio/raw.py:733: RuntimeWarning: ...", with a path into
site-packages) and through exception texts full of their internals ("IllegalArgumentException", "missing
CONVERSION node", "Set SHAPE_RESTORE_SHX config option"). Reading a file collects every warning and turns
it into a Problem (a warning of the import report); exception texts are rewritten here before they reach
a message. Anything we do not recognise keeps its words, on one line, without paths into the program.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from baytak_desktop.errors import Problem

# (pattern in the library's text, the note for a file): first match wins.
_WARNINGS: tuple[tuple[str, Callable[[str], Problem]], ...] = (
    (
        r"Measured \(M\) geometry types are not supported",
        lambda file: Problem.of(
            "{file}: measures (M values) of the geometries were dropped", severity="warning", file=file
        ),
    ),
    (
        r"GPX schema version",
        lambda file: Problem.of(
            "{file} does not say it is GPX 1.0 or 1.1; it was read as GPX 1.1", severity="warning", file=file
        ),
    ),
    (
        r"[Cc]ouldn't be converted correctly|not valid (UTF-8|utf-8)",
        lambda file: Problem.of(
            "{file}: some characters could not be converted; check the encoding of the text",
            severity="warning",
            file=file,
        ),
    ),
    (
        r"mixed types|DtypeWarning",
        lambda file: Problem.of(
            "{file}: a column holds values of different kinds (numbers and text); they are read as text",
            severity="warning",
            file=file,
        ),
    ),
    (
        r"non-conformant content|[Nn]on closed ring",
        lambda file: Problem.of(
            "{file}: some geometries do not follow the format's rules", severity="warning", file=file
        ),
    ),
)
IGNORED = (DeprecationWarning, PendingDeprecationWarning, FutureWarning, ResourceWarning, ImportWarning)
_PATH = re.compile(r"(/[^\s:]+)+\.py(:\d+)?:?\s*|\b\w*(Warning|Exception|Error):\s*")
_INTERNALS = (
    (r"IllegalArgumentException:\s*", ""),
    (r"ParseException:\s*", ""),
    (r"TopologyException:\s*", ""),
    (
        r"Invalid number of points in LinearRing found (\d+) - must be 0 or >= 4",
        r"a ring has \1 points; it needs 4 or more",
    ),
    (
        r"Points of LinearRing do not form a closed linestring",
        "a ring is not closed: its last point must repeat its first",
    ),
    (r".*missing CONVERSION node.*", "the coordinate system description (.prj) is incomplete and cannot be used"),
    (
        r"Unable to open (\S+?)\.shx or \S+?\.SHX\..*",
        r"the index part \1.shx is missing: a shapefile needs its .shp, .shx and .dbf side by side",
    ),
    (r"Unknown WKB type|Unknown type: '?(\w+)'?", r"the geometry type \1 is not supported"),
    (r"point array must contain 0 or >1 elements", "a line has a single point"),
    (r"'utf-8' codec can't decode byte 0x\w+ in position \d+: .*", "its text is not UTF-8"),
)


def plain_text(text: str) -> str:
    """A library's message on one line, with its internals named in words and no program paths."""
    text = " ".join(str(text).split())
    for pattern, replacement in _INTERNALS:
        text = re.sub(pattern, replacement, text)
    return _PATH.sub("", text).strip()


def note_for(message: str, file: str) -> Problem:
    """The import-report warning for one library warning about ``file``."""
    for pattern, note in _WARNINGS:
        if re.search(pattern, message):
            return note(file)
    return Problem.of("{file}: {detail}", severity="warning", file=file, detail=plain_text(message))


@contextmanager
def collected_warnings(file: str) -> Iterator[list[Problem]]:
    """Catch every Python warning raised inside the block; yield the list their notes go into (each once)."""
    notes: list[Problem] = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield notes
    seen: set[str] = set()
    for item in caught:
        if issubclass(item.category, IGNORED):
            continue  # the libraries talking to programmers about themselves, not about the file
        note = note_for(str(item.message), file)
        if note.message not in seen:
            seen.add(note.message)
            notes.append(note)
