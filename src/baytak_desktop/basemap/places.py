"""The settlements of a store's OpenStreetMap basemaps: villages for the proximity analysis.

Natural Earth knows 96 towns in Kazakhstan; an OSM extract knows every village and hamlet, which is
what "which villages lie within 10 km of this sewage outflow" needs. Places come from every basemap
registered with the store that is present on this device, each once (by its OSM id).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyogrio

from baytak_desktop.basemap.osm_classes import SETTLEMENT_CLASSES
from baytak_desktop.basemap.registry import list_basemaps
from baytak_desktop.store import Store


@dataclass(frozen=True)
class Settlement:
    osm_id: str
    name: str
    name_kk: str | None
    name_ru: str | None
    place: str
    lon: float
    lat: float


def settlements(store: Store) -> list[Settlement]:
    """Cities, towns, villages, hamlets and farmsteads of the registered basemaps (empty if none)."""
    found: dict[str, Settlement] = {}
    classes = ", ".join(f"'{c}'" for c in SETTLEMENT_CLASSES)
    for basemap in list_basemaps(store):
        if not basemap.present:
            continue
        frame = pyogrio.read_dataframe(
            basemap.path,
            layer="osm_places",
            columns=["class", "name", "name_kk", "name_ru", "osm_id"],
            where=f"class IN ({classes})",
        )
        for row in frame.itertuples(index=False):
            names = [n for n in (row.name, row.name_ru, row.name_kk) if isinstance(n, str) and n]
            if not names or row.osm_id in found:
                continue
            found[row.osm_id] = Settlement(
                row.osm_id, names[0], _text(row.name_kk), _text(row.name_ru), row[0], row.geometry.x, row.geometry.y
            )
    return list(found.values())


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None
