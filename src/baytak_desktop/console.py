"""How a ``baytak`` command reports a failure: one line on stderr, or ``{"error": ...}`` with ``--json``.

Shared by the main CLI and ``baytak server`` (which the CLI imports, so it cannot import the CLI back):
scripts that read ``--json`` get the same shape whichever command failed, and the same English words
whatever the language; a person on a terminal reads the message in the language spoken.
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

from baytak_desktop.i18n import said, tr

EXIT_USER_ERROR = 1
_PROGRAM_PATH = re.compile(r"(/[^\s:]+)+\.py(:\d+)?:?\s*")


def fail(args: argparse.Namespace, message: str, shown: str | None = None) -> int:
    """Report ``message`` as the command's error (on one line) and return the exit code for it.

    ``--json`` gets ``message`` in English; a terminal gets ``shown``, else ``message`` in the language
    spoken when it kept its template (an ``i18n.Sentence``).
    """
    if getattr(args, "json", False):
        print(json.dumps({"error": " ".join(message.split())}, ensure_ascii=False))
    else:
        text = " ".join((said(message) if shown is None else shown).split())
        print(tr("error: {message}", message=text), file=sys.stderr)
    return EXIT_USER_ERROR


@contextmanager
def quiet_libraries() -> Iterator[None]:
    """Any library warning that no job turned into a note of its own is printed as one line
    ("warning: ..."), without the path into the program and the warning's class that Python shows."""
    previous = warnings.showwarning

    def show(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
        text = _PROGRAM_PATH.sub("", " ".join(str(message).split()))
        print(tr("warning: {message}", message=text), file=sys.stderr)

    warnings.showwarning = show
    try:
        yield
    finally:
        warnings.showwarning = previous
