"""Which layers exist: the built-in ones shipped with the program, plus the revisions published since.

A ``Catalog`` is what a store or a server knows at one moment: the six built-in layers (definitions in
``resources/layers/``) and every schema revision it has applied, in order. A revision carries the whole
definition of one layer as published: a new layer, or an existing one with its additions. Revisions are
only ever additive (``layers/evolution.py`` refuses the rest), so applying them in order is a union.

Nothing holds "the" catalog of the program: two stores open in one process (two devices in a test, a
laptop that opens a colleague's file) may be at different revisions. ``LAYERS`` is the built-in part,
for code that means exactly the built-in layers (the demo, the Aral chart).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from baytak_desktop import resources
from baytak_desktop.errors import UnknownLayer
from baytak_desktop.layers.definition import FieldDefinition, LayerDefinition, TitlesDefinition, parse_text
from baytak_desktop.layers.schema import DefaultStyle, Field, FieldType, LayerSchema, Titles, with_common_fields
from baytak_desktop.layers.vocabularies import BRANCHES, Term, Vocabulary

# The order a person meets the built-in layers in (lists, the demo); published layers follow.
BUILTIN_ORDER = ("quarries", "brick_factories", "sewage_outflows", "shorelines", "tree_plantings", "cleanup_plans")
DEFAULT_MAX_LENGTH = 500


@dataclass(frozen=True)
class Revision:
    """One published schema revision: its number in the ``layers`` series and the layer as published."""

    number: int
    definition: LayerDefinition


@dataclass(frozen=True, eq=False)
class Catalog:
    """The layers of one store or server, in a stable order (built-in first, then by publication)."""

    layers: tuple[LayerSchema, ...]
    definitions: tuple[LayerDefinition, ...]
    revision: int = 0  # the last revision applied (0: the built-in layers only)

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __len__(self) -> int:
        return len(self.layers)

    @cached_property  # asked for every change of a push (a catalog never changes: a revision makes a new one)
    def names(self) -> tuple[str, ...]:
        return tuple(schema.name for schema in self.layers)

    @cached_property
    def _by_name(self) -> dict[str, LayerSchema]:
        found: dict[str, LayerSchema] = {}
        for schema in self.layers:
            found.setdefault(schema.name, schema)  # the first of a name, as a search in order finds
        return found

    def get(self, name: str) -> LayerSchema | None:
        return self._by_name.get(name)

    def layer(self, name: str) -> LayerSchema:
        """The schema of a layer, or UnknownLayer naming the ones that exist."""
        schema = self.get(name)
        if schema is None:
            raise UnknownLayer(layer=name, known=", ".join(self.names))
        return schema

    def __getitem__(self, name: str) -> LayerSchema:
        return self.layer(name)

    def values(self) -> tuple[LayerSchema, ...]:
        return self.layers

    def items(self) -> tuple[tuple[str, LayerSchema], ...]:
        return tuple((schema.name, schema) for schema in self.layers)

    def definition(self, name: str) -> LayerDefinition:
        self.layer(name)
        return next(d for d in self.definitions if d.name == name)

    @property
    def vocabularies(self) -> dict[str, Vocabulary]:
        """Every vocabulary of every layer, by name (the branches included)."""
        found = {BRANCHES.name: BRANCHES}
        for schema in self.layers:
            for f in schema.fields:
                if f.vocabulary is not None:
                    found.setdefault(f.vocabulary.name, f.vocabulary)
        return found

    def with_revisions(self, revisions: Sequence[Revision]) -> Catalog:
        """This catalog with ``revisions`` applied in order (each replaces or adds one layer)."""
        definitions = list(self.definitions)
        for revision in revisions:
            index = next((i for i, d in enumerate(definitions) if d.name == revision.definition.name), None)
            if index is None:
                definitions.append(revision.definition)
            else:
                definitions[index] = merged(definitions[index], revision.definition)
        number = max([self.revision, *(r.number for r in revisions)])
        return _catalog_of(tuple(definitions), number)


def merged(current: LayerDefinition, published: LayerDefinition) -> LayerDefinition:
    """``published`` with any field of ``current`` it lacks kept at the end.

    The server refuses a publication that drops a field, so this matters only when the program on a
    device ships a built-in field newer than the server's program knows: the field stays, and stays
    out of the way of the party's additions.
    """
    names = {f.name for f in published.fields}
    kept = [f for f in current.fields if f.name not in names]
    if not kept:
        return published
    return published.model_copy(update={"fields": [*published.fields, *kept]})


def to_schema(definition: LayerDefinition, builtin: bool = False) -> LayerSchema:
    """The program's view of a definition: typed fields with the common ones around them."""
    own = tuple(_field(definition.name, f) for f in definition.fields)
    style = definition.style
    default = DefaultStyle()
    if style is not None:
        default = DefaultStyle(
            fill=style.fill,
            stroke=style.stroke,
            stroke_width=style.stroke_width,
            size=style.size,
            fill_alpha=style.fill_alpha,
            categorized_by=style.categorized_by,
            colors=tuple(style.colors.items()),
            label_field=style.label_field,
            dash=style.dash,
            widths=tuple(style.widths.items()),
            dashes=tuple(style.dashes.items()),
        )
    description = definition.description
    return LayerSchema(
        name=definition.name,
        geometry_type=definition.geometry,
        fields=with_common_fields(own),
        title=definition.title.en,
        description=description.en if description else "",
        titles=_titles(definition.title),
        style=default,
        builtin=builtin,
    )


def _titles(titles: TitlesDefinition) -> Titles:
    return Titles(titles.en, titles.kk, titles.ru)


def _field(layer: str, f: FieldDefinition) -> Field:
    vocabulary = None
    if f.vocabulary is not None:
        terms = tuple(Term(t.code, t.kk, t.ru, t.en, t.deprecated) for t in f.vocabulary)
        vocabulary = Vocabulary(f.vocabulary_name or f"{layer}_{f.name}", terms)
    return Field(
        f.name,
        FieldType(f.type.upper()),
        required=f.required,
        vocabulary=vocabulary,
        minimum=f.minimum,
        maximum=f.maximum,
        max_length=f.max_length or DEFAULT_MAX_LENGTH,
        not_future=f.not_future,
        derived=f.derived,
        title=f.title.en,
        titles=_titles(f.title),
        min_length=f.min_length,
        deprecated=f.deprecated,
        description=_titles(f.description) if f.description else None,
    )


def _catalog_of(definitions: tuple[LayerDefinition, ...], revision: int) -> Catalog:
    schemas = tuple(to_schema(d, builtin=d.name in BUILTIN_ORDER) for d in definitions)
    return Catalog(schemas, definitions, revision)


@cache
def builtin_definitions() -> tuple[LayerDefinition, ...]:
    """The definitions shipped with the program, read once from the package data."""
    return tuple(
        parse_text(resources.layer_definition(name), f"resources/layers/{name}.json") for name in BUILTIN_ORDER
    )


@cache
def builtin_catalog() -> Catalog:
    return _catalog_of(builtin_definitions(), 0)


@lru_cache(maxsize=64)
def catalog_from_texts(rows: tuple[tuple[int, str], ...]) -> Catalog:
    """The built-in catalog with the revisions ``(number, definition JSON)`` a database holds.

    Cached on the rows themselves, so a store or server may read its revision table on every call:
    the definitions are parsed again only when they changed.
    """
    revisions = [Revision(number, parse_text(text, f"schema revision {number}", stored=True)) for number, text in rows]
    return builtin_catalog().with_revisions(revisions)
