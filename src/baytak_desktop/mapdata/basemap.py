"""The offline basemap's data: the bundled Natural Earth layers, projected once, simplified per zoom band.

Loaded once per file and shared read-only by every render worker (shapely geometries and numpy arrays
are safe to read from several threads; the per-band cache is filled under a lock). Each zoom band
(a power of two of the resolution) keeps its own copy simplified to about half a pixel, so the
country-scale map draws a few thousand vertices instead of the full 1:10 million coastline.
A missing or damaged file is not an error: the map shows the data without a basemap and
``problems`` says why.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyogrio
import shapely

from baytak_desktop.i18n import Sentence
from baytak_desktop.mapdata.basemap_names import country_name, local_name
from baytak_desktop.mapdata.projection import to_scene

LAYERS = ("land", "countries", "playas", "seas", "lakes", "lakes_historic", "rivers", "boundary_lines", "places")
# Coarse layers of the whole world read into the detailed ones, so that no view has an edge of the world
# (scripts/make_world_land.py): land beyond Central Asia is land, and what is not land is sea.
WORLD = {"land": "world_land", "countries": "world_countries"}
# Web Mercator ends here: a polygon reaching a pole (Antarctica) is cut at this latitude before it is
# projected, else its ring folds onto itself where the projection clamps it (an invalid polygon)
MERCATOR_LAT = 85.05
_lock = threading.Lock()
_loaded: dict[Path, Basemap] = {}


def _project(geoms: np.ndarray) -> np.ndarray:
    projected: np.ndarray = shapely.transform(
        shapely.force_2d(geoms), lambda c: np.column_stack(to_scene(c[:, 0], c[:, 1]))
    )
    return projected


@dataclass
class BaseLayer:
    """One Natural Earth layer in scene coordinates, with the attributes the basemap uses."""

    geometries: np.ndarray
    bounds: np.ndarray  # (n, 4) scene
    attributes: dict[str, np.ndarray]
    # the features of the coarse world layers (1:110 million): their coastline is a straight line over
    # a hundred kilometres, which at a field scale cuts through a town, so the map leaves them out there
    coarse: np.ndarray | None = None
    _bands: dict[int, np.ndarray] = field(default_factory=dict)
    _names: dict[str, tuple[str | None, ...]] = field(default_factory=dict)  # per language, made once

    def is_coarse(self) -> np.ndarray:
        return self.coarse if self.coarse is not None else np.zeros(len(self.geometries), dtype=bool)

    def names(self, language: str) -> tuple[str | None, ...]:
        """Each feature's name in ``language``: a name_<lang> column first, then the names table. Made
        once per language (every overlay, each pan's too, asked it of five layers: a few ms each time)."""
        with _lock:
            known = self._names.get(language)
        if known is None:
            known = self._make_names(language)
            with _lock:
                self._names[language] = known
        return known

    def _make_names(self, language: str) -> tuple[str | None, ...]:
        own = self.attributes.get(f"name_{language}")
        base = self.attributes.get("name", np.full(len(self.geometries), None, dtype=object))
        codes = self.attributes.get("iso_a3")
        out = []
        for i, name in enumerate(base):
            value = own[i] if own is not None and isinstance(own[i], str) and own[i] else None
            known = local_name(name if isinstance(name, str) else None, language)
            if value is None and codes is not None and known == name:  # a country the names table lacks
                code = codes[i] if isinstance(codes[i], str) else None
                value = country_name(code, name if isinstance(name, str) else None, language)
            out.append(value or known)
        return tuple(out)

    def in_rect(self, rect: tuple[float, float, float, float]) -> np.ndarray:
        left, top, right, bottom = rect
        b = self.bounds
        return (b[:, 0] <= right) & (b[:, 2] >= left) & (b[:, 1] <= bottom) & (b[:, 3] >= top)

    def simplified(self, res: float) -> np.ndarray:
        """The geometries simplified for resolution ``res`` (scene units per device pixel)."""
        band = math.floor(math.log2(max(res, 1e-6)))
        with _lock:
            cached = self._bands.get(band)
            if cached is None:
                cached = shapely.simplify(self.geometries, 2.0**band * 0.5, preserve_topology=True)
                broken = ~shapely.is_valid(cached)
                if broken.any():  # simplifying can still fold a ring where polygons nearly touch
                    cached[broken] = shapely.make_valid(cached[broken])
                self._bands[band] = cached
        return cached


@dataclass
class Basemap:
    path: Path
    layers: dict[str, BaseLayer]
    problems: list[str]  # Sentences: English, and translatable by the window (ui.messages.sentence_text)


def read_layer(path: Path, name: str) -> BaseLayer:
    frame = pyogrio.read_dataframe(path, layer=name)
    frame = frame[~frame.geometry.isna()]
    lonlat = np.asarray(frame.geometry.values, dtype=object)
    bounds = shapely.bounds(lonlat)
    polar = (bounds[:, 1] < -MERCATOR_LAT) | (bounds[:, 3] > MERCATOR_LAT)
    if polar.any():
        lonlat[polar] = shapely.clip_by_rect(lonlat[polar], -180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT)
    geoms = _project(lonlat)
    broken = ~shapely.is_valid(geoms)
    if broken.any():
        geoms[broken] = shapely.make_valid(geoms[broken])
    attributes = {c: frame[c].to_numpy(dtype=object) for c in frame.columns if c != "geometry"}
    return BaseLayer(geoms, shapely.bounds(geoms), attributes)


def with_world(detailed: BaseLayer, world: BaseLayer) -> BaseLayer:
    """The coarse world features after the detailed ones; attributes the world lacks are None."""
    count = len(world.geometries)
    attributes = {
        name: np.concatenate([values, world.attributes.get(name, np.full(count, None, dtype=object))])
        for name, values in detailed.attributes.items()
    }
    return BaseLayer(
        np.concatenate([detailed.geometries, world.geometries]),
        np.concatenate([detailed.bounds, world.bounds]),
        attributes,
        np.concatenate([detailed.is_coarse(), np.ones(count, dtype=bool)]),
    )


def load_basemap(path: Path) -> Basemap:
    """The basemap at ``path``, read on first use; later calls get the same object."""
    path = Path(path)
    with _lock:
        if path in _loaded:
            return _loaded[path]
    layers: dict[str, BaseLayer] = {}
    problems: list[str] = []
    if not path.exists():
        problems.append(
            Sentence(
                "The offline basemap {path} is missing; the map shows your data without it. Reinstall "
                "baytak-desktop to restore it.",
                path=str(path),
            )
        )
    else:
        try:
            available = {name for name, _ in pyogrio.list_layers(path)}
        except Exception as error:  # pyogrio raises several kinds for a damaged file
            available = set()
            problems.append(
                Sentence(
                    "The offline basemap {path} cannot be read (damaged, or not a GeoPackage); the map shows your "
                    "data without it. Reinstall baytak-desktop to restore it ({library}: {detail})",
                    path=str(path),
                    library="GDAL",
                    detail=str(error),
                )
            )
        for name in LAYERS:
            if available and name not in available:
                problems.append(
                    Sentence(
                        "The offline basemap {file} has no layer '{name}'; it is left out.", file=path.name, name=name
                    )
                )
            elif name in available:
                try:
                    layers[name] = read_layer(path, name)
                    if WORLD.get(name) in available:
                        layers[name] = with_world(layers[name], read_layer(path, WORLD[name]))
                except Exception as error:
                    problems.append(
                        Sentence(
                            "The basemap layer '{name}' cannot be read; it is left out ({library}: {detail})",
                            name=name,
                            library="GDAL",
                            detail=str(error),
                        )
                    )
    basemap = Basemap(path, layers, problems)
    with _lock:
        return _loaded.setdefault(path, basemap)
