"""The child process that paints exhibits and dossiers: ``python -m baytak_desktop.ui.paint.exhibit_main --spec F``.

The ``baytak`` command may not import Qt (import-linter), and a page in Kazakh needs the Kazakh
translator installed in a QGuiApplication whatever the UI language is; so painting runs here, in its
own process, offscreen. It prints one JSON line: ``{"out": ..., "seconds": ...}`` on success (exit 0),
``{"error": message, ...}`` for a problem the user can fix (exit 1). Anything else is a bug: traceback, exit 2.

A refusal's English message alone could not be translated by the parent, whose person may read Kazakh
while this child paints in English; so it also carries the error's class (``module``, ``class``), its
``template``, its ``params`` (JSON-safe: what JSON cannot hold is sent as its text), its ``hint`` and its
``problems`` (``errors.problem_json``: a validation error's every problem, with its template), and
exhibits.render_process rebuilds the same error from them.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from baytak_desktop.errors import BaytakError, Problem, json_param, problem_json

if TYPE_CHECKING:  # imported in the child once the platform is set
    from PySide6.QtGui import QGuiApplication


def _application(language: str) -> QGuiApplication:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QFont, QGuiApplication

    from baytak_desktop.ui import i18n
    from baytak_desktop.ui.fonts import add_bundled_fonts

    existing = QGuiApplication.instance()
    app = existing if isinstance(existing, QGuiApplication) else QGuiApplication([sys.argv[0]])
    add_bundled_fonts()  # before kazakh_font() looks for a font with every Kazakh letter
    i18n.set_language(language)
    QGuiApplication.setFont(i18n.kazakh_font(QFont()))
    return app


def run(spec_path: Path, dossier: bool) -> dict[str, object]:
    from baytak_desktop.exhibits.print_spec import ExhibitSpec

    started = time.perf_counter()
    text = spec_path.read_text(encoding="utf-8")
    if dossier:
        from baytak_desktop.exhibits.dossier import DossierSpec

        dossier_spec = DossierSpec.from_json(text)
        _application(dossier_spec.language)
        from baytak_desktop.ui.paint.dossier_pdf import export_dossier

        out = export_dossier(dossier_spec)
    else:
        spec = ExhibitSpec.from_json(text)
        _application(spec.language)
        from baytak_desktop.ui.paint.print_layout import export_exhibit

        out = export_exhibit(spec)
    return {"out": str(out), "seconds": round(time.perf_counter() - started, 3)}


def refusal(error: BaytakError) -> dict[str, object]:
    """The JSON answer for ``error``: its English message, and what the parent rebuilds it from, its
    problems too (a validation error says several, each translated on its own)."""
    kind = type(error)
    answer: dict[str, object] = {
        "error": error.message,
        "module": kind.__module__,
        "class": kind.__qualname__,
        "template": error.template,
        "params": {str(name): json_param(value) for name, value in error.params.items()},
        "hint": error.cli_hint,
    }
    problems = getattr(error, "problems", None)
    if isinstance(problems, list):
        answer["problems"] = [problem_json(p) for p in problems if isinstance(p, Problem)]
    return answer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="baytak-exhibit", description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--spec", type=Path, help="an exhibit spec (exhibits.print_spec.ExhibitSpec as JSON)")
    group.add_argument("--dossier", type=Path, help="a dossier spec (exhibits.dossier.DossierSpec as JSON)")
    args = parser.parse_args(argv)
    try:
        result = run(args.dossier or args.spec, dossier=args.dossier is not None)
    except BaytakError as error:
        print(json.dumps(refusal(error), ensure_ascii=False))
        return 1
    except OSError as error:
        print(json.dumps({"error": f"The exhibit cannot be written: {error}"}, ensure_ascii=False))
        return 1
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
