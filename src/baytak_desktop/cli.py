"""The `baytak` command: init, layers, import, export, validate, changes, basemap, imagery, ...

Every subcommand has --help and --json; exit code 0 on success, 1 for a user error with a one-line
message (never a traceback for bad input), 2 for a store that fails validation. What a person reads
(help, progress, results, errors) is in the language of ``baytak --lang kk|ru|en`` or of the
environment (baytak_desktop.i18n); ``--json`` output and exit codes are the same in every language.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baytak_desktop import __version__
from baytak_desktop.arguments import Parser, add_language_option
from baytak_desktop.console import fail, quiet_libraries
from baytak_desktop.errors import BaytakError
from baytak_desktop.i18n import (
    Sentence,
    error_text,
    finding_message,
    hint_text,
    language,
    layer_name,
    naming_layers,
    requested_language,
    said,
    speaking,
    tr,
)
from baytak_desktop.library_failures import library_reason

if TYPE_CHECKING:  # imported when a command runs, so `baytak --help` starts fast
    from baytak_desktop.layers import Catalog
    from baytak_desktop.store import Store
    from baytak_desktop.store.lockwait import Waiting

EXIT_OK, EXIT_USER_ERROR, EXIT_INVALID = 0, 1, 2
SHOWN_PROBLEMS = 20
WAIT_NOTE_EVERY_S = 5.0


class TextProgress:
    """A one-line progress bar on stderr, shown only on a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label  # already in the language spoken: the caller wrote tr("import")
        self.enabled = sys.stderr.isatty()
        self.told_wait = -WAIT_NOTE_EVERY_S

    def waiting(self, report: Waiting) -> None:
        """A wait for another program's lock is said on stderr, terminal or not (every few seconds)."""
        if report.seconds - self.told_wait >= WAIT_NOTE_EVERY_S:
            self.told_wait = report.seconds
            fresh_line = "\n" if self.enabled else ""  # below a progress bar being drawn
            text = tr(
                "Waiting for {program}, which has the store locked ({seconds} s)...",
                program=report.program,
                seconds=f"{report.seconds:.0f}",
            )
            sys.stderr.write(f"{fresh_line}{self.label}: {text}\n")
            sys.stderr.flush()

    def update(self, fraction: float, text: str = "") -> None:
        if self.enabled:
            bar = "#" * int(fraction * 30)
            sys.stderr.write(f"\r{self.label} [{bar:<30}] {fraction:4.0%} {said(text):<24}")
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

            counts = build_demo(store, TextProgress(tr("demo")), lang=args.lang)
    text = (
        tr("Created {store} with demo data: {counts}", store=args.store, counts=_counts_text(counts))
        if counts
        else tr("Created {store}", store=args.store)
    )
    emit(args, {"store": str(args.store), "demo": counts}, text)
    return EXIT_OK


def cmd_layers(args: argparse.Namespace) -> int:
    with _open(args.store, readonly=True) as store:
        layers: list[dict[str, Any]] = [
            {
                "layer": s.name,
                "geometry_type": s.geometry_type,
                "features": store.count(s.name),
                "title": s.title_in(args.lang),
                "builtin": s.builtin,
            }
            for s in store.catalog.values()
        ]
    width = max(len(item["layer"]) for item in layers)
    emit(
        args,
        layers,
        "\n".join(
            f"{item['layer']:<{width}}  {item['geometry_type']:<15} {item['features']:>8}  {item['title']}"
            for item in layers
        ),
    )
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """Check the store (read-only); with --fix, repair what can be repaired first and list the rest."""
    from baytak_desktop.store.check import check_store

    if args.fix:
        from baytak_desktop.store.repair import repair_store

        report = repair_store(args.store)
        fixed, findings = report.fixed, report.remaining
    else:
        with _open(args.store, readonly=True) as store:
            fixed, findings = [], check_store(store)
    errors = [f for f in findings if f.severity == "error"]
    lines = [tr("fixed: {finding}", finding=_finding_text(f)) for f in fixed] + [_finding_text(f) for f in findings]
    if errors:
        fixable = sum(f.fixable for f in errors)
        lines.append(
            tr("{count} error(s), {fixable} repairable with --fix", count=len(errors), fixable=fixable)
            if fixable and not args.fix
            else tr("{count} error(s)", count=len(errors))
        )
    payload = {"ok": not errors, "findings": [f.as_json() for f in findings]}
    if args.fix:
        payload["fixed"] = [f.as_json() for f in fixed]
    emit(args, payload, "\n".join(lines) or tr("ok"))
    return EXIT_INVALID if errors else EXIT_OK


def _finding_text(f: Any) -> str:
    """One line: severity, where (layer, fid, uuid, field), what."""
    where = " ".join(
        part
        for part in (
            f.layer,
            f"fid {f.fid}" if f.fid is not None else None,
            f.uuid,
            tr("field {field}", field=f.field) if f.field else None,
        )
        if part
    )
    severity = tr("error") if f.severity == "error" else tr("warning") if f.severity == "warning" else f.severity
    return " ".join(f"{severity}: {where + ': ' if where else ''}{finding_message(f)}".split())


def cmd_changes(args: argparse.Namespace) -> int:
    with _open(args.store, readonly=True) as store:
        if args.layer is not None:
            store.layer(args.layer)  # an unknown layer is a user error, not "No local changes."
        changes = store.changes(args.layer)
    emit(
        args,
        [c.as_json() for c in changes],
        "\n".join(
            f"{c.op:<6} {c.layer:<16} {c.uuid}  {', '.join(c.fields) if c.op == 'update' else ''}".rstrip()
            for c in changes
        )
        or tr("No local changes."),
    )
    return EXIT_OK


def cmd_dossier(args: argparse.Namespace) -> int:
    from baytak_desktop.exhibits.dossier import DossierSpec, evidence_limits, render_dossier

    max_km, max_days = evidence_limits(args.max_distance_km, args.max_days)
    spec = DossierSpec(
        store=args.store,
        uuid=args.uuid,
        out=args.out,
        language=args.lang,
        layer=args.layer,
        author=args.author or "",
        server=not args.no_server,
        photo_max_km=max_km,
        photo_max_days=max_days,
    )
    out = render_dossier(spec)
    text = tr("Wrote the evidence dossier of {uuid} to {out}", uuid=args.uuid, out=out)
    emit(args, {"out": str(out), "uuid": args.uuid}, text)
    return EXIT_OK


def _open(path: Path, readonly: bool = False) -> Store:
    from baytak_desktop.store import Store
    from baytak_desktop.sync.author import account_branch, local_author

    store = Store.open(path, readonly=readonly)
    if not readonly:
        store.author = local_author(store)  # the signed-in user, else the system user
        store.new_feature_branch = account_branch(store)  # what new features naming no branch get
    return store


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{layer_name(layer)} {count}" for layer, count in counts.items())


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="baytak", description=tr("Baytak GIS: the local GeoPackage store from the command line."))
    parser.add_argument(
        "--version",
        action="version",
        version=f"baytak {__version__}",
        help=tr("show program's version number and exit"),
    )
    add_language_option(parser)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, function: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("store", type=Path, metavar="STORE.gpkg", help=tr("the local store (a GeoPackage)"))
        p.add_argument("--json", action="store_true", help=tr("print machine-readable JSON"))
        # open_store: commands of other packages (io) open the store as the CLI does, with its author and
        # the branch of its new features
        p.set_defaults(function=function, progress=TextProgress, open_store=_open)
        return p

    p = command("init", cmd_init, tr("create a new store"))
    p.add_argument("--demo", action="store_true", help=tr("fill it with the demo data (illustrative positions)"))
    p.add_argument(
        "--lang",
        choices=("en", "kk", "ru"),
        help=tr(
            "the language of the demo data's names and notes (default: the language baytak speaks, en with --json)"
        ),
    )
    p = command("layers", cmd_layers, tr("list the layers (built-in and published) with their feature counts"))
    p.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help=tr("the language of the layers' titles (default: the language baytak speaks, en with --json)"),
    )
    from baytak_desktop.io.commands import add_io_commands

    add_io_commands(command)  # import, export
    p = command(
        "validate", cmd_validate, tr("check integrity, schema, journal triggers, spatial index and every feature")
    )
    p.add_argument(
        "--fix",
        action="store_true",
        help=tr(
            "repair what can be repaired (labels, date spellings, geometry types, stale areas, triggers, index)"
            " as journaled edits, then list what remains"
        ),
    )
    p = command("changes", cmd_changes, tr("list the local changes not yet synced"))
    p.add_argument("--layer", help=tr("only this layer"))
    p = command(
        "dossier",
        cmd_dossier,
        tr(
            "write the evidence dossier (PDF) of one site: map, attributes, photos "
            "with their SHA-256 checked, edit history"
        ),
    )
    p.add_argument("--uuid", required=True, help=tr("the site's uuid"))
    p.add_argument("--out", required=True, type=Path, metavar="FILE.pdf", help=tr("the PDF to write"))
    p.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help=tr("the dossier's language (default: the language baytak speaks, en with --json)"),
    )
    p.add_argument("--layer", help=tr("the site's layer (found from the uuid when left out)"))
    p.add_argument("--author", help=tr("who prepared the dossier (printed on it)"))
    p.add_argument("--no-server", action="store_true", help=tr("do not ask the sync server for the full history"))
    from baytak_desktop.analysis.photo_check import MAX_DAYS, MAX_DISTANCE_KM

    p.add_argument(
        "--max-distance-km",
        default=str(MAX_DISTANCE_KM),
        metavar="KM",
        help=tr(
            "flag a photo whose EXIF position is farther than KM kilometres from the site, 0 or more"
            " (the app's setting evidence/max_distance_km; default {default})",
            default=f"{MAX_DISTANCE_KM:g}",
        ),
    )
    p.add_argument(
        "--max-days",
        default=str(MAX_DAYS),
        metavar="DAYS",
        help=tr(
            "flag a photo whose EXIF date is more than DAYS days from the site's observation date, 0 or more"
            " (the app's setting evidence/max_days; default {default})",
            default=MAX_DAYS,
        ),
    )
    from baytak_desktop.server import commands as server_commands  # the central server

    server_commands.add_server_command(sub).set_defaults(runner=server_commands.run)
    from baytak_desktop.gps.commands import add_gps_command

    add_gps_command(sub).set_defaults(open_store=_open)  # watch, average, add-point, record, ...
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
    """Parse and run in the language asked for (the help that argparse prints is in it too)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    with speaking(requested_language(argv)), naming_layers(builtin_layers):
        return _parse_and_run(argv)


def _layers_of(args: argparse.Namespace) -> Catalog:
    """The layers a command names by their titles: its store's (a published layer too), read when a layer
    is first named; the built-in ones when there is no store, or it cannot be read (a message about that
    names no layer), or another program holds it (naming is not worth a wait)."""
    store = getattr(args, "store", None)
    if not isinstance(store, Path) or not store.is_file():
        return builtin_layers()
    from baytak_desktop.store.catalog import catalog_of
    from baytak_desktop.store.connection import connect

    try:
        conn = connect(store, readonly=True, busy_ms=100)
        try:
            return catalog_of(conn)
        finally:
            conn.close()
    except (sqlite3.Error, BaytakError, OSError, ValueError):
        return builtin_layers()


def builtin_layers() -> Catalog:
    """The layers every store has, which what baytak says names by their titles (i18n.naming_layers)."""
    from baytak_desktop.layers import LAYERS

    return LAYERS


def _parse_and_run(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    try:  # argparse also takes an abbreviation (--la kk) that requested_language did not see
        with speaking(args.language or language()), quiet_libraries(), naming_layers(lambda: _layers_of(args)):
            if getattr(args, "lang", "") is None:  # a command's own --lang left out: what it writes
                args.lang = "en" if getattr(args, "json", False) else language()  # scripts' output stays put
            if hasattr(args, "runner"):  # `baytak server` reports its own failures
                return int(args.runner(args))
            return _run(args)
    except BrokenPipeError:
        return _closed_pipe()


def _run(args: argparse.Namespace) -> int:
    """A store command, its failures as one line (with the option that helps, when there is one)."""
    try:
        return int(args.function(args))
    except BaytakError as exc:
        hint = f" ({exc.cli_hint})" if exc.cli_hint else ""
        return fail(args, exc.message + hint, error_text(exc) + hint_text(exc))
    except sqlite3.DatabaseError as exc:
        from baytak_desktop.store.lockwait import is_busy_error  # here: the store package costs `--help` 0.7 s

        if is_busy_error(exc):  # a read that waited its whole timeout: the file is fine, someone is writing
            return fail(args, _held_by(args.store))
        return fail(
            args,
            Sentence(
                "{store}: the store cannot be read ({reason}); is it a GeoPackage made by baytak?",
                store=args.store,
                reason=library_reason(exc),
            ),
        )
    except KeyboardInterrupt:
        return fail(args, Sentence("interrupted; the store is as it was before this command"))


def _held_by(store: Path) -> Sentence:
    """Who kept the store locked through a read's whole wait ("QGIS (process 4242)"), not a doubt about
    the file: "is it a GeoPackage made by baytak?" sent people looking for damage that was not there."""
    from baytak_desktop.store import holders

    program = holders.describe([h for h in holders.holders(store, idle=False) if h.writing or h.reading])
    if program:
        return Sentence(
            "{program} is writing to {path}, so it could not be read; nothing was changed. Let it finish (or "
            "close the file there), then try again.",
            program=program,
            path=str(store),
        )
    return Sentence(
        "Another program is writing to {path}, so it could not be read; nothing was changed. Let it finish "
        "(or close the file there), then try again.",
        path=str(store),
    )


def _closed_pipe() -> int:
    """The reader of our output went away (``baytak layers --json | head``): end quietly, as cat does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
