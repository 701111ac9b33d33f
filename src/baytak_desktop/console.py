"""How a ``baytak`` command reports a failure: one line on stderr, or ``{"error": ...}`` with ``--json``.

Shared by the main CLI and ``baytak server`` (which the CLI imports, so it cannot import the CLI back):
scripts that read ``--json`` get the same shape whichever command failed.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_USER_ERROR = 1


def fail(args: argparse.Namespace, message: str) -> int:
    """Report ``message`` as the command's error and return the exit code for it."""
    if getattr(args, "json", False):
        print(json.dumps({"error": message}, ensure_ascii=False))
    else:
        print(f"error: {message}", file=sys.stderr)
    return EXIT_USER_ERROR
