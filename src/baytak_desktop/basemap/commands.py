"""``baytak basemap add|list`` and ``baytak imagery add|list``: reference data from the command line.

Registered on the CLI's subparsers with the CLI's text progress bar passed in (this package sits
below the CLI and cannot import it). Errors are BaytakErrors: the CLI prints them as one line.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baytak_desktop.basemap.osm_read import BBox
from baytak_desktop.errors import BaytakError
from baytak_desktop.i18n import number, tr
from baytak_desktop.jobs import Progress

Handler = Callable[[argparse.Namespace], int]


def add_reference_commands(sub: Any, progress: Callable[[str], Progress]) -> None:
    """``basemap`` and ``imagery``, each with ``add`` and ``list``."""

    def group(name: str, text: str) -> Any:
        parser = sub.add_parser(name, help=text, description=text)
        return parser.add_subparsers(dest=f"{name}_command", metavar="SUBCOMMAND", required=True)

    def command(where: Any, name: str, function: Handler, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = where.add_parser(name, help=text, description=text)
        p.add_argument("store", type=Path, metavar="STORE.gpkg", help=tr("the local store (a GeoPackage)"))
        p.add_argument("--json", action="store_true", help=tr("print machine-readable JSON"))
        p.set_defaults(function=function, progress=progress)
        return p

    basemap = group("basemap", tr("offline basemaps built from OpenStreetMap extracts (not synced)"))
    p = command(basemap, "add", cmd_basemap_add, tr("build a basemap from an .osm.pbf extract and register it"))
    p.add_argument("extract", type=Path, metavar="FILE.osm.pbf", help=tr("the OpenStreetMap extract"))
    p.add_argument(
        "--out",
        type=Path,
        metavar="BASEMAP.gpkg",
        help=tr("where to write it (default: beside the store, named after it)"),
    )
    p.add_argument("--bbox", type=_bbox, metavar="W,S,E,N", help=tr("keep only this area (degrees, WGS 84)"))
    p.add_argument("--title", help=tr("a title for the basemap (default: the extract's name)"))
    command(basemap, "list", cmd_basemap_list, tr("list the basemaps registered with the store"))

    imagery = group("imagery", tr("drone and satellite images referenced by the store (not synced)"))
    p = command(
        imagery, "add", cmd_imagery_add, tr("register an image (GeoTIFF, COG, JPEG 2000, ...) and build overviews")
    )
    p.add_argument("image", type=Path, metavar="FILE", help=tr("the image; any raster GDAL reads, in any CRS"))
    p.add_argument("--date", metavar="YYYY-MM-DD", help=tr("when it was taken (orders before/after comparisons)"))
    p.add_argument("--title", help=tr("a title (default: the file name)"))
    p.add_argument(
        "--crs",
        metavar="EPSG:CODE",
        help=tr("the coordinate system of an image placed by a world file (.jgw, .tfw), which names none"),
    )
    command(imagery, "list", cmd_imagery_list, tr("list the images registered with the store"))


def _bbox(text: str) -> BBox:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            tr("{text!r} is not W,S,E,N in degrees, e.g. 76.5,43.0,78.0,44.0", text=text)
        ) from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise argparse.ArgumentTypeError(
            tr("{text!r}: west < east within ±180 and south < north within ±90 are needed", text=text)
        )
    return (west, south, east, north)


def _emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2) if args.json else text)


def cmd_basemap_add(args: argparse.Namespace) -> int:
    from baytak_desktop.basemap.build import build_basemap, default_output
    from baytak_desktop.basemap.registry import register_basemap
    from baytak_desktop.store import Store

    out = args.out or default_output(args.store, args.extract)
    if out.resolve() == args.store.resolve():
        raise BaytakError("The basemap cannot be written over the store itself; choose another --out.")
    with Store.open(args.store) as store:  # refuse a bad store before the long build
        result = build_basemap(args.extract, out, args.bbox, args.progress(tr("basemap")))
        entry = register_basemap(
            store,
            result.path,
            {
                **result.info,
                "title": args.title or result.info["source"],
                "source_size": result.source_size,
                "bounds": result.bounds,
                "counts": result.counts,
            },
        )
    counts = _counts_text(result.counts)
    built = {"path": result.path, "extract": args.extract.name, "seconds": f"{result.seconds:.1f}"}
    text = (
        (
            tr("Built {path} from {extract} in {seconds} s: {counts}.", counts=counts, **built)
            if counts
            else tr("Built {path} from {extract} in {seconds} s: no features.", **built)
        )
        + "\n"
        + tr("Registered with {store} as basemap {id}.", store=args.store, id=entry.id)
    )
    _emit(args, {**result.as_json(), "id": entry.id}, text)
    return 0


def cmd_basemap_list(args: argparse.Namespace) -> int:
    from baytak_desktop.basemap.registry import list_basemaps
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        entries = list_basemaps(store)
    lines = [
        f"{e.id:>3}  {e.title or ''}  {e.path}"
        + ("" if e.present else "  " + tr("(missing on this device)"))
        + ("  " + tr("{count} features", count=number(_features(e.counts))) if e.counts else "")
        for e in entries
    ]
    _emit(args, [e.as_json() for e in entries], "\n".join(lines) or tr("No basemaps registered."))
    return 0


def cmd_imagery_add(args: argparse.Namespace) -> int:
    from baytak_desktop.basemap.imagery import add_image, crs_shown
    from baytak_desktop.store import Store

    with Store.open(args.store) as store:
        entry = add_image(store, args.image, args.date, args.title, args.progress(tr("imagery")), args.crs)
    text = tr(
        "Registered {path} ({width} x {height}, {bands} band(s), {crs}, {resolution} m per pixel) as image {id};"
        " overviews: {overviews}.",
        path=entry.path, width=number(entry.width), height=number(entry.height), bands=entry.bands,
        crs=crs_shown(entry.crs), resolution=_ground_pixel(entry.resolution_m), id=entry.id,
        overviews=_overviews_text(entry.overviews),
    )  # fmt: skip
    _emit(args, entry.as_json(), text)
    return 0


def _ground_pixel(metres: float | None) -> str:
    """A ground pixel to four significant digits as the language writes it: "0,3", "3 019" in kk/ru ("3019.16"
    read as a decimal point where a comma is one)."""
    if metres is None:  # not measured (an entry registered by an early version): never for a new image
        return "?"
    shown = f"{metres:.4g}"
    decimals = 6 if "e" in shown else len(shown.partition(".")[2])
    return number(round(metres, decimals), decimals)


def cmd_imagery_list(args: argparse.Namespace) -> int:
    from baytak_desktop.basemap.registry import list_images
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        entries = list_images(store)
    lines = [
        f"{e.id:>3}  {e.acquired_on or '----------'}  {e.title or ''}  {e.path}"
        + ("" if e.present else "  " + tr("(missing on this device: copy it there or add it again)"))
        for e in entries
    ]
    _emit(args, [e.as_json() for e in entries], "\n".join(lines) or tr("No images registered."))
    return 0


def _overviews_text(how: str | None) -> str:
    if how and how.startswith("vrt:"):
        return tr("in {file}.ovr (the image's folder is read-only)", file=how[4:])
    shown = {"internal": tr("in the file"), "sidecar": tr("built beside it (.ovr)"), "none": tr("not needed")}
    return shown.get(how or "", tr("none"))


def _counts_text(counts: dict[str, int]) -> str:
    """The features of each kind as a person reads them ("жолдар 2 302"), not the tables' names
    (``roads_low`` said nothing to anyone); the generalised copies for small scales are not counted twice."""
    words = {
        "osm_places": tr("settlements and places"),
        "osm_roads": tr("roads"),
        "osm_railways": tr("railways"),
        "osm_waterways": tr("rivers and streams"),
        "osm_water": tr("water bodies"),
        "osm_landcover": tr("forests and land use"),
        "osm_protected": tr("protected areas"),
        "osm_buildings": tr("buildings"),
    }
    return ", ".join(
        f"{words.get(name, name.removeprefix('osm_'))} {number(n)}"
        for name, n in counts.items()
        if n and not name.endswith("_low")
    )


def _features(counts: dict[str, int]) -> int:
    """Features of the map, not counting the generalised copies drawn at small scales."""
    return sum(n for name, n in counts.items() if not name.endswith("_low"))
