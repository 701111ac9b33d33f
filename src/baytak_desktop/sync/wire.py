"""Values between the GeoPackage and the wire.

Only the geometry needs converting: the store keeps GeoPackage blobs (header + WKB, in whatever byte
order the tool that wrote it chose), the wire carries hex ISO WKB, 2D, little-endian. Normalising on
the way out means two devices holding the same shape send the same text, so the server's
comparison by WKB bytes sees equal geometries as equal. Conversions are vectorised: a push of 10,000
edited geometries or a pull of 10,000 features is one shapely call each way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely

from baytak_desktop.layers import FieldType, LayerSchema
from baytak_desktop.layers import geometry as blobs

GEOM = "geom"


def geoms_to_wire(values: Sequence[bytes | None]) -> list[str | None]:
    """GeoPackage blobs -> hex ISO WKB (2D, little-endian); None stays None."""
    if not values:
        return []
    wkbs = np.array(
        [None if b is None else bytes(memoryview(b)[blobs.header_length(b) :]) for b in values], dtype=object
    )
    geoms = shapely.from_wkb(wkbs)
    hexes: list[str | None] = shapely.to_wkb(geoms, hex=True, output_dimension=2, flavor="iso", byte_order=1).tolist()
    return hexes


def geoms_from_wire(values: Sequence[str | None]) -> list[bytes | None]:
    """Hex WKB -> GeoPackage blobs with an envelope header, as the store writes them."""
    if not values:
        return []
    return blobs.many_from_shapely(shapely.from_wkb(np.array(list(values), dtype=object)))


def geom_from_wire(value: str | int | float | None) -> bytes | None:
    """One hex WKB value (as a feature state's fields carry it) -> a GeoPackage blob."""
    if value is not None and not isinstance(value, str):
        raise ValueError(f"a geometry on the wire is hex WKB text, not {value!r}")
    return geoms_from_wire([value])[0]


def as_text(value: Any) -> str:
    """A field value as one line of text for the CLI (geometries shortened)."""
    if value is None:
        return "NULL"
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."


def typed(schema: LayerSchema, name: str, value: Any) -> Any:
    """JSON has one number type; SQLite keeps what it is given. A REAL field gets a float, an
    INTEGER field an int, so a value compares equal to the same value written locally."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        kind = schema.field(name).type
        if kind is FieldType.REAL:
            return float(value)
        if kind in (FieldType.INTEGER, FieldType.BOOLEAN) and float(value).is_integer():
            return int(value)
    return value
