"""What a layer definition must mean, beyond its shape: the checks pydantic cannot express alone.

Each check returns problems instead of raising, so a person fixing a file sees every one of them at
once. Names reserved by the program (the columns every layer has, the tables the store and the server
keep) are refused here, before a device or a database ever sees them.
"""

from __future__ import annotations

import math
from collections import Counter

from baytak_desktop.errors import Problem, phrase
from baytak_desktop.layers.definition import FieldDefinition, LayerDefinition
from baytak_desktop.layers.definition_shape import where as where_in_file
from baytak_desktop.layers.values import text_problem

# Columns every synced layer has, added by the program (layers/schema.py) or by the store and server.
COMMON_FIELDS = ("branch", "notes", "created_at", "created_by", "updated_at", "updated_by")
RESERVED_FIELDS = frozenset({*COMMON_FIELDS, "fid", "uuid", "geom", "rev", "id", "oid", "rowid", "_rowid_"})
# Table names of the program (and of the GeoPackage and SQLite) a layer may not take or begin with.
RESERVED_PREFIXES = ("baytak_", "gpkg_", "rtree_", "sqlite_", "pg_", "spatial_ref_sys", "geometry_columns")
NUMBERS = ("integer", "real")
DATES = ("date", "datetime")
AREA_MEASURES = ("area_ha", "area_km2")


def meaning_problems(definition: LayerDefinition, *, stored: bool = False) -> list[Problem]:
    """Every problem of a definition whose shape is right. A ``stored`` one (published already, read back
    from a store, a server or a pull) was checked by the rules of its day: the rules added since (texts,
    finite bounds) apply at publishing only, so a definition an older version published still opens."""
    problems = _layer_name_problems(definition.name)
    names = Counter(f.name for f in definition.fields)
    problems += [
        Problem.of("fields: the field {name} is defined {count} times", name=name, count=count)
        for name, count in names.items()
        if count > 1
    ]
    for index, field in enumerate(definition.fields):
        problems += field_problems(definition, field, f"fields[{index}]")
        problems += [] if stored else _bound_problems(field, f"fields[{index}]")
    problems += _vocabulary_name_problems(definition)
    problems += _style_problems(definition)
    problems += [] if stored else _text_problems(definition.as_json(), ())
    return problems


def _text_problems(data: object, location: tuple[int | str, ...]) -> list[Problem]:
    """Titles, descriptions and labels are shown on every device and printed by the console: the rule
    of every stored text (no control character, lone surrogate or noncharacter), each where it is."""
    if isinstance(data, dict):
        return [p for key, value in data.items() for p in _text_problems(value, (*location, key))]
    if isinstance(data, list):
        return [p for index, value in enumerate(data) for p in _text_problems(value, (*location, index))]
    problem = text_problem(data) if isinstance(data, str) else None
    if problem is None:
        return []
    said = phrase(problem.template, **problem.params)
    return [Problem.of("{where}: {problem}", where=where_in_file(location), problem=said)]


def _layer_name_problems(name: str) -> list[Problem]:
    if name.startswith(RESERVED_PREFIXES):
        return [Problem.of("name: {name} is a name the program keeps for itself; choose another", name=name)]
    return []


def field_problems(definition: LayerDefinition, field: FieldDefinition, where: str) -> list[Problem]:
    """The rules of one field: names, and each limit only where it means something."""
    found = []
    if field.name in RESERVED_FIELDS:
        found.append(
            Problem.of(
                "{where}.name: every layer has a field {name} already; choose another name",
                where=where,
                name=field.name,
            )
        )
    if field.type not in NUMBERS and (field.minimum is not None or field.maximum is not None):
        found.append(Problem.of("{where}: minimum and maximum are for integer and real fields", where=where))
    if field.minimum is not None and field.maximum is not None and field.minimum > field.maximum:
        found.append(
            Problem.of(
                "{where}: the minimum {minimum:g} is above the maximum {maximum:g}",
                where=where,
                minimum=field.minimum,
                maximum=field.maximum,
            )
        )
    if field.type != "text" and (field.min_length is not None or field.max_length is not None):
        found.append(Problem.of("{where}: min_length and max_length are for text fields", where=where))
    if field.min_length is not None and field.max_length is not None and field.min_length > field.max_length:
        found.append(Problem.of("{where}: min_length is above max_length", where=where))
    if field.not_future and field.type not in DATES:
        found.append(Problem.of("{where}: not_future is for date and datetime fields", where=where))
    found += _vocabulary_problems(field, where)
    found += _derived_problems(definition, field, where)
    return found


def _bound_problems(field: FieldDefinition, where: str) -> list[Problem]:
    """A range is two finite numbers: JSON has no Infinity or NaN, but Python's reader takes them (and
    ``1e400``), and a bound that is not a number would refuse or pass every value on every device."""
    return [
        Problem.of("{where}.{bound}: {value} is not a finite number", where=where, bound=bound, value=str(value))
        for bound, value in (("minimum", field.minimum), ("maximum", field.maximum))
        if value is not None and not math.isfinite(value)
    ]


def _vocabulary_problems(field: FieldDefinition, where: str) -> list[Problem]:
    if field.vocabulary is None:
        if field.vocabulary_name is not None:
            return [Problem.of("{where}: vocabulary_name needs a vocabulary", where=where)]
        return []
    found = []
    if field.type != "text":
        found.append(Problem.of("{where}: a vocabulary is for text fields (the codes are text)", where=where))
    codes = Counter(term.code for term in field.vocabulary)
    found += [
        Problem.of("{where}.vocabulary: the code {code} is listed {count} times", where=where, code=code, count=count)
        for code, count in codes.items()
        if count > 1
    ]
    if all(term.deprecated for term in field.vocabulary):
        found.append(Problem.of("{where}.vocabulary: at least one code must not be deprecated", where=where))
    return found


def _derived_problems(definition: LayerDefinition, field: FieldDefinition, where: str) -> list[Problem]:
    if field.derived is None:
        return []
    found = []
    if field.type != "real" or field.required or field.vocabulary is not None:
        found.append(Problem.of("{where}: a derived field is an optional real field without a vocabulary", where=where))
    wanted = "MULTIPOLYGON" if field.derived in AREA_MEASURES else ("LINESTRING", "MULTILINESTRING")
    if definition.geometry not in wanted:
        found.append(
            Problem.of(
                "{where}: {measure} cannot be measured on a {geometry} layer",
                where=where,
                measure=field.derived,
                geometry=definition.geometry,
            )
        )
    return found


def _vocabulary_name_problems(definition: LayerDefinition) -> list[Problem]:
    """Two fields may share a vocabulary name only when they share the same list of codes."""
    lists: dict[str, set[tuple[str, ...]]] = {}
    for field in definition.fields:
        if field.vocabulary is not None:
            name = field.vocabulary_name or f"{definition.name}_{field.name}"
            lists.setdefault(name, set()).add(tuple(term.code for term in field.vocabulary))
    return [
        Problem.of("vocabulary_name {name} is given to different lists of codes", name=name)
        for name, variants in lists.items()
        if len(variants) > 1
    ]


def _style_problems(definition: LayerDefinition) -> list[Problem]:
    style = definition.style
    if style is None:
        return []
    found = []
    names = {f.name for f in definition.fields} | set(COMMON_FIELDS)
    if style.label_field is not None and style.label_field not in names:
        found.append(Problem.of("style.label_field: there is no field {name}", name=style.label_field))
    if "LINESTRING" not in definition.geometry:
        found += [
            Problem.of("style.{key}: only a line layer has line patterns and widths per code", key=key)
            for key, given in (("dash", style.dash), ("widths", style.widths), ("dashes", style.dashes))
            if given
        ]
    by = style.categorized_by
    status = definition.field("status")
    if by is None and status is not None and status.vocabulary is not None:
        by = "status"  # what the default style is categorized by when the definition does not say
    if by is None:
        if style.colors:
            found.append(Problem.of("style.colors: colours per code need categorized_by"))
        found += [
            Problem.of("style.{key}: values per code need categorized_by", key=key)
            for key, given in (("widths", style.widths), ("dashes", style.dashes))
            if given
        ]
        return found
    field = definition.field(by)
    if field is None or field.vocabulary is None:
        found.append(Problem.of("style.categorized_by: {name} is not a field of this layer with a vocabulary", name=by))
        return found
    codes = {term.code for term in field.vocabulary}
    found += [
        Problem.of("style.colors: {code} is not a code of {name}", code=code, name=field.name)
        for code in style.colors
        if code not in codes
    ]
    found += [
        Problem.of("style.{key}: {code} is not a code of {name}", key=key, code=code, name=field.name)
        for key, given in (("widths", style.widths), ("dashes", style.dashes))
        for code in given
        if code not in codes
    ]
    return found
