"""The field view benchmark: a 1600 x 1000 map at 1:20,000 with an OSM basemap, 100,000 store points and a
1 GB drone orthophoto, redrawn by the real canvas, against QGIS 3.22 drawing the same layers.

    .venv/bin/python bench/bench_field_view.py [--gigabytes 1.0] [--points 100000] [--repeat 2] [--cache DIR] [--pause 0.5]

Builds (once; kept in ``--cache``, by default ``baytak-bench-field-view`` in the temp folder, never in
the repository): an OSM extract of the real Helsinki centre tiled 10 x 10 around 77.43 E 43.62 N
(``make_osm_extract.py --step``, so the city is dense everywhere the view goes), its basemap
GeoPackage; a generated ~1 GB 3-band uint8 GeoTIFF in UTM zone 43N (``bench_imagery.make_orthophoto``,
0.3 m pixels: about 5.5 km square, so it fills most of the view) with its overviews built by
``add_image``; and a store with ``--points`` points of ``brick_factories`` spread over the area the
view pans across (all of them drawn: nothing is thinned), the basemap and the image registered.

Ours: a real ``MapCanvas`` (offscreen, its viewport 1600 x 1000) with that store, the OSM basemap and
the image shown as the window shows them; a tour of pans (a quarter of the view each way) and wheel
zooms (1:14,142 and 1:28,284 and back) around 1:20,000, ``--repeat`` times. Each redraw is timed from
the moment the canvas submits its render jobs (the debounce timer is skipped) to its
``sigRenderFinished`` (every layer's new picture in place): median, p90 and max, the first redraw apart
(it opens the files); ``shown`` adds the repaint that puts the last picture on screen. The cyclic garbage collector runs on the UI thread's timer, as in the app
(``ui.collector``). A 5 ms timer on the UI thread gives the longest time the event loop did not turn during the
tour (``ui_longest_block_ms``, and in which step and phase it began: the pause before a step, its redraw
or the repaint that shows it, ``ui_longest_block_in``), and apart from it while the store and its files
were opened. ``landing_repaint`` is that repaint alone (wall, and ``landing_repaint_cpu`` the UI thread's
CPU in it, ``landing_repaint_waiting_for_a_core`` its time runnable but not running (the machine's
load), ``landing_repaint_blocked`` the rest: blocked, on the GIL mostly; ``landing_repaint_other_threads_cpu``
the other threads' CPU meanwhile, the render thread's mostly). The longest block is split the same way
(``ui_longest_block_split_ms``), and ``ui_longest_blocked_ms`` is the longest time blocked in one turn of
the event loop: what the GIL cost the UI thread, which the load of a shared machine does not make up
(it includes the bench's own sleeps of 0.5-2 ms between two ``processEvents``).
The render thread's seconds per layer key are reported too.

QGIS (python3-qgis, the system python3): the same GeoTIFF (with its .ovr), the basemap's tables with
the categorised styles of ``bench_basemap_render.py``, and the points as 7 px circles categorised by
status, rendered by ``QgsMapRendererSequentialJob`` at the same extents into 1600 x 1000 images.

Target (issue 17): redraws under 100 ms once the overviews exist; the UI thread never blocked over 50 ms.
One JSON object on stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import _common as c
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
SIZE = (1600, 1000)
SCALE = 20_000
CENTRE = (77.43, 43.62)  # near Otegen Batyr, Ile district (illustrative)
TILE_COPIES, TILE_STEP = 100, 0.018  # the Helsinki extract is ~0.018 x 0.015 degrees: copies touch
QGIS_PYTHON = "/usr/bin/python3"
TARGET_MS, UI_TARGET_MS = 100.0, 50.0


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=1.0, help="size of the generated orthophoto (default 1)")
    parser.add_argument("--pixel-m", type=float, default=0.3, help="its ground pixel in metres (default 0.3)")
    parser.add_argument("--points", type=int, default=100_000, help="store points (default 100,000)")
    parser.add_argument("--repeat", type=int, default=2, help="tours of pans and zooms (default 2)")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "baytak-bench-field-view")
    parser.add_argument(
        "--step",
        type=float,
        default=TILE_STEP,
        help="degrees between the copies of the Helsinki centre (default 0.018: they touch, the densest "
        "case; 0.05: a town of it every 4 km with open land between)",
    )
    parser.add_argument("--no-qgis", action="store_true", help="skip the QGIS side")
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        help="the interpreter's switch interval in seconds (default: the app's, ui.gil; 0.005 is CPython's own)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0.0,
        help="seconds the map stands still between two steps of the tour, the event loop turning (a "
        "person's pace: what is read ahead then); default 0: back to back",
    )
    return parser.parse_args()


# -- the data ---------------------------------------------------------------------------------------------
def build_extract(folder: Path, step: float) -> Path:
    name = "tiled_helsinki" if step == TILE_STEP else f"tiled_helsinki_{round(step * 1000)}mdeg"
    out = folder / f"{name}.osm.pbf"
    if not out.exists():
        c.log(f"writing {out.name} ...")
        partial = out.with_name("partial." + out.name)
        subprocess.run(
            [
                sys.executable,
                str(HERE / "make_osm_extract.py"),
                str(partial),
                "--copies",
                str(TILE_COPIES),
                "--step",
                str(step),
                "--origin",
                f"{CENTRE[0] - 5 * step},{CENTRE[1] - 5 * step}",
            ],
            check=True,
        )
        partial.rename(out)
    return out


def build_basemap(extract: Path, folder: Path) -> tuple[Path, object]:
    from baytak_desktop.basemap.build import build_basemap as build

    out = folder / (extract.name.split(".")[0] + ".basemap.gpkg")
    meta = folder / (extract.name.split(".")[0] + ".json")
    if not out.exists():
        c.log(f"building {out.name} ...")
        partial = folder / "partial.basemap.gpkg"
        partial.unlink(missing_ok=True)
        result = build(extract, partial)
        partial.rename(out)
        meta.write_text(json.dumps({"info": result.info, "bounds": result.bounds, "counts": result.counts}))
    return out, json.loads(meta.read_text())


def build_image(folder: Path, gigabytes: float, pixel_m: float) -> Path:
    import bench_imagery
    import rasterio

    out = folder / f"orthophoto_{gigabytes:g}gb_{pixel_m:g}m.tif"
    if not out.exists():
        c.log(f"generating {out.name} ...")
        partial = folder / "partial.tif"
        partial.unlink(missing_ok=True)
        bench_imagery.make_orthophoto(partial, gigabytes)
        with rasterio.open(partial, "r+") as dst:  # the same pixels, at the chosen ground size
            t = dst.transform
            half_w, half_h = dst.width * t.a / 2, dst.height * -t.e / 2
            centre_x, centre_y = t.c + half_w, t.f - half_h
            dst.transform = rasterio.Affine(
                pixel_m,
                0,
                centre_x - dst.width * pixel_m / 2,
                0,
                -pixel_m,
                centre_y + dst.height * pixel_m / 2,
            )
        partial.rename(out)
    return out


def build_store(folder: Path, points: int, basemap: Path, basemap_meta: dict, image: Path) -> Path:
    from baytak_desktop.basemap.imagery import add_image
    from baytak_desktop.basemap.registry import register_basemap
    from baytak_desktop.store import Store

    out = folder / f"field_{points}_{image.stem}_{basemap.name.split('.')[0]}.gpkg"
    if out.exists():
        return out
    partial = folder / "partial.gpkg"
    for leftover in folder.glob("partial.gpkg*"):
        leftover.unlink()
    with Store.create(partial) as store:
        west, south, east, north = pan_area()
        rng = np.random.default_rng(20261206)
        import shapely

        for start in range(0, points, 50_000):
            count = min(50_000, points - start)
            geoms = shapely.points(rng.uniform(west, east, count), rng.uniform(south, north, count))
            statuses = rng.choice(np.array(c.STATUSES, dtype=object), count).tolist()
            names = [f"Site {start + i}" for i in range(count)]
            store.insert_many("brick_factories", {"name": names, "status": statuses}, list(geoms))
        register_basemap(store, basemap, {**basemap_meta["info"], "title": "Tiled Helsinki", **basemap_meta})
        c.log("adding the image (SHA-256 and overviews) ...")
        start_s = time.perf_counter()
        add_image(store, image, "2026-07-15", "Drone orthophoto")
        (folder / f"{image.stem}.add_s").write_text(f"{time.perf_counter() - start_s:.1f}")
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.rename(out)
    return out


def pan_area() -> tuple[float, float, float, float]:
    """The lon/lat box the tour's views cover (the 1:20,000 view and a pan of a quarter each way, and
    the 1:28,284 view), where the points are spread."""
    lat = math.radians(CENTRE[1])
    half_w_m = SIZE[0] * 0.75 * 28_284 * 0.0254 / 96
    half_h_m = SIZE[1] * 0.75 * 28_284 * 0.0254 / 96
    dlon = half_w_m / (111_320 * math.cos(lat))
    dlat = half_h_m / 110_574
    return CENTRE[0] - dlon, CENTRE[1] - dlat, CENTRE[0] + dlon, CENTRE[1] + dlat


def schedstat() -> tuple[float, float]:
    """The calling thread's seconds on a core and waiting for one (the kernel's schedstat): what is left
    of a wall time is time blocked (on the GIL, mostly), whatever the load of the machine."""
    fields = Path("/proc/thread-self/schedstat").read_text().split()
    return int(fields[0]) / 1e9, int(fields[1]) / 1e9


def spread(values_s: list[float]) -> dict[str, float]:
    """Median, p90 and max of durations in seconds, in milliseconds (and how many)."""
    ms = np.asarray(values_s) * 1000.0
    return {
        "median_ms": round(float(np.median(ms)), 1),
        "p90_ms": round(float(np.percentile(ms, 90)), 1),
        "max_ms": round(float(ms.max()), 1),
        "n": len(values_s),
    }


# -- ours: the real canvas ----------------------------------------------------------------------------------
def tour() -> list[tuple[str, float, float]]:
    """(label, x offset in views, y offset in views ...) steps: pans a quarter view each way, wheel zooms."""
    return [
        ("pan east", 0.25, 0),
        ("pan south", 0, 0.25),
        ("pan west", -0.25, 0),
        ("pan west", -0.25, 0),
        ("pan north", 0, -0.25),
        ("pan north", 0, -0.25),
        ("pan east", 0.25, 0),
        ("pan south", 0, 0.25),
        ("zoom in", 0, 0),
        ("zoom out", 0, 0),
        ("zoom out", 0, 0),
        ("zoom in", 0, 0),
    ]


def ours(store: Path, repeat: int, pause: float = 0.0, switch_interval: float | None = None) -> dict:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.mapdata.reference import read_reference
    from baytak_desktop.store import Store
    from baytak_desktop.ui.collector import collect_on_ui_thread
    from baytak_desktop.ui.gil import SWITCH_INTERVAL_S, hand_over_often
    from baytak_desktop.ui.map.canvas import WHEEL_STEP, MapCanvas
    from baytak_desktop.ui.map.scheduler import RenderResult

    app = QApplication.instance() or QApplication([])
    collector = collect_on_ui_thread()  # as the app runs: the cyclic collector on the UI thread's timer
    interval = SWITCH_INTERVAL_S if switch_interval is None else switch_interval
    previous_interval = hand_over_often(interval)  # as the app runs (ui.gil), unless asked otherwise
    collections: list[float] = []  # how long each collection held the GIL (the UI thread, in the app)
    started: list[float] = []

    def on_gc(phase: str, info: dict) -> None:
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            collections.append(time.perf_counter() - started[0])

    gc.callbacks.append(on_gc)
    canvas = MapCanvas()
    canvas.resize(*SIZE)
    canvas.show()
    app.processEvents()
    if (canvas.viewport().width(), canvas.viewport().height()) != SIZE:
        canvas.resize(2 * SIZE[0] - canvas.viewport().width(), 2 * SIZE[1] - canvas.viewport().height())
        app.processEvents()
    with Store.open(store, readonly=True) as opened:
        reference = read_reference(opened)
    per_key: dict[str, list[float]] = {}
    per_step: dict[str, list[float]] = {}  # by whole key, in the tour's order
    cpu_per_key: dict[str, list[float]] = {}  # the render thread's own CPU time (robust on a shared machine)
    cpu_per_step: dict[str, list[float]] = {}
    idle_cpu: dict[str, float] = {}  # CPU seconds of the idle jobs (read ahead, draw ahead) by kind
    idle_longest: dict[str, float] = {}  # the longest of each kind (wall): a render asked waits for one piece

    def on_result(result: RenderResult) -> None:
        key = result.request.key.split(":")[0]
        per_key.setdefault(key, []).append(result.seconds)
        per_step.setdefault(result.request.key, []).append(result.seconds)
        cpu_per_key.setdefault(key, []).append(result.cpu_seconds)
        cpu_per_step.setdefault(result.request.key, []).append(result.cpu_seconds)

    def on_idle_job(result: RenderResult) -> None:
        kind = ":".join(result.request.key.split(":")[:2])  # "ahead:osm", "draw:image", ...
        idle_cpu[kind] = idle_cpu.get(kind, 0.0) + result.cpu_seconds
        idle_longest[kind] = max(idle_longest.get(kind, 0.0), result.seconds)

    canvas.layers.scheduler.sigResult.connect(on_result)
    canvas.layers.scheduler.sigIdleJobDone.connect(on_idle_job)
    ticks: list[float] = []
    tick_stats: list[tuple[float, float]] = []  # the UI thread's CPU and run-queue seconds at each tick
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: (ticks.append(time.perf_counter()), tick_stats.append(schedstat())))

    shown_runs: list[float] = []  # to the repaint showing the last picture (the map as the person sees it)
    # that repaint alone: wall, the UI thread's CPU and run-queue seconds, the other threads' CPU seconds
    landing_runs: list[tuple[float, float, float, float]] = []
    ui_thread = threading.get_native_id()

    def others_cpu() -> float:
        """CPU seconds of the process's other threads (the render thread, GDAL's, Qt's), from the kernel."""
        total = 0
        for task in Path("/proc/self/task").iterdir():
            if task.name != str(ui_thread):
                with contextlib.suppress(OSError, ValueError, IndexError):
                    total += int((task / "schedstat").read_text().split()[0])
        return total / 1e9

    phases: list[tuple[float, str]] = []  # (start, "step N: pause|redraw|landing"): where the longest block was

    def redraw(step: str = "opening") -> float:
        canvas._render_timer.stop()
        start = time.perf_counter()
        phases.append((start, f"{step}: redraw"))
        canvas._render()
        while not canvas.is_idle():
            app.processEvents()
            time.sleep(0.0005)
        done = time.perf_counter() - start
        landing_start, (cpu, queued), beside = time.perf_counter(), schedstat(), others_cpu()
        phases.append((landing_start, f"{step}: landing repaint"))
        app.processEvents()  # the repaint the last picture asked for
        (cpu_end, queued_end), wall = schedstat(), time.perf_counter() - landing_start
        landing_runs.append((wall, cpu_end - cpu, queued_end - queued, others_cpu() - beside))
        shown_runs.append(time.perf_counter() - start)
        return done

    start = time.perf_counter()
    timer.start()
    canvas.set_store(store)
    canvas.set_reference(reference)
    canvas.zoom_to_scale(*CENTRE, SCALE)
    first = redraw()
    shown_runs.clear()
    landing_runs.clear()
    phases.clear()
    opened_s = time.perf_counter() - start
    opening_gaps = np.diff([start, *ticks, time.perf_counter()]) * 1000
    for kept in (per_key, per_step, cpu_per_key, cpu_per_step, idle_cpu, idle_longest):
        kept.clear()
    ticks.clear()
    tick_stats.clear()
    tour_start, tour_stat = time.perf_counter(), schedstat()
    tour_cpu_start = time.process_time()
    views, runs, steps = [], [], []
    paused = 0.0
    for _ in range(repeat):
        for label, dx, dy in tour():
            step = f"{len(runs)} {label}"
            if pause > 0:  # the person looks at the map: the UI thread's event loop turns, idle jobs run
                pause_start = time.perf_counter()
                phases.append((pause_start, f"{step}: pause"))
                while time.perf_counter() - pause_start < pause:
                    app.processEvents()
                    time.sleep(0.002)
                paused += time.perf_counter() - pause_start
            if label == "zoom in":
                canvas._zoom_about(canvas.viewport().rect().center(), 1 / WHEEL_STEP)
            elif label == "zoom out":
                canvas._zoom_about(canvas.viewport().rect().center(), WHEEL_STEP)
            else:
                canvas._pan_pixels(dx * SIZE[0], dy * SIZE[1])
            runs.append(redraw(step))
            steps.append(label)
            view = canvas.current_view()
            views.append(
                {
                    "label": label,
                    "x0": view.x0,
                    "y0": view.y0,
                    "res": view.res,
                    "width": view.width,
                    "height": view.height,
                }
            )
    timer.stop()
    stamps = [tour_start, *ticks, time.perf_counter()]
    gaps = np.diff(stamps) * 1000
    # each turn of the event loop: the UI thread on a core, waiting for one (the machine's load), or
    # neither (blocked: the GIL, mostly)
    stats = np.array([tour_stat, *tick_stats, schedstat()]) * 1000
    on_core, for_core = np.diff(stats[:, 0]), np.diff(stats[:, 1])
    blocked = gaps - on_core - for_core
    longest_at = stamps[int(gaps.argmax())]  # where the longest block began: in which step and phase
    longest_phase = max((p for p in phases if p[0] <= longest_at), default=(0.0, "before the tour"))[1]
    tour_cpu_s = time.process_time() - tour_cpu_start  # every thread's, pauses included (the reading ahead)
    problems = canvas.problems()
    drawn = {key: item.image is not None for key, item in canvas.layers.items.items()}
    canvas.shutdown()
    canvas.close()
    collector.stop()
    hand_over_often(previous_interval)
    gc.callbacks.remove(on_gc)
    return {
        "switch_interval_s": interval,
        "first_redraw_ms": round(first * 1000, 1),
        "open_and_first_redraw_ms": round(opened_s * 1000, 1),
        "redraws": spread(runs),
        "redraws_ms": [round(r * 1000, 1) for r in runs],
        "shown": spread(shown_runs),
        "shown_ms": [round(r * 1000, 1) for r in shown_runs],
        "landing_repaint": spread([run[0] for run in landing_runs]),
        "landing_repaint_cpu": spread([run[1] for run in landing_runs]),
        "landing_repaint_waiting_for_a_core": spread([run[2] for run in landing_runs]),
        "landing_repaint_blocked": spread([max(0.0, run[0] - run[1] - run[2]) for run in landing_runs]),
        "landing_repaint_other_threads_cpu": spread([run[3] for run in landing_runs]),
        "steps": steps,
        "render_thread_ms_per_layer": {k: spread(v) for k, v in per_key.items()},
        "render_thread_ms_per_step": {k: [round(s * 1000, 1) for s in v] for k, v in per_step.items()},
        "render_thread_cpu_ms_per_layer": {k: spread(v) for k, v in cpu_per_key.items()},
        "render_thread_cpu_ms_per_step": {k: [round(s * 1000, 1) for s in v] for k, v in cpu_per_step.items()},
        "render_thread_cpu_ms_per_redraw": [
            round(sum(v[i] for v in cpu_per_step.values() if len(v) == len(runs)) * 1000, 1) for i in range(len(runs))
        ],
        "idle_jobs_cpu_s": {k: round(v, 2) for k, v in idle_cpu.items()},
        "idle_jobs_longest_ms": {k: round(v * 1000, 1) for k, v in idle_longest.items()},
        "pause_s": pause,
        "tour_wall_s": round(time.perf_counter() - tour_start, 2),
        "tour_cpu_s": round(tour_cpu_s, 2),
        "ui_longest_block_ms": round(float(gaps.max()), 1),
        "ui_blocks_over_50ms": int((gaps > 50).sum()),
        "ui_longest_block_in": longest_phase,
        "ui_longest_block_split_ms": {
            "on_a_core": round(float(on_core[gaps.argmax()]), 1),
            "waiting_for_a_core": round(float(for_core[gaps.argmax()]), 1),
            "blocked": round(float(blocked[gaps.argmax()]), 1),
        },
        "ui_longest_blocked_ms": round(float(blocked.max()), 1),  # in one turn: the GIL (or another lock)
        "ui_longest_block_opening_ms": round(float(opening_gaps.max()), 1),
        "gc_collections": len(collections),
        "gc_longest_ms": round(max(collections, default=0.0) * 1000, 1),
        "problems": problems,
        "layers_drawn": drawn,
        "views": views,
    }


# -- QGIS ------------------------------------------------------------------------------------------------
def qgis(store: Path, basemap: Path, image: Path, views: list[dict], repeat: int) -> dict:
    if not Path(QGIS_PYTHON).exists():
        return {"error": f"{QGIS_PYTHON} not found"}
    import bench_basemap_render as osm_bench

    from baytak_desktop.basemap import osm_style
    from baytak_desktop.layers import LAYERS
    from baytak_desktop.layers.style import default_style

    style = default_style(LAYERS["brick_factories"])
    categories = {k.value: k.symbol.fill for k in style.categories}
    styles = {
        "roads": {k: [v.colour, list(v.widths), v.casing, v.casing_px] for k, v in osm_style.ROADS.items()},
        "railways": {k: [v.colour, list(v.widths), None, 0] for k, v in osm_style.RAILWAYS.items()},
        "waterways": {k: [v.colour, list(v.widths), None, 0] for k, v in osm_style.WATERWAYS.items()},
        "landcover": {k: v.fill for k, v in osm_style.LANDCOVER.items()},
        "water": osm_style.WATER.fill,
        "buildings": osm_style.BUILDINGS.fill,
        "protected": osm_style.PROTECTED.fill,
        "band_limits": list(osm_style.BAND_LIMITS),
        "points": categories,
    }
    request = json.dumps(
        {
            "path": str(basemap),
            "store": str(store),
            "image": str(image),
            "views": views,
            "repeat": repeat,
            "styles": styles,
            "size": SIZE,
        }
    )
    script_text = osm_bench.QGIS_PEER.rsplit("\nmain()", 1)[0] + QGIS_FIELD_PEER
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "qgis_field_peer.py"
        script.write_text(script_text)
        done = subprocess.run(
            [QGIS_PYTHON, str(script)],
            check=False,
            input=request,
            capture_output=True,
            text=True,
            env=env,
            timeout=3600,
        )
    try:  # QGIS 3.22 may crash on exit after printing its figures: the figures count, the exit code not
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": done.stderr[-2000:], "returncode": done.returncode}


QGIS_FIELD_PEER = r"""

def field_main():
    from qgis.core import QgsRasterLayer
    request = json.loads(sys.stdin.read())
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    from qgis.core import Qgis
    path, styles = request["path"], request["styles"]
    raster = QgsRasterLayer(request["image"], "orthophoto")
    if not raster.isValid():
        raise SystemExit("QGIS cannot open the image")
    points = QgsVectorLayer(f"{request['store']}|layername=brick_factories", "points", "ogr")
    categories = [
        QgsRendererCategory(value, QgsMarkerSymbol.createSimple({
            "name": "circle", "color": colour, "outline_color": "#ffffff", "size": "7", "size_unit": "Pixel",
            "outline_width": "1", "outline_width_unit": "Pixel"}), value)
        for value, colour in styles["points"].items()
    ]
    points.setRenderer(QgsCategorizedSymbolRenderer("status", categories))
    runs, first = [], None
    stacks = {}
    for index, view in enumerate(request["views"]):
        scale = 20000 * view["res"] / request["views"][0]["res"]
        b = band(scale, styles["band_limits"])
        key = round(scale)
        if key not in stacks:
            stacks[key] = [
                points,
                lines(path, "osm_railways", scale, False, styles["railways"], b),
                lines(path, "osm_roads", scale, False, styles["roads"], b),
                raster,
                areas(path, "osm_buildings", scale, False, styles["buildings"]),
                lines(path, "osm_waterways", scale, False, styles["waterways"], b),
                areas(path, "osm_water", scale, False, styles["water"]),
                areas(path, "osm_protected", scale, False, styles["protected"]),
                areas(path, "osm_landcover", scale, False, styles["landcover"]),
            ]
        settings = QgsMapSettings()
        settings.setLayers(stacks[key])
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        settings.setOutputSize(QSize(*request["size"]))
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        settings.setFlag(QgsMapSettings.Antialiasing, True)
        x0, y0 = view["x0"], view["y0"]
        x1, y1 = x0 + view["width"] * view["res"], y0 + view["height"] * view["res"]
        settings.setExtent(QgsRectangle(x0, -y1, x1, -y0))
        job = QgsMapRendererSequentialJob(settings)
        start = time.perf_counter()
        job.start()
        job.waitForFinished()
        elapsed = time.perf_counter() - start
        if first is None:
            first = elapsed
        else:
            runs.append(elapsed)
    runs.sort()
    out = {
        "qgis": Qgis.QGIS_VERSION,
        "first_redraw_ms": round(first * 1000, 1),
        "redraws": {"median_ms": round(statistics.median(runs) * 1000, 1),
                    "p90_ms": round(runs[int(0.9 * (len(runs) - 1))] * 1000, 1),
                    "max_ms": round(runs[-1] * 1000, 1), "n": len(runs)},
        "redraws_ms": [round(r * 1000, 1) for r in runs],
    }
    app.exitQgis()
    print(json.dumps(out))


field_main()
"""


def main() -> None:
    args = parse()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    folder = args.cache
    folder.mkdir(parents=True, exist_ok=True)
    extract = build_extract(folder, args.step)
    basemap, meta = build_basemap(extract, folder)
    image = build_image(folder, args.gigabytes, args.pixel_m)
    store = build_store(folder, args.points, basemap, meta, image)
    add_s = folder / f"{image.stem}.add_s"
    c.log("ours (the canvas) ...")
    mine = ours(store, args.repeat, args.pause, args.switch_interval)
    views = mine.pop("views")
    peer = {"skipped": True}
    if not args.no_qgis:
        c.log("QGIS ...")
        peer = qgis(store, basemap, image, views, args.repeat)
    app.processEvents()
    redraws = mine["redraws"]
    c.emit(
        {
            "benchmark": "field_view",
            "view": {"size": f"{SIZE[0]}x{SIZE[1]}", "scale": f"1:{SCALE:,}", "centre": CENTRE},
            "osm_copies_step_deg": args.step,
            "data": {
                "points": args.points,
                "points_area_lonlat": [round(v, 4) for v in pan_area()],
                "image_bytes": image.stat().st_size,
                "image_ovr_bytes": (image.parent / (image.name + ".ovr")).stat().st_size
                if (image.parent / (image.name + ".ovr")).exists()
                else None,
                "image_pixel_m": args.pixel_m,
                "image_add_s": float(add_s.read_text()) if add_s.exists() else None,
                "extract_mb": round(extract.stat().st_size / 1e6, 1),
                "basemap_mb": round(basemap.stat().st_size / 1e6, 1),
                "basemap_features": sum(n for k, n in meta["counts"].items() if not k.endswith("_low")),
            },
            "ours": mine,
            "qgis": peer,
            "ratio_median_ours_to_qgis": c.ratio(redraws["median_ms"], peer["redraws"]["median_ms"])
            if "redraws" in peer
            else None,
            "meets_target": {
                "redraw_median_under_100ms": redraws["median_ms"] < TARGET_MS,
                "redraw_max_under_100ms": redraws["max_ms"] < TARGET_MS,
                "ui_never_blocked_over_50ms": mine["ui_longest_block_ms"] <= UI_TARGET_MS,
            },
            "machine": c.machine_info(str(folder)),
        }
    )


if __name__ == "__main__":
    main()
