"""Measurements and spatial analysis: geodesic area and length, proximity, buffers, summaries, water areas.

Plain functions over a :class:`~baytak_desktop.store.Store` that return frozen dataclasses, so the CLI
prints them as JSON, the UI draws them, and tests compare them with an independent computation. No Qt.
Every distance and area is geodesic on the WGS84 ellipsoid (DESIGN.md: never degrees, never Web
Mercator).
"""

from baytak_desktop.analysis.base import AnalysisError, as_json
from baytak_desktop.analysis.buffers import Buffer, buffer_features, geodesic_buffer, geodesic_circle, geodesic_circles
from baytak_desktop.analysis.measures import FeatureMeasure, LayerMeasure, measure_layer, measure_layers
from baytak_desktop.analysis.proximity import Nearby, Neighbour, Pair, ProximityResult, proximity
from baytak_desktop.analysis.sources import PLACES, Site, load_sites
from baytak_desktop.analysis.summary import BranchSummary, Summary, summarize
from baytak_desktop.analysis.water import WaterArea, water_areas

__all__ = [
    "PLACES",
    "AnalysisError",
    "BranchSummary",
    "Buffer",
    "FeatureMeasure",
    "LayerMeasure",
    "Nearby",
    "Neighbour",
    "Pair",
    "ProximityResult",
    "Site",
    "Summary",
    "WaterArea",
    "as_json",
    "buffer_features",
    "geodesic_buffer",
    "geodesic_circle",
    "geodesic_circles",
    "load_sites",
    "measure_layer",
    "measure_layers",
    "proximity",
    "summarize",
    "water_areas",
]
