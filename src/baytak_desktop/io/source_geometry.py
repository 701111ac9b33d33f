"""Geometries as sources give them, made into what the layers store: lon/lat, 2D, no empty rings.

Every change is said: a reprojection that fails names the coordinate system; heights and measures that
are dropped are a note in the import report; a row whose geometry cannot be placed keeps its place in
the frame with no geometry and a Problem naming it. Coordinates a hair past ±180/±90 (what a
reprojection leaves of a point on the antimeridian: 180.00000000000006) are put back on the limit.
"""

from __future__ import annotations

import re

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import CRS
from pyproj.crs import ProjectedCRS
from pyproj.exceptions import CRSError as ProjCRSError
from pyproj.exceptions import ProjError
from pyproj.transformer import TransformerGroup

from baytak_desktop.errors import Problem, SourceError
from baytak_desktop.gdal_failures import CrsUnusable
from baytak_desktop.io.library_notes import plain_text

LIMIT_SLACK = 1e-9  # degrees: float noise, not a position
PULKOVO_1942 = 4284  # EPSG code of the geographic CRS of SK-42
KRASOVSKY = (6378245.0, 298.3)  # semi-major axis (m), inverse flattening
WGS84_ELLIPSOID = (6378137.0, 298.257)  # GRS 80 is within these tolerances too


def to_wgs84(frame: gpd.GeoDataFrame, file: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Reproject to EPSG:4326; with no CRS at all, accept only coordinates that already look like lon/lat.
    A datum PROJ knows no shift for is read as Pulkovo 1942 when it is on Krasovsky's ellipsoid, and
    otherwise named in a warning (see :func:`known_datum`)."""
    if frame.crs is None:
        if not inside_lon_lat(frame.geometry.bounds).all():
            raise SourceError(
                "{file} has no coordinate system and its coordinates are not longitude/latitude."
                " Re-export it with its coordinate system",
                file=file,
            )
        return frame.set_crs("EPSG:4326"), []
    if frame.crs.to_epsg() == 4326:
        return frame, []
    try:
        crs, notes = known_datum(frame.crs, file)
        return frame.set_crs(crs, allow_override=True).to_crs("EPSG:4326"), notes
    except (ProjCRSError, ProjError, ValueError) as err:  # PROJ's English only as the detail
        raise CrsUnusable(file=file, library="PROJ", detail=f"{frame.crs.name}: {plain_text(str(err))}") from err


def known_datum(crs: CRS, file: str) -> tuple[CRS, list[Problem]]:
    """``crs``, or the same projection on Pulkovo 1942 when its datum has no known shift to WGS 84.

    A .prj written by MapInfo or an old ArcGIS often names the Krasovsky ellipsoid with a datum of its
    own ("D_Krasovsky_1940") and no TOWGS84: PROJ then only moves the ellipsoid (a "ballpark" offset),
    which puts Kazakh features 50 to 150 m off without a word. On Krasovsky's ellipsoid the datum is
    Pulkovo 1942 (SK-42), the datum of every Soviet and Kazakh map, whose shift EPSG knows to a few
    metres; any other unknown datum is read as PROJ can, with a warning."""
    if crs.is_bound or not _ballpark_only(crs):
        return crs, []
    ellipsoid = crs.ellipsoid
    axes = (ellipsoid.semi_major_metre, ellipsoid.inverse_flattening) if ellipsoid is not None else None
    if axes is None or _same_ellipsoid(axes, WGS84_ELLIPSOID):
        return crs, []  # WGS 84 or GRS 80: the ballpark offset is within a metre
    if not _same_ellipsoid(axes, KRASOVSKY):
        datum = crs.datum.name if crs.datum is not None else "?"
        return crs, [
            Problem.of(
                "{file}: its coordinate system gives no shift from its datum ({datum}) to WGS 84, so positions"
                " may be off by up to a few hundred metres. Re-export it with a coordinate system that has an EPSG"
                " code",
                severity="warning",
                file=file,
                datum=datum,
            )
        ]
    pulkovo = CRS.from_epsg(PULKOVO_1942)
    if crs.is_geographic:
        fixed = pulkovo
    else:
        fixed = ProjectedCRS(
            conversion=crs.coordinate_operation, name=crs.name, geodetic_crs=pulkovo, cartesian_cs=crs.coordinate_system
        )
    return fixed, [
        Problem.of(
            "{file}: its coordinate system names Krasovsky's ellipsoid without a datum; it was read as"
            " Pulkovo 1942 (SK-42), the datum of Soviet and Kazakh maps",
            severity="warning",
            file=file,
        )
    ]


def _ballpark_only(crs: CRS) -> bool:
    """True when PROJ knows no transformation to WGS 84 but moving the ellipsoid."""
    try:
        group = TransformerGroup(crs, "EPSG:4326", always_xy=True)
    except IndexError as err:  # pyproj's answer for a projection method PROJ does not know
        raise ProjError(f"no transformation from {crs.name} to WGS 84 (unknown projection method)") from err
    return bool(group.transformers) and all("Ballpark" in t.description for t in group.transformers)


def _same_ellipsoid(axes: tuple[float, float], known: tuple[float, float]) -> bool:
    """Same semi-major axis (to a metre) and inverse flattening (to 0.01)."""
    return abs(axes[0] - known[0]) < 1.0 and abs(axes[1] - known[1]) < 0.01


def inside_lon_lat(bounds: pd.DataFrame) -> pd.Series:
    """Per row: True when inside -180..180 / -90..90, or when there is nothing to check (no geometry)."""
    inside = (bounds.minx >= -180) & (bounds.maxx <= 180) & (bounds.miny >= -90) & (bounds.maxy <= 90)
    return inside | bounds.isna().all(axis=1)


def flatten(frame: gpd.GeoDataFrame, file: str) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Drop heights (Z) and measures (M): the layers store 2D positions; say how many features had them."""
    geometries = frame.geometry.to_numpy()
    present = ~shapely.is_missing(geometries)
    with_z = int((shapely.has_z(geometries) & present).sum())
    with_m = int((shapely.has_m(geometries) & present).sum()) if hasattr(shapely, "has_m") else 0
    if not with_z and not with_m:
        return frame, []
    frame = frame.copy()
    frame[frame.geometry.name] = shapely.force_2d(geometries)
    notes = []
    if with_z:
        notes.append(
            Problem.of(
                "{file}: the heights (Z values) of {count} features were dropped: the layers store positions only",
                severity="warning",
                file=file,
                count=with_z,
            )
        )
    if with_m:
        notes.append(
            Problem.of(
                "{file}: measures (M values) of {count} features were dropped",
                severity="warning",
                file=file,
                count=with_m,
            )
        )
    return frame, notes


def drop_out_of_range(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """Geometries outside lon/lat after reprojection become None with a Problem: they cannot be placed."""
    frame = _snap_to_limits(frame)
    bounds = frame.geometry.bounds
    outside = ~inside_lon_lat(bounds) & ~frame.geometry.is_empty
    problems = []
    for index in np.flatnonzero(outside.to_numpy()):
        minx, miny, maxx, maxy = bounds.iloc[index]
        problems.append(
            Problem.of(
                "the coordinates fall outside longitude -180..180 / latitude -90..90 (x {minx}..{maxx}, y {miny}..{maxy})",
                field="geometry",
                row=int(index) + 1,
                minx=_degrees(minx),
                maxx=_degrees(maxx),
                miny=_degrees(miny),
                maxy=_degrees(maxy),
            )
        )
    if problems:
        frame = frame.copy()
        frame.loc[outside.to_numpy(), frame.geometry.name] = None
    return frame, problems


def _degrees(value: float) -> str:
    """Enough digits that a value just past a limit never prints as the limit itself."""
    return f"{value:.10g}" if abs(value) < 1e6 else f"{value:.6g}"


def _snap_to_limits(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coordinates within LIMIT_SLACK past ±180 / ±90 set on the limit."""
    bounds = frame.geometry.bounds
    over = (
        ((bounds.maxx > 180) & (bounds.maxx <= 180 + LIMIT_SLACK))
        | ((bounds.minx < -180) & (bounds.minx >= -180 - LIMIT_SLACK))
        | ((bounds.maxy > 90) & (bounds.maxy <= 90 + LIMIT_SLACK))
        | ((bounds.miny < -90) & (bounds.miny >= -90 - LIMIT_SLACK))
    ).to_numpy()
    if not over.any():
        return frame
    frame = frame.copy()
    geometries = frame.geometry.to_numpy()
    geometries[over] = shapely.transform(geometries[over], lambda xy: np.clip(xy, [-180.0, -90.0], [180.0, 90.0]))
    frame[frame.geometry.name] = geometries
    return frame


def drop_degenerate_rings(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, list[Problem]]:
    """A ring of fewer than 4 points is no area at all (GEOS reads it, nothing can use it): report it."""
    parts, part_rows = shapely.get_parts(frame.geometry.to_numpy(), return_index=True)
    rings, ring_parts = shapely.get_rings(parts, return_index=True)
    counts = shapely.get_num_coordinates(rings)
    short = {int(part_rows[part]): int(count) for part, count in zip(ring_parts, counts, strict=True) if count < 4}
    if not short:
        return frame, []
    frame = frame.copy()
    frame.loc[frame.index[list(short)], frame.geometry.name] = None
    problems = [short_ring(count, row + 1) for row, count in short.items()]
    return frame, problems


def short_ring(points: int, row: int) -> Problem:
    return Problem.of(
        "a polygon ring has {points} points; it needs at least 4 (three corners and the first point repeated at the end)",
        field="geometry",
        row=row,
        points=points,
    )


def geometry_reason(text: str, row: int) -> Problem:
    """Why GEOS could not decode a geometry GDAL read, in words."""
    if "closed linestring" in text:
        return Problem.of(
            "the polygon ring is not closed: its last point must repeat its first. Close the ring in the source file"
            " and import it again",
            field="geometry",
            row=row,
        )
    found = re.search(r"LinearRing found (\d+)", text)
    if found is not None:
        return short_ring(int(found.group(1)), row)
    return Problem.of("the geometry cannot be read: {reason}", field="geometry", row=row, reason=plain_text(text))
