"""The named OSM features the overlay places its names from, read once for a neighbourhood of the view.

A pan moves the view by a quarter of itself: reading the settlements, waters and named roads under
every new view again costs most of an overlay (a dense town: 60-90 ms of SQLite and WKB decoding).
Each render thread keeps the last reads (per basemap file, tables and language) of the view grown by
``GROW`` of its size on every side, for scales within ``SCALE_SLACK`` of the view's (a pan north or
south changes the scale at the centre a little); a view inside one is served from it, its features
chosen by their bounds and ``max_scale``, in the order they were read. A wheel zoom reads again; going
back to a scale read before finds it again.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from baytak_desktop.basemap.label_reads import read_named
from baytak_desktop.basemap.osm_view import BBox, FeatureSet, tables_for
from baytak_desktop.per_thread import PerThread

GROW = 0.35  # of the view's width and height, on each side: a few pans of a quarter view stay inside
KEPT = 3  # reads kept per thread: the scales of a wheel zoom in and back out
SCALE_SLACK = 0.97  # a read for 1:S serves views from 1:0.97 S to 1:1.03 S (pans of a few hundred km)


@dataclass(frozen=True)
class _Read:
    key: tuple[object, ...]
    box: BBox
    scale: float  # read for this scale and above
    features: dict[str, FeatureSet]
    bounds: dict[str, np.ndarray]
    max_scales: dict[str, np.ndarray]


_reads: PerThread[list[_Read]] = PerThread(list, lambda reads: reads.clear())


def _inside(inner: BBox, outer: BBox) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def _subset(features: FeatureSet, chosen: np.ndarray) -> FeatureSet:
    return FeatureSet(
        features.table,
        features.geometries[chosen],
        features.classes[chosen],
        features.labels[chosen],
        None if features.refs is None else features.refs[chosen],
    )


def label_features(path: Path, bbox: BBox, scale: float, language: str, only: tuple[str, ...]) -> dict[str, FeatureSet]:
    """What ``read_features(path, bbox, scale, language, only, named=True)`` reads, from this thread's
    read of a neighbourhood of ``bbox`` when it has one."""
    status = Path(path).stat()
    key = (str(Path(path).resolve()), status.st_ino, status.st_mtime_ns, tuple(tables_for(scale)), language, only)
    reads = _reads.get()
    found = next(
        (
            read
            for read in reads
            if read.key == key and read.scale <= scale <= read.scale / SCALE_SLACK**2 and _inside(bbox, read.box)
        ),
        None,
    )
    if found is None:
        west, south, east, north = bbox
        grow_x, grow_y = (east - west) * GROW, (north - south) * GROW
        box = (west - grow_x, south - grow_y, east + grow_x, north + grow_y)
        low = scale * SCALE_SLACK if tables_for(scale * SCALE_SLACK) == tables_for(scale) else scale
        read = read_named(path, box, low, language, only)
        features = {name: pair[0] for name, pair in read.items()}
        bounds = {name: shapely.bounds(found.geometries) for name, found in features.items()}
        found = _Read(key, box, low, features, bounds, {name: pair[1] for name, pair in read.items()})
        reads.insert(0, found)
        del reads[KEPT:]
    else:
        reads.remove(found)
        reads.insert(0, found)
    return dict(_within(found, bbox, scale))


def _within(read: _Read, bbox: BBox, scale: float) -> Iterator[tuple[str, FeatureSet]]:
    west, south, east, north = bbox
    for name, features in read.features.items():
        b = read.bounds[name]
        chosen = (b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south)
        chosen &= read.max_scales[name] >= scale
        yield name, _subset(features, np.flatnonzero(chosen))


def forget_reads() -> None:
    """Drop this thread's reads (tests)."""
    _reads.get().clear()
