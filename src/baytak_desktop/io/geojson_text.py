"""Text values that GDAL cuts short: a GeoJSON string with an escaped NUL (``\\u0000``).

GDAL keeps strings as C strings, so ``"Карьер\\u0000 у реки"`` arrives as ``"Карьер"``: the rest of the
value is gone without a word. When the file contains such an escape we read it again with Python's JSON
parser, put back each whole value without its NUL, and say so for that row and field.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd

from baytak_desktop.errors import Problem

_ESCAPED_NUL = re.compile(rb"\\u0000", re.IGNORECASE)
MAX_REREAD_BYTES = 512 * 1024**2


def _has_escaped_nul(path: Path) -> bool:
    """Whether the file holds ``\\u0000``, read in chunks (overlapping, so one cut in two is found)."""
    tail = b""
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            if _ESCAPED_NUL.search(tail + chunk):
                return True
            tail = chunk[-5:]
    return False


def restore_nul_values(path: Path, frame: gpd.GeoDataFrame) -> list[Problem]:
    """Replace values GDAL cut at a NUL with the whole value minus the NUL; a warning per value."""
    if path.stat().st_size > MAX_REREAD_BYTES or not _has_escaped_nul(path):
        return []
    try:
        features = json.loads(path.read_bytes()).get("features") or []
    except (ValueError, AttributeError):
        return []
    if len(features) != len(frame):
        return []
    notes = []
    for row, feature in enumerate(features):
        for name, value in (feature.get("properties") or {}).items():
            if isinstance(value, str) and "\x00" in value and name in frame.columns:
                frame.at[frame.index[row], name] = value.replace("\x00", "")
                notes.append(
                    Problem.of(
                        "the text had a NUL character (an invisible control code); it was removed and the rest kept",
                        field=name,
                        row=row + 1,
                        severity="warning",
                    )
                )
    return notes
