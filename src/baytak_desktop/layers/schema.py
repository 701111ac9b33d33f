"""Layer schemas: the fields, geometry type and rules of the six synced layers.

A schema is plain data. The store builds its tables from it, the validator checks features against it,
the feature form (issue 4) is generated from it, and the server validates pushed changes with it, so
the rules live in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from baytak_desktop.errors import UnknownLayer
from baytak_desktop.layers import vocabularies as v


class FieldType(StrEnum):
    TEXT = "TEXT"
    INTEGER = "INTEGER"
    REAL = "REAL"
    DATE = "DATE"
    DATETIME = "DATETIME"


@dataclass(frozen=True)
class Field:
    """One attribute column.

    ``vocabulary`` makes it a coded value (stored as the code). ``derived`` fields are computed by the
    store from the geometry and never typed by a person. ``not_future`` refuses observation dates after
    today: nobody can have seen a quarry tomorrow.
    """

    name: str
    type: FieldType
    required: bool = False
    vocabulary: v.Vocabulary | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 500
    not_future: bool = False
    derived: bool = False
    title: str = ""

    @property
    def sql_type(self) -> str:
        return self.type.value


@dataclass(frozen=True)
class LayerSchema:
    name: str
    geometry_type: str  # GeoPackage geometry type name: POINT or MULTIPOLYGON
    fields: tuple[Field, ...]
    title: str
    description: str = ""

    @cached_property  # asked for every field of every pushed change
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @cached_property
    def editable_fields(self) -> tuple[Field, ...]:
        """Fields a person or an import may set (not derived, not bookkeeping)."""
        return tuple(f for f in self.fields if not f.derived and f.name not in BOOKKEEPING)

    @property
    def is_polygon(self) -> bool:
        return self.geometry_type == "MULTIPOLYGON"


T, I, R, D, DT = FieldType.TEXT, FieldType.INTEGER, FieldType.REAL, FieldType.DATE, FieldType.DATETIME
BOOKKEEPING = ("created_at", "created_by", "updated_at", "updated_by")
MAX_COUNT = 10_000_000


def _common(*own: Field) -> tuple[Field, ...]:
    """Every synced layer has the same bookkeeping columns around its own fields."""
    return (
        Field("branch", T, vocabulary=v.BRANCHES, title="Branch"),
        *own,
        Field("notes", T, max_length=10_000, title="Notes"),
        Field("created_at", DT, title="Created at"),
        Field("created_by", T, max_length=200, title="Created by"),
        Field("updated_at", DT, title="Updated at"),
        Field("updated_by", T, max_length=200, title="Updated by"),
    )


QUARRIES = LayerSchema(
    "quarries",
    "MULTIPOLYGON",
    _common(
        Field("name", T, required=True, title="Name"),
        Field("status", T, required=True, vocabulary=v.QUARRY_STATUS, title="Status"),
        Field("legal_status", T, vocabulary=v.LEGAL_STATUS, title="Legal status"),
        Field("operator", T, title="Operator"),
        Field("license_no", T, max_length=100, title="Licence number"),
        Field("area_ha", R, derived=True, title="Area, ha"),
        Field("observed_on", D, not_future=True, title="Observed on"),
    ),
    "Quarries",
    "Sand, gravel and stone quarries, legal and not",
)

BRICK_FACTORIES = LayerSchema(
    "brick_factories",
    "POINT",
    _common(
        Field("name", T, required=True, title="Name"),
        Field("status", T, required=True, vocabulary=v.FACTORY_STATUS, title="Status"),
        Field("operator", T, title="Operator"),
        Field("closed_on", D, not_future=True, title="Closed on"),
        Field("emissions_note", T, max_length=5_000, title="Emissions"),
        Field("observed_on", D, not_future=True, title="Observed on"),
    ),
    "Brick factories",
)

SEWAGE_OUTFLOWS = LayerSchema(
    "sewage_outflows",
    "POINT",
    _common(
        Field("name", T, required=True, title="Name"),
        Field("receiving_water", T, title="Receiving water"),
        Field("discharge", T, vocabulary=v.DISCHARGE, title="Discharge"),
        Field("flow_m3_day", R, minimum=0, maximum=50_000_000, title="Flow, m³/day"),
        Field("affected_settlements", I, minimum=0, maximum=10_000, title="Affected settlements"),
        Field("status", T, required=True, vocabulary=v.OUTFLOW_STATUS, title="Status"),
        Field("last_sampled_on", D, not_future=True, title="Last sampled on"),
    ),
    "Sewage outflows",
)

SHORELINES = LayerSchema(
    "shorelines",
    "MULTIPOLYGON",
    _common(
        Field("water_body", T, required=True, vocabulary=v.WATER_BODY, title="Water body"),
        Field("observed_on", D, required=True, not_future=True, title="Observed on"),
        Field("source", T, max_length=1_000, title="Source"),
        Field("area_km2", R, derived=True, title="Area, km²"),
    ),
    "Shorelines",
    "The water extent of a sea or lake at a date; its outline is the shoreline",
)

TREE_PLANTINGS = LayerSchema(
    "tree_plantings",
    "POINT",
    _common(
        Field("species", T, required=True, vocabulary=v.SPECIES, title="Species"),
        Field("tree_count", I, required=True, minimum=1, maximum=MAX_COUNT, title="Trees"),
        Field("planted_on", D, title="Planted on"),
        Field("organizer", T, title="Organizer"),
        Field("survival_rate", R, minimum=0, maximum=100, title="Survival, %"),
        Field("status", T, required=True, vocabulary=v.PLANTING_STATUS, title="Status"),
    ),
    "Tree plantings",
)

CLEANUP_PLANS = LayerSchema(
    "cleanup_plans",
    "MULTIPOLYGON",
    _common(
        Field("title", T, required=True, title="Title"),
        Field("planned_on", D, required=True, title="Planned on"),
        Field("volunteers_needed", I, minimum=0, maximum=100_000, title="Volunteers needed"),
        Field("status", T, required=True, vocabulary=v.CLEANUP_STATUS, title="Status"),
        Field("waste_collected_kg", R, minimum=0, maximum=1e9, title="Waste collected, kg"),
        Field("contact", T, max_length=200, title="Contact"),
    ),
    "Cleanup plans",
)

LAYERS: dict[str, LayerSchema] = {
    s.name: s for s in (QUARRIES, BRICK_FACTORIES, SEWAGE_OUTFLOWS, SHORELINES, TREE_PLANTINGS, CLEANUP_PLANS)
}


def get_layer(name: str) -> LayerSchema:
    """The schema of a synced layer, or UnknownLayer naming the ones that exist."""
    try:
        return LAYERS[name]
    except KeyError:
        raise UnknownLayer(layer=name, known=", ".join(LAYERS)) from None
