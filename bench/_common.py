"""Shared helpers for the benchmarks: machine info, seeded data, repeated timing, JSON output.

Every benchmark prints ONE JSON object to stdout. Timed steps run ``--repeat`` times (3 by default)
and are reported as ``{"min_s": ..., "median_s": ..., "runs_s": [...]}``. Nothing here asserts: a
benchmark reports its target, the measured ratio and ``meets_target`` and lets the reader judge.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

# The benchmarks run from a checkout: make ``baytak_desktop`` importable even without an editable install.
_SRC = Path(__file__).resolve().parent.parent / "src"
if _SRC.is_dir() and str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

LAYER = "brick_factories"
_LOAD_AT_START = os.getloadavg() if hasattr(os, "getloadavg") else None
# validation.REGION: lon 44..90, lat 36..56.5; points outside it draw a warning on import.
REGION = (44.0, 36.0, 90.0, 56.5)
STATUSES = ("operating", "closed", "relocated", "unknown")


def parse_args(
    description: str,
    n: int,
    extra: Callable[[argparse.ArgumentParser], None] | None = None,
) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--n", type=int, default=n, help=f"number of points (default {n:,})")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timed step (default 3)")
    parser.add_argument("--seed", type=int, default=20261121, help="random seed for the data")
    if extra:
        extra(parser)
    return parser.parse_args()


# -- data ------------------------------------------------------------------------------------------
def random_points(n: int, seed: int, region: tuple[float, float, float, float] = REGION):
    """``n`` uniform points in ``region`` (a shapely array) with a name and a status each."""
    import shapely

    rng = np.random.default_rng(seed)
    x = rng.uniform(region[0], region[2], n)
    y = rng.uniform(region[1], region[3], n)
    names = [f"Factory {i}" for i in range(n)]
    statuses = rng.choice(np.array(STATUSES, dtype=object), n).tolist()
    return names, statuses, shapely.points(x, y)


def random_frame(n: int, seed: int):
    """The same points as a GeoDataFrame in EPSG:4326 with the columns name and status."""
    import geopandas as gpd

    names, statuses, geoms = random_points(n, seed)
    return gpd.GeoDataFrame({"name": names, "status": statuses}, geometry=geoms, crs="EPSG:4326")


# -- timing ----------------------------------------------------------------------------------------
def timed(
    step: Callable[[int], Any],
    repeat: int,
    setup: Callable[[int], Any] | None = None,
    teardown: Callable[[int, Any], None] | None = None,
) -> tuple[dict[str, Any], Any]:
    """Run ``setup(i)`` (untimed), ``step(i)`` (timed; gets setup's result if any) and ``teardown``
    ``repeat`` times; returns the timing summary and the last result."""
    runs, result = [], None
    for i in range(repeat):
        arg = setup(i) if setup else i
        gc.collect()
        start = time.perf_counter()
        result = step(arg)
        runs.append(time.perf_counter() - start)
        if teardown:
            teardown(i, result)
    return seconds(runs), result


def seconds(runs: list[float]) -> dict[str, Any]:
    return {
        "min_s": round(min(runs), 4),
        "median_s": round(statistics.median(runs), 4),
        "runs_s": [round(r, 4) for r in runs],
    }


def distribution_ms(values_s: list[float]) -> dict[str, float]:
    """Median, p95, min, max and mean of a list of durations in seconds, in milliseconds."""
    ms = np.asarray(values_s) * 1000.0
    return {
        "median_ms": round(float(np.median(ms)), 3),
        "p95_ms": round(float(np.percentile(ms, 95)), 3),
        "min_ms": round(float(ms.min()), 3),
        "max_ms": round(float(ms.max()), 3),
        "mean_ms": round(float(ms.mean()), 3),
    }


def ratio(ours: float, peer: float) -> float:
    return round(ours / peer, 3) if peer > 0 else float("inf")


# -- machine ---------------------------------------------------------------------------------------
def machine_info(temp_dir: str | None = None) -> dict[str, Any]:
    import geopandas
    import pyogrio
    import shapely

    try:
        affinity = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        affinity = None
    info = {
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "gdal": pyogrio.__gdal_version_string__,
        "pyogrio": pyogrio.__version__,
        "shapely": shapely.__version__,
        "geos": shapely.geos_version_string,
        "geopandas": geopandas.__version__,
        "numpy": np.__version__,
        "cpu_count": os.cpu_count(),
        "cpu_usable": affinity,
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        # other processes (a test run...) on a 2-core machine skew the figures: the load says so
        "loadavg_1_5_15_at_start": [round(v, 2) for v in _LOAD_AT_START] if _LOAD_AT_START else None,
        "loadavg_1_5_15_at_end": [round(v, 2) for v in os.getloadavg()] if _LOAD_AT_START else None,
        "tools": {name: shutil.which(name) for name in ("ogr2ogr", "ogrinfo", "qgis", "qgis_process")},
    }
    if temp_dir:
        info["temp_filesystem"] = _filesystem(temp_dir)
    info["checkout"] = _checkout()
    return info


def _checkout() -> dict[str, Any] | None:
    """The commit measured and how many files under src/ differ from it (read-only git calls)."""
    root = Path(__file__).resolve().parent.parent
    try:

        def git(*args: str) -> str:
            return subprocess.run(
                ["git", "--no-optional-locks", *args], cwd=root, capture_output=True, text=True, timeout=10, check=True
            ).stdout.strip()

        changed = [line for line in git("status", "--porcelain", "--", "src").splitlines() if line]
        return {"head": git("rev-parse", "--short", "HEAD"), "src_files_changed_since_head": len(changed)}
    except (OSError, subprocess.SubprocessError):
        return None


def _cpu_model() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or None


def _filesystem(path: str) -> str | None:
    """The filesystem type under ``path`` (fsync on ext4 costs real time, on tmpfs nothing)."""
    try:
        best, kind = "", None
        real = os.path.realpath(path)
        for line in Path("/proc/mounts").read_text().splitlines():
            parts = line.split()
            mount = parts[1]
            if (real == mount or real.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best):
                best, kind = mount, parts[2]
        return kind
    except OSError:
        return None


def missing_tools_note(tools: dict[str, str | None]) -> str:
    missing = [name for name, where in tools.items() if where is None]
    if not missing:
        return "all found"
    return "not installed: " + ", ".join(missing) + " (GDAL is used through pyogrio's bundled library instead)"


def emit(result: dict[str, Any]) -> None:
    """Print ``result`` as indented JSON, with short lists of numbers kept on one line."""
    text = json.dumps(result, indent=2, default=str)
    text = re.sub(r"\[\s+([-0-9.e,\s]+?)\s+\]", lambda m: "[" + " ".join(m.group(1).split()) + "]", text)
    sys.stdout.write(text + "\n")


def log(message: str) -> None:
    """Progress goes to stderr so stdout stays one JSON object."""
    print(message, file=sys.stderr, flush=True)
