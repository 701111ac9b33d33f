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


# Where the program's built-in layers are meant and nothing else: the Aral chart's own water bodies, the
# corner rule every polygon shares, and the lists shown while no store is open.
BUILTIN_ONLY = {
    "ui/exhibits/charts.py",
    "ui/edit/tools/draw_shape.py",
}


def builtin_catalog_uses(path: Path) -> list[str]:
    """Imports of the built-in layer list (``LAYERS``, ``get_layer``): the UI shows the layers of the store
    shown (its catalog: built-in and published), so a use of these is a layer the user cannot see."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("baytak_desktop.layers"):
            found.extend(f"{node.lineno}: {a.name}" for a in node.names if a.name in ("LAYERS", "get_layer"))
    return found


def test_the_ui_and_the_map_data_use_the_store_catalog_never_the_built_in_layers():
    package = UI.parent
    offenders = {
        str(path.relative_to(package)): builtin_catalog_uses(path)
        for folder in ("ui", "mapdata", "exhibits", "analysis")
        for path in (package / folder).rglob("*.py")
    }
    assert {path: found for path, found in offenders.items() if found} == {}
    for name in BUILTIN_ONLY:  # the deliberate uses name the built-in catalog, with a reason beside them
        assert "builtin_catalog()" in (package / name).read_text(encoding="utf-8")


def test_the_built_in_layers_rule_would_catch_an_import(tmp_path):
    module = tmp_path / "widget.py"
    module.write_text("from baytak_desktop.layers import LAYERS, get_layer, Catalog\n")
    assert builtin_catalog_uses(module) == ["1: LAYERS", "1: get_layer"]
