"""Where positions come from, written as one line a person can type and a setting can keep.

    gpsd                              gpsd on this computer (localhost:2947)
    gpsd://HOST:PORT                  gpsd elsewhere
    serial:///dev/ttyUSB0             a serial receiver, speed found by listening (also COM3 on Windows)
    serial:///dev/rfcomm0?baud=9600   ... at a given speed
    tcp://192.168.1.20:11123          NMEA from a TCP server (a phone app sharing its GPS)
    udp://0.0.0.0:10110               NMEA datagrams arriving at this computer's port 10110
    file:///home/me/walk.nmea         a recorded log, replayed at the recorded pace
    file:///home/me/walk.nmea?speed=10&loop=1   ... ten times faster, over and over
    file:///home/me/walk.nmea?speed=max         ... as fast as it can be read

A bare path to an existing file is taken as ``file:`` (``walk.nmea?speed=max`` too). Parsing checks everything it can without
touching the device, so a typo is a clear one-line error before any thread starts.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote, urlsplit

from baytak_desktop.errors import GpsSourceError
from baytak_desktop.gps.gpsd import DEFAULT_PORT, GpsdSource
from baytak_desktop.gps.nmea_sources import FileSource, SerialSource, TcpSource, UdpSource
from baytak_desktop.gps.source import Backoff, FixCallback, PositionSource, StatusCallback

DEFAULT_UDP_PORT = 10110  # the port NMEA-over-IP commonly uses
BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600)


class SourceKind(StrEnum):
    GPSD = "gpsd"
    SERIAL = "serial"
    TCP = "tcp"
    UDP = "udp"
    FILE = "file"


@dataclass(frozen=True)
class SourceSpec:
    """A parsed source line. ``speed`` None means as fast as possible (file only); ``baud`` None, detect."""

    kind: SourceKind
    host: str = ""
    port: int = 0
    path: str = ""
    baud: int | None = None
    speed: float | None = 1.0
    loop: bool = False

    def __str__(self) -> str:
        if self.kind is SourceKind.GPSD:
            return (
                "gpsd" if (self.host, self.port) == ("127.0.0.1", DEFAULT_PORT) else f"gpsd://{self.host}:{self.port}"
            )
        if self.kind in (SourceKind.TCP, SourceKind.UDP):
            return f"{self.kind}://{self.host}:{self.port}"
        if self.kind is SourceKind.SERIAL:
            return f"serial://{quote(self.path)}" + (f"?baud={self.baud}" if self.baud else "")
        query = [] if self.speed == 1.0 else [f"speed={'max' if self.speed is None else _number(self.speed)}"]
        query += ["loop=1"] if self.loop else []
        return f"file://{quote(self.path)}" + (f"?{'&'.join(query)}" if query else "")

    def open(
        self, on_fix: FixCallback, on_status: StatusCallback | None = None, *, backoff: Backoff | None = None
    ) -> PositionSource:
        """The source this line names (not started)."""
        if self.kind is SourceKind.GPSD:
            return GpsdSource(self.host, self.port, on_fix, on_status, backoff=backoff)
        if self.kind is SourceKind.TCP:
            return TcpSource(self.host, self.port, on_fix, on_status, backoff=backoff)
        if self.kind is SourceKind.UDP:
            return UdpSource(self.host, self.port, on_fix, on_status, backoff=backoff)
        if self.kind is SourceKind.SERIAL:
            return SerialSource(self.path, self.baud, on_fix, on_status, backoff=backoff)
        return FileSource(Path(self.path), on_fix, on_status, speed=self.speed, loop=self.loop, backoff=backoff)


def parse_source(text: str) -> SourceSpec:
    """A SourceSpec from its line; GpsSourceError says what is wrong with a bad one."""
    text = (text or "").strip()
    if not text:
        raise GpsSourceError(
            "Choose a GPS source: gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or a log file."
        )
    if text == "gpsd":
        return SourceSpec(SourceKind.GPSD, "127.0.0.1", DEFAULT_PORT)
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in {k.value for k in SourceKind}:
        path, _, query_text = text.partition("?")
        if Path(path).is_file() or (len(scheme) <= 1 and Path(path).suffix):  # a path (C:\\ on Windows)
            return _file(path, {k: v[-1] for k, v in parse_qs(query_text).items()})
        raise GpsSourceError(
            "{text} is not a GPS source: write gpsd, serial:///dev/ttyUSB0, tcp://HOST:PORT, udp://:PORT or file:///PATH.",
            text=text,
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    kind = SourceKind(scheme)
    if kind is SourceKind.FILE:
        return _file(unquote(parts.path or parts.netloc), query)
    if kind is SourceKind.SERIAL:
        return _serial(unquote(parts.netloc + parts.path), query, text)
    host, port = _address(parts, text, kind)
    return SourceSpec(kind, host, port)


def _address(parts: object, text: str, kind: SourceKind) -> tuple[str, int]:
    try:
        host, port = parts.hostname, parts.port  # type: ignore[attr-defined]
    except ValueError:
        raise GpsSourceError("{text}: the port must be a number from 1 to 65535.", text=text) from None
    if kind is SourceKind.GPSD:
        return host or "127.0.0.1", port or DEFAULT_PORT
    if kind is SourceKind.UDP:
        return host or "0.0.0.0", port or DEFAULT_UDP_PORT
    if not host or not port:
        raise GpsSourceError("{text}: a TCP source needs a host and a port, e.g. tcp://192.168.1.20:11123.", text=text)
    return host, port


def _serial(path: str, query: dict[str, str], text: str) -> SourceSpec:
    if sys.platform == "win32":
        path = path.lstrip("/")
    if not path:
        raise GpsSourceError("{text}: name the serial port, e.g. serial:///dev/ttyUSB0 or serial://COM3.", text=text)
    baud_text = query.get("baud", "auto")
    if baud_text == "auto":
        return SourceSpec(SourceKind.SERIAL, path=path)
    if not baud_text.isdigit() or int(baud_text) not in BAUDS:
        raise GpsSourceError(
            "{text}: the speed must be auto or one of {bauds}.", text=text, bauds=", ".join(map(str, BAUDS))
        )
    return SourceSpec(SourceKind.SERIAL, path=path, baud=int(baud_text))


def _file(path: str, query: dict[str, str]) -> SourceSpec:
    if not Path(path).is_file():
        raise GpsSourceError("The NMEA log {path} was not found.", path=path)
    speed_text = query.get("speed", "1")
    if speed_text in ("max", "fast"):
        speed = None
    else:
        try:
            speed = float(speed_text)
        except ValueError:
            speed = 0.0
        if not 0 < speed <= 1000:
            raise GpsSourceError(
                "A replay speed is a number above 0 (1 = as recorded) or max, not {speed}.", speed=speed_text
            )
    return SourceSpec(SourceKind.FILE, path=path, speed=speed, loop=query.get("loop", "0") in ("1", "true", "yes"))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
