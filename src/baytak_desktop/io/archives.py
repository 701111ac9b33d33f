"""Zip archives (zipped shapefiles and MapInfo tables, KMZ) checked before GDAL opens them through /vsizip/.

We never extract: GDAL reads members in place. The checks refuse what a hostile or broken archive
could do to us anyway: member names that climb out of a folder, and zip bombs that unpack to more
than we allow for any source file.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from baytak_desktop.errors import SourceError
from baytak_desktop.gdal_failures import FileDamaged, gdal_failure
from baytak_desktop.library_failures import library_reason

MAX_SOURCE_BYTES = 2 * 1024**3  # 2 GB, for a file and for an archive's unpacked total


def safe_members(path: Path) -> list[str]:
    """The archive's file names, after refusing path traversal and oversize content."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
    except zipfile.BadZipFile as err:
        raise FileDamaged(file=path.name, library="zip", detail=str(err)) from err
    except OSError as err:
        raise gdal_failure(err, path.name, str(path)) or SourceError(
            "{file} is not a valid zip archive: {reason}", file=path.name, reason=library_reason(err)
        ) from err
    for info in infos:
        if _unsafe(info.filename):
            raise SourceError(
                "{file} contains a member with an unsafe name ({member}) that points outside the archive;"
                " it was not opened",
                file=path.name, member=info.filename,
            )  # fmt: skip
    total = sum(info.file_size for info in infos)
    if total > MAX_SOURCE_BYTES:
        raise SourceError(
            "{file} would unpack to {size:.1f} GB, over the 2 GB limit; it was not opened",
            file=path.name, size=total / 1024**3,
        )  # fmt: skip
    return [info.filename for info in infos]


def _unsafe(name: str) -> bool:
    """An absolute name, a drive letter, or a '..' part: extracting it would write outside the folder."""
    posix = PurePosixPath(name.replace("\\", "/"))
    first = posix.parts[0] if posix.parts else ""
    return posix.is_absolute() or ":" in first or ".." in posix.parts


def readable_names(path: Path) -> dict[str, str]:
    """Each member's name as its writer meant it, by the name Python and GDAL give it.

    A zip made by Windows Explorer or WinRAR on a Russian or Kazakh computer writes names in the DOS code
    page (CP866) without the flag that says UTF-8, and some tools write UTF-8 without it; the zip format
    then says CP437, which Python and GDAL follow, so "карьеры.shp" is "¬áα∞Ñαδ.shp". That name stays what
    GDAL opens (/vsizip/ reads it so too); this one is what a message shows and what the user types."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: _meant(info) for info in archive.infolist()}


def _meant(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    if raw.isascii():
        return info.filename
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp866")


UTF8_FLAG = 0x800  # general purpose bit 11: the name is UTF-8
READ_IN_PLACE = (".shp", ".tab", ".mif")  # read by GDAL where they lie in the archive, parts beside them


def source_member(path: Path, members: list[str], wanted: str | None, importable: tuple[str, ...] = ()) -> str:
    """The one shapefile or MapInfo table in the archive, or the one ``wanted`` names (by member name or
    by stem). An archive of another format baytak imports (a GeoJSON, a KML) is named, to unzip and
    import."""
    meant = readable_names(path)
    shown = [meant.get(name, name) for name in members]
    tables = [
        name for name in members if PurePosixPath(name).suffix.lower() in READ_IN_PLACE and "__MACOSX" not in name
    ]
    if wanted is not None:
        chosen = [name for name in tables if wanted in _names_of(name, meant.get(name, name))]
        if not chosen:
            raise SourceError(
                "{file} has no shapefile or MapInfo table named {layer!r}. It holds: {known}",
                file=path.name, layer=wanted, known=", ".join(meant.get(n, n) for n in tables) or "none",
            )  # fmt: skip
        return chosen[0]
    others = [name for name in shown if PurePosixPath(name).suffix.lower() in importable and "__MACOSX" not in name]
    if not tables and others:
        raise SourceError(
            "{file} contains no shapefile (.shp) or MapInfo table (.tab), but {found}: unzip it and import that file",
            file=path.name, found=", ".join(others),
        )  # fmt: skip
    if not tables:
        raise SourceError("{file} contains no shapefile (.shp) or MapInfo table (.tab)", file=path.name)
    if len(tables) > 1:
        raise SourceError(
            "{file} contains several tables: {known}. Choose one, or import them one at a time",
            file=path.name, known=", ".join(meant.get(n, n) for n in tables),
        ).with_hint("--source-layer NAME reads one of them")  # fmt: skip
    return tables[0]


def _names_of(name: str, meant: str) -> tuple[str, ...]:
    """What may name a member: its whole name, its file name or its stem, as stored or as meant."""
    return tuple(dict.fromkeys(n for m in (name, meant) for n in (m, PurePosixPath(m).name, PurePosixPath(m).stem)))
