"""CSV and text tables with coordinate columns, parsed by us rather than guessed by GDAL.

Spreadsheets from activists mix decimal commas, DMS and stray text in the same column. GDAL would
silently turn a bad cell into an empty point or a zero; we read every cell as text, parse each
coordinate with :mod:`coordinates`, and report the rows we cannot place by row and column.

Russian Excel saves "CSV" in CP1251: the encoding is told from the text (:mod:`encodings`) or chosen.
Columns named X and Y are a trap: GIS tools mean X = longitude, Russian survey tables X = northing
(latitude), and in western Kazakhstan both readings can land inside the country. Cyrillic Х/У follow
the survey convention; Latin X/Y are read as longitude/latitude only when that is the one reading that
makes sense, and otherwise the file is refused until the user says which (``swap_xy`` or chosen columns).
A table without such columns may hold both coordinates in ONE column (``PAIR_NAMES``, or chosen as both),
as pasted from a maps app or a message: each cell is read by :mod:`coordinate_pairs`.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.exceptions import ProjError
from shapely.errors import GEOSException

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.io import encodings
from baytak_desktop.io.coordinate_pairs import parse_pair
from baytak_desktop.io.coordinates import Axis, parse_coordinate
from baytak_desktop.io.encodings import TextEncoding
from baytak_desktop.io.metres import refuse_metre_columns, refuse_metres
from baytak_desktop.layers.validation import REGION
from baytak_desktop.layers.values import ValueProblem

LAT_NAMES = ("lat", "latitude", "широта", "ендік")
LON_NAMES = ("lon", "lng", "long", "longitude", "долгота", "бойлық")
# One column holding both coordinates, or a maps link (see :mod:`coordinate_pairs` for the order rules).
PAIR_NAMES = (
    "coordinates", "coords", "location", "link", "координаты", "координата", "местоположение",
    "геолокация", "локация", "ссылка", "координаттар", "орны", "орналасуы", "сілтеме",
)  # fmt: skip
WKT_NAMES = ("wkt", "geometry", "geom", "wkt_geom", "the_geom")
DELIMITERS = ("\t", ";", ",")
START_SHOWN = 40  # the characters of a first line quoted when the file is no table
PROSE_WORDS = 10  # a column name this long is a sentence: the longest official headers have eight
# The first line Excel reads as the separator to use (and programs that write for Excel put there): "sep=;"
# Geometry cells as PostGIS and database tools export them: EWKT, and hex WKB (EWKB with its SRID)
_EWKT = re.compile(r"\A\s*SRID=(\d+)\s*;\s*(.*)\Z", re.IGNORECASE | re.DOTALL)
_HEX_WKB = re.compile(r"\A0[01](?:[0-9A-Fa-f]{2}){8,}\Z")
_SEPARATOR_HINT = re.compile(r'\A[ \t]*"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\r|\n)', re.IGNORECASE)
CYRILLIC_CODECS = ("cp1251", "cp866", "koi8_r", "kz1048")


class XYOrderUnclear(SourceError):
    """Columns named X and Y whose values do not say which one is the latitude."""

    template = (
        "The X and Y columns of {file} can be read either way (X as longitude, as GIS programs write, or X as "
        "latitude, as Russian survey tables do): say which column is the latitude"
    )
    cli_hint = "add --swap-xy if X is the latitude (northing), or give --lat-column Y --lon-column X"


class XYSwapped(SourceError):
    """Columns named X and Y that only make sense with X as the latitude."""

    template = (
        "The X and Y columns of {file} only make sense with X as the latitude (northing), as Russian survey "
        "tables write them: import them swapped"
    )
    cli_hint = "add --swap-xy"


@dataclass
class Table:
    """A table as read: header, rows of text cells, its text encoding, warnings about its cells."""

    file: str
    header: list[str]
    rows: list[list[str]]
    encoding: TextEncoding | None
    notes: list[Problem]
    geometry_columns: list[str] = field(default_factory=list)  # the columns the geometry was made from


def read_delimited(
    path: Path,
    lat_column: str | None = None,
    lon_column: str | None = None,
    *,
    encoding: str | None = None,
    swap_xy: bool = False,
) -> tuple[gpd.GeoDataFrame, list[Problem], Table]:
    """All columns as text, plus a geometry from the lat/lon (or X/Y) columns or a WKT column; EPSG:4326."""
    table = read_table(path, encoding)
    frame, problems = table_frame(table, lat_column, lon_column, swap_xy)
    return frame, problems, table


def read_table(path: Path, encoding: str | None = None) -> Table:
    """Header and data rows, blank lines skipped, short rows padded; a long row means a wrong delimiter."""
    text, found = _decode(path, encoding)
    hint = _SEPARATOR_HINT.match(text)
    if hint:  # Excel's "sep=;" line: the separator said, not a header
        delimiter, text = hint.group(1), text[hint.end() :]
    else:
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = clean_header(next(reader, []))
    if not header:
        raise SourceError("{file} has no header line with column names", file=path.name)
    rows = []
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header) :]):
            raise SourceError(
                "{file} line {line} has {count} values but the header has {columns} columns. Quote values"
                " that contain the separator {delimiter!r} (e.g. decimal commas) or use another separator",
                file=path.name, line=reader.line_num + bool(hint), count=len(cells), columns=len(header),
                delimiter=delimiter,
            )  # fmt: skip
        rows.append((cells + [""] * len(header))[: len(header)])
    notes = _drop_nuls(header, rows)
    return Table(path.name, header, rows, found, notes)


def _decode(path: Path, chosen: str | None) -> tuple[str, TextEncoding]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's "Unicode text"), or the encoding chosen or
    told from the text (CP1251 from Russian Excel); EncodingUnknown when it cannot be told."""
    data = path.read_bytes()
    if chosen is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), TextEncoding("utf-16", "declared")
    if chosen is None and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        found = TextEncoding("utf-8", "declared")
    else:
        found = encodings.decide(data, path.name, chosen=chosen)
    return data.decode(found.codec).lstrip("\ufeff"), found


def _drop_nuls(header: list[str], rows: list[list[str]]) -> list[Problem]:
    """A NUL in a cell is dropped from it, and said, rather than cutting the value where it stands."""
    notes = []
    for number, cells in enumerate(rows, start=1):
        for index, cell in enumerate(cells):
            if "\x00" in cell:
                cells[index] = cell.replace("\x00", "")
                notes.append(
                    Problem.of(
                        "the text had a NUL character (an invisible control code); it was removed and the rest kept",
                        field=header[index],
                        row=number,
                        severity="warning",
                    )
                )
    return notes


def clean_header(names: list[str]) -> list[str]:
    """Trimmed, non-empty, unique column names, so every cell keeps a column of its own."""
    cleaned: list[str] = []
    for index, raw in enumerate(names, start=1):
        name = raw.replace("\x00", "").strip() or f"column_{index}"
        base, suffix = name, 2
        while name in cleaned:
            name, suffix = f"{base}_{suffix}", suffix + 1
        cleaned.append(name)
    return cleaned


def table_frame(
    table: Table, lat_column: str | None = None, lon_column: str | None = None, swap_xy: bool = False
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """The table with a geometry: points from coordinate columns, or shapes from a WKT column."""
    header, rows = table.header, table.rows
    pair = _pair_column(table.file, header, lat_column, lon_column)
    if pair is not None:
        geometries, problems = _pair_points(rows, header.index(pair), pair)
        table.geometry_columns = [pair]
    else:
        geometries, problems = _separate_columns(table, lat_column, lon_column, swap_xy)
    columns = [name if name != "geometry" else "geometry_text" for name in header]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry=geometries, crs="EPSG:4326")
    return frame, problems


def _pair_column(file: str, header: list[str], lat_column: str | None, lon_column: str | None) -> str | None:
    """The one column holding both coordinates: chosen as both latitude and longitude, or found by
    name when the table has no latitude, longitude, X/Y or WKT columns."""
    if lat_column and lat_column == lon_column:
        return _named_column(file, header, lat_column)
    if lat_column or lon_column:
        return None
    others = LAT_NAMES + LON_NAMES + WKT_NAMES + ("x", "y", "х", "у")
    if _guess_column(header, others) is not None:
        return None
    return _guess_column(header, PAIR_NAMES)


def _pair_points(rows: list[list[str]], index: int, column: str) -> tuple[list[shapely.Geometry | None], list[Problem]]:
    """One point per row from its one cell; a Problem (translated) for each cell that is no place."""
    geometries: list[shapely.Geometry | None] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows, start=1):
        text = cells[index]
        if not text.strip():
            problems.append(Problem.of("the cell is empty; a coordinate is needed", field=column, row=number))
            geometries.append(None)
            continue
        try:
            lat, lon = parse_pair(text)
        except ValueProblem as err:
            problems.append(Problem.of(err.template, field=column, row=number, **err.params))
            geometries.append(None)
            continue
        geometries.append(shapely.Point(lon, lat))
    return geometries, problems


def _separate_columns(
    table: Table, lat_column: str | None, lon_column: str | None, swap_xy: bool
) -> tuple[list[shapely.Geometry | None], list[Problem]]:
    """Points from latitude and longitude (or X/Y) columns, or shapes from a WKT column."""
    header, rows = table.header, table.rows
    lat, lon, guessed_xy = _coordinate_columns(table.file, header, lat_column, lon_column, swap_xy)
    if lat is not None and lon is not None:
        refuse_metres(table.file, header, rows, [lon, lat])
        geometries, problems = _points(rows, header.index(lat), header.index(lon), lat, lon)
        if guessed_xy:
            _check_xy_order(table, geometries)
        wkt = _guess_column(header, WKT_NAMES)  # baytak's CSV of points carries the WKT too: same geometry
        table.geometry_columns = [lat, lon] + ([wkt if wkt != "geometry" else "geometry_text"] if wkt else [])
    else:
        if _guess_column(header, WKT_NAMES) is None:
            refuse_metre_columns(table.file, header, rows)
        wkt = _wkt_column(table.file, header)
        geometries, problems = _wkt_geometries(rows, header.index(wkt), wkt)
        table.geometry_columns = [wkt if wkt != "geometry" else "geometry_text"]
    return geometries, problems


def _coordinate_columns(
    file: str, header: list[str], lat_column: str | None, lon_column: str | None, swap_xy: bool
) -> tuple[str | None, str | None, bool]:
    """The chosen columns, or the header's latitude and longitude (or X/Y) columns; and whether the
    X/Y order is a guess the values must confirm."""
    if lat_column or lon_column:
        lat = _named_column(file, header, lat_column) if lat_column else _guess_column(header, LAT_NAMES)
        lon = _named_column(file, header, lon_column) if lon_column else _guess_column(header, LON_NAMES)
        guessed = False
    else:
        lat, lon = _guess_column(header, LAT_NAMES), _guess_column(header, LON_NAMES)
        guessed = False
        if lat is None and lon is None:
            lat, lon, guessed = _xy_columns(header, swap_xy)
    if (lat is None) != (lon is None):
        found, missing = ("latitude", "longitude") if lat else ("longitude", "latitude")
        raise SourceError(
            "{file} has a {found} column ({column}) but no {missing} column. Columns: {known}",
            file=file, found=found, column=lat or lon, missing=missing, known=", ".join(header),
        )  # fmt: skip
    return lat, lon, guessed


def _xy_columns(header: list[str], swap_xy: bool) -> tuple[str | None, str | None, bool]:
    """(lat, lon, guessed) from columns named X/Y: Cyrillic Х/У are the survey's (Х = northing), Latin
    X/Y the GIS programs' (X = longitude) unless ``swap_xy``; a Latin guess must be confirmed."""
    cyrillic_x, cyrillic_y = _guess_column(header, ("х",)), _guess_column(header, ("у",))
    if cyrillic_x and cyrillic_y:
        return (cyrillic_y, cyrillic_x, False) if swap_xy else (cyrillic_x, cyrillic_y, False)
    x, y = _guess_column(header, ("x",)), _guess_column(header, ("y",))
    if swap_xy:
        return x, y, False
    return y, x, x is not None and y is not None


def _check_xy_order(table: Table, points: list[shapely.Geometry | None]) -> None:
    """Refuse a Latin X/Y reading that only makes sense swapped, or that a Russian table leaves open."""
    placed = [p for p in points if p is not None]
    if not placed:
        return
    straight = all(_in_region(p.x, p.y) for p in placed)
    swapped = all(_in_region(p.y, p.x) for p in placed)
    if swapped and not straight:
        raise XYSwapped(file=table.file)
    cyrillic_codec = table.encoding is not None and table.encoding.codec in CYRILLIC_CODECS
    russian = cyrillic_codec or any(not name.isascii() for name in table.header)
    if swapped and straight and russian:
        raise XYOrderUnclear(file=table.file)


def _in_region(lon: float, lat: float) -> bool:
    return REGION[0] <= lon <= REGION[2] and REGION[1] <= lat <= REGION[3]


def _named_column(file: str, header: list[str], wanted: str) -> str:
    by_key = {name.casefold(): name for name in reversed(header)}
    if wanted in header:
        return wanted
    if wanted.strip().casefold() in by_key:
        return by_key[wanted.strip().casefold()]
    _refuse_no_table(file, header)
    raise SourceError(
        "{file} has no column {column!r}. Columns: {known}", file=file, column=wanted, known=", ".join(header)
    )


def _refuse_no_table(file: str, header: list[str]) -> None:
    """A text whose first line reads as prose is no table (a letter, a list saved as .txt): a "column"
    of ten words or more, or one column of a sentence. Said plainly, quoting only its start, rather than
    listing its whole first line as columns. (A header of one short name is a table of one column.)"""
    words = [len(name.split()) for name in header]
    if not header or not (max(words) >= PROSE_WORDS or (len(header) == 1 and words[0] >= 4)):
        return
    line = " ".join(", ".join(name.strip() for name in header).split())
    start = line if len(line) <= START_SHOWN else line[:START_SHOWN].rstrip() + "…"
    raise SourceError(
        "{file} is not a table: its first line is text, not column names (it begins {start!r}). Save the"
        " table as CSV with a header row of names, or choose the file of the table.",
        file=file,
        start=start,
    )


def _guess_column(header: list[str], names: tuple[str, ...]) -> str | None:
    keys = [name.casefold() for name in header]
    for candidate in names:
        if candidate in keys:
            return header[keys.index(candidate)]
    return None


def _wkt_column(file: str, header: list[str]) -> str:
    column = _guess_column(header, WKT_NAMES)
    if column is None:
        _refuse_no_table(file, header)
        raise SourceError(
            "{file} has no latitude and longitude columns. Name them lat and lon (or latitude/longitude,"
            " широта/долгота, ендік/бойлық), or one column координаты/coordinates, or choose them."
            " Columns: {known}",
            file=file, known=", ".join(header),
        )  # fmt: skip
    return column


def _points(
    rows: list[list[str]], lat_index: int, lon_index: int, lat_name: str, lon_name: str
) -> tuple[list[shapely.Geometry | None], list[Problem]]:
    """One point per row, or None and a Problem per unreadable cell."""
    geometries: list[shapely.Geometry | None] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows, start=1):
        lat = _cell_coordinate(cells[lat_index], "lat", number, lat_name, problems)
        lon = _cell_coordinate(cells[lon_index], "lon", number, lon_name, problems)
        geometries.append(shapely.Point(lon, lat) if lat is not None and lon is not None else None)
    return geometries, problems


def _cell_coordinate(text: str, axis: Axis, row: int, column: str, problems: list[Problem]) -> float | None:
    if not text.strip():
        problems.append(Problem.of("the cell is empty; a coordinate is needed", field=column, row=row))
        return None
    try:
        return parse_coordinate(text, axis)
    except ValueProblem as err:  # what is wrong with the coordinate, in words each front end translates
        problems.append(Problem.of(err.template, field=column, row=row, **err.params))
        return None


def _wkt_geometries(
    rows: list[list[str]], index: int, column: str
) -> tuple[list[shapely.Geometry | None], list[Problem]]:
    """Geometries from well-known text, e.g. a CSV exported by baytak for a polygon layer."""
    geometries: list[shapely.Geometry | None] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows, start=1):
        text = cells[index].strip()
        geometry, problem = _wkt(text, column, number)
        geometries.append(geometry)
        if problem is not None:
            problems.append(problem)
        if not text:
            problems.append(Problem.of("the cell is empty; a WKT geometry is needed", field=column, row=number))
    return geometries, problems


def _wkt(text: str, column: str, row: int) -> tuple[shapely.Geometry | None, Problem | None]:
    """The geometry of one WKT cell, or why it cannot be read. A database's export writes it as PostGIS
    does: EWKT (``SRID=4326;POINT (…)``) or hex (E)WKB (``0101000020E6100000…``); both are read, and a
    geometry in another coordinate system is moved to longitude/latitude."""
    if not text:
        return None, None
    value = _shown(text)
    ewkt = _EWKT.match(text)
    try:
        if _HEX_WKB.match(text):
            geometry = shapely.from_wkb(text)
            srid = shapely.get_srid(geometry)
        else:
            geometry = shapely.from_wkt(ewkt.group(2) if ewkt else text)
            srid = int(ewkt.group(1)) if ewkt else 0
    except NotImplementedError:
        return None, Problem.of(
            '"{value}" has curves (arcs), which baytak cannot store: convert them to straight segments',
            field=column, row=row, value=value,
        )  # fmt: skip
    except GEOSException as err:
        if "Unknown type" in str(err) or "Unknown WKB type" in str(err):
            return None, Problem.of(
                '"{value}" is a kind of geometry baytak cannot store (a point, line or polygon is needed)',
                field=column, row=row, value=value,
            )  # fmt: skip
        return None, Problem.of(
            '"{value}" is not a WKT geometry (like POINT (77.07 43.87) or POLYGON ((...)))',
            field=column, row=row, value=value,
        )  # fmt: skip
    if srid in (0, 4326):
        return geometry, None
    try:
        moved = _to_lon_lat(srid)
    except ProjError:
        return None, Problem.of(
            '"{value}" is in the coordinate system SRID {srid}, which is not a known EPSG code: export it in'
            " longitude/latitude (EPSG:4326)",
            field=column, row=row, value=value, srid=srid,
        )  # fmt: skip
    return shapely.transform(geometry, lambda xy: np.column_stack(moved.transform(xy[:, 0], xy[:, 1]))), None


@functools.cache
def _to_lon_lat(srid: int) -> Transformer:
    return Transformer.from_crs(CRS.from_epsg(srid), CRS.from_epsg(4326), always_xy=True)


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:40] + "…"
