"""Where the points of an analysis come from: a layer of the store, or the basemaps' settlements.

Proximity asks "which settlements lie within N km of each sewage outflow". The settlements are the
Natural Earth populated places bundled as the offline basemap (``places``: 96 towns in Kazakhstan),
the villages and hamlets of the OpenStreetMap basemaps registered with the store (``osm_places``:
the ~20 villages around Sorbulak are there), or any layer of the store.
A polygon feature (a quarry) stands in by a point on its surface: distances are between points.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyogrio
import shapely

from baytak_desktop.analysis.base import AnalysisError
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store

PLACES = "places"  # the basemap's populated places, not a store layer
OSM_PLACES = "osm_places"  # the settlements of the store's OpenStreetMap basemaps


@dataclass(frozen=True)
class Site:
    """One point of an analysis. ``id`` is the feature's uuid, or ``places/<row>`` for a basemap place."""

    layer: str
    id: str
    name: str
    lon: float
    lat: float


def load_sites(store: Store, source: str, basemap: Path | None = None) -> list[Site]:
    """The points of ``source``: ``places`` (the basemap), ``osm_places`` or the name of a store layer."""
    if source == PLACES:
        return basemap_places(basemap)
    if source == OSM_PLACES:
        return osm_places(store)
    if source not in store.catalog:
        raise AnalysisError(
            "There is no layer named {source!r}. Use {known}, places (the basemap's towns) or osm_places "
            "(the villages of the store's OpenStreetMap basemaps).",
            source=source,
            known=", ".join(store.catalog),
        )
    sites = []
    for feature in store.features(source):
        geometry = feature.geometry
        if geometry is None or geometry.is_empty:
            continue
        point = geometry if geometry.geom_type == "Point" else shapely.point_on_surface(geometry)
        name = feature.get("name") or feature.get("title") or feature.uuid
        sites.append(Site(source, feature.uuid, str(name), point.x, point.y))
    return sites


def basemap_places(basemap: Path | None = None) -> list[Site]:
    """The Natural Earth populated places of the bundled basemap (towns and cities, 1:10 million)."""
    path = basemap or basemap_path()
    if not Path(path).exists():
        raise AnalysisError(
            "The basemap {path} is missing, so there are no reference places; "
            "reinstall baytak-desktop or use a layer of the store.",
            path=str(path),
        )
    frame = pyogrio.read_dataframe(path, layer=PLACES, columns=["name"])
    return [
        Site(PLACES, f"{PLACES}/{row}", str(name), point.x, point.y)
        for row, (name, point) in enumerate(zip(frame["name"], frame.geometry, strict=True))
    ]


def osm_places(store: Store) -> list[Site]:
    """The settlements of the OpenStreetMap basemaps registered with the store."""
    from baytak_desktop.basemap.places import settlements

    found = settlements(store)
    if not found:
        raise AnalysisError(
            "No OpenStreetMap basemap with settlements is registered with this store on this device; "
            "add one with: baytak basemap add STORE FILE.osm.pbf"
        )
    return [Site(OSM_PLACES, f"{OSM_PLACES}/{s.osm_id}", s.name, s.lon, s.lat) for s in found]
