"""Raster tiles on the canvas: a local MBTiles file, and an XYZ source cached for offline use."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint

from baytak_desktop.errors import TileSourceError
from baytak_desktop.ui.map.canvas import MapCanvas
from tests.io.test_mbtiles import TileServer, make_mbtiles, png


@pytest.fixture
def make_canvas(qtbot):
    made = []

    def make() -> MapCanvas:
        canvas = MapCanvas()
        qtbot.addWidget(canvas)
        canvas.resize(500, 400)
        canvas.show()
        qtbot.waitExposed(canvas)
        canvas.set_basemap_visible(False)
        made.append(canvas)
        return canvas

    yield make
    for canvas in made:
        canvas.shutdown()


def centre_colour(qtbot, canvas: MapCanvas) -> tuple[int, int, int]:
    qtbot.waitUntil(canvas.is_idle, timeout=20_000)
    colour = canvas.viewport().grab().toImage().pixelColor(QPoint(250, 200))
    return colour.red(), colour.green(), colour.blue()


def test_mbtiles_are_drawn_under_the_data(qtbot, tmp_path, make_canvas):
    path = tmp_path / "kz.mbtiles"
    red = png((220, 30, 30))
    make_mbtiles(
        path,
        {(3, x, y): red for x in range(8) for y in range(8)},
        {"name": "red", "format": "png", "minzoom": "3", "maxzoom": "3"},
    )
    canvas = make_canvas()
    info = canvas.add_mbtiles(path)
    assert info.maxzoom == 3
    assert centre_colour(qtbot, canvas) == (220, 30, 30)  # scaled up beyond the file's zoom
    assert canvas.basemap_problems() == []


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"garbage" * 50, "not an MBTiles file")])
def test_a_broken_mbtiles_file_is_refused_and_the_map_stays(qtbot, tmp_path, make_canvas, content, message):
    path = tmp_path / "broken.mbtiles"
    path.write_bytes(content)
    canvas = make_canvas()
    with pytest.raises(TileSourceError, match=message) as error:
        canvas.add_mbtiles(path)
    assert "broken.mbtiles" in error.value.message
    assert canvas.layers.tile_job is None


def test_xyz_tiles_are_fetched_off_thread_and_shown_from_the_cache_when_offline(qtbot, tmp_path, make_canvas):
    server = TileServer(png((0, 128, 255)))
    try:
        canvas = make_canvas()
        canvas.set_xyz_source(server.url, tmp_path / "cache")
        assert centre_colour(qtbot, canvas) == (0, 128, 255)
        assert server.requests
    finally:
        server.stop()
    offline = make_canvas()
    offline.set_xyz_source(server.url, tmp_path / "cache")
    assert centre_colour(qtbot, offline) == (0, 128, 255)


def test_no_request_is_made_without_an_xyz_source(qtbot, make_canvas):
    server = TileServer(png((0, 0, 0)))
    try:
        canvas = make_canvas()
        canvas.set_basemap_visible(True)
        qtbot.waitUntil(canvas.is_idle, timeout=20_000)
        canvas.zoom_in()
        qtbot.waitUntil(canvas.is_idle, timeout=20_000)
        assert server.requests == []
    finally:
        server.stop()
