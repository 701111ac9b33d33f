"""A 200 answer that is none of ours (a hotel Wi-Fi's sign-in page on the way, another program on that
port) is said as such in the person's language, not as the JSON reader's English in a traceback."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from baytak_desktop.cli import main
from baytak_desktop.store import Store
from baytak_desktop.sync.errors import NotBaytakAnswer
from tests.sync.conftest import free_port
from tests.sync.field_network import FieldNetwork
from tests.test_cli_language import translation

PAGE = b"<html><body>Welcome to the hotel Wi-Fi: accept the terms to go on</body></html>"


class Portal(BaseHTTPRequestHandler):
    """Answers every request with its sign-in page, as a captive portal does."""

    def _page(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._page()

    do_GET = _page

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def portal() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_sign_in_page_in_the_way_is_said_plainly(portal, tmp_path, monkeypatch, capsys, lang, config_home):
    store = tmp_path / "branch.gpkg"
    Store.create(store).close()
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    code = main(["--lang", lang, "login", str(store), "--server", portal, "--user", "dana", "--password-stdin"])
    said = capsys.readouterr().err
    assert code == 1
    template = (
        "The server {server} answered with something that is not a Baytak server's answer: check the address; "
        "a Wi-Fi sign-in page or a proxy may be in the way. Your edits are safe on this computer."
    )
    assert translation(lang, template).format(server=portal) in said, said
    assert "Invalid JSON" not in said and "Traceback" not in said


@pytest.mark.parametrize("answer", ["redirect", "network_sign_in", "blocked", "bad_encoding"])
def test_every_field_network_page_is_said_plainly_by_the_cli_too(tmp_path, monkeypatch, capsys, answer, config_home):
    """The window and the command line share the client: a redirect to a sign-in page, a network's 511,
    a filter's 403 page or a body that is not the encoding it claims are no refusal of a Baytak server."""
    network = FieldNetwork(free_port())  # nothing behind it: every request gets the network's page
    network.answer(answer)
    store = tmp_path / "branch.gpkg"
    Store.create(store).close()
    monkeypatch.setattr("sys.stdin", io.StringIO("secret\n"))
    try:
        code = main(
            ["--lang", "kk", "login", str(store), "--server", network.url, "--user", "dana", "--password-stdin"]
        )
    finally:
        network.close()
    said = capsys.readouterr().err
    assert code == 1 and network.answered >= 1
    template = NotBaytakAnswer.template
    assert translation("kk", template).format(server=network.url) in said, said
