"""Geodesic buffers: the area within N km of a site, as a polygon the map and the web map can draw.

A circle "10 km around the outflow" drawn in degrees would be an ellipse squashed east-west by
cos(latitude) (a 30 % error at Astana). Around a point the ring is built with the direct geodesic
problem (Geod.fwd along every azimuth), so each vertex is exactly N km away. Around a polygon (a quarry)
the buffer is made in an azimuthal equidistant projection centred on the polygon, where distances from
the centre are true and those elsewhere within a fraction of a percent over a few kilometres.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import Polygon, mapping

from baytak_desktop.analysis.base import AnalysisError
from baytak_desktop.layers.measure import GEOD
from baytak_desktop.store import Store

SEGMENTS = 72  # vertices of a circle: 5 degree steps, smooth at any print scale of a few km


@dataclass(frozen=True)
class Buffer:
    """The buffer of one feature; ``geometry`` is GeoJSON (lon/lat), ready for a map or a file."""

    layer: str
    uuid: str
    name: str
    km: float
    geometry: dict[str, Any]


def geodesic_circle(lon: float, lat: float, radius_m: float, segments: int = SEGMENTS) -> Polygon:
    """A polygon whose vertices lie exactly ``radius_m`` (geodesic) from (lon, lat), counter-clockwise."""
    if radius_m <= 0:
        raise AnalysisError("A buffer needs a distance above 0, not {metres} m.", metres=radius_m)
    azimuths = np.linspace(360.0, 0.0, segments, endpoint=False)  # decreasing azimuth: counter-clockwise
    lons, lats, _ = GEOD.fwd(np.full(segments, lon), np.full(segments, lat), azimuths, np.full(segments, radius_m))
    return Polygon(zip(lons, lats, strict=True))


def geodesic_circles(lons: np.ndarray, lats: np.ndarray, radius_m: float, segments: int = SEGMENTS) -> list[Polygon]:
    """``geodesic_circle`` for many points in one vectorised Geod.fwd call (10,000 circles in a blink)."""
    if radius_m <= 0:
        raise AnalysisError("A buffer needs a distance above 0, not {metres} m.", metres=radius_m)
    count = len(lons)
    azimuths = np.tile(np.linspace(360.0, 0.0, segments, endpoint=False), count)
    xs, ys, _ = GEOD.fwd(
        np.repeat(lons, segments), np.repeat(lats, segments), azimuths, np.full(count * segments, float(radius_m))
    )
    rings = np.stack([np.reshape(xs, (count, segments)), np.reshape(ys, (count, segments))], axis=-1)
    return list(shapely.polygons(rings)) if count else []


def geodesic_buffer(geometry: shapely.Geometry, radius_m: float) -> shapely.Geometry:
    """The area within ``radius_m`` of any geometry: a geodesic circle for a point, else through AEQD."""
    if geometry.geom_type == "Point":
        return geodesic_circle(geometry.x, geometry.y, radius_m)
    if radius_m <= 0:
        raise AnalysisError("A buffer needs a distance above 0, not {metres} m.", metres=radius_m)
    centre = geometry.centroid
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +ellps=WGS84 +units=m")
    forward = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    back = Transformer.from_crs(local, "EPSG:4326", always_xy=True)
    projected = shapely.transform(geometry, lambda xy: np.column_stack(forward.transform(xy[:, 0], xy[:, 1])))
    buffered = shapely.buffer(projected, radius_m, quad_segs=SEGMENTS // 4)
    return shapely.transform(buffered, lambda xy: np.column_stack(back.transform(xy[:, 0], xy[:, 1])))


def buffer_features(store: Store, layer: str, km: float, uuids: list[str] | None = None) -> list[Buffer]:
    """The ``km`` buffer of every feature of ``layer`` (or of the given uuids), for drawing."""
    wanted = set(uuids) if uuids is not None else None
    features = [
        f
        for f in store.features(layer)
        if f.geometry is not None and not f.geometry.is_empty and (wanted is None or f.uuid in wanted)
    ]
    points: list[tuple[str, Any]] = [
        (f.uuid, f.geometry) for f in features if f.geometry is not None and f.geometry.geom_type == "Point"
    ]
    circles = geodesic_circles(np.array([p.x for _, p in points]), np.array([p.y for _, p in points]), km * 1000)
    shapes = dict(zip((uuid for uuid, _ in points), circles, strict=True))
    buffers = []
    for feature in features:
        shape = shapes.get(feature.uuid) or geodesic_buffer(feature.geometry, km * 1000)
        name = feature.get("name") or feature.get("title") or feature.uuid
        buffers.append(Buffer(layer, feature.uuid, str(name), float(km), mapping(shape)))
    return buffers
