"""GDAL's GeoPackage validator (validate_gpkg.py), as Debian 12's GDAL 3.6 ships it and as today's GDAL does.

The first comes with python3-gdal (the GDAL that QGIS 3.22 on Debian 12 uses), the second with the
gdal-utils package; .ci/run installs both. Each runs in the system Python when it has GDAL's bindings
(the validator then also decodes every geometry with OGR), else in ours. A missing one is skipped, saying
which package brings it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

SYSTEM_PYTHON = "/usr/bin/python3"
DEBIAN_VALIDATOR = Path("/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py")


@dataclass(frozen=True)
class Validator:
    name: str
    script: Path | None
    missing: str  # why it may be absent

    @property
    def python(self) -> str:
        has_gdal = (
            os.path.exists(SYSTEM_PYTHON)
            and subprocess.run([SYSTEM_PYTHON, "-c", "import osgeo.ogr"], capture_output=True, check=False).returncode
            == 0
        )
        return SYSTEM_PYTHON if has_gdal else sys.executable


def _gdal_utils_script() -> Path | None:
    spec = importlib.util.find_spec("osgeo_utils")
    if spec is None or not spec.submodule_search_locations:
        return None
    script = Path(next(iter(spec.submodule_search_locations))) / "samples" / "validate_gpkg.py"
    return script if script.exists() and script != DEBIAN_VALIDATOR else None


VALIDATORS = [
    pytest.param(
        Validator("gdal-3.6-debian", DEBIAN_VALIDATOR, "python3-gdal is not installed"),
        marks=pytest.mark.skipif(
            not DEBIAN_VALIDATOR.exists(), reason="python3-gdal (GDAL 3.6's validator) is missing"
        ),
    ),
    pytest.param(
        Validator("gdal-utils", _gdal_utils_script(), "the gdal-utils package is not installed"),
        marks=pytest.mark.skipif(_gdal_utils_script() is None, reason="gdal-utils (today's validator) is missing"),
    ),
]


def validate_gpkg(validator: Validator, path: Path) -> str:
    """ "" when the validator passes ``path``; otherwise what it said."""
    assert validator.script is not None
    done = subprocess.run(
        [validator.python, str(validator.script), "-k", str(path)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    output = (done.stdout + done.stderr).strip()
    return "" if done.returncode == 0 and not output else output or f"exit {done.returncode}"


def available() -> list[Validator]:
    """The validators installed here (for a test that checks with every one it has)."""
    return [param.values[0] for param in VALIDATORS if param.values[0].script and param.values[0].script.exists()]
