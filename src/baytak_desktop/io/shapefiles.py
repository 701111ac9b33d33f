"""Shapefiles and bare .dbf tables: their parts, their .prj, and the encoding of their text.

A shapefile is several files; people send them without the .dbf (no attributes: every row then lacks
its name), without the .shx (GDAL asks for a config option nobody knows) or without the .prj (no
coordinate system). Each is refused up front with what to add. A part cut short (a download that
stopped) is refused too: GDAL would read the missing records as rows without geometry, or stop at a
"fread failed". The .dbf's encoding is told by
:mod:`encodings` from the .cpg, the language driver byte and the text itself; GDAL is then asked for
the raw bytes (as ISO-8859-1, which maps every byte to one character) and we decode them ourselves, so
any code page Python knows works, including the Kazakh KZ-1048 that GDAL cannot convert.
"""

from __future__ import annotations

import codecs
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import geopandas as gpd
import pandas as pd
from pyproj import CRS
from pyproj.exceptions import CRSError

from baytak_desktop.errors import SourceError
from baytak_desktop.io import encodings
from baytak_desktop.io.dbf import dbf_text
from baytak_desktop.io.encodings import TextEncoding

RAW_ENCODING = "ISO-8859-1"  # what GDAL is told, so it hands over the bytes unchanged
HEADER_BYTES = 100  # of a .shp and a .shx
SHAPEFILE_CODE = 9994  # the first four bytes of a .shp and a .shx (big-endian)


@dataclass(frozen=True)
class ShapefileParts:
    """The bytes of a shapefile's .dbf and the text of its .cpg (None when absent); ``has`` lists parts."""

    label: str
    has: frozenset[str]
    dbf: bytes | None
    cpg: str | None
    shp: tuple[int, bytes] = (0, b"")  # the .shp's size and first 100 bytes
    shx: bytes | None = None  # the index: where each record of the .shp starts and how long it is
    prj: str | None = None  # the coordinate system's text


def parts_beside(shp: Path) -> ShapefileParts:
    """The parts next to a .shp (or a bare .dbf) on disk, matched without regard to case."""
    siblings = {p.suffix.lower(): p for p in shp.parent.iterdir() if p.stem.casefold() == shp.stem.casefold()}
    dbf, cpg = siblings.get(".dbf"), siblings.get(".cpg")
    main, shx = siblings.get(".shp"), siblings.get(".shx")
    head = b""
    if main is not None:
        with main.open("rb") as opened:
            head = opened.read(HEADER_BYTES)
    return ShapefileParts(
        shp.name,
        frozenset(siblings),
        dbf.read_bytes() if dbf else None,
        cpg.read_text(encoding="ascii", errors="ignore") if cpg else None,
        (main.stat().st_size, head) if main is not None else (0, b""),
        shx.read_bytes() if shx else None,
        siblings[".prj"].read_text(encoding="latin-1") if ".prj" in siblings else None,
    )


def parts_in_zip(archive: Path, member: str, members: list[str]) -> ShapefileParts:
    """The parts of the shapefile ``member`` inside ``archive`` (read without extracting)."""
    stem = member[: -len(PurePosixPath(member).suffix)].casefold()
    found = {
        PurePosixPath(m).suffix.lower(): m for m in members if m[: -len(PurePosixPath(m).suffix)].casefold() == stem
    }
    with zipfile.ZipFile(archive) as opened:
        dbf = opened.read(found[".dbf"]) if ".dbf" in found else None
        cpg = opened.read(found[".cpg"]).decode("ascii", errors="ignore") if ".cpg" in found else None
        shx = opened.read(found[".shx"]) if ".shx" in found else None
        prj = opened.read(found[".prj"]).decode("latin-1") if ".prj" in found else None
        with opened.open(member) as part:
            head = part.read(HEADER_BYTES)
        main = (opened.getinfo(member).file_size, head)
    return ShapefileParts(
        f"{PurePosixPath(member).name} (in {archive.name})", frozenset(found), dbf, cpg, main, shx, prj
    )


def prj_crs(text: str | None) -> CRS | None:
    """The coordinate system of a .prj GDAL found no ESRI WKT in: scripts write a PROJ string
    (``+proj=utm +zone=43 …``) or an EPSG code (``EPSG:32643``) there. None when it is no such thing."""
    try:
        return CRS.from_user_input(text.strip()) if text and text.strip() else None
    except CRSError:
        return None


def require_parts(parts: ShapefileParts) -> None:
    """Refuse a shapefile without .dbf, .shx or .prj, naming what to add."""
    if ".shx" not in parts.has:
        raise SourceError(
            "The shapefile {file} has no {part} file (its index): add it, or re-export the shapefile",
            file=parts.label, part=".shx",
        )  # fmt: skip
    if ".dbf" not in parts.has:
        raise SourceError(
            "The shapefile {file} has no {part} file, so its attributes are missing: add it",
            file=parts.label,
            part=".dbf",
        )
    if ".prj" not in parts.has:
        raise SourceError(
            "The file {file} has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)",
            file=parts.label,
        )
    size, head = parts.shp
    require_whole(parts.label, ".shp", size, HEADER_BYTES if _main_length(head) is not None else None)
    if parts.shx is not None:
        require_whole(parts.label, ".shx", len(parts.shx), _main_length(parts.shx))
        require_whole(parts.label, ".shp", size, _records_end(parts.shx))
    if parts.dbf is not None:
        require_whole(parts.label, ".dbf", len(parts.dbf), dbf_length(parts.dbf))


def dbf_length(data: bytes) -> int | None:
    """The size a .dbf's header promises (header plus every record); None when it has no header."""
    if len(data) < 32:
        return None
    records, header_length, record_length = struct.unpack_from("<IHH", data, 4)
    return int(header_length + records * record_length)


def _main_length(head: bytes) -> int | None:
    """The size a .shp's or .shx's header promises (in 16-bit words at byte 24); None when it has none."""
    if len(head) < HEADER_BYTES or struct.unpack_from(">i", head, 0)[0] != SHAPEFILE_CODE:
        return None
    return int(struct.unpack_from(">i", head, 24)[0]) * 2


def _records_end(shx: bytes) -> int:
    """Where the last record of the .shp ends, by the index (offset and length of each, in 16-bit words):
    what GDAL will read, whatever the .shp's own header says of its length."""
    count = (len(shx) - HEADER_BYTES) // 8
    if count <= 0:
        return HEADER_BYTES
    pairs = struct.unpack_from(f">{2 * count}i", shx, HEADER_BYTES)
    return int(
        max(HEADER_BYTES, *(2 * (offset + length) + 8 for offset, length in zip(pairs[::2], pairs[1::2], strict=True)))
    )


def require_whole(label: str, suffix: str, size: int, expected: int | None) -> None:
    """Refuse a part cut short (a download or copy that stopped) or with no header: GDAL would read its
    rows without geometry, or stop with a message about fread, instead of saying the file is damaged."""
    if expected is None:
        raise SourceError(
            "{file} is damaged: its {part} file has no valid header ({size} bytes). Copy or"
            " download it again",
            file=label, part=suffix, size=size,
        )  # fmt: skip
    if size < expected:
        raise SourceError(
            "{file} is incomplete: its {part} file is cut short ({size} of {expected} bytes)."
            " Copy or download it again",
            file=label, part=suffix, size=size, expected=expected,
        )  # fmt: skip


def text_encoding(parts: ShapefileParts, chosen: str | None) -> TextEncoding:
    """The encoding of the .dbf's text: chosen, from its .cpg, its language driver, or its content."""
    text = dbf_text(parts.dbf or b"")
    return encodings.decide(
        text.sample, parts.label, chosen=chosen, declared=parts.cpg, language_driver=text.language_driver
    )


def decode_text(frame: pd.DataFrame, codec: str, read_as: str = "latin-1") -> pd.DataFrame:
    """Column names and text values read as RAW_ENCODING (or decoded by GDAL from the code page
    ``read_as``), decoded with ``codec`` (NULs dropped by GDAL)."""
    if codecs.lookup(codec).name == codecs.lookup(read_as).name:
        return frame  # read as it is to be decoded: nothing to do

    def decode(value: object) -> object:
        return value.encode(read_as).decode(codec) if isinstance(value, str) else value

    geometry = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    frame = frame.rename(columns={c: decode(c) for c in frame.columns if isinstance(c, str) and c != geometry})
    for column in frame.columns:
        series = frame[column]
        if column != geometry and (series.dtype == object or pd.api.types.is_string_dtype(series)):
            frame[column] = series.map(decode)
    return frame
