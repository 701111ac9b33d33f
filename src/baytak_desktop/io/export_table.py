"""A layer (or any frame) as typed columns for GDAL: text, integer, real, date, datetime.

pandas has no date type and turns a column of integers with one gap into floats, so a Shapefile got
``Real`` for ``tree_count`` and a GeoPackage got ``TEXT`` for ``observed_on``. Here each column keeps
its kind, and :func:`gdal_arrays` gives GDAL the numpy array of that kind (int64 with a null mask,
datetime64[D] for dates, datetime64[ms] in UTC for timestamps), or ISO text for formats without dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

KINDS = ("text", "integer", "real", "date", "datetime")
UTC_FLAG = 100  # GDAL's time zone flag for UTC


@dataclass
class ExportTable:
    """Columns in order, each a list of Python values (None when missing), with its kind; geometries."""

    names: list[str]
    kinds: dict[str, str]
    values: dict[str, list[Any]]
    geometries: list[shapely.Geometry | None]
    geometry_type: str | None = None  # "Point", "MultiPolygon"; None: whatever the geometries are
    row_labels: list[str] = field(default_factory=list)  # how a message names each row (its uuid)
    title: str | None = None  # the column that names each feature (a KML placemark's <name>)

    def __len__(self) -> int:
        return len(self.geometries)

    def label(self, row: int) -> str:
        return self.row_labels[row] if self.row_labels else f"row {row + 1}"

    @classmethod
    def from_frame(cls, frame: gpd.GeoDataFrame, kinds: dict[str, str] | None = None) -> ExportTable:
        """A frame's columns with their kinds given or inferred from the values."""
        names = [str(c) for c in frame.columns if c != frame.geometry.name]
        values = {name: [_python(v) for v in frame[name].tolist()] for name in names}
        found = {name: (kinds or {}).get(name) or _infer(frame[name], values[name]) for name in names}
        labels = [str(u) for u in values["uuid"]] if "uuid" in values else []
        return cls(names, found, values, list(frame.geometry), None, labels)


def _python(value: Any) -> Any:
    """pandas' missing markers and timestamps as None and datetime."""
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if type(value).__name__ == "NAType":
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _infer(series: pd.Series, values: list[Any]) -> str:
    present = [v for v in values if v is not None]
    if pd.api.types.is_datetime64_any_dtype(series):
        return "datetime" if any(v != dt.datetime(v.year, v.month, v.day, tzinfo=v.tzinfo) for v in present) else "date"
    if pd.api.types.is_integer_dtype(series) or (present and all(type(v) is int for v in present)):
        return "integer"
    if pd.api.types.is_float_dtype(series):
        return "real"
    if present and all(isinstance(v, dt.datetime) for v in present):
        return "datetime"
    if present and all(isinstance(v, dt.date) for v in present):
        return "date"
    return "text"


def gdal_arrays(
    table: ExportTable, *, dates: bool, datetimes: bool
) -> tuple[list[np.ndarray], list[np.ndarray | None], dict[str, np.ndarray]]:
    """(arrays, null masks, time zone flags) for pyogrio.raw.write; ``dates``/``datetimes`` False write
    them as ISO text, for formats that have no such type."""
    arrays: list[np.ndarray] = []
    masks: list[np.ndarray | None] = []
    zones: dict[str, np.ndarray] = {}
    for name in table.names:
        kind, values = table.kinds[name], table.values[name]
        missing = np.array([v is None for v in values], dtype=bool)
        if kind == "integer":
            arrays.append(np.array([0 if v is None else int(v) for v in values], dtype="int64"))
            masks.append(missing)
        elif kind == "real":
            arrays.append(np.array([np.nan if v is None else float(v) for v in values], dtype="float64"))
            masks.append(None)
        elif kind == "date" and dates:
            arrays.append(np.array([_day(v) for v in values], dtype="datetime64[D]"))
            masks.append(None)
        elif kind == "datetime" and datetimes:
            arrays.append(np.array([_instant(v) for v in values], dtype="datetime64[ms]"))
            masks.append(None)
            zones[name] = np.full(len(values), UTC_FLAG, dtype="int64")
        else:
            arrays.append(np.array([None if v is None else iso_text(v) for v in values], dtype=object))
            masks.append(None)
    return arrays, masks, zones


def iso_text(value: Any) -> str:
    """A value as text; dates as 2024-05-01, timestamps as 2024-05-01T10:30:00.000Z (UTC)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return str(value.isoformat(timespec="milliseconds")) + "Z"
    if isinstance(value, dt.date):
        return str(value.isoformat())
    return str(value)


def _day(value: Any) -> np.datetime64:
    if value is None:
        return np.datetime64("NaT")
    return np.datetime64(value.isoformat() if isinstance(value, dt.date) else str(value)[:10], "D")


def _instant(value: Any) -> np.datetime64:
    if value is None:
        return np.datetime64("NaT")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    text = value.isoformat() if isinstance(value, dt.date) else str(value).rstrip("Z")
    return np.datetime64(text, "ms")
