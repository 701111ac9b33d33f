"""Write a layer out for people who use other tools: GeoJSON, GeoPackage, Shapefile, KML, CSV.

Every output is written to a hidden file next to the target and moved into place only when complete,
so a crash, a full disk or a GDAL error never leaves a half-written file under the name the user chose.
A GeoPackage that exists keeps its other layers: the copy that is written and moved into place is the
old file plus this layer. Everything is written in EPSG:4326, the store's coordinate system and the one
every format here accepts. Types are kept (see export_table.py); a GeoPackage is written as version 1.3,
which GDAL 3.6 and QGIS 3.22 open without a warning. A Shapefile gets its field names at most 10
characters long (the names the import recognises) and refuses text longer than a .dbf holds.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import sqlite3
import tempfile
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import pyogrio.raw
import shapely
from pyproj.exceptions import ProjError
from shapely.errors import GEOSException

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.gdal_failures import write_failure
from baytak_desktop.io.export_table import ExportTable, gdal_arrays, iso_text
from baytak_desktop.io.field_mapping import short_names
from baytak_desktop.io.gdal_paths import safe_for_gdal
from baytak_desktop.io.library_notes import collected_warnings, plain_text

SHAPEFILE_PARTS = (".dbf", ".shx", ".prj", ".cpg", ".shp")  # .shp last: it names the set
STALE_SHAPEFILE_PARTS = (*SHAPEFILE_PARTS, ".qix", ".sbn", ".sbx")
DBF_TEXT_BYTES = 254
GEOPACKAGE_VERSION = "1.3"
WRITE_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.CRSError,
    pyogrio.errors.FeatureError, pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
    GEOSException, ProjError, OSError, ValueError, TypeError, sqlite3.Error,
)  # fmt: skip


class TextTooLong(SourceError):
    """Values longer than a .dbf field can hold: the Shapefile is not written rather than cut."""

    template = (
        "{file}: {count} values are longer than a Shapefile can hold ({limit} bytes, about 127 Cyrillic letters):"
        " {where}. Export to GeoPackage, GeoJSON or CSV instead, or shorten them"
    )


def write_frame(
    frame: gpd.GeoDataFrame,
    out_path: str | Path,
    *,
    layer_name: str,
    kinds: dict[str, str] | None = None,
    geometry_type: str | None = None,
) -> list[Problem]:
    """Write ``frame`` in the format its extension names, replacing any file of that name (in a
    GeoPackage: only the layer ``layer_name``).

    ``layer_name`` names the GeoPackage layer, the GeoJSON collection, the KML folder and the members of
    a zipped shapefile; a plain .shp takes its name from the file. ``kinds`` types the columns (text,
    integer, real, date, datetime), otherwise inferred; ``geometry_type`` keeps an empty layer's type.
    Returns what the libraries noted while writing, as warnings.
    """
    table = ExportTable.from_frame(_in_wgs84(frame), kinds)
    table.geometry_type = geometry_type
    return write_table(table, out_path, layer_name=layer_name)


def write_table(table: ExportTable, out_path: str | Path, *, layer_name: str) -> list[Problem]:
    """``write_frame`` for a table already typed (the exporter's)."""
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
    with _write_errors(out.name), collected_warnings(out.name) as notes:
        writer(table, out, layer_name)
    return notes


def _write_geojson(table: ExportTable, out: Path, layer_name: str) -> None:
    """RFC 7946: lon/lat in WGS 84, polygons wound counter-clockwise, what web maps expect."""
    with _staged(out) as temp:
        gdal_write(table, temp, "GeoJSON", layer_name, layer_options={"RFC7946": "YES"})


def _write_geopackage(table: ExportTable, out: Path, layer_name: str) -> None:
    """A new GeoPackage 1.3, or the existing one with this layer added or replaced."""
    with _staged(out) as temp:
        keeps_others = _is_geopackage(out)
        if keeps_others:
            shutil.copyfile(out, temp)
        gdal_write(
            table, temp, "GPKG", layer_name,
            layer_options={"OVERWRITE": "YES"},
            dataset_options=None if keeps_others else {"VERSION": GEOPACKAGE_VERSION},
        )  # fmt: skip


def _write_kml(table: ExportTable, out: Path, layer_name: str) -> None:
    """One KML folder named after the layer; a ``name`` column becomes each placemark's label. A layer
    without one (trees: species; shorelines: water body) labels each placemark with its title field,
    kept in the placemark's data too: Google Earth lists a placemark without a name as a blank line."""
    with _staged(out) as temp:
        gdal_write(table, temp, "KML", layer_name, dates=False, datetimes=False)
        if table.title is not None and "name" not in (n.casefold() for n in table.names):
            _name_placemarks(temp, table.values[table.title])


def _name_placemarks(kml: Path, titles: list[Any]) -> None:
    """Give the n-th placemark the n-th title as its <name> (GDAL writes them in the table's order)."""
    text = kml.read_text(encoding="utf-8")
    opening = re.compile(r"<Placemark\b[^>]*>")
    if len(opening.findall(text)) != len(titles):
        return  # not one placemark per row: better no labels than wrong ones
    names = iter(titles)

    def named(match: re.Match[str]) -> str:
        title = next(names)
        return match.group(0) + (f"\n\t<name>{xml_escape(str(title))}</name>" if title not in (None, "") else "")

    kml.write_text(opening.sub(named, text), encoding="utf-8")


def _write_shapefile(table: ExportTable, out: Path, layer_name: str) -> None:
    """Field names of at most 10 characters; dates as dBase dates, timestamps as ISO text; UTF-8."""
    _check_text_fits(table, out.name)
    temp = _temp_path(out)
    try:
        _write_shp(table, temp)
        produced = [part for part in SHAPEFILE_PARTS if temp.with_suffix(part).exists()]
        for part in STALE_SHAPEFILE_PARTS:
            if part not in produced:  # an old .cpg or index would not match the new .shp
                out.with_suffix(part).unlink(missing_ok=True)
        for part in produced:
            _move(temp.with_suffix(part), out.with_suffix(part))
    finally:
        _remove_leftovers(temp)


def _write_zipped_shapefile(table: ExportTable, out: Path, layer_name: str) -> None:
    """A shapefile whose parts travel together: one .zip with <layer>.shp, .shx, .dbf, .prj, .cpg."""
    _check_text_fits(table, out.name)
    with tempfile.TemporaryDirectory(prefix="baytak-shp-") as folder:
        _write_shp(table, Path(folder) / f"{_safe_stem(layer_name)}.shp")
        with _staged(out) as temp, zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            for part in sorted(Path(folder).iterdir()):
                archive.write(part, part.name)


def _write_shp(table: ExportTable, shp: Path) -> None:
    renamed = ExportTable(
        [short_names(table.names)[name] for name in table.names],
        {short_names(table.names)[n]: k for n, k in table.kinds.items()},
        {short_names(table.names)[n]: v for n, v in table.values.items()},
        table.geometries,
        table.geometry_type,
        table.row_labels,
    )
    gdal_write(renamed, shp, "ESRI Shapefile", None, datetimes=False, layer_options={"ENCODING": "UTF-8"})


def _check_text_fits(table: ExportTable, file: str) -> None:
    """Refuse, naming fields and rows, text that a .dbf field (254 bytes) cannot hold."""
    too_long = [
        f"{name} of {table.label(row)}"
        for name in table.names
        for row, value in enumerate(table.values[name])
        if isinstance(value, str) and len(value.encode("utf-8")) > DBF_TEXT_BYTES
    ]
    if too_long:
        shown = "; ".join(too_long[:5]) + (f" (and {len(too_long) - 5} more)" if len(too_long) > 5 else "")
        raise TextTooLong(file=file, count=len(too_long), limit=DBF_TEXT_BYTES, where=shown)


def _write_csv(table: ExportTable, out: Path, layer_name: str) -> None:
    """UTF-8 with a BOM so Excel shows Kazakh and Russian text; read back by ``read_source``."""
    with _staged(out) as temp:
        csv_frame(table).to_csv(temp, index=False, encoding="utf-8-sig")


def csv_frame(table: ExportTable) -> pd.DataFrame:
    """Attributes (integers without ".0", dates in ISO), then lat/lon for points, and WKT in ``wkt``."""
    columns: dict[str, Any] = {}
    for name in table.names:
        values = table.values[name]
        if table.kinds[name] == "integer":
            columns[name] = pd.array(values, dtype="Int64")
        elif table.kinds[name] in ("date", "datetime"):
            columns[name] = [None if v is None else iso_text(v) for v in values]
        else:
            columns[name] = values
    frame = pd.DataFrame(columns, index=range(len(table)))
    geometries = np.asarray(table.geometries, dtype=object)
    present = [g for g in table.geometries if g is not None]
    if present and all(g.geom_type == "Point" for g in present):
        frame["lat"] = shapely.get_y(geometries)
        frame["lon"] = shapely.get_x(geometries)
    frame["wkt"] = shapely.to_wkt(geometries, rounding_precision=-1)
    return frame


WRITERS: dict[str, Callable[[ExportTable, Path, str], None]] = {
    ".geojson": _write_geojson, ".json": _write_geojson, ".gpkg": _write_geopackage,
    ".shp": _write_shapefile, ".zip": _write_zipped_shapefile, ".kml": _write_kml, ".csv": _write_csv,
}  # fmt: skip


def gdal_write(
    table: ExportTable,
    path: Path,
    driver: str,
    layer: str | None,
    *,
    dates: bool = True,
    datetimes: bool = True,
    layer_options: dict[str, str] | None = None,
    dataset_options: dict[str, str] | None = None,
) -> None:
    """One layer through pyogrio's raw writer: typed fields, ISO WKB geometries, EPSG:4326."""
    arrays, masks, zones = gdal_arrays(table, dates=dates, datetimes=datetimes)
    geometries = np.asarray(table.geometries, dtype=object)
    pyogrio.raw.write(
        str(path),
        geometry=shapely.to_wkb(geometries, flavor="iso") if len(geometries) else np.array([], dtype=object),
        field_data=arrays,
        fields=table.names,
        field_mask=masks if any(m is not None for m in masks) else None,
        layer=layer,
        driver=driver,
        geometry_type=table.geometry_type or _geometry_type(geometries),
        crs="EPSG:4326",
        promote_to_multi=table.geometry_type == "MultiPolygon" or None,
        layer_options=layer_options,
        dataset_options=dataset_options,
        gdal_tz_offsets=zones or None,
    )


def _geometry_type(geometries: np.ndarray) -> str:
    """The one geometry type of ``geometries`` (Polygon and MultiPolygon together: MultiPolygon)."""
    kinds = {g.geom_type for g in geometries if g is not None}
    if kinds == {"Polygon", "MultiPolygon"}:
        return "MultiPolygon"
    return kinds.pop() if len(kinds) == 1 else "Unknown"


def _is_geopackage(path: Path) -> bool:
    if not path.is_file():
        return False
    try:
        with open(path, "rb") as handle:
            header = handle.read(72)
    except OSError:
        return False
    return header.startswith(b"SQLite format 3\x00") and header[68:72] in (b"GPKG", b"GP10", b"GP11")


def _in_wgs84(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A frame without a CRS comes from the store, whose coordinates are EPSG:4326."""
    if frame.crs is None:
        return frame.set_crs("EPSG:4326")
    if frame.crs.to_epsg() != 4326:
        return frame.to_crs("EPSG:4326")
    return frame


def _safe_stem(layer_name: str) -> str:
    """A file name for the layer that every unzip tool accepts."""
    return re.sub(r"[^\w\-]+", "_", layer_name).strip("_.") or "layer"


def _temp_path(out: Path) -> Path:
    """A hidden, unique name in the target folder, so the final os.replace stays on one file system.
    In a folder whose name GDAL would misread (a ``!`` in it), a private folder elsewhere is used."""
    name = f".baytak-{uuid.uuid4().hex[:12]}.partial{out.suffix}"
    if safe_for_gdal(out.parent.resolve() / name):
        return out.with_name(name)
    return Path(tempfile.mkdtemp(prefix="baytak-write-")) / name


@contextmanager
def _staged(out: Path) -> Iterator[Path]:
    """Yield a temporary path; move it over ``out`` only if the block finished without an error."""
    temp = _temp_path(out)
    try:
        yield temp
        _move(temp, out)
    finally:
        _remove_leftovers(temp)


def _move(temp: Path, out: Path) -> None:
    """os.replace, or (from a private folder on another file system) a copy beside ``out`` then replace."""
    if temp.parent == out.parent:
        os.replace(temp, out)
        return
    beside = out.with_name(f".{temp.name}")
    try:
        shutil.copyfile(temp, beside)
        os.replace(beside, out)
    finally:
        beside.unlink(missing_ok=True)


def _remove_leftovers(temp: Path) -> None:
    for leftover in temp.parent.glob(glob.escape(temp.with_suffix("").name) + ".*"):
        leftover.unlink(missing_ok=True)
    if temp.parent.name.startswith("baytak-write-"):
        shutil.rmtree(temp.parent, ignore_errors=True)


@contextmanager
def _write_errors(file: str) -> Iterator[None]:
    """GDAL, PROJ and disk errors as one line naming the output file."""
    try:
        yield
    except WRITE_ERRORS as err:  # no permission, a full disk: in our words, the library's only after them
        reason = plain_text(str(err))
        library = "OS" if isinstance(err, OSError) and not isinstance(err, pyogrio.errors.DataSourceError) else "GDAL"
        failure = write_failure(_as_named(reason, file), file, library=library)
        if failure is not None:
            raise failure from err
        raise SourceError("{file} cannot be written: {reason}", file=file, reason=reason) from err


def _as_named(text: str, file: str) -> str:
    """The library's text with the paths it names cut to their last part, and our staging name (a hidden
    ``.baytak-….partial`` file beside the output) said as the output's name."""
    text = re.sub(r"'?(/[^\s':]+)+/([^\s'/:]+)'?", lambda found: found.group(2), text)
    return re.sub(r"\.{1,2}baytak-[0-9a-f]+\.partial\.\w+", file, text)
