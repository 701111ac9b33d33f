"""A language switch changes the map's names and nothing else: the Natural Earth base, the OSM basemap
and the store's layers draw no text (their names are the overlay's), so their pictures are kept, none is
read or drawn again, neither for the view shown nor for those drawn ahead; only the overlay is drawn,
in the new language. On the Helsinki OSM basemap and a store of its nodes (``conftest``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from baytak_desktop.mapdata import basemap as natural_earth
from baytak_desktop.mapdata import osm_tiles, point_cache
from baytak_desktop.mapdata.reference import OSM, ReferenceLayer
from baytak_desktop.ui import i18n
from baytak_desktop.ui.map.canvas import MapCanvas
from baytak_desktop.ui.map.map_layers import BASEMAP, OVERLAY, layer_key
from baytak_desktop.ui.map.scheduler import RenderResult
from baytak_desktop.ui.paint import basemap as base_paint
from baytak_desktop.ui.paint import layer as layer_paint
from baytak_desktop.ui.paint import osm as osm_paint
from baytak_desktop.ui.paint.basemap import render_overlay

OSM_KEY, POINTS = "osm:1", layer_key("brick_factories")


def forget_everything() -> None:
    osm_tiles.CACHE.clear()
    osm_paint.forget_pictures()
    layer_paint.forget_pictures()
    base_paint.forget_overlays()
    point_cache.forget_points()


@pytest.fixture
def canvas(qtbot, basemap: Path, points_store: Path):
    forget_everything()
    made = MapCanvas()
    qtbot.addWidget(made)
    made.resize(800, 600)
    made.show()
    qtbot.waitExposed(made)
    made.set_store(points_store)
    made.set_reference([ReferenceLayer(OSM_KEY, OSM, "Helsinki", basemap, True)])
    made.zoom_to_scale(24.944, 60.171, 10_000)
    made._render()
    settle(qtbot, made)
    yield made
    made.shutdown()
    i18n.set_language("en")
    forget_everything()


def settle(qtbot, canvas: MapCanvas) -> None:
    """The renders, then the idle jobs (reading and drawing ahead) of the map standing still."""
    qtbot.waitUntil(canvas.is_idle, timeout=30_000)
    qtbot.waitUntil(lambda: not canvas.layers.scheduler.idle_work_left(), timeout=120_000)


def count_calls(monkeypatch: pytest.MonkeyPatch, calls: Counter[str], owner: Any, name: str) -> None:
    """``owner.name`` still runs, and each call is counted (render threads included)."""
    original: Callable[..., Any] = getattr(owner, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)


def count_reads_and_draws(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    calls: Counter[str] = Counter()
    count_calls(monkeypatch, calls, natural_earth, "read_layer")  # the Natural Earth file read
    count_calls(monkeypatch, calls, osm_tiles.CACHE, "features")  # the OSM basemap's features
    count_calls(monkeypatch, calls, layer_paint, "_read")  # the store layer's features
    count_calls(monkeypatch, calls, base_paint, "_draw_base")  # the Natural Earth base drawn
    count_calls(monkeypatch, calls, osm_paint, "paint_osm")  # the OSM basemap drawn
    return calls


def test_a_language_switch_reads_and_draws_nothing_but_the_names(qtbot, canvas, monkeypatch) -> None:
    items = canvas.layers.items
    shown = {key: items[key].image for key in (BASEMAP, OSM_KEY, POINTS)}
    assert all(image is not None for image in shown.values())
    overlay_before = items[OVERLAY].image
    labels: list[tuple[str, ...]] = []

    def landed(result: RenderResult) -> None:
        if result.request.key == OVERLAY and result.rendered is not None:
            labels.append(result.rendered.labels)

    canvas.layers.scheduler.sigResult.connect(landed)
    calls = count_reads_and_draws(monkeypatch)
    i18n.set_language("ru")
    qtbot.waitUntil(lambda: items[OVERLAY].image is not overlay_before, timeout=30_000)
    settle(qtbot, canvas)
    assert calls == Counter()  # nothing read, nothing drawn again: not the view, not the views ahead
    for key, image in shown.items():
        assert items[key].image is image, key  # the very pictures shown before the switch
    # the names are the new language's: those a render of the overlay in Russian places
    base_paint.forget_overlays()
    overlay_job = canvas.layers._jobs("ru")[OVERLAY][1]
    assert isinstance(overlay_job, base_paint.OverlayJob) and overlay_job.language == "ru"
    assert labels and labels[-1] == render_overlay(overlay_job, canvas.current_view()).labels
    assert any(any("\u0400" <= c <= "\u04ff" for c in name) for name in labels[-1])
