"""Tables whose coordinates are metres (UTM, Gauss-Krüger), not degrees: refused once, saying so.

Agencies and surveyors send points as X/Y in a projected system (Pulkovo 1942 Gauss-Krüger zones,
UTM 41N-45N): 4 850 000 / 13 671 000. Read as degrees, every row was refused twice, "4850000 is
outside -180..180", which tells nobody that the whole table is in metres; a table of easting and
northing columns was refused for having no latitude. A table carries no coordinate system (its name
saying "utm43" is a guess we do not make), so it is refused with what to do instead.
"""

from __future__ import annotations

from baytak_desktop.errors import SourceError

EASTING_NAMES = ("easting", "east", "восток", "восточная", "e")
NORTHING_NAMES = ("northing", "north", "север", "северная", "n")
METRES = 1000.0  # no degree is this large; a projected coordinate always is (but near a false origin)


class CoordinatesInMetres(SourceError):
    template = (
        "The coordinates of {file} are metres in a projected coordinate system (UTM, Gauss-Krüger), not"
        " degrees: {column} holds {value}. A table gives no coordinate system, so convert the points to"
        " longitude/latitude in QGIS, or save them as a Shapefile or GeoPackage with their coordinate system"
    )


def refuse_metres(file: str, header: list[str], rows: list[list[str]], columns: list[str]) -> None:
    """Refuse when every filled cell of the coordinate ``columns`` is a plain number past 1000."""
    for column in columns:
        index = header.index(column)
        values = [_number(cells[index]) for cells in rows if cells[index].strip()]
        if values and all(value is not None and abs(value) > METRES for value in values):
            raise CoordinatesInMetres(file=file, column=column, value=rows_value(rows, index))


def refuse_metre_columns(file: str, header: list[str], rows: list[list[str]]) -> None:
    """Refuse a table whose only coordinate columns are named easting and northing (or восток/север)."""
    keys = [name.strip().casefold() for name in header]
    found = [header[keys.index(name)] for name in (*EASTING_NAMES, *NORTHING_NAMES) if name in keys]
    if found:
        raise CoordinatesInMetres(file=file, column=found[0], value=rows_value(rows, header.index(found[0])))


def rows_value(rows: list[list[str]], index: int) -> str:
    return next((cells[index].strip() for cells in rows if cells[index].strip()), "")


def _number(text: str) -> float | None:
    """A plain number as tables write it (spaces between thousands, a decimal comma); None otherwise."""
    cleaned = "".join(text.split()).replace("\u202f", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None
