"""Map rendering benchmark: our renderer against QGIS 3.22 on the same GeoPackages, in the same run.

    .venv/bin/python bench/bench_render.py [--repeat 3] [--sizes 100000,1000000] [--polygons 10000]

Data: ``brick_factories`` points (random over Central Asia, status in 4 values) and ``quarries``
polygons (irregular 16-vertex patches of 100 m to 4 km), built with Store.create + insert_many and
cached under /tmp/baytak-bench-render (delete it to rebuild). Both renderers draw the same two layers,
categorised by status (7 px circle markers with a 1 px outline; translucent polygon fills with a 1 px
outline), antialiased, no labels, into a 1600x1000 image in EPSG:3857:

- ``full``: the whole extent of the data; ``first`` is the first draw in the process (cold: our
  renderer opens its connections, QGIS's job starts from a freshly loaded layer), then ``--repeat`` runs.
- ``window_1pct``: a window of 1 % of that area around the centre, same image size.

Ours is ``render_store_layer`` for each layer in turn on one thread (like QGIS's sequential job); the
canvas runs the layers on two threads, which the ``canvas`` block measures: a real MapCanvas (offscreen)
from ``set_store`` to ``sigRenderFinished`` (basemap included), and the longest time the UI thread
went without turning its event loop meanwhile (a 5 ms timer). QGIS runs as a subprocess of the
system Python (``/usr/bin/python3``, where python3-qgis is installed) with QgsMapRendererSequentialJob.
Targets: full draw ratio ours/QGIS <= 1.0; 1 % window < 16 ms at 100,000 points; UI never blocked
> 50 ms. One JSON object goes to stdout.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import time
from pathlib import Path

import _common as c
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
CACHE = Path("/tmp/baytak-bench-render")
SIZE = (1600, 1000)
QUARRY_STATUSES = ("active", "illegal", "abandoned", "under_restoration", "restored", "closed")
QGIS_PYTHON = "/usr/bin/python3"


def extra_args(parser) -> None:
    parser.add_argument("--sizes", default="100000,1000000", help="point counts (default 100000,1000000)")
    parser.add_argument("--polygons", type=int, default=10_000, help="quarry polygons (default 10000)")


def polygons(n: int, seed: int):
    """Irregular patches (16 vertices, 100 m to 4 km across), like quarries seen from above."""
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
    polys = shapely.polygons(np.concatenate([rings, rings[:, :1]], axis=1))
    return [shapely.MultiPolygon([p]) for p in polys], rng.choice(np.array(QUARRY_STATUSES, dtype=object), n).tolist()


def build(points: int, n_polygons: int, seed: int) -> Path:
    from baytak_desktop.store import Store

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"points{points}_polygons{n_polygons}_seed{seed}.gpkg"
    if path.exists():
        return path
    c.log(f"building {path} ...")
    partial = path.with_suffix(".partial.gpkg")
    for leftover in CACHE.glob(partial.name + "*"):
        leftover.unlink()
    store = Store.create(partial)
    for start in range(0, points, 200_000):
        count = min(200_000, points - start)
        names, statuses, geoms = c.random_points(count, seed + start)
        store.insert_many("brick_factories", {"name": names, "status": statuses}, list(geoms))
    geoms, statuses = polygons(n_polygons, seed + 1)
    store.insert_many("quarries", {"name": [f"Quarry {i}" for i in range(n_polygons)], "status": statuses}, geoms)
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    partial.rename(path)
    return path


def bench_styles():
    """The styles both renderers draw: categorised by status, 7 px markers, 1 px outlines."""
    from dataclasses import replace

    from baytak_desktop.layers import LAYERS
    from baytak_desktop.layers.style import default_style

    styles = {}
    for name in ("quarries", "brick_factories"):
        style = replace(default_style(LAYERS[name]), label_field=None)
        fix = {"size": 7.0, "stroke_width": 1.0}
        style = replace(
            style,
            symbol=replace(style.symbol, **fix),
            categories=tuple(replace(k, symbol=replace(k.symbol, **fix)) for k in style.categories),
        )
        styles[name] = style
    return styles


def ours(path: Path, repeat: int) -> dict:
    from baytak_desktop.mapdata.projection import fit_view
    from baytak_desktop.ui.paint.layer import LayerJob, render_store_layer

    styles = bench_styles()
    full = fit_view(c.REGION, *SIZE)
    window = full.zoomed_window(0.01)

    def draw(view) -> int:
        return sum(
            render_store_layer(LayerJob(path, styles[name]), view).features for name in ("quarries", "brick_factories")
        )

    result = {}
    for label, view in (("full", full), ("window_1pct", window)):
        start = time.perf_counter()
        features = draw(view)
        first = time.perf_counter() - start
        timing, _ = c.timed(lambda _: draw(view), repeat)
        result[label] = {"first_s": round(first, 4), **timing, "features": features}
    result["views"] = {"full": full.__dict__, "window_1pct": window.__dict__}
    return result


def canvas(path: Path) -> dict:
    """A real MapCanvas: set_store to sigRenderFinished, and the longest event-loop stall meanwhile."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.ui.map.canvas import MapCanvas

    app = QApplication.instance() or QApplication([])
    view = MapCanvas()
    view.resize(*SIZE)
    view.show()
    view.set_styles(bench_styles())
    view.zoom_to_lonlat(c.REGION)
    _wait(app, view)
    ticks: list[float] = []
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    view.set_store(path)
    _wait(app, view)
    drawn = time.perf_counter() - start
    timer.stop()
    gaps = np.diff([start, *ticks, time.perf_counter()]) * 1000
    view.shutdown()
    view.close()
    return {
        "set_store_to_drawn_s": round(drawn, 4),
        "ui_longest_stall_ms": round(float(gaps.max()), 1),
        "ui_ticks": len(ticks),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _wait(app, view) -> None:
    while True:
        app.processEvents()
        if view.is_idle():
            return
        time.sleep(0.001)


def qgis(path: Path, views: dict, repeat: int) -> dict:
    if not Path(QGIS_PYTHON).exists():
        return {"error": f"{QGIS_PYTHON} not found"}
    styles = {name: json.loads(style.to_json()) for name, style in bench_styles().items()}
    request = json.dumps({"path": str(path), "views": views, "repeat": repeat, "styles": styles, "size": SIZE})
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    script = CACHE / "qgis_render_peer.py"
    script.write_text(QGIS_PEER)
    done = subprocess.run(
        [QGIS_PYTHON, str(script)], check=False, input=request, capture_output=True, text=True, env=env, timeout=1800
    )
    try:  # QGIS 3.22 may crash on exit after printing its figures: the figures count, the exit code not
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": done.stderr[-2000:], "returncode": done.returncode}


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=0, extra=extra_args)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])  # markers are QPixmaps: they need the application
    results = []
    for points in (int(v) for v in args.sizes.split(",")):
        path = build(points, args.polygons, args.seed)
        c.log(f"ours on {path.name} ...")
        mine = ours(path, args.repeat)
        c.log("QGIS ...")
        peer = qgis(path, mine.pop("views"), args.repeat)
        c.log("canvas ...")
        entry = {
            "points": points,
            "polygons": args.polygons,
            "file": str(path),
            "ours": mine,
            "qgis": peer,
            "canvas": canvas(path),
        }
        if "full" in peer:
            entry["ratio_full_first"] = c.ratio(mine["full"]["first_s"], peer["full"]["first_s"])
            entry["ratio_full_min"] = c.ratio(mine["full"]["min_s"], peer["full"]["min_s"])
            entry["ratio_window_min"] = c.ratio(mine["window_1pct"]["min_s"], peer["window_1pct"]["min_s"])
        entry["meets_target"] = {
            "full_no_slower_than_qgis": entry.get("ratio_full_min", float("inf")) <= 1.0,
            "window_under_16ms": mine["window_1pct"]["min_s"] < 0.016 if points <= 100_000 else None,
            "ui_never_blocked_50ms": entry["canvas"]["ui_longest_stall_ms"] <= 50,
        }
        results.append(entry)
    app.processEvents()
    c.emit(
        {
            "benchmark": "render",
            "image": f"{SIZE[0]}x{SIZE[1]}",
            "repeat": args.repeat,
            "targets": {"full_ratio": "<= 1.0", "window_1pct_100k_ms": "< 16", "ui_stall_ms": "<= 50"},
            "results": results,
            "machine": c.machine_info(str(CACHE)),
        }
    )


# The QGIS side, run by the system python3 (python3-qgis is not in the venv); kept here so the whole
# benchmark is one file.
QGIS_PEER = r'''"""The QGIS side of bench_render.py; runs under the SYSTEM python3 (python3-qgis), not the venv.

Reads a JSON request on stdin (GeoPackage path, views, styles, repeat), renders the brick_factories
and quarries layers with QgsMapRendererSequentialJob into a 1600x1000 image in EPSG:3857 with the same
symbols as ours (categorised by status; 7 px circles, 1 px outlines, translucent fills), and prints one
JSON line of timings. Layers are loaded before timing; each timed run is one whole job.
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (  # noqa: E402
    QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsMapRendererSequentialJob,
    QgsMapSettings, QgsMarkerSymbol, QgsRectangle, QgsRendererCategory, QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def rgba(hex_colour, alpha=1.0):
    colour = QColor(hex_colour)
    return f"{colour.red()},{colour.green()},{colour.blue()},{int(round(alpha * 255))}"


def symbol_for(symbol, polygon):
    if polygon:
        return QgsFillSymbol.createSimple({
            "color": rgba(symbol["fill"], symbol["fill_alpha"]), "outline_color": rgba(symbol["stroke"]),
            "outline_width": str(symbol["stroke_width"]), "outline_width_unit": "Pixel"})
    return QgsMarkerSymbol.createSimple({
        "name": "circle", "color": rgba(symbol["fill"]), "outline_color": rgba(symbol["stroke"]),
        "size": str(symbol["size"]), "size_unit": "Pixel", "outline_width": str(symbol["stroke_width"]),
        "outline_width_unit": "Pixel"})


def load(path, name, style):
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not layer.isValid():
        raise SystemExit(f"QGIS cannot open {path} layer {name}")
    polygon = name == "quarries"
    categories = [QgsRendererCategory(c["value"], symbol_for(c["symbol"], polygon), c["value"])
                  for c in style["categories"]]
    renderer = QgsCategorizedSymbolRenderer(style["field"], categories)
    renderer.setSourceSymbol(symbol_for(style["symbol"], polygon))
    layer.setRenderer(renderer)
    return layer


def settings_for(layers, view, size):
    settings = QgsMapSettings()
    settings.setLayers(layers)  # first is drawn on top
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    settings.setOutputSize(QSize(*size))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    settings.setFlag(QgsMapSettings.DrawLabeling, False)
    x0, y0 = view["x0"], view["y0"]
    x1, y1 = x0 + view["width"] * view["res"], y0 + view["height"] * view["res"]
    settings.setExtent(QgsRectangle(x0, -y1, x1, -y0))  # scene y is minus the northing
    return settings


def render(settings):
    job = QgsMapRendererSequentialJob(settings)
    start = time.perf_counter()
    job.start()
    job.waitForFinished()
    elapsed = time.perf_counter() - start
    return elapsed, job.renderedImage()


def main():
    request = json.loads(sys.stdin.read())
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    from qgis.core import Qgis
    out = {"qgis": Qgis.QGIS_VERSION}
    for label in ("full", "window_1pct"):
        layers = [load(request["path"], name, request["styles"][name]) for name in ("brick_factories", "quarries")]
        settings = settings_for(layers, request["views"][label], request["size"])
        first, image = render(settings)
        runs = [render(settings)[0] for _ in range(request["repeat"])]
        out[label] = {"first_s": round(first, 4), "min_s": round(min(runs), 4),
                      "median_s": round(statistics.median(runs), 4), "runs_s": [round(r, 4) for r in runs],
                      "image_not_blank": not image.isNull() and image.pixelColor(800, 500).isValid()}
    app.exitQgis()
    print(json.dumps(out))


main()
'''


if __name__ == "__main__":
    main()
