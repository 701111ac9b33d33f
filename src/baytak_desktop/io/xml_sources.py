"""KML, GPX and GeoJSON files whose text is not UTF-8: told apart, and handed to GDAL as UTF-8.

GDAL's XML parser reads UTF-8, UTF-16 and Latin-1 only. A KML saved by an old Russian program declares
``encoding="windows-1251"`` (GDAL then fails), or declares nothing and is CP1251 anyway (GDAL then stops
at the first Cyrillic letter); a KMZ holds such a KML; a GeoJSON from an old converter is CP1251 although
the format says UTF-8 (pyogrio then stops on the first Cyrillic byte). We decode the file ourselves, with
the encoding chosen, declared or told from its text (:mod:`encodings`), and give GDAL a UTF-8 copy (with
the XML declaration to match).
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from baytak_desktop.io import encodings
from baytak_desktop.io.encodings import TextEncoding

_DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_DECLARATION_TEXT = re.compile(r"""^\ufeff?(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']+)(["'])""", re.IGNORECASE)


def xml_encoding(data: bytes, file: str, chosen: str | None) -> TextEncoding:
    """The encoding of an XML file's bytes: chosen, declared (when it reads), UTF-8, or told from the text."""
    declared = _DECLARATION.match(data)
    name = declared.group(1).decode("ascii", errors="ignore") if declared else None
    if chosen is None and name is None:
        try:
            data.decode("utf-8")
            return TextEncoding("utf-8", "ascii" if data.isascii() else "declared")
        except UnicodeDecodeError:
            pass
    return encodings.decide(data, file, chosen=chosen, declared=name)


def json_encoding(data: bytes, file: str, chosen: str | None) -> TextEncoding | None:
    """None for UTF-8 (what GeoJSON must be: nothing to report); else the encoding chosen or told."""
    if chosen is None:
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            pass
    return encodings.decide(data, file, chosen=chosen)


@contextmanager
def utf8_copy(path: Path, chosen: str | None) -> Iterator[tuple[Path, TextEncoding | None]]:
    """``path`` itself when GDAL can read it, else a UTF-8 copy in a private folder; and its encoding.
    A KMZ is looked into: its main KML is what may need the copy."""
    suffix = path.suffix.lower()
    data = _kmz_document(path) if suffix == ".kmz" else path.read_bytes()
    if suffix in (".geojson", ".json"):
        encoding = json_encoding(data, path.name, chosen)
    else:
        encoding = xml_encoding(data, path.name, chosen) if data else None
    if (
        encoding is None
        or encoding.codec in ("utf-8", "ascii")
        or (encoding.codec == "latin-1" and encoding.how != "chosen")
    ):
        yield path, encoding
        return
    text = _DECLARATION_TEXT.sub(lambda m: m.group(1) + "UTF-8" + m.group(3), data.decode(encoding.codec), count=1)
    with tempfile.TemporaryDirectory(prefix="baytak-text-") as folder:
        copy = Path(folder) / ("source.kml" if suffix == ".kmz" else f"source{suffix}")
        copy.write_text(text.lstrip("\ufeff"), encoding="utf-8")
        yield copy, encoding


def _kmz_document(path: Path) -> bytes:
    """The KMZ's main KML (doc.kml, else its first .kml), or nothing."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
        main = next((n for n in names if n.lower() == "doc.kml"), names[0] if names else None)
        return archive.read(main) if main else b""
