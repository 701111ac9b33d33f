"""GPS tracks in a KML (``<gx:Track>``, ``<gx:MultiTrack>``) for a GDAL without LIBKML.

GDAL's LIBKML driver reads a track as a line (a multi-track as a multiline) with its first and last
time stamps in the ``begin`` and ``end`` columns. Its plain KML driver, the one left when GDAL was built
without LIBKML, skips them without a word: an import of such a file kept the points and lost every
track. So the reader gives that driver a copy where each track is the ``<LineString>`` of its
``<gx:coord>`` positions, and each multi-track a ``<MultiGeometry>`` of them; the plain driver has no
columns for time stamps, so those are counted (``timed``) and the import says they were not kept. The
text is fed piece by piece, as for :mod:`kml_rings`: one track at a time is held, never the file.
"""

from __future__ import annotations

import re

_OPEN = re.compile(r"<((?:[\w.-]+:)?)(MultiTrack|Track)\b[^>/]*>")
_TRACK = re.compile(r"<(?:[\w.-]+:)?Track\b[^>/]*>(.*?)</(?:[\w.-]+:)?Track>", re.S)
_COORD = re.compile(r"<(?:[\w.-]+:)?coord>\s*([^<]*?)\s*</(?:[\w.-]+:)?coord>")
_WHEN = re.compile(r"<(?:[\w.-]+:)?when>\s*[^<\s]")


class LooseTracks:
    """Rewrites each track as a line, in text fed in pieces; ``found`` counts the tracks and multi-tracks
    rewritten, ``timed`` those that had time stamps. A track not closed by the end is left as it was."""

    def __init__(self) -> None:
        self.found = 0
        self.timed = 0
        self._carry = ""

    def feed(self, text: str, *, final: bool = False) -> str:
        text, out, pos = self._carry + text, [], 0
        while (match := _OPEN.search(text, pos)) is not None:
            close = f"</{match.group(1)}{match.group(2)}>"
            end = text.find(close, match.end())
            if end < 0:
                break
            out += [text[pos : match.start()], self._geometry(text[match.start() : end + len(close)], match.group(2))]
            pos = end + len(close)
        if match is not None and not final:  # a track not closed yet: held until it is
            out.append(text[pos : match.start()])
            self._carry = text[match.start() :]
            return "".join(out)
        rest = text[pos:]
        cut = len(rest) if final or "<" not in rest else rest.rindex("<")  # a tag may be cut between pieces
        self._carry = rest[cut:]
        return "".join([*out, rest[:cut]])

    def _geometry(self, element: str, name: str) -> str:
        self.found += 1
        self.timed += 1 if _WHEN.search(element) else 0
        tracks = _TRACK.findall(element) if name == "MultiTrack" else [element]
        lines = "".join(_line(track) for track in tracks)
        return f"<MultiGeometry>{lines}</MultiGeometry>" if name == "MultiTrack" else lines


def _line(track: str) -> str:
    """A track's ``<gx:coord>lon lat alt</gx:coord>`` positions as a LineString's ``lon,lat,alt``."""
    positions = " ".join(",".join(coord.split()) for coord in _COORD.findall(track))
    return f"<LineString><coordinates>{positions}</coordinates></LineString>"
