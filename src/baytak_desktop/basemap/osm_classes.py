"""What a field map keeps of OpenStreetMap, and at which scales each thing is worth drawing.

Each output table of a basemap (roads, railways, rivers, water, land cover, protected areas, buildings,
places) is fed by one layer of GDAL's OSM driver and has a ``class`` (a short code a style can key on,
not the raw OSM tag soup) and a ``max_scale``: the smallest scale (largest denominator) at which the
feature is drawn. Lines and places take it from their class, the way OSM's own styles decide what
shows at which zoom; polygons from their area, so a 1 km² lake shows at 1:900,000 and a village pond
only from 1:90,000 (see :func:`area_max_scale`). A style or QGIS then draws ``max_scale >= S`` at 1:S.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

# The four scale bands a field map is drawn at (QGIS and OSM styles look alike at these).
SCALE_BANDS = (500_000, 100_000, 20_000, 5_000)
# From this denominator on, the generalised *_low tables are drawn instead of the detailed ones.
LOW_DETAIL_FROM = 250_000
# Smallest polygon drawn: about 4 x 4 screen pixels of 0.28 mm (the OGC standard pixel).
_MIN_POLYGON_SIDE_M = 4 * 0.00028
_METRES_PER_DEGREE = 111_320.0

ROAD_CLASSES = {
    "motorway": ("motorway", "motorway_link"),
    "trunk": ("trunk", "trunk_link"),
    "primary": ("primary", "primary_link"),
    "secondary": ("secondary", "secondary_link"),
    "tertiary": ("tertiary", "tertiary_link"),
    "minor": ("unclassified", "residential", "living_street", "road"),
    "service": ("service",),
    "track": ("track",),
    "path": ("path", "footway", "cycleway", "bridleway", "steps", "pedestrian"),
}
ROAD_MAX_SCALE = {
    "motorway": 5_000_000,
    "trunk": 5_000_000,
    "primary": 2_000_000,
    "secondary": 1_000_000,
    "tertiary": 500_000,
    "minor": 150_000,
    "track": 50_000,
    "service": 25_000,
    # footways, cycleways, steps: from 1:8,000 (OSM-Carto's zoom 16), under the 1:10,000 where the
    # screen's tiles for 1:10,000-1:50,000 begin, so those never read them: in a town they are half the
    # roads and two thirds of their bytes, and at 1:20,000 they were a fog of red dashes over the blocks
    "path": 8_000,
}
RAILWAY_CLASSES = {"rail": ("rail", "narrow_gauge", "preserved"), "tram": ("light_rail", "tram", "subway", "monorail")}
RAILWAY_MAX_SCALE = {"rail": 5_000_000, "tram": 100_000}
WATERWAY_CLASSES = {
    "river": ("river",),
    "canal": ("canal",),
    "stream": ("stream", "brook"),
    "ditch": ("ditch", "drain"),
}
WATERWAY_MAX_SCALE = {"river": 2_000_000, "canal": 500_000, "stream": 100_000, "ditch": 25_000}
PLACE_MAX_SCALE = {
    "city": 10_000_000,
    "town": 2_000_000,
    "village": 500_000,
    "suburb": 250_000,
    "hamlet": 150_000,
    "quarter": 50_000,
    "neighbourhood": 50_000,
    "locality": 50_000,
    "isolated_dwelling": 25_000,
    "farm": 25_000,
}
SETTLEMENT_CLASSES = ("city", "town", "village", "hamlet", "isolated_dwelling", "farm")
BUILDING_MAX_SCALE = 25_000


def _lookup(classes: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {tag: code for code, tags in classes.items() for tag in tags}


_ROAD_OF, _RAIL_OF, _WATERWAY_OF = _lookup(ROAD_CLASSES), _lookup(RAILWAY_CLASSES), _lookup(WATERWAY_CLASSES)

# Land cover by (key, value) -> class; the first matching key wins, in this order.
LANDCOVER_TAGS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "landuse",
        {
            "forest": "forest",
            "quarry": "quarry",
            "landfill": "landfill",
            "farmland": "farmland",
            "farm": "farmland",
            "farmyard": "farmland",
            "orchard": "orchard",
            "vineyard": "orchard",
            "allotments": "farmland",
            "greenhouse_horticulture": "farmland",
            "meadow": "grass",
            "grass": "grass",
            "village_green": "grass",
            "residential": "residential",
            "industrial": "industrial",
            "commercial": "industrial",
            "retail": "industrial",
            "construction": "industrial",
            "railway": "industrial",
            "cemetery": "cemetery",
            "salt_pond": "wetland",
        },
    ),
    (
        "natural",
        {
            "wood": "forest",
            "scrub": "scrub",
            "heath": "scrub",
            "grassland": "grass",
            "sand": "sand",
            "beach": "sand",
            "dune": "sand",
            "bare_rock": "rock",
            "scree": "rock",
            "shingle": "rock",
            "glacier": "glacier",
            "wetland": "wetland",
        },
    ),
    ("leisure", {"park": "park", "garden": "park", "recreation_ground": "park"}),
    ("amenity", {"grave_yard": "cemetery"}),
)
WATER_KINDS = {"reservoir": "reservoir", "river": "river", "canal": "river", "oxbow": "lake", "pond": "pond"}
PROTECTED_NATIONAL_PARK = {"2"}  # IUCN category II
PROTECTED_RESERVE = {"1", "1a", "1b", "4"}


@dataclass(frozen=True)
class OsmTable:
    """One table of a basemap: fed by ``layer`` of the OSM driver, filtered, classed and ranked."""

    name: str
    layer: str  # the OSM driver's layer: points, lines or multipolygons
    geometry_type: str  # POINT, LINESTRING or MULTIPOLYGON
    title: str
    where: str  # an OGR SQL filter the driver applies before we see the rows
    classify: Callable[[pd.DataFrame], pd.Series]  # the class code, None to leave the row out
    max_scale: Callable[[pd.Series, np.ndarray], np.ndarray]  # from the classes and the areas (m², lines 0)
    generalised: bool = True  # also written simplified into <name>_low for small scales
    extra: tuple[str, ...] = ()  # columns kept besides the names: ref, population


def _by_class(table: dict[str, int]) -> Callable[[pd.Series, np.ndarray], np.ndarray]:
    def max_scale(classes: pd.Series, _areas: np.ndarray) -> np.ndarray:
        return np.asarray(classes.map(table).fillna(0), dtype=np.int64)

    return max_scale


def area_max_scale(areas_m2: np.ndarray, cap: int = 10_000_000) -> np.ndarray:
    """Largest denominator at which a polygon of this area still covers about 4 x 4 pixels."""
    side = np.sqrt(np.maximum(areas_m2, 0.0))
    return np.asarray(np.minimum(side / _MIN_POLYGON_SIDE_M, cap), dtype=np.int64)


def _by_area(cap: int) -> Callable[[pd.Series, np.ndarray], np.ndarray]:
    def max_scale(_classes: pd.Series, areas: np.ndarray) -> np.ndarray:
        return area_max_scale(areas, cap)

    return max_scale


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


def classify_roads(frame: pd.DataFrame) -> pd.Series:
    return _column(frame, "highway").map(_ROAD_OF)


def classify_railways(frame: pd.DataFrame) -> pd.Series:
    return _column(frame, "railway").map(_RAIL_OF)


def classify_waterways(frame: pd.DataFrame) -> pd.Series:
    return _column(frame, "waterway").map(_WATERWAY_OF)


def classify_places(frame: pd.DataFrame) -> pd.Series:
    return _column(frame, "place").where(_column(frame, "place").isin(PLACE_MAX_SCALE.keys()))


def classify_water(frame: pd.DataFrame) -> pd.Series:
    """natural=water (lake, reservoir, river by its water=* tag), reservoirs and basins, riverbanks."""
    kind = _column(frame, "water").map(WATER_KINDS).fillna("lake")
    natural, landuse, waterway = _column(frame, "natural"), _column(frame, "landuse"), _column(frame, "waterway")
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    out = out.mask(natural.eq("water"), kind)
    out = out.mask(landuse.isin(("reservoir", "basin")) & out.isna(), "reservoir")
    return out.mask(waterway.eq("riverbank") & out.isna(), "river")


def classify_landcover(frame: pd.DataFrame) -> pd.Series:
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    for key, values in LANDCOVER_TAGS:
        out = out.fillna(_column(frame, key).map(values))
    return out


def classify_protected(frame: pd.DataFrame) -> pd.Series:
    """National parks, nature reserves (zapovedniks) and other protected areas (IUCN protect_class)."""
    boundary, leisure, protect = _column(frame, "boundary"), _column(frame, "leisure"), _column(frame, "protect_class")
    out = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    out = out.mask(boundary.isin(("protected_area", "national_park")), "protected_area")
    out = out.mask(leisure.eq("nature_reserve") | (out.notna() & protect.isin(PROTECTED_RESERVE)), "nature_reserve")
    return out.mask(
        boundary.eq("national_park") | (out.notna() & protect.isin(PROTECTED_NATIONAL_PARK)), "national_park"
    )


def classify_buildings(frame: pd.DataFrame) -> pd.Series:
    building = _column(frame, "building")
    return building.where(building.notna() & building.ne("no")).map(lambda _: "building", na_action="ignore")


TABLES: tuple[OsmTable, ...] = (
    OsmTable(
        "osm_places",
        "points",
        "POINT",
        "Settlements and places",
        "place IS NOT NULL",
        classify_places,
        _by_class(PLACE_MAX_SCALE),
        generalised=False,
        extra=("population",),
    ),
    OsmTable(
        "osm_roads",
        "lines",
        "LINESTRING",
        "Roads by class",
        "highway IS NOT NULL",
        classify_roads,
        _by_class(ROAD_MAX_SCALE),
        extra=("ref",),
    ),
    OsmTable(
        "osm_railways",
        "lines",
        "LINESTRING",
        "Railways",
        "railway IS NOT NULL",
        classify_railways,
        _by_class(RAILWAY_MAX_SCALE),
    ),
    OsmTable(
        "osm_waterways",
        "lines",
        "LINESTRING",
        "Rivers, canals and streams",
        "waterway IS NOT NULL",
        classify_waterways,
        _by_class(WATERWAY_MAX_SCALE),
    ),
    OsmTable(
        "osm_water",
        "multipolygons",
        "MULTIPOLYGON",
        "Lakes, reservoirs and rivers",
        "natural = 'water' OR landuse IN ('reservoir', 'basin') OR waterway = 'riverbank'",
        classify_water,
        _by_area(10_000_000),
    ),
    OsmTable(
        "osm_landcover",
        "multipolygons",
        "MULTIPOLYGON",
        "Forests and land use",
        "landuse IS NOT NULL OR natural IS NOT NULL OR leisure IS NOT NULL OR amenity = 'grave_yard'",
        classify_landcover,
        _by_area(10_000_000),
    ),
    OsmTable(
        "osm_protected",
        "multipolygons",
        "MULTIPOLYGON",
        "Protected areas and nature reserves",
        "boundary IN ('protected_area', 'national_park') OR leisure = 'nature_reserve'",
        classify_protected,
        _by_area(10_000_000),
    ),
    OsmTable(
        "osm_buildings",
        "multipolygons",
        "MULTIPOLYGON",
        "Buildings",
        "building IS NOT NULL",
        classify_buildings,
        _by_area(BUILDING_MAX_SCALE),
        generalised=False,
    ),
)
NAME_COLUMNS = ("name", "name_kk", "name_ru")


def tables_of(layer: str) -> tuple[OsmTable, ...]:
    return tuple(t for t in TABLES if t.layer == layer)


def layer_filter(layer: str) -> str:
    """One driver filter for a layer: the union of its tables' filters, so a row is read once."""
    return " OR ".join(f"({t.where})" for t in tables_of(layer))


def local_name(names: dict[str, str | None], language: str) -> str | None:
    """The label in the UI language: for Kazakh name:kk, then name:ru, then name; for Russian name:ru,
    then name (in Kazakhstan the local name), then name:kk; other languages the plain name first."""
    return next((names[key] for key in label_order(language) if names.get(key)), None)


def label_order(language: str) -> tuple[str, ...]:
    """The name columns to try, in order, for labels in ``language``."""
    return {"kk": ("name_kk", "name_ru", "name"), "ru": ("name_ru", "name", "name_kk")}.get(
        language, ("name", "name_ru", "name_kk")
    )
