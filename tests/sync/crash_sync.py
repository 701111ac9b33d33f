"""Run one sync in this process and SIGKILL it when the progress text starts with argv[2]."""

from __future__ import annotations

import os
import signal
import sys

from baytak_desktop.sync.engine import sync
from baytak_desktop.sync.session import ClientOptions


class KillAt:
    def __init__(self, marker: str) -> None:
        self.marker = marker

    def update(self, fraction: float, text: str = "") -> None:
        if text.startswith(self.marker):
            os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    sync(sys.argv[1], progress=KillAt(sys.argv[2]), options=ClientOptions(attempts=2, backoff=0.05, page_size=50))
