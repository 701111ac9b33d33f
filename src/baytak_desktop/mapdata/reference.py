"""The reference layers a store registers (OSM basemaps, drone and satellite images) as the map shows them.

A ``ReferenceLayer`` is one row of the layer panel's "Basemaps and imagery" list: what to draw (a
basemap file or an image entry), whether it is shown and how opaque. Images of one place taken on
different days are compared by date: with ``one_date`` chosen, only the images of that date are shown,
so moving the date slider flips the site between before and after. Qt-free, so tests and the print
exhibit decide what is shown the same way as the canvas.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from baytak_desktop.basemap.registry import BasemapEntry, ImageEntry, list_basemaps, list_images
from baytak_desktop.store import Store

OSM, IMAGE = "osm", "image"
Look = tuple[str, float, float]  # (key, opacity, brightness) of a layer shown: what a print exhibit repeats


@dataclass(frozen=True)
class ReferenceLayer:
    key: str  # "osm:<id>" or "image:<id>": stable for a store, the key of its canvas item
    kind: str  # OSM or IMAGE
    title: str
    path: Path
    present: bool  # the file is on this device
    date: str | None = None  # an image's acquisition date (YYYY-MM-DD)
    image: ImageEntry | None = None
    bounds: tuple[float, float, float, float] | None = None  # lon/lat: what a basemap covers
    visible: bool = True
    opacity: float = 1.0
    brightness: float = 0.0  # an image's: -0.5 (darker) .. 0.5 (lighter), added to its 0..1 display range


def from_entries(basemaps: list[BasemapEntry], images: list[ImageEntry]) -> list[ReferenceLayer]:
    """Basemaps first, then images oldest first (a later image is drawn over an earlier one)."""
    layers = [
        ReferenceLayer(f"{OSM}:{b.id}", OSM, b.title or b.path.name, b.path, b.present, bounds=b.bounds)
        for b in basemaps
    ]
    layers += [
        ReferenceLayer(f"{IMAGE}:{i.id}", IMAGE, i.title or i.path.name, i.path, i.present, i.acquired_on, i)
        for i in images
    ]
    return layers


def read_reference(store: Store) -> list[ReferenceLayer]:
    """What ``store`` registers, every layer shown at full opacity."""
    return from_entries(list_basemaps(store), list_images(store))


def keep_choices(new: list[ReferenceLayer], old: list[ReferenceLayer]) -> list[ReferenceLayer]:
    """``new`` with the visibility and opacity the user chose for layers already listed in ``old``."""
    chosen = {layer.key: layer for layer in old}
    return [
        replace(
            layer,
            visible=chosen[layer.key].visible,
            opacity=chosen[layer.key].opacity,
            brightness=chosen[layer.key].brightness,
        )
        if layer.key in chosen
        else layer
        for layer in new
    ]


def image_dates(layers: list[ReferenceLayer]) -> list[str]:
    """The distinct acquisition dates of the images, oldest first (the date slider's stops)."""
    return sorted({layer.date for layer in layers if layer.kind == IMAGE and layer.date})


def shown(layers: list[ReferenceLayer], one_date: str | None = None) -> list[ReferenceLayer]:
    """The layers to draw: visible, on this device, and with ``one_date`` only the images of that date
    (and undated ones, which belong to no comparison)."""
    return [
        layer
        for layer in layers
        if layer.visible
        and layer.present
        and not (one_date and layer.kind == IMAGE and layer.date and layer.date != one_date)
    ]


def looks_of(layers: list[ReferenceLayer]) -> tuple[Look, ...]:
    """How the map shows ``layers`` (those drawn, bottom first), for a print exhibit to draw them alike."""
    return tuple((layer.key, float(layer.opacity), float(layer.brightness)) for layer in layers)


def with_looks(layers: list[ReferenceLayer], looks: tuple[Look, ...] | None) -> list[ReferenceLayer]:
    """``layers`` as ``looks`` say: only the keys listed, in their order, at their opacity and brightness;
    every layer as registered when ``looks`` is None (the command line's exhibit, made without a map)."""
    if looks is None:
        return list(layers)
    by_key = {layer.key: layer for layer in layers}
    return [
        replace(by_key[key], opacity=min(1.0, max(0.0, opacity)), brightness=min(0.5, max(-0.5, brightness)))
        for key, opacity, brightness in looks
        if key in by_key
    ]
