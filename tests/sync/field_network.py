"""A field network between a device and a real server, on 127.0.0.1: it passes the traffic through,
or answers every request itself as a hotel Wi-Fi's sign-in page, a broken proxy or a dropping mobile
link does (see ``ANSWERS``).

``network.answer("portal")``: every request from then on gets the sign-in page (the request is read
whole first, as a portal does); ``network.answer(None)``: the traffic reaches the server again. A
device opens new connections for every job, so the switch takes effect at the next sync.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.sync.conftest import free_port


def _http(status: str, content_type: str, body: bytes, *, length: int | None = None, extra: str = "") -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body) if length is None else length}"
        f"\r\n{extra}Connection: close\r\n\r\n"
    )
    return head.encode() + body


SIGN_IN_PAGE = b"<html><body><h1>Hotel Wi-Fi</h1><p>Accept the terms to go on.</p></body></html>"
GATEWAY_PAGE = b"<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>"

ANSWERS = {
    "portal": _http("200 OK", "text/html", SIGN_IN_PAGE),
    "empty": _http("200 OK", "application/json", b""),
    "foreign_json": _http("200 OK", "application/json", b'{"status": "ok", "items": []}'),
    "redirect": _http("302 Found", "text/html", b"", extra="Location: http://portal.example/login\r\n"),
    "network_sign_in": _http("511 Network Authentication Required", "text/html", SIGN_IN_PAGE),
    "blocked": _http("403 Forbidden", "text/html", b"<html><body>Blocked by the network's filter</body></html>"),
    "bad_gateway": _http("502 Bad Gateway", "text/html", GATEWAY_PAGE),
    "gateway_timeout": _http("504 Gateway Time-out", "text/html", GATEWAY_PAGE.replace(b"502 Bad", b"504")),
    # the link drops mid-answer: 40 bytes of the 4,000 announced, then the connection closes
    # a middlebox's body that is not the gzip its header says
    "bad_encoding": _http("200 OK", "application/json", b"not gzip at all", extra="Content-Encoding: gzip\r\n"),
    "cut": _http("200 OK", "application/json", b'{"server_rev": 12, "features": [{"layer"', length=4000),
}


class FieldNetwork:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.canned: bytes | None = None
        self.answered = 0  # requests answered by the network itself
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def answer(self, name: str | None) -> None:
        """Answer every request with ``ANSWERS[name]`` from now on; None passes the traffic through."""
        self.canned = None if name is None else ANSWERS[name]

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.listener.close()

    def _accept(self) -> None:
        while self.running:
            try:
                client, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        canned = self.canned
        if canned is not None:
            with contextlib.suppress(OSError):
                if _read_request(client):  # one request per connection: the answer says "Connection: close"
                    with self.lock:
                        self.answered += 1
                    client.sendall(canned)
            _close(client)
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
        _pipe(client, upstream)


def _read_request(sock: socket.socket) -> bool:
    """Read one request whole (head and Content-Length body), so closing after the answer sends no reset."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            return False
        body += chunk
    return True


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
