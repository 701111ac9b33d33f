"""The File menu's basemap and imagery jobs: plain functions taking a progress, run on the UI's worker.

Each opens its own ``Store`` (SQLite connections belong to the thread that made them). A cancel
raises ``Cancelled`` from ``progress.update``: the basemap build removes its half-written file and the
image is not registered, so nothing is left registered or half-built.
"""

from __future__ import annotations

from pathlib import Path

from baytak_desktop.basemap.build import build_basemap, default_output
from baytak_desktop.basemap.imagery import add_image
from baytak_desktop.basemap.registry import BasemapEntry, ImageEntry, register_basemap
from baytak_desktop.errors import SourceError
from baytak_desktop.jobs import Progress
from baytak_desktop.store import Store


def add_basemap_job(store_path: Path, extract: Path, out: Path | None = None, *, progress: Progress) -> BasemapEntry:
    """Build a basemap from ``extract`` beside the store (or at ``out``) and register it."""
    out = Path(out) if out else default_output(Path(store_path), Path(extract))
    if out.resolve() == Path(store_path).resolve():
        raise SourceError("The basemap cannot be written over the store itself; choose another name.")
    with Store.open(store_path) as store:  # refuse a bad store before the long build
        result = build_basemap(Path(extract), out, None, progress)
        return register_basemap(
            store,
            result.path,
            {
                **result.info,
                "title": result.info["source"],
                "source_size": result.source_size,
                "bounds": result.bounds,
                "counts": result.counts,
            },
        )


def add_image_job(
    store_path: Path,
    image: Path,
    acquired_on: str | None = None,
    title: str | None = None,
    crs: str | None = None,
    *,
    progress: Progress,
) -> ImageEntry:
    """Check, hash, give overviews to and register ``image`` with the store (``crs``: an image placed by
    a world file's coordinate system)."""
    with Store.open(store_path) as store:
        return add_image(store, Path(image), acquired_on or None, title or None, progress, crs or None)
