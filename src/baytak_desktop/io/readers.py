"""Read any source file people bring (GeoJSON, GeoPackage, Shapefile, KML, GPX, CSV) into one frame.

The reader only reads: it never writes to the store and never rejects a feature for its content. Rows
it cannot even turn into a geometry stay in the frame with a None geometry and a Problem naming the row,
so the import job can show every reason at once and let the user decide. Whole-file failures (missing,
empty, truncated, unknown format, no coordinate system) raise SourceError with a one-line message.
"""

from __future__ import annotations

import dataclasses
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pyogrio.errors
import pyogrio.raw
import shapely
from pyproj.exceptions import CRSError as ProjCRSError
from pyproj.exceptions import ProjError
from shapely.errors import GEOSException

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.io.archives import MAX_SOURCE_BYTES, has_member, safe_members, shapefile_member
from baytak_desktop.io.delimited import read_delimited

KINDS = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".shp": "Shapefile",
    ".zip": "Shapefile", ".kml": "KML", ".kmz": "KML", ".gpx": "GPX", ".csv": "CSV", ".txt": "CSV",
}  # fmt: skip
GPX_LAYERS = ("waypoints", "tracks", "routes")
# The column that says which KML folder or GPX layer a row came from.
ORIGIN_COLUMNS = {"KML": "folder", "GPX": "gpx_layer"}
GDAL_ERRORS = (
    pyogrio.errors.DataSourceError, pyogrio.errors.DataLayerError, pyogrio.errors.CRSError,
    pyogrio.errors.FeatureError, pyogrio.errors.FieldError, pyogrio.errors.GeometryError,
    GEOSException, OSError,
)  # fmt: skip


@dataclass
class SourceData:
    """A source file read into EPSG:4326: one row per source feature, in source order.

    ``row_problems`` lists the rows whose geometry could not be made (their geometry is None);
    ``row`` in each Problem is the 1-based position in ``frame``.
    """

    frame: gpd.GeoDataFrame
    row_problems: list[Problem]
    source_name: str
    kind: str


def read_source(
    path: str | Path,
    *,
    layer: str | None = None,
    lat_column: str | None = None,
    lon_column: str | None = None,
) -> SourceData:
    """Read ``path`` by its extension; ``layer`` picks a GeoPackage layer, KML folder, GPX layer or zip member."""
    path = Path(path)
    kind = _check_file(path)
    if kind == "CSV":
        frame, problems = read_delimited(path, lat_column, lon_column)
    else:
        frame, problems = _read_vector(path, kind, layer)
    frame, range_problems = _drop_out_of_range(frame)
    frame, ring_problems = _drop_degenerate_rings(frame)
    problems = sorted(problems + range_problems + ring_problems, key=lambda problem: problem.row or 0)
    return SourceData(frame=frame, row_problems=problems, source_name=path.name, kind=kind)


def _check_file(path: Path) -> str:
    """The kind of file, after the checks that need no GDAL: exists, not empty, not huge, known suffix."""
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


def _read_vector(path: Path, kind: str, layer: str | None) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Every chosen layer of a GDAL dataset, reprojected, concatenated in order."""
    dataset, layer = _dataset(path, layer)
    frames, problems, offset = [], [], 0
    for name in _choose_layers(dataset, path.name, kind, layer):
        frame, layer_problems = _read_layer(dataset, name, path.name, kind)
        if kind in ORIGIN_COLUMNS:
            frame.insert(0, ORIGIN_COLUMNS[kind], name)
        problems += [dataclasses.replace(p, row=(p.row or 0) + offset) for p in layer_problems]
        frames.append(frame)
        offset += len(frame)
    return _concat(frames), problems


def _dataset(path: Path, layer: str | None) -> tuple[str, str | None]:
    """The GDAL name to open and the layer left to choose; zip members go through /vsizip/, unextracted."""
    suffix = path.suffix.lower()
    if suffix == ".kmz":
        safe_members(path)
    if suffix == ".shp":
        siblings = [path.with_suffix(".prj"), path.with_suffix(".PRJ")]
        _require_prj(path.name, any(sibling.exists() for sibling in siblings))
    if suffix != ".zip":
        return str(path), layer
    members = safe_members(path)
    member = shapefile_member(path, members, layer)
    prj = member[: -len(".shp")] + ".prj"
    _require_prj(f"{Path(member).name} (in {path.name})", has_member(members, prj))
    return f"/vsizip/{path.resolve()}/{member}", None


def _require_prj(file: str, has_prj: bool) -> None:
    """Refuse a shapefile without .prj: guessing its coordinate system would misplace every feature."""
    if not has_prj:
        raise SourceError(
            "The file {file} has no .prj: its coordinate system is unknown. Add the .prj (or re-export with one)",
            file=file,
        )


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
        raise SourceError("{file} has several layers: {known}. Choose one", file=file, known=", ".join(candidates))
    if not candidates:
        raise SourceError("{file} has no layers", file=file)
    return candidates


def _read_layer(dataset: str, layer: str, file: str, kind: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """One layer in EPSG:4326; undecodable geometries (e.g. an unclosed ring) become None plus a Problem."""
    with _gdal_errors(file, dataset, kind), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's own notes; we report what matters
        frame = pyogrio.read_dataframe(dataset, layer=layer, on_invalid="ignore")
    if not isinstance(frame, gpd.GeoDataFrame):  # a table without geometry
        frame = gpd.GeoDataFrame(frame, geometry=[None] * len(frame), crs="EPSG:4326")
    problems = _undecodable_geometries(dataset, layer, file, kind, frame)
    return _to_wgs84(frame, file), problems


def _undecodable_geometries(dataset: str, layer: str, file: str, kind: str, frame: gpd.GeoDataFrame) -> list[Problem]:
    """Why each geometry that GDAL read but shapely refused could not be decoded (read again, as WKB)."""
    missing = np.flatnonzero(frame.geometry.isna().to_numpy())
    if not len(missing):
        return []
    with _gdal_errors(file, dataset, kind), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        wkb = pyogrio.raw.read(dataset, layer=layer, columns=[])[2]
    problems = []
    for index in missing:
        if wkb is None or wkb[index] is None:
            continue  # the source has no geometry here: nothing to explain
        try:
            shapely.from_wkb(wkb[index])
        except GEOSException as err:
            problems.append(Problem(_geometry_reason(err), field="geometry", row=int(index) + 1))
    return problems


def _geometry_reason(err: GEOSException) -> str:
    text = str(err)
    if "closed linestring" in text:
        return (
            "the polygon ring is not closed: its last point must repeat its first."
            " Close the ring in the source file and import it again"
        )
    found = re.search(r"LinearRing found (\d+)", text)
    if found:
        return _short_ring_reason(int(found.group(1)))
    return f"the geometry cannot be read: {text}"


def _short_ring_reason(points: int) -> str:
    return (
        f"a polygon ring has {points} points; it needs at least 4"
        " (three corners and the first point repeated at the end)"
    )


def _to_wgs84(frame: gpd.GeoDataFrame, file: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326; with no CRS at all, accept only coordinates that already look like lon/lat."""
    if frame.crs is None:
        if not _inside_lon_lat(frame.geometry.bounds).all():
            raise SourceError(
                "{file} has no coordinate system and its coordinates are not longitude/latitude."
                " Re-export it with its coordinate system",
                file=file,
            )
        return frame.set_crs("EPSG:4326")
    if frame.crs.to_epsg() == 4326:
        return frame
    try:
        return frame.to_crs("EPSG:4326")
    except (ProjCRSError, ProjError, ValueError) as err:
        raise SourceError(
            "{file} cannot be converted from {crs} to longitude/latitude: {reason}",
            file=file, crs=frame.crs.name, reason=str(err),
        ) from err  # fmt: skip


def _inside_lon_lat(bounds: pd.DataFrame) -> pd.Series:
    """Per row: True when inside -180..180 / -90..90, or when there is nothing to check (no geometry)."""
    inside = (bounds.minx >= -180) & (bounds.maxx <= 180) & (bounds.miny >= -90) & (bounds.maxy <= 90)
    return inside | bounds.isna().all(axis=1)


def _drop_out_of_range(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Geometries outside lon/lat after reprojection become None with a Problem: they cannot be placed."""
    bounds = frame.geometry.bounds
    outside = ~_inside_lon_lat(bounds) & ~frame.geometry.is_empty
    problems = []
    for index in np.flatnonzero(outside.to_numpy()):
        minx, miny, maxx, maxy = bounds.iloc[index]
        message = (
            f"the coordinates fall outside longitude -180..180 / latitude -90..90"
            f" (x {minx:g}..{maxx:g}, y {miny:g}..{maxy:g})"
        )
        problems.append(Problem(message, field="geometry", row=int(index) + 1))
    if problems:
        frame = frame.copy()
        frame.loc[outside.to_numpy(), frame.geometry.name] = None
    return frame, problems


def _drop_degenerate_rings(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """A ring of fewer than 4 points is no area at all (GEOS reads it, nothing can use it): report it."""
    parts, part_rows = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    rings, ring_parts = shapely.get_rings(parts, return_index=True)
    counts = shapely.get_num_coordinates(rings)
    short = {int(part_rows[part]): int(count) for part, count in zip(ring_parts, counts, strict=True) if count < 4}
    if not short:
        return frame, []
    frame = frame.copy()
    frame.loc[frame.index[list(short)], frame.geometry.name] = None
    problems = [Problem(_short_ring_reason(count), field="geometry", row=row + 1) for row, count in short.items()]
    return frame, problems


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
    """Turn GDAL's errors into one line naming the file, never a traceback."""
    try:
        yield
    except GDAL_ERRORS as err:
        reason = " ".join(str(err).replace(dataset, file).split())
        if "not recognized as being in a supported file format" in reason:
            raise SourceError(
                "{file} is not a valid {kind} file: its content is not recognised. Check that it is not"
                " damaged or renamed from another format",
                file=file, kind=kind,
            ) from err  # fmt: skip
        raise SourceError("{file} cannot be read as {kind}: {reason}", file=file, kind=kind, reason=reason) from err
