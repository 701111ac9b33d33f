"""A place written in ONE cell, as copied from Google Maps, 2GIS, Yandex Maps or a WhatsApp message.

People paste ``43.238949, 76.889709``, ``43°14'20.2"N 76°53'23.0"E``, ``geo:43.2,76.8`` or a whole maps
link into one column. The order rules (docs/guide/files.md says them too):

- Text (two numbers, or two DMS values) is latitude first: Google Maps, 2GIS and Yandex Maps all copy
  "latitude, longitude". Hemisphere letters, when both are written, decide instead.
- ``geo:`` URIs (RFC 5870, what phones share) are latitude first.
- Google links: ``!3d<lat>!4d<lon>`` (the place), else ``@<lat>,<lon>,15z`` (the view), ``q=``/``query=``/
  ``ll=`` latitude first.
- Yandex links: ``pt=`` (the pin), else ``ll=`` (the view) or ``whatshere[point]=``: LONGITUDE first.
- 2GIS links: ``m=<lon>,<lat>/<zoom>``: longitude first.
- Any other link with coordinates, a short link (maps.app.goo.gl, go.2gis.com: no coordinates in it),
  or text that splits into a place more than one way, is refused for its row, never guessed.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

from baytak_desktop.io.coordinates import parse_coordinate
from baytak_desktop.layers.validation import REGION
from baytak_desktop.layers.values import ValueProblem

LatLon = tuple[float, float]

_SEPARATOR = re.compile(r"[\s,;]+")
_NUMBER = r"[-+]?\d+(?:\.\d+)?"
_PAIR = re.compile(rf"^\s*({_NUMBER})\s*,\s*({_NUMBER})")
_GOOGLE_PLACE = re.compile(rf"!3d({_NUMBER})!4d({_NUMBER})")
_GOOGLE_VIEW = re.compile(rf"@({_NUMBER}),({_NUMBER})")
_PARTS = re.compile(r"\d+(?:[.,]\d+)?")
_LAT_FIRST_KEYS = ("q", "query", "ll", "center", "destination")
_YANDEX_KEYS = ("pt", "whatshere[point]", "ll")


def parse_pair(text: str) -> LatLon:
    """(latitude, longitude) of one cell; ValueProblem saying why not (kept for translation)."""
    stripped = text.strip()
    lowered = stripped.casefold()
    if lowered.startswith("geo:"):
        return _numbers_pair(text, lowered[4:].split(";")[0], lat_first=True)
    if "://" in lowered or lowered.startswith(("www.", "maps.", "yandex.", "2gis.")):
        return _link(text, stripped if "://" in lowered else "https://" + stripped)
    return _text_pair(text)


def _numbers_pair(original: str, text: str, *, lat_first: bool) -> LatLon:
    match = _PAIR.match(unquote(text))
    if match is None:
        raise ValueProblem(
            '"{value}" has no coordinates that can be read: copy them as "latitude, longitude" (43.2389, 76.8897)',
            value=original,
        )
    first, second = float(match.group(1)), float(match.group(2))
    return _checked(original, (first, second) if lat_first else (second, first))


def _link(original: str, url: str) -> LatLon:
    """Coordinates in a Google, Yandex or 2GIS link, by each site's order."""
    parts = urlsplit(url)
    host = parts.netloc.casefold()
    query = parse_qs(parts.query)
    whole = unquote(url)
    if "yandex" in host or host.endswith("ya.ru"):
        for key in _YANDEX_KEYS:
            if key in query:
                return _numbers_pair(original, query[key][0], lat_first=False)
    elif "2gis" in host:
        if "m" in query:
            return _numbers_pair(original, query["m"][0], lat_first=False)
    elif "google" in host or "goo.gl" in host:
        for pattern in (_GOOGLE_PLACE, _GOOGLE_VIEW):
            if found := pattern.search(whole):
                return _checked(original, (float(found.group(1)), float(found.group(2))))
        for key in _LAT_FIRST_KEYS:
            if key in query and _PAIR.match(query[key][0]):
                return _numbers_pair(original, query[key][0], lat_first=True)
    else:
        raise ValueProblem(
            '"{value}" is a link from a site whose coordinate order baytak does not know: copy the coordinates'
            " themselves (latitude, longitude)",
            value=original,
        )
    raise ValueProblem(
        '"{value}" is a link without coordinates in it (a short link or a search): open it and copy the'
        " coordinates (latitude, longitude)",
        value=original,
    )


def _text_pair(original: str) -> LatLon:
    """Two coordinates as typed: every way to cut the text in two is tried; exactly one place may come out."""
    readings: set[LatLon] = set()
    for cut in _SEPARATOR.finditer(original.strip()):
        text = original.strip()
        first, second = text[: cut.start()], text[cut.end() :]
        reading = _two_halves(first, second)
        if reading is not None:
            readings.add(reading)
    if len(readings) > 1:
        raise ValueProblem(
            '"{value}" can be read as more than one place: separate latitude and longitude with ", " or ";"',
            value=original,
        )
    if not readings:
        raise ValueProblem(
            '"{value}" is not a pair of coordinates: write "latitude, longitude" (43.2389, 76.8897) or paste the maps'
            " link with the coordinates in it",
            value=original,
        )
    lat, lon = readings.pop()
    if not _in_region(lat, lon) and _in_region(lon, lat):
        raise ValueProblem(
            '"{value}" read as latitude, longitude is far outside Kazakhstan, but would be inside it the other'
            " way round: write the latitude first",
            value=original,
        )
    return lat, lon


def _in_region(lat: float, lon: float) -> bool:
    return REGION[1] <= lat <= REGION[3] and REGION[0] <= lon <= REGION[2]


def _two_halves(first: str, second: str) -> LatLon | None:
    """Latitude then longitude, written alike (both degrees, or both degrees and minutes...: "43 76 12" is
    no place); the other way only when hemisphere letters say so (E… N…)."""
    if len(_PARTS.findall(first)) != len(_PARTS.findall(second)):
        return None
    try:
        return parse_coordinate(first, "lat"), parse_coordinate(second, "lon")
    except ValueError:
        pass
    try:
        lon, lat = parse_coordinate(first, "lon"), parse_coordinate(second, "lat")
    except ValueError:
        return None
    lettered = any(char.isalpha() for char in first) and any(char.isalpha() for char in second)
    return (lat, lon) if lettered else None


def _checked(original: str, pair: LatLon) -> LatLon:
    lat, lon = pair
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueProblem(
            '"{value}" gives latitude {lat:g} and longitude {lon:g}, which is no place on Earth',
            value=original, lat=lat, lon=lon,
        )  # fmt: skip
    return lat, lon
