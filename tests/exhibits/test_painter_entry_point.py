"""The exhibit painter is a declared entry point of the package, and the module it names exists."""

from __future__ import annotations

import importlib.util
from importlib.metadata import entry_points

from baytak_desktop.exhibits.render_process import CHILD_PROCESSES, PAINTER, painter_module


def test_the_painter_is_declared_and_resolves_to_a_module_of_ui_paint():
    (declared,) = entry_points(group=CHILD_PROCESSES, name=PAINTER)
    assert painter_module() == declared.module == "baytak_desktop.ui.paint.exhibit_main"
    assert importlib.util.find_spec(declared.module) is not None
    assert callable(declared.load())  # its main(), what ``python -m`` runs
