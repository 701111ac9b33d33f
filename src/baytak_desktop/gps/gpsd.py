"""gpsd, the usual GNSS daemon on Linux, read through its JSON protocol with the gpsdclient library.

gpsd owns the device (it may serve several programs at once) and reports a TPV (time, position,
velocity) per epoch, a SKY (satellites, DOPs) now and then, and a GST (the receiver's error estimate)
when the receiver sends one. A Fix takes its position from the TPV, the satellites and DOPs from the
latest SKY, and the horizontal error from the GST of the same epoch when there is one, else gpsd's own
``eph``. gpsd may report a GST after the TPV of its epoch: once that is seen, TPVs wait for their GST
(until the next TPV at most) so each fix carries its own epoch's error.

A gpsd restart closes the socket: the source reports "disconnected" and connects again. A connection
that goes quiet is asked to answer (the WATCH again, which also wakes a receiver gpsd added since):
gpsd with no receiver answers and is rightly silent after that; a gpsd that does not answer (a
half-open connection, a daemon hung mid-restart, a network to a remote gpsd gone) is taken as lost
and connected again, rather than waited on for ever.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from baytak_desktop.gps.fix import AccuracyBasis, Fix, FixQuality, horizontal_error
from baytak_desktop.gps.source import ConnectionLost, PositionSource, SourceState

log = logging.getLogger(__name__)

DEFAULT_PORT = 2947
WATCH = b'?WATCH={"enable":true,"json":true}\n'  # what gpsdclient sends on connecting
# gpsd's TPV "status" -> the NMEA fix quality it corresponds to
_STATUS = {
    2: FixQuality.DGPS,
    3: FixQuality.RTK_FIXED,
    4: FixQuality.RTK_FLOAT,
    5: FixQuality.ESTIMATED,
    6: FixQuality.ESTIMATED,
    8: FixQuality.SIMULATION,
}


@dataclass(frozen=True, slots=True)
class _Gst:
    time: datetime | None
    lat_error_m: float
    lon_error_m: float


class GpsdReports:
    """Turns gpsd's reports (dicts, in the order received) into one Fix or None per epoch."""

    def __init__(self) -> None:
        self._sky: dict[str, Any] = {}
        self._pending: dict[str, Any] | None = None
        self._gst: _Gst | None = None
        self._gst_follows = False
        self._last: tuple[Any, float, float] | None = None

    def feed(self, report: dict[str, Any]) -> list[Fix | None]:
        kind = report.get("class")
        if kind == "TPV":
            return self._tpv(report)
        if kind == "SKY":
            self._sky = report
        elif kind == "GST":
            return self._gst_report(report)
        return []

    def flush(self) -> list[Fix | None]:
        pending, self._pending = self._pending, None
        return [self._fix(pending, None)] if pending is not None else []

    def _tpv(self, tpv: dict[str, Any]) -> list[Fix | None]:
        if int(tpv.get("mode") or 0) < 2 or not _has_position(tpv):
            self._gst = None
            return [*self.flush(), None]
        key = (tpv.get("time"), float(tpv["lat"]), float(tpv["lon"]))
        if self._last is not None and (
            (key[0] is not None and key[0] == self._last[0]) or (key[0] is None and key == self._last)
        ):
            return []  # another report of an epoch already delivered
        done = self.flush()
        self._last = key
        gst, self._gst = self._gst, None  # a GST waits for the next TPV only, never longer
        if gst is not None and gst.time == key[0]:  # an untimed GST goes only with an untimed TPV
            return [*done, self._fix(tpv, gst)]
        if self._gst_follows:
            self._pending = tpv
            return done
        return [*done, self._fix(tpv, None)]

    def _gst_report(self, report: dict[str, Any]) -> list[Fix | None]:
        lat, lon = report.get("lat"), report.get("lon")
        if not _positive(lat) or not _positive(lon):
            return []
        gst = _Gst(report.get("time"), float(lat), float(lon))  # type: ignore[arg-type]
        pending = self._pending
        if pending is not None and gst.time == pending.get("time"):
            self._pending = None
            return [self._fix(pending, gst)]
        if self._last is not None and gst.time is not None and gst.time == self._last[0]:
            self._gst_follows = True  # this GST came after its TPV, which is gone: wait for it from now on
        else:
            self._gst = gst  # before its TPV (receivers that send GST first)
        return []

    def _fix(self, tpv: dict[str, Any], gst: _Gst | None) -> Fix:
        sky = self._sky
        hdop = _number(sky.get("hdop"))
        if gst is not None:
            error, basis = horizontal_error(gst.lat_error_m, gst.lon_error_m, None)
        elif _positive(tpv.get("eph")):
            error, basis = float(tpv["eph"]), AccuracyBasis.GPSD
        else:
            error, basis = horizontal_error(None, None, hdop)
        when = tpv.get("time")
        return Fix(
            lat=float(tpv["lat"]),
            lon=float(tpv["lon"]),
            time=when if isinstance(when, datetime) else None,
            altitude_m=_number(tpv.get("altMSL", tpv.get("alt"))),
            quality=_STATUS.get(int(tpv.get("status") or 1), FixQuality.GPS),
            dimension=int(tpv["mode"]),
            satellites_used=_satellites_used(sky),
            hdop=hdop,
            pdop=_number(sky.get("pdop")),
            vdop=_number(sky.get("vdop")),
            lat_error_m=gst.lat_error_m if gst else _number(tpv.get("epy")),
            lon_error_m=gst.lon_error_m if gst else _number(tpv.get("epx")),
            horizontal_error_m=error,
            accuracy_basis=basis,
            speed_mps=_number(tpv.get("speed")),
            course_deg=_number(tpv.get("track")),
        )


class GpsdSource(PositionSource):
    """Positions from gpsd on ``host:port`` (localhost:2947 by default)."""

    lazy_connect = True  # gpsdclient connects when the reading starts

    def __init__(self, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *args: Any, **kwargs: Any) -> None:
        super().__init__(f"gpsd://{host}:{port}", *args, **kwargs)
        self.host, self.port = host, port
        self._client: Any = None

    def _connect(self) -> Any:
        from gpsdclient.client import GPSDClient

        # No read timeout: gpsd with no receiver attached is rightly silent; a restart closes the
        # socket, and stop() shuts it down to wake the read.
        self._client = GPSDClient(host=self.host, port=self.port, timeout=None)
        return self._client

    def _read(self, client: Any) -> Iterator[Fix | None]:
        reports = GpsdReports()
        watchdog = _Watchdog(client, self.silence_s, self.name)
        try:
            for report in client.dict_stream(convert_datetime=True):
                watchdog.heard()
                if self.stopping:
                    return
                kind = report.get("class")
                if kind == "VERSION":
                    self._status(SourceState.CONNECTED)
                if kind not in ("TPV", "SKY", "GST"):  # devices coming and going, gpsd's answers
                    log.debug("gps source %s: %s", self.name, report)
                yield from reports.feed(report)
        finally:
            watchdog.end()
        if watchdog.gave_up:
            raise ConnectionLost("gpsd did not answer for {seconds:.0f} s", seconds=2 * self.silence_s)
        yield from reports.flush()

    def _interrupt(self) -> None:
        sock = getattr(self._client, "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Watchdog:
    """Asks a connection quiet for ``silence_s`` to answer (the WATCH again); shuts it down when it
    stays quiet ``silence_s`` more, which ends the blocked read so that the source connects again."""

    def __init__(self, client: Any, silence_s: float, name: str) -> None:
        self._client, self._silence_s, self._name = client, silence_s, name
        self._last = time.monotonic()
        self._ended = threading.Event()
        self.gave_up = False
        threading.Thread(target=self._run, name=f"gps watchdog {name}", daemon=True).start()

    def heard(self) -> None:
        self._last = time.monotonic()

    def end(self) -> None:
        self._ended.set()

    def _run(self) -> None:
        asked_at: float | None = None
        while not self._ended.wait(self._silence_s / 4):
            now = time.monotonic()
            if now - self._last < self._silence_s:
                asked_at = None
                continue
            sock = getattr(self._client, "sock", None)
            if sock is None:
                continue
            if asked_at is None or asked_at < self._last:
                asked_at = now
                with contextlib.suppress(OSError):
                    sock.sendall(WATCH)
            elif now - asked_at >= self._silence_s:
                log.info("gps source %s: gpsd did not answer; connecting again", self._name)
                self.gave_up = True
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                return


def _satellites_used(sky: dict[str, Any]) -> int | None:
    if sky.get("uSat") is not None:
        return int(sky["uSat"])
    satellites = sky.get("satellites")
    return sum(1 for s in satellites if s.get("used")) if isinstance(satellites, list) else None


def _has_position(tpv: dict[str, Any]) -> bool:
    lat, lon = _number(tpv.get("lat")), _number(tpv.get("lon"))
    return lat is not None and lon is not None


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _positive(value: Any) -> bool:
    number = _number(value)
    return number is not None and number > 0
