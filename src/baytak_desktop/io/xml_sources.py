"""KML, GPX and GeoJSON files whose text is not UTF-8: told apart, and handed to GDAL as UTF-8.

GDAL's XML parser reads UTF-8, UTF-16 and Latin-1 only. A KML saved by an old Russian program declares
``encoding="windows-1251"`` (GDAL then fails), or declares nothing and is CP1251 anyway (GDAL then stops
at the first Cyrillic letter); a KMZ holds such a KML; a GeoJSON from an old converter is CP1251 although
the format says UTF-8 (pyogrio then stops on the first Cyrillic byte). We decode the file ourselves, with
the encoding chosen, declared or told from its text (:mod:`encodings`), and give GDAL a UTF-8 copy (with
the XML declaration to match).
"""

from __future__ import annotations

import codecs
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO

from baytak_desktop.errors import Problem
from baytak_desktop.io import encodings
from baytak_desktop.io.encodings import TextEncoding
from baytak_desktop.io.kml_rings import LooseRings
from baytak_desktop.io.kml_tracks import LooseTracks

_DECLARATION = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_TRACK_TAG = re.compile(r"<(?:[\w.-]+:)?(?:Multi)?Track\b")
_DECLARATION_TEXT = re.compile(r"""^\ufeff?(\s*<\?xml[^>]*?encoding\s*=\s*["'])([^"']+)(["'])""", re.IGNORECASE)


def xml_encoding(data: bytes, file: str, chosen: str | None, *, utf8: bool | None = None) -> TextEncoding:
    """The encoding of an XML file (``data`` its beginning): chosen, declared (when it reads), UTF-8, or
    told from the text. ``utf8`` says whether the whole file is valid UTF-8 (else ``data`` decides)."""
    declared = _DECLARATION.match(data)
    name = declared.group(1).decode("ascii", errors="ignore") if declared else None
    if chosen is None and name is None and (utf8 if utf8 is not None else _decodes(data)):
        return TextEncoding("utf-8", "ascii" if data.isascii() else "declared")
    return encodings.decide(data, file, chosen=chosen, declared=name)


def json_encoding(data: bytes, file: str, chosen: str | None, *, utf8: bool | None = None) -> TextEncoding | None:
    """None for UTF-8 (what GeoJSON must be: nothing to report); else the encoding chosen or told."""
    if chosen is None and (utf8 if utf8 is not None else _decodes(data)):
        return None
    return encodings.decide(data, file, chosen=chosen)


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@contextmanager
def utf8_copy(path: Path, chosen: str | None) -> Iterator[tuple[Path, TextEncoding | None, list[Problem]]]:
    """``path`` itself when GDAL can read it, else a UTF-8 copy in a private folder; its encoding; and
    notes on what the copy could not keep (a GPS track's time stamps, :mod:`kml_tracks`).
    A KMZ is looked into: its main KML is what may need the copy. Files are read in chunks: a 2 GB
    GeoJSON is checked and, when it must be, converted without being held in memory."""
    suffix = path.suffix.lower()
    opener = _opener(path)
    with opener() as stream:
        head = stream.read(SAMPLE_BYTES)
    utf16 = chosen is None and head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    utf8 = _valid_utf8(opener) if chosen is None and not utf16 else None
    if utf16:  # Notepad's "Unicode" (and Excel's "Unicode text"): UTF-16 that its BOM declares
        encoding: TextEncoding | None = TextEncoding("utf-16", "declared")
    elif suffix in (".geojson", ".json"):
        encoding = json_encoding(head, path.name, chosen, utf8=utf8)
    else:
        encoding = xml_encoding(head, path.name, chosen, utf8=utf8) if head else None
    kml = suffix in (".kml", ".kmz")
    rewrites: list[LooseRings | LooseTracks] = [LooseRings()] if kml and _has_loose_rings(opener) else []
    tracks = LooseTracks() if kml and not libkml_present() and _has_tracks(opener) else None
    rewrites += [tracks] if tracks is not None else []
    if encoding is None or (
        not rewrites
        and (encoding.codec in ("utf-8", "ascii") or (encoding.codec == "latin-1" and encoding.how != "chosen"))
    ):
        yield path, encoding, []
        return
    with tempfile.TemporaryDirectory(prefix="baytak-text-") as folder:
        # named as the file: GDAL names a KML's layer without a folder name after it (the "folder" column)
        copy = Path(folder) / (f"{path.stem}.kml" if suffix == ".kmz" else path.name)
        _transcode(opener, copy, encoding, path.name, rewrites)
        yield copy, encoding, _track_notes(tracks, path.name)


SAMPLE_BYTES = 4 * 1024 * 1024  # what the encoding is told from
CHUNK_BYTES = 1024 * 1024


def _opener(path: Path) -> Callable[[], AbstractContextManager[IO[bytes]]]:
    """A way to open the text: the file, or a KMZ's main KML (doc.kml, else its first .kml)."""
    if path.suffix.lower() != ".kmz":
        return lambda: path.open("rb")
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".kml")]
    main = next((n for n in names if n.lower() == "doc.kml"), names[0] if names else None)

    @contextmanager
    def member() -> Iterator[IO[bytes]]:
        with zipfile.ZipFile(path) as archive:
            if main is None:
                yield io.BytesIO()
            else:
                with archive.open(main) as stream:
                    yield stream

    return member


def _valid_utf8(opener: Callable[[], AbstractContextManager[IO[bytes]]]) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with opener() as stream:
        try:
            while chunk := stream.read(CHUNK_BYTES):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _has_loose_rings(opener: Callable[[], AbstractContextManager[IO[bytes]]]) -> bool:
    """Whether a KML has a placemark drawn as a bare ring (:mod:`kml_rings`); its tags are ASCII in every
    encoding it may be in, so the bytes are read as Latin-1."""
    rings = LooseRings()
    with opener() as stream:
        while not rings.found and (chunk := stream.read(CHUNK_BYTES)):
            rings.feed(chunk.decode("latin-1"))
    rings.feed("", final=True)
    return rings.found


def _has_tracks(opener: Callable[[], AbstractContextManager[IO[bytes]]]) -> bool:
    """Whether a KML has a GPS track (:mod:`kml_tracks`); its tags are ASCII, as for the rings."""
    with opener() as stream:
        carry = ""
        while chunk := stream.read(CHUNK_BYTES):
            text = carry + chunk.decode("latin-1")
            if _TRACK_TAG.search(text):
                return True
            carry = text[-32:]
    return False


def libkml_present() -> bool:
    """Whether GDAL has its LIBKML driver, which reads tracks itself (with their time stamps)."""
    import pyogrio

    return "LIBKML" in pyogrio.list_drivers()


def _track_notes(tracks: LooseTracks | None, file: str) -> list[Problem]:
    if tracks is None or not tracks.timed:
        return []
    return [
        Problem.of(
            "{file}: the time stamps of {count} GPS track(s) were not kept: this GDAL reads KML without its"
            " LIBKML driver, which alone has columns for them (the tracks are imported as lines)",
            severity="warning",
            file=file,
            count=tracks.timed,
        )
    ]


def _transcode(
    opener: Callable[[], AbstractContextManager[IO[bytes]]],
    copy: Path,
    encoding: TextEncoding,
    file: str,
    rewrites: list[LooseRings | LooseTracks],
) -> None:
    """Write the text as UTF-8, chunk by chunk, with an XML declaration saying so (and each bare ring
    and, without LIBKML, each GPS track of a KML as a line: ``rewrites``, applied in turn)."""
    decoder = codecs.getincrementaldecoder(encoding.codec)()
    read = 0
    with opener() as stream, copy.open("w", encoding="utf-8") as out:
        first = True
        try:
            while chunk := stream.read(CHUNK_BYTES):
                text = decoder.decode(chunk)
                if first:
                    text = _DECLARATION_TEXT.sub(lambda m: m.group(1) + "UTF-8" + m.group(3), text, count=1)
                    text, first = text.lstrip("\ufeff"), False
                out.write(_rewritten(rewrites, text))
                read += len(chunk)
            out.write(_rewritten(rewrites, decoder.decode(b"", final=True), final=True))
        except UnicodeDecodeError as err:
            raise encodings.EncodingMismatch(file=file, encoding=encoding.label, position=read + err.start) from err


def _rewritten(rewrites: list[LooseRings | LooseTracks], text: str, *, final: bool = False) -> str:
    for rewrite in rewrites:
        text = rewrite.feed(text, final=final)
    return text


GML_SIDECARS = (".xsd", ".gfs")


@contextmanager
def gml_copy(path: Path) -> Iterator[Path]:
    """A GML file as GDAL may read it without writing into the user's folder: GDAL writes a .gfs (its
    guess at the schema) beside a GML that has none, and no open option stops that for every call that
    lists the layers; so it reads a copy in a private folder, with the .xsd or .gfs the file came with."""
    with tempfile.TemporaryDirectory(prefix="baytak-gml-") as folder:
        copy = Path(folder) / f"source{path.suffix}"
        shutil.copyfile(path, copy)
        for suffix in GML_SIDECARS:
            beside = path.with_suffix(suffix)
            if beside.exists():
                shutil.copyfile(beside, copy.with_suffix(suffix))
        yield copy
