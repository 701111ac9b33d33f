"""``./run.sh`` starts the app with no network once set up, and sets up again only when needed.

Each test gets a venv of its own in ``tmp_path`` that borrows the project's installed packages through a
.pth file (creating a real one would download everything), and pip pointed at an index that does not
answer: what a laptop in the steppe sees.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from baytak_desktop.store import Store

ROOT = Path(__file__).resolve().parent.parent
UNREACHABLE = "http://127.0.0.1:9/simple"  # the discard port: nothing listens, the connection is refused


def offline_env(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV"))}
    env.update(
        BAYTAK_VENV=str(venv),
        PIP_CONFIG_FILE=os.devnull,  # no machine-wide find-links or local index either
        PIP_INDEX_URL=UNREACHABLE,
        PIP_NO_CACHE_DIR="1",
        PIP_RETRIES="0",
        PIP_TIMEOUT="3",
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PYTHON=sys.executable,
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def borrowed_venv(tmp_path: Path) -> Path:
    """A venv whose packages are the project's installed ones, with a ``baytak-desktop`` script."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    inner = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(inner, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n" + str(ROOT / "src") + "\n")
    script = venv / "bin" / "baytak-desktop"
    script.write_text(
        f"#!{venv / 'bin' / 'python'}\nfrom baytak_desktop.ui.app import main\nraise SystemExit(main())\n"
    )
    script.chmod(0o755)
    return venv


def stamp_now() -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "install_stamp.py")], check=True, capture_output=True, text=True
    ).stdout.strip()


def run_sh(venv: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(ROOT / "run.sh"), *args], capture_output=True, text=True, env=offline_env(venv), timeout=300
    )


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "branch.gpkg"
    Store.create(path).close()
    return path


def test_a_set_up_venv_starts_the_app_at_once_with_no_network(tmp_path, store):
    venv = borrowed_venv(tmp_path)
    (venv / ".baytak-installed").write_text(stamp_now() + "\n")
    done = run_sh(venv, str(store), "--screenshot", str(tmp_path / "shot.png"), "--size", "800x600")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
    assert "Installing" not in done.stderr and "warning" not in done.stderr  # pip was never asked


def test_changed_dependencies_without_a_network_keep_the_installed_version(tmp_path, store):
    venv = borrowed_venv(tmp_path)
    (venv / ".baytak-installed").write_text("the fingerprint of an older pyproject.toml\n")
    done = run_sh(venv, str(store), "--screenshot", str(tmp_path / "shot.png"), "--size", "800x600")
    assert done.returncode == 0, done.stderr
    assert "could not install the updated dependencies" in done.stderr
    assert (tmp_path / "shot.png").stat().st_size > 0
    assert (venv / ".baytak-installed").read_text().startswith("the fingerprint")  # retried next start


def test_the_first_start_without_a_network_says_what_it_needs(tmp_path):
    venv = tmp_path / "never-set-up"
    done = run_sh(venv)
    assert done.returncode == 1
    assert "needs a network connection the first time" in done.stderr
    assert not (venv / ".baytak-installed").exists()


def test_the_fingerprint_follows_dependencies_not_prose(tmp_path):
    spec = ROOT / "scripts" / "install_stamp.py"
    copy = tmp_path / "pyproject.toml"
    original = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    def fingerprint(text: str) -> str:
        copy.write_text(text, encoding="utf-8")
        code = f"import runpy; print(runpy.run_path({str(spec)!r})['fingerprint'](__import__('pathlib').Path({str(copy)!r})))"
        return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout

    base = fingerprint(original)
    assert fingerprint(original.replace('description = "', 'description = "Changed words. ', 1)) == base
    assert fingerprint(original.replace('"shapely>=2.0"', '"shapely>=2.1"', 1)) != base
    assert shutil.which("bash")
