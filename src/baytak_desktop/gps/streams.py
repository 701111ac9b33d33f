"""Lines of text from a TCP socket, a UDP port, a serial device or a file: the transports NMEA comes by.

Each is a context manager whose ``lines()`` yields one line at a time, or ``""`` every ``POLL_S``
while nothing comes, so the reader can look at its stop flag and at how long the device has been
silent. An end of stream (the server closed the connection) raises :class:`ConnectionLost`; any
other failure raises what the system raised (OSError, serial.SerialException), which the source
turns into a "disconnected, reconnecting" state.
"""

from __future__ import annotations

import contextlib
import socket
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from baytak_desktop.gps.source import POLL_S, ConnectionLost

READ_SIZE = 4096
LONGEST_LINE = 4096  # NMEA sentences are at most 82 characters; anything longer is noise


class LineStream(ABC):
    """A transport's lines, opened and closed as a context manager; subclasses provide ``lines()``
    (abstract, so a transport that forgets it is refused when it is made, not on its first read)."""

    def __enter__(self) -> LineStream:
        self.open()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Connect or open the device (a transport with nothing to open keeps this)."""
        return None

    def close(self) -> None:
        """Release the connection or device."""
        return None

    def interrupt(self) -> None:
        """Wake a blocked read from another thread (the source is stopping)."""
        return None

    @abstractmethod
    def lines(self) -> Iterator[str]:
        """Each line as it comes, or "" every ``POLL_S`` while nothing comes."""


class ReceivedLines(LineStream):
    """Splits received bytes into lines; subclasses provide ``_receive`` (b"" for "nothing yet")."""

    def __init__(self) -> None:
        self._buffer = b""

    @abstractmethod
    def _receive(self) -> bytes:
        """The next bytes that came, or b"" when nothing came within ``POLL_S``."""

    def lines(self) -> Iterator[str]:
        while True:
            chunk = self._receive()
            if not chunk:
                yield ""
                continue
            self._buffer += chunk
            *complete, self._buffer = self._buffer.split(b"\n")
            if len(self._buffer) > LONGEST_LINE:
                self._buffer = b""
            for raw in complete:
                yield raw.decode("ascii", errors="replace").strip()


class TcpLines(ReceivedLines):
    """NMEA from a TCP server (a phone app sharing its receiver, a network GNSS box)."""

    def __init__(self, host: str, port: int, connect_timeout: float = 5.0) -> None:
        super().__init__()
        self.address = (host, port)
        self.connect_timeout = connect_timeout
        self._sock: socket.socket | None = None

    def open(self) -> None:
        self._sock = socket.create_connection(self.address, timeout=self.connect_timeout)
        self._sock.settimeout(POLL_S)

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def interrupt(self) -> None:
        sock = self._sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def _receive(self) -> bytes:
        assert self._sock is not None
        try:
            chunk = self._sock.recv(READ_SIZE)
        except TimeoutError:
            return b""
        if not chunk:
            raise ConnectionLost("{host}:{port} closed the connection", host=self.address[0], port=self.address[1])
        return chunk


class UdpLines(ReceivedLines):
    """NMEA datagrams sent to a port of this computer (phone apps that broadcast on the local network)."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__()
        self.address = (host, port)
        self._sock: socket.socket | None = None

    def open(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(self.address)
        except OSError:
            sock.close()
            raise
        sock.settimeout(POLL_S)
        self._sock = sock

    @property
    def port(self) -> int:
        assert self._sock is not None
        return int(self._sock.getsockname()[1])

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None

    def _receive(self) -> bytes:
        assert self._sock is not None
        try:
            datagram, _ = self._sock.recvfrom(65535)
        except TimeoutError:
            return b""
        return datagram if datagram.endswith(b"\n") else datagram + b"\n"


class SerialLines(ReceivedLines):
    """NMEA from a serial port: a USB receiver, a Bluetooth serial port (rfcomm), a pseudo-terminal."""

    def __init__(self, port: str, baud: int) -> None:
        super().__init__()
        self.port, self.baud = port, baud
        self._serial: object | None = None

    def open(self) -> None:
        import serial  # pyserial

        self._serial = serial.serial_for_url(self.port, baudrate=self.baud, timeout=POLL_S)

    def close(self) -> None:
        device, self._serial = self._serial, None
        if device is not None:
            device.close()  # type: ignore[attr-defined]

    def _receive(self) -> bytes:
        device = self._serial
        assert device is not None
        waiting = device.in_waiting  # type: ignore[attr-defined]
        return bytes(device.read(max(1, min(waiting, READ_SIZE))))  # type: ignore[attr-defined]


class FileLines(LineStream):
    """The lines of a log file (a recorded NMEA stream), then the end."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = Path(path)
        self._file: IO[bytes] | None = None

    def open(self) -> None:
        self._file = self.path.open("rb")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def rewind(self) -> None:
        assert self._file is not None
        self._file.seek(0)

    def lines(self) -> Iterator[str]:
        assert self._file is not None
        for raw in self._file:
            yield raw.decode("ascii", errors="replace").strip()
