"""The store's OpenStreetMap basemaps in the web map: vector GeoJSON at the scale the page opens at.

The web map stays one offline file, so the basemap goes in as data, never as tiles: the features a
view of the page's opening extent shows at its scale (``osm_view.read_features``, the same choice as
the canvas and the print exhibit make: buildings only when the page opens on a few streets), one
Leaflet layer per class with the colours and widths of ``osm_style`` (roads with their casings),
settlements with their names in the page's language. Coordinates are rounded to about a metre.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from baytak_desktop.basemap import osm_style as style
from baytak_desktop.basemap.osm_view import FeatureSet, read_features
from baytak_desktop.exhibits.webmap_data import _rounded
from baytak_desktop.mapdata.reference import OSM, read_reference
from baytak_desktop.store import Store

Extent = tuple[float, float, float, float]
PAGE_WIDTH_PX = 1200  # the width a browser window gives the map, about
METRES_PER_PX = 0.0254 / 96
DECIMALS = 5  # about a metre
MOST_DETAILED = 5_000.0  # the page opens no closer than 1:5,000


@dataclass(frozen=True)
class OsmLayer:
    """One Leaflet layer of the OSM basemap: a class of one table, with its static style."""

    name: str
    collection: dict[str, Any]
    style: dict[str, Any]
    places: bool = False  # points with names: drawn as small circles with their name as a tooltip


def page_scale(extent: Extent) -> float:
    """The scale denominator of a page ``PAGE_WIDTH_PX`` wide that shows ``extent``."""
    west, south, east, _ = extent
    metres = (east - west) * 111_320.0 * math.cos(math.radians(south))
    return max(MOST_DETAILED, metres / PAGE_WIDTH_PX / METRES_PER_PX)


def osm_layers(store: Store, extent: Extent, lang: str) -> list[OsmLayer]:
    """The layers of every OSM basemap the store registers and this device has, bottom first."""
    scale = page_scale(extent)
    west, south, east, north = extent
    pad_x, pad_y = (east - west) / 2, (north - south) / 2
    bbox = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)  # room to pan a little
    layers: list[OsmLayer] = []
    for reference in read_reference(store):
        if reference.kind == OSM and reference.present:
            layers += _layers(read_features(reference.path, bbox, scale, lang), scale)
    return layers


def _layers(features: dict[str, FeatureSet], scale: float) -> list[OsmLayer]:
    band = style.band(scale)
    out: list[OsmLayer] = []
    for name, look in style.LANDCOVER.items():
        out += _areas(features.get("osm_landcover"), name, look)
    out += _areas(features.get("osm_protected"), None, style.PROTECTED)
    out += _areas(features.get("osm_water"), None, style.WATER)
    for name, line in style.WATERWAYS.items():
        out += _lines(features.get("osm_waterways"), name, line, band)
    out += _areas(features.get("osm_buildings"), None, style.BUILDINGS)
    roads = features.get("osm_roads")
    for name in style.ROAD_ORDER:
        out += _lines(roads, name, style.ROADS[name], band, casing=True)
    for name in style.ROAD_ORDER:
        out += _lines(roads, name, style.ROADS[name], band)
    for name in ("tram", "rail"):
        out += _lines(features.get("osm_railways"), name, style.RAILWAYS[name], band)
    out += _places(features.get("osm_places"))
    return out


def _collection(geometries: np.ndarray, names: list[str | None] | None = None) -> dict[str, Any]:
    shapes = _rounded(list(geometries), DECIMALS)
    names = names or [None] * len(shapes)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": g, "properties": {"name": n} if n else {}}
            for g, n in zip(shapes, names, strict=True)
        ],
    }


def _chosen(features: FeatureSet | None, name: str | None) -> np.ndarray:
    if features is None or not len(features):
        return np.empty(0, dtype=object)
    keep = ~shapely.is_missing(features.geometries)
    if name is not None:
        keep &= features.classes == name
    chosen: np.ndarray = features.geometries[keep]
    return chosen


def _areas(features: FeatureSet | None, name: str | None, look: style.AreaStyle) -> list[OsmLayer]:
    geometries = _chosen(features, name)
    if not len(geometries):
        return []
    css = {
        "stroke": look.outline is not None,
        "color": look.outline or look.fill,
        "weight": 0.6,
        "fillColor": look.fill,
        "fillOpacity": look.fill_alpha,
    }
    table = features.table if features is not None else ""
    return [OsmLayer(f"{table}:{name or 'all'}", _collection(geometries), css)]


def _lines(
    features: FeatureSet | None, name: str, look: style.LineStyle, band: int, casing: bool = False
) -> list[OsmLayer]:
    width = look.widths[band]
    if width <= 0 or (casing and (look.casing is None or width < 2.0)):
        return []
    geometries = _chosen(features, name)
    if not len(geometries):
        return []
    css: dict[str, Any] = {
        "color": look.casing if casing else look.colour,
        "weight": width + 2 * look.casing_px if casing else width,
        "lineCap": "round",
        "lineJoin": "round",
        "opacity": 1.0,
    }
    if look.dash and not casing:
        css["dashArray"] = " ".join(f"{d * width:g}" for d in look.dash)
    table = features.table if features is not None else ""
    return [OsmLayer(f"{table}:{name}{':casing' if casing else ''}", _collection(geometries), css)]


def _places(features: FeatureSet | None) -> list[OsmLayer]:
    if features is None or not len(features):
        return []
    named = np.array([isinstance(n, str) and n != "" for n in features.labels], dtype=bool)
    named &= ~shapely.is_missing(features.geometries)
    if not named.any():
        return []
    ranks = np.array([style.place_rank(c) for c in features.classes[named]])
    order = np.argsort(ranks, kind="stable")
    geometries = shapely.centroid(features.geometries[named][order])
    names: list[str | None] = [str(n) for n in features.labels[named][order]]
    css = {"radius": 3, "color": "#ffffff", "weight": 1, "fillColor": "#3a3a3a", "fillOpacity": 1.0}
    return [OsmLayer("osm_places", _collection(geometries, names), css, places=True)]
