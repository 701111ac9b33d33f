"""Rules of ui/'s layout that import-linter cannot state: ui/paint paints with QtGui alone, and no
module of ui/ talks SQL.

import-linter sees an external package only by its root name (``PySide6``), so "ui.paint never imports
QtWidgets" is checked here: in the source of every module, and in a fresh interpreter that imports the
whole of ui.paint, as the exhibit child process does. Widgets hold no SQL: no module under ui/ imports
sqlite3, calls ``.execute()`` or ``.executemany()``, or reaches for a store's ``.conn``.
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


def sql_offences(path: Path) -> list[str]:
    """Where a module talks to the database itself: imports sqlite3, calls .execute()/.executemany(),
    or reaches for a connection (``.conn``)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import | ast.ImportFrom) and "sqlite3" in imported_names(node):
            found.append(f"{node.lineno}: imports sqlite3")
        elif isinstance(node, ast.Attribute) and node.attr == "conn":
            found.append(f"{node.lineno}: .conn")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("execute", "executemany", "executescript")
        ):
            found.append(f"{node.lineno}: .{node.func.attr}()")
    return found


def imported_names(node: ast.Import | ast.ImportFrom) -> set[str]:
    if isinstance(node, ast.ImportFrom):
        return {(node.module or "").split(".")[0]}
    return {alias.name.split(".")[0] for alias in node.names}


def test_no_module_of_ui_talks_sql():
    """Widgets hold no SQL: queries live in store/ (and mapdata/ for the map), which the views call."""
    offenders = {str(path.relative_to(UI)): sql_offences(path) for path in UI.rglob("*.py")}
    assert {path: found for path, found in offenders.items() if found} == {}


def test_the_sql_rule_would_catch_each_form(tmp_path):
    module = tmp_path / "widget.py"
    module.write_text(
        "import sqlite3\n"
        "from sqlite3 import Error\n"
        "def f(store, conn):\n"
        "    store.conn.execute('SELECT 1')\n"
        "    conn.executemany('INSERT', [])\n"
    )
    assert sorted(sql_offences(module)) == [
        "1: imports sqlite3",
        "2: imports sqlite3",
        "4: .conn",
        "4: .execute()",
        "5: .executemany()",
    ]
