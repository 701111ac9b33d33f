"""The canvas's layers: which items exist, what each should render, and the results coming back.

One :class:`RasterItem` per store layer plus the basemap (under the data), raster tiles (between), the
overlay of borders and names (above) and the selection highlight (on top). ``render(view)`` submits a
job for every item whose picture is out of date (the view moved, the data or style changed); fresh
results replace the items' images together when the redraw's last one lands (``ui.map.landing``).
The UI thread reads through a ``mapdata.reader.MapReader`` (its own read-only connection) only for
small queries (identify, selection, extents); render workers open their own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

import shapely
from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtWidgets import QGraphicsScene

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.mbtiles import MBTilesInfo, check_mbtiles
from baytak_desktop.io.tile_cache import TileCache, TileFetcher, check_template
from baytak_desktop.layers.style import LayerStyle, default_styles
from baytak_desktop.mapdata import identify as identify_query
from baytak_desktop.mapdata.identify import selected_geometries
from baytak_desktop.mapdata.projection import View
from baytak_desktop.mapdata.reader import MapReader, StoreLayout, features_bbox_in_store, layer_bbox_in_store
from baytak_desktop.mapdata.reference import OSM, ReferenceLayer
from baytak_desktop.store import BBox, DatabaseError
from baytak_desktop.store.connection import check_is_geopackage
from baytak_desktop.ui.map.items import LayerStack, RasterItem, SelectionItem
from baytak_desktop.ui.map.landing import Landing
from baytak_desktop.ui.map.scheduler import RenderFunction, RenderResult, RenderScheduler
from baytak_desktop.ui.messages import message_of
from baytak_desktop.ui.paint.basemap import BasemapJob, OverlayJob, render_basemap, render_overlay
from baytak_desktop.ui.paint.imagery import ImageryJob, render_imagery
from baytak_desktop.ui.paint.layer import LayerJob, Rendered, render_store_layer
from baytak_desktop.ui.paint.osm import AHEAD_PER_BASEMAP, AHEAD_PIXELS, OsmJob, render_osm
from baytak_desktop.ui.paint.read_ahead import PAN_FRACTION, OsmAhead, read_ahead_osm, read_ahead_points
from baytak_desktop.ui.paint.tiles import TileJob, render_tiles
from baytak_desktop.ui.selection import SelectionModel
from baytak_desktop.ui.sharing.readers import Readers

BASEMAP, TILES, OVERLAY = "basemap", "tiles", "overlay"
# Natural Earth, then OSM basemaps, raster tiles, imagery (drone and satellite over every basemap),
# the store's layers, and the names on top
Z_BASEMAP, Z_OSM, Z_TILES, Z_IMAGERY, Z_LAYERS, Z_OVERLAY = 0, 2, 5, 10, 100, 900
WHEEL_STEP = 2**0.5  # the canvas's zoom per wheel notch: the views read ahead one notch in and out


def layer_key(name: str) -> str:
    return f"layer:{name}"


class MapLayers(QObject):
    sigIdle = Signal()

    def __init__(self, scene: QGraphicsScene, basemap: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.scene = scene
        self.scheduler = RenderScheduler(self)
        self.landing = Landing(self.scheduler, self._show)  # first: a redraw's pictures shown before sigIdle
        self.scheduler.sigIdle.connect(self.sigIdle)
        self.scheduler.sigIdle.connect(self._read_ahead)
        self.scheduler.sigIdleJobDone.connect(self._read_ahead_done)
        self.items: dict[str, RasterItem] = {}
        # Two stacks, each composed as one picture: the basemaps, tiles and imagery, and the data with the
        # labels; the pending edits' rings (Z 50) are drawn between them
        self.under, self.over = LayerStack(Z_BASEMAP - 1), LayerStack(Z_LAYERS - 0.5)
        scene.addItem(self.under)
        scene.addItem(self.over)
        for key, z in ((BASEMAP, Z_BASEMAP), (TILES, Z_TILES), (OVERLAY, Z_OVERLAY)):
            self.items[key] = self._add_item(z, self.over if key == OVERLAY else self.under)
        self.selection_item = SelectionItem()
        scene.addItem(self.selection_item)
        self.readers: Readers | None = None  # the window's: the highlight is read there after a data change
        self._highlights = 0  # which highlight is shown: an older one read on a reader is dropped
        self.basemap_path, self.basemap_visible = Path(basemap), True
        self.styles: dict[str, LayerStyle] = default_styles()
        self.store_path: Path | None = None
        self.reader: MapReader | None = None  # the UI thread's queries of the store shown
        self.present: list[str] = []  # store layers that exist in the open store
        self.tile_job: TileJob | None = None
        self.reference: list[ReferenceLayer] = []  # OSM basemaps and images drawn, bottom first
        self.swipe: tuple[str, float] | None = None  # (key, fraction): that layer only left of the fraction
        self.selection: SelectionModel | None = None
        self.language = "en"
        self._submitted: dict[str, View] = {}  # the view each key's current picture was asked for
        self._last_view: View | None = None  # the view rendered last: what the idle jobs read around
        self._ahead_views: tuple[View, ...] = ()  # a wheel notch in and out of it: drawn when idle
        self._read_ahead_for: dict[str, tuple[View, object]] = {}  # each idle job's view and job, once
        self._problems: dict[str, tuple[str, ...]] = {}
        self._store_problems: list[str] = []
        self._tile_problems: list[str] = []

    def _add_item(self, z: float, stack: LayerStack) -> RasterItem:
        item = RasterItem()
        item.setZValue(z)
        self.scene.addItem(item)
        stack.add(item)
        return item

    def _cancel(self, key: str) -> None:
        """Stop rendering ``key``; a picture of it landed but not shown yet is dropped."""
        self.scheduler.cancel(key)
        self.landing.drop(key)

    def _remove_item(self, key: str) -> None:
        self.landing.drop(key)
        item = self.items.pop(key)
        if item.stack is not None:
            item.stack.remove(item)
        self.scene.removeItem(item)

    # -- what is shown ---------------------------------------------------------------------------
    def set_store(self, path: Path | None, layout: StoreLayout | None = None) -> None:
        """Show the store at ``path``; ``layout`` (which layers it holds), read where the store was
        opened, spares the UI thread every database call (without it, the file is checked and read here)."""
        if path is not None and layout is None:
            check_is_geopackage(path)  # refuse before letting go of the store being shown
        self.scheduler.cancel_idle()  # what is read ahead for the store shown until now is not needed
        for name in self.present:
            self._cancel(layer_key(name))
            self._remove_item(layer_key(name))
        if self.reader is not None:
            self.reader.close()
        self.reader, self.store_path, self.present, self._store_problems = None, path, [], []
        self.selection_item.set_geometries([])
        if path is not None:
            self.reader = MapReader(path, layout)
            self.present = list(self.reader.present)
            for name, style in default_styles(self.reader.catalog).items():
                self.styles.setdefault(name, style)  # a published layer: drawn before the panel's styles come
            self._store_problems = [
                f"The store {path.name} has no layer '{name}'; it is not shown." for name in self.reader.missing
            ]
            for name in self.present:
                self.items[layer_key(name)] = self._add_item(Z_LAYERS, self.over)
                self._restyle_item(name)
        self.invalidate(None)

    def set_styles(self, styles: dict[str, LayerStyle]) -> bool:
        """Take new styles; re-render only what they change. Returns whether anything changed."""
        changed = False
        for name in styles:
            new, old = styles[name], self.styles.get(name)
            if new == old:
                continue
            changed = True
            self.styles[name] = new
            if name in self.present:
                self._restyle_item(name)
                if (
                    old is None
                    or replace(
                        new, opacity=old.opacity, order=old.order, visible=old.visible, label_field=old.label_field
                    )
                    != old
                    or (new.visible and not old.visible)
                ):
                    self._submitted.pop(layer_key(name), None)
            self._submitted.pop(OVERLAY, None)
        return changed

    def _restyle_item(self, name: str) -> None:
        style, item = self.styles[name], self.items[layer_key(name)]
        item.setZValue(Z_LAYERS + style.order)
        item.setOpacity(style.opacity)
        item.setVisible(style.visible)
        if not style.visible:
            self._cancel(layer_key(name))

    def set_basemap_visible(self, visible: bool) -> None:
        self.basemap_visible = visible
        self.items[BASEMAP].setVisible(visible)
        if not visible:
            self._cancel(BASEMAP)
        self._submitted.pop(BASEMAP, None)
        self._submitted.pop(OVERLAY, None)

    def set_reference(self, layers: list[ReferenceLayer]) -> None:
        """Draw these OSM basemaps and images (bottom first, each at its opacity); drop the others."""
        old = {layer.key: layer for layer in self.reference}
        keys = {layer.key for layer in layers}
        if [(r.key, r.path) for r in self.reference] != [(r.key, r.path) for r in layers]:
            self.scheduler.cancel_idle()  # another basemap or image: what was read ahead is not needed
        for key in old.keys() - keys:
            self._cancel(key)
            self._remove_item(key)
            self._submitted.pop(key, None)
            self._problems.pop(key, None)
        for index, layer in enumerate(layers):
            item = self.items.get(layer.key)
            if item is None:
                item = self.items[layer.key] = self._add_item(0, self.under)
            item.setZValue((Z_OSM if layer.kind == OSM else Z_IMAGERY) + index / 100)
            item.setOpacity(layer.opacity)
            before = old.get(layer.key)
            if before is None or (before.path, before.image, before.brightness) != (
                layer.path,
                layer.image,
                layer.brightness,
            ):
                self._submitted.pop(layer.key, None)
        self.reference = list(layers)
        self._apply_swipe()
        if [(r.key, r.path) for r in old.values() if r.kind == OSM] != [
            (r.key, r.path) for r in layers if r.kind == OSM
        ]:
            self._submitted.pop(OVERLAY, None)

    def set_swipe(self, key: str | None, fraction: float = 0.5) -> None:
        """Swipe compare: show ``key`` only left of ``fraction`` of the view, what is under it to the right."""
        self.swipe = (key, min(1.0, max(0.0, fraction))) if key else None
        self._apply_swipe()

    def _apply_swipe(self) -> None:
        for layer in self.reference:
            swiped = self.swipe is not None and self.swipe[0] == layer.key
            self.items[layer.key].set_swipe(self.swipe[1] if swiped and self.swipe is not None else None)

    def add_mbtiles(self, path: Path) -> MBTilesInfo:
        info = check_mbtiles(path)
        self.tile_job = TileJob(mbtiles=path, minzoom=info.minzoom, maxzoom=info.maxzoom)
        self._tile_problems = []
        self._submitted.pop(TILES, None)
        return info

    def set_xyz_source(self, template: str | None, cache_dir: Path | None) -> None:
        if template is None:
            if self.tile_job is not None and self.tile_job.fetcher is not None:
                self.tile_job = None
        else:
            check_template(template)
            folder = cache_dir or Path.home() / ".cache" / "baytak-desktop" / "tiles"
            self.tile_job = TileJob(fetcher=TileFetcher(TileCache(folder, template)))
        self._cancel(TILES)
        self.items[TILES].clear()
        self._submitted.pop(TILES, None)

    def invalidate(self, layer: str | None) -> None:
        """Data changed: render ``layer`` (or every layer) again, and the labels and highlight."""
        for name in [layer] if layer else self.present:
            self._submitted.pop(layer_key(name), None)
        self._submitted.pop(OVERLAY, None)
        for key in [key for key in self._read_ahead_for if key.startswith("draw:")]:
            del self._read_ahead_for[key]  # the same views and jobs, other data: drawn ahead again
        if self.readers is not None:
            self._reload_selection_later()
        else:
            self.reload_selection()

    def _reload_selection_later(self) -> None:
        """The selected features' geometries read again on a reader (another program may have moved them)."""
        model = self.selection
        chosen = {name: tuple(model.selected(name)) for name in model.layers()} if model is not None else {}
        chosen = {name: fids for name, fids in chosen.items() if fids and name in self.present}
        if self.readers is None or not chosen:
            return
        version = self._highlights

        def show(geometries: list[shapely.Geometry]) -> None:
            if version == self._highlights:  # else the person chose another selection meanwhile
                self.selection_item.set_geometries(geometries)

        self.readers.read("map-selection", lambda store: selected_geometries(store, chosen), show)

    def language_changed(self, language: str) -> None:
        self.language = language
        self._submitted.pop(OVERLAY, None)

    # -- rendering -------------------------------------------------------------------------------
    def _jobs(self, language: str) -> dict[str, tuple[RenderFunction, object]]:
        """Every key that should show something now, with its render function and job snapshot."""
        jobs: dict[str, tuple[RenderFunction, object]] = {}
        if self.basemap_visible:
            jobs[BASEMAP] = (render_basemap, BasemapJob(self.basemap_path))
        if self.tile_job is not None:
            jobs[TILES] = (render_tiles, self.tile_job)
        for layer in self.reference:
            if layer.kind == OSM:
                jobs[layer.key] = (render_osm, OsmJob(layer.path))
            elif layer.image is not None:
                jobs[layer.key] = (render_imagery, ImageryJob(layer.image, layer.brightness))
        store_path = self.store_path
        for name in self.present if store_path is not None else ():
            if store_path is not None and self.styles[name].visible:
                jobs[layer_key(name)] = (render_store_layer, LayerJob(store_path, self.styles[name]))
        labelled = tuple(self.styles[n] for n in self.present if self.styles[n].visible and self.styles[n].label_field)
        jobs[OVERLAY] = (
            render_overlay,
            OverlayJob(
                self.basemap_path if self.basemap_visible else None,
                self.store_path,
                labelled,
                language,
                tuple((r.path, r.bounds) for r in self.reference if r.kind == OSM),
            ),
        )
        return jobs

    def render(self, view: View, language: str, ahead: tuple[View, ...] = ()) -> None:
        """Ask for every picture out of date for ``view``; ``ahead``: the views a wheel notch in and out
        would show (``MapCanvas.wheel_views``), drawn while the map stands still."""
        if language != self.language:
            self.language_changed(language)
        self._last_view, self._ahead_views = view, ahead
        for key, (function, job) in self._jobs(language).items():
            if self._submitted.get(key) != view:
                self._submitted[key] = view
                self.scheduler.submit(key, view, function, job)
                self.landing.started()

    def _read_ahead(self) -> None:
        """With no render pending, queue the idle jobs that read what the next pan or zoom of the last
        view needs (``ui.paint.read_ahead``): the point layers' points, then the OSM basemaps' tiles;
        then those that draw the OSM basemaps' pans of a quarter of the view and the views a wheel notch
        in and out show (``_draw_ahead_jobs``). Each once per view and job; one stopped by a render is
        queued again at the next idle moment."""
        view = self._last_view
        if view is None:
            return
        for key, ahead_view, function, job in self._read_ahead_jobs() + self._draw_ahead_jobs():
            if self._read_ahead_for.get(key) != (ahead_view, job):
                self._read_ahead_for[key] = (ahead_view, job)
                self.scheduler.submit_idle(key, ahead_view, function, job)

    def _draw_ahead_jobs(self) -> list[tuple[str, View, RenderFunction, object]]:
        """Every layer's picture of the views a wheel notch in and out of the last view shows, drawn as
        its render draws it: each painter keeps its last pictures (the view's, the one before, and these
        two), so the zoom, when it comes, finds its picture (a copy; a notch about another point than the
        centre, a pan of it: only strips drawn). Raster tiles are left out (they may be fetched), and the
        overlay of names: placed afresh at every view (a pan judges every name reaching into its strips)
        it cost more drawn ahead than all the other layers together (2.5 of 5 CPU seconds over the field
        view's tour), for 25-40 ms saved on a zoom. The OSM pans go first (``_pans_ahead``): a pause
        of half a second under load left them out behind the notches (200-250 ms of CPU), and a pan onto
        ground not drawn ahead cost 40-60 ms of CPU in the OSM basemap alone, where a notch not drawn
        ahead costs its layers' strips or a scaled copy."""
        jobs = [(key, work) for key, work in self._jobs(self.language).items() if key not in (TILES, OVERLAY)]
        notches = [
            (f"draw:{key}:{index}", ahead, function, replace(job, ahead=True) if isinstance(job, OsmJob) else job)
            for index, ahead in enumerate(self._ahead_views)
            for key, (function, job) in jobs
        ]
        return self._pans_ahead(jobs) + notches

    def _pans_ahead(
        self, jobs: list[tuple[str, tuple[RenderFunction, object]]]
    ) -> list[tuple[str, View, RenderFunction, object]]:
        """The OSM basemaps' pictures of the views a pan of a quarter of the view each way shows (the ring
        whose tiles are read ahead): drawing new ground was most of a pan's cost (20-110 ms of a first
        tour's pans), the other layers' strips a few ms each. A pan of any other length copies what
        these pictures show of its strips (``osm._copy_kept``)."""
        view = self._last_view
        assert view is not None
        if view.width * view.height * AHEAD_PER_BASEMAP > AHEAD_PIXELS:  # a large screen: the notches alone
            return []
        step_x, step_y = round(PAN_FRACTION * view.width), round(PAN_FRACTION * view.height)
        ring = ((step_x, 0), (-step_x, 0), (0, step_y), (0, -step_y))
        return [
            (
                f"draw:{key}:pan{index}",
                replace(view, x0=view.x0 + dx * view.res, y0=view.y0 + dy * view.res),
                function,
                replace(job, ahead=True),
            )
            for key, (function, job) in jobs
            if isinstance(job, OsmJob)
            for index, (dx, dy) in enumerate(ring)
        ]

    def _read_ahead_jobs(self) -> list[tuple[str, View, RenderFunction, object]]:
        view = self._last_view
        assert view is not None
        jobs: list[tuple[str, Callable[..., Rendered], object]] = []
        store_path = self.store_path
        for name in self.present if store_path is not None else ():
            style = self.styles[name]
            points = self.reader is not None and self.reader.catalog.layer(name).geometry_type == "POINT"
            if store_path is not None and style.visible and points:
                jobs.append((f"ahead:{layer_key(name)}", read_ahead_points, LayerJob(store_path, style)))
        for layer in self.reference:
            if layer.kind == OSM and layer.visible:
                jobs.append((f"ahead:{layer.key}", read_ahead_osm, OsmAhead(layer.path, WHEEL_STEP)))
        return [(key, view, function, job) for key, function, job in jobs]

    def _read_ahead_done(self, result: RenderResult) -> None:
        if result.rendered is None:  # stopped by a render (or failed): to be read again when idle
            self._read_ahead_for.pop(result.request.key, None)

    def _show(self, results: list[RenderResult], complete: bool) -> None:
        """Landed pictures shown together (``ui.map.landing``): one repaint of the map for them all.
        A complete redraw's stacks are composed at that repaint, so the next pan moves two pictures."""
        for result in results:
            self._apply(result)
        if complete:
            self.under.settle()
            self.over.settle()

    def _apply(self, result: RenderResult) -> None:
        key, view = result.request.key, result.request.view
        item = self.items.get(key)
        if item is None:
            return
        if result.error:
            self._problems[key] = (result.error,)
            item.clear()
            return
        rendered = result.rendered
        if rendered is None:  # gave up: a newer request replaces it
            return
        self._problems[key] = rendered.problems
        item.set_image(rendered.image, QRectF(view.x0, view.y0, view.width * view.res, view.height * view.res))

    def is_idle(self) -> bool:
        return self.scheduler.is_idle()

    def shutdown(self) -> None:
        self.scheduler.shutdown()
        if self.reader is not None:
            self.reader.close()
            self.reader = None

    # -- problems --------------------------------------------------------------------------------
    def basemap_problems(self) -> list[str]:
        found: list[str] = []
        for key in (BASEMAP, OVERLAY, TILES, *(r.key for r in self.reference)):
            found.extend(p for p in self._problems.get(key, ()) if p not in found)
        return found + [p for p in self._tile_problems if p not in found]

    def problems(self) -> list[str]:
        layer_errors = [
            f"{self.reader.catalog.layer(name).title if self.reader else name}: {p}"
            for name in self.present
            for p in self._problems.get(layer_key(name), ())
        ]
        return self.basemap_problems() + self._store_problems + layer_errors

    # -- queries on the UI thread ----------------------------------------------------------------
    def identify(self, view: View, px: float, py: float) -> tuple[str, int] | None:
        if self.reader is None:
            return None
        return self.reader.identify([self.styles[name] for name in self.present], view, px, py)

    def identify_later(self, view: View, px: float, py: float, done: Callable[[tuple[str, int] | None], None]) -> bool:
        """Identify on a reader (the window's): ``done(hit)`` on the UI thread, unless a later click
        overtook this one. False when there are no readers for the store shown (then ``identify``)."""
        if self.readers is None or self.reader is None or self.readers.path() != self.store_path:
            return False
        styles = [self.styles[name] for name in self.present]
        self.readers.read(
            "map-identify",
            lambda store: identify_query.identify_in_store(store, styles, view, px, py),
            done,
            lambda error: done(None),
        )
        return True

    def layer_bbox(self, name: str) -> BBox | None:
        return self.reader.layer_bbox(name) if self.reader is not None else None

    def features_bbox(self, name: str, fids: Iterable[int]) -> BBox | None:
        return self.reader.features_bbox(name, fids) if self.reader is not None else None

    def bbox_later(self, layer: str, fids: Iterable[int] | None, done: Callable[[BBox | None], None]) -> bool:
        """The extent of ``layer`` (``fids`` None) or of some of its features, read on a reader: ``done(box)``
        on the UI thread, unless a later zoom overtook this one (one key for both: the newest zoom wins).
        False when there are no readers for the store shown (then ``layer_bbox`` / ``features_bbox``)."""
        if self.readers is None or self.reader is None or self.readers.path() != self.store_path:
            return False
        chosen = None if fids is None else tuple(int(f) for f in fids)
        self.readers.read(
            "map-zoom",
            lambda store: (
                layer_bbox_in_store(store, layer) if chosen is None else features_bbox_in_store(store, layer, chosen)
            ),
            done,
            lambda error: done(None),
        )
        return True

    def set_selection_model(self, model: SelectionModel | None) -> None:
        if self.selection is not None:
            self.selection.sigChanged.disconnect(self._on_selection_changed)
        self.selection = model
        if model is not None:
            model.sigChanged.connect(self._on_selection_changed)
        self.reload_selection()

    def select(self, hit: tuple[str, int] | None) -> None:
        """A click picked ``hit`` (or nothing): select it in the shared model, or just highlight it."""
        if self.selection is not None:
            if hit is None:
                self.selection.clear()
            else:
                self.selection.select(hit[0], [hit[1]])
        else:
            self._highlight({hit[0]: [hit[1]]} if hit else {})

    def _on_selection_changed(self, layer: str) -> None:
        """Another selection: in the window its outlines are read on a reader (a chart bar selects tens of
        thousands of features); the old highlight goes at once, never shown for the new selection."""
        if self.readers is None or self.reader is None:
            self.reload_selection()
            return
        self._highlights += 1
        self.selection_item.set_geometries([])
        self._reload_selection_later()

    def reload_selection(self) -> None:
        model = self.selection
        chosen: dict[str, Iterable[int]] = {name: model.selected(name) for name in model.layers()} if model else {}
        self._highlight(chosen)

    def _highlight(self, chosen: dict[str, Iterable[int]]) -> None:
        self._highlights += 1
        geometries: list[shapely.Geometry] = []
        if self.reader is not None:
            for name, fids in chosen.items():
                if name in self.present and fids:
                    try:
                        geometries.extend(self.reader.feature_geometries(name, fids))
                    except (DatabaseError, BaytakError) as error:
                        self._problems[layer_key(name)] = (message_of(error),)
        self.selection_item.set_geometries(geometries)
