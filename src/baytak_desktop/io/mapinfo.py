"""MapInfo tables (.tab with its .dat/.map/.id, or .mif with its .mid), as akimats and committees send.

Their text is in the code page the header's ``Charset`` names: ``WindowsCyrillic`` on Russian Windows,
often ``Neutral`` (no code page at all: the bytes are CP1251, CP866 or KZ-1048 as the computer had it).
GDAL converts a named charset to UTF-8 itself and hands Neutral bytes over as they are, which pyogrio
then fails to decode. So GDAL is given a copy of the header that says Neutral (the data files linked
beside it), the bytes come as they are, and the encoding is told like a .dbf's (:mod:`encodings`): the
user's choice, the charset the header names when the text reads well in it, else the text itself.
"""

from __future__ import annotations

import re
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
import pyogrio

from baytak_desktop.errors import SourceError
from baytak_desktop.io import encodings
from baytak_desktop.io.encodings import TextEncoding
from baytak_desktop.io.gdal_paths import link

HEADER_BYTES = 64 * 1024  # a .mif's header (up to "Data") is far shorter; a .tab is only a header
SAMPLE_ROWS = 5000
# MapInfo's charset names (MapInfo Professional's reference) and the code page each means.
CHARSETS = {
    "windowscyrillic": "cp1251", "codepage1251": "cp1251", "windowslatin1": "cp1252", "codepage1252": "cp1252",
    "codepage866": "cp866", "ibm866": "cp866", "iso8859_5": "iso8859_5", "utf-8": "utf-8", "utf8": "utf-8",
    "windowslatin2": "cp1250", "codepage437": "cp437", "iso8859_1": "latin-1",
}  # fmt: skip
_CHARSET = re.compile(rb'^\s*!?charset\s+"?([\w-]+)"?', re.IGNORECASE | re.MULTILINE)
DATA_PARTS = {".tab": (".dat", ".map", ".id", ".ind"), ".mif": (".mid",)}
NEEDED = {".tab": (".dat",), ".mif": (".mid",)}


def declared_charset(path: Path) -> str | None:
    """The charset the header names, as written (``WindowsCyrillic``); None when it names none."""
    with path.open("rb") as opened:
        return _charset_in(opened.read(HEADER_BYTES), path.suffix)


def _charset_in(head: bytes, suffix: str) -> str | None:
    head = head.split(b"\nData", 1)[0] if suffix.lower() == ".mif" else head
    found = _CHARSET.search(head)
    return found.group(1).decode("ascii") if found else None


def require_parts(path: Path) -> None:
    """Refuse a .tab without its .dat, or a .mif without its .mid, naming the file to add."""
    siblings = {p.suffix.lower() for p in path.parent.iterdir() if p.stem.casefold() == path.stem.casefold()}
    _require(path.name, path.suffix.lower(), siblings)


def _require(file: str, suffix: str, siblings: set[str]) -> None:
    for part in NEEDED[suffix]:
        if part not in siblings:
            raise SourceError(
                "The MapInfo table {file} has no {part} file (its attributes): copy it beside the {suffix}",
                file=file, part=part, suffix=suffix,
            )  # fmt: skip


@contextmanager
def neutral_copy(path: Path) -> Iterator[Path]:
    """``path`` with a header that says ``Charset "Neutral"``, so GDAL hands the text over undecoded;
    the data parts are linked beside it, nothing is copied but the header (the whole .mif for a .mif)."""
    charset = declared_charset(path)
    if charset is None or charset.casefold() == "neutral":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="baytak-mapinfo-") as folder:
        suffix = path.suffix.lower()
        for sibling in path.resolve().parent.iterdir():
            if sibling.stem.casefold() == path.stem.casefold() and sibling.suffix.lower() in DATA_PARTS[suffix]:
                link(sibling, Path(folder) / f"source{sibling.suffix.lower()}")
        data = path.read_bytes()
        found = _CHARSET.search(data[:HEADER_BYTES])
        assert found is not None  # declared_charset found it
        copy = Path(folder) / f"source{suffix}"
        copy.write_bytes(data[: found.start(1)] + b"Neutral" + data[found.end(1) :])
        yield copy


def text_encoding(dataset: str, path: Path, chosen: str | None, raw_encoding: str) -> TextEncoding:
    """The encoding of the table's text, told from its values (read as bytes) and its charset."""
    return _told(dataset, path.name, chosen, declared_charset(path), raw_encoding, "latin-1")


def _told(
    dataset: str, file: str, chosen: str | None, charset: str | None, read_as: str | None, bytes_codec: str
) -> TextEncoding:
    """The encoding of the text GDAL hands over read as ``read_as`` (None: as GDAL decoded it), whose
    bytes come back by encoding it with ``bytes_codec``."""
    frame = pyogrio.read_dataframe(dataset, encoding=read_as, read_geometry=False, max_features=SAMPLE_ROWS)
    values = [str(c) for c in frame.columns]
    for column in frame.columns:
        series = frame[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            values += [v for v in series if isinstance(v, str) and v]
    sample = "\n".join(values).encode(bytes_codec, errors="replace")
    declared = CHARSETS.get(charset.casefold()) if charset else None
    return encodings.decide(sample, file, chosen=chosen, declared=declared)


@dataclass(frozen=True)
class Zipped:
    """A MapInfo table inside a zip, as GDAL reads it there (/vsizip/, nothing extracted): its text
    encoding, and the code page GDAL decoded the text from (None: GDAL handed the bytes over)."""

    dataset: str
    encoding: TextEncoding
    decoded_from: str | None


def zipped(archive: Path, member: str, members: list[str], chosen: str | None, raw_encoding: str) -> Zipped:
    """Open the table ``member`` of ``archive`` where it lies. Its header cannot be swapped there for one
    that says Neutral, so a table whose header names a charset is decoded by GDAL from it; its bytes come
    back by encoding the text in that code page again, and are told like any table's (the person's
    choice, the charset when the text reads well in it, else the text itself)."""
    suffix = PurePosixPath(member).suffix.lower()
    label = f"{PurePosixPath(member).name} (in {archive.name})"
    stem = member[: -len(suffix)].casefold()
    beside = {PurePosixPath(m).suffix.lower() for m in members if m[: -len(PurePosixPath(m).suffix)].casefold() == stem}
    _require(label, suffix, beside)
    with zipfile.ZipFile(archive) as opened, opened.open(member) as header:
        charset = _charset_in(header.read(HEADER_BYTES), suffix)
    codec = CHARSETS.get(charset.casefold()) if charset else None
    dataset = f"/vsizip/{archive.resolve()}/{member}"
    if codec is None:  # Neutral, or a name GDAL does not know either: the bytes come as they are
        return Zipped(dataset, _told(dataset, label, chosen, charset, raw_encoding, "latin-1"), None)
    return Zipped(dataset, _told(dataset, label, chosen, charset, None, codec), codec)
