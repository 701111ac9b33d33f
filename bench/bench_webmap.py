"""Web map benchmark: export 10,000 features to one offline HTML file; time, size, and the browser.

    .venv/bin/python bench/bench_webmap.py [--n 10000] [--photos 100] [--repeat 3] [--no-browser]

Data (seeded, in a temporary store): 60 % points spread over three point layers (brick factories,
sewage outflows, tree plantings, each with a status and a name or species) and 40 % quarries
(irregular 16-vertex polygons, 100 m to 4 km across), all with notes; ``--photos`` of the quarries get
a 2000x1500 JPEG each (thumbnailed into the page). The Natural Earth basemap is drawn as well.

Ours: ``export_webmap(store, out, lang="kk")``, the whole job (read the store, thumbnails, folium,
inline Leaflet, offline check, write). ``first`` is the first run in the process (basemap GeoJSON and
Leaflet not cached yet). Peer: plain folium (one GeoJson of the same features with a popup and a
tooltip, CDN links, OpenStreetMap tiles) saved to HTML: what a person gets without our exporter
(``geopandas.explore()`` would be the same but needs matplotlib, not installed here). ``browser``: the page loaded in QtWebEngine offscreen (network
blocked) until Leaflet has every feature on the map. Target: under 5 s and under 15 MB.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import _common as c
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TARGET_S, TARGET_MB = 5.0, 15.0
QUARRY_STATUSES = ("active", "illegal", "abandoned", "under_restoration", "restored", "closed")
LEGAL = ("licensed", "unlicensed", "unknown")
NOTE = "Observed from the road; trucks leave at night. Residents complain about dust."


def extra_args(parser) -> None:
    parser.add_argument("--photos", type=int, default=100, help="quarries with a photo (default 100)")
    parser.add_argument("--no-browser", action="store_true", help="skip loading the page in QtWebEngine")


def polygons(n: int, seed: int) -> list:
    import shapely

    rng = np.random.default_rng(seed)
    west, south, east, north = c.REGION
    cx, cy = rng.uniform(west, east, n), rng.uniform(south, north, n)
    radius_m = rng.uniform(50, 2000, n)
    angles = np.linspace(0, 2 * np.pi, 16, endpoint=False)
    wobble = rng.uniform(0.75, 1.15, (n, 16))
    dx = radius_m[:, None] * wobble * np.cos(angles) / (111_320 * np.cos(np.radians(cy))[:, None])
    dy = radius_m[:, None] * wobble * np.sin(angles) / 111_320
    rings = np.stack([cx[:, None] + dx, cy[:, None] + dy], axis=-1)
    return [shapely.MultiPolygon([p]) for p in shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1))]


def build(path: Path, n: int, photos: int, seed: int) -> dict[str, int]:
    from PIL import Image

    from baytak_desktop.store import Store

    rng = np.random.default_rng(seed)
    n_points = n * 6 // 10
    share = n_points // 3
    counts = {
        "brick_factories": share,
        "sewage_outflows": share,
        "tree_plantings": n_points - 2 * share,
        "quarries": n - n_points,
    }
    with Store.create(path) as store:
        for layer, status_values, extra in (
            ("brick_factories", c.STATUSES, {}),
            ("sewage_outflows", ("active", "eliminated", "unknown"), {"discharge": "untreated"}),
            ("tree_plantings", ("planned", "planted", "verified", "lost"), {"species": "elm", "tree_count": 50}),
        ):
            _names, _, geoms = c.random_points(counts[layer], seed + len(layer))
            columns = {
                "status": rng.choice(np.array(status_values, dtype=object), counts[layer]).tolist(),
                "notes": NOTE,
                "branch": "almaty_region",
                **extra,
            }
            if layer != "tree_plantings":
                columns["name"] = [f"{layer} {i}" for i in range(counts[layer])]
            store.insert_many(layer, columns, list(geoms))
        quarries = counts["quarries"]
        uuids = store.insert_many(
            "quarries",
            {
                "name": [f"Quarry {i}" for i in range(quarries)],
                "notes": NOTE,
                "branch": "almaty_region",
                "status": rng.choice(np.array(QUARRY_STATUSES, dtype=object), quarries).tolist(),
                "legal_status": rng.choice(np.array(LEGAL, dtype=object), quarries).tolist(),
            },
            polygons(quarries, seed),
        )
        photo = path.parent / "photo.jpg"
        for i, uuid in enumerate(uuids[:photos]):
            Image.new("RGB", (2000, 1500), (120 + i % 100, 90, 60)).save(photo, quality=85)
            store.attach("quarries", uuid, photo)
    return counts


def export(store_path: Path, out: Path) -> object:
    from baytak_desktop.exhibits.webmap import export_webmap
    from baytak_desktop.store import Store

    with Store.open(store_path, readonly=True) as store:
        return export_webmap(store, out, lang="kk")


def peer(store_path: Path, out: Path) -> float:
    """Plain folium of the same features (one GeoJson with popups and tooltips, CDN links, OSM tiles), saved."""
    import folium
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    frames = [
        pyogrio.read_dataframe(store_path, layer=layer, columns=["uuid", "status", "notes"])
        for layer in ("quarries", "brick_factories", "sewage_outflows", "tree_plantings")
    ]
    start = time.perf_counter()
    frame = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")
    page = folium.Map(location=[48, 67], zoom_start=5)
    folium.GeoJson(
        frame.to_json(),
        popup=folium.GeoJsonPopup(fields=["status", "notes"]),
        tooltip=folium.GeoJsonTooltip(fields=["uuid"]),
    ).add_to(page)
    page.save(str(out))
    return time.perf_counter() - start


def browser(html_path: Path, expected: int) -> dict:
    """Load the page in QtWebEngine (network blocked) and wait until every feature is on the map."""
    import json

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.ui.exhibits.web_preview import WebMapPreview  # before the QApplication

    app = QApplication.instance() or QApplication([])
    preview = WebMapPreview()
    preview.resize(1400, 900)
    preview.show()
    loop, answer = QEventLoop(), {}
    preview.sigLoaded.connect(lambda ok: (answer.update(loaded=ok), loop.quit()))
    start = time.perf_counter()
    preview.show_html(html_path.read_text(encoding="utf-8"))
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    loaded_s = time.perf_counter() - start
    preview.page.runJavaScript(
        "JSON.stringify(baytakWebmap.stats())", 0, lambda value: (answer.update(stats=json.loads(value)), loop.quit())
    )
    loop.exec()
    result = {
        "loaded": answer.get("loaded"),
        "load_s": round(loaded_s, 3),
        "stats_total": answer["stats"]["total"],
        "on_map": answer["stats"]["onMap"],
        "expected_on_map": expected,
        "blocked_requests": len(preview.blocked_requests),
    }
    preview.release()
    app.processEvents()
    return result


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], 10_000, extra_args)
    with tempfile.TemporaryDirectory(prefix="baytak-bench-webmap-") as folder:
        store_path, out = Path(folder) / "bench.gpkg", Path(folder) / "map.html"
        c.log(f"building {args.n:,} features ...")
        counts = build(store_path, args.n, args.photos, args.seed)
        start = time.perf_counter()
        result = export(store_path, out)
        first = time.perf_counter() - start
        c.log("exporting ...")
        timing, result = c.timed(lambda _i: export(store_path, out), args.repeat)
        size_mb = out.stat().st_size / 1e6
        c.log("peer: geopandas explore() ...")
        peer_s = peer(store_path, Path(folder) / "explore.html")
        peer_mb = (Path(folder) / "explore.html").stat().st_size / 1e6
        loaded = None if args.no_browser else browser(out, result.shown_on_open)
        c.emit(
            {
                "benchmark": "bench_webmap",
                "features": counts,
                "photos": args.photos,
                "ours": {
                    "first_s": round(first, 3),
                    **timing,
                    "size_mb": round(size_mb, 2),
                    "features": result.features,
                    "shown_on_open": result.shown_on_open,
                },
                "peer_plain_folium": {
                    "s": round(peer_s, 3),
                    "size_mb": round(peer_mb, 2),
                    "note": "links Leaflet/jQuery/Bootstrap from CDNs and OSM tiles: not offline",
                },
                "browser": loaded,
                "target": f"< {TARGET_S} s and < {TARGET_MB} MB for {args.n:,} features",
                "meets_target": timing["median_s"] < TARGET_S and first < TARGET_S and size_mb < TARGET_MB,
                "machine": c.machine_info(folder),
            }
        )


if __name__ == "__main__":
    main()
