"""``baytak import`` and ``baytak export``: files in and out of a store from the command line.

Registered into the CLI through its ``command(name, function, help)`` factory. The import report says
what was imported, updated and left alone, how the text was decoded, which columns were not imported,
and every rejected row and warning, in the language spoken (baytak_desktop.i18n); ``--json`` gives the
same as data, in English whatever the language.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baytak_desktop.arguments import account_branch_said
from baytak_desktop.errors import BaytakError, ImportRejected, Problem
from baytak_desktop.i18n import error_text, hint_text, problem_text, tr

Handler = Callable[[argparse.Namespace], int]
CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]
SHOWN_PROBLEMS = 20
EXIT_OK, EXIT_USER_ERROR = 0, 1


def add_io_commands(command: CommandFactory) -> None:
    p = command(
        "import", cmd_import, tr("import a file (GeoJSON, Shapefile, DBF, KML, GPX, CSV, GeoPackage) into a layer")
    )
    p.add_argument(
        "source",
        type=Path,
        metavar="SOURCE",
        help=tr("the file to import (.geojson .shp .zip .dbf .kml .gpx .csv .gpkg)"),
    )
    p.add_argument("--layer", required=True, help=tr("the layer to import into"))
    p.add_argument(
        "--map-field", action="append", default=[], metavar="SRC=DST",
        help=tr("take the layer field DST from the file column SRC (repeatable)"),
    )  # fmt: skip
    p.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", dest="constants",
        help=tr("give FIELD the value VALUE where the file has none, e.g. --set status=closed (repeatable)"),
    )  # fmt: skip
    p.add_argument("--skip-invalid", action="store_true", help=tr("import the valid rows and report the others"))
    p.add_argument(
        "--source-layer", help=tr("the layer of a GeoPackage/KML/GPX/GML source, or the sheet of an XLSX/ODS, to read")
    )
    p.add_argument(
        "--encoding", metavar="NAME",
        help=tr("the text encoding of a Shapefile, DBF, CSV, KML/KMZ, GPX or GeoJSON (UTF-8, CP1251, CP866, KOI8-R,"
        " KZ-1048, CP1252); by default told from the file"),
    )  # fmt: skip
    p.add_argument("--swap-xy", action="store_true", help=tr("columns X and Y: X is the latitude (northing)"))
    p.add_argument(
        "--lat-column",
        metavar="COLUMN",
        help=tr("CSV/DBF/XLSX/ODS: the column with the latitude (the same as --lon-column: one column with both)"),
    )
    p.add_argument(
        "--lon-column",
        metavar="COLUMN",
        help=tr("CSV/DBF/XLSX/ODS: the column with the longitude (the same as --lat-column: one column with both)"),
    )
    p = command("export", cmd_export, tr("export a layer to a file; the format comes from the extension"))
    p.add_argument("--layer", required=True, help=tr("the layer to export"))
    p.add_argument("out", type=Path, metavar="OUT", help=tr("output file (.geojson .gpkg .shp .zip .kml .csv)"))
    p.add_argument(
        "--overwrite", action="store_true",
        help=tr("replace OUT if it exists (in a GeoPackage: only the layer of that name); a store is never replaced"),
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
    # the CLI's opener: edits record the signed-in user, new features naming no branch get the account's
    with args.open_store(args.store) as store:
        branch = store.branch_for(args.layer, options.constants)  # what rows without one are given
        try:
            result = import_file(store, args.source, args.layer, options=options, progress=args.progress(tr("import")))
        except ImportRejected as exc:
            _report_rejected(args, exc)
            return EXIT_USER_ERROR
    lines = import_report(result)
    if branch is not None:
        lines.append("  " + account_branch_said(branch))
    _print(args, {**result.as_json(), "account_branch_given": branch}, "\n".join(lines))
    return EXIT_OK


def import_report(result: Any) -> list[str]:
    """The lines ``baytak import`` prints: counts, encoding, columns not imported, problems."""
    counts = {"imported": result.imported, "rows": result.rows, "source": result.source, "layer": result.layer}
    lines = [
        tr(
            "Imported {imported} of {rows} rows from {source} into {layer} (text read as {encoding}, {how}).",
            encoding=result.encoding,
            how=_how(result.encoding_how),
            **counts,
        )
        if result.encoding and result.encoding_how != "ascii"
        else tr("Imported {imported} of {rows} rows from {source} into {layer}.", **counts)
    ]
    if result.updated or result.unchanged:
        lines.append("  " + tr(
            "{updated} rows updated the features with their uuid, {unchanged} were already as in the file",
            updated=result.updated, unchanged=result.unchanged,
        ))  # fmt: skip
    if result.unmatched_columns:
        lines.append("  " + tr(
            "columns not imported (no field of that name): {columns} (--map-field COLUMN=FIELD imports one)",
            columns=", ".join(result.unmatched_columns),
        ))  # fmt: skip
    if result.managed_columns:
        columns = ", ".join(result.managed_columns)
        lines.append("  " + tr("columns the store computes itself, not imported: {columns}", columns=columns))
    lines += ["  " + tr("rejected: {problem}", problem=problem_text(p)) for p in result.rejected[:SHOWN_PROBLEMS]]
    lines += ["  " + tr("warning: {message}", message=problem_text(p)) for p in result.warnings[:SHOWN_PROBLEMS]]
    hidden = max(0, len(result.rejected) - SHOWN_PROBLEMS) + max(0, len(result.warnings) - SHOWN_PROBLEMS)
    if hidden:
        lines.append("  " + tr("... and {count} more (--json lists them all)", count=hidden))
    if result.skipped_other_geometry:
        skipped = result.skipped_other_geometry
        lines.append("  " + tr("skipped {count} features of another geometry type", count=skipped))
    return lines


def _how(how: str) -> str:
    """How the text's encoding was known, in the language spoken."""
    return {
        "chosen": tr("as chosen"),
        "declared": tr("as the file declares"),
        "language driver": tr("as the .dbf's language driver says"),
        "detected": tr("told from the text; --encoding chooses another"),
    }.get(how, how)


def _report_rejected(args: argparse.Namespace, exc: ImportRejected) -> None:
    """The error line names the first rows and why (a terminal shows it first), then every row below."""
    if args.json:
        first = "; ".join(one_line(p) for p in exc.problems[:3])
        more = f" (and {len(exc.problems) - 3} more)" if len(exc.problems) > 3 else ""
        message = one_line(exc.message).rstrip(".") + (f": {first}{more}" if first else "")
        rows = [{"row": p.row, "field": p.field, "message": p.message} for p in exc.problems]
        print(json.dumps({"error": message, "rejected": rows}, ensure_ascii=False, indent=2))
        return
    first = "; ".join(problem_text(p) for p in exc.problems[:3])
    more = " " + tr("(and {count} more)", count=len(exc.problems) - 3) if len(exc.problems) > 3 else ""
    message = one_line(error_text(exc)).rstrip(".") + (f": {first}{more}" if first else "")
    print(tr("error: {message}", message=message + hint_text(exc)), file=sys.stderr)
    for problem in exc.problems[:SHOWN_PROBLEMS]:
        print(f"  {problem_text(problem)}", file=sys.stderr)
    if len(exc.problems) > SHOWN_PROBLEMS:
        hidden = len(exc.problems) - SHOWN_PROBLEMS
        print("  " + tr("... and {count} more (--json lists them all)", count=hidden), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from baytak_desktop.io.exporter import export_layer
    from baytak_desktop.store import Store

    with Store.open(args.store, readonly=True) as store:
        result = export_layer(store, args.layer, args.out, args.progress(tr("export")), overwrite=args.overwrite)
    lines = [tr("Exported {count} features of {layer} to {out}", count=result.count, layer=args.layer, out=args.out)]
    lines += ["  " + tr("warning: {message}", message=problem_text(p)) for p in result.warnings]
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
