"""``baytak exhibit STORE.gpkg --out FILE``: a map exhibit from the command line.

The output's extension decides: ``.html`` is the offline web map (made here, exhibits.webmap); ``.pdf``,
``.png`` and ``.svg`` are print layouts, painted by Qt in a child process (exhibits.render_process) so
that neither the CLI nor this package imports Qt.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError
from baytak_desktop.i18n import tr
from baytak_desktop.jobs import NullProgress, Progress

Handler = Callable[[argparse.Namespace], int]
CommandFactory = Callable[[str, Handler, str], argparse.ArgumentParser]
WEB_FORMATS = ("html",)
PRINT_FORMATS = ("pdf", "png", "svg")


def add_exhibit_commands(command: CommandFactory) -> None:
    """Register ``exhibit`` through the CLI's factory, which also sets ``args.progress``."""
    p = command(
        "exhibit", cmd_exhibit, tr("make a map exhibit: an offline web map (.html) or a print layout (.pdf .png .svg)")
    )
    p.add_argument(
        "--out", required=True, type=Path, metavar="FILE", help=tr("FILE.html, FILE.pdf, FILE.png or FILE.svg")
    )
    p.add_argument("--title", help=tr("the exhibit's title"))
    p.add_argument("--subtitle", help=tr("print layouts: a line under the title"))
    p.add_argument("--layers", metavar="A,B", help=tr("only these layers (default: every layer with features)"))
    p.add_argument("--extent", metavar="W,S,E,N", help=tr("show this box, in degrees (default: the layers' extent)"))
    p.add_argument("--page", default="A4", help=tr("print layouts: A4, A3, A2 or A1 (default A4)"))
    p.add_argument("--landscape", action="store_true", help=tr("print layouts: landscape page"))
    p.add_argument("--dpi", type=int, default=300, help=tr("print layouts: resolution (default 300)"))
    p.add_argument(
        "--lang",
        choices=("kk", "ru", "en"),
        help=tr("language of every label (default: the language baytak speaks, en with --json)"),
    )
    p.add_argument("--author", help=tr("print layouts: the author printed on the page"))
    p.add_argument("--date", help=tr("print layouts: the date printed (default today), e.g. 2025-06-30"))


def cmd_exhibit(args: argparse.Namespace) -> int:
    kind = args.out.suffix.lower().lstrip(".")
    if kind in WEB_FORMATS:
        payload, text = web_exhibit(args)
    elif kind in PRINT_FORMATS:
        payload, text = print_exhibit(args)
    else:
        raise BaytakError(
            "{out}: the exhibit's format comes from its extension; use .html (web map), .pdf, .png "
            "or .svg (print layout).",
            out=str(args.out),
        )
    print(json.dumps(payload, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def web_exhibit(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    from dataclasses import asdict

    from baytak_desktop.exhibits.webmap import export_webmap, parse_extent
    from baytak_desktop.store import Store

    layers = [name.strip() for name in args.layers.split(",") if name.strip()] if args.layers else None
    extent = parse_extent(args.extent) if args.extent else None
    if not args.out.parent.exists():
        raise BaytakError("The folder {folder} does not exist.", folder=str(args.out.parent))
    with Store.open(args.store, readonly=True) as store:
        result = export_webmap(
            store, args.out, layers, args.lang, _progress(args, tr("web map")), title=args.title, extent=extent
        )
    text = tr(
        "Wrote {path}: {features} features in {layers} layers, {size} MB, works offline",
        path=result.path,
        features=result.features,
        layers=len(result.layers),
        size=f"{result.size_bytes / 1e6:.1f}",
    )
    return asdict(result), text


def print_exhibit(args: argparse.Namespace) -> tuple[dict[str, Any], str]:
    """A PDF/PNG/SVG print layout, through the print layout's spec and its painting child process."""
    try:
        from baytak_desktop.exhibits.print_spec import spec_from_options
        from baytak_desktop.exhibits.render_process import render_exhibit
    except ImportError as error:
        raise BaytakError(
            "Print layouts are not available in this installation ({error}); --out FILE.html makes the web map.",
            error=str(error),
        ) from error
    spec = spec_from_options(
        args.store,
        args.out,
        title=args.title,
        subtitle=args.subtitle,
        layers=args.layers,
        extent=args.extent,
        page=args.page,
        landscape=args.landscape,
        dpi=args.dpi,
        lang=args.lang,
        author=args.author,
        date=args.date,
    )
    out = render_exhibit(spec)
    return {
        "out": str(out),
        "format": spec.format,
        "page": spec.page,
        "dpi": spec.dpi,
        "lang": spec.language,
    }, tr("Wrote {out}", out=out)


def _progress(args: argparse.Namespace, label: str) -> Progress:
    factory = getattr(args, "progress", None)
    return factory(label) if factory else NullProgress()
