"""A tiny TCP proxy that can lose answers: the request reaches the server, the answer never the client.

``cut("POST /api/v1/changesets", times=1)``: the next request starting so is forwarded whole; when
the server's first answer bytes come back (so the server has committed) both sockets are closed
instead. ``fail_with(503)`` answers every request itself with that status, as a broken gateway would.
"""

from __future__ import annotations

import contextlib
import socket
import threading

from tests.sync.conftest import free_port


class CuttingProxy:
    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.port = free_port()
        self.prefix = b""
        self.cuts_left = 0
        self.cuts_done = 0
        self.status: int | None = None
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", self.port))
        self.listener.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut(self, request_prefix: str, times: int = 1) -> None:
        with self.lock:
            self.prefix, self.cuts_left = request_prefix.encode(), times

    def fail_with(self, status: int | None) -> None:
        self.status = status

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
        if self.status is not None:
            client.recv(65536)
            body = b'{"error":{"code":"internal","message":"gateway down","details":{}}}'
            client.sendall(
                b"HTTP/1.1 %d Unavailable\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
                b"Connection: close\r\n\r\n%s" % (self.status, len(body), body)
            )
            client.close()
            return
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        state = {"cut": False}
        threading.Thread(target=self._answers, args=(upstream, client, state), daemon=True).start()
        try:
            while data := client.recv(65536):
                with self.lock:
                    if self.cuts_left and data.startswith(self.prefix):
                        self.cuts_left -= 1
                        state["cut"] = True
                upstream.sendall(data)
        except OSError:
            pass
        finally:
            _close(upstream)

    def _answers(self, upstream: socket.socket, client: socket.socket, state: dict) -> None:
        try:
            while data := upstream.recv(65536):
                if state["cut"]:
                    with self.lock:
                        self.cuts_done += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            _close(client)
            _close(upstream)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
