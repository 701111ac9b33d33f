"""Which changes of a published layer every device can take: only additive ones.

Devices apply a schema revision while they hold edits made under the old one, and stores keep every
value ever recorded. So a revision may add (a layer, a field, vocabulary codes, titles in any
language, a style) and relax (a wider range, a longer text, an optional field, a date that may lie in
the future), and nothing else: a removed field would strand what was recorded in it, a tighter rule
would refuse values already out there, a changed type could not be applied to them. Each refusal says
what to do instead; the usual answer is to mark a field or a code ``"deprecated": true`` (hidden in
forms, kept in the data) and add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from baytak_desktop.errors import BaytakError, Problem
from baytak_desktop.layers.catalog import DEFAULT_MAX_LENGTH, Catalog
from baytak_desktop.layers.definition import FieldDefinition, LayerDefinition
from baytak_desktop.layers.vocabularies import BRANCHES


class LayerChangeRefused(BaytakError):
    """A publication that devices could not apply without losing or refusing data; ``problems`` says
    every reason and what to do instead."""

    template = "The layer {layer} cannot be published as it is: {summary}"

    def __init__(self, layer: str, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(layer=layer, summary="; ".join(str(p) for p in problems[:5]))


@dataclass(frozen=True)
class Evolution:
    """What a publication changes: a new layer, new fields, and the other (additive) differences."""

    layer: str
    new_layer: bool
    added_fields: tuple[str, ...] = ()
    other_changes: tuple[str, ...] = ()  # e.g. "status: new codes burned, dumped"

    @property
    def empty(self) -> bool:
        return not (self.new_layer or self.added_fields or self.other_changes)

    def summary(self) -> str:
        if self.new_layer:
            return f"new layer {self.layer}"
        parts = [f"new field {name}" for name in self.added_fields] + list(self.other_changes)
        return "; ".join(parts) or "no change"


def evolution(catalog: Catalog, published: LayerDefinition) -> Evolution:
    """What publishing ``published`` changes in ``catalog``; LayerChangeRefused when it is not additive."""
    problems = _catalog_problems(catalog, published)
    if published.name not in catalog:
        if problems:
            raise LayerChangeRefused(published.name, problems)
        return Evolution(published.name, new_layer=True)
    current = catalog.definition(published.name)
    if current.text() == published.text():
        return Evolution(published.name, new_layer=False)
    if current.geometry != published.geometry:
        problems.append(
            Problem.of(
                "the geometry type cannot change from {old} to {new}: publish a new layer for the new kind of geometry",
                old=current.geometry,
                new=published.geometry,
            )
        )
    added, changes = [], []
    for old in current.fields:
        new = published.field(old.name)
        if new is None:
            problems.append(_removed(old))
        else:
            problems += field_change_problems(old, new)
            changes += _field_changes(old, new)
    for new in published.fields:
        if current.field(new.name) is None:
            added.append(new.name)
            if new.required:
                problems.append(
                    Problem.of(
                        "field {name}: a new field cannot be required, as the features already recorded have no "
                        'value for it: publish it without "required"',
                        name=new.name,
                    )
                )
    if problems:
        raise LayerChangeRefused(published.name, problems)
    if current.title != published.title or current.description != published.description:
        changes.append("titles")
    if current.style != published.style:
        changes.append("default style")
    return Evolution(published.name, False, tuple(added), tuple(changes))


def _removed(old: FieldDefinition) -> Problem:
    return Problem.of(
        "field {name} is missing: a field cannot be removed or renamed, the values recorded in it would be lost. "
        'Keep it and mark it "deprecated": true (hidden in forms, kept in the data); add a new field for a new name',
        name=old.name,
    )


def field_change_problems(old: FieldDefinition, new: FieldDefinition) -> list[Problem]:
    """Every way ``new`` is not an additive change of ``old``, each with what to do instead."""
    f = old.name
    if old.type != new.type:
        return [
            Problem.of(
                "field {name}: the type cannot change from {old} to {new}: add a new {new} field and mark this "
                'one "deprecated": true',
                name=f,
                old=old.type,
                new=new.type,
            )
        ]
    found = []
    if new.required and not old.required:
        found.append(
            Problem.of(
                "field {name} cannot become required: features recorded without it would be refused. Keep it optional",
                name=f,
            )
        )
    if old.derived != new.derived:
        found.append(Problem.of("field {name}: what it is derived from cannot change", name=f))
    if new.not_future and not old.not_future:
        found.append(
            Problem.of("field {name} cannot start refusing future dates: dates already recorded may be", name=f)
        )
    found += _limit_problems(old, new)
    found += _vocabulary_problems(old, new)
    return found


def _tighter_low(old: float | None, new: float | None) -> bool:
    return new is not None and (old is None or new > old)


def _tighter_high(old: float | None, new: float | None) -> bool:
    return new is not None and (old is None or new < old)


def _limit_problems(old: FieldDefinition, new: FieldDefinition) -> list[Problem]:
    tighter = []
    if _tighter_low(old.minimum, new.minimum):
        tighter.append("minimum")
    if _tighter_high(old.maximum, new.maximum):
        tighter.append("maximum")
    if _tighter_low(old.min_length, new.min_length):
        tighter.append("min_length")
    old_max = (old.max_length or DEFAULT_MAX_LENGTH) if old.type == "text" else None
    new_max = (new.max_length or DEFAULT_MAX_LENGTH) if new.type == "text" else None
    if _tighter_high(old_max, new_max):
        tighter.append("max_length")
    return [
        Problem.of(
            "field {name}: the {limit} can only be relaxed, never tightened: values recorded under the old "
            "limit would be refused. Keep the old limit",
            name=old.name,
            limit=limit,
        )
        for limit in tighter
    ]


def _vocabulary_problems(old: FieldDefinition, new: FieldDefinition) -> list[Problem]:
    if (old.vocabulary is None) != (new.vocabulary is None):
        return [
            Problem.of(
                "field {name}: a vocabulary cannot be added to or taken from a field that exists: add a new field "
                'and mark this one "deprecated": true',
                name=old.name,
            )
        ]
    if old.vocabulary is None or new.vocabulary is None:
        return []
    found = []
    if old.vocabulary_name != new.vocabulary_name:
        found.append(Problem.of("field {name}: vocabulary_name cannot change", name=old.name))
    codes = {term.code for term in new.vocabulary}
    found += [
        Problem.of(
            'field {name}: the code {code} is missing: a code cannot be removed, features may hold it. Keep it and mark it "deprecated": true',
            name=old.name,
            code=term.code,
        )
        for term in old.vocabulary
        if term.code not in codes
    ]
    return found


def _field_changes(old: FieldDefinition, new: FieldDefinition) -> list[str]:
    if old == new:
        return []
    if old.vocabulary and new.vocabulary:
        codes = {term.code for term in old.vocabulary}
        added = [term.code for term in new.vocabulary if term.code not in codes]
        if added:
            return [f"{old.name}: new codes {', '.join(added)}"]
    return [f"{old.name}: changed"]


def _catalog_problems(catalog: Catalog, published: LayerDefinition) -> list[Problem]:
    """What must stay unique across layers: the English title (the GeoPackage identifier) and a
    vocabulary's name (the name of its value list in the GeoPackage)."""
    found = [
        Problem.of("field {name}: the vocabulary name branch belongs to every layer; choose another", name=f.name)
        for f in published.fields
        if f.vocabulary is not None and _vocabulary_name(published, f) == BRANCHES.name
    ]
    for other in catalog.definitions:
        if other.name == published.name:
            continue
        if other.title.en == published.title.en:
            found.append(
                Problem.of(
                    "title.en: the layer {other} has the title {title} already; give this layer another",
                    other=other.name,
                    title=published.title.en,
                )
            )
        taken = {_vocabulary_name(other, f): f.name for f in other.fields if f.vocabulary is not None}
        for f in published.fields:
            if f.vocabulary is not None and _vocabulary_name(published, f) in taken:
                found.append(
                    Problem.of(
                        "field {name}: the vocabulary name {vocabulary} belongs to the layer {other}; choose another",
                        name=f.name,
                        vocabulary=_vocabulary_name(published, f),
                        other=other.name,
                    )
                )
    return found


def _vocabulary_name(layer: LayerDefinition, field: FieldDefinition) -> str:
    return field.vocabulary_name or f"{layer.name}_{field.name}"
