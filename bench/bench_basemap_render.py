"""OSM basemap drawing benchmark: a 1366 x 768 view of the Helsinki extract, ours against QGIS 3.22.

    .venv/bin/python bench/bench_basemap_render.py [--repeat 5] [--extract FILE.osm.pbf]

Builds the basemap GeoPackage from the extract (tests/data/osm/Helsinki.osm.pbf by default, a real
OSM extract), then times what the canvas's render workers do for a view at 1:20,000 (the field scale
of the issue) and, for context, 1:5,000 and 1:100,000: ``render_osm`` (land cover, water, buildings,
roads with casings, railways) and ``render_overlay`` with the basemap's names (the settlement labels).
The peer is QGIS rendering the same GeoPackage tables, filtered by ``max_scale`` as ours are, with
categorised symbols by class in the same colours and widths (casings as a second symbol layer) and
point labels for the places, through ``QgsMapRendererSequentialJob`` on the system python3 where
python3-qgis is installed. Layers are loaded before timing on both sides; the first draw is reported
separately. One JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import tempfile
import time
from pathlib import Path

import _common as c
import numpy as np

SIZE = (1366, 768)
SCALES = (20_000, 5_000, 100_000)
CENTRE = (24.944, 60.171)
QGIS_PYTHON = "/usr/bin/python3"
HELSINKI = Path(__file__).resolve().parent.parent / "tests" / "data" / "osm" / "Helsinki.osm.pbf"


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed draws per scale (default 5)")
    parser.add_argument(
        "--extract", type=Path, default=HELSINKI, help="the .osm.pbf (default: the Helsinki test extract)"
    )
    parser.add_argument("--centre", default=",".join(map(str, CENTRE)), help="lon,lat of the view centre")
    return parser.parse_args()


def view_at(lon: float, lat: float, scale: float):
    from baytak_desktop.mapdata.projection import View, to_scene

    res = scale * 0.0254 / 96 / math.cos(math.radians(lat))
    x, y = to_scene(np.array([lon]), np.array([lat]))
    return View(float(x[0]) - SIZE[0] / 2 * res, float(y[0]) - SIZE[1] / 2 * res, res, *SIZE)


def ours(path: Path, centre: tuple[float, float], repeat: int) -> dict:
    from baytak_desktop.ui.paint.basemap import OverlayJob, render_overlay
    from baytak_desktop.ui.paint.osm import OsmJob, render_osm

    out = {}
    for scale in SCALES:
        view = view_at(*centre, scale)
        start = time.perf_counter()
        first = render_osm(OsmJob(path), view)
        first_s = time.perf_counter() - start
        base, rendered = c.timed(lambda _: render_osm(OsmJob(path), view), repeat)
        overlay_job = OverlayJob(None, None, (), "kk", ((path, None),))
        names, labelled = c.timed(lambda _: render_overlay(overlay_job, view), repeat)
        out[f"1:{scale}"] = {
            "features": rendered.features,
            "first_s": round(first_s, 4),
            "base": base,
            "names": names,
            "labels_placed": len(labelled.labels),
            "total_min_s": round(base["min_s"] + names["min_s"], 4),
            "view": {"x0": view.x0, "y0": view.y0, "res": view.res, "width": view.width, "height": view.height},
            "drew_something": first.image is not None,
        }
    return out


def qgis(path: Path, views: dict, repeat: int) -> dict:
    if not Path(QGIS_PYTHON).exists():
        return {"error": f"{QGIS_PYTHON} not found"}
    from baytak_desktop.basemap import osm_style

    styles = {
        "roads": {k: [v.colour, list(v.widths), v.casing, v.casing_px] for k, v in osm_style.ROADS.items()},
        "railways": {k: [v.colour, list(v.widths), None, 0] for k, v in osm_style.RAILWAYS.items()},
        "waterways": {k: [v.colour, list(v.widths), None, 0] for k, v in osm_style.WATERWAYS.items()},
        "landcover": {k: v.fill for k, v in osm_style.LANDCOVER.items()},
        "water": osm_style.WATER.fill,
        "buildings": osm_style.BUILDINGS.fill,
        "protected": osm_style.PROTECTED.fill,
        "band_limits": list(osm_style.BAND_LIMITS),
    }
    request = json.dumps({"path": str(path), "views": views, "repeat": repeat, "styles": styles, "size": SIZE})
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "qgis_osm_peer.py"
        script.write_text(QGIS_PEER)
        done = subprocess.run(
            [QGIS_PYTHON, str(script)],
            check=False,
            input=request,
            capture_output=True,
            text=True,
            env=env,
            timeout=1800,
        )
    try:  # QGIS 3.22 may crash on exit after printing its figures: the figures count, the exit code not
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {"error": done.stderr[-2000:], "returncode": done.returncode}


def main() -> None:
    args = parse()
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])
    from baytak_desktop.basemap.build import build_basemap

    centre = tuple(float(v) for v in args.centre.split(","))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / f"{args.extract.name.split('.')[0]}.basemap.gpkg"
        c.log(f"building {out.name} ...")
        built = build_basemap(args.extract, out)
        c.log("ours ...")
        mine = ours(out, centre, args.repeat)
        c.log("QGIS ...")
        peer = qgis(out, {k: v["view"] for k, v in mine.items()}, args.repeat)
    ratios = {}
    for key, entry in mine.items():
        entry.pop("view")
        if key in peer.get("scales", {}):
            ratios[key] = c.ratio(entry["total_min_s"], peer["scales"][key]["min_s"])
    main_key = f"1:{SCALES[0]}"
    app.processEvents()
    c.emit(
        {
            "benchmark": "basemap_render",
            "extract": str(args.extract.name),
            "extract_mb": round(args.extract.stat().st_size / 1e6, 2),
            "features_in_basemap": sum(n for name, n in built.counts.items() if not name.endswith("_low")),
            "image": f"{SIZE[0]}x{SIZE[1]}",
            "repeat": args.repeat,
            "ours": mine,
            "qgis": peer,
            "ratio_ours_to_qgis_min": ratios,
            "meets_target": {
                "no_slower_than_qgis_at_1_20000": ratios.get(main_key, float("inf")) <= 1.0,
                "under_100ms_at_1_20000": mine[main_key]["total_min_s"] < 0.1,
            },
            "machine": c.machine_info(),
        }
    )


# The QGIS side, run by the system python3 (python3-qgis is not in the venv); kept here so the whole
# benchmark is one file.
QGIS_PEER = r'''"""The QGIS side of bench_basemap_render.py; runs under the SYSTEM python3 (python3-qgis).

Loads the basemap's osm_* tables (the *_low copies from 1:250,000 on), each filtered by
"max_scale >= S" as ours is, with categorised symbols by class in our colours and widths (pixels),
road casings as a lower symbol layer, and point labels for the places; renders each view with
QgsMapRendererSequentialJob into an image of the same size. Prints one JSON line of timings.
"""

import json
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (  # noqa: E402
    QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsFillSymbol, QgsLineSymbol,
    QgsMapRendererSequentialJob, QgsMapSettings, QgsPalLayerSettings, QgsRectangle, QgsRendererCategory,
    QgsSimpleLineSymbolLayer, QgsTextFormat, QgsVectorLayer, QgsVectorLayerSimpleLabeling, QgsMarkerSymbol,
    QgsSingleSymbolRenderer,
)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402


def band(scale, limits):
    return sum(1 for limit in limits if scale < limit)


def line_symbol(colour, width, casing, casing_px):
    symbol = QgsLineSymbol.createSimple({"color": colour, "width": str(width), "width_unit": "Pixel",
                                         "capstyle": "round", "joinstyle": "round"})
    if casing and width >= 2.0:
        under = QgsSimpleLineSymbolLayer(QColor(casing), width + 2 * casing_px)
        under.setWidthUnit(0)
        from qgis.core import QgsUnitTypes
        under.setWidthUnit(QgsUnitTypes.RenderPixels)
        symbol.insertSymbolLayer(0, under)
    return symbol


def layer(path, table, scale, low):
    name = table + ("_low" if low else "")
    result = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    if not result.isValid():
        raise SystemExit(f"QGIS cannot open {path} layer {name}")
    result.setSubsetString(f"max_scale >= {int(scale)}")
    return result


def lines(path, table, scale, low, classes, b):
    result = layer(path, table, scale, low)
    categories = []
    for code, (colour, widths, casing, casing_px) in classes.items():
        if widths[b] > 0:
            categories.append(QgsRendererCategory(code, line_symbol(colour, widths[b], casing, casing_px), code))
    result.setRenderer(QgsCategorizedSymbolRenderer("class", categories))
    return result


def areas(path, table, scale, low, colours, default=None):
    result = layer(path, table, scale, low)
    if isinstance(colours, dict):
        categories = [QgsRendererCategory(code, QgsFillSymbol.createSimple({"color": colour, "outline_style": "no"}), code)
                      for code, colour in colours.items()]
        result.setRenderer(QgsCategorizedSymbolRenderer("class", categories))
    else:
        result.setRenderer(QgsSingleSymbolRenderer(QgsFillSymbol.createSimple({"color": colours, "outline_style": "no"})))
    return result


def places(path, scale):
    result = layer(path, "osm_places", scale, False)
    result.setRenderer(QgsSingleSymbolRenderer(QgsMarkerSymbol.createSimple({"size": "0"})))
    settings = QgsPalLayerSettings()
    settings.fieldName = "coalesce(name_kk, name_ru, name)"
    settings.isExpression = True
    text = QgsTextFormat()
    text.setSize(12)
    text.buffer().setEnabled(True)
    settings.setFormat(text)
    result.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    result.setLabelsEnabled(True)
    return result


def main():
    request = json.loads(sys.stdin.read())
    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()
    from qgis.core import Qgis
    out = {"qgis": Qgis.QGIS_VERSION, "scales": {}}
    path, styles = request["path"], request["styles"]
    for key, view in request["views"].items():
        scale = float(key.split(":")[1])
        low = scale >= 250_000
        b = band(scale, styles["band_limits"])
        stack = [
            places(path, scale),
            lines(path, "osm_railways", scale, low, styles["railways"], b),
            lines(path, "osm_roads", scale, low, styles["roads"], b),
            areas(path, "osm_buildings", scale, False, styles["buildings"]),
            lines(path, "osm_waterways", scale, low, styles["waterways"], b),
            areas(path, "osm_water", scale, low, styles["water"]),
            areas(path, "osm_protected", scale, low, styles["protected"]),
            areas(path, "osm_landcover", scale, low, styles["landcover"]),
        ]
        settings = QgsMapSettings()
        settings.setLayers(stack)  # first is drawn on top
        settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
        settings.setOutputSize(QSize(*request["size"]))
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        settings.setFlag(QgsMapSettings.Antialiasing, True)
        settings.setFlag(QgsMapSettings.DrawLabeling, True)
        x0, y0 = view["x0"], view["y0"]
        x1, y1 = x0 + view["width"] * view["res"], y0 + view["height"] * view["res"]
        settings.setExtent(QgsRectangle(x0, -y1, x1, -y0))

        def render():
            job = QgsMapRendererSequentialJob(settings)
            start = time.perf_counter()
            job.start()
            job.waitForFinished()
            return time.perf_counter() - start, job.renderedImage()

        first, image = render()
        runs = [render()[0] for _ in range(request["repeat"])]
        out["scales"][key] = {"first_s": round(first, 4), "min_s": round(min(runs), 4),
                              "median_s": round(statistics.median(runs), 4), "runs_s": [round(r, 4) for r in runs],
                              "image_not_blank": not image.isNull()}
    app.exitQgis()
    print(json.dumps(out))


main()
'''


if __name__ == "__main__":
    main()
