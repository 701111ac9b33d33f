"""Read any source file people bring (GeoJSON, GeoPackage, Shapefile, DBF, KML, GPX, CSV) into one frame.

The reader only reads: it never writes to the store and never rejects a feature for its content. Rows
it cannot even turn into a geometry stay in the frame with a None geometry and a Problem naming the row,
so the import job can show every reason at once and let the user decide. Whole-file failures (missing,
empty, truncated, unknown format, no coordinate system, an encoding that cannot be told) raise
SourceError with a one-line message. What the libraries say on the way (heights dropped, an unknown GPX
version) becomes a note of the report, never a raw warning on the terminal.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import pyogrio.raw
import shapely
from shapely.errors import GEOSException

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.gdal_failures import FileUnrecognised, gdal_failure
from baytak_desktop.io import mapinfo, shapefiles
from baytak_desktop.io.archives import MAX_SOURCE_BYTES, safe_members, source_member
from baytak_desktop.io.delimited import Table, read_delimited, table_frame
from baytak_desktop.io.encodings import TextEncoding
from baytak_desktop.io.gdal_paths import readable_path
from baytak_desktop.io.geojson_text import restore_nul_values
from baytak_desktop.io.library_notes import collected_warnings, plain_text
from baytak_desktop.io.sheets import read_sheet
from baytak_desktop.io.source_geometry import (
    drop_degenerate_rings,
    drop_out_of_range,
    flatten,
    geometry_reason,
    to_wgs84,
)
from baytak_desktop.io.xml_sources import gml_copy, utf8_copy

KINDS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".shp": "Shapefile", ".dbf": "DBF",
    ".zip": "Shapefile", ".kml": "KML", ".kmz": "KML", ".gpx": "GPX", ".csv": "CSV", ".txt": "CSV",
    ".tab": "MapInfo", ".mif": "MapInfo", ".gml": "GML", ".fgb": "FlatGeobuf", ".xlsx": "XLSX", ".ods": "ODS",
}  # fmt: skip
TABLES = ("CSV", "DBF", "XLSX", "ODS")  # read as text cells, coordinates parsed by us (:mod:`delimited`)
# Files baytak imports that a zip may hold instead of a shapefile or a MapInfo table (both read where they
# lie in it): named, to unzip (a .txt is a readme).
UNZIP_FIRST = tuple(suffix for suffix in KINDS if suffix not in (".zip", ".shp", ".dbf", ".txt", ".tab", ".mif"))
UTF8_ONLY = (
    "GeoPackage",
    "FlatGeobuf",
    "XLSX",
    "ODS",
)  # text in a GeoPackage is UTF-8 (SQLite's); a GeoJSON should be, but not always is
GPX_LAYERS = ("waypoints", "tracks", "routes")
# The column that says which KML folder or GPX layer a row came from.
ORIGIN_COLUMNS = {"KML": "folder", "GPX": "gpx_layer"}
GDAL_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.CRSError,
    pyogrio.errors.FeatureError, pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
    GEOSException, OSError, NotImplementedError, UnicodeDecodeError,
)  # fmt: skip


@dataclass
class SourceData:
    """A source file read into EPSG:4326: one row per source feature, in source order.

    ``row_problems`` lists the rows whose geometry could not be made (their geometry is None), and
    row-level warnings (a NUL removed from a value); ``row`` in each Problem is the 1-based position in
    ``frame``. ``encoding`` is how the text was decoded (None where the format fixes it); ``notes`` are
    warnings about the whole file (heights dropped, library notes).
    """

    frame: gpd.GeoDataFrame
    row_problems: list[Problem]
    source_name: str
    kind: str
    encoding: TextEncoding | None = None
    notes: list[Problem] = field(default_factory=list)
    geometry_columns: list[str] = field(default_factory=list)  # a table's lat/lon or WKT columns


@dataclass
class _Opened:
    """What GDAL opens for a source, the layer left to choose, and how to decode its text."""

    dataset: str
    layer: str | None
    encoding: TextEncoding | None = None
    raw_text: bool = False  # GDAL hands over bytes (as ISO-8859-1): decode them with ``encoding``
    decoded_from: str | None = None  # with raw_text: GDAL decoded the text from this code page itself
    prj: str | None = None  # a shapefile's .prj, for what GDAL cannot read in it
    notes: list[Problem] = field(default_factory=list)  # what a copy made for GDAL could not keep


def read_source(
    path: str | Path,
    *,
    layer: str | None = None,
    lat_column: str | None = None,
    lon_column: str | None = None,
    encoding: str | None = None,
    swap_xy: bool = False,
) -> SourceData:
    """Read ``path`` by its extension; ``layer`` picks a GeoPackage layer, KML folder, GPX layer or zip
    member; ``encoding`` overrides what the file's text encoding is told to be; ``swap_xy`` reads
    X/Y columns with X as the latitude (Russian survey tables)."""
    path = Path(path)
    kind = _check_file(path)
    if path.suffix.lower() == ".zip":
        kind = KINDS[PurePosixPath(source_member(path, safe_members(path), layer, UNZIP_FIRST)).suffix.lower()]
    if encoding is not None and kind in UTF8_ONLY:
        raise SourceError(
            "{file} is {kind}, whose text is always UTF-8: no encoding needs choosing", file=path.name, kind=kind
        )
    geometry_columns: list[str] = []
    with collected_warnings(path.name) as library:
        if kind in TABLES:
            table, problems = _read_table(path, kind, layer, lat_column, lon_column, encoding, swap_xy)
            frame, text_encoding, notes, geometry_columns = (
                table.frame,
                table.encoding,
                table.notes,
                table.geometry_columns,
            )
        else:
            frame, problems, text_encoding, notes = _read_vector(path, kind, layer, encoding)
        frame, flat_notes = flatten(frame, path.name)
        frame, range_problems = drop_out_of_range(frame)
        frame, ring_problems = drop_degenerate_rings(frame)
    problems = sorted(problems + range_problems + ring_problems, key=lambda problem: problem.row or 0)
    return SourceData(frame, problems, path.name, kind, text_encoding, notes + flat_notes + library, geometry_columns)


def _check_file(path: Path) -> str:
    """The kind of file, after the checks that need no GDAL: exists, not empty, not huge, known suffix."""
    try:  # a file (or its folder) this account may not read: said before any reader meets it
        if path.is_file():
            path.open("rb").close()
    except PermissionError as err:
        raise gdal_failure(err, path.name, str(path), library="OS") or SourceError(str(err)) from err
    if not path.exists():
        raise SourceError("{file} was not found in {folder}", file=path.name, folder=str(path.parent))
    if path.is_dir():
        raise SourceError("{file} is a folder: choose a file inside it", file=path.name)
    size = path.stat().st_size
    if size == 0:
        raise SourceError("{file} is empty (0 bytes)", file=path.name)
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            "{file} is {size:.1f} GB: files over 2 GB cannot be imported. Split it into smaller files",
            file=path.name, size=size / 1024**3,
        )  # fmt: skip
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise SourceError(
            "{file} is not a format baytak can import. Supported: {known}",
            file=path.name, known=", ".join(KINDS),
        )  # fmt: skip
    return kind


def _read_table(
    path: Path,
    kind: str,
    sheet: str | None,
    lat_column: str | None,
    lon_column: str | None,
    encoding: str | None,
    swap_xy: bool,
) -> tuple[_TableRead, list[Problem]]:
    """A CSV, a spreadsheet's sheet or a bare .dbf table, with points from its coordinate columns (or
    shapes from WKT)."""
    if kind == "CSV":
        frame, problems, table = read_delimited(path, lat_column, lon_column, encoding=encoding, swap_xy=swap_xy)
        return _TableRead(frame, table.encoding, table.notes, table.geometry_columns), problems
    if kind in ("XLSX", "ODS"):
        with readable_path(path) as dataset, _gdal_errors(path.name, str(dataset), kind):
            table = read_sheet(str(dataset), path.name, sheet, (lat_column, lon_column))
        frame, problems = table_frame(table, lat_column, lon_column, swap_xy)
        return _TableRead(frame, None, table.notes, table.geometry_columns), problems
    parts = shapefiles.parts_beside(path)
    data = parts.dbf or b""
    shapefiles.require_whole(path.name, ".dbf", len(data), shapefiles.dbf_length(data))
    text_encoding = shapefiles.text_encoding(parts, encoding)
    with readable_path(path) as dataset, _gdal_errors(path.name, str(dataset), kind):
        raw = pyogrio.read_dataframe(dataset, encoding=shapefiles.RAW_ENCODING, read_geometry=False)
    decoded = shapefiles.decode_text(pd.DataFrame(raw), text_encoding.codec)
    header = [str(c) for c in decoded.columns]
    rows = [["" if _missing(value) else str(value) for value in row] for row in decoded.itertuples(index=False)]
    table = Table(path.name, header, rows, text_encoding, [])
    frame, problems = table_frame(table, lat_column, lon_column, swap_xy)
    return _TableRead(frame, text_encoding, [], table.geometry_columns), problems


@dataclass
class _TableRead:
    frame: gpd.GeoDataFrame
    encoding: TextEncoding | None
    notes: list[Problem]
    geometry_columns: list[str]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NaT


def _read_vector(
    path: Path, kind: str, layer: str | None, encoding: str | None
) -> tuple[gpd.GeoDataFrame, list[Problem], TextEncoding | None, list[Problem]]:
    """Every chosen layer of a GDAL dataset, reprojected, concatenated in order."""
    with _opened(path, kind, layer, encoding) as opened:
        frames, problems, notes, offset = [], [], list(opened.notes), 0
        for name in _choose_layers(opened.dataset, path.name, kind, opened.layer):
            frame, layer_problems, layer_notes = _read_layer(opened, name, path.name, kind)
            notes += [note for note in layer_notes if note not in notes]
            if kind in ORIGIN_COLUMNS:
                frame.insert(0, ORIGIN_COLUMNS[kind], name)
            problems += [dataclasses.replace(p, row=(p.row or 0) + offset) for p in layer_problems]
            frames.append(frame)
            offset += len(frame)
    frame = _concat(frames)
    if kind == "GeoJSON":
        problems += restore_nul_values(path, frame)
    return frame, problems, opened.encoding, notes


@contextmanager
def _opened(path: Path, kind: str, layer: str | None, encoding: str | None) -> Iterator[_Opened]:
    """The GDAL name to open (zip members through /vsizip/, unextracted; non-UTF-8 KML through a UTF-8
    copy; awkward names through links), with the shapefile's parts checked and its encoding told."""
    suffix = path.suffix.lower()
    if suffix == ".zip" and kind == "MapInfo":
        members = safe_members(path)
        member = source_member(path, members, layer, UNZIP_FIRST)
        with _gdal_errors(path.name, f"/vsizip/{path.resolve()}/{member}", kind):
            table = mapinfo.zipped(path, member, members, encoding, shapefiles.RAW_ENCODING)
        yield _Opened(table.dataset, None, table.encoding, raw_text=True, decoded_from=table.decoded_from)
    elif suffix == ".zip":
        members = safe_members(path)
        member = source_member(path, members, layer, UNZIP_FIRST)
        parts = shapefiles.parts_in_zip(path, member, members)
        shapefiles.require_parts(parts)
        text_encoding = shapefiles.text_encoding(parts, encoding)
        yield _Opened(f"/vsizip/{path.resolve()}/{member}", None, text_encoding, raw_text=True, prj=parts.prj)
    elif suffix == ".shp":
        parts = shapefiles.parts_beside(path)
        shapefiles.require_parts(parts)
        text_encoding = shapefiles.text_encoding(parts, encoding)
        with readable_path(path) as dataset:
            yield _Opened(str(dataset), layer, text_encoding, raw_text=True, prj=parts.prj)
    elif suffix in (".tab", ".mif"):
        mapinfo.require_parts(path)
        with mapinfo.neutral_copy(path) as neutral, readable_path(neutral) as dataset:
            with _gdal_errors(path.name, str(dataset), kind):
                text_encoding = mapinfo.text_encoding(str(dataset), path, encoding, shapefiles.RAW_ENCODING)
            yield _Opened(str(dataset), layer, text_encoding, raw_text=True)
    elif suffix == ".gml":
        with gml_copy(path) as copy, readable_path(copy) as dataset:
            yield _Opened(str(dataset), layer)
    elif suffix in (".kml", ".gpx", ".kmz", ".geojson", ".json"):
        if suffix == ".kmz":
            safe_members(path)
        with utf8_copy(path, encoding) as (copy, found, notes), readable_path(copy) as dataset:
            yield _Opened(str(dataset), layer, found, notes=notes)
    else:
        with readable_path(path) as dataset:
            yield _Opened(str(dataset), layer)


def _choose_layers(dataset: str, file: str, kind: str, wanted: str | None) -> list[str]:
    """KML: every folder; GPX: waypoints, tracks, routes; otherwise the one spatial layer or ``wanted``."""
    with _gdal_errors(file, dataset, kind):
        listing = pyogrio.list_layers(dataset)
    names = [str(name) for name, _ in listing]
    if wanted is not None:
        if wanted not in names:
            raise SourceError(
                "{file} has no layer named {layer!r}. Layers: {known}",
                file=file, layer=wanted, known=", ".join(names),
            )  # fmt: skip
        return [wanted]
    if kind in ("KML", "GPX"):
        return names if kind == "KML" else [name for name in GPX_LAYERS if name in names]
    candidates = [str(name) for name, geometry_type in listing if geometry_type is not None] or names
    if len(candidates) > 1:
        raise SourceError(
            "{file} has several layers: {known}. Choose one", file=file, known=", ".join(candidates)
        ).with_hint("--source-layer NAME reads one of them")
    if not candidates:
        raise SourceError("{file} has no layers", file=file)
    return candidates


def _read_layer(
    opened: _Opened, layer: str, file: str, kind: str
) -> tuple[gpd.GeoDataFrame, list[Problem], list[Problem]]:
    """One layer in EPSG:4326; undecodable geometries (e.g. an unclosed ring) become None plus a Problem."""
    raw_encoding = shapefiles.RAW_ENCODING if opened.raw_text and opened.decoded_from is None else None
    with _gdal_errors(file, opened.dataset, kind):
        frame = pyogrio.read_dataframe(opened.dataset, layer=layer, on_invalid="ignore", encoding=raw_encoding)
    if not isinstance(frame, gpd.GeoDataFrame):  # a table without geometry
        frame = gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs="EPSG:4326")
    if opened.raw_text and opened.encoding is not None:
        frame = shapefiles.decode_text(frame, opened.encoding.codec, opened.decoded_from or "latin-1")
    problems = _undecodable_geometries(opened.dataset, layer, file, kind, frame)
    if frame.crs is None and (crs := shapefiles.prj_crs(opened.prj)) is not None:
        frame = frame.set_crs(crs)
    frame, notes = to_wgs84(frame, file)
    return frame, problems, notes


def _undecodable_geometries(dataset: str, layer: str, file: str, kind: str, frame: gpd.GeoDataFrame) -> list[Problem]:
    """Why each geometry that GDAL read but shapely refused could not be decoded (read again, as WKB)."""
    missing = np.flatnonzero(frame.geometry.isna().to_numpy())
    if not len(missing):
        return []
    with _gdal_errors(file, dataset, kind):
        wkb = pyogrio.raw.read(dataset, layer=layer, columns=[])[2]
    problems = []
    for index in missing:
        if wkb is None or wkb[index] is None:
            continue  # the source has no geometry here: nothing to explain
        try:
            shapely.from_wkb(wkb[index])
        except (GEOSException, NotImplementedError) as err:
            problems.append(geometry_reason(str(err), int(index) + 1))
    return problems


def _concat(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Layers one after another, renumbered from 0; empty layers add no rows (nor warnings)."""
    filled = [frame for frame in frames if len(frame)] or frames[:1]
    if not filled:
        return gpd.GeoDataFrame(geometry=[], crs="EPSG:4326")
    if len(filled) == 1:
        return filled[0].reset_index(drop=True)
    joined = pd.concat(filled, ignore_index=True)
    return gpd.GeoDataFrame(joined, geometry="geometry", crs="EPSG:4326")


@contextmanager
def _gdal_errors(file: str, dataset: str, kind: str) -> Iterator[None]:
    """Turn GDAL's errors into one line naming the file, never a traceback: a common failure (missing,
    forbidden, damaged, unknown format or coordinate system) in our words, GDAL's only after them."""
    try:
        yield
    except GDAL_ERRORS as err:
        reason = plain_text(str(err).replace(dataset, file))
        failure = gdal_failure(reason, file)
        if isinstance(failure, FileUnrecognised):
            raise SourceError(
                "{file} is not a valid {kind} file: its content is not recognised. Check that it is not"
                " damaged or renamed from another format",
                file=file, kind=kind,
            ) from err  # fmt: skip
        if failure is not None:
            raise failure from err
        raise SourceError("{file} cannot be read as {kind}: {reason}", file=file, kind=kind, reason=reason) from err
