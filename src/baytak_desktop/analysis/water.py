"""The area of the Aral and Caspian seas by year, from shorelines: how much the Aral shrank.

Two sources: the store's ``shorelines`` layer (what the party has mapped, any year) and the bundled
Natural Earth basemap (the Aral of the late 1950s from ``lakes_historic``, the Aral of the 2000s from
``lakes``, the Caspian from ``seas``). Where both have the same water body and year the store's outline
wins: it is the one the party can defend. Areas are geodesic km2 measured from the geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.layers.measure import area_m2
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store

STORE, BASEMAP = "store", "basemap"


@dataclass(frozen=True)
class WaterArea:
    water_body: str  # the vocabulary code: aral, caspian, other
    year: int
    observed_on: str
    area_km2: float
    source: str  # where the outline comes from, as the feature's source field says
    origin: str  # "store" or "basemap"
    uuid: str | None = None  # the shoreline feature, when it comes from the store


def water_areas(store: Store | None, basemap: Path | None = None, include_basemap: bool = True) -> list[WaterArea]:
    """Water area by water body and year, oldest first; store outlines first, basemap filling gaps."""
    found = {(a.water_body, a.year): a for a in (_from_store(store) if store is not None else [])}
    if include_basemap:
        for area in _from_basemap(basemap):
            found.setdefault((area.water_body, area.year), area)
    return sorted(found.values(), key=lambda a: (a.water_body, a.year, a.observed_on))


def _from_store(store: Store) -> list[WaterArea]:
    """One entry per water body and year; two outlines of one year (parts mapped apart) are added up."""
    merged: dict[tuple[str, int], WaterArea] = {}
    for feature in store.features("shorelines"):
        observed = str(feature.get("observed_on") or "")
        if len(observed) < 4 or not observed[:4].isdigit():
            continue
        key = (feature.get("water_body") or "other", int(observed[:4]))
        area = area_m2(feature.geometry) / 1e6
        if key in merged:
            area += merged[key].area_km2
        merged[key] = WaterArea(
            key[0], key[1], observed, round(area, 3), feature.get("source") or "", STORE, feature.uuid
        )
    return list(merged.values())


def _from_basemap(basemap: Path | None) -> list[WaterArea]:
    from baytak_desktop.demo import natural_earth_shorelines

    path = basemap or basemap_path()
    if not Path(path).exists():
        return []
    areas = []
    for feature in natural_earth_shorelines(path):
        observed = feature.attributes["observed_on"]
        areas.append(
            WaterArea(
                feature.attributes["water_body"],
                int(observed[:4]),
                observed,
                round(area_m2(feature.geometry) / 1e6, 3),
                feature.attributes["source"],
                BASEMAP,
            )
        )
    return areas
