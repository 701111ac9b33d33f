"""MBTiles reading (TMS rows), refusal of broken files, the XYZ tile cache against a real local server."""

from __future__ import annotations

import http.server
import io
import sqlite3
import threading

import pytest
from PIL import Image

from baytak_desktop.errors import TileSourceError
from baytak_desktop.io.mbtiles import MBTiles, check_mbtiles
from baytak_desktop.io.tile_cache import TileCache, TileFetcher, check_template, tile_url
from baytak_desktop.io.tile_grid import ORIGIN, tile_scene_rect, tiles_in, tms_row, zoom_for_resolution


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(out, format="PNG")
    return out.getvalue()


def make_mbtiles(path, tiles: dict[tuple[int, int, int], bytes], metadata: dict | None = None) -> None:
    """An MBTiles 1.3 file; ``tiles`` keyed by XYZ address, stored with TMS rows as the spec says."""
    conn = sqlite3.connect(str(path))
    conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    conn.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    conn.executemany("INSERT INTO metadata VALUES (?, ?)", (metadata or {"name": "test", "format": "png"}).items())
    conn.executemany(
        "INSERT INTO tiles VALUES (?, ?, ?, ?)", [(z, x, tms_row(z, y), data) for (z, x, y), data in tiles.items()]
    )
    conn.commit()
    conn.close()


def test_tiles_are_read_by_xyz_address_with_the_tms_row_flip(tmp_path):
    path = tmp_path / "t.mbtiles"
    red, blue = png((255, 0, 0)), png((0, 0, 255))
    make_mbtiles(path, {(2, 1, 0): red, (2, 1, 3): blue})
    info = check_mbtiles(path)
    assert (info.minzoom, info.maxzoom, info.format) == (2, 2, "png")
    with MBTiles(path) as tiles:
        assert tiles.tile(2, 1, 0) == red  # the top row, stored as TMS row 3
        assert tiles.tile(2, 1, 3) == blue
        assert tiles.tile(2, 0, 0) is None
    conn = sqlite3.connect(str(path))
    assert conn.execute("SELECT tile_row FROM tiles WHERE tile_data = ?", (red,)).fetchone()[0] == 3


def test_an_empty_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "download.mbtiles"
    path.write_bytes(b"")
    with pytest.raises(TileSourceError, match=r"empty \(0 bytes\)"):
        check_mbtiles(path)


def test_garbage_and_foreign_databases_are_refused(tmp_path):
    garbage = tmp_path / "garbage.mbtiles"
    garbage.write_bytes(b"<html>404 Not Found</html>" * 20)
    with pytest.raises(TileSourceError, match="not an MBTiles file"):
        check_mbtiles(garbage)
    other = tmp_path / "other.mbtiles"
    conn = sqlite3.connect(str(other))
    conn.execute("CREATE TABLE things (a)")
    conn.commit()
    conn.close()
    with pytest.raises(TileSourceError, match="without a 'tiles' table"):
        check_mbtiles(other)
    empty = tmp_path / "empty.mbtiles"
    make_mbtiles(empty, {})
    with pytest.raises(TileSourceError, match="no tiles"):
        check_mbtiles(empty)
    with pytest.raises(TileSourceError, match="does not exist"):
        check_mbtiles(tmp_path / "nowhere.mbtiles")


def test_a_database_cut_short_is_refused_whole_in_one_translatable_template(tmp_path):
    """Before, the reason ("the file is empty...", SQLite's "database disk image is malformed") was an
    English parameter inside the translated sentence; now each refusal is a template of its own."""
    cut = tmp_path / "almaty.mbtiles"
    make_mbtiles(cut, {(z, 0, 0): png((0, 128, 0)) for z in range(3)})
    data = cut.read_bytes()
    cut.write_bytes(data[:100] + bytes(len(data) - 100))  # the header left, the pages wiped
    with pytest.raises(TileSourceError) as refused:
        check_mbtiles(cut)
    assert refused.value.template.startswith("{path} cannot be used as a basemap: it is damaged or cut short")
    assert set(refused.value.params) == {"path", "detail"}
    assert refused.value.message.endswith(f"(SQLite: {refused.value.params['detail']}).")
    for broken in (tmp_path / "nowhere.mbtiles", tmp_path):
        with pytest.raises(TileSourceError) as said:
            check_mbtiles(broken)
        assert set(said.value.params) == {"path"} and "{reason}" not in said.value.template


def test_tile_grid_arithmetic():
    assert tile_scene_rect((0, 0, 0)) == pytest.approx((-ORIGIN, -ORIGIN, ORIGIN, ORIGIN))
    assert tiles_in((-1.0, -1.0, 1.0, 1.0), 1) == [(1, 0, 0), (1, 0, 1), (1, 1, 0), (1, 1, 1)]
    assert zoom_for_resolution(2 * ORIGIN / 256) == 0
    assert zoom_for_resolution(2 * ORIGIN / 256 / 1024) == 10
    assert zoom_for_resolution(0.001, maxzoom=14) == 14


def test_tile_urls_and_templates():
    assert tile_url("https://t/{z}/{x}/{y}.png", 3, 4, 5) == "https://t/3/4/5.png"
    assert tile_url("https://t/{z}/{x}/{-y}.png", 3, 4, 5) == "https://t/3/4/2.png"
    with pytest.raises(TileSourceError):
        check_template("ftp://x/{z}/{x}/{y}")


class TileServer:
    """A real HTTP server on localhost that serves one PNG for every tile and counts requests."""

    def __init__(self, body: bytes) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def tile_server():
    server = TileServer(png((0, 128, 255)))
    yield server
    server.stop()


def test_fetched_tiles_are_cached_and_served_from_disk_when_offline(tmp_path, tile_server):
    fetcher = TileFetcher(TileCache(tmp_path / "cache", tile_server.url))
    first = fetcher.get(5, 10, 12)
    assert first == png((0, 128, 255)) and tile_server.requests == ["/5/10/12.png"]
    tile_server.stop()
    offline = TileFetcher(TileCache(tmp_path / "cache", tile_server.url))
    assert offline.get(5, 10, 12) == first  # from the cache, no server
    assert offline.get(5, 10, 13) is None and offline.errors  # not cached: a miss, remembered
    assert offline.get(5, 10, 13) is None and len(offline.errors) == 1  # and not retried at once
