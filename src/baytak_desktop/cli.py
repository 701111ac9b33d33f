"""The `baytak` command: init, layers, import, export, validate, changes, basemap, imagery, ...

Every subcommand has --help and --json; exit code 0 on success, 1 for a user error with a one-line
message (never a traceback for bad input), 2 for a store that fails validation.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from baytak_desktop import __version__
from baytak_desktop.console import fail
from baytak_desktop.errors import BaytakError, ImportRejected

if TYPE_CHECKING:  # imported when a command runs, so `baytak --help` starts fast
    from baytak_desktop.store import Store

EXIT_OK, EXIT_USER_ERROR, EXIT_INVALID = 0, 1, 2
SHOWN_PROBLEMS = 20


class TextProgress:
    """A one-line progress bar on stderr, shown only on a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()

    def update(self, fraction: float, text: str = "") -> None:
        if self.enabled:
            bar = "#" * int(fraction * 30)
            sys.stderr.write(f"\r{self.label} [{bar:<30}] {fraction:4.0%} {text:<24}")
            if fraction >= 1:
                sys.stderr.write("\n")
            sys.stderr.flush()


def emit(args: argparse.Namespace, payload: Any, text: str) -> None:
    print(json.dumps(payload, ensure_ascii=False, indent=2) if args.json else text)


def cmd_init(args: argparse.Namespace) -> int:
    from baytak_desktop.store import Store

    with Store.create(args.store) as store:
        counts = {}
        if args.demo:
            from baytak_desktop.demo import build_demo

            counts = build_demo(store, TextProgress("demo"), lang=args.lang)
    emit(
        args,
        {"store": str(args.store), "demo": counts},
        f"Created {args.store}" + (f" with demo data: {_counts_text(counts)}" if counts else ""),
    )
    return EXIT_OK


def cmd_layers(args: argparse.Namespace) -> int:
    from baytak_desktop.layers import LAYERS

    with _open(args.store, readonly=True) as store:
        layers: list[dict[str, Any]] = [
            {"layer": s.name, "geometry_type": s.geometry_type, "features": store.count(s.name), "title": s.title}
            for s in LAYERS.values()
        ]
    width = max(len(item["layer"]) for item in layers)
    emit(
        args,
        layers,
        "\n".join(f"{item['layer']:<{width}}  {item['geometry_type']:<12} {item['features']:>8}" for item in layers),
    )
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from baytak_desktop.io.importer import import_file

    field_map = dict(_pair(item) for item in args.map_field)
    with _open(args.store) as store:
        try:
            result = import_file(
                store,
                args.source,
                args.layer,
                field_map=field_map,
                skip_invalid=args.skip_invalid,
                source_layer=args.source_layer,
                progress=TextProgress("import"),
            )
        except ImportRejected as exc:
            _report_rejected(args, exc)
            return EXIT_USER_ERROR
    lines = [f"Imported {result.imported} of {result.rows} rows from {result.source} into {result.layer}."]
    lines += [f"  rejected: {p}" for p in result.rejected[:SHOWN_PROBLEMS]]
    lines += [f"  warning: {p}" for p in result.warnings[:SHOWN_PROBLEMS]]
    hidden = max(0, len(result.rejected) - SHOWN_PROBLEMS) + max(0, len(result.warnings) - SHOWN_PROBLEMS)
    if hidden:
        lines.append(f"  ... and {hidden} more (--json lists them all)")
    if result.skipped_other_geometry:
        lines.append(f"  skipped {result.skipped_other_geometry} features of another geometry type")
    emit(args, result.as_json(), "\n".join(lines))
    return EXIT_OK


def _report_rejected(args: argparse.Namespace, exc: ImportRejected) -> None:
    if args.json:
        rows = [{"row": p.row, "field": p.field, "message": p.message} for p in exc.problems]
        print(json.dumps({"error": exc.message, "rejected": rows}, ensure_ascii=False, indent=2))
    else:
        print(f"error: {exc.message}", file=sys.stderr)
        for problem in exc.problems[:SHOWN_PROBLEMS]:
            print(f"  {problem}", file=sys.stderr)
        if len(exc.problems) > SHOWN_PROBLEMS:
            print(f"  ... and {len(exc.problems) - SHOWN_PROBLEMS} more (--json lists them all)", file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    from baytak_desktop.io.exporter import export_layer

    with _open(args.store, readonly=True) as store:
        count = export_layer(store, args.layer, args.out, TextProgress("export"))
    emit(
        args,
        {"layer": args.layer, "out": str(args.out), "features": count},
        f"Exported {count} features of {args.layer} to {args.out}",
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from baytak_desktop.store.check import check_store

    with _open(args.store, readonly=True) as store:
        findings = check_store(store)
    errors = [f for f in findings if f.severity == "error"]
    text = (
        "\n".join(
            f"{f.severity}: {f.layer + ' ' if f.layer else ''}{f.uuid or ''} {f.message}".replace("  ", " ")
            for f in findings
        )
        or "ok"
    )
    emit(
        args,
        {"ok": not errors, "findings": [f.as_json() for f in findings]},
        text if not errors else text + f"\n{len(errors)} error(s)",
    )
    return EXIT_INVALID if errors else EXIT_OK


def cmd_changes(args: argparse.Namespace) -> int:
    from baytak_desktop.layers import get_layer

    if args.layer is not None:
        get_layer(args.layer)  # an unknown layer is a user error, not "No local changes."
    with _open(args.store, readonly=True) as store:
        changes = store.changes(args.layer)
    emit(
        args,
        [c.as_json() for c in changes],
        "\n".join(
            f"{c.op:<6} {c.layer:<16} {c.uuid}  {', '.join(c.fields) if c.op == 'update' else ''}".rstrip()
            for c in changes
        )
        or "No local changes.",
    )
    return EXIT_OK


def cmd_dossier(args: argparse.Namespace) -> int:
    from baytak_desktop.exhibits.dossier import DossierSpec, render_dossier

    spec = DossierSpec(
        store=args.store,
        uuid=args.uuid,
        out=args.out,
        language=args.lang,
        layer=args.layer,
        author=args.author or "",
        server=not args.no_server,
    )
    out = render_dossier(spec)
    emit(args, {"out": str(out), "uuid": args.uuid}, f"Wrote the evidence dossier of {args.uuid} to {out}")
    return EXIT_OK


def _open(path: Path, readonly: bool = False) -> Store:
    from baytak_desktop.store import Store

    return Store.open(path, readonly=readonly)


def _pair(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise BaytakError(
            "--map-field takes SRC=DST (a column of the file = a field of the layer), not {text!r}.", text=text
        )
    src, dst = text.split("=", 1)
    return src.strip(), dst.strip()


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{layer} {count}" for layer, count in counts.items())


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is a user error (exit 1): exit 2 means a store that fails validation."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="baytak", description="Baytak GIS: the local GeoPackage store from the command line.")
    parser.add_argument("--version", action="version", version=f"baytak {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, function: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("store", type=Path, metavar="STORE.gpkg", help="the local store (a GeoPackage)")
        p.add_argument("--json", action="store_true", help="print machine-readable JSON")
        p.set_defaults(function=function, progress=TextProgress)
        return p

    p = command("init", cmd_init, "create a new store")
    p.add_argument("--demo", action="store_true", help="fill it with the demo data (illustrative positions)")
    p.add_argument(
        "--lang",
        choices=("en", "kk", "ru"),
        default="en",
        help="the language of the demo data's names and notes (default: en)",
    )
    command("layers", cmd_layers, "list the layers with their feature counts and geometry types")
    p = command("import", cmd_import, "import a file (GeoJSON, Shapefile, KML, GPX, CSV, GeoPackage) into a layer")
    p.add_argument(
        "source", type=Path, metavar="SOURCE", help="the file to import (.geojson .shp .zip .kml .gpx .csv .gpkg)"
    )
    p.add_argument("--layer", required=True, help="the layer to import into")
    p.add_argument(
        "--map-field",
        action="append",
        default=[],
        metavar="SRC=DST",
        help="take the layer field DST from the file column SRC (repeatable)",
    )
    p.add_argument("--skip-invalid", action="store_true", help="import the valid rows and report the others")
    p.add_argument("--source-layer", help="the layer of a GeoPackage/KML/GPX source to read")
    p = command("export", cmd_export, "export a layer to a file; the format comes from the extension")
    p.add_argument("--layer", required=True, help="the layer to export")
    p.add_argument("out", type=Path, metavar="OUT", help="output file (.geojson .gpkg .shp .zip .kml .csv)")
    command("validate", cmd_validate, "check integrity, schema, journal triggers, spatial index and every feature")
    p = command("changes", cmd_changes, "list the local changes not yet synced")
    p.add_argument("--layer", help="only this layer")
    p = command(
        "dossier",
        cmd_dossier,
        "write the evidence dossier (PDF) of one site: map, attributes, photos "
        "with their SHA-256 checked, edit history",
    )
    p.add_argument("--uuid", required=True, help="the site's uuid")
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--lang", choices=("kk", "ru", "en"), default="en", help="the dossier's language")
    p.add_argument("--layer", help="the site's layer (found from the uuid when left out)")
    p.add_argument("--author", help="who prepared the dossier (printed on it)")
    p.add_argument("--no-server", action="store_true", help="do not ask the sync server for the full history")
    from baytak_desktop.server import commands as server_commands  # the central server

    server_commands.add_server_command(sub).set_defaults(runner=server_commands.run)
    from baytak_desktop.gps.commands import add_gps_command

    add_gps_command(sub)  # gps watch, average, add-point, record, save-track, replay, ports
    from baytak_desktop.sync.commands import add_sync_commands

    add_sync_commands(command)  # login, sync, conflicts, resolve
    from baytak_desktop.analysis.commands import add_analysis_commands

    add_analysis_commands(command)  # analyze
    from baytak_desktop.exhibits.commands import add_exhibit_commands

    add_exhibit_commands(command)  # exhibit (.html web map; .pdf .png .svg print layouts)
    from baytak_desktop.basemap.commands import add_reference_commands

    add_reference_commands(sub, TextProgress)  # basemap add|list, imagery add|list
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if hasattr(args, "runner"):
        code: int = args.runner(args)
        return code
    try:
        code = args.function(args)
        return code
    except BaytakError as exc:
        return fail(args, exc.message)
    except sqlite3.DatabaseError as exc:
        return fail(args, f"{args.store}: the store cannot be read ({exc}); is it a GeoPackage made by baytak?")
    except KeyboardInterrupt:
        return fail(args, "interrupted; the store is as it was before this command")


if __name__ == "__main__":
    sys.exit(main())
