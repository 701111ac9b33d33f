"""Sending a recorded NMEA log as a receiver would: a TCP server, or datagrams to a UDP port.

For trying the program without going outside (``baytak gps replay walk.nmea --tcp 11123``, then
connect the program to tcp://127.0.0.1:11123) and for the tests, which replay real receivers' logs
through the real sockets. Each TCP client gets the log from its start, at the recorded pace times
``speed`` (None: as fast as the socket takes it), with CR LF line ends like a receiver.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

from baytak_desktop.gps.pacing import Pacer


def log_lines(path: Path) -> list[str]:
    """The sentence lines of a log (comments and blank lines left out)."""
    text = Path(path).read_text(encoding="ascii", errors="replace")
    return [line.strip() for line in text.splitlines() if line.strip().startswith(("$", "!"))]


class ReplayServer:
    """A TCP server on ``host:port`` (0: any free port) that sends ``path`` to each client."""

    def __init__(
        self, path: Path, host: str = "127.0.0.1", port: int = 0, *, speed: float | None = 1.0, loop: bool = False
    ) -> None:
        self.lines = log_lines(path)
        self.speed, self.loop = speed, loop
        self._stop = threading.Event()
        self._sock = socket.create_server((host, port), reuse_port=False)
        self._sock.settimeout(0.2)
        self.host, self.port = self._sock.getsockname()[:2]
        self._clients: list[socket.socket] = []
        self._threads: list[threading.Thread] = []

    def start(self) -> ReplayServer:
        self._spawn(self._accept)
        return self

    def stop(self) -> None:
        self._stop.set()
        for client in list(self._clients):
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
        for thread in self._threads:
            thread.join(5)
        self._sock.close()

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            self._clients.append(client)
            self._spawn(self._serve, client)

    def _serve(self, client: socket.socket) -> None:
        try:
            while not self._stop.is_set():
                send_lines(self.lines, client.sendall, self.speed, self._stop)
                if not self.loop:
                    break
        except OSError:
            pass  # the client went away
        finally:
            self._clients.remove(client)
            with contextlib.suppress(OSError):
                client.shutdown(socket.SHUT_RDWR)
            client.close()


def send_udp(
    path: Path, host: str, port: int, *, speed: float | None = 1.0, stop: threading.Event | None = None
) -> int:
    """Send each epoch's sentences as datagrams to ``host:port``; the number of lines sent."""
    lines = log_lines(path)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        if host in ("255.255.255.255", "<broadcast>"):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        return send_lines(lines, lambda data: sock.sendto(data, (host, port)), speed, stop)


def send_lines(lines: list[str], send: object, speed: float | None, stop: threading.Event | None = None) -> int:
    stop = stop or threading.Event()
    pacer = Pacer(speed, stop)
    sent = 0
    for line in lines:
        if stop.is_set():
            break
        pacer.wait_before(line)
        send((line + "\r\n").encode("ascii", errors="replace"))  # type: ignore[operator]
        sent += 1
    return sent
