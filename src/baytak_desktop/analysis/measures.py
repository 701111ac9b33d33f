"""Geodesic area and length of features and layers, through layers.measure (pyproj.Geod on WGS84).

The stored ``area_ha`` / ``area_km2`` are derived when the app saves a feature, but a feature edited in
QGIS may carry a stale value; an analysis measures the geometry itself, so its numbers are the ones an
auditor re-computing them would get.
"""

from __future__ import annotations

from dataclasses import dataclass

from baytak_desktop.layers.measure import area_m2, length_m
from baytak_desktop.store import Store


@dataclass(frozen=True)
class FeatureMeasure:
    layer: str
    uuid: str
    area_km2: float  # 0 for points
    length_km: float  # perimeter of a polygon; 0 for points


@dataclass(frozen=True)
class LayerMeasure:
    layer: str
    features: int
    area_km2: float
    area_ha: float
    perimeter_km: float


def measure_layer(store: Store, layer: str) -> tuple[LayerMeasure, list[FeatureMeasure]]:
    """The total and the per-feature geodesic measures of one layer."""
    measured = [
        FeatureMeasure(layer, f.uuid, area_m2(f.geometry) / 1e6, length_m(f.geometry) / 1000)
        for f in store.features(layer)
    ]
    area = sum(m.area_km2 for m in measured)
    total = LayerMeasure(
        layer, len(measured), round(area, 6), round(area * 100, 4), round(sum(m.length_km for m in measured), 4)
    )
    return total, measured


def measure_layers(store: Store) -> list[LayerMeasure]:
    """The totals of every polygon and line layer (points have no area and no length)."""
    return [measure_layer(store, name)[0] for name, schema in store.catalog.items() if not schema.is_point]
