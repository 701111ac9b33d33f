"""How a ``baytak`` command reports a failure: one line on stderr, or ``{"error": ...}`` with ``--json``.

Shared by the main CLI and ``baytak server`` (which the CLI imports, so it cannot import the CLI back):
scripts that read ``--json`` get the same shape whichever command failed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

EXIT_USER_ERROR = 1
_PROGRAM_PATH = re.compile(r"(/[^\s:]+)+\.py(:\d+)?:?\s*")


def fail(args: argparse.Namespace, message: str) -> int:
    """Report ``message`` as the command's error (on one line) and return the exit code for it."""
    message = " ".join(message.split())
    if getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False))
    else:
        print(f"error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """Any library warning that no job turned into a note of its own is printed as one line
    ("warning: ..."), without the path into the program and the warning's class that Python shows."""
    previous = warnings.showwarning

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        text = _PROGRAM_PATH.sub("", " ".join(str(message).split()))
        print(f"warning: {text}", file=sys.stderr)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = previous
