"""One position from a receiver, as an immutable value that any thread may hold.

A source thread builds a :class:`Fix` from one epoch of NMEA sentences (or one gpsd report) and hands
it to a callback; the map, the averager and the track recorder all read the same value, so nothing a
receiver sends later can change a position already shown or stored.

The horizontal error is one number a person can read ("±7 m") with its basis kept beside it, because
receivers say how good a position is in different ways and an auditor must know which one was used:

- ``GST``: the receiver's own 1-sigma error of latitude and longitude (NMEA GST); the error is their
  root sum of squares (DRMS, about 63-68 % of positions fall within it).
- ``GPSD``: gpsd's estimate ``eph``, used when no GST came with the epoch (gpsd's certainty unknown).
- ``HDOP``: HDOP times an assumed user range error of :data:`UERE_M` metres: a rough estimate for
  receivers that say nothing better.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum

# The user-equivalent range error (1 sigma, metres) assumed when only HDOP is known: a typical value for
# an autonomous consumer receiver. Positions whose error rests on it say so (AccuracyBasis.HDOP).
UERE_M = 5.0


class FixQuality(IntEnum):
    """The NMEA GGA fix quality indicator (gpsd's ``status`` maps onto it)."""

    INVALID = 0
    GPS = 1
    DGPS = 2
    PPS = 3
    RTK_FIXED = 4
    RTK_FLOAT = 5
    ESTIMATED = 6
    MANUAL = 7
    SIMULATION = 8

    @property
    def code(self) -> str:
        """The stored, language-neutral name: gps, dgps, rtk_fixed, ..."""
        return self.name.lower()

    @classmethod
    def of(cls, value: int | None) -> FixQuality:
        try:
            return cls(int(value)) if value is not None else cls.GPS
        except ValueError:
            return cls.GPS


class AccuracyBasis(StrEnum):
    """What a fix's horizontal error rests on (see the module docstring)."""

    GST = "gst"
    GPSD = "gpsd"
    HDOP = "hdop"


@dataclass(frozen=True, slots=True)
class Fix:
    """A position with everything the receiver said about it; None where it said nothing.

    ``time`` is UTC (timezone-aware), from the receiver, not from this computer's clock.
    ``altitude_m`` is above mean sea level. ``speed_mps`` is over ground; ``course_deg`` true, from north.
    ``dimension`` is 2 or 3 (a 2D fix has no usable altitude).
    """

    lat: float
    lon: float
    time: datetime | None = None
    altitude_m: float | None = None
    quality: FixQuality = FixQuality.GPS
    dimension: int | None = None
    satellites_used: int | None = None
    hdop: float | None = None
    pdop: float | None = None
    vdop: float | None = None
    lat_error_m: float | None = None
    lon_error_m: float | None = None
    horizontal_error_m: float | None = None
    accuracy_basis: AccuracyBasis | None = None
    speed_mps: float | None = None
    course_deg: float | None = None

    @property
    def has_position(self) -> bool:
        return math.isfinite(self.lat) and math.isfinite(self.lon) and -90 <= self.lat <= 90 and -180 <= self.lon <= 180


def horizontal_error(
    lat_error_m: float | None, lon_error_m: float | None, hdop: float | None
) -> tuple[float | None, AccuracyBasis | None]:
    """The DRMS of the receiver's 1-sigma errors when it gave them, else HDOP x UERE, else nothing."""
    if lat_error_m is not None and lon_error_m is not None:
        return math.hypot(lat_error_m, lon_error_m), AccuracyBasis.GST
    if hdop is not None and hdop > 0:
        return hdop * UERE_M, AccuracyBasis.HDOP
    return None, None


KNOT_MPS = 1852 / 3600
