"""Why a receiver was lost is said in the language spoken: a source's reason is a sentence that kept its
template (not English text), both for the command line and for the window. The receiver here is a real
TCP server that hangs up."""

from __future__ import annotations

import socket
import threading

from test_cli_language import translation

from baytak_desktop import i18n
from baytak_desktop.gps.nmea_sources import TcpSource
from baytak_desktop.gps.source import SourceState

from .conftest import FAST, Collector

CLOSED = "{host}:{port} closed the connection"


def hanging_up_server() -> tuple[socket.socket, int]:
    """A server that accepts each connection and closes it at once, as a receiver's bridge may."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)

    def serve() -> None:
        while server.fileno() != -1:
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    return server, server.getsockname()[1]


def test_a_receiver_that_hangs_up_is_lost_in_the_language_spoken(running) -> None:
    server, port = hanging_up_server()
    try:
        got = Collector()
        running(TcpSource("127.0.0.1", port, got.on_fix, got.on_status, backoff=FAST))
        assert got.wait(lambda c: "disconnected" in c.states)
    finally:
        server.close()
    lost = next(s for s in got.statuses if s.state is SourceState.DISCONNECTED)
    assert lost.detail == f"127.0.0.1:{port} closed the connection"  # English, as the log and --json say it
    assert (lost.detail.template, lost.detail.params) == (CLOSED, {"host": "127.0.0.1", "port": port})
    for lang in ("kk", "ru"):
        with i18n.speaking(lang):
            assert i18n.said(lost.detail) == translation(lang, CLOSED).format(host="127.0.0.1", port=port)
