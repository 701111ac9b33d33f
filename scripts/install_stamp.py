"""Print a fingerprint of what installing this project puts into a venv.

    python3 scripts/install_stamp.py

scripts/setup.sh installs only when this differs from the fingerprint it saved after the last
successful install: the build system, the [project] table (dependencies, extras, scripts, entry points)
and the setuptools package data, plus the Python version. The code itself is installed in editable mode,
so a change of source files needs no reinstall, and a set-up venv starts the app with no network.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROSE = ("description", "readme")  # words about the project, not what gets installed


def fingerprint(pyproject: Path) -> str:
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    project = {k: v for k, v in data.get("project", {}).items() if k not in PROSE}
    setuptools = data.get("tool", {}).get("setuptools", {})
    installed = {
        "build-system": data.get("build-system", {}),
        "project": project,
        "setuptools": setuptools,
        "python": list(sys.version_info[:2]),
    }
    return hashlib.sha256(json.dumps(installed, sort_keys=True).encode()).hexdigest()


if __name__ == "__main__":
    print(fingerprint(ROOT / "pyproject.toml"))
