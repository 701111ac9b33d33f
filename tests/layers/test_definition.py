"""The layer definition format: the built-in layers are definitions of it, and a bad file is refused with
every problem located (``fields[2].type``) and a template the UI translates; nothing is guessed."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from layer_helpers import CANALS, ILLEGAL_DUMPS

from baytak_desktop.errors import UnknownLayer
from baytak_desktop.layers import LAYERS, FieldType
from baytak_desktop.layers.catalog import BUILTIN_ORDER, builtin_catalog, builtin_definitions, to_schema
from baytak_desktop.layers.definition import (
    LayerDefinitionError,
    NewerDefinitionFormat,
    parse,
    parse_text,
)

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = (ROOT / "src" / "baytak_desktop" / "ui" / "domain_messages.py").read_text(encoding="utf-8")


def problems_of(data: object) -> list[str]:
    with pytest.raises(LayerDefinitionError) as refused:
        parse(data, "test.json")
    for problem in refused.value.problems:  # each one translatable: its template is a domain message
        assert problem.template and json.dumps(problem.template, ensure_ascii=False) in MESSAGES, problem.template
    return [str(p) for p in refused.value.problems]


def dumps(**changes: object) -> dict:
    data = copy.deepcopy(ILLEGAL_DUMPS)
    data.update(changes)
    return data


def test_the_six_built_in_layers_are_definitions_shipped_as_package_data():
    assert tuple(d.name for d in builtin_definitions()) == BUILTIN_ORDER
    assert builtin_catalog().names == BUILTIN_ORDER and LAYERS is builtin_catalog()
    for definition in builtin_definitions():
        assert parse(definition.as_json(), "round trip") == definition  # the JSON says everything
        assert parse_text(definition.text(), "canonical") == definition
    quarries = LAYERS["quarries"]
    assert quarries.titles and quarries.titles.kk == "Карьерлер" and quarries.title == "Quarries"
    assert quarries.field("area_ha").derived == "area_ha" and quarries.is_polygon
    status = quarries.field("status")
    assert status.vocabulary and status.vocabulary.name == "quarry_status"
    assert status.vocabulary.label("illegal", "kk") == "заңсыз"
    assert LAYERS["shorelines"].field("observed_on").not_future
    assert LAYERS["tree_plantings"].field("tree_count").maximum == 10_000_000
    assert [f.name for f in LAYERS["brick_factories"].fields][:2] == ["branch", "name"]  # common fields around
    assert [f.name for f in LAYERS["brick_factories"].fields][-4:] == [
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]


def test_the_issues_example_becomes_a_layer_like_the_built_in_ones():
    schema = to_schema(parse(ILLEGAL_DUMPS, "illegal_dumps.json"))
    assert schema.name == "illegal_dumps" and schema.geometry_type == "POINT" and not schema.builtin
    assert schema.title_in("kk") == "Заңсыз қоқыс үйінділері" and schema.title_in("ru") == "Незаконные свалки"
    assert schema.field("burning").type is FieldType.BOOLEAN and schema.field("burning").sql_type == "BOOLEAN"
    assert schema.field("status").vocabulary and schema.field("status").vocabulary.name == "illegal_dumps_status"
    assert schema.field("volume_m3").title_in("kk") == "Көлемі, м³"
    assert (
        "branch" in schema.field_names
        and schema.field("branch").vocabulary is LAYERS["quarries"].field("branch").vocabulary
    )


def test_lines_and_all_field_types_are_accepted():
    river = {
        "name": "rivers",
        "geometry": "MULTILINESTRING",
        "title": {"en": "Rivers and canals", "kk": "Өзендер мен арналар", "ru": "Реки и каналы"},
        "fields": [
            {
                "name": "name",
                "type": "text",
                "min_length": 2,
                "max_length": 80,
                "title": {"en": "N", "kk": "А", "ru": "Н"},
            },
            {"name": "length_km", "type": "real", "derived": "length_km", "title": {"en": "L", "kk": "Ұ", "ru": "Д"}},
            {"name": "gauges", "type": "integer", "minimum": 0, "title": {"en": "G", "kk": "Г", "ru": "Г"}},
            {"name": "checked_at", "type": "datetime", "title": {"en": "C", "kk": "Т", "ru": "П"}},
            {"name": "transboundary", "type": "boolean", "title": {"en": "T", "kk": "Ш", "ru": "Т"}},
        ],
    }
    schema = to_schema(parse(river, "rivers.json"))
    assert schema.is_line and schema.field("length_km").derived == "length_km"
    assert schema.field("name").min_length == 2 and schema.field("name").max_length == 80


def test_a_file_that_is_not_json_says_where():
    with pytest.raises(LayerDefinitionError, match=r"not JSON: .*line 2, column 1"):
        parse_text('{"name":\n', "dumps.json")
    assert problems_of(["a list"]) == ["a layer definition is a JSON object {...}, not a list"]


def test_every_shape_problem_is_reported_at_once_with_where_it_is():
    found = problems_of(
        {
            "name": "Dumps",
            "geometry": "POLYGON",
            "title": {"en": "Dumps", "kk": "Үйінділер"},
            "fields": [{"name": "a", "type": "txt", "required": "yes", "title": {"en": "A", "kk": "А", "ru": "А"}}],
            "colour": "#ff0000",
        }
    )
    assert found == [
        'name: "Dumps" is not a valid name: lower-case Latin letters, digits and _, starting with a letter',
        'geometry: "POLYGON" is not one of: POINT, LINESTRING, MULTILINESTRING or MULTIPOLYGON',
        "title.ru: is missing",
        'fields[0].type: "txt" is not one of: text, integer, real, date, datetime or boolean',
        'fields[0].required: must be true or false, not "yes"',
        "colour: is not a key of a layer definition (a typo?)",
    ]


def test_nothing_is_coerced_a_number_for_a_flag_or_a_title_is_refused():
    data = dumps()
    data["fields"][0] = {**data["fields"][0], "required": 1, "title": "Name"}
    assert problems_of(data) == [
        'fields[0].title: must be an object {...}, not "Name"',
        "fields[0].required: must be true or false, not 1",
    ]


@pytest.mark.parametrize(
    "bounds, said",
    [
        ('"minimum": Infinity', ["fields[0].minimum: inf is not a finite number"]),
        ('"maximum": -Infinity', ["fields[0].maximum: -inf is not a finite number"]),
        (
            '"minimum": NaN, "maximum": 1e400',
            [
                "fields[0].minimum: nan is not a finite number",
                "fields[0].maximum: inf is not a finite number",
            ],
        ),
        ('"minimum": 5, "maximum": -5', ["fields[0]: the minimum 5 is above the maximum -5"]),
    ],
)
def test_a_range_is_two_finite_numbers_in_order(bounds: str, said: list[str]):
    data = dumps()
    at = len(data["fields"])
    data["fields"].append({"name": "depth", "type": "real", "BOUNDS": 0, "title": {"en": "D", "kk": "Т", "ru": "Г"}})
    text = json.dumps(data, ensure_ascii=False).replace('"BOUNDS": 0', bounds)  # as a text editor writes them
    said = [line.replace("fields[0]", f"fields[{at}]") for line in said]
    with pytest.raises(LayerDefinitionError) as refused:
        parse_text(text, "depths.json")
    assert [str(p) for p in refused.value.problems] == said
    assert problems_of(json.loads(text)) == said  # each one translatable
    assert parse_text(text.replace(bounds, '"minimum": -5, "maximum": 5'), "depths.json").fields[at].maximum == 5


def test_rules_that_need_the_whole_definition():
    data = dumps(
        fields=[
            {"name": "name", "type": "text", "title": {"en": "N", "kk": "А", "ru": "Н"}},
            {"name": "name", "type": "text", "title": {"en": "N", "kk": "А", "ru": "Н"}},
            {"name": "uuid", "type": "text", "title": {"en": "U", "kk": "U", "ru": "U"}},
            {
                "name": "count",
                "type": "integer",
                "minimum": 10,
                "maximum": 1,
                "title": {"en": "C", "kk": "С", "ru": "К"},
            },
            {
                "name": "code",
                "type": "integer",
                "vocabulary": [{"code": "a", "en": "A", "kk": "А", "ru": "А"}],
                "title": {"en": "K", "kk": "К", "ru": "К"},
            },
            {"name": "area", "type": "real", "derived": "area_ha", "title": {"en": "A", "kk": "А", "ru": "П"}},
            {
                "name": "day",
                "type": "text",
                "not_future": True,
                "max_length": 5,
                "title": {"en": "D", "kk": "К", "ru": "Д"},
            },
        ],
        style={"colors": {"gone": "#000000"}},
    )
    assert problems_of(data) == [
        "fields: the field name is defined 2 times",
        "fields[2].name: every layer has a field uuid already; choose another name",
        "fields[3]: the minimum 10 is above the maximum 1",
        "fields[4]: a vocabulary is for text fields (the codes are text)",
        "fields[5]: area_ha cannot be measured on a POINT layer",
        "fields[6]: not_future is for date and datetime fields",
        "style.colors: colours per code need categorized_by",
    ]
    assert problems_of(dumps(name="gpkg_contents")) == [
        "name: gpkg_contents is a name the program keeps for itself; choose another"
    ]
    bad_style = dumps(style={"categorized_by": "name", "fill": "red"})
    assert problems_of(bad_style) == [
        'style.fill: "red" is not a colour like #d55e00',
    ]
    assert problems_of(dumps(style={"categorized_by": "name"})) == [
        "style.categorized_by: name is not a field of this layer with a vocabulary"
    ]
    # widths and patterns per code are for lines, and name codes of the categorised field
    assert problems_of(dumps(style={"dash": "dot", "widths": {"active": 2}})) == [
        "style.dash: only a line layer has line patterns and widths per code",
        "style.widths: only a line layer has line patterns and widths per code",
    ]
    canals = copy.deepcopy(CANALS)
    canals["style"].update(widths={"gone": 2}, dashes={"dry": "wavy"})
    problems = problems_of(canals)
    assert "style.widths: gone is not a code of status" not in problems  # the pattern is refused first
    assert any(p.startswith("style.dashes.dry:") for p in problems)
    canals["style"]["dashes"] = {"dry": "dot"}
    assert problems_of(canals) == ["style.widths: gone is not a code of status"]
    del canals["style"]["categorized_by"], canals["fields"][1]["vocabulary"]
    canals["style"].pop("colors")
    assert problems_of(canals) == [
        "style.widths: values per code need categorized_by",
        "style.dashes: values per code need categorized_by",
    ]


def test_a_definition_of_a_newer_format_asks_for_a_newer_program():
    with pytest.raises(NewerDefinitionFormat, match="update the program"):
        parse(dumps(format="baytak-layer/2"), "from a newer server")


def test_an_unknown_layer_names_the_layers_there_are():
    with pytest.raises(UnknownLayer, match="quarries, brick_factories"):
        builtin_catalog().layer("illegal_dumps")


def test_titles_and_labels_hold_text_a_device_can_show_and_a_console_can_print():
    data = dumps()
    data["title"] = {**data["title"], "ru": "Свалки\x1b[2J"}
    data["fields"][0]["title"] = {**data["fields"][0]["title"], "kk": "\ufffe"}
    assert problems_of(data) == [
        "title.ru: contains the character U+001B (at position 7), which text cannot hold; remove it",
        "fields[0].title.kk: contains the character U+FFFE (at position 1), which text cannot hold; remove it",
    ]
    said = problems_of(dumps(title={**ILLEGAL_DUMPS["title"], "en": "\udc80"}))
    assert said == ['title.en: "\\udc80" cannot be used here']
    "; ".join(said).encode()  # every message can be printed and stored


def test_a_definition_an_older_version_published_still_opens(tmp_path):
    """The rules added since (finite bounds, texts without control characters) refuse a definition at
    publishing; one already published by an older version, read back from the store, still opens: the
    store is not locked out of its own data by an update."""
    import sqlite3
    from contextlib import closing

    from baytak_desktop.store import Store
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    data = dumps()
    data["title"]["en"] = "Dumps\x1b[2J"  # an escape sequence an older version let through
    data["fields"].append({"name": "depth", "type": "real", "BOUNDS": 0, "title": {"en": "D", "kk": "Т", "ru": "Г"}})
    text = json.dumps(data, ensure_ascii=False).replace('"BOUNDS": 0', '"minimum": Infinity')
    with pytest.raises(LayerDefinitionError):
        parse_text(text, "dumps.json")  # publishing it now is refused
    path = tmp_path / "old.gpkg"
    valid = text.replace('"minimum": Infinity', '"minimum": 0').replace("\\u001b[2J", "")
    with Store.create(path) as store, store.session() as conn:  # published as it was then: the table made
        apply_revisions(conn, [PublishedRevision(1, 1, parse_text(valid, "dumps.json"))])
    with closing(sqlite3.connect(path)) as conn, conn:  # and the text an older version kept
        conn.execute("UPDATE baytak_layer_revisions SET definition = ? WHERE revision = 1", (text,))
    with Store.open(path) as store:
        layer = store.catalog.layer(data["name"])
        assert layer.title.startswith("Dumps") and "depth" in [f.name for f in layer.fields]
