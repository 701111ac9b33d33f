"""Demo data: the seed places of DESIGN.md ("Who uses it") written into a store.

A new user, a screenshot, an exhibit template or a test needs a store with something in every layer
that looks like Baytak's real work: the illegal quarries of Ile district, the closed brick factories at
Narynkol and Besagash, Sorbulak and the settlements Almaty's sewage harms, tree plantings in Almaty and
Astana, cleanup days on the Kapchagay reservoir, air pollution at Temirtau, and the shrinking Aral Sea.

The positions, dates and figures of the seed places are approximate: every such feature's ``notes``
starts with :data:`ILLUSTRATIVE` (or its Kazakh or Russian, :data:`ILLUSTRATIVE_MARKS`: names and notes
are written in the language of whoever makes the store) so nobody mistakes demo data for evidence. The shorelines are real
(Natural Earth, public domain, generalised at 1:10 million) and say so in their ``source``.

A demo store is a demo for good (issue 14): the store is marked, every feature gets a demo uuid
(``layers.demo_identity``), and the features are written with the journal standing still, so they are
not "edits not yet synced". Sync refuses the store, the sync client and the server refuse the features
wherever they are copied to.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pyogrio
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from baytak_desktop.demo_texts import TEXT_FIELDS, illustrative_marks, in_language
from baytak_desktop.jobs import NullProgress, Phase, Progress
from baytak_desktop.layers import LAYERS
from baytak_desktop.layers.demo_identity import ILLUSTRATIVE, demo_uuid
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store

ILLUSTRATIVE_MARKS = illustrative_marks()  # the same first sentence in English, Kazakh and Russian
ALSO_ILLUSTRATIVE = "Dates and figures are illustrative too."
DEMO_USER = "demo"
METRES_PER_DEGREE = 111_320.0  # along a meridian; good to ~1 % for shaping a patch a few hundred m wide


# -- the seed places -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Patch:
    """A roughly elliptical, irregular polygon: how a quarry pit or a stretch of shore looks from above.

    Sites are described by centre, size and orientation instead of hand-digitised vertices, so the seed
    list stays readable; ``seed`` makes the irregular outline the same on every build.
    """

    lon: float
    lat: float
    length_m: float
    width_m: float
    bearing: float = 0.0  # direction of the long axis, degrees clockwise from north
    seed: int = 0


@dataclass(frozen=True)
class Site:
    """One seed feature: layer, where (a (lon, lat) point or the patches of a polygon), note, attributes."""

    layer: str
    where: tuple[float, float] | tuple[Patch, ...]
    note: str
    attributes: dict[str, Any]


class DemoFeature(NamedTuple):
    layer: str
    attributes: dict[str, Any]
    geometry: shapely.Geometry


QUARRIES: tuple[Site, ...] = (
    Site(
        "quarries",
        (Patch(76.858, 43.462, 330, 210, 35, seed=11), Patch(76.864, 43.4585, 170, 130, 80, seed=12)),
        "Two sand and gravel pits dug without a licence at Abat, Ile district; trucks leave at night.",
        {
            "name": "Abat sand and gravel pits",
            "status": "illegal",
            "legal_status": "unlicensed",
            "branch": "almaty_region",
            "observed_on": "2025-05-14",
        },
    ),
    Site(
        "quarries",
        (Patch(76.902, 43.562, 380, 240, 120, seed=21),),
        "Unlicensed gravel pit on the Karaoy plateau, Ile district, cutting into pasture.",
        {
            "name": "Karaoy gravel pit",
            "status": "illegal",
            "legal_status": "unlicensed",
            "branch": "almaty_region",
            "observed_on": "2025-06-02",
        },
    ),
    Site(
        "quarries",
        (Patch(76.925, 43.575, 200, 150, 10, seed=31),),
        "Old borrow pit near Karaoy, left open after road works; nobody claims it.",
        {
            "name": "Karaoy old borrow pit",
            "status": "abandoned",
            "legal_status": "unknown",
            "branch": "almaty_region",
            "observed_on": "2024-10-19",
        },
    ),
    Site(
        "quarries",
        (Patch(77.005, 43.902, 420, 300, 60, seed=41),),
        "Licensed sand quarry west of Konaev; check that it stays inside its licensed boundary.",
        {
            "name": "Konaev west sand quarry",
            "status": "active",
            "legal_status": "licensed",
            "operator": "Demo Sand LLP (fictitious)",
            "license_no": "DEMO-ALM-0001",
            "branch": "almaty_region",
            "observed_on": "2025-04-27",
        },
    ),
    Site(
        "quarries",
        (Patch(77.121, 43.503, 260, 200, 150, seed=51),),
        "Worked-out gravel pit beside the Almaty-Konaev highway, being backfilled and sown with grass.",
        {
            "name": "Highway gravel pit (restoration)",
            "status": "under_restoration",
            "legal_status": "licensed",
            "operator": "Demo Gravel LLP (fictitious)",
            "license_no": "DEMO-ALM-0002",
            "branch": "almaty_region",
            "observed_on": "2024-09-10",
        },
    ),
)

BRICK_FACTORIES: tuple[Site, ...] = (
    Site(
        "brick_factories",
        (80.170, 42.720),
        "Brick works at Narynkol, Raiymbek district, closed after residents' complaints about smoke.",
        {
            "name": "Narynkol brick factory",
            "status": "closed",
            "closed_on": "2022-05-01",
            "emissions_note": "Coal-fired kilns; smoke over the village in still winter air.",
            "branch": "almaty_region",
            "observed_on": "2025-07-18",
        },
    ),
    Site(
        "brick_factories",
        (77.060, 43.300),
        "Brick works at Besagash, Talgar district, on the eastern edge of Almaty.",
        {
            "name": "Besagash brick factory",
            "status": "closed",
            "closed_on": "2023-11-15",
            "emissions_note": "Kilns fired with coal and waste oil until closure.",
            "branch": "almaty_region",
            "observed_on": "2025-03-09",
        },
    ),
    Site(
        "brick_factories",
        (76.845, 43.352),
        "Operating brick works near Boraldai, north-west of Almaty; smoke drifts over the city in winter.",
        {
            "name": "Boraldai brick factory",
            "status": "operating",
            "operator": "Demo Brick LLP (fictitious)",
            "emissions_note": "Gas-fired since 2021; dust from the clay yard.",
            "branch": "almaty_region",
            "observed_on": "2025-02-21",
        },
    ),
)

SEWAGE_OUTFLOWS: tuple[Site, ...] = (
    Site(
        "sewage_outflows",
        (76.605, 43.655),
        "Inflow of Almaty's wastewater into Sorbulak, the storage lake in Ile district; about 20 "
        "settlements around the lake and along the Kaskelen and Kurty rivers are affected.",
        {
            "name": "Sorbulak storage lake inflow",
            "receiving_water": "Sorbulak (wastewater storage lake)",
            "discharge": "partly_treated",
            "flow_m3_day": 450_000,
            "affected_settlements": 20,
            "status": "active",
            "branch": "almaty_region",
            "last_sampled_on": "2025-08-12",
        },
    ),
    Site(
        "sewage_outflows",
        (76.900, 43.392),
        "Outflow of Almaty's wastewater treatment plant into the canal that carries it to Sorbulak.",
        {
            "name": "Almaty treatment plant outflow",
            "receiving_water": "Canal to Sorbulak",
            "discharge": "treated",
            "flow_m3_day": 500_000,
            "affected_settlements": 3,
            "status": "active",
            "branch": "almaty",
            "last_sampled_on": "2025-08-12",
        },
    ),
    Site(
        "sewage_outflows",
        (77.100, 43.872),
        "Wastewater outflow of Konaev (the former Kapchagay) at the western end of the reservoir.",
        {
            "name": "Konaev wastewater outflow",
            "receiving_water": "Kapchagay reservoir (Ili)",
            "discharge": "partly_treated",
            "flow_m3_day": 18_000,
            "affected_settlements": 2,
            "status": "active",
            "branch": "almaty_region",
            "last_sampled_on": "2025-07-03",
        },
    ),
    Site(
        "sewage_outflows",
        (76.930, 43.240),
        "Storm drain into the Esentai river in Almaty, reconnected to the sewer after a Baytak complaint.",
        {
            "name": "Esentai storm drain",
            "receiving_water": "Esentai river",
            "discharge": "storm",
            "status": "eliminated",
            "branch": "almaty",
            "last_sampled_on": "2024-11-05",
        },
    ),
    Site(
        "sewage_outflows",
        (72.930, 50.040),
        "Industrial and municipal wastewater of Temirtau into the Nura; the town also suffers the air "
        "pollution of the steel works.",
        {
            "name": "Temirtau outflow to the Nura",
            "receiving_water": "Nura river",
            "discharge": "partly_treated",
            "flow_m3_day": 60_000,
            "affected_settlements": 6,
            "status": "active",
            "branch": "karaganda",
            "last_sampled_on": "2025-06-20",
        },
    ),
    Site(
        "sewage_outflows",
        (71.370, 51.120),
        "Outflow of Astana's treatment plant into the storage ponds west of the city.",
        {
            "name": "Astana treatment plant outflow",
            "receiving_water": "Storage ponds west of Astana",
            "discharge": "treated",
            "flow_m3_day": 250_000,
            "affected_settlements": 1,
            "status": "active",
            "branch": "astana",
            "last_sampled_on": "2025-09-02",
        },
    ),
)

# place, branch, lon, lat, species, trees, planted_on, status, survival %, organizer
PLANTINGS: tuple[tuple[str, str, float, float, str, int, str, str, float | None, str], ...] = (
    ("Central Park, Almaty", "almaty", 76.972, 43.262, "elm", 40, "2025-03-22", "verified", 88, "Baytak Almaty"),
    ("Central Park, Almaty", "almaty", 76.975, 43.264, "maple", 25, "2025-04-12", "planted", None, "Baytak Almaty"),
    (
        "Main Botanical Garden, Almaty",
        "almaty",
        76.911,
        43.221,
        "sievers_apple",
        60,
        "2025-04-05",
        "verified",
        92,
        "Baytak Almaty with the Botanical Garden",
    ),
    (
        "Main Botanical Garden, Almaty",
        "almaty",
        76.915,
        43.223,
        "oak",
        15,
        "2025-10-11",
        "planted",
        None,
        "Baytak Almaty",
    ),
    ("Baum Grove, Almaty", "almaty", 76.985, 43.304, "ash", 80, "2025-04-19", "verified", 76, "Baytak Almaty"),
    ("Baum Grove, Almaty", "almaty", 76.988, 43.301, "poplar", 30, "2025-05-17", "lost", 0, "Neighbourhood volunteers"),
    (
        "First President's Park, Almaty",
        "almaty",
        76.885,
        43.188,
        "pine",
        50,
        "2025-09-27",
        "planted",
        None,
        "School No. 1 eco-club (demo)",
    ),
    (
        "Sairan lake promenade, Almaty",
        "almaty",
        76.875,
        43.239,
        "willow",
        35,
        "2025-06-07",
        "verified",
        81,
        "Baytak Almaty",
    ),
    ("Esentai river bank, Almaty", "almaty", 76.928, 43.219, "elm", 45, "2025-10-04", "planted", None, "Baytak Almaty"),
    (
        "Esentai river bank, Almaty",
        "almaty",
        76.931,
        43.226,
        "maple",
        40,
        "2027-04-10",
        "planned",
        None,
        "Baytak Almaty",
    ),
    ("Central Park, Astana", "astana", 71.414, 51.157, "birch", 60, "2025-05-10", "verified", 85, "Baytak Astana"),
    ("Central Park, Astana", "astana", 71.419, 51.155, "spruce", 20, "2025-09-20", "planted", None, "Baytak Astana"),
    (
        "Botanical Garden, Astana",
        "astana",
        71.417,
        51.106,
        "larch",
        30,
        "2025-05-24",
        "verified",
        79,
        "Baytak Astana with the Botanical Garden",
    ),
    ("Presidential Park, Astana", "astana", 71.449, 51.118, "elm", 50, "2025-06-14", "planted", None, "Baytak Astana"),
    (
        "Green belt west of Astana",
        "astana",
        71.220,
        51.140,
        "pine",
        400,
        "2025-04-26",
        "verified",
        71,
        "Baytak Astana with the forestry service",
    ),
    ("Green belt west of Astana", "astana", 71.205, 51.146, "birch", 300, "2025-05-03", "lost", 12, "Baytak Astana"),
    (
        "Green belt south of Astana",
        "astana",
        71.400,
        51.050,
        "elm",
        250,
        "2025-10-18",
        "planted",
        None,
        "Baytak Astana with the forestry service",
    ),
    (
        "Green belt south of Astana",
        "astana",
        71.412,
        51.046,
        "pine",
        500,
        "2027-05-08",
        "planned",
        None,
        "Baytak Astana",
    ),
    (
        "Green buffer by the steel works, Temirtau",
        "karaganda",
        73.000,
        50.062,
        "poplar",
        120,
        "2025-04-15",
        "verified",
        64,
        "Baytak Karaganda",
    ),
    (
        "Green buffer by the steel works, Temirtau",
        "karaganda",
        73.004,
        50.066,
        "elm",
        150,
        "2025-10-08",
        "planted",
        None,
        "Baytak Karaganda",
    ),
)

CLEANUP_PLANS: tuple[Site, ...] = (
    Site(
        "cleanup_plans",
        (Patch(77.125, 43.8615, 1200, 120, 60, seed=61), Patch(77.178, 43.826, 2200, 150, 88, seed=62)),
        "Two beaches on the south shore of the Kapchagay reservoir near Konaev, littered after the summer.",
        {
            "title": "Kapchagay reservoir beaches, Konaev",
            "planned_on": "2025-09-13",
            "volunteers_needed": 80,
            "status": "done",
            "waste_collected_kg": 3_200,
            "contact": "konaev-cleanup@example.org",
            "branch": "almaty_region",
        },
    ),
    Site(
        "cleanup_plans",
        (Patch(77.045, 43.964, 1500, 120, 335, seed=71),),
        "Left bank of the Ili below the Kapchagay dam: fishermen's camps and dumped tyres.",
        {
            "title": "Ili river bank below the dam",
            "planned_on": "2025-06-21",
            "volunteers_needed": 40,
            "status": "done",
            "waste_collected_kg": 1_450,
            "contact": "ili-cleanup@example.org",
            "branch": "almaty_region",
        },
    ),
    Site(
        "cleanup_plans",
        (Patch(76.620, 43.670, 1600, 200, 0, seed=81),),
        "East shore of Sorbulak: plastic and fishing litter; gloves and masks needed.",
        {
            "title": "Sorbulak east shore",
            "planned_on": "2027-05-15",
            "volunteers_needed": 60,
            "status": "planned",
            "contact": "sorbulak-cleanup@example.org",
            "branch": "almaty_region",
        },
    ),
    Site(
        "cleanup_plans",
        (Patch(77.035, 43.445, 3000, 60, 10, seed=91),),
        "Roadside of the Almaty-Konaev highway north of Otegen Batyr, the Ile district centre.",
        {
            "title": "Highway roadside, Otegen Batyr",
            "planned_on": "2027-04-17",
            "volunteers_needed": 30,
            "status": "planned",
            "contact": "ile-cleanup@example.org",
            "branch": "almaty_region",
        },
    ),
    Site(
        "cleanup_plans",
        (Patch(77.140, 43.875, 900, 100, 70, seed=101),),
        "Konaev town shore; cancelled because of the spring high water, to be planned again.",
        {
            "title": "Konaev town shore",
            "planned_on": "2026-05-16",
            "volunteers_needed": 25,
            "status": "cancelled",
            "contact": "konaev-cleanup@example.org",
            "branch": "almaty_region",
        },
    ),
)


def patch_polygon(patch: Patch, vertices: int = 16) -> Polygon:
    """An irregular outline around the patch's centre.

    Each vertex lies on the ellipse at a jittered parameter angle, pulled in or out by a random factor;
    the angles increase monotonically, so the ring is star-shaped around the centre and never crosses
    itself: always a valid polygon.
    """
    rng = random.Random(patch.seed)
    half_length, half_width = patch.length_m / 2, patch.width_m / 2
    axis = math.radians(patch.bearing)
    metres_per_degree_lon = METRES_PER_DEGREE * math.cos(math.radians(patch.lat))
    ring = []
    for i in range(vertices):
        t = (i + rng.uniform(-0.3, 0.3)) * 2 * math.pi / vertices
        scale = 1 + rng.uniform(-0.2, 0.12)
        along, across = half_length * math.cos(t) * scale, half_width * math.sin(t) * scale
        east = along * math.sin(axis) + across * math.cos(axis)
        north = along * math.cos(axis) - across * math.sin(axis)
        ring.append(
            (round(patch.lon + east / metres_per_degree_lon, 6), round(patch.lat + north / METRES_PER_DEGREE, 6))
        )
    return Polygon(ring)


def site_geometry(site: Site) -> shapely.Geometry:
    """A Point for (lon, lat), a MultiPolygon for a tuple of patches."""
    if site.where and isinstance(site.where[0], Patch):
        return MultiPolygon([patch_polygon(p) for p in site.where])
    lon, lat = site.where
    return Point(lon, lat)


def planting_sites(rows: Iterable[tuple[Any, ...]] = PLANTINGS) -> Iterator[Site]:
    """The planting table as sites (a table is easier to read and extend than twenty Site(...) calls)."""
    for place, branch, lon, lat, species, trees, planted_on, status, survival, organizer in rows:
        yield Site(
            "tree_plantings",
            (lon, lat),
            f"{place}.",
            {
                "species": species,
                "tree_count": trees,
                "planted_on": planted_on,
                "status": status,
                "survival_rate": survival,
                "organizer": organizer,
                "branch": branch,
            },
        )


def seed_sites() -> list[Site]:
    return [*QUARRIES, *BRICK_FACTORIES, *SEWAGE_OUTFLOWS, *planting_sites(), *CLEANUP_PLANS]


def seed_features(lang: str = "en") -> list[DemoFeature]:
    """Every seed place as a feature, its notes marked illustrative; names and notes in ``lang``."""
    return [
        DemoFeature(
            s.layer,
            in_language_attributes(
                {
                    **s.attributes,
                    "notes": " ".join(in_language(t, lang) for t in (ILLUSTRATIVE, s.note, ALSO_ILLUSTRATIVE)),
                },
                lang,
            ),
            site_geometry(s),
        )
        for s in seed_sites()
    ]


def in_language_attributes(attributes: dict[str, Any], lang: str) -> dict[str, Any]:
    """The free-text fields (names, operators, notes about emissions…) in ``lang``; codes stay codes."""
    return {k: in_language(v, lang) if k in TEXT_FIELDS and isinstance(v, str) else v for k, v in attributes.items()}


# -- the shorelines (real, from Natural Earth) ---------------------------------------------------------
ARAL_BEFORE = "The Aral Sea before the Amu Darya and Syr Darya were diverted for irrigation."
ARAL_NOW = "The remnants of the Aral Sea (North and South Aral) as Natural Earth shows them."
ARAL_NAME = re.compile(r"\bAral\b", re.IGNORECASE)  # a word: "Ozero Maraldy" must not match


def natural_earth_shorelines(path: Path | None = None, lang: str = "en") -> list[DemoFeature]:
    """The Aral Sea of the late 1950s and of the 2000s, and the Caspian Sea, from the bundled basemap.

    These are the Aral and Caspian exhibits' before-and-after: the store measures their area
    geodesically (area_km2), which is how an expert shows how much the Aral shrank.
    """
    path = path or basemap_path()
    historic = pyogrio.read_dataframe(path, layer="lakes_historic")
    lakes = pyogrio.read_dataframe(path, layer="lakes")
    seas = pyogrio.read_dataframe(path, layer="seas")
    aral_now = lakes[
        lakes["name"].fillna("").str.contains(ARAL_NAME) | lakes["name_alt"].fillna("").str.contains(ARAL_NAME)
    ]
    caspian = seas[seas["name"].fillna("").str.contains("Caspian", case=False)]
    if aral_now.empty or historic.empty or caspian.empty:
        raise ValueError(f"{path} lacks the Aral Sea or the Caspian Sea; is it the Natural Earth basemap?")
    note = in_language(
        "Natural Earth (public domain), generalised at 1:10 million; the outline is the shoreline.", lang
    )
    return [
        DemoFeature(
            "shorelines",
            {
                "water_body": "aral",
                "observed_on": "1960-01-01",
                "branch": "kyzylorda",
                "source": in_language("Natural Earth ne_10m_lakes_historic (Aral Sea, late 1950s)", lang),
                "notes": f"{in_language(ARAL_BEFORE, lang)} {note}",
            },
            as_multipolygon(historic.geometry),
        ),
        DemoFeature(
            "shorelines",
            {
                "water_body": "aral",
                "observed_on": "2010-01-01",
                "branch": "kyzylorda",
                "source": in_language(
                    "Natural Earth ne_10m_lakes (Aral Sea; Natural Earth represents the 2000s)", lang
                ),
                "notes": f"{in_language(ARAL_NOW, lang)} {note}",
            },
            as_multipolygon(aral_now.geometry),
        ),
        DemoFeature(
            "shorelines",
            {
                "water_body": "caspian",
                "observed_on": "2010-01-01",
                "branch": "atyrau",
                "source": in_language("Natural Earth ne_10m_geography_marine_polys (Caspian Sea)", lang),
                "notes": f"{in_language('The Caspian Sea.', lang)} {note}",
            },
            as_multipolygon(caspian.geometry),
        ),
    ]


def as_multipolygon(geometries: Iterable[shapely.Geometry]) -> MultiPolygon:
    """One valid 2D MultiPolygon from polygon parts: what the polygon layers accept.

    Natural Earth polygons may touch or overlap where parts meet, or carry a Z; the store refuses
    invalid geometry, so parts are unioned, repaired and flattened here.
    """
    merged = shapely.make_valid(shapely.force_2d(shapely.union_all(list(geometries))))
    polygons = [g for g in shapely.get_parts(merged) if g.geom_type in ("Polygon", "MultiPolygon")]
    parts = [p for g in polygons for p in shapely.get_parts(g)]
    return MultiPolygon(parts)


# -- building ------------------------------------------------------------------------------------------
def build_demo(store: Store, progress: Progress | None = None, lang: str = "en") -> dict[str, int]:
    """Write the demo features into ``store`` in one transaction; return how many went into each layer.

    Names and notes are written in ``lang`` (en, kk, ru: the interface language of whoever makes the
    store), since the store keeps one text per field; codes are language-neutral anyway.

    All or nothing: a failure or a cancel from ``progress`` rolls the whole demo back. The basemap is
    read before the transaction starts, so the write lock is held only while inserting.
    """
    progress = progress or NullProgress()
    progress.update(0.0, Phase("Reading the Natural Earth shorelines…"))
    features = [*seed_features(lang), *natural_earth_shorelines(lang=lang)]
    counts = dict.fromkeys(LAYERS, 0)
    with store.session() as conn:
        conn.execute("UPDATE baytak_sync_state SET applying = 1, demo = 1")  # not local edits
        for done, feature in enumerate(features):
            progress.update(0.1 + 0.9 * done / len(features), Phase("Adding demo {layer}…", layer=feature.layer))
            counts[feature.layer] += 1
            uuid = demo_uuid(feature.layer, counts[feature.layer])
            store.insert(feature.layer, feature.attributes, feature.geometry, uuid=uuid, user=DEMO_USER)
        conn.execute("UPDATE baytak_sync_state SET applying = 0")
    progress.update(1.0, Phase("Demo data ready"))
    return counts
