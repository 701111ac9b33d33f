"""Layer schemas: the fields, geometry type and rules of a synced layer, as the program uses them.

A schema is plain data made from a layer definition (``layers/definition.py``, the JSON format): the
six built-in layers ship as definitions, the party publishes more through the server. The store builds
its tables from it, the validator checks features against it, the forms are generated from it and the
server validates pushed changes with it, so the rules live in exactly one place and every layer,
built-in or published, goes through the same code.

Which layers exist is not fixed in the program: a store or a server has a ``Catalog``
(``layers/catalog.py``) of the built-in layers plus the revisions published so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from baytak_desktop.layers.vocabularies import BRANCHES, LANGUAGES, Vocabulary


class FieldType(StrEnum):
    """A field's type; the value is its column type in the GeoPackage (GDAL reads BOOLEAN as a boolean)."""

    TEXT = "TEXT"
    INTEGER = "INTEGER"
    REAL = "REAL"
    DATE = "DATE"
    DATETIME = "DATETIME"
    BOOLEAN = "BOOLEAN"


@dataclass(frozen=True)
class Titles:
    """A text in the three languages of the program."""

    en: str
    kk: str
    ru: str

    def get(self, lang: str) -> str:
        text: str = getattr(self, lang if lang in LANGUAGES else "en")
        return text


@dataclass(frozen=True)
class Field:
    """One attribute column.

    ``vocabulary`` makes it a coded value (stored as the code). A ``derived`` field names the measure
    (``area_ha``, ``area_km2``, ``length_km``) the store computes from the geometry; nobody types it.
    ``not_future`` refuses observation dates after today: nobody can have seen a quarry tomorrow. A
    ``deprecated`` field is hidden in forms and kept in the data (the way to retire a field without
    losing what was recorded in it).
    """

    name: str
    type: FieldType
    required: bool = False
    vocabulary: Vocabulary | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 500
    not_future: bool = False
    derived: str | None = None
    title: str = ""  # English; ``titles`` has all three languages
    titles: Titles | None = None
    min_length: int | None = None
    deprecated: bool = False
    description: Titles | None = None

    @property
    def sql_type(self) -> str:
        return self.type.value

    def title_in(self, lang: str) -> str:
        """The field's title in ``lang``, its English title, or its name."""
        return self.titles.get(lang) if self.titles else (self.title or self.name)


@dataclass(frozen=True)
class DefaultStyle:
    """How a layer is drawn before anyone styles it (from the definition's ``style``)."""

    fill: str | None = None
    stroke: str | None = None
    stroke_width: float | None = None
    size: float | None = None
    fill_alpha: float | None = None
    categorized_by: str | None = None
    colors: tuple[tuple[str, str], ...] = ()  # (code, #rrggbb): a line's colour, else the fill
    label_field: str | None = None
    dash: str | None = None  # lines: solid, dash, dot or dashdot
    widths: tuple[tuple[str, float], ...] = ()  # lines: (code, px)
    dashes: tuple[tuple[str, str], ...] = ()  # lines: (code, pattern)


@dataclass(frozen=True)
class LayerSchema:
    name: str
    geometry_type: str  # GeoPackage geometry type name: POINT, LINESTRING, MULTILINESTRING, MULTIPOLYGON
    fields: tuple[Field, ...]
    title: str  # English; ``titles`` has all three languages
    description: str = ""
    titles: Titles | None = None
    style: DefaultStyle = field(default_factory=DefaultStyle)
    builtin: bool = True  # shipped with the program (False: published through a server)

    @cached_property  # asked for every field of every pushed change
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    @cached_property  # asked for every row a push writes
    def boolean_names(self) -> frozenset[str]:
        return frozenset(f.name for f in self.fields if f.type is FieldType.BOOLEAN)

    @cached_property  # asked for every pushed change
    def managed_names(self) -> frozenset[str]:
        """Fields no person sets: the bookkeeping stamps and the values derived from the geometry."""
        return frozenset(BOOKKEEPING) | {f.name for f in self.fields if f.derived}

    @cached_property
    def editable_fields(self) -> tuple[Field, ...]:
        """Fields a person or an import may set (not derived, not bookkeeping)."""
        return tuple(f for f in self.fields if not f.derived and f.name not in BOOKKEEPING)

    @property
    def form_fields(self) -> tuple[Field, ...]:
        """What a form asks for: the editable fields that are not deprecated."""
        return tuple(f for f in self.editable_fields if not f.deprecated)

    @property
    def is_polygon(self) -> bool:
        return self.geometry_type == "MULTIPOLYGON"

    @property
    def is_line(self) -> bool:
        return self.geometry_type in ("LINESTRING", "MULTILINESTRING")

    @property
    def is_point(self) -> bool:
        return self.geometry_type == "POINT"

    @property
    def shape(self) -> str:
        """How a legend swatch and a drawing tool see the layer: ``polygon``, ``line`` or ``point``."""
        return "polygon" if self.is_polygon else "line" if self.is_line else "point"

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) if self.titles else self.title


BOOKKEEPING = ("created_at", "created_by", "updated_at", "updated_by")
MAX_COUNT = 10_000_000
T, DT = FieldType.TEXT, FieldType.DATETIME


def _common_field(
    name: str, kind: FieldType, titles: Titles, vocabulary: Vocabulary | None = None, max_length: int = 500
) -> Field:
    return Field(name, kind, vocabulary=vocabulary, max_length=max_length, title=titles.en, titles=titles)


BRANCH = _common_field("branch", T, Titles("Branch", "Филиал", "Филиал"), vocabulary=BRANCHES)
NOTES = _common_field("notes", T, Titles("Notes", "Ескертпелер", "Примечания"), max_length=10_000)
STAMPS = (
    _common_field("created_at", DT, Titles("Created at", "Құрылған уақыты", "Создано")),
    _common_field("created_by", T, Titles("Created by", "Кім құрды", "Кем создано"), max_length=200),
    _common_field("updated_at", DT, Titles("Updated at", "Өзгертілген уақыты", "Изменено")),
    _common_field("updated_by", T, Titles("Updated by", "Кім өзгертті", "Кем изменено"), max_length=200),
)


def with_common_fields(own: tuple[Field, ...]) -> tuple[Field, ...]:
    """Every synced layer has the same bookkeeping columns around its own fields."""
    return (BRANCH, *own, NOTES, *STAMPS)
