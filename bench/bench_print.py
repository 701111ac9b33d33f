"""Print layout benchmark: an A4 exhibit of the demo data at 300 dpi, as `baytak exhibit` makes it.

    .venv/bin/python bench/bench_print.py [--repeat 3]

Each run is the whole command path: the spec is checked, a child process starts (Python, Qt offscreen,
the Kazakh-capable font), reads the store's styles and features, paints the basemap and every layer as
vectors and writes the file. ``end_to_end_s`` is measured around ``render_exhibit`` (target: under 5 s for
the PDF); ``paint_s`` is the child's own time (``seconds`` in its answer), without the process start.
PNG at 300 dpi (8.7 million pixels) and SVG are measured too. One JSON object goes to stdout.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import _common as c

TARGET_S = 5.0


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=0)
    from baytak_desktop.demo import build_demo
    from baytak_desktop.exhibits.print_spec import spec_from_options
    from baytak_desktop.exhibits.render_process import render_exhibit
    from baytak_desktop.store import Store

    with tempfile.TemporaryDirectory(prefix="baytak-bench-print-") as folder:
        tmp = Path(folder)
        store = tmp / "demo.gpkg"
        with Store.create(store) as created:
            counts = build_demo(created)
        render_exhibit(spec_from_options(store, tmp / "warm.pdf", title="warm-up"))  # fills the OS file cache
        formats = {}
        for fmt in ("pdf", "png", "svg"):
            runs, sizes = [], []
            for i in range(args.repeat):
                spec = spec_from_options(
                    store, tmp / f"run{i}.{fmt}", title="Demo exhibit", dpi=300, lang="kk" if i % 2 else "en"
                )
                start = time.perf_counter()
                render_exhibit(spec)
                runs.append(time.perf_counter() - start)
                sizes.append(spec.out.stat().st_size)
                c.log(f"{fmt} run {i + 1}: {runs[-1]:.3f} s, {sizes[-1] / 1e6:.2f} MB")
            formats[fmt] = {"end_to_end_s": c.seconds(runs), "bytes": max(sizes)}
        pdf = formats["pdf"]["end_to_end_s"]
        result = {
            "benchmark": "print_a4_300dpi_demo",
            "store": {"demo_features": counts},
            "page": "A4 portrait, 300 dpi, every layer, default extent",
            "formats": formats,
            "target_s": TARGET_S,
            "meets_target": pdf["median_s"] < TARGET_S,
            "machine": c.machine_info(str(tmp)),
        }
    c.emit(result)


if __name__ == "__main__":
    main()
