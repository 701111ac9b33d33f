"""The wheel, as a packager builds it and a user installs it: everything the app reads is inside it.

``python -m build`` makes the sdist and, from it, the wheel (about 5 s), out of a copy of the source
tree; ``pip install`` puts the wheel and its dependencies into a fresh virtual environment (about 30 s
from the local pip cache). The installed programs then run from an unrelated folder with no source tree
in reach: ``baytak init --demo`` and a ``baytak-desktop --screenshot`` in Kazakh, whose map must show
the bundled basemap (land and water in the basemap's own colours), and a Python check that the Kazakh
catalogue loads from the installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from baytak_desktop.ui.paint.basemap import HOME, LAND, NEIGHBOUR, WATER

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 600

pytestmark = pytest.mark.slow


def _source_files() -> list[str]:
    """What a clone of the repository holds: tracked files plus new ones not ignored."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to know which files make the source tree")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    source = tmp_path_factory.mktemp("source")
    for name in _source_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    (found,) = out.glob("baytak_desktop-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies installed, nothing else."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, timeout=TIMEOUT_S)
    done = subprocess.run(
        [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return folder


@pytest.fixture
def run(venv, tmp_path):
    """Run a program of the venv from an empty folder, with private settings and no source tree in reach."""
    home = tmp_path / "elsewhere"
    home.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        PATH=f"{venv / 'bin'}:/usr/bin:/bin",
    )

    def start(program: str, *args: object) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / program), *map(str, args)],
            cwd=home,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
        )

    return start


def test_the_wheel_holds_the_resources_and_declares_a_gui_script(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        entry_points = next(archive.read(n).decode() for n in names if n.endswith("entry_points.txt"))
    for resource in (
        "basemap/natural_earth_central_asia.gpkg",
        "translations/baytak_kk.qm",
        "translations/baytak_ru.qm",
        "translations/baytak_cli_kk.json",  # the command line's catalogues (baytak_desktop/i18n.py)
        "translations/baytak_cli_ru.json",
        "fonts/DejaVuSans.ttf",
        "webmap/baytak_webmap.js",
    ):
        assert f"baytak_desktop/resources/{resource}" in names, resource
    assert "[gui_scripts]\nbaytak-desktop = baytak_desktop.ui.app:main" in entry_points
    assert "[console_scripts]\nbaytak = baytak_desktop.cli:main" in entry_points
    painter = "[baytak_desktop.child_processes]\nexhibit-painter = baytak_desktop.ui.paint.exhibit_main:main"
    assert painter in entry_points  # the exhibit child process finds its module through this


def test_the_installed_app_draws_the_basemap_in_kazakh_from_another_folder(run, venv, tmp_path):
    store, shot = tmp_path / "demo.gpkg", tmp_path / "shot.png"
    done = run("baytak", "init", store, "--demo")
    assert done.returncode == 0, done.stderr
    done = run("baytak-desktop", store, "--screenshot", shot, "--size", "1000x700", "--lang", "kk")
    assert done.returncode == 0, done.stderr
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1000, 700)
    colours = Counter(image.pixelColor(x, y).name() for x in range(0, 1000, 4) for y in range(0, 700, 4))
    land = colours[LAND] + colours[HOME] + colours[NEIGHBOUR]
    assert land > 2000, f"no land drawn: {colours.most_common(8)}"  # the basemap, not the empty background
    # the Caspian, Balkhash, Aral (at 1000 x 700 the map is about 430 x 370 px beside the panels)
    assert colours[WATER] > 100, f"no water drawn: {colours.most_common(8)}"


CHECK_KAZAKH = """
import json
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
import baytak_desktop
from baytak_desktop.exhibits import webmap_text
from baytak_desktop.ui import i18n
app = QApplication([])
loaded = i18n.set_language("kk")
print(json.dumps({"package": baytak_desktop.__file__, "loaded": loaded,
                  "ui": QCoreApplication.translate("Layers", "Quarries"),
                  "webmap": webmap_text.layer_title("sewage_outflows", "kk")}))
"""


def test_the_installed_package_switches_to_kazakh(run, venv):
    done = run("python", "-c", CHECK_KAZAKH)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    site = venv.resolve()
    assert Path(report["package"]).resolve().is_relative_to(site)  # the installed copy, not the checkout
    ours = [Path(p).resolve() for p in report["loaded"] if Path(p).name == "baytak_kk.qm"]
    assert ours and ours[0].is_relative_to(site)
    assert report["ui"] == "Карьерлер"
    assert report["webmap"] == "Сарқынды су төгінділері"


def test_the_installed_command_speaks_kazakh(run, tmp_path):
    """``baytak --lang kk`` from a wheel: its catalogue is package data, found from any folder."""
    done = run("baytak", "--lang", "kk", "init", tmp_path / "store.gpkg")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{tmp_path / 'store.gpkg'} жасалды"
