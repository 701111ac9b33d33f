"""NMEA 0183 sentences (parsed by pynmea2) grouped into receiver epochs, one Fix per epoch.

A receiver sends several sentences per position (GGA, RMC, GSA, GST, VTG, ...), in an order of its
own, and only some of them carry the time. The sentences of one epoch share that time, so an epoch
ends when a sentence with another time arrives. Waiting for that would show every position one epoch
late, so, as gpsd does, the assembler learns which timed sentence type closed the previous epoch (the
"cycle ender") and closes the following epochs as soon as that type arrives. Untimed sentences (GSA,
VTG) belong to the epoch open when they arrive.

The date comes from RMC or ZDA. A live receiver that sends neither (GGA only) gets the date of this
computer's clock, corrected across midnight; a log replayed (``now=None``) gets no time until a date
comes, since today's date would be wrong for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pynmea2

from baytak_desktop.gps.fix import KNOT_MPS, Fix, FixQuality, horizontal_error

TIMED = ("GGA", "RMC", "GLL", "GNS", "GST", "ZDA")


def parse_sentence(line: str) -> pynmea2.NMEASentence | None:
    """One line as pynmea2 reads it, or None for anything that is not a sentence with a valid checksum.

    A receiver's stream has noise (a cable plugged in mid-sentence, binary protocol bytes, a log's
    comment lines): such lines are skipped, never fatal.
    """
    line = line.strip()
    if not line.startswith("$"):
        return None
    try:
        return pynmea2.parse(line, check=True)
    except (pynmea2.ParseError, ValueError, AttributeError, TypeError):
        return None


@dataclass
class _Epoch:
    """What one epoch's sentences said so far (mutable, private to the assembler)."""

    time: time | None = None
    date: date | None = None
    lat: float | None = None
    lon: float | None = None
    position_from_gga: bool = False
    valid: bool | None = None
    quality: FixQuality = FixQuality.GPS
    altitude_m: float | None = None
    satellites_used: int | None = None
    hdop: float | None = None
    pdop: float | None = None
    vdop: float | None = None
    dimension: int | None = None
    lat_error_m: float | None = None
    lon_error_m: float | None = None
    speed_mps: float | None = None
    course_deg: float | None = None


class EpochAssembler:
    """Feed pynmea2 sentences in the order received; get one ``Fix`` (or ``None`` for an epoch without a
    position) per completed epoch."""

    def __init__(self, now: Callable[[], datetime] | None = lambda: datetime.now(UTC)) -> None:
        self._now = now
        self._epoch: _Epoch | None = None
        self._ender: str | None = None
        self._last_timed: str | None = None
        self._closed_time: time | None = None
        self._date: date | None = None
        self._date_seen_at: time | None = None

    def feed(self, sentence: pynmea2.NMEASentence) -> list[Fix | None]:
        kind = getattr(sentence, "sentence_type", None)
        if kind is None:
            return []  # proprietary ($PMTK, $PSTM...): nothing about the position
        stamp = _stamp(sentence) if kind in TIMED else None
        done: list[Fix | None] = []
        if stamp is not None:
            if stamp == self._closed_time:
                self._ender = None  # the learned ender closed too early: learn it again
                return []
            if self._epoch is not None and self._epoch.time is not None and stamp != self._epoch.time:
                self._ender = self._last_timed
                done.append(self._close())
        epoch = self._epoch or _Epoch()
        self._epoch = epoch
        _apply(epoch, kind, sentence, stamp)
        if stamp is not None:
            self._last_timed = kind
            if kind == self._ender:
                done.append(self._close())
        return done

    def flush(self) -> list[Fix | None]:
        """Close the open epoch (end of a file, a connection lost)."""
        return [self._close()] if self._epoch is not None and self._epoch.time is not None else []

    def _close(self) -> Fix | None:
        epoch, self._epoch = self._epoch, None
        assert epoch is not None
        self._closed_time = epoch.time
        when = self._datetime(epoch)
        if not epoch.valid or epoch.lat is None or epoch.lon is None:
            return None
        error, basis = horizontal_error(epoch.lat_error_m, epoch.lon_error_m, epoch.hdop)
        fix = Fix(
            lat=epoch.lat,
            lon=epoch.lon,
            time=when,
            altitude_m=epoch.altitude_m,
            quality=epoch.quality,
            dimension=epoch.dimension or (3 if epoch.altitude_m is not None else 2),
            satellites_used=epoch.satellites_used,
            hdop=epoch.hdop,
            pdop=epoch.pdop,
            vdop=epoch.vdop,
            lat_error_m=epoch.lat_error_m,
            lon_error_m=epoch.lon_error_m,
            horizontal_error_m=error,
            accuracy_basis=basis,
            speed_mps=epoch.speed_mps,
            course_deg=epoch.course_deg,
        )
        return fix if fix.has_position else None

    def _datetime(self, epoch: _Epoch) -> datetime | None:
        """The epoch's UTC time: its own date, else the last date seen (rolled over midnight), else today's."""
        if epoch.time is None:
            return None
        if epoch.date is not None:
            self._date, self._date_seen_at = epoch.date, epoch.time
        elif self._date is not None and self._date_seen_at is not None and epoch.time < self._date_seen_at:
            self._date += timedelta(days=1)  # the time of day wrapped past midnight since the last date
            self._date_seen_at = epoch.time
        day = self._date
        if day is None:
            if self._now is None:
                return None
            now = self._now()
            candidate = datetime.combine(now.date(), epoch.time.replace(tzinfo=None), tzinfo=UTC)
            if candidate - now > timedelta(hours=12):
                candidate -= timedelta(days=1)
            return candidate
        return datetime.combine(day, epoch.time.replace(tzinfo=None), tzinfo=UTC)


def fixes_from_lines(lines: Iterable[str], assembler: EpochAssembler | None = None) -> Iterator[Fix | None]:
    """Every epoch of an NMEA text, in order (the log replay and the tests use it)."""
    assembler = assembler or EpochAssembler(now=None)
    for line in lines:
        sentence = parse_sentence(line)
        if sentence is not None:
            yield from assembler.feed(sentence)
    yield from assembler.flush()


# -- reading one sentence into the epoch -----------------------------------------------------------------
def _stamp(sentence: pynmea2.NMEASentence) -> time | None:
    value = getattr(sentence, "timestamp", None)
    return value if isinstance(value, time) else None


def _apply(epoch: _Epoch, kind: str, s: pynmea2.NMEASentence, stamp: time | None) -> None:
    if stamp is not None and epoch.time is None:
        epoch.time = stamp
    handler = _HANDLERS.get(kind)
    if handler is not None:
        handler(epoch, s)


def _gga(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    quality = _int(s.gps_qual)
    epoch.valid = bool(quality) and bool(s.lat) and bool(s.lon)
    if epoch.valid:
        epoch.lat, epoch.lon, epoch.position_from_gga = s.latitude, s.longitude, True
        epoch.quality = FixQuality.of(quality)
    epoch.satellites_used = _int(s.num_sats)
    epoch.hdop = _positive(s.horizontal_dil) or epoch.hdop
    epoch.altitude_m = _float(s.altitude)


def _rmc(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    if isinstance(s.datestamp, date):
        epoch.date = s.datestamp
    active = s.status == "A"
    if not epoch.position_from_gga:
        epoch.valid = active and bool(s.lat) and bool(s.lon)
        if epoch.valid:
            epoch.lat, epoch.lon = s.latitude, s.longitude
    speed = _float(s.spd_over_grnd)
    if speed is not None:
        epoch.speed_mps = speed * KNOT_MPS
    epoch.course_deg = _float(s.true_course)


def _gns(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    if epoch.position_from_gga:
        return
    modes = (s.mode_indicator or "N").upper()
    epoch.valid = any(m not in "N" for m in modes) and bool(s.lat) and bool(s.lon)
    if epoch.valid:
        epoch.lat, epoch.lon = s.latitude, s.longitude
    epoch.satellites_used = _int(s.num_sats)
    epoch.hdop = _positive(s.hdop) or epoch.hdop
    epoch.altitude_m = _float(s.altitude)


def _gll(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    if epoch.position_from_gga or epoch.valid is not None:
        return
    epoch.valid = s.status == "A" and bool(s.lat) and bool(s.lon)
    if epoch.valid:
        epoch.lat, epoch.lon = s.latitude, s.longitude


def _gsa(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    fix_type = _int(s.mode_fix_type)
    epoch.dimension = fix_type if fix_type in (2, 3) else epoch.dimension
    epoch.pdop = _positive(s.pdop) or epoch.pdop
    epoch.hdop = epoch.hdop or _positive(s.hdop)
    epoch.vdop = _positive(s.vdop) or epoch.vdop


def _gst(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    lat_error, lon_error = _positive(s.std_dev_latitude), _positive(s.std_dev_longitude)
    if lat_error is not None and lon_error is not None:
        epoch.lat_error_m, epoch.lon_error_m = lat_error, lon_error


def _vtg(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    kmph = _float(s.spd_over_grnd_kmph)
    if epoch.speed_mps is None and kmph is not None:
        epoch.speed_mps = kmph / 3.6
    if epoch.course_deg is None:
        epoch.course_deg = _float(s.true_track)


def _zda(epoch: _Epoch, s: pynmea2.NMEASentence) -> None:
    with contextlib.suppress(TypeError, ValueError):
        epoch.date = date(int(s.year), int(s.month), int(s.day))


_HANDLERS: dict[str, Callable[[_Epoch, pynmea2.NMEASentence], None]] = {
    "GGA": _gga,
    "RMC": _rmc,
    "GNS": _gns,
    "GLL": _gll,
    "GSA": _gsa,
    "GST": _gst,
    "VTG": _vtg,
    "ZDA": _zda,
}


def _float(value: object) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _positive(value: object) -> float | None:
    number = _float(value)
    return number if number is not None and number > 0 else None


def _int(value: object) -> int | None:
    number = _float(value)
    return int(number) if number is not None else None
