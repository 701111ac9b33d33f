"""The named OSM features the overlay places its names from, read once for a neighbourhood of the view.

A pan moves the view by a quarter of itself: reading the settlements, waters and named roads under
every new view again costs most of an overlay (a dense town: 60-90 ms of SQLite and WKB decoding).
Each render thread keeps the last reads (per basemap file, tables and language) of the view grown by
``GROW`` of its size on every side, read for a scale ``SCALE_SLACK`` below the view's (a pan north or
south changes the scale at the centre a little); a view inside one, at its scale or a smaller one (a
wheel zoom out), is served from it, its features chosen by their bounds and ``max_scale``, in the
order they were read. A wheel zoom in keeps what a read at a smaller scale holds around the view and
reads only the rows the closer scale adds (``max_scale`` between the two); going back to a scale
read before finds it again.

What every render would otherwise work out again is worked out once per read (``NamedFeatures``): the
geometries projected to the scene, which rows carry a name, and each line's length, so a render
measures the streets in pixels by a division and sets aside, before any geometry work, those too
short on screen to carry their name (most pieces of a street at 1:20,000).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from baytak_desktop.basemap import osm_style
from baytak_desktop.basemap.label_reads import read_named
from baytak_desktop.basemap.osm_view import BBox, FeatureSet, tables_for
from baytak_desktop.mapdata.projection import to_scene
from baytak_desktop.per_thread import PerThread

GROW = 0.35  # of the view's width and height, on each side: a few pans of a quarter view stay inside
KEPT = 3  # reads kept per thread: the scales of a wheel zoom in and back out
SCALE_SLACK = 0.97  # a view at 1:S is read for 1:0.97 S: a pan north (1:1.03 S at the centre) stays served


@dataclass(frozen=True)
class NamedFeatures:
    """A table's named features near a view, ready to place names from."""

    table: str
    geometries: np.ndarray  # in the scene (Web Mercator, y down)
    classes: np.ndarray
    labels: np.ndarray  # the name in the asked language, None where the feature has none
    refs: np.ndarray | None  # roads: the route number, None where there is none
    named: np.ndarray  # bool: a name to show (a road may have only a route number)
    numbered: np.ndarray  # bool: a route number to show (roads)
    ranks: np.ndarray  # roads: the class's place in ``osm_style.ROAD_ORDER`` (-1: none); places: place_rank
    lengths: np.ndarray  # roads: each one's length in the scene; 0 elsewhere
    boxes: np.ndarray  # (n, 4) each one's bounds in the scene

    def __len__(self) -> int:
        return len(self.geometries)

    def subset(self, chosen: np.ndarray) -> NamedFeatures:
        return NamedFeatures(
            self.table,
            self.geometries[chosen],
            self.classes[chosen],
            self.labels[chosen],
            None if self.refs is None else self.refs[chosen],
            self.named[chosen],
            self.numbered[chosen],
            self.ranks[chosen],
            self.lengths[chosen],
            self.boxes[chosen],
        )


@dataclass(frozen=True)
class _Read:
    key: tuple[object, ...]
    box: BBox
    scale: float  # read for this scale and above
    features: dict[str, NamedFeatures]
    bounds: dict[str, np.ndarray]  # lon/lat
    max_scales: dict[str, np.ndarray]


_reads: PerThread[list[_Read]] = PerThread(list, lambda reads: reads.clear())


def _inside(inner: BBox, outer: BBox) -> bool:
    return outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2] and inner[3] <= outer[3]


def prepared(features: FeatureSet) -> NamedFeatures:
    """The features projected to the scene, with what placing their names asks of every row."""
    valid = ~shapely.is_missing(features.geometries)
    named = np.array([isinstance(label, str) and label != "" for label in features.labels], dtype=bool) & valid
    refs = features.refs if features.refs is not None else np.full(len(features), None, dtype=object)
    numbered = np.array([isinstance(ref, str) and ref.strip() != "" for ref in refs], dtype=bool) & valid
    scene = shapely.transform(features.geometries, lambda c: np.column_stack(to_scene(c[:, 0], c[:, 1])))
    roads = features.table == "osm_roads"
    if roads:
        rank_of = {name: i for i, name in enumerate(osm_style.ROAD_ORDER)}
        ranks = np.array([rank_of.get(str(c), -1) for c in features.classes], dtype=np.int16)
    else:
        ranks = np.array([osm_style.place_rank(c) for c in features.classes], dtype=np.int16)
    lengths = np.nan_to_num(shapely.length(scene)) if roads else np.zeros(len(scene))
    boxes = shapely.bounds(scene).reshape(-1, 4)
    return NamedFeatures(
        features.table, scene, features.classes, features.labels, features.refs, named, numbered, ranks, lengths, boxes
    )


def label_features(
    path: Path, bbox: BBox, scale: float, language: str, only: tuple[str, ...]
) -> dict[str, NamedFeatures]:
    """What ``read_features(path, bbox, scale, language, only, named=True)`` reads (projected to the
    scene), from this thread's reads of a neighbourhood of ``bbox`` when they hold it."""
    status = Path(path).stat()
    key = (str(Path(path).resolve()), status.st_ino, status.st_mtime_ns, tuple(tables_for(scale)), language, only)
    reads = _reads.get()
    around = [read for read in reads if read.key == key and _inside(bbox, read.box)]
    # a read for this scale or a larger one (a zoom out) holds every row the view shows
    found = max((read for read in around if read.scale <= scale), key=lambda read: read.scale, default=None)
    if found is None:
        west, south, east, north = bbox
        grow_x, grow_y = (east - west) * GROW, (north - south) * GROW
        box = (west - grow_x, south - grow_y, east + grow_x, north + grow_y)
        low = scale * SCALE_SLACK if tables_for(scale * SCALE_SLACK) == tables_for(scale) else scale
        coarser = min(around, key=lambda read: read.scale, default=None)
        if coarser is None:
            found = _read(path, box, low, language, only, key)
        else:
            found = _zoom_in(coarser, path, box, low, language, only)
        reads.insert(0, found)
        del reads[KEPT:]
    else:
        reads.remove(found)
        reads.insert(0, found)
    return dict(_within(found, bbox, scale))


def _read(path: Path, box: BBox, low: float, language: str, only: tuple[str, ...], key: tuple[object, ...]) -> _Read:
    read = read_named(path, box, low, language, only)
    bounds = {name: shapely.bounds(pair[0].geometries).reshape(-1, 4) for name, pair in read.items()}
    features = {name: prepared(pair[0]) for name, pair in read.items()}
    return _Read(key, box, low, features, bounds, {name: pair[1] for name, pair in read.items()})


def _zoom_in(coarser: _Read, path: Path, box: BBox, low: float, language: str, only: tuple[str, ...]) -> _Read:
    """A read for 1:``low`` from ``coarser`` (a smaller scale whose box holds the view) and the rows
    only this closer scale shows (``max_scale`` from ``low`` up to the coarser read's), read alone:
    a wheel zoom in reads a few streets instead of the whole neighbourhood again."""
    outer = coarser.box
    box = (max(box[0], outer[0]), max(box[1], outer[1]), min(box[2], outer[2]), min(box[3], outer[3]))
    added = read_named(path, box, low, language, only, below=coarser.scale)
    features: dict[str, NamedFeatures] = {}
    bounds: dict[str, np.ndarray] = {}
    max_scales: dict[str, np.ndarray] = {}
    west, south, east, north = box
    for name, kept in coarser.features.items():
        b = coarser.bounds[name]
        chosen = np.flatnonzero((b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south))
        new, new_scales = added[name]
        features[name] = _joined(kept.subset(chosen), prepared(new))
        bounds[name] = np.concatenate([b[chosen], shapely.bounds(new.geometries).reshape(-1, 4)])
        max_scales[name] = np.concatenate([coarser.max_scales[name][chosen], new_scales])
    return _Read(coarser.key, box, low, features, bounds, max_scales)


def _within(read: _Read, bbox: BBox, scale: float) -> Iterator[tuple[str, NamedFeatures]]:
    west, south, east, north = bbox
    for name, features in read.features.items():
        b = read.bounds[name]
        chosen = (b[:, 0] <= east) & (b[:, 2] >= west) & (b[:, 1] <= north) & (b[:, 3] >= south)
        chosen &= read.max_scales[name] >= scale
        yield name, features.subset(np.flatnonzero(chosen))


def _joined(first: NamedFeatures, second: NamedFeatures) -> NamedFeatures:
    def both(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.concatenate([a, b])

    return NamedFeatures(
        first.table,
        both(first.geometries, second.geometries),
        both(first.classes, second.classes),
        both(first.labels, second.labels),
        None if first.refs is None or second.refs is None else both(first.refs, second.refs),
        both(first.named, second.named),
        both(first.numbered, second.numbered),
        both(first.ranks, second.ranks),
        both(first.lengths, second.lengths),
        both(first.boxes, second.boxes),
    )


def forget_reads() -> None:
    """Drop this thread's reads (tests)."""
    _reads.get().clear()
