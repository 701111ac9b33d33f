"""Painting an exhibit or a dossier in a child process, from code that may not import Qt.

The CLI (and the UI, so that a Kazakh exhibit can be made while the window speaks Russian) hands the
spec as JSON to the exhibit painter running offscreen (``python -m <module>``), and waits. The child
answers with one JSON line; a problem the user can fix comes back as the very error the child raised
(its class, template and parameters, rebuilt here), so each front end says it in its person's language;
a crash comes back as :class:`ExhibitError` with the end of its traceback.

Which module paints is declared in pyproject.toml as the entry point ``exhibit-painter`` of the group
``baytak_desktop.child_processes`` (today ``ui.paint.exhibit_main``), and found here through
``importlib.metadata``: a dependency this package states, not a module path hidden in a string.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from baytak_desktop.errors import BaytakError, ValidationError, problem_from_json
from baytak_desktop.exhibits.print_spec import ExhibitSpec

CHILD_PROCESSES = "baytak_desktop.child_processes"  # the entry-point group in pyproject.toml
PAINTER = "exhibit-painter"
TIMEOUT_S = 600.0  # an A1 at 600 dpi of a million features takes minutes, not hours


class ExhibitError(BaytakError):
    """The exhibit or dossier could not be made; the message says why."""


def render_exhibit(spec: ExhibitSpec, timeout: float = TIMEOUT_S) -> Path:
    """Write ``spec.out`` (PDF, PNG or SVG); returns its path or raises ExhibitError."""
    spec.validate()
    if not Path(spec.store).exists():
        raise ExhibitError("The store {path} does not exist.", path=str(spec.store))
    run_child("--spec", spec.to_json(), spec.out, timeout)
    return spec.out


def painter_module() -> str:
    """The module the child process runs (``python -m``), as the installed package declares it."""
    found = list(entry_points(group=CHILD_PROCESSES, name=PAINTER))
    if not found:
        raise ExhibitError(
            "The exhibit painter is not installed (no entry point {name} in {group}); reinstall baytak-desktop.",
            name=PAINTER,
            group=CHILD_PROCESSES,
        )
    return found[0].module


def run_child(flag: str, payload: str, out: Path, timeout: float) -> dict[str, Any]:
    if not out.parent.exists():
        raise ExhibitError("The folder {folder} does not exist.", folder=str(out.parent))
    with tempfile.TemporaryDirectory(prefix="baytak-exhibit-") as folder:
        spec_file = Path(folder) / "spec.json"
        spec_file.write_text(payload, encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        try:
            done = subprocess.run(
                [sys.executable, "-m", painter_module(), flag, str(spec_file)],
                check=False,  # the child's exit code and stderr become the ExhibitError below
                capture_output=True,
                text=True,
                env=env,
                timeout=timeout,
            )
        except subprocess.TimeoutExpired as error:
            raise ExhibitError(
                "Making {out} took longer than {seconds:.0f} s and was stopped; try a lower dpi or a smaller page.",
                out=str(out),
                seconds=timeout,
            ) from error
    return _answer(done, out)


def _answer(done: subprocess.CompletedProcess[str], out: Path) -> dict[str, Any]:
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    try:
        answer = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        answer = {}  # a line cut short: reported below as the failure it is, with the child's stderr
    if done.returncode == 0 and "out" in answer:
        return answer
    if "error" in answer:
        raise refusal(answer, out)
    tail = "\n".join(done.stderr.strip().splitlines()[-6:]) or f"exit code {done.returncode}"
    raise ExhibitError("Painting {out} failed unexpectedly; please report this:\n{tail}", out=str(out), tail=tail)


def refusal(answer: dict[str, Any], out: Path) -> BaytakError:
    """The error the child refused with, rebuilt from its answer (ui/paint/exhibit_main.py ``refusal``).

    Its own class when this process knows it (so the front ends find its translation, its hint and its
    exit code) and its problems (a validation error's, each said in the front end's language), else an
    ExhibitError with its template (still translated where the catalogue has it); an answer without a
    usable template gives the child's English message after ``out``, never a crash.
    """
    template, params = answer.get("template"), answer.get("params")
    if not isinstance(template, str) or not isinstance(params, dict):
        return ExhibitError("{out}: {reason}", out=str(out), reason=str(answer["error"]))
    kind = _known_class(answer.get("module"), answer.get("class")) or ExhibitError
    error = kind.__new__(kind)  # not kind(...): a subclass's __init__ may take other arguments
    error.template, error.params = template, {str(name): value for name, value in params.items()}
    problems = answer.get("problems")
    if isinstance(problems, list) or isinstance(error, ValidationError):
        # each problem with its template, so a front end says every one in its language (not the summary's English)
        error.problems = [p for p in map(problem_from_json, problems or []) if p is not None]  # type: ignore[attr-defined]
    hint = answer.get("hint")
    if isinstance(hint, str):
        error.cli_hint = hint
    Exception.__init__(error, error.message)
    return error


def _known_class(module: object, name: object) -> type[BaytakError] | None:
    """The BaytakError subclass ``module.name`` among those this process has imported; None if none is.

    Never imported here from the answer's names: the command line must not import the painter's Qt modules.
    """
    pending: list[type[BaytakError]] = [BaytakError]
    while pending:
        kind = pending.pop()
        if kind.__module__ == module and kind.__qualname__ == name:
            return kind
        pending.extend(kind.__subclasses__())
    return None
