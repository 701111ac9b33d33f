"""File names GDAL (through pyogrio) would misread, and how to hand it such files anyway.

pyogrio parses a path as a URI: ``!`` separates an archive from its member (``a.zip!b.shp``), and
``zip:``, ``file:``, ``s3:`` and other prefixes choose a virtual file system, so a user's file called
``!Карьеры.geojson`` was "not found". A path that pyogrio would rewrite is opened through a private
folder of links named plainly, with every sibling of the same stem (a shapefile's .shx, .dbf, .prj, .cpg)
linked beside it; a file to be written is staged in such a folder and moved into place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pyogrio.util import vsi_path


def safe_for_gdal(path: str | Path) -> bool:
    """True when pyogrio hands ``path`` to GDAL unchanged (a ``/vsi`` path always is)."""
    text = str(path)
    return text.startswith("/vsi") or vsi_path(text) == text


@contextmanager
def readable_path(path: Path) -> Iterator[Path]:
    """``path``, or a link to it (and to its siblings of the same stem) under a name GDAL reads as is."""
    if safe_for_gdal(path.resolve()):
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="baytak-read-") as folder:
        stem = path.stem.casefold()
        for sibling in path.resolve().parent.iterdir():
            if sibling.stem.casefold() == stem and sibling.is_file():
                link(sibling, Path(folder) / f"source{sibling.suffix}")
        yield Path(folder) / f"source{path.suffix}"


def link(source: Path, target: Path) -> None:
    """A symbolic link, else a hard link, else a copy (Windows without the right to make links)."""
    try:
        os.symlink(source, target)
    except OSError:
        try:
            os.link(source, target)
        except OSError:
            shutil.copy2(source, target)
