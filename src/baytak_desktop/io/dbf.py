"""The text inside a dBase (.dbf) file, read byte for byte, so its encoding can be told before GDAL decodes it.

GDAL decodes a .dbf by its .cpg or its language driver byte and, when neither names a code page,
as Latin-1. We read the header (record count, field descriptors, language driver at byte 29) and the
bytes of the character fields ourselves (dBase III/IV layout: 32-byte header, 32-byte field descriptors
ended by 0x0D, fixed-length records after a deletion flag), and hand them to :mod:`encodings`.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

SAMPLE_BYTES = 4 * 1024 * 1024  # enough text to judge; a 2 GB .dbf is not read whole for this


@dataclass(frozen=True)
class DbfText:
    """The field names and character values of a .dbf, newline-separated, and its language driver id."""

    sample: bytes
    language_driver: int


def dbf_text(data: bytes) -> DbfText:
    """What encoding detection needs from a .dbf's bytes; empty for a file too short to be a .dbf."""
    if len(data) < 32:
        return DbfText(b"", 0)
    records, header_length, record_length = struct.unpack_from("<IHH", data, 4)
    fields = _fields(data, header_length)
    names = [name for name, _, _, _ in fields]
    text_fields = [(offset, length) for _, kind, offset, length in fields if kind == b"C"]
    values: list[bytes] = list(names)
    size = len(names[0]) if names else 0
    for index in range(records):
        start = header_length + index * record_length
        record = data[start : start + record_length]
        if len(record) < record_length or record[:1] == b"*":  # truncated, or a deleted record
            continue
        for offset, length in text_fields:
            value = record[offset : offset + length].rstrip(b" \x00")
            if value:
                values.append(value)
                size += len(value)
        if size > SAMPLE_BYTES:
            break
    return DbfText(b"\n".join(values), data[29])


def _fields(data: bytes, header_length: int) -> list[tuple[bytes, bytes, int, int]]:
    """(name, type, offset in the record, length) of every field descriptor."""
    fields = []
    offset = 1  # after the deletion flag
    for start in range(32, min(header_length, len(data)) - 31, 32):
        descriptor = data[start : start + 32]
        if descriptor[:1] == b"\r":
            break
        name = descriptor[:11].split(b"\x00", 1)[0]
        kind, length = descriptor[11:12], descriptor[16]
        fields.append((name, kind, offset, length))
        offset += length
    return fields
