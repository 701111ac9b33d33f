"""A feature of a synced layer: identity (uuid), attributes and geometry."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely


@dataclass
class Feature:
    layer: str
    uuid: str
    attributes: dict[str, Any] = field(default_factory=dict)
    geometry: shapely.Geometry | None = None
    fid: int | None = None

    def __getitem__(self, name: str) -> Any:
        return self.attributes[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.attributes.get(name, default)


_HEX_DIGITS = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_DASHES = (8, 13, 18, 23)


def new_uuids(count: int) -> list[str]:
    """Many UUIDv7s at once for a bulk import, built with numpy: the same 48-bit millisecond prefix,
    version and variant bits as ``new_uuid``, 74 random bits each."""
    raw = np.frombuffer(os.urandom(16 * count), dtype=np.uint8).reshape(count, 16).copy()
    ms = time.time_ns() // 1_000_000
    raw[:, :6] = np.frombuffer(ms.to_bytes(6, "big"), dtype=np.uint8)
    raw[:, 6] = (raw[:, 6] & 0x0F) | 0x70
    raw[:, 8] = (raw[:, 8] & 0x3F) | 0x80
    digits = np.empty((count, 32), dtype=np.uint8)
    digits[:, 0::2] = _HEX_DIGITS[raw >> 4]
    digits[:, 1::2] = _HEX_DIGITS[raw & 0x0F]
    text = np.insert(digits, [8, 12, 16, 20], ord("-"), axis=1)
    return text.view("S36").ravel().astype(str).tolist()


def new_uuid() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so new features cluster in the uuid index and sort by age."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
