"""Small helpers shared by the basemap and imagery jobs: a file's SHA-256, and a progress sub-range."""

from __future__ import annotations

import hashlib
from pathlib import Path

from baytak_desktop.jobs import Phase, Progress


class Scaled:
    """A progress seen through a window [start, start + span] of the caller's progress."""

    def __init__(self, progress: Progress, start: float, span: float) -> None:
        self.progress, self.start, self.span = progress, start, span

    def update(self, fraction: float, text: str = "") -> None:
        self.progress.update(self.start + self.span * fraction, text)


def file_sha256(path: Path, progress: Progress, chunk: int = 4 << 20) -> tuple[str, int]:
    """The file's SHA-256 and size, read in chunks (a 2 GB orthophoto is never held in memory)."""
    digest, size, done = hashlib.sha256(), path.stat().st_size, 0
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
            done += len(block)
            progress.update(done / max(size, 1), Phase("Computing the SHA-256 of the file…"))
    return digest.hexdigest(), size
