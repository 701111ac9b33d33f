"""How a feature placed by GPS records how good its position was: one line in its ``notes``.

    [GPS] lat=43.603214 lon=77.083519 fixes=10 spread_2drms_m=2.4 error_m=4.1 basis=gst quality=dgps satellites=9 hdop=0.9 from=2026-05-14T06:12:03Z to=2026-05-14T06:12:12Z

Why notes and not new fields: every layer has ``notes``, it syncs like any other field (no schema
migration, no protocol change, servers and other devices keep it as it is), and an auditor sees it
wherever the feature is shown: this program's form, QGIS's attribute table, an export, the dossier.
The line is plain ``key=value`` words after a ``[GPS]`` tag, language-neutral like the coded values:

- ``lat``/``lon``: the averaged position as taken (degrees, WGS 84), so a later move of the point shows;
- ``fixes``: how many fixes were averaged; ``spread_2drms_m``: twice the DRMS of their spread (metres);
- ``error_m`` and ``basis``: the receiver's own horizontal error (mean over the fixes) and what it rests
  on (gst: the receiver's 1-sigma errors; gpsd: gpsd's estimate; hdop: HDOP x 5 m, a rough estimate);
- ``quality``: the worst fix quality among them (gps, dgps, rtk_fixed, ...); ``satellites``: the fewest
  satellites used; ``hdop``: the mean HDOP; ``from``/``to``: the receiver's UTC time of the first and last.

Keys without a value are left out. Taking the position again replaces the line; the person's own
notes around it stay as they were. A polygon walked as a track has a ``[GPS track]`` line instead.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from baytak_desktop.gps.averaging import AveragedPosition

TAG = "[GPS]"
TRACK_TAG = "[GPS track]"
_LINE = re.compile(r"^\[GPS(?: track)?\][^\n]*$", re.MULTILINE)
_PAIR = re.compile(r"(\w+)=(\S+)")


def position_note(position: AveragedPosition) -> str:
    values: dict[str, object] = {
        "lat": f"{position.lat:.7f}",
        "lon": f"{position.lon:.7f}",
        "fixes": position.fixes,
        "spread_2drms_m": _metres(position.two_drms_m),
        "error_m": _metres(position.receiver_error_m),
        "basis": position.accuracy_basis.value if position.accuracy_basis else None,
        "quality": position.quality.code,
        "satellites": position.satellites_min,
        "hdop": _round(position.hdop_mean, 1),
        "from": _utc(position.first_time),
        "to": _utc(position.last_time),
    }
    return _line(TAG, values)


def track_note(
    points: int, length_m: float, error_m: float | None, first: datetime | None, last: datetime | None
) -> str:
    values: dict[str, object] = {
        "points": points,
        "length_m": _metres(length_m),
        "error_m": _metres(error_m),
        "from": _utc(first),
        "to": _utc(last),
    }
    return _line(TRACK_TAG, values)


def with_note(notes: str | None, line: str) -> str:
    """``notes`` with its GPS line replaced by ``line`` (or ``line`` added at the end)."""
    text = (notes or "").rstrip()
    if _LINE.search(text):
        return _LINE.sub(lambda _: line, text, count=1)
    return f"{text}\n{line}" if text else line


def parse_note(notes: str | None) -> dict[str, str] | None:
    """The key=value pairs of the GPS line of ``notes`` (with ``tag``), or None when there is none."""
    match = _LINE.search(notes or "")
    if match is None:
        return None
    line = match.group(0)
    pairs = dict(_PAIR.findall(line))
    pairs["tag"] = TRACK_TAG if line.startswith(TRACK_TAG) else TAG
    return pairs


def _line(tag: str, values: dict[str, object]) -> str:
    return " ".join([tag, *(f"{key}={value}" for key, value in values.items() if value is not None)])


def _metres(value: float | None) -> str | None:
    if value is None:
        return None
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _round(value: float | None, digits: int) -> str | None:
    return None if value is None else f"{value:.{digits}f}"


def _utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    value = value.astimezone(UTC) if value.tzinfo else value
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
