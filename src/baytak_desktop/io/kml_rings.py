"""KML placemarks drawn as a bare ``<LinearRing>``: an outline, not the boundary of a ``<Polygon>``.

GDAL reads such a placemark as a LINEARRING and hands it over with an empty WKB, so pyogrio and shapely
see no shape at all ("Unexpected EOF parsing WKB") and the row would be refused as unreadable, although
its coordinates are in the file. Google Earth draws it as a closed line, so the reader gives GDAL a copy
where it is a ``<LineString>`` with the same coordinates; rings inside ``<outerBoundaryIs>`` and
``<innerBoundaryIs>`` stay rings. The text is fed piece by piece, never whole: a KML may be 2 GB.
"""

from __future__ import annotations

import re

_TAGS = re.compile(r"<(/?)((?:[\w.-]+:)?)(outerBoundaryIs|innerBoundaryIs|LinearRing)\b")


class LooseRings:
    """Renames each ring that is not a polygon's boundary to a line, in text fed in pieces; ``found`` says
    whether there was one. A tag is never cut between two pieces: what follows the last ``<`` of a piece
    waits for the next one."""

    def __init__(self) -> None:
        self.found = False
        self._boundaries = 0  # how many boundary elements the text is inside
        self._carry = ""

    def feed(self, text: str, *, final: bool = False) -> str:
        text = self._carry + text
        cut = len(text) if final or "<" not in text else text.rindex("<")
        self._carry = text[cut:]
        return _TAGS.sub(self._tag, text[:cut])

    def _tag(self, match: re.Match[str]) -> str:
        closing, prefix, name = match.groups()
        if name != "LinearRing":
            self._boundaries = max(0, self._boundaries + (-1 if closing else 1))
            return match.group(0)
        if self._boundaries:
            return match.group(0)
        self.found = True
        return f"<{closing}{prefix}LineString"
