"""Validate a feature against its layer schema before it reaches the store.

``prepare`` returns the clean attributes (coerced, derived fields computed) and every problem found,
so an import can report all rejected rows at once and the feature form can show each message next to
its field. Errors refuse the feature; warnings (a site outside the Kazakhstan region) are reported and
the feature is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.validation import explain_validity

from baytak_desktop.errors import Problem
from baytak_desktop.layers import measure, values
from baytak_desktop.layers.geometry import as_multi
from baytak_desktop.layers.schema import Field, LayerSchema

WORLD = (-180.0, -90.0, 180.0, 90.0)
# Kazakhstan with its neighbours and the whole Caspian and Aral basins (the bundled basemap's extent).
REGION = (44.0, 36.0, 90.0, 56.5)
EARLIEST_DATE = dt.date(1850, 1, 1)
ALLOWED_TYPES = {"POINT": ("Point",), "MULTIPOLYGON": ("Polygon", "MultiPolygon")}


@dataclass
class Prepared:
    attributes: dict[str, Any]
    geometry: shapely.Geometry | None
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def prepare(
    schema: LayerSchema,
    attributes: dict[str, Any],
    geometry: shapely.Geometry | None,
    *,
    today: dt.date | None = None,
    partial: bool = False,
) -> Prepared:
    """Coerce and check ``attributes`` and ``geometry``; ``partial`` checks only the given fields
    (an update), otherwise missing required fields are errors too."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    clean: dict[str, Any] = {}
    for name in attributes:
        if name not in schema.field_names:
            problems.append(Problem(f"layer {schema.name} has no field {name!r}", field=name))
    for field in schema.editable_fields:
        if partial and field.name not in attributes:
            continue
        clean[field.name] = _check_field(field, attributes.get(field.name), today, problems)
    if geometry is not None or not partial:
        geometry = _check_geometry(schema, geometry, problems)
        clean.update(derived_values(schema, geometry))
    return Prepared(clean, geometry, problems)


def derived_values(schema: LayerSchema, geometry: shapely.Geometry | None) -> dict[str, Any]:
    """Derived fields (area_ha, area_km2) from the geometry, geodesically."""
    return {f.name: measure.DERIVED[f.name](geometry) for f in schema.fields if f.derived}


def _check_field(field: Field, raw: Any, today: dt.date, problems: list[Problem]) -> Any:
    try:
        value = values.coerce(field, raw)
    except ValueError as exc:
        problems.append(Problem(str(exc), field=field.name))
        return None
    if value is None:
        if field.required:
            problems.append(Problem("is required", field=field.name))
        return None
    for message in _range_problems(field, value, today):
        problems.append(Problem(message, field=field.name))
    return value


def _range_problems(field: Field, value: Any, today: dt.date) -> list[str]:
    found = []
    if field.minimum is not None and value < field.minimum:
        found.append(f"{value} is below the minimum {field.minimum:g}")
    if field.maximum is not None and value > field.maximum:
        found.append(f"{value} is above the maximum {field.maximum:g}")
    if field.type.value == "DATE":
        day = dt.date.fromisoformat(value)
        if day < EARLIEST_DATE:
            found.append(f"{value} is before {EARLIEST_DATE.isoformat()}")
        if field.not_future and day > today:
            found.append(f"{value} is in the future; an observation cannot be")
    return found


def _check_geometry(schema: LayerSchema, geom: Any, problems: list[Problem]) -> shapely.Geometry | None:
    if geom is None or (isinstance(geom, shapely.Geometry) and geom.is_empty):
        problems.append(Problem("the feature has no geometry", field="geom"))
        return None
    if not isinstance(geom, shapely.Geometry):
        problems.append(Problem(f"{type(geom).__name__} is not a geometry", field="geom"))
        return None
    allowed = ALLOWED_TYPES[schema.geometry_type]
    if geom.geom_type not in allowed:
        problems.append(Problem(
            f"layer {schema.name} takes {' or '.join(allowed)} geometries, not {geom.geom_type}", field="geom"))
        return None
    geom = shapely.force_2d(as_multi(geom))
    problems.extend(_extent_problems(geom))
    if not geom.is_valid:
        problems.append(Problem(f"invalid geometry: {explain_validity(geom)}", field="geom"))
    return geom


def _extent_problems(geom: shapely.Geometry) -> list[Problem]:
    minx, miny, maxx, maxy = geom.bounds
    if not all(map(_finite, (minx, miny, maxx, maxy))):
        return [Problem("coordinates are not finite numbers", field="geom")]
    if minx < WORLD[0] or maxx > WORLD[2] or miny < WORLD[1] or maxy > WORLD[3]:
        return [Problem(
            f"coordinates outside the world (lon {minx:g}..{maxx:g}, lat {miny:g}..{maxy:g}); "
            "longitude must be -180..180 and latitude -90..90 (were they swapped?)", field="geom")]
    if minx < REGION[0] or maxx > REGION[2] or miny < REGION[1] or maxy > REGION[3]:
        return [Problem(
            f"the feature lies outside Kazakhstan and its neighbours (lon {minx:.4f}, lat {miny:.4f}); "
            "check that latitude and longitude are not swapped", field="geom", severity="warning")]
    return []


def _finite(value: float) -> bool:
    return value == value and abs(value) != float("inf")
