"""Which towns are named first: a place rank, so the capital and the biggest cities are never crowded out.

Labels are placed greedily in priority order (``ui.paint.labels``): whoever comes first wins the space.
Sorting by population alone put Bishkek's name (a national capital) over Almaty's at country scale, and
Taraz and Kyzylorda got named while Almaty did not. The map is about Kazakhstan, so its own capital and
cities of republican significance come first, then its other big cities and regional centres, then the
neighbours' capitals, then every other town by population.
"""

from __future__ import annotations

import numpy as np

HOME_COUNTRY = "Kazakhstan"  # Natural Earth ``adm0name``
# The capital and the cities of republican significance (Natural Earth names), always named first.
REPUBLICAN_CITIES = ("Astana", "Almaty", "Shymkent")
BIG_CITY = 500_000

TIER_CAPITAL, TIER_REPUBLICAN, TIER_HOME_MAJOR, TIER_FOREIGN_CAPITAL, TIER_HOME_TOWN, TIER_OTHER = range(6)


def place_tiers(names: np.ndarray, countries: np.ndarray, kinds: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Each place's tier (0 first): the capital; the other republican cities; the home country's regional centres and big
    cities; national capitals abroad; the home country's other towns; everything else."""
    home = np.array([c == HOME_COUNTRY for c in countries], dtype=bool)
    capital = np.array([k == "Admin-0 capital" for k in kinds], dtype=bool)
    regional = np.array([k == "Admin-1 capital" for k in kinds], dtype=bool)
    republican = np.array([n in REPUBLICAN_CITIES for n in names], dtype=bool) & home
    tiers = np.full(len(names), TIER_OTHER, dtype=np.int64)
    tiers[home] = TIER_HOME_TOWN
    tiers[capital & ~home] = TIER_FOREIGN_CAPITAL
    tiers[home & (regional | capital | (population >= BIG_CITY))] = TIER_HOME_MAJOR
    tiers[republican] = TIER_REPUBLICAN
    tiers[home & capital] = TIER_CAPITAL
    return tiers


def rank_order(tiers: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Indices of the places in labelling order: by tier, then the most populous first."""
    return np.lexsort((-population, tiers))
