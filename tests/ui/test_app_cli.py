"""`baytak-desktop` as a user or a docs script starts it: --screenshot in a real subprocess, broken inputs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage

from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.ui.app import parse_args


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


def run_app(tmp_path, *args, timeout=120):
    """Start the real entry point in a fresh process with private settings and data folders."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
    )
    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.ui.app", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def colours(image: QImage, step: int = 23) -> set[str]:
    return {
        image.pixelColor(QPoint(x, y)).name()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    }


def test_screenshot_writes_a_drawn_map(tmp_path, demo_file):
    out = tmp_path / "shot.png"
    done = run_app(tmp_path, demo_file, "--screenshot", out, "--size", "1000x700", "--lang", "en")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    assert len(colours(image)) > 20  # land, water, borders, symbols, text: not a blank window


def test_screenshot_in_kazakh_at_an_extent(tmp_path, demo_file):
    out = tmp_path / "konaev.png"
    done = run_app(
        tmp_path, demo_file, "--screenshot", out, "--size", "900x600", "--lang", "kk", "--extent", "76.9,43.7,77.6,44.1"
    )
    assert done.returncode == 0, done.stderr
    assert len(colours(QImage(str(out)))) > 10


def test_not_a_geopackage_is_a_message_not_a_traceback(tmp_path):
    bogus = tmp_path / "photo.gpkg"
    bogus.write_bytes(b"\xff\xd8\xff\xe0 not a database at all")
    done = run_app(tmp_path, bogus, "--screenshot", tmp_path / "x.png")
    assert done.returncode == 1
    assert "is not a GeoPackage" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.png").exists()


def test_store_with_a_dropped_layer_still_opens(tmp_path, demo_file):
    import sqlite3

    path = tmp_path / "damaged.gpkg"
    shutil.copy(demo_file, path)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE brick_factories")
    out = tmp_path / "damaged.png"
    done = run_app(tmp_path, path, "--screenshot", out, "--size", "900x600")
    assert done.returncode == 0, done.stderr
    assert QColor("#fde7e9").name() in colours(QImage(str(out)), step=5)  # the message bar's error colour


def test_first_start_creates_the_default_store_with_demo_data(tmp_path):
    out = tmp_path / "first.png"
    done = run_app(tmp_path, "--screenshot", out, timeout=240)
    assert done.returncode == 0, done.stderr
    created = list((tmp_path / "data").rglob("baytak.gpkg"))
    assert len(created) == 1
    with Store.open(created[0]) as store:
        assert store.count("quarries") > 0


def test_screenshot_of_an_osm_basemap_at_1_20000(tmp_path):
    """The docs' screenshots: a store with the Helsinki extract's basemap, at --scale 20000."""
    from pathlib import Path

    from baytak_desktop.basemap import osm_style
    from baytak_desktop.basemap.jobs import add_basemap_job
    from baytak_desktop.jobs import NullProgress

    store = tmp_path / "helsinki.gpkg"
    Store.create(store).close()
    extract = Path(__file__).resolve().parents[1] / "data" / "osm" / "Helsinki.osm.pbf"
    add_basemap_job(store, extract, progress=NullProgress())
    out = tmp_path / "osm.png"
    args = ["--screenshot", out, "--size", "1366x768", "--extent", "24.935,60.165,24.953,60.178", "--scale", "20000"]
    done = run_app(tmp_path, store, *args, "--lang", "ru")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    found = colours(image, step=3)
    assert QColor(osm_style.ROADS["primary"].colour).name() in found
    assert QColor(osm_style.ROADS["secondary"].colour).name() in found


@pytest.mark.parametrize(
    "bad", [["--size", "big"], ["--extent", "77,44,76,43"], ["--lang", "de"], ["--scale", "0"], ["--scale", "big"]]
)
def test_bad_arguments_are_refused(bad, capsys):
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["x.gpkg", *bad])
    assert exit_info.value.code == 2
