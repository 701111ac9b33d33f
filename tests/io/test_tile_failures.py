"""An online basemap's tile that cannot be fetched is said in our words, translated, its address after.

It was the address and httpx's English ("Client error '404 Not Found' for url ... For more information
check: https://developer.mozilla.org/..."), shown as it was in the window's message bar in every
language. A real HTTP server on 127.0.0.1 answers 404, 500 or too slowly; a closed port refuses.
"""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from baytak_desktop import i18n
from baytak_desktop.io.tile_cache import TileCache, TileFetcher

TILE = "A map tile could not be fetched: {reason}. Its address: {url}"


def ours(lang: str, template: str, **params: object) -> str:
    text = i18n._catalog(lang).get(template)
    assert text and (text != template or template == "{reason} ({library}: {detail})"), (lang, template)
    return text.format(**params)


class Answering:
    """A real HTTP server on localhost answering every tile with ``status`` after ``delay`` seconds."""

    def __init__(self, status: int, delay: float = 0.0) -> None:
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                time.sleep(delay)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.template = f"http://127.0.0.1:{self.httpd.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def answering() -> Iterator[list[Answering]]:
    servers: list[Answering] = []
    yield servers
    for server in servers:
        server.stop()


def failure(tmp_path: Path, template: str) -> tuple[str, str]:
    """The fetcher's message for tile 5/10/12 of ``template``, and the tile's address."""
    fetcher = TileFetcher(TileCache(tmp_path / "cache", template), timeout=0.5)
    assert fetcher.get(5, 10, 12) is None
    return fetcher.errors[-1], template.format(z=5, x=10, y=12)


@pytest.mark.parametrize(
    ("status", "delay", "ours_en", "detail"),
    [
        (404, 0.0, "the server has no such page (HTTP {status})", "404 Not Found"),
        (500, 0.0, "the server failed to answer (HTTP {status}); try again later", "500 Internal Server Error"),
        (
            200,
            2.0,
            "the server did not answer in time (a slow or broken connection?); try again later",
            "timed out",
        ),
    ],
)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_tile_server_that_fails_is_said_in_our_words(
    tmp_path: Path, answering: list[Answering], status: int, delay: float, ours_en: str, detail: str, lang: str
) -> None:
    answering.append(Answering(status, delay))
    error, url = failure(tmp_path, answering[-1].template)
    assert str(error).startswith("A map tile could not be fetched: ") and str(error).endswith(f"Its address: {url}")
    with i18n.speaking(lang):
        text = i18n.said(error)
    reason = ours(
        lang, "{reason} ({library}: {detail})", reason=ours(lang, ours_en, status=status), library="HTTP", detail=detail
    )
    assert text == ours(lang, TILE, reason=reason, url=url)
    assert "developer.mozilla.org" not in text


def test_a_closed_port_is_a_refusal_in_kazakh(tmp_path: Path) -> None:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    error, url = failure(tmp_path, f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    with i18n.speaking("kk"):
        text = i18n.said(error)
    refused = ours("kk", "the server refused the connection: it is not running there, or the address or port is wrong")
    reason = ours(
        "kk", "{reason} ({library}: {detail})", reason=refused, library="HTTP", detail="[Errno 111] Connection refused"
    )
    assert text == ours("kk", TILE, reason=reason, url=url)
