"""Photos as evidence: is a photo's EXIF position near the site, and its EXIF time near the observation?

A photo attached to a site is only evidence for that site if it was taken there and then. A picture
taken in China in 2024, or one from 2003, attached to a Karaganda quarry observed in December 2026 must
not be accepted silently: the form, the feature details and the dossier flag it with the distance and
the time difference. The limits are settings (``evidence/max_distance_km``, ``evidence/max_days``);
a photo without EXIF position or time is not flagged for what it lacks (the dossier says "not recorded").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import shapely
from pyproj import Geod

MAX_DISTANCE_KM = 1.0  # a quarry is up to a kilometre or two across; a photo of it is taken beside it
MAX_DAYS = 30  # a photo more than a month from the observation does not show that day's state
# The date a layer's site was seen on, in order of preference: the date a photo should be near.
OBSERVATION_FIELDS = ("observed_on", "last_sampled_on", "planted_on", "planned_on")
_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class PhotoCheck:
    """What is wrong with a photo as evidence of a site (nothing when both flags are False)."""

    distance_m: float | None  # from the photo's EXIF position to the site (0 inside it); None: no position
    days_apart: int | None  # EXIF date minus the observation date, in days; None: either is missing
    observed_on: str | None  # the date compared with
    far: bool = False
    off_date: bool = False

    @property
    def flagged(self) -> bool:
        return self.far or self.off_date


def observation_date(values: dict[str, Any]) -> str | None:
    """The site's observation date (YYYY-MM-DD) from the first of ``OBSERVATION_FIELDS`` that is set."""
    for name in OBSERVATION_FIELDS:
        value = values.get(name)
        if isinstance(value, str) and _date(value) is not None:
            return value[:10]
    return None


def distance_to_site_m(lon: float, lat: float, site: shapely.Geometry | None) -> float | None:
    """Geodesic metres from (lon, lat) to the nearest point of ``site`` (0 when inside it)."""
    if site is None or site.is_empty:
        return None
    point = shapely.Point(lon, lat)
    if site.covers(point):
        return 0.0
    nearest = shapely.get_coordinates(shapely.shortest_line(site, point))[0]
    _, _, metres = _GEOD.inv(lon, lat, float(nearest[0]), float(nearest[1]))
    return float(metres)


def check_photo(
    taken_at: str | None,
    lat: float | None,
    lon: float | None,
    site: shapely.Geometry | None,
    observed_on: str | None,
    max_distance_km: float = MAX_DISTANCE_KM,
    max_days: int = MAX_DAYS,
) -> PhotoCheck:
    """Flag a photo taken farther than ``max_distance_km`` from the site or more than ``max_days`` from
    the observation date (either way: a photo dated after the observation is as doubtful as before)."""
    distance = distance_to_site_m(lon, lat, site) if lat is not None and lon is not None else None
    taken, observed = _date(taken_at), _date(observed_on)
    days = (taken - observed).days if taken is not None and observed is not None else None
    return PhotoCheck(
        distance,
        days,
        observed_on if observed is not None else None,
        far=distance is not None and distance > max_distance_km * 1000.0,
        off_date=days is not None and abs(days) > max_days,
    )


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
