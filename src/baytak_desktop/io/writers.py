"""Write a layer out for people who use other tools: GeoJSON, GeoPackage, Shapefile, KML, CSV.

Every output is written to a hidden file next to the target and moved into place only when complete,
so a crash, a full disk or a GDAL error never leaves a half-written file under the name the user chose.
Everything is written in EPSG:4326, the store's coordinate system and the one every format here accepts.
"""

from __future__ import annotations

import glob
import os
import re
import tempfile
import uuid
import warnings
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import pyogrio.errors
import shapely
from pyproj.exceptions import ProjError
from shapely.errors import GEOSException

from baytak_desktop.errors import SourceError

SHAPEFILE_PARTS = (".dbf", ".shx", ".prj", ".cpg", ".shp")  # .shp last: it names the set
STALE_SHAPEFILE_PARTS = (*SHAPEFILE_PARTS, ".qix", ".sbn", ".sbx")
WRITE_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.CRSError,
    pyogrio.errors.FeatureError, pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
    GEOSException, ProjError, OSError, ValueError, TypeError,
)  # fmt: skip


def write_frame(frame: gpd.GeoDataFrame, out_path: str | Path, *, layer_name: str) -> None:
    """Write ``frame`` in the format its extension names, replacing any existing file of that name.

    ``layer_name`` names the GeoPackage layer, the GeoJSON collection, the KML folder and the members of
    a zipped shapefile; a plain .shp takes its name from the file.
    """
    out = Path(out_path)
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise SourceError(
            "{file}: baytak cannot write {suffix!r} files. Supported: {known}",
            file=out.name, suffix=out.suffix, known=", ".join(WRITERS),
        )  # fmt: skip
    if not out.parent.is_dir():
        raise SourceError("{file} cannot be written: the folder {folder} does not exist", file=out.name,
                          folder=str(out.parent))  # fmt: skip
    with _write_errors(out.name):
        writer(_in_wgs84(frame), out, layer_name)


def _write_geojson(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    """RFC 7946: lon/lat in WGS 84, polygons wound counter-clockwise, what web maps expect."""
    with _staged(out) as temp:
        pyogrio.write_dataframe(frame, temp, driver="GeoJSON", layer=layer_name, layer_options={"RFC7946": "YES"})


def _write_geopackage(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    with _staged(out) as temp:
        pyogrio.write_dataframe(frame, temp, driver="GPKG", layer=layer_name)


def _write_kml(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    """One KML folder named after the layer; a ``name`` column becomes each placemark's label."""
    with _staged(out) as temp:
        pyogrio.write_dataframe(_dates_as_text(frame), temp, driver="KML", layer=layer_name)


def _write_shapefile(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    """GDAL shortens field names to 10 characters; dates go as ISO text (dBase dates drop the time)."""
    temp = _temp_path(out)
    try:
        _write_shp(frame, temp)
        produced = [part for part in SHAPEFILE_PARTS if temp.with_suffix(part).exists()]
        for part in STALE_SHAPEFILE_PARTS:
            if part not in produced:  # an old .cpg or index would not match the new .shp
                out.with_suffix(part).unlink(missing_ok=True)
        for part in produced:
            os.replace(temp.with_suffix(part), out.with_suffix(part))
    finally:
        _remove_leftovers(temp)


def _write_zipped_shapefile(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    """A shapefile whose parts travel together: one .zip with <layer>.shp, .shx, .dbf, .prj, .cpg."""
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=f".{out.stem}.") as folder:
        _write_shp(frame, Path(folder) / f"{_safe_stem(layer_name)}.shp")
        with _staged(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(Path(folder).iterdir()):
                archive.write(part, part.name)


def _write_shp(frame: gpd.GeoDataFrame, shp: Path) -> None:
    """The shapefile itself; GDAL's notes on shortened field names are expected, not news."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Normalized/laundered field name", RuntimeWarning)
        pyogrio.write_dataframe(_dates_as_text(frame), shp, driver="ESRI Shapefile")


def _write_csv(frame: gpd.GeoDataFrame, out: Path, layer_name: str) -> None:
    """UTF-8 with a BOM so Excel shows Kazakh and Russian text; read back by ``read_source``."""
    table = _csv_table(frame)
    with _staged(out) as temp:
        table.to_csv(temp, index=False, encoding="utf-8-sig")


def _csv_table(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """Attributes, then lat/lon (point layers only) and the full geometry as WKT in ``wkt``."""
    geometries = frame.geometry.to_numpy()
    table = pd.DataFrame(_dates_as_text(frame).drop(columns=frame.geometry.name))
    present = frame.geometry.dropna()
    if len(present) and (present.geom_type == "Point").all():
        table["lat"] = shapely.get_y(geometries)
        table["lon"] = shapely.get_x(geometries)
    table["wkt"] = shapely.to_wkt(geometries, rounding_precision=-1)
    return table


WRITERS: dict[str, Callable[[gpd.GeoDataFrame, Path, str], None]] = {
    ".geojson": _write_geojson, ".json": _write_geojson, ".gpkg": _write_geopackage,
    ".shp": _write_shapefile, ".zip": _write_zipped_shapefile, ".kml": _write_kml, ".csv": _write_csv,
}  # fmt: skip


def _in_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A frame without a CRS comes from the store, whose coordinates are EPSG:4326."""
    if frame.crs is None:
        return frame.set_crs("EPSG:4326")
    if frame.crs.to_epsg() != 4326:
        return frame.to_crs("EPSG:4326")
    return frame


def _dates_as_text(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Dates and times as ISO 8601 text, for formats whose own date types lose the time or the zone."""
    frame = frame.copy()
    for column in frame.columns:
        series = frame[column]
        if column == frame.geometry.name:
            continue
        if pd.api.types.is_datetime64_any_dtype(series):
            frame[column] = _iso_timestamps(series)
        elif series.dtype == object and series.map(lambda value: isinstance(value, (date, time))).any():
            frame[column] = series.map(lambda value: value.isoformat() if isinstance(value, (date, time)) else value)
    return frame


def _iso_timestamps(series: pd.Series) -> pd.Series:
    """ "2024-05-01" for a column of plain dates, "2024-05-01T10:00:00+00:00" when times matter."""
    present = series.dropna()
    dates_only = series.dt.tz is None and bool((present == present.dt.normalize()).all())
    return series.map(
        lambda value: None if pd.isna(value) else (value.date().isoformat() if dates_only else value.isoformat())
    ).astype(object)


def _safe_stem(layer_name: str) -> str:
    """A file name for the layer that every unzip tool accepts."""
    return re.sub(r"[^\w\-]+", "_", layer_name).strip("_.") or "layer"


def _temp_path(out: Path) -> Path:
    """A hidden, unique name in the target folder, so the final os.replace stays on one file system."""
    return out.with_name(f".{out.stem}.{uuid.uuid4().hex[:12]}.partial{out.suffix}")


@contextmanager
def _staged(out: Path) -> Iterator[Path]:
    """Yield a temporary path; move it over ``out`` only if the block finished without an error."""
    temp = _temp_path(out)
    try:
        yield temp
        os.replace(temp, out)
    finally:
        _remove_leftovers(temp)


def _remove_leftovers(temp: Path) -> None:
    for leftover in temp.parent.glob(glob.escape(temp.with_suffix("").name) + ".*"):
        leftover.unlink(missing_ok=True)


@contextmanager
def _write_errors(file: str) -> Iterator[None]:
    """GDAL, PROJ and disk errors as one line naming the output file."""
    try:
        yield
    except WRITE_ERRORS as err:
        reason: Any = " ".join(str(err).split())
        raise SourceError("{file} cannot be written: {reason}", file=file, reason=reason) from err
