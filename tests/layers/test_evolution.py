"""Only additive changes are published: each breaking change is refused with what to do instead."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from layer_helpers import DEPTH, ILLEGAL_DUMPS, with_field

from baytak_desktop.layers.catalog import Revision, builtin_catalog
from baytak_desktop.layers.definition import LayerDefinition, parse
from baytak_desktop.layers.evolution import LayerChangeRefused, evolution

CATALOG = builtin_catalog().with_revisions([Revision(1, parse(ILLEGAL_DUMPS, "dumps"))])


def changed(edit: Any) -> LayerDefinition:
    data = copy.deepcopy(ILLEGAL_DUMPS)
    edit(data)
    return parse(data, "changed")


def field(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(f for f in data["fields"] if f["name"] == name)


def refusals(definition: LayerDefinition) -> list[str]:
    with pytest.raises(LayerChangeRefused) as refused:
        evolution(CATALOG, definition)
    assert refused.value.params["layer"] == definition.name
    return [str(p) for p in refused.value.problems]


def test_a_new_layer_and_the_same_definition_again():
    assert evolution(builtin_catalog(), parse(ILLEGAL_DUMPS, "dumps")).new_layer
    same = evolution(CATALOG, parse(ILLEGAL_DUMPS, "dumps"))
    assert same.empty and same.summary() == "no change"


def test_additions_and_relaxations_are_accepted():
    def additions(data: dict[str, Any]) -> None:
        data["fields"].append({"name": "smell", "type": "boolean", "title": {"en": "S", "kk": "И", "ru": "З"}})
        field(data, "status")["vocabulary"].append(
            {"code": "burning", "en": "Burning", "kk": "Жанып жатыр", "ru": "Горит"}
        )
        field(data, "volume_m3")["maximum"] = 5_000_000  # relaxed
        del field(data, "volume_m3")["minimum"]  # relaxed: no lower limit
        field(data, "found_on")["not_future"] = False
        field(data, "name")["required"] = False
        field(data, "name")["title"]["kk"] = "Атауы (жергілікті)"
        field(data, "burning")["deprecated"] = True  # retired: hidden in forms, kept in the data
        data["title"]["ru"] = "Стихийные свалки"

    change = evolution(CATALOG, changed(additions))
    assert change.added_fields == ("smell",) and not change.new_layer
    assert "status: new codes burning" in change.other_changes and "titles" in change.other_changes
    after = CATALOG.with_revisions([Revision(2, changed(additions))])
    assert after.layer("illegal_dumps").field("burning").deprecated
    assert "burning" not in {f.name for f in after.layer("illegal_dumps").form_fields}
    assert after.revision == 2


def test_a_field_on_a_built_in_layer():
    quarries = builtin_catalog().definition("quarries")
    change = evolution(builtin_catalog(), with_field(quarries, DEPTH))
    assert change.added_fields == ("depth_m",) and change.summary() == "new field depth_m"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d["fields"].remove(field(d, "volume_m3")),
            "field volume_m3 is missing: a field cannot be removed or renamed, the values recorded in it would be "
            'lost. Keep it and mark it "deprecated": true (hidden in forms, kept in the data); add a new field for '
            "a new name",
        ),
        (
            lambda d: field(d, "volume_m3").update(type="integer"),
            "field volume_m3: the type cannot change from real to integer: add a new integer field and mark this "
            'one "deprecated": true',
        ),
        (
            lambda d: field(d, "volume_m3").update(maximum=10),
            "field volume_m3: the maximum can only be relaxed, never tightened: values recorded under the old "
            "limit would be refused. Keep the old limit",
        ),
        (
            lambda d: field(d, "name").update(max_length=20),
            "field name: the max_length can only be relaxed, never tightened: values recorded under the old "
            "limit would be refused. Keep the old limit",
        ),
        (
            lambda d: field(d, "burning").update(required=True),
            "field burning cannot become required: features recorded without it would be refused. Keep it optional",
        ),
        (
            lambda d: (field(d, "status")["vocabulary"].pop(), d["style"]["colors"].pop("cleaned")),
            "field status: the code cleaned is missing: a code cannot be removed, features may hold it. Keep it "
            'and mark it "deprecated": true',
        ),
        (
            lambda d: d.update(geometry="MULTIPOLYGON"),
            "the geometry type cannot change from POINT to MULTIPOLYGON: publish a new layer for the new kind "
            "of geometry",
        ),
        (
            lambda d: d["fields"].append(
                {"name": "owner", "type": "text", "required": True, "title": {"en": "O", "kk": "И", "ru": "В"}}
            ),
            "field owner: a new field cannot be required, as the features already recorded have no value for it: "
            'publish it without "required"',
        ),
        (
            lambda d: field(d, "name").update(vocabulary=[{"code": "x", "en": "X", "kk": "X", "ru": "X"}]),
            "field name: a vocabulary cannot be added to or taken from a field that exists: add a new field and "
            'mark this one "deprecated": true',
        ),
    ],
)
def test_a_breaking_change_is_refused_with_what_to_do_instead(edit, expected):
    assert refusals(changed(edit)) == [expected]


def test_what_must_stay_unique_across_layers():
    def clash(data: dict[str, Any]) -> None:
        data["name"] = "dumps_again"
        field(data, "status")["vocabulary_name"] = "quarry_status"

    assert refusals(changed(clash)) == [
        "field status: the vocabulary name quarry_status belongs to the layer quarries; choose another",
        "title.en: the layer illegal_dumps has the title Illegal dumps already; give this layer another",
    ]
