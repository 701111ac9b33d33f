"""No code that nothing calls: vulture over the package, the tests, the benchmarks and the scripts.

A function, class, method or property of ``src/`` that nothing uses is reported (a helper only tests
use is used). FastAPI routes and exception handlers are called by the framework (their decorators),
HTMLParser's ``handle_*`` by the parser, Qt's virtual methods (``paintEvent``, ``interceptRequest``...) by
Qt. Unused *variables* are not judged: vulture cannot tell a dataclass or pydantic field that is read
through ``asdict`` or the wire format from a dead one.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Qt calls these: event handlers, size hints, and the virtuals of QtWebEngine's page and interceptor.
QT_OVERRIDES = "*Event,minimumSizeHint,interceptRequest,requestStarted,acceptNavigationRequest,javaScriptConsoleMessage"
JUDGED = ("unused function", "unused class", "unused method", "unused property", "unreachable code")
VULTURE = [
    *("-m", "vulture", "src/baytak_desktop", "tests", "bench", "scripts", "--min-confidence", "60"),
    *("--ignore-decorators", "@api.*,@router.*,@app.*,@pytest.*"),
    *("--ignore-names", f"handle_starttag,handle_endtag,handle_data,{QT_OVERRIDES}"),
]


def test_no_function_class_or_method_that_nothing_uses():
    pytest.importorskip("vulture", reason="vulture is a test extra: pip install -e '.[test]'")
    done = subprocess.run(
        [sys.executable, *VULTURE],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    found = [
        line for line in done.stdout.splitlines() if line.startswith("src/") and any(kind in line for kind in JUDGED)
    ]
    assert found == [], "\n".join(found)
