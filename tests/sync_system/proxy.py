"""A TCP proxy between the sync client and real server processes that cuts connections on command,
after the server has started answering: what a flaky mobile network or a dropped Wi-Fi does.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class Cut:
    """Cut the connection of the next ``times`` requests whose head contains ``pattern``, once the
    server has started answering: ``drop`` sends the client nothing, ``half`` half the first chunk."""

    pattern: bytes
    times: int = 1
    mode: str = "drop"
    done: int = 0


@dataclass
class _Connection:
    cut: Cut | None = None
    sent: bytearray = field(default_factory=bytearray)


class CuttingProxy:
    """A TCP proxy on 127.0.0.1 in front of one server, or several in turn. Everything the clients send is kept (``sent``),
    so a test can read which changeset ids went out and how often."""

    def __init__(self, *target_ports: int) -> None:
        self.target_ports = target_ports  # connections go to each in turn, like a load balancer
        self.turn = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.cuts: list[Cut] = []
        self.lock = threading.Lock()
        self.connections: list[_Connection] = []
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cut(self, pattern: bytes, times: int = 1, mode: str = "drop") -> Cut:
        rule = Cut(pattern, times, mode)
        with self.lock:
            self.cuts.append(rule)
        return rule

    def sent(self) -> bytes:
        with self.lock:
            return b"".join(bytes(c.sent) for c in self.connections)

    def changeset_ids(self) -> list[str]:
        """The changeset id of every push that went through, in order, repeats included."""
        return [m.decode() for m in re.findall(rb'"changeset_id":"([0-9a-f-]{36})"', self.sent())]

    def close(self) -> None:
        self.closed = True
        self.listener.close()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        state = _Connection()
        with self.lock:
            self.connections.append(state)
            port = self.target_ports[self.turn % len(self.target_ports)]
            self.turn += 1
        upstream = socket.create_connection(("127.0.0.1", port))
        threading.Thread(target=self._forward_requests, args=(client, upstream, state), daemon=True).start()
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                with self.lock:
                    rule, state.cut = state.cut, None
                if rule is not None:
                    if rule.mode == "half":
                        client.sendall(data[: max(1, len(data) // 2)])
                    rule.done += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def _forward_requests(self, client: socket.socket, upstream: socket.socket, state: _Connection) -> None:
        try:
            while True:
                data = client.recv(65536)
                if not data:
                    upstream.shutdown(socket.SHUT_WR)
                    return
                with self.lock:
                    state.sent += data
                    for rule in self.cuts:
                        if rule.times > 0 and rule.pattern in data:
                            rule.times -= 1
                            state.cut = rule
                            break
                upstream.sendall(data)
        except OSError:
            return
