"""A real receiver's log moved to a demo quarry, a real window, and a replay server on 127.0.0.1.

The logs of tests/data/gps were recorded in North America; the map keeps its view over Central Asia,
so the window tests move a log to the demo store's quarry near Almaty: every position of the log is
shifted by the same number of degrees (the walk's shape, its receiver noise, times, accuracy and
satellites stay as recorded) and the checksums are computed again. ``expected`` of tests/gps reads
the moved log with plain string splitting, independently of the code under test.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from baytak_desktop.demo import build_demo
from baytak_desktop.gps import Backoff
from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.gps.conftest import LOGS

QUARRY = (43.4615, 76.8605)  # lat, lon: the edge of the demo store's quarry at Kaskelen
_POSITION_FIELDS = {"GGA": 2, "RMC": 3, "GLL": 1, "GNS": 2}  # index of the latitude field


def _checksum(body: str) -> str:
    value = 0
    for char in body:
        value ^= ord(char)
    return f"{value:02X}"


def _degrees(value: str, hemisphere: str, width: int) -> float:
    degrees = int(value[:width]) + float(value[width:]) / 60
    return -degrees if hemisphere in ("S", "W") else degrees


def _field(degrees: float, width: int, decimals: int, hemispheres: str) -> tuple[str, str]:
    hemisphere = hemispheres[0] if degrees >= 0 else hemispheres[1]
    degrees = abs(degrees)
    whole = int(degrees)
    minutes = (degrees - whole) * 60
    return f"{whole:0{width}d}{minutes:0{3 + decimals}.{decimals}f}", hemisphere


def moved_log(name: str, out: Path, to: tuple[float, float] = QUARRY, epochs: int | None = None) -> Path:
    """tests/data/gps/NAME.log with its first position moved to ``to`` (lat, lon) and every other one by
    as much; ``epochs``: only the lines up to that many GGA sentences."""
    lines = (LOGS / f"{name}.log").read_text(encoding="utf-8", errors="replace").splitlines()
    shift: tuple[float, float] | None = None
    kept: list[str] = []
    seen = 0
    for line in lines:
        if not line.startswith("$") or "*" not in line:
            kept.append(line)
            continue
        body = line[1:].split("*")[0]
        fields = body.split(",")
        index = _POSITION_FIELDS.get(fields[0][2:])
        if fields[0][2:] == "GGA":
            seen += 1
            if epochs is not None and seen > epochs:
                break
        if index is not None and fields[index] and fields[index + 2]:
            lat = _degrees(fields[index], fields[index + 1], 2)
            lon = _degrees(fields[index + 2], fields[index + 3], 3)
            if shift is None:
                shift = (to[0] - lat, to[1] - lon)
            decimals_lat = len(fields[index].split(".")[1]) if "." in fields[index] else 0
            decimals_lon = len(fields[index + 2].split(".")[1]) if "." in fields[index + 2] else 0
            fields[index], fields[index + 1] = _field(lat + shift[0], 2, decimals_lat, "NS")
            fields[index + 2], fields[index + 3] = _field(lon + shift[1], 3, decimals_lon, "EW")
            body = ",".join(fields)
            kept.append(f"${body}*{_checksum(body)}")
            continue
        kept.append(line)
    out.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def window(qtbot, demo_file, tmp_path):
    path = tmp_path / "demo.gpkg"
    shutil.copy(demo_file, path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    window.gps.receiver.backoff = Backoff(0.2, 2.0, 1.0)  # reconnect within a second, not thirty
    yield window
    window.gps.close_down()
    set_language("en")
    QApplication.processEvents()
