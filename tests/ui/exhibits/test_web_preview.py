"""The web map in QtWebEngine, offscreen, with the network blocked: Leaflet loads from the page itself,
every feature is drawn, a click selects the feature in the app."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWebEngineCore import QWebEngineSettings

from baytak_desktop.demo import build_demo
from baytak_desktop.exhibits.webmap import build_webmap
from baytak_desktop.store import Store
from baytak_desktop.ui.exhibits.web_preview import WebMapPreview  # registers baytak:// before the QApplication exists

LOAD_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("preview") / "demo.gpkg"
    with Store.create(path) as store:
        build_demo(store)
    return path


@pytest.fixture
def preview(qtbot) -> Iterator[WebMapPreview]:
    widget = WebMapPreview()
    widget.resize(900, 650)
    widget.show()
    yield widget
    widget.release()  # the page goes before its profile, now rather than at exit
    widget.close()
    widget.deleteLater()
    qtbot.wait(10)


def load(qtbot, preview: WebMapPreview, html: str) -> None:
    with qtbot.waitSignal(preview.sigLoaded, timeout=LOAD_TIMEOUT_MS) as loaded:
        preview.show_html(html)
    assert loaded.args == [True], preview.console


def evaluate(qtbot, preview: WebMapPreview, script: str):
    """The JSON value of ``script`` evaluated in the page."""
    answers: list = []
    preview.page.runJavaScript(f'JSON.stringify({script}) ?? "null"', 0, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=LOAD_TIMEOUT_MS)
    return json.loads(answers[0])


def test_leaflet_loads_offline_and_every_feature_is_drawn(qtbot, preview, demo_path):
    with Store.open(demo_path, readonly=True) as store:
        html, result = build_webmap(store, None, "kk", title="Baytak")
    load(qtbot, preview, html)
    assert evaluate(qtbot, preview, "typeof L") == "object"
    assert evaluate(qtbot, preview, "L.version") == "1.9.3"
    stats = evaluate(qtbot, preview, "baytakWebmap.stats()")
    assert stats["total"] == result.features
    assert stats["onMap"] == result.shown_on_open
    assert {name: value["total"] for name, value in stats["layers"].items()} == result.layers
    assert preview.blocked_requests == []  # nothing even tried to reach the network
    assert evaluate(qtbot, preview, "document.querySelectorAll('.baytak-legend-row').length") > 10
    assert evaluate(qtbot, preview, "document.querySelector('.baytak-legend-title').textContent") == "Шартты белгілер"


def test_the_year_slider_brings_back_the_aral_of_1960(qtbot, preview, demo_path):
    with Store.open(demo_path, readonly=True) as store:
        html, _result = build_webmap(store, ["shorelines"], "en")
    load(qtbot, preview, html)
    assert evaluate(qtbot, preview, "baytakWebmap.years()") == [1960, 2010]
    assert evaluate(qtbot, preview, "baytakWebmap.stats().layers.shorelines.onMap") == 2  # Aral 2010, Caspian
    evaluate(qtbot, preview, "baytakWebmap.showYear(1960)")
    assert evaluate(qtbot, preview, "baytakWebmap.stats().layers.shorelines.onMap") == 1  # only the big Aral
    caption = evaluate(qtbot, preview, "document.querySelector('.baytak-slider-areas').textContent")
    assert "Aral Sea 1960" in caption and "67" in caption


def test_clicking_a_feature_selects_it_in_the_app(qtbot, preview, demo_path):
    with Store.open(demo_path, readonly=True) as store:
        html, _ = build_webmap(store, None, "en")
        quarry = store.features("quarries")[0]
        outflow = store.features("sewage_outflows")[0]
    load(qtbot, preview, html)
    for layer, feature in (("quarries", quarry), ("sewage_outflows", outflow)):
        with qtbot.waitSignal(preview.sigFeatureClicked, timeout=10_000) as clicked:
            assert evaluate(qtbot, preview, f"baytakWebmap.click({json.dumps(layer)}, {json.dumps(feature.uuid)})")
        assert clicked.args == [layer, feature.uuid]
    # the page is still the map (the select navigation was refused), with the clicked feature's popup open
    assert evaluate(qtbot, preview, "location.protocol + location.host") == "baytak:webmap"
    qtbot.waitUntil(
        lambda: evaluate(qtbot, preview, "document.querySelectorAll('.baytak-popup-title').length") == 1, timeout=10_000
    )  # the first popup fades out
    assert evaluate(qtbot, preview, "document.querySelector('.baytak-popup-title').textContent") == outflow["name"]


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A real HTTP server on localhost that records every request it gets."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            return None

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def remote_page(base: str) -> str:
    """A page that asks the network for an image, a script, a stylesheet image and a fetch; each failure
    is counted in window.failed, so the test waits for outcomes, not for time."""
    return (
        f"<html><head><style>body {{ background: url('{base}/bg.png') }}</style></head><body>"
        "<script>window.failed = 0;</script>"
        f'<img src="{base}/tile.png" onerror="window.failed += 1">'
        f'<script src="{base}/leaflet.js" onerror="window.failed += 1"></script>'
        f'<script>fetch("{base}/data.json").catch(function () {{ window.failed += 1; }});</script>'
        "</body></html>"
    )


def test_network_requests_never_leave_the_preview(qtbot, preview, http_server):
    base, hits = http_server
    load(qtbot, preview, remote_page(base))
    qtbot.waitUntil(lambda: evaluate(qtbot, preview, "window.failed") == 3, timeout=10_000)
    assert hits == []
    assert evaluate(qtbot, preview, "typeof L") == "undefined"


def test_the_interceptor_blocks_http_even_where_chromium_would_allow_it(qtbot, preview, http_server):
    """Chromium already keeps local pages from remote URLs; the interceptor is the guard of our own."""
    base, hits = http_server
    preview.page.settings().setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, True)
    load(qtbot, preview, remote_page(base))
    qtbot.waitUntil(lambda: evaluate(qtbot, preview, "window.failed") == 3, timeout=10_000)
    qtbot.waitUntil(lambda: len(preview.blocked_requests) == 4, timeout=10_000)
    assert sorted(url.rsplit("/", 1)[1] for url in preview.blocked_requests) == [
        "bg.png",
        "data.json",
        "leaflet.js",
        "tile.png",
    ]
    assert hits == []


def test_focus_feature_opens_its_popup(qtbot, preview, demo_path):
    with Store.open(demo_path, readonly=True) as store:
        html, _ = build_webmap(store, ["brick_factories"], "ru")
        factory = store.features("brick_factories")[0]
    load(qtbot, preview, html)
    preview.focus_feature("brick_factories", factory.uuid)
    qtbot.waitUntil(lambda: evaluate(qtbot, preview, "!!document.querySelector('.baytak-popup-title')"), timeout=10_000)
    assert evaluate(qtbot, preview, "document.querySelector('.baytak-popup-title').textContent") == factory["name"]


@pytest.mark.parametrize(
    ("lang", "names", "scale_unit"), [("kk", ("Алматы", "Қарағанды"), "км"), ("ru", ("Алматы", "Караганда"), "км")]
)
def test_settlements_are_named_in_the_language_without_hovering_and_the_scale_too(
    qtbot, preview, demo_path, lang, names, scale_unit
):
    with Store.open(demo_path, readonly=True) as store:
        html, _result = build_webmap(store, None, lang, extent=(46.5, 40.5, 87.5, 55.5))
    load(qtbot, preview, html)
    qtbot.waitUntil(lambda: bool(evaluate(qtbot, preview, "baytakWebmap.placeLabels()")), timeout=10_000)
    labels = evaluate(qtbot, preview, "baytakWebmap.placeLabels()")
    assert names[0] in labels and "Almaty" not in labels, labels  # named at country scale, in the language
    assert len(labels) < 60  # small towns wait for a closer zoom
    scale = evaluate(qtbot, preview, "document.querySelector('.leaflet-control-scale-line').textContent")
    assert scale.endswith(f" {scale_unit}"), scale
    title = evaluate(qtbot, preview, "document.querySelector('.baytak-title').textContent")
    assert title.startswith({"kk": "Baytak картасы", "ru": "Карта Baytak"}[lang]), title
    assert evaluate(qtbot, preview, "document.title") == title
    with Store.open(demo_path, readonly=True) as store:
        html, _result = build_webmap(store, None, lang, extent=(72.0, 49.3, 74.2, 50.3))  # around Karaganda
    load(qtbot, preview, html)
    qtbot.waitUntil(lambda: names[1] in evaluate(qtbot, preview, "baytakWebmap.placeLabels()"), timeout=10_000)
