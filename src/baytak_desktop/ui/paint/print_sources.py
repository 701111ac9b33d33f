"""What an exhibit is made from, gathered once before painting: styles, extent, basemap, tiles, the site.

Read from the store (its saved styles, so the paper shows what the screen shows), the bundled basemap,
and the raster tile source if the spec names one; nothing here paints. The extent defaults to the
chosen layers' extent; whether any feature shown is demo data decides the "illustrative" note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import shapely
from PySide6.QtGui import QImage

from baytak_desktop.basemap.build import ATTRIBUTION as OSM_ATTRIBUTION
from baytak_desktop.basemap.registry import ImageEntry
from baytak_desktop.errors import BaytakError
from baytak_desktop.exhibits.print_spec import ExhibitSpec, Extent, SpecError
from baytak_desktop.exhibits.print_text import OSM
from baytak_desktop.io.mbtiles import check_mbtiles
from baytak_desktop.io.tile_cache import TileCache, TileFetcher, check_template
from baytak_desktop.layers.style import LayerStyle
from baytak_desktop.mapdata import reference
from baytak_desktop.mapdata.exhibit_reads import feature_geometry, has_illustrative, layers_extent
from baytak_desktop.mapdata.projection import View
from baytak_desktop.resources import basemap_path
from baytak_desktop.store import Store
from baytak_desktop.ui.paint.tiles import TileJob, render_tiles

KAZAKHSTAN: Extent = (46.5, 40.5, 87.4, 55.5)
PAD = 0.10  # of the extent on each side: features, their symbols and labels stay clear of the frame
MIN_SPAN_DEG = 0.01  # ~1 km: a single point still gets a map around it


@dataclass
class ExhibitSources:
    styles: list[LayerStyle]
    extent: Extent
    basemap: Path | None
    tile_job: TileJob | None = None
    tile_attribution: list[str] = field(default_factory=list)
    highlight: shapely.Geometry | None = None
    illustrative: bool = False
    images: list[ImageEntry] = field(default_factory=list)  # drawn under the data: named in the notes

    def tiles(self, view: View) -> QImage | None:
        """The tiles under the map, fetched at the screen's zoom for this scale (96 dpi), scaled to print."""
        if self.tile_job is None:
            return None
        screen = View(
            view.x0,
            view.y0,
            view.res * view.dpr,
            max(1, round(view.width / view.dpr)),
            max(1, round(view.height / view.dpr)),
            1.0,
        )
        return render_tiles(self.tile_job, screen).image


def gather_sources(spec: ExhibitSpec) -> ExhibitSources:
    with Store.open(spec.store, readonly=True) as store:
        styles = styles_for(spec, store.styles())
        registered = reference.with_looks(reference.read_reference(store), spec.reference)
    extent = spec.extent or padded(layers_extent(spec.store, [s.layer for s in styles]) or KAZAKHSTAN)
    frame = shapely.box(*extent)
    osm = spec.basemap and any(  # only a basemap the page shows is credited
        r.kind == reference.OSM
        and r.present
        and (r.bounds is None or shapely.intersects(frame, shapely.box(*r.bounds)))
        for r in registered
    )
    sources = ExhibitSources(styles, extent, basemap_path() if spec.basemap else None)
    if spec.highlight is not None:
        sources.highlight = feature_geometry(spec.store, *spec.highlight)
    sources.illustrative = has_illustrative(spec.store, [s.layer for s in styles], extent)
    _add_tiles(spec, sources)
    if osm:  # the ODbL asks every map made from OpenStreetMap to say so
        sources.tile_attribution.append(OSM_ATTRIBUTION)
    sources.images = [
        r.image
        for r in registered
        if r.image is not None and r.present and shapely.intersects(frame, shapely.box(*r.image.bounds))
    ]
    return sources


def styles_for(spec: ExhibitSpec, saved: dict[str, LayerStyle]) -> list[LayerStyle]:
    """The chosen layers' saved styles (made visible), or every layer the store shows."""
    if spec.layers:
        return [replace(saved[name], visible=True) for name in spec.layers if name in saved]
    return [style for style in saved.values() if style.visible]


def padded(box: Extent) -> Extent:
    west, south, east, north = box
    pad_x = max((east - west) * PAD, MIN_SPAN_DEG)
    pad_y = max((north - south) * PAD, MIN_SPAN_DEG)
    return max(-180.0, west - pad_x), max(-85.0, south - pad_y), min(180.0, east + pad_x), min(85.0, north + pad_y)


def _add_tiles(spec: ExhibitSpec, sources: ExhibitSources) -> None:
    """A raster tile source and its attribution (OpenStreetMap's words when its tiles are used)."""
    try:
        if spec.mbtiles is not None:
            info = check_mbtiles(spec.mbtiles)
            sources.tile_job = TileJob(mbtiles=spec.mbtiles, minzoom=info.minzoom, maxzoom=info.maxzoom)
            sources.tile_attribution = attribution_of(info.attribution, info.name)
        elif spec.xyz_template:
            check_template(spec.xyz_template)
            folder = spec.tile_cache or Path.home() / ".cache" / "baytak-desktop" / "tiles"
            sources.tile_job = TileJob(fetcher=TileFetcher(TileCache(folder, spec.xyz_template)))
            sources.tile_attribution = attribution_of("", spec.xyz_template)
    except BaytakError as error:
        raise SpecError("The tiles cannot be printed: {reason}", reason=error.message) from error


def attribution_of(stated: str, source: str) -> list[str]:
    """The tile source's own attribution (HTML tags removed), and OSM's line if its data is shown."""
    plain = re.sub(r"<[^>]+>", "", stated or "").strip()
    found = [plain] if plain else []
    if "openstreetmap" in f"{stated} {source}".lower() and not any("OpenStreetMap contributors" in f for f in found):
        found.append(OSM)
    return found
