"""A GPX 1.1 track written point by point, valid after every point, so a crash loses at most the last.

The file always ends with the closing tags. Each new point is written over them, together with a new
copy of them, in one write system call: once it returns, the bytes are the kernel's, and a killed
program leaves a complete GPX that GDAL and QGIS open. The file is synced to the disk every few
seconds (``sync_every_s``), so a power cut loses at most those seconds; if it cuts a write in half,
:func:`repair_gpx` (run when the track is opened to go on) cuts back to the last whole point.

Pausing ends the track segment; going on starts a new one, as GPX means segments (the line is not
drawn across the pause). Per point: position, elevation, time, fix type, satellites, the DOPs, and in
``extensions`` the horizontal error, speed and course (GPX 1.1 has no elements for them).
"""

from __future__ import annotations

import os
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

from baytak_desktop.errors import TrackError
from baytak_desktop.gdal_failures import gdal_failure
from baytak_desktop.gps.fix import Fix, FixQuality

NAMESPACE = "urn:baytak:gpx:1"  # our extension elements (GPX 1.1 allows any foreign namespace there)
HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<gpx version="1.1" creator="baytak-desktop" xmlns="http://www.topografix.com/GPX/1/1" '
    f'xmlns:baytak="{NAMESPACE}">\n'
)
CLOSED = b"</trk>\n</gpx>\n"
OPEN_SEGMENT = b"<trkseg>\n"
END_SEGMENT = b"</trkseg>\n"
SYNC_EVERY_S = 5.0


class GpxTrackWriter:
    """One track in one GPX file. ``add`` a fix, ``pause``, ``add`` again (a new segment), ``close``.

    ``resume=True`` opens an existing file (repairing a torn end first) and appends a new segment to
    its last track; otherwise the file is created, and an existing one is refused unless ``overwrite``.
    """

    def __init__(
        self,
        path: Path,
        name: str = "",
        *,
        resume: bool = False,
        overwrite: bool = False,
        sync_every_s: float = SYNC_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.sync_every_s = sync_every_s
        self._clock = clock
        self._segment_open = False
        self.points = 0
        if resume and self.path.exists() and self.path.stat().st_size > 0:
            repair_gpx(self.path)
            self._fd = os.open(self.path, os.O_RDWR)
            self._offset = _last_track_end(self.path)
        else:
            if self.path.exists() and not overwrite:
                raise TrackError("{path} already exists: choose another file for the track.", path=str(self.path))
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
            head = (HEADER + _metadata(name) + f"<trk>\n<name>{escape(name)}</name>\n").encode()
            self._write(head, CLOSED, at=0)
        self._synced_at = self._clock()

    # -- writing --------------------------------------------------------------------------------------
    def add(self, fix: Fix) -> None:
        if not fix.has_position:
            return
        piece = (b"" if self._segment_open else OPEN_SEGMENT) + trkpt(fix).encode()
        self._segment_open = True
        self._write(piece, END_SEGMENT + CLOSED)
        self.points += 1
        if self._clock() - self._synced_at >= self.sync_every_s:
            self.sync()

    def pause(self) -> None:
        """End the current segment (nothing is written until the next point)."""
        if self._segment_open:
            self._write(END_SEGMENT, CLOSED)
            self._segment_open = False

    def sync(self) -> None:
        os.fsync(self._fd)
        self._synced_at = self._clock()

    def close(self) -> None:
        if self._fd < 0:
            return
        self.pause()
        self.sync()
        os.close(self._fd)
        self._fd = -1

    def __enter__(self) -> GpxTrackWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _write(self, piece: bytes, tail: bytes, at: int | None = None) -> None:
        """``piece`` then ``tail`` at the current end of the content, in one write; the offset moves past
        ``piece`` only, so the tail is overwritten by the next write."""
        offset = self._offset if at is None else at
        data = piece + tail
        written = os.pwrite(self._fd, data, offset)
        while written < len(data):  # a regular file is written whole; this is only in case
            written += os.pwrite(self._fd, data[written:], offset + written)
        self._offset = offset + len(piece)


def trkpt(fix: Fix) -> str:
    """One ``<trkpt>`` in GPX 1.1's element order."""
    parts = [f'<trkpt lat="{fix.lat:.8f}" lon="{fix.lon:.8f}">']
    if fix.altitude_m is not None:
        parts.append(f"<ele>{fix.altitude_m:.2f}</ele>")
    if fix.time is not None:
        parts.append(f"<time>{_iso(fix.time)}</time>")
    parts.append(f"<fix>{gpx_fix_type(fix)}</fix>")
    for tag, value in (("sat", fix.satellites_used), ("hdop", fix.hdop), ("vdop", fix.vdop), ("pdop", fix.pdop)):
        if value is not None:
            parts.append(f"<{tag}>{value}</{tag}>")
    extensions = [
        (name, value)
        for name, value in (
            ("horizontal_error_m", fix.horizontal_error_m),
            ("speed_mps", fix.speed_mps),
            ("course_deg", fix.course_deg),
        )
        if value is not None
    ]
    if extensions:
        parts.append(
            "<extensions>"
            + "".join(f"<baytak:{name}>{value:.3f}</baytak:{name}>" for name, value in extensions)
            + "</extensions>"
        )
    parts.append("</trkpt>\n")
    return "".join(parts)


def gpx_fix_type(fix: Fix) -> str:
    if fix.quality in (FixQuality.DGPS, FixQuality.RTK_FIXED, FixQuality.RTK_FLOAT):
        return "dgps"
    if fix.quality is FixQuality.PPS:
        return "pps"
    return "2d" if fix.dimension == 2 else "3d"


# -- reading back and repairing ---------------------------------------------------------------------------
def repair_gpx(path: Path) -> bool:
    """Make a torn track file whole again: cut after its last complete point and close what is open.
    Returns True when something was cut or added; TrackError when it is no GPX track at all."""
    data = Path(path).read_bytes()
    if _parses(data):
        return False
    end = data.rfind(b"</trkpt>")
    if end >= 0:
        data = data[: end + len(b"</trkpt>")] + b"\n"
    else:
        start = data.find(b"<trk>")
        if start < 0:
            raise TrackError("{path} is not a GPX track this program wrote; it cannot be repaired.", path=str(path))
        data = data[: start + len(b"<trk>")] + b"\n"
    if data.count(b"<trkseg>") > data.count(b"</trkseg>"):
        data += END_SEGMENT
    data += CLOSED
    if not _parses(data):
        raise TrackError("{path} is not a GPX track this program wrote; it cannot be repaired.", path=str(path))
    tmp = Path(path).with_name(Path(path).name + ".repair")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def read_track(path: Path) -> list[list[Fix]]:
    """The segments of the tracks of a GPX file (any GPX 1.0/1.1), each a list of fixes."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise TrackError(
            "{path} is not a whole GPX file: it is damaged or cut short (a recording that stopped, a copy that "
            "did not finish?), or it is not GPX at all ({library}: {detail})",
            path=str(path),
            library="XML",
            detail=str(exc),
        ) from None
    except OSError as exc:
        raise _unreadable(exc, Path(path)) from None
    segments = []
    for segment in root.findall(".//{*}trk/{*}trkseg"):
        points = [_fix_read(point, number, path) for number, point in enumerate(segment.findall("{*}trkpt"), 1)]
        if points:
            segments.append(points)
    return segments


def _fix_read(point: ET.Element, number: int, path: Path) -> Fix:
    try:
        return _fix_of(point)
    except ValueError as exc:  # float("12,5"), a time that is no ISO 8601 time
        raise TrackError(
            "{path}: track point {number} cannot be read: its lat and lon must be numbers in degrees and its "
            "time an ISO 8601 time ({library}: {detail})",
            path=str(path),
            number=number,
            library="Python",
            detail=str(exc),
        ) from None


def _unreadable(exc: OSError, path: Path) -> TrackError:
    """A track file the system will not give us, said in our words (missing, forbidden: gdal_failures.py
    knows the system's wording); the system's own text follows only as a detail."""
    detail = exc.strerror or str(exc)
    known = gdal_failure(detail, str(path), library="Python")
    if known is not None:
        return TrackError(known.template, **known.params)
    return TrackError(
        "{path} cannot be read: check that it is a file and that you may read it ({library}: {detail})",
        path=str(path),
        library="Python",
        detail=detail,
    )


def _fix_of(point: ET.Element) -> Fix:
    def text(tag: str) -> str | None:
        element = point.find(f"{{*}}{tag}")
        if element is None:
            element = point.find(f"{{*}}extensions/{{*}}{tag}")
        return element.text if element is not None and element.text else None

    def number(tag: str) -> float | None:
        value = text(tag)
        try:
            return float(value) if value is not None else None
        except ValueError:
            return None

    when = text("time")
    satellites = number("sat")
    return Fix(
        lat=float(point.get("lat", "nan")),
        lon=float(point.get("lon", "nan")),
        time=datetime.fromisoformat(when.replace("Z", "+00:00")) if when else None,
        altitude_m=number("ele"),
        satellites_used=int(satellites) if satellites is not None else None,
        hdop=number("hdop"),
        horizontal_error_m=number("horizontal_error_m"),
        speed_mps=number("speed_mps"),
        course_deg=number("course_deg"),
    )


def _parses(data: bytes) -> bool:
    try:
        ET.fromstring(data)
    except ET.ParseError:
        return False
    return True


def _last_track_end(path: Path) -> int:
    data = path.read_bytes()
    end = data.rfind(b"</trk>")
    if end < 0 or not re.fullmatch(rb"</trk>\s*</gpx>\s*", data[end:]):
        raise TrackError("{path} is not a GPX track this program wrote; record into a new file.", path=str(path))
    return end


def _metadata(name: str) -> str:
    now = _iso(datetime.now(UTC))
    return f"<metadata>{f'<name>{escape(name)}</name>' if name else ''}<time>{now}</time></metadata>\n"


def _iso(moment: datetime) -> str:
    moment = moment.astimezone(UTC) if moment.tzinfo else moment
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.microsecond:
        text += f".{moment.microsecond // 1000:03d}"
    return text + "Z"
