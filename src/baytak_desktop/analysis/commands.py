"""``baytak analyze STORE.gpkg {proximity,summary,areas,buffers}``: the analyses from the command line.

Registered into the CLI through its ``command(name, function, help)`` factory, like the sync commands,
so cli.py keeps one line for it. Text output is for people; ``--json`` prints the result dataclasses.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baytak_desktop.analysis.base import as_json
from baytak_desktop.analysis.sources import PLACES
from baytak_desktop.i18n import number, tr

Handler = Callable[[argparse.Namespace], int]
CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]
ANALYSES = ("proximity", "summary", "areas", "buffers")


def add_analysis_commands(command: CommandFactory) -> None:
    p = command("analyze", cmd_analyze, tr("geodesic analyses: proximity, per-branch summary, areas, buffers"))
    p.add_argument(
        "analysis",
        choices=ANALYSES,
        help=tr(
            "proximity: sites within N km of each other; summary: "
            "per branch; areas: water by year and polygon layers; buffers: N km around features"
        ),
    )
    p.add_argument(
        "--from",
        dest="from_layer",
        default="sewage_outflows",
        metavar="LAYER",
        help=tr("proximity/buffers: the layer measured from (default sewage_outflows)"),
    )
    p.add_argument(
        "--to",
        dest="to_layer",
        default=PLACES,
        metavar="LAYER",
        help=tr(
            "proximity: the layer, places (the basemap's towns) or osm_places (the villages of the store's "
            "OpenStreetMap basemaps), measured to (default places)"
        ),
    )
    p.add_argument("--km", type=float, default=10.0, help=tr("distance in kilometres, geodesic (default 10)"))
    p.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help=tr("language of branch labels (default: the language baytak speaks, en with --json)"),
    )
    p.add_argument("--out", type=Path, metavar="FILE.geojson", help=tr("buffers: write them as GeoJSON here"))


def cmd_analyze(args: argparse.Namespace) -> int:
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        payload, text = RUNNERS[args.analysis](store, args)
    print(json.dumps(as_json(payload), ensure_ascii=False, indent=2) if args.json else text)
    return 0


def _proximity(store: Any, args: argparse.Namespace) -> tuple[Any, str]:
    from baytak_desktop.analysis.proximity import proximity

    result = proximity(store, args.from_layer, args.to_layer, args.km)
    lines = [
        tr(
            "Within {km} (geodesic) of each of {count} {from_layer}, from {to_layer}:",
            km=_km(result.km), count=len(result.by_from), from_layer=result.from_layer, to_layer=result.to_layer,
        )
    ]  # fmt: skip
    lines += [f"  {n.site.name}: {_neighbours(n.within)}" for n in result.by_from]
    lines.append(
        tr(
            "Reverse: {count} {to_layer} with {from_layer} within {km}:",
            count=len(result.by_to), to_layer=result.to_layer, from_layer=result.from_layer, km=_km(result.km),
        )
    )  # fmt: skip
    lines += [f"  {n.site.name}: {_neighbours(n.within)}" for n in result.by_to]
    return result, "\n".join(lines)


def _summary(store: Any, args: argparse.Namespace) -> tuple[Any, str]:
    from baytak_desktop.analysis.summary import summarize

    result = summarize(store, args.lang)
    lines = []
    for item in [*result.branches, result.total]:
        lines.append(f"{item.label} ({item.branch or '-'}):")
        lines += [
            f"  {layer}: " + ", ".join(f"{status} {count}" for status, count in sorted(statuses.items()))
            for layer, statuses in item.counts.items()
        ]
        if item.quarry_area_ha:
            lines.append(
                "  "
                + tr("quarry area: ")
                + ", ".join(f"{legal} {ha:.2f} ha" for legal, ha in sorted(item.quarry_area_ha.items()))
            )
        if item.trees_planted or item.trees_planned:
            lines.append("  " + tr(
                "trees: {planted} planted ({lost} of them lost), {planned} planned",
                planted=item.trees_planted, lost=item.trees_lost, planned=item.trees_planned,
            ))  # fmt: skip
    return result, "\n".join(lines)


def _areas(store: Any, args: argparse.Namespace) -> tuple[Any, str]:
    from baytak_desktop.analysis.measures import measure_layers
    from baytak_desktop.analysis.water import water_areas

    water, layers = water_areas(store), measure_layers(store)
    lines = [tr("Water area by year (geodesic):")]
    lines += [f"  {a.water_body:<8} {a.year}  {number(a.area_km2, 1):>12} km2  ({a.origin}: {a.source})" for a in water]
    lines.append(tr("Polygon layers (geodesic):"))
    lines += [
        f"  {m.layer:<14} "
        + tr("{count} features", count=f"{m.features:>6}")
        + f"  {number(m.area_ha, 2):>16} ha  {number(m.area_km2, 3):>14} km2"
        for m in layers
    ]
    return {"water": water, "layers": layers}, "\n".join(lines)


def _buffers(store: Any, args: argparse.Namespace) -> tuple[Any, str]:
    from baytak_desktop.analysis.buffers import buffer_features

    buffers = buffer_features(store, args.from_layer, args.km)
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": b.geometry,
                "properties": {"layer": b.layer, "uuid": b.uuid, "name": b.name, "km": b.km},
            }
            for b in buffers
        ],
    }
    if args.out is not None:
        args.out.write_text(json.dumps(as_json(collection), ensure_ascii=False))
    made = {"count": len(buffers), "km": _km(args.km), "layer": args.from_layer}
    text = (
        tr("{count} buffers of {km} around {layer} written to {out}", out=args.out, **made)
        if args.out is not None
        else tr("{count} buffers of {km} around {layer} (--out FILE.geojson writes them)", **made)
    )
    return collection, text


def _km(km: float) -> str:
    return f"{km:g} km"


def _neighbours(within: Any) -> str:
    return ", ".join(f"{n.name} {n.distance_km:.1f} km" for n in within) or tr("none")


RUNNERS: dict[str, Callable[[Any, argparse.Namespace], tuple[Any, str]]] = {
    "proximity": _proximity,
    "summary": _summary,
    "areas": _areas,
    "buffers": _buffers,
}
