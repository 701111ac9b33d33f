"""CSV and text tables with coordinate columns, parsed by us rather than guessed by GDAL.

Spreadsheets from activists mix decimal commas, DMS and stray text in the same column. GDAL would
silently turn a bad cell into an empty point or a zero; we read every cell as text, parse each
coordinate with :mod:`coordinates`, and report the rows we cannot place by row and column.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.errors import GEOSException

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.io.coordinates import Axis, parse_coordinate

LAT_NAMES = ("lat", "latitude", "y", "широта", "ендік")
LON_NAMES = ("lon", "lng", "long", "longitude", "x", "долгота", "бойлық")
WKT_NAMES = ("wkt", "geometry", "geom", "wkt_geom", "the_geom")
DELIMITERS = ("\t", ";", ",")


def read_delimited(
    path: Path, lat_column: str | None = None, lon_column: str | None = None
) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """All columns as text, plus a geometry from the lat/lon columns (or a WKT column); EPSG:4326."""
    header, rows = _table(path)
    lat, lon = _coordinate_columns(path.name, header, lat_column, lon_column)
    if lat is not None and lon is not None:
        geometries, problems = _points(rows, header.index(lat), header.index(lon), lat, lon)
    else:
        wkt = _wkt_column(path.name, header)
        geometries, problems = _wkt_geometries(rows, header.index(wkt), wkt)
    columns = [name if name != "geometry" else "geometry_text" for name in header]
    frame = gpd.GeoDataFrame(rows, columns=columns, geometry=geometries, crs="EPSG:4326")
    return frame, problems


def _table(path: Path) -> tuple[list[str], list[list[str]]]:
    """Header and data rows, blank lines skipped, short rows padded; a long row means a wrong delimiter."""
    text = _decode(path)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(DELIMITERS, key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = _clean_header(next(reader, []))
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
                file=path.name, line=reader.line_num, count=len(cells), columns=len(header),
                delimiter=delimiter,
            )  # fmt: skip
        rows.append((cells + [""] * len(header))[: len(header)])
    return header, rows


def _decode(path: Path) -> str:
    """UTF-8 with or without BOM, or UTF-16 with a BOM (Excel's "Unicode text"); anything else is refused.

    Guessing a legacy code page would garble Kazakh letters without a word, so we ask for UTF-8 instead.
    """
    data = path.read_bytes()
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise SourceError(
            "{file} is not UTF-8 text (byte {position}). Save it as \"CSV UTF-8\" and import it again",
            file=path.name, position=err.start,
        ) from err  # fmt: skip


def _clean_header(names: list[str]) -> list[str]:
    """Trimmed, non-empty, unique column names, so every cell keeps a column of its own."""
    cleaned: list[str] = []
    for index, raw in enumerate(names, start=1):
        name = raw.strip() or f"column_{index}"
        base, suffix = name, 2
        while name in cleaned:
            name, suffix = f"{base}_{suffix}", suffix + 1
        cleaned.append(name)
    return cleaned


def _coordinate_columns(
    file: str, header: list[str], lat_column: str | None, lon_column: str | None
) -> tuple[str | None, str | None]:
    """The chosen columns, or the first header names that read as latitude and longitude."""
    lat = _named_column(file, header, lat_column) if lat_column else _guess_column(header, LAT_NAMES)
    lon = _named_column(file, header, lon_column) if lon_column else _guess_column(header, LON_NAMES)
    if (lat is None) != (lon is None):
        found, missing = ("latitude", "longitude") if lat else ("longitude", "latitude")
        raise SourceError(
            "{file} has a {found} column ({column}) but no {missing} column. Columns: {known}",
            file=file, found=found, column=lat or lon, missing=missing, known=", ".join(header),
        )  # fmt: skip
    return lat, lon


def _named_column(file: str, header: list[str], wanted: str) -> str:
    by_key = {name.casefold(): name for name in reversed(header)}
    if wanted in header:
        return wanted
    if wanted.strip().casefold() in by_key:
        return by_key[wanted.strip().casefold()]
    raise SourceError(
        "{file} has no column {column!r}. Columns: {known}", file=file, column=wanted, known=", ".join(header)
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
        raise SourceError(
            "{file} has no latitude and longitude columns. Name them lat and lon (or latitude/longitude,"
            " широта/долгота, ендік/бойлық) or choose them. Columns: {known}",
            file=file, known=", ".join(header),
        )  # fmt: skip
    return column


def _points(
    rows: list[list[str]], lat_index: int, lon_index: int, lat_name: str, lon_name: str
) -> tuple[list[shapely.Point | None], list[Problem]]:
    """One point per row, or None and a Problem per unreadable cell."""
    geometries: list[shapely.Point | None] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows, start=1):
        lat = _cell_coordinate(cells[lat_index], "lat", number, lat_name, problems)
        lon = _cell_coordinate(cells[lon_index], "lon", number, lon_name, problems)
        geometries.append(shapely.Point(lon, lat) if lat is not None and lon is not None else None)
    return geometries, problems


def _cell_coordinate(text: str, axis: Axis, row: int, column: str, problems: list[Problem]) -> float | None:
    if not text.strip():
        problems.append(Problem("the cell is empty; a coordinate is needed", field=column, row=row))
        return None
    try:
        return parse_coordinate(text, axis)
    except ValueError as err:
        problems.append(Problem(str(err), field=column, row=row, params={"value": text}))
        return None


def _wkt_geometries(
    rows: list[list[str]], index: int, column: str
) -> tuple[list[shapely.Geometry | None], list[Problem]]:
    """Geometries from well-known text, e.g. a CSV exported by baytak for a polygon layer."""
    geometries: list[shapely.Geometry | None] = []
    problems: list[Problem] = []
    for number, cells in enumerate(rows, start=1):
        text = cells[index].strip()
        try:
            geometries.append(shapely.from_wkt(text) if text else None)
        except GEOSException as err:
            shown = text if len(text) <= 40 else text[:40] + "…"
            message = f'"{shown}" is not a WKT geometry: {err}'
            problems.append(Problem(message, field=column, row=number, params={"value": text}))
            geometries.append(None)
        if not text:
            problems.append(Problem("the cell is empty; a WKT geometry is needed", field=column, row=number))
    return geometries, problems
