"""A feature of a synced layer: identity (uuid), attributes and geometry."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from typing import Any

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


def new_uuids(count: int) -> list[str]:
    """Many UUIDv7s at once (a bulk import): one call for the randomness, ordered by creation."""
    ms = time.time_ns() // 1_000_000
    randomness = os.urandom(10 * count)
    return [_format(ms, int.from_bytes(randomness[10 * i:10 * i + 10], "big")) for i in range(count)]


def _format(ms: int, rand: int) -> str:
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def new_uuid() -> str:
    """A UUIDv7 (RFC 9562): time-ordered, so new features cluster in the uuid index and sort by age."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 68) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    text = f"{value:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
