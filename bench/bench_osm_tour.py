"""The OSM basemap layer alone over the field view's tour: CPU time of each redraw on this thread.

    .venv/bin/python bench/bench_osm_tour.py [--basemap BASEMAP.gpkg] [--repeat 2]

``bench_field_view.py`` times whole redraws of the canvas (wall time, every layer on the one render
thread): on a machine shared with other work its figures swing by 2x from run to run. This one runs
``render_osm`` as the render worker does, for the same 1600 x 1000 view at 1:20,000 around 77.43 E
43.62 N and the same tour (pans of a quarter view each way, wheel zooms to 1:14,142 and 1:28,284 and
back), ``--repeat`` times, and reports the thread's CPU time (``time.thread_time``) per step beside
the wall time: what the layer costs, whatever else runs. The first tour starts with no tiles read
(a fresh start); the later ones draw from the tiles kept, as a session goes on.

The basemap is the field view's (built by ``bench_field_view.py`` into its cache folder): the Helsinki
extract tiled 10 x 10, a dense city everywhere. One JSON object on stdout.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import _common as c
import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SIZE = (1600, 1000)
SCALE = 20_000
CENTRE = (77.43, 43.62)
WHEEL = math.sqrt(2.0)
TOUR = (
    ("pan east", 0.25, 0.0),
    ("pan south", 0.0, 0.25),
    ("pan west", -0.25, 0.0),
    ("pan west", -0.25, 0.0),
    ("pan north", 0.0, -0.25),
    ("pan north", 0.0, -0.25),
    ("pan east", 0.25, 0.0),
    ("pan south", 0.0, 0.25),
    ("zoom in", 1 / WHEEL, 0.0),
    ("zoom out", WHEEL, 0.0),
    ("zoom out", WHEEL, 0.0),
    ("zoom in", 1 / WHEEL, 0.0),
)


def parse() -> argparse.Namespace:
    default = Path(tempfile.gettempdir()) / "baytak-bench-field-view" / "tiled_helsinki.basemap.gpkg"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basemap", type=Path, default=default, help=f"the basemap (default {default})")
    parser.add_argument("--repeat", type=int, default=2, help="tours (default 2)")
    return parser.parse_args()


def spread(values_ms: list[float]) -> dict[str, float]:
    a = np.asarray(values_ms)
    return {
        "median_ms": round(float(np.median(a)), 1),
        "p90_ms": round(float(np.percentile(a, 90)), 1),
        "max_ms": round(float(a.max()), 1),
        "sum_ms": round(float(a.sum()), 1),
    }


def main() -> None:
    args = parse()
    if not args.basemap.exists():
        raise SystemExit(f"{args.basemap} is missing: run bench_field_view.py first (it builds it)")
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.mapdata.projection import View, to_scene
    from baytak_desktop.ui.paint.osm import OsmJob, render_osm

    app = QApplication.instance() or QApplication([])  # noqa: F841  (fonts and images need it)
    width, height = SIZE
    res = SCALE * 0.0254 / 96 / math.cos(math.radians(CENTRE[1]))
    x, y = to_scene(np.array([CENTRE[0]]), np.array([CENTRE[1]]))
    view = View(float(x[0]) - width / 2 * res, float(y[0]) - height / 2 * res, res, width, height)
    job = OsmJob(args.basemap)

    def timed(v: View) -> tuple[float, float, int]:
        cpu, wall = time.thread_time(), time.perf_counter()
        rendered = render_osm(job, v)
        return (time.thread_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000, rendered.features

    first_cpu, first_wall, features = timed(view)
    tours = []
    for _ in range(args.repeat):
        steps = []
        for label, a, b in TOUR:
            if label.startswith("pan"):
                view = replace(
                    view, x0=view.x0 + round(a * width) * view.res, y0=view.y0 + round(b * height) * view.res
                )
            else:
                cx, cy = view.x0 + width / 2 * view.res, view.y0 + height / 2 * view.res
                r = view.res * a
                view = View(cx - width / 2 * r, cy - height / 2 * r, r, width, height)
            cpu, wall, _ = timed(view)
            steps.append({"step": label, "cpu_ms": round(cpu, 1), "wall_ms": round(wall, 1)})
        tours.append(steps)
    every = [s for steps in tours for s in steps]
    later = [s for steps in tours[1:] for s in steps]
    c.emit(
        {
            "benchmark": "osm_tour",
            "machine": c.machine_info(),
            "basemap": str(args.basemap),
            "view": {"size": f"{width}x{height}", "scale": f"1:{SCALE:,}", "centre": list(CENTRE)},
            "first_render": {"cpu_ms": round(first_cpu, 1), "wall_ms": round(first_wall, 1), "features": features},
            "cpu": spread([s["cpu_ms"] for s in every]),
            "wall": spread([s["wall_ms"] for s in every]),
            "cpu_tiles_kept": spread([s["cpu_ms"] for s in later]) if later else None,
            "tours": tours,
        }
    )


if __name__ == "__main__":
    main()
