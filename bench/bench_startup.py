"""Start-up benchmark: from process start to a drawn map, with the demo store.

    .venv/bin/python bench/bench_startup.py [--repeat 3] [--size 1280x820]

Each run starts ``baytak-desktop DEMO.gpkg --screenshot OUT.png`` in a fresh process (offscreen Qt),
exactly what a user's start does up to the first complete map: Python start, imports, opening the
store, building the window, drawing the basemap and every layer. ``drawn_s`` is measured from just
before the process is spawned to the moment the canvas reports it is idle (written by the app to
the file named in ``BAYTAK_DRAWN_STAMP``); ``process_s`` also includes saving the PNG and exiting.
The demo store is built once, untimed. Target: drawn_s < 3 s. One JSON object goes to stdout.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _common as c

TARGET_S = 3.0


def extra_args(parser) -> None:
    parser.add_argument("--size", default="1280x820", help="window size WxH (default 1280x820)")


def one_start(store: Path, out: Path, stamp: Path, size: str, config: Path) -> tuple[float, float]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        BAYTAK_DRAWN_STAMP=str(stamp),
        XDG_CONFIG_HOME=str(config),
        XDG_DATA_HOME=str(config),
    )
    stamp.unlink(missing_ok=True)
    start_wall = time.time()
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "baytak_desktop.ui.app",
            str(store),
            "--screenshot",
            str(out),
            "--size",
            size,
            "--lang",
            "en",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    process_s = time.perf_counter() - start
    drawn_s = float(stamp.read_text()) - start_wall
    return drawn_s, process_s


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=0, extra=extra_args)
    from baytak_desktop.demo import build_demo
    from baytak_desktop.store import Store

    with tempfile.TemporaryDirectory(prefix="baytak-bench-startup-") as folder:
        tmp = Path(folder)
        store = tmp / "demo.gpkg"
        with Store.create(store) as created:
            counts = build_demo(created)
        c.log("warm-up start (not counted)")
        one_start(store, tmp / "warm.png", tmp / "stamp", args.size, tmp / "config")
        drawn, process = [], []
        for i in range(args.repeat):
            d, p = one_start(store, tmp / f"shot-{i}.png", tmp / "stamp", args.size, tmp / "config")
            c.log(f"run {i + 1}: drawn {d:.3f} s, process {p:.3f} s")
            drawn.append(d)
            process.append(p)
        result = {
            "benchmark": "startup_to_drawn_map",
            "store": {"demo_features": counts},
            "window": args.size,
            "drawn_s": c.seconds(drawn),
            "process_s": c.seconds(process),
            "target_s": TARGET_S,
            "meets_target": min(drawn) < TARGET_S and sorted(drawn)[len(drawn) // 2] < TARGET_S,
            "machine": c.machine_info(str(tmp)),
        }
    c.emit(result)


if __name__ == "__main__":
    main()
