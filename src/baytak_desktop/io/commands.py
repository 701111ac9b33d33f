"""``baytak import`` and ``baytak export``: files in and out of a store from the command line.

Registered into the CLI through its ``command(name, function, help)`` factory. The import report says
what was imported, updated and left alone, how the text was decoded, which columns were not imported,
and every rejected row and warning; ``--json`` gives the same as data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError, ImportRejected, Problem

Handler = Callable[[argparse.Namespace], int]
CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]
SHOWN_PROBLEMS = 20
EXIT_OK, EXIT_USER_ERROR = 0, 1


def add_io_commands(command: CommandFactory) -> None:
    p = command("import", cmd_import, "import a file (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) into a layer")
    p.add_argument(
        "source", type=Path, metavar="SOURCE", help="the file to import (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)"
    )
    p.add_argument("--layer", required=True, help="the layer to import into")
    p.add_argument(
        "--map-field", action="append", default=[], metavar="SRC=DST",
        help="take the layer field DST from the file column SRC (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", dest="constants",
        help="give FIELD the value VALUE where the file has none, e.g. --set status=closed (repeatable)",
    )  # fmt: skip
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows and report the others")
    p.add_argument(
        "--source-layer", help="the layer of a GeoPackage/KML/GPX/GML source, or the sheet of an XLSX/ODS, to read"
    )
    p.add_argument(
        "--encoding", metavar="NAME",
        help="the text encoding of a Shapefile, DBF, CSV, KML/KMZ, GPX or GeoJSON (UTF-8, CP1251, CP866, KOI8-R,"
        " KZ-1048, CP1252); by default told from the file",
    )  # fmt: skip
    p.add_argument("--swap-xy", action="store_true", help="columns X and Y: X is the latitude (northing)")
    p.add_argument(
        "--lat-column",
        metavar="COLUMN",
        help="CSV/DBF/XLSX/ODS: the column with the latitude (the same as --lon-column: one column with both)",
    )
    p.add_argument(
        "--lon-column",
        metavar="COLUMN",
        help="CSV/DBF/XLSX/ODS: the column with the longitude (the same as --lat-column: one column with both)",
    )
    p = command("export", cmd_export, "export a layer to a file; the format comes from the extension")
    p.add_argument("--layer", required=True, help="the layer to export")
    p.add_argument("out", type=Path, metavar="OUT", help="output file (.geojson .gpkg .shp .zip .kml .csv)")
    p.add_argument(
        "--overwrite", action="store_true",
        help="replace OUT if it exists (in a GeoPackage: only the layer of that name); a store is never replaced",
    )  # fmt: skip


def cmd_import(args: argparse.Namespace) -> int:
    from baytak_desktop.io.importer import ImportOptions, import_file

    options = ImportOptions(
        field_map=dict(pair(item, "--map-field", "SRC=DST (a column of the file = a field of the layer)")
                       for item in args.map_field),
        constants=dict(pair(item, "--set", "FIELD=VALUE (a field of the layer = the value to give it)")
                       for item in args.constants),
        skip_invalid=args.skip_invalid, source_layer=args.source_layer, encoding=args.encoding,
        swap_xy=args.swap_xy, lat_column=args.lat_column, lon_column=args.lon_column,
    )  # fmt: skip
    with args.open_store(args.store) as store:  # the CLI's opener: edits record the signed-in user
        try:
            result = import_file(store, args.source, args.layer, options=options, progress=args.progress("import"))
        except ImportRejected as exc:
            _report_rejected(args, exc)
            return EXIT_USER_ERROR
    _print(args, result.as_json(), "\n".join(import_report(result)))
    return EXIT_OK


def import_report(result: Any) -> list[str]:
    """The lines ``baytak import`` prints: counts, encoding, columns not imported, problems."""
    encoding = f" (text read as {result.encoding}, {_HOW.get(result.encoding_how, result.encoding_how)})"
    lines = [
        f"Imported {result.imported} of {result.rows} rows from {result.source} into {result.layer}"
        + (encoding if result.encoding and result.encoding_how != "ascii" else "")
        + "."
    ]
    if result.updated or result.unchanged:
        lines.append(
            f"  {result.updated} rows updated the features with their uuid, {result.unchanged} were already as in the file"
        )
    if result.unmatched_columns:
        lines.append(
            f"  columns not imported (no field of that name): {', '.join(result.unmatched_columns)}"
            " (--map-field COLUMN=FIELD imports one)"
        )
    if result.managed_columns:
        lines.append(f"  columns the store computes itself, not imported: {', '.join(result.managed_columns)}")
    lines += [f"  rejected: {one_line(p)}" for p in result.rejected[:SHOWN_PROBLEMS]]
    lines += [f"  warning: {one_line(p)}" for p in result.warnings[:SHOWN_PROBLEMS]]
    hidden = max(0, len(result.rejected) - SHOWN_PROBLEMS) + max(0, len(result.warnings) - SHOWN_PROBLEMS)
    if hidden:
        lines.append(f"  ... and {hidden} more (--json lists them all)")
    if result.skipped_other_geometry:
        lines.append(f"  skipped {result.skipped_other_geometry} features of another geometry type")
    return lines


_HOW = {
    "chosen": "as chosen",
    "declared": "as the file declares",
    "language driver": "as the .dbf's language driver says",
    "detected": "told from the text; --encoding chooses another",
}


def _report_rejected(args: argparse.Namespace, exc: ImportRejected) -> None:
    """The error line names the first rows and why (a terminal shows it first), then every row below."""
    first = "; ".join(one_line(p) for p in exc.problems[:3])
    more = f" (and {len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""
    message = one_line(exc.message).rstrip(".") + (f": {first}{more}" if first else "")
    if args.json:
        rows = [{"row": p.row, "field": p.field, "message": p.message} for p in exc.problems]
        print(json.dumps({"error": message, "rejected": rows}, ensure_ascii=False, indent=2))
        return
    print(f"error: {message}" + (f" ({exc.cli_hint})" if exc.cli_hint else ""), file=sys.stderr)
    for problem in exc.problems[:SHOWN_PROBLEMS]:
        print(f"  {one_line(problem)}", file=sys.stderr)
    if len(exc.problems) > SHOWN_PROBLEMS:
        print(f"  ... and {len(exc.problems) - SHOWN_PROBLEMS} more (--json lists them all)", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from baytak_desktop.io.exporter import export_layer
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        result = export_layer(store, args.layer, args.out, args.progress("export"), overwrite=args.overwrite)
    lines = [f"Exported {result.count} features of {args.layer} to {args.out}"]
    lines += [f"  warning: {one_line(p)}" for p in result.warnings]
    payload = {
        "layer": args.layer,
        "out": str(args.out),
        "features": result.count,
        "warnings": [{"uuid": p.params.get("uuid"), "field": p.field, "message": p.message} for p in result.warnings],
    }
    _print(args, payload, "\n".join(lines))
    return EXIT_OK


def pair(text: str, option: str, shape: str) -> tuple[str, str]:
    if "=" not in text:
        raise BaytakError("{option} takes {shape}, not {text!r}.", option=option, shape=shape, text=text)
    left, right = text.split("=", 1)
    return left.strip(), right.strip()


def one_line(item: Problem | str) -> str:
    """A message on one line, whatever newlines a library put in it."""
    return " ".join(str(item).split())


def _print(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2) if args.json else text)
