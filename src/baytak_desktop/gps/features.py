"""GPS positions and tracks as new features: "log the site here" and "the outline I walked".

Both return a ``store.edits.InsertFeature``, the same edit the feature form makes, so the UI puts it
on its undo stack and the CLI applies it with ``store.edits.apply``; validation, journal and sync are
those of any other edit. The accuracy goes into ``notes`` by the convention of :mod:`gps.notes`.

A walked outline becomes a polygon through all the points in order (segments joined: a pause to go
round an obstacle leaves no gap in the outline); ``simplify_m`` drops corners that stray less than
that many metres from the line (Douglas-Peucker in a local equidistant projection), which keeps the
outline and loses the jitter of a walker's steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Transformer

from baytak_desktop.errors import TrackError, ValidationError
from baytak_desktop.gps.averaging import AveragedPosition
from baytak_desktop.gps.fix import Fix
from baytak_desktop.gps.notes import position_note, track_note, with_note
from baytak_desktop.gps.track import track_length_m
from baytak_desktop.layers import Catalog, builtin_catalog, prepare
from baytak_desktop.layers.schema import LayerSchema
from baytak_desktop.store.edits import InsertFeature, polygon_from_vertices

LINE_TYPES = ("LINESTRING", "MULTILINESTRING")


def point_feature(
    layer: str,
    position: AveragedPosition,
    attributes: dict[str, Any] | None = None,
    *,
    user: str | None = None,
    catalog: Catalog | None = None,
) -> InsertFeature:
    """A new point at ``position`` with its accuracy line in the notes; ``catalog`` is the store's layers
    (the built-in ones when not given)."""
    _point_layer(catalog, layer)
    values = dict(attributes or {})
    values["notes"] = with_note(values.get("notes"), position_note(position))
    return InsertFeature(layer, values, shapely.Point(position.lon, position.lat), user=user)


def check_point_attributes(layer: str, attributes: dict[str, Any], catalog: Catalog | None = None) -> None:
    """Refuse, before the person stands still to average, what would be refused after: a layer that holds
    no points, a required field left out, a value out of its range."""
    schema = _point_layer(catalog, layer)
    problems = [p for p in prepare(schema, attributes, None).problems if p.severity == "error" and p.field != "geom"]
    if problems:
        raise ValidationError(problems)


def track_feature(
    layer: str,
    segments: Sequence[Sequence[Fix]],
    attributes: dict[str, Any] | None = None,
    *,
    simplify_m: float = 0.0,
    user: str | None = None,
    catalog: Catalog | None = None,
) -> InsertFeature:
    """A new polygon (the walked outline) or line (the walked way: a river bank, a canal) from a recorded
    track, into one of ``catalog``'s layers (a published line layer too)."""
    fixes = [f for segment in segments for f in segment if f.has_position]
    geometry = track_geometry((catalog or builtin_catalog()).layer(layer), segments, simplify_m)
    errors = [f.horizontal_error_m for f in fixes if f.horizontal_error_m is not None]
    times = [f.time for f in fixes if f.time is not None]
    note = track_note(
        len(fixes),
        track_length_m([list(s) for s in segments]),
        sum(errors) / len(errors) if errors else None,
        min(times, default=None),
        max(times, default=None),
    )
    values = dict(attributes or {})
    values["notes"] = with_note(values.get("notes"), note)
    return InsertFeature(layer, values, geometry, user=user)


def track_geometry(schema: LayerSchema, segments: Sequence[Sequence[Fix]], simplify_m: float = 0.0) -> shapely.Geometry:
    """The outline (MULTIPOLYGON layers) or the line (LINESTRING, MULTILINESTRING layers) of a track."""
    fixes = [f for segment in segments for f in segment if f.has_position]
    if schema.is_polygon:
        return shapely.MultiPolygon([_outline(fixes, simplify_m)])
    if schema.geometry_type in LINE_TYPES:
        lines = [_line(segment, simplify_m) for segment in segments if len(_dedupe(_points(segment))) > 1]
        if not lines:
            raise TrackError("The track has fewer than 2 points: walk on before saving it as a line.")
        return shapely.MultiLineString(lines) if schema.geometry_type == "MULTILINESTRING" else lines[0]
    raise TrackError(
        "{layer} holds points: use Add point at my position, or save the track into an outline layer.",
        layer=schema.name,
    )


def _point_layer(catalog: Catalog | None, layer: str) -> LayerSchema:
    schema = (catalog or builtin_catalog()).layer(layer)
    if schema.is_line:
        raise TrackError(
            "{layer} holds lines, not points: record a track along it and save the track into the layer.",
            layer=layer,
        )
    if schema.geometry_type != "POINT":
        raise TrackError(
            "{layer} holds outlines, not points: walk the outline and add a corner at your position instead.",
            layer=layer,
        )
    return schema


def _points(fixes: Sequence[Fix]) -> list[tuple[float, float]]:
    return [(f.lon, f.lat) for f in fixes if f.has_position]


def _outline(fixes: Sequence[Fix], simplify_m: float) -> shapely.Polygon:
    vertices = _dedupe(_points(fixes))
    if len(vertices) > 1 and vertices[0] == vertices[-1]:
        vertices.pop()
    polygon = polygon_from_vertices(vertices)
    if simplify_m > 0:
        simplified = _simplify(polygon, simplify_m)
        if isinstance(simplified, shapely.Polygon) and not simplified.is_empty:
            polygon = simplified
    return polygon


def _line(segment: Sequence[Fix], simplify_m: float) -> shapely.LineString:
    line = shapely.LineString(_dedupe(_points(segment)))
    if simplify_m > 0:
        simplified = _simplify(line, simplify_m)
        if isinstance(simplified, shapely.LineString) and len(simplified.coords) > 1:
            line = simplified
    return line


def _simplify(geometry: shapely.Geometry, tolerance_m: float) -> shapely.Geometry:
    centre = geometry.centroid
    local = CRS.from_proj4(f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m")
    there = Transformer.from_crs("EPSG:4326", local, always_xy=True)
    back = Transformer.from_crs(local, "EPSG:4326", always_xy=True)

    def through(transformer: Transformer) -> Callable[[np.ndarray], np.ndarray]:
        return lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))

    simplified = shapely.simplify(shapely.transform(geometry, through(there)), tolerance_m, preserve_topology=True)
    return shapely.transform(simplified, through(back))


def _dedupe(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    kept: list[tuple[float, float]] = []
    for point in points:
        if not kept or point != kept[-1]:
            kept.append(point)
    return kept
