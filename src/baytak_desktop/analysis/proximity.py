"""Which sites of one set lie within N km of each site of another: outflows and the settlements they harm.

Distances are geodesic (pyproj.Geod.inv on WGS84). Pairs are found by a conservative window first
(latitude band from the sorted targets, then a longitude band wide enough for any point within the
distance), and only the candidates are measured, so 10,000 x 10,000 sites take a moment rather than
10^8 inverse geodesic problems. The window can only let extra candidates in; the geodesic distance
decides, which is what the brute-force test checks.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from baytak_desktop.analysis.base import AnalysisError
from baytak_desktop.analysis.sources import Site, load_sites
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.layers.measure import GEOD
from baytak_desktop.store import Store

POLAR_RADIUS_KM = 6356.752  # the smallest radius of curvature bound: gives the widest (safe) window
MERIDIAN_DEGREE_KM = 110.574  # the shortest degree of latitude (at the equator)


@dataclass(frozen=True)
class Pair:
    from_id: str
    to_id: str
    distance_km: float


@dataclass(frozen=True)
class Neighbour:
    id: str
    name: str
    distance_km: float


@dataclass(frozen=True)
class Nearby:
    """One site and the sites of the other set within the distance, nearest first."""

    site: Site
    within: tuple[Neighbour, ...]


@dataclass(frozen=True)
class ProximityResult:
    """``by_from``: every source site with what lies near it; ``by_to``: the reverse, only sites with any."""

    from_layer: str
    to_layer: str
    km: float
    pairs: tuple[Pair, ...]
    by_from: tuple[Nearby, ...]
    by_to: tuple[Nearby, ...]


def proximity(
    store: Store,
    from_layer: str,
    to_layer: str,
    km: float,
    basemap: Path | None = None,
    progress: Progress | None = None,
) -> ProximityResult:
    """Every (from, to) pair of sites at most ``km`` apart, and both groupings of them."""
    if not (isinstance(km, (int, float)) and math.isfinite(km) and km >= 0):
        raise AnalysisError("The distance must be a number of kilometres, 0 or more, not {km}.", km=km)
    sources = load_sites(store, from_layer, basemap)
    targets = load_sites(store, to_layer, basemap)
    pairs = pairs_within(sources, targets, km, progress)
    return ProximityResult(
        from_layer,
        to_layer,
        float(km),
        tuple(pairs),
        _group(sources, targets, pairs, reverse=False),
        _group(targets, sources, pairs, reverse=True),
    )


def pairs_within(sources: list[Site], targets: list[Site], km: float, progress: Progress | None = None) -> list[Pair]:
    """The pairs at most ``km`` apart, ordered by source then distance."""
    progress = progress or NullProgress()
    if not targets:
        return []
    order = np.argsort([t.lat for t in targets], kind="stable")
    lats = np.array([targets[i].lat for i in order])
    lons = np.array([targets[i].lon for i in order])
    pairs: list[Pair] = []
    for done, source in enumerate(sources):
        if done % 256 == 0:
            progress.update(done / max(len(sources), 1), Phase("Measuring distances…"))
        candidates = _candidates(source, lats, lons, km)
        if candidates.size == 0:
            continue
        count = candidates.size
        _, _, metres = GEOD.inv(
            np.full(count, source.lon), np.full(count, source.lat), lons[candidates], lats[candidates]
        )
        found = sorted(
            (float(d) / 1000, targets[order[c]].id) for c, d in zip(candidates, metres, strict=True) if d <= km * 1000
        )
        pairs += [Pair(source.id, target_id, round(distance, 3)) for distance, target_id in found]
    progress.update(1.0, Phase("Distances measured"))
    return pairs


def _candidates(source: Site, lats: np.ndarray, lons: np.ndarray, km: float) -> np.ndarray:
    """Indices (into the lat-sorted arrays) of targets that may lie within ``km``: never misses one."""
    dlat = km / MERIDIAN_DEGREE_KM * 1.01 + 1e-9
    low = int(np.searchsorted(lats, source.lat - dlat, side="left"))
    high = int(np.searchsorted(lats, source.lat + dlat, side="right"))
    index = np.arange(low, high)
    widest = min(90.0, abs(source.lat) + dlat)
    angle = km / POLAR_RADIUS_KM
    cos_lat = math.cos(math.radians(widest))
    if widest >= 89.0 or angle >= math.pi / 2 or math.sin(angle) >= cos_lat:
        return index  # near a pole or a huge distance: every longitude may be close enough
    dlon = math.degrees(math.asin(math.sin(angle) / cos_lat)) * 1.05 + 1e-9
    gap = np.abs((lons[index] - source.lon + 180.0) % 360.0 - 180.0)
    return index[gap <= dlon]


def _group(first: list[Site], second: list[Site], pairs: list[Pair], reverse: bool) -> tuple[Nearby, ...]:
    """Sites of ``first`` with their neighbours from ``second``; in reverse, only those with any."""
    names = {s.id: s.name for s in second}
    near: dict[str, list[Neighbour]] = defaultdict(list)
    for pair in pairs:
        mine, other = (pair.to_id, pair.from_id) if reverse else (pair.from_id, pair.to_id)
        near[mine].append(Neighbour(other, names[other], pair.distance_km))
    grouped = [
        Nearby(site, tuple(sorted(near.get(site.id, []), key=lambda n: (n.distance_km, n.id)))) for site in first
    ]
    return tuple(g for g in grouped if g.within or not reverse)
