"""Imagery benchmark: a generated 1 GB drone orthophoto, its overviews, and views read for redraws.

    .venv/bin/python bench/bench_imagery.py [--gigabytes 1.0] [--repeat 5] [--keep DIR]

Generates an uncompressed 3-band 8-bit GeoTIFF of ``--gigabytes`` in UTM zone 43N (0.1 m pixels,
as a drone flight over the Abat quarry near Otegen Batyr would give), then measures:
(a) ``add_image``: SHA-256 plus the .ovr sidecar (built once), against ``gdaladdo -ro`` building the
same external overviews where GDAL's tools are installed;
(b) ``read_view`` of a 1600 x 1000 view in EPSG:3857 at 1:20,000, 1:5,000 and 1:1,000 centred on
the image (cold: the first read after opening; warm: the redraws after it), against rasterio's
``reproject`` of the same view from the full-resolution image without overviews.
Target (the issue): a 1600 x 1000 redraw under 100 ms once the overviews exist. One JSON object.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import _common as c
import numpy as np

OGC_PIXEL_M = 0.00028  # the standard rendering pixel: 1:S means S * 0.28 mm per screen pixel
VIEW = (1600, 1000)
SCALES = (20_000, 5_000, 1_000)
TARGET_MS = 100.0
CENTRE_LONLAT = (77.43, 43.62)  # near Otegen Batyr, Ile district (illustrative)


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gigabytes", type=float, default=1.0, help="size of the generated image (default 1)")
    parser.add_argument("--repeat", type=int, default=5, help="warm reads per scale (default 5)")
    parser.add_argument("--keep", type=Path, help="generate into this folder and keep the files")
    return parser.parse_args()


def make_orthophoto(path: Path, gigabytes: float) -> tuple[int, int]:
    """A textured RGB image (fields, tracks, a pit), written band-interleaved in 512-row strips."""
    import rasterio
    from pyproj import Transformer
    from rasterio.transform import from_origin

    side = int(math.sqrt(gigabytes * 1e9 / 3))
    width, height = side, side
    x, y = Transformer.from_crs(4326, 32643, always_xy=True).transform(*CENTRE_LONLAT)
    transform = from_origin(x - width * 0.05, y + height * 0.05, 0.1, 0.1)
    profile = {
        "driver": "GTiff",
        "width": width,
        "height": height,
        "count": 3,
        "dtype": "uint8",
        "crs": "EPSG:32643",
        "transform": transform,
        "tiled": True,
        "blockxsize": 512,
        "blockysize": 512,
        "interleave": "pixel",
        "BIGTIFF": "YES",
    }
    rng = np.random.default_rng(20261206)
    columns = np.arange(width)
    with rasterio.open(path, "w", **profile) as dst:
        for top in range(0, height, 512):
            rows = min(512, height - top)
            yy = (top + np.arange(rows))[:, None]
            fields = ((columns[None, :] // 1500 + yy // 1100) % 3).astype(np.uint8)
            pit = (((columns[None, :] - width / 2) ** 2 + (yy - height / 2) ** 2) < (width / 6) ** 2).astype(np.uint8)
            noise = rng.integers(0, 24, (rows, width), dtype=np.uint8)
            base = 120 + 30 * fields - 40 * pit + noise
            dst.write(
                np.stack([base + 20, base + 10, base - 10]).astype(np.uint8), window=((top, top + rows), (0, width))
            )
    return width, height


def view_at(entry: object, scale: int) -> object:
    from pyproj import Transformer

    from baytak_desktop.basemap.imagery_view import View

    x, y = Transformer.from_crs(4326, 3857, always_xy=True).transform(*CENTRE_LONLAT)
    stretch = 1 / math.cos(math.radians(CENTRE_LONLAT[1]))  # Web Mercator metres per ground metre here
    half_w = VIEW[0] / 2 * scale * OGC_PIXEL_M * stretch
    half_h = VIEW[1] / 2 * scale * OGC_PIXEL_M * stretch
    return View((x - half_w, y - half_h, x + half_w, y + half_h), *VIEW)


def measure_views(entry: object, repeat: int) -> dict[str, object]:
    """Screen redraws (nearest, the default) and print quality (bilinear) at each scale."""
    from rasterio.enums import Resampling

    from baytak_desktop.basemap.imagery_view import close_datasets, read_view

    out: dict[str, object] = {}
    for scale in SCALES:
        for label, resampling in (("screen_nearest", Resampling.nearest), ("print_bilinear", Resampling.bilinear)):
            close_datasets()
            view = view_at(entry, scale)
            start = time.perf_counter()
            pixels = read_view(entry, view, resampling=resampling)
            cold = time.perf_counter() - start
            warm = []
            for _ in range(repeat):
                start = time.perf_counter()
                read_view(entry, view, resampling=resampling)
                warm.append(time.perf_counter() - start)
            out[f"1:{scale} {label}"] = {
                "cold_ms": round(cold * 1000, 1),
                "warm": c.distribution_ms(warm),
                "covered_fraction": round(float((pixels[..., 3] == 255).mean()), 3),
                "meets_target": statistics.median(warm) * 1000 < TARGET_MS,
            }
    return out


def peer_full_resolution(image: Path, view: object) -> float:
    """rasterio.warp.reproject of the view straight from the full-resolution band (no overviews)."""
    import rasterio
    from rasterio.transform import from_bounds
    from rasterio.warp import Resampling, reproject

    out = np.zeros((3, VIEW[1], VIEW[0]), dtype=np.uint8)
    with rasterio.open(image) as src:
        start = time.perf_counter()
        reproject(
            rasterio.band(src, [1, 2, 3]),
            out,
            dst_transform=from_bounds(*view.bounds, *VIEW),
            dst_crs="EPSG:3857",
            resampling=Resampling.bilinear,
        )
        return time.perf_counter() - start


def main() -> None:
    args = parse()
    from baytak_desktop.basemap.imagery import add_image
    from baytak_desktop.store import Store

    folder = args.keep or Path(tempfile.mkdtemp(prefix="baytak-bench-imagery-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        image = folder / "abat_orthophoto.tif"
        for stale in (image, Path(str(image) + ".ovr"), folder / "field.gpkg"):
            stale.unlink(missing_ok=True)
        c.log(f"generating a {args.gigabytes:g} GB orthophoto")
        start = time.perf_counter()
        width, height = make_orthophoto(image, args.gigabytes)
        generated_s = time.perf_counter() - start
        peer = {}
        if shutil.which("gdaladdo"):
            copy = folder / "peer.tif"
            os.link(image, copy)
            start = time.perf_counter()
            subprocess.run(
                ["gdaladdo", "-q", "-ro", "-r", "average", "--config", "COMPRESS_OVERVIEWS", "DEFLATE", str(copy)],
                check=True,
            )
            peer["gdaladdo_ro_average_deflate_s"] = round(time.perf_counter() - start, 2)
            Path(str(copy) + ".ovr").unlink(missing_ok=True)
            copy.unlink()
        c.log("adding it to a store (SHA-256 + overviews)")
        with Store.create(folder / "field.gpkg") as store:
            start = time.perf_counter()
            entry = add_image(store, image, "2026-07-15", "Abat quarry")
            added_s = time.perf_counter() - start
        c.log("reading views")
        views = measure_views(entry, args.repeat)
        peer["full_resolution_reproject_1_20000_ms"] = round(
            peer_full_resolution(image, view_at(entry, 20_000)) * 1000, 1
        )
        c.emit(
            {
                "benchmark": "imagery",
                "image": {
                    "pixels": [width, height],
                    "bytes": image.stat().st_size,
                    "ovr_bytes": Path(str(image) + ".ovr").stat().st_size,
                    "crs": entry.crs,
                    "resolution_m": entry.resolution_m,
                    "generated_s": round(generated_s, 1),
                },
                "add_image_s": round(added_s, 2),
                "add_image_mb_per_s": round(image.stat().st_size / 1e6 / added_s, 1),
                "views_1600x1000": views,
                "peer": peer,
                "target_ms": TARGET_MS,
                "machine": c.machine_info(str(folder)),
            }
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
