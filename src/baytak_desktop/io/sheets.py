"""Spreadsheets (XLSX, ODS) with coordinate columns, as akimats send them, read as a table of text.

GDAL's XLSX and ODS drivers read the sheets; every cell is asked for as text (``FIELD_TYPES=STRING``,
numbers stored as text and as numbers alike) and without GDAL's header guess (``HEADERS=DISABLE``), so
the same coordinate, date and label rules as a CSV apply (:mod:`delimited`). An akimat's sheet often has
a title and a blank line above the column names: the header is the first of the first rows that names a
coordinate column (latitude, longitude, X/Y, one "координаты" column or WKT), and the report says which
row that was. The sheet read is the one chosen (``--source-layer``), else the first with such a header,
else the first.
"""

from __future__ import annotations

import pandas as pd
import pyogrio

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.io.delimited import LAT_NAMES, LON_NAMES, PAIR_NAMES, WKT_NAMES, Table, clean_header

HEADER_SEARCH = 20  # rows looked at for the column names
COORDINATE_NAMES = frozenset(LAT_NAMES + LON_NAMES + PAIR_NAMES + WKT_NAMES + ("x", "y", "х", "у"))
OPEN_OPTIONS = {"HEADERS": "DISABLE", "FIELD_TYPES": "STRING"}


def read_sheet(dataset: str, file: str, sheet: str | None, chosen_columns: tuple[str | None, ...] = ()) -> Table:
    """The chosen (or found) sheet as a Table: header from its header row, the rows below as text;
    ``chosen_columns`` (--lat-column, --lon-column) name the header too."""
    names_wanted = COORDINATE_NAMES | {name.strip().casefold() for name in chosen_columns if name}
    names = [str(name) for name, _ in pyogrio.list_layers(dataset)]
    if sheet is not None and sheet not in names:
        raise SourceError(
            "{file} has no sheet named {layer!r}. Sheets: {known}", file=file, layer=sheet, known=", ".join(names)
        )
    candidates = [sheet] if sheet is not None else names
    cells: list[list[str]] = []
    header_at, chosen = 0, candidates[0] if candidates else None
    for name in candidates:
        rows = _cells(dataset, name)
        found = _header_row(rows, names_wanted)
        if found is not None or name == sheet:
            chosen, cells, header_at = name, rows, found or 0
            break
    else:
        cells = _cells(dataset, chosen) if chosen is not None else []
    cells = cells[header_at:]
    if not cells:
        raise SourceError("{file} has no rows in sheet {layer!r}", file=file, layer=chosen or "")
    header = clean_header(cells[0])
    rows = [row for row in cells[1:] if any(cell.strip() for cell in row)]
    notes = []
    if header_at or len(names) > 1:
        notes.append(
            Problem.of(
                "read sheet {layer!r}, its column names from row {line}; row numbers count from the row below them",
                severity="warning",
                layer=chosen,
                line=header_at + 1,
            )
        )
    return Table(file, header, rows, None, notes)


def _cells(dataset: str, sheet: str) -> list[list[str]]:
    frame = pd.DataFrame(pyogrio.read_dataframe(dataset, layer=sheet, read_geometry=False, **OPEN_OPTIONS))
    return [
        ["" if value is None or value != value else str(value).strip() for value in row]
        for row in frame.itertuples(index=False)
    ]


def _header_row(rows: list[list[str]], wanted: frozenset[str] | set[str]) -> int | None:
    """The first row (0-based) that names a coordinate column, among the first ``HEADER_SEARCH``."""
    for index, row in enumerate(rows[:HEADER_SEARCH]):
        if any(cell.casefold() in wanted for cell in row):
            return index
    return None
