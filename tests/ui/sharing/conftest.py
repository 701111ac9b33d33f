"""What every sharing test of the window starts from: its own settings file, a store with one brick
factory, and the store call meter (which thread made each database call)."""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings

from baytak_desktop.store import Store
from baytak_desktop.store.meter import metered

LAYER = "brick_factories"


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "almaty.gpkg"
    with Store.create(path) as store:
        store.insert(LAYER, {"name": "Besagash", "status": "closed"}, shapely.Point(77.06, 43.3))
    return path


@pytest.fixture
def meter():
    with metered(stacks=True) as meter:
        yield meter
