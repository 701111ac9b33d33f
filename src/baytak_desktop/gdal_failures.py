"""GDAL's (and PROJ's) common failures to read a file, said in our own words.

GDAL explains in English: "No such file or directory", "not recognized as being in a supported file
format", "database disk image is malformed". Put into a refusal as it is, that text reached Kazakh and
Russian users untranslated, and said nothing of what to do. The common failures are recognised here by
GDAL's text and become our own messages, translated like every domain message (their templates are
collected by scripts/collect_domain_messages.py); GDAL's text follows only as a detail, for whoever
helps them. A failure not recognised is left to the caller's own message, with GDAL's text as its reason.

Both io/ (imports) and basemap/ (images, OpenStreetMap extracts) use this; it imports neither.
"""

from __future__ import annotations

import re

from baytak_desktop.errors import SourceError


class FileMissing(SourceError):
    template = (
        "{file} was not found: check that it is still where it was, and that the disk or network folder it "
        "is on is connected ({library}: {detail})"
    )


class FileForbidden(SourceError):
    template = (
        "{file} cannot be opened: you have no permission to read it. Copy it into a folder of yours, or ask "
        "whoever shared it for read access ({library}: {detail})"
    )


class FileUnrecognised(SourceError):
    template = (
        "{file} is not in a format that can be read: check that it is not damaged or renamed from another "
        "format ({library}: {detail})"
    )


class FileDamaged(SourceError):
    template = (
        "{file} is damaged or cut short (a download or a copy that did not finish?): copy or download it "
        "again ({library}: {detail})"
    )


class CrsUnusable(SourceError):
    template = (
        "The coordinate system of {file} cannot be used: save the file again with a standard one (an EPSG "
        "code, such as EPSG:4326 or a UTM zone) ({library}: {detail})"
    )


class WriteForbidden(SourceError):
    template = (
        "{file} cannot be written: its folder does not let you write in it (no permission, or a read-only "
        "disk or share). Choose a folder of yours ({library}: {detail})"
    )


class DiskFull(SourceError):
    template = (
        "{file} cannot be written: the disk is full. Free some space, or choose another disk ({library}: {detail})"
    )


# (what GDAL, PROJ, SQLite or the system say, the failure it is): the first that matches wins.
_FAILURES: tuple[tuple[re.Pattern[str], type[SourceError]], ...] = (
    (re.compile(r"Permission denied|Access is denied|EACCES", re.I), FileForbidden),
    (re.compile(r"No such file or directory|cannot find the (file|path)", re.I), FileMissing),
    (re.compile(r"not recognized as being in a supported file format|not a supported file format", re.I), FileUnrecognised),
    (
        re.compile(
            r"malformed|not a database|corrupt|truncat|unterminated|no element found|premature end|unexpected "
            r"end|end of file|fread failed|read failed|short read|error parsing|fatal error parsing|"
            r"Failed to read GeoJSON|XML parsing|not well-formed|unclosed token",
            re.I,
        ),
        FileDamaged,
    ),
    (
        re.compile(r"coordinate (reference )?system|\bCRS\b|\bSRS\b|PROJ|projection|datum|CONVERSION node", re.I),
        CrsUnusable,
    ),
)  # fmt: skip
_WRITE_FAILURES: tuple[tuple[re.Pattern[str], type[SourceError]], ...] = (
    (
        re.compile(
            r"Permission denied|Access is denied|EACCES|Read-only file system|unable to open database file|"
            r"Failed to create|Cannot create",
            re.I,
        ),
        WriteForbidden,
    ),
    (re.compile(r"No space left on device|disk (is )?full|ENOSPC|database or disk is full", re.I), DiskFull),
)
# GDAL's advice to programmers, which a person importing a file cannot follow.
_ADVICE = re.compile(r"[.;]*\s*It might help to specify the correct driver.*$", re.S)


def gdal_failure(
    error: BaseException | str, file: str, dataset: str | None = None, library: str = "GDAL"
) -> SourceError | None:
    """Our message for a common failure of GDAL (or PROJ: ``library``) on ``file``, with its text as the
    detail; None when the failure is not a common one. ``dataset``: the name GDAL was given (a link, a
    /vsizip/ path), said as ``file`` in the detail."""
    return _recognised(_FAILURES, error, file, dataset, library)


def write_failure(
    error: BaseException | str, file: str, dataset: str | None = None, library: str = "GDAL"
) -> SourceError | None:
    """Our message for a common failure to write ``file`` (no permission in its folder, a full disk);
    None when the failure is not a common one."""
    return _recognised(_WRITE_FAILURES, error, file, dataset, library)


def _recognised(
    failures: tuple[tuple[re.Pattern[str], type[SourceError]], ...],
    error: BaseException | str,
    file: str,
    dataset: str | None,
    library: str,
) -> SourceError | None:
    detail = " ".join(str(error).split())
    if dataset:
        detail = detail.replace(f"'{dataset}'", file).replace(dataset, file)
    detail = _ADVICE.sub("", detail).strip()
    for pattern, failure in failures:
        if pattern.search(detail):
            return failure(file=file, library=library, detail=detail)
    return None
