"""Fixtures for the sync UI tests (no tests here): a real server process and real main windows.

The server is ``python -m baytak_desktop.server`` (uvicorn, SQLite) on a free port of 127.0.0.1 with
accounts made by ``baytak server user add ... --password-stdin``; each window has its own store, its
own settings file and signs in through the sync package, so tokens land in a throwaway config dir.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from baytak_desktop.store import Store
from baytak_desktop.sync.session import login
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.sync.conftest import FAST, PASSWORD, Server, free_port
from tests.ui.writes import writer_of, written

BRANCH = "almaty_region"
HERE = shapely.Point(76.95, 43.25)
WAIT_MS = 60_000


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home))
    return home


@pytest.fixture
def server(tmp_path: Path, config_home: Path) -> Iterator[Server]:
    """dana coordinates the Almaty region, erlan edits there, aigerim administers everything."""
    data = tmp_path / "server"
    data.mkdir()
    running = Server(data, free_port())
    running.add_user("dana", "coordinator", BRANCH)
    running.add_user("erlan", "editor", BRANCH)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def make_window(qtbot, tmp_path: Path, server: Server) -> Iterator[Callable[..., MainWindow]]:
    """``make_window("a", user="dana")``: a shown MainWindow on a new store, signed in when ``user``."""
    windows: list[MainWindow] = []

    def make(name: str, user: str | None = None) -> MainWindow:
        path = tmp_path / f"{name}.gpkg"
        Store.create(path).close()
        if user:
            login(path, server.url, user, PASSWORD, FAST)
        settings = QSettings(str(tmp_path / f"{name}.ini"), QSettings.Format.IniFormat)
        set_language("en")  # as the app does at start: English, with its plural forms
        window = MainWindow(Store.open(path), settings)
        window.sync.controller.options = FAST
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.sync.controller.shutdown()
    set_language("en")
    QApplication.processEvents()


def run_sync(qtbot, window: MainWindow) -> None:
    """Press Sync now and wait until the job has ended (whatever its outcome)."""
    written(qtbot, window)  # the edits made before are in the store (the writer thread writes them)
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        window.sync.actions["sync_now"].trigger()


def add_factory(window: MainWindow, name: str = "Besagash brick works", **attributes) -> str:
    values = {"name": name, "status": "operating", "branch": BRANCH, **attributes}
    uuid = window.sync.session.create_feature("brick_factories", values, HERE)
    assert writer_of(window).wait_idle()  # written on the window's writer thread
    return uuid


def attributes(window: MainWindow, uuid: str, layer: str = "brick_factories") -> dict:
    return window.store.get(layer, uuid).attributes
