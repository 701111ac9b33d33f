"""KML and GPX files whose text is not UTF-8: told apart, and handed to GDAL as UTF-8.

GDAL's XML parser reads UTF-8, UTF-16 and Latin-1 only. A KML saved by an old Russian program declares
``encoding="windows-1251"`` (GDAL then fails), or declares nothing and is CP1251 anyway (GDAL then stops
at the first Cyrillic letter). We decode the file ourselves, with the encoding chosen, declared or told
from its text (:mod:`encodings`), and give GDAL a UTF-8 copy with the declaration to match.
"""

from __future__ import annotations

import re
import tempfile
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


@contextmanager
def utf8_copy(path: Path, chosen: str | None) -> Iterator[tuple[Path, TextEncoding]]:
    """``path`` itself when GDAL can read it, else a UTF-8 copy in a private folder; and its encoding."""
    data = path.read_bytes()
    encoding = xml_encoding(data, path.name, chosen)
    if encoding.codec in ("utf-8", "ascii") or (encoding.codec == "latin-1" and encoding.how != "chosen"):
        yield path, encoding
        return
    text = _DECLARATION_TEXT.sub(lambda m: m.group(1) + "UTF-8" + m.group(3), data.decode(encoding.codec), count=1)
    with tempfile.TemporaryDirectory(prefix="baytak-xml-") as folder:
        copy = Path(folder) / f"source{path.suffix.lower()}"
        copy.write_text(text.lstrip("\ufeff"), encoding="utf-8")
        yield copy, encoding
