"""Rules of ui/'s layout that import-linter cannot state: ui/paint paints with QtGui alone.

import-linter sees an external package only by its root name (``PySide6``), so "ui.paint never imports
QtWidgets" is checked here: in the source of every module, and in a fresh interpreter that imports the
whole of ui.paint, as the exhibit child process does.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import baytak_desktop.ui

UI = Path(baytak_desktop.ui.__file__).parent


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_paint_modules_never_import_qtwidgets():
    offenders = {
        str(path.relative_to(UI)): sorted(name for name in imported_modules(path) if "QtWidgets" in name)
        for path in (UI / "paint").rglob("*.py")
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_importing_all_of_paint_loads_no_widgets():
    code = (
        "import importlib, pkgutil, sys\n"
        "import baytak_desktop.ui.paint as paint\n"
        "for found in pkgutil.walk_packages(paint.__path__, 'baytak_desktop.ui.paint.'):\n"
        "    importlib.import_module(found.name)\n"
        "print(sorted(name for name in sys.modules if 'QtWidgets' in name))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
