"""The test suite passes whatever language the developer's desktop speaks: tests/conftest.py takes the
language out of the environment (the ``baytak`` command, Qt and PostgreSQL all read it), so a test that
reads English output does not fail on a Kazakh or Russian machine."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cli_tests_pass_on_a_russian_desktop_asking_for_kazakh() -> None:
    env = {**os.environ, "LANG": "ru_RU.UTF-8", "LANGUAGE": "kk", "LC_MESSAGES": "ru_RU.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_cli.py", "-k", "validate"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
