"""The NMEA sources: a serial device, a TCP server, a UDP port, a log file.

They differ only in the transport (``streams``); reading is shared: each line is parsed by pynmea2,
grouped into epochs (``nmea.EpochAssembler``), and one Fix (or "no fix") delivered per epoch. A
connection that brings no valid sentence for ``silence_s`` seconds is taken as lost, which covers a
Bluetooth receiver that went out of range without closing the port, and a serial port opened at the
wrong speed.
"""

from __future__ import annotations

import time
from abc import abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from baytak_desktop.gps.fix import Fix
from baytak_desktop.gps.nmea import EpochAssembler, parse_sentence
from baytak_desktop.gps.pacing import Pacer
from baytak_desktop.gps.serial_speed import LISTEN_S, detect_baud
from baytak_desktop.gps.source import ConnectionLost, PositionSource
from baytak_desktop.gps.streams import FileLines, LineStream, SerialLines, TcpLines, UdpLines


class NmeaSource(PositionSource):
    """Reads NMEA from whatever ``_stream()`` opens (abstract: each transport's source says which)."""

    live = True  # a live receiver's epochs without a date take today's (a replayed log's do not)

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(name, *args, **kwargs)
        self._current: LineStream | None = None

    @abstractmethod
    def _stream(self) -> LineStream:
        """A new, unopened line stream of this source's transport."""

    def _connect(self) -> LineStream:
        self._current = self._stream()
        return self._current

    def _interrupt(self) -> None:
        if self._current is not None:
            self._current.interrupt()

    def _read(self, connection: LineStream) -> Iterator[Fix | None]:
        assembler = EpochAssembler() if self.live else EpochAssembler(now=None)
        heard = time.monotonic()
        for line in connection.lines():
            if self.stopping:
                return
            sentence = parse_sentence(line) if line else None
            if sentence is None:
                if time.monotonic() - heard > self.silence_s:
                    raise ConnectionLost("no NMEA sentence for {seconds:.0f} s", seconds=self.silence_s)
                continue
            heard = time.monotonic()
            self._before(line)
            yield from assembler.feed(sentence)
        yield from assembler.flush()

    def _before(self, line: str) -> None:
        """Hook before a sentence is used (the log replay waits here)."""


class TcpSource(NmeaSource):
    def __init__(self, host: str, port: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(f"tcp://{host}:{port}", *args, **kwargs)
        self.host, self.port = host, port

    def _stream(self) -> LineStream:
        return TcpLines(self.host, self.port)


class UdpSource(NmeaSource):
    def __init__(self, host: str, port: int, *args: Any, **kwargs: Any) -> None:
        super().__init__(f"udp://{host}:{port}", *args, **kwargs)
        self.host, self.port = host, port

    def _stream(self) -> LineStream:
        return UdpLines(self.host, self.port)


class SerialSource(NmeaSource):
    """A serial port at a given speed, or (``baud=None``) at the speed found by listening at each."""

    def __init__(self, port: str, baud: int | None, *args: Any, listen_s: float = LISTEN_S, **kwargs: Any) -> None:
        super().__init__(f"serial:{port}", *args, **kwargs)
        self.port, self.baud, self.listen_s = port, baud, listen_s
        self.detected_baud: int | None = None

    def _stream(self) -> LineStream:
        baud = self.baud
        if baud is None:
            baud = detect_baud(self.port, prefer=self.detected_baud, listen_s=self.listen_s, stop=self._stop)
            if baud is None:
                raise ConnectionLost("no NMEA from {port} at any usual speed", port=self.port)
            self.detected_baud = baud
        return SerialLines(self.port, baud)


class FileSource(NmeaSource):
    """A log file replayed at ``speed`` times the recorded pace, or as fast as possible (``speed=None``);
    ``loop`` starts again at the end instead of finishing."""

    live = False

    def __init__(self, path: Path, *args: Any, speed: float | None = 1.0, loop: bool = False, **kwargs: Any) -> None:
        super().__init__(f"file:{path}", *args, **kwargs)
        self.path, self.speed, self.loop = Path(path), speed, loop
        self.finite = not loop
        self._pacer = Pacer(speed, self._stop)

    def _stream(self) -> LineStream:
        self._pacer = Pacer(self.speed, self._stop)
        return FileLines(self.path)

    def _before(self, line: str) -> None:
        self._pacer.wait_before(line)

    def _read(self, connection: LineStream) -> Iterator[Fix | None]:
        while True:
            yield from super()._read(connection)
            if not self.loop or self.stopping:
                return
            assert isinstance(connection, FileLines)
            connection.rewind()
            self._pacer = Pacer(self.speed, self._stop)
