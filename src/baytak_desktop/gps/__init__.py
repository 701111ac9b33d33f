"""Live GPS: position sources on their own threads, averaging, accuracy notes, track recording. No Qt.

    spec = parse_source("tcp://192.168.1.20:11123")          # or gpsd, serial:///dev/ttyUSB0, udp://:10110, a log
    source = spec.open(on_fix=queue.put, on_status=print)     # callbacks run on the source's thread
    source.start(); ...; source.stop()

Modules: ``fix`` (the Fix value), ``nmea`` (pynmea2 sentences -> one Fix per epoch), ``source`` (the
thread, states, reconnect backoff), ``streams`` (TCP/UDP/serial/file transports), ``nmea_sources``,
``gpsd`` (gpsd through gpsdclient), ``serial_speed`` (baud detection), ``spec`` (the source line),
``averaging`` (N fixes -> a position and its spread), ``notes`` (the accuracy line kept in a feature's
notes), ``gpx`` (crash-safe GPX writing), ``track`` (recording), ``features`` (positions and tracks as
new features), ``live`` (the last fix, its age, lost or not, heading: what the map shows), ``replay``
(sending a log as a receiver would), ``commands`` (``baytak gps``).
"""

from baytak_desktop.gps.averaging import AveragedPosition, FixAverager, average_fixes
from baytak_desktop.gps.fix import AccuracyBasis, Fix, FixQuality
from baytak_desktop.gps.source import Backoff, PositionSource, SourceState, SourceStatus
from baytak_desktop.gps.spec import SourceKind, SourceSpec, parse_source
from baytak_desktop.gps.track import RecorderState, TrackRecorder

__all__ = [
    "AccuracyBasis",
    "AveragedPosition",
    "Backoff",
    "Fix",
    "FixAverager",
    "FixQuality",
    "PositionSource",
    "RecorderState",
    "SourceKind",
    "SourceSpec",
    "SourceState",
    "SourceStatus",
    "TrackRecorder",
    "average_fixes",
    "parse_source",
]
