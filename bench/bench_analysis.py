"""Analysis benchmark: proximity, summary, buffers and water areas on seeded data.

    .venv/bin/python bench/bench_analysis.py [--n 10000] [--km 10] [--repeat 3]

Data (seeded, in a temporary store): ``--n`` sewage outflows and ``--n`` brick factories (standing in
for settlements) uniform over Central Asia, ``--n`` tree plantings, ``--n // 10`` quarries.

- ``proximity``: ``pairs_within`` of every outflow to every factory within ``--km`` (geodesic), and the
  whole ``proximity(store, ...)`` call (reading both layers included).
- ``brute_force``: pyproj.Geod.inv of every pair, measured on 200 sources and scaled to ``--n``: what
  the windowed search saves. Its pair count on those 200 sources is compared with ours (must be equal).
- ``peer_geopandas``: ``GeoDataFrame.sjoin(..., predicate="dwithin")`` in a Lambert azimuthal equal-area
  projection centred on Kazakhstan: the usual planar shortcut (not geodesic; its pair count differs
  where the projection's scale error matters, reported as ``pairs_differ``).
- ``summary``: ``summarize(store)``; ``buffers``: ``buffer_features`` of all outflows; ``water``:
  ``water_areas`` of the demo shorelines plus the basemap.
Targets: proximity of 10,000 x 10,000 at 10 km under 2 s; summary of ~30,000 features under 1 s.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import _common as c
import numpy as np

TARGET_PROXIMITY_S, TARGET_SUMMARY_S = 2.0, 1.0


def extra_args(parser) -> None:
    parser.add_argument("--km", type=float, default=10.0, help="proximity distance in km (default 10)")


def build(path: Path, n: int, seed: int) -> None:
    from baytak_desktop.demo import natural_earth_shorelines
    from baytak_desktop.store import Store

    rng = np.random.default_rng(seed)
    with Store.create(path) as store:
        names, statuses, geoms = c.random_points(n, seed)
        store.insert_many("brick_factories", {"name": names, "status": statuses}, list(geoms))
        _, _, geoms = c.random_points(n, seed + 1)
        store.insert_many(
            "sewage_outflows",
            {
                "name": [f"Outflow {i}" for i in range(n)],
                "status": rng.choice(np.array(["active", "eliminated"], dtype=object), n).tolist(),
            },
            list(geoms),
        )
        _, _, geoms = c.random_points(n, seed + 2)
        store.insert_many(
            "tree_plantings",
            {
                "species": "elm",
                "tree_count": rng.integers(1, 500, n).tolist(),
                "status": "planted",
                "planted_on": "2025-04-01",
            },
            list(geoms),
        )
        for feature in natural_earth_shorelines():
            store.insert(feature.layer, feature.attributes, feature.geometry)


def brute_force(sources, targets, km: float, sample: int) -> tuple[float, int]:
    from pyproj import Geod

    geod = Geod(ellps="WGS84")
    lons = np.array([t.lon for t in targets])
    lats = np.array([t.lat for t in targets])
    start, pairs = time.perf_counter(), 0
    for source in sources[:sample]:
        _, _, metres = geod.inv(np.full(lons.size, source.lon), np.full(lats.size, source.lat), lons, lats)
        pairs += int((metres <= km * 1000).sum())
    return (time.perf_counter() - start) * len(sources) / sample, pairs


def peer_geopandas(path: Path, km: float) -> tuple[float, int]:
    import pyogrio

    laea = "+proj=laea +lat_0=47 +lon_0=67 +ellps=WGS84 +units=m"
    outflows = pyogrio.read_dataframe(path, layer="sewage_outflows", columns=["uuid"])
    factories = pyogrio.read_dataframe(path, layer="brick_factories", columns=["uuid"])
    start = time.perf_counter()
    joined = outflows.to_crs(laea).sjoin(factories.to_crs(laea), predicate="dwithin", distance=km * 1000)
    return time.perf_counter() - start, len(joined)


def main() -> None:
    from baytak_desktop.analysis import buffer_features, proximity, summarize, water_areas
    from baytak_desktop.analysis.proximity import pairs_within
    from baytak_desktop.analysis.sources import load_sites
    from baytak_desktop.store import Store

    args = c.parse_args(__doc__.splitlines()[0], 10_000, extra_args)
    with tempfile.TemporaryDirectory(prefix="baytak-bench-analysis-") as folder:
        path = Path(folder) / "bench.gpkg"
        c.log(f"building {args.n:,} x 3 points ...")
        build(path, args.n, args.seed)
        with Store.open(path, readonly=True) as store:
            sources, targets = load_sites(store, "sewage_outflows"), load_sites(store, "brick_factories")
            c.log("proximity ...")
            pairs_timing, pairs = c.timed(lambda _i: pairs_within(sources, targets, args.km), args.repeat)
            whole, _ = c.timed(lambda _i: proximity(store, "sewage_outflows", "brick_factories", args.km), args.repeat)
            sample = min(200, len(sources))
            ours_on_sample = sum(1 for p in pairs if p.from_id in {s.id for s in sources[:sample]})
            c.log("brute force and geopandas ...")
            brute_s, brute_pairs = brute_force(sources, targets, args.km, sample)
            peer_s, peer_pairs = peer_geopandas(path, args.km)
            c.log("summary, buffers, water ...")
            summary_timing, _ = c.timed(lambda _i: summarize(store), args.repeat)
            buffer_timing, buffers = c.timed(lambda _i: buffer_features(store, "sewage_outflows", args.km), 1)
            water_timing, water = c.timed(lambda _i: water_areas(store), args.repeat)
            features = sum(store.count(layer) for layer in ("brick_factories", "sewage_outflows", "tree_plantings"))
        c.emit(
            {
                "benchmark": "bench_analysis",
                "n": args.n,
                "km": args.km,
                "proximity": {"pairs_within": pairs_timing, "proximity_call": whole, "pairs": len(pairs)},
                "brute_force_geod": {
                    "estimated_s": round(brute_s, 3),
                    "sampled_sources": sample,
                    "pairs_on_sample": brute_pairs,
                    "ours_on_sample": ours_on_sample,
                    "agree": brute_pairs == ours_on_sample,
                    "ratio_ours_to_brute": c.ratio(pairs_timing["median_s"], brute_s),
                },
                "peer_geopandas_laea_dwithin": {
                    "s": round(peer_s, 3),
                    "pairs": peer_pairs,
                    "pairs_differ": peer_pairs - len(pairs),
                    "ratio_ours_to_peer": c.ratio(pairs_timing["median_s"], peer_s),
                },
                "summary": {**summary_timing, "features": features},
                "buffers": {**buffer_timing, "count": len(buffers)},
                "water_areas": {**water_timing, "entries": len(water)},
                "target": f"proximity {args.n:,}x{args.n:,} < {TARGET_PROXIMITY_S} s; summary < {TARGET_SUMMARY_S} s",
                "meets_target": pairs_timing["median_s"] < TARGET_PROXIMITY_S
                and summary_timing["median_s"] < TARGET_SUMMARY_S,
                "machine": c.machine_info(folder),
            }
        )


if __name__ == "__main__":
    main()
