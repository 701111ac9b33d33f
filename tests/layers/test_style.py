"""The style model: JSON round trip, rejection of anything a painter could not draw, legend entries."""

from __future__ import annotations

import contextlib
import json
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers import LAYERS, Catalog
from baytak_desktop.layers.style import (
    DASHES,
    PALETTE,
    Category,
    LayerStyle,
    StyleError,
    Symbol,
    categorized,
    default_style,
    default_styles,
    legend_entries,
    reordered,
    top_first,
)

colors = st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)
symbols = st.builds(
    Symbol,
    fill=colors,
    stroke=colors,
    stroke_width=st.floats(0, 50),
    size=st.floats(0.1, 100),
    fill_alpha=st.floats(0, 1),
    dash=st.sampled_from(sorted(DASHES)),
)
layers = st.sampled_from(sorted(LAYERS))


@st.composite
def styles(draw) -> LayerStyle:
    layer = draw(layers)
    schema = LAYERS[layer]
    text_fields = [f.name for f in schema.fields if f.type.value == "TEXT"]
    style = LayerStyle(
        layer,
        visible=draw(st.booleans()),
        opacity=draw(st.floats(0, 1)),
        order=draw(st.integers(-100, 100)),
        symbol=draw(symbols),
        label_field=draw(st.none() | st.sampled_from(schema.field_names)),
    )
    if draw(st.booleans()):
        values = draw(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=8, unique=True))
        cats = tuple(Category(v, draw(symbols)) for v in values)
        style = replace(style, kind="categorized", field=draw(st.sampled_from(text_fields)), categories=cats)
    return style


@given(styles())
def test_json_round_trip_keeps_every_value(style):
    text = style.to_json()
    assert LayerStyle.from_json(text) == style
    assert json.loads(text)["layer"] == style.layer  # plain JSON another tool can read


def test_default_styles_are_valid_and_categorized_by_status():
    styles = default_styles()
    assert set(styles) == set(LAYERS)
    for style in styles.values():
        style.validate(LAYERS[style.layer])
        assert LayerStyle.from_json(style.to_json()) == style
    quarries = styles["quarries"]
    assert quarries.kind == "categorized" and quarries.field == "status"
    assert [c.value for c in quarries.categories] == list(LAYERS["quarries"].field("status").vocabulary.codes)
    assert styles["shorelines"].kind == "single"
    # points are drawn above areas by default
    assert top_first(styles)[-1] == "shorelines"
    assert styles["tree_plantings"].order > styles["quarries"].order


def mutated(**changes) -> str:
    data = json.loads(default_style(LAYERS["quarries"]).to_json())
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            data[outer][inner] = value
        else:
            data[key] = value
    return json.dumps(data)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "cannot be read"),
        ("{not json", "cannot be read"),
        ("[1, 2]", "cannot be read"),
        ("42", "cannot be read"),
        ("null", "cannot be read"),
        (mutated(layer="roads"), "unknown layer roads"),
        (mutated(layer=7), "unknown layer"),
        (mutated(**{"symbol.fill": "red"}), "red is not a #rrggbb"),
        (mutated(**{"symbol.fill": 16711680}), "not a #rrggbb"),
        (mutated(**{"symbol.stroke": "#12345"}), "not a #rrggbb"),
        (mutated(**{"symbol.size": 0}), "size 0 is out of range"),
        (mutated(**{"symbol.stroke_width": -1}), "stroke width -1 is out of range"),
        (mutated(**{"symbol.fill_alpha": "half"}), "fill alpha half"),
        (mutated(**{"symbol.glow": 3}), "cannot be read"),
        (mutated(opacity=1.5), "Opacity"),
        (mutated(opacity=float("nan")), "Opacity"),
        (mutated(visible="yes"), "visibility"),
        (mutated(order=2.5), "drawing order"),
        (mutated(kind="heatmap"), "Unknown style kind heatmap"),
        (mutated(field="colour"), "no field colour"),
        (mutated(label_field="nickname"), "no field nickname"),
        (mutated(field="area_ha"), "need a text field"),
        (mutated(field=None), "needs a field"),
        (mutated(categories=[]), "at least one category"),
        (mutated(categories=[{"value": "a", "symbol": {}}, {"value": "a", "symbol": {}}]), "different text value"),
        (mutated(categories=[{"value": 3, "symbol": {}}]), "different text value"),
        (mutated(categories=[{"symbol": {}}]), "cannot be read"),
        (mutated(extra=1), "cannot be read"),
    ],
)
def test_bad_saved_styles_are_refused_with_a_message(text, fragment):
    with pytest.raises(StyleError) as caught:
        LayerStyle.from_json(text)
    assert fragment in caught.value.message
    assert isinstance(caught.value, BaytakError)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=300)
@given(
    st.sampled_from(
        [
            "layer",
            "visible",
            "opacity",
            "order",
            "kind",
            "symbol",
            "field",
            "categories",
            "label_field",
            "symbol.fill",
            "symbol.size",
            "symbol.fill_alpha",
        ]
    ),
    json_values,
)
def test_any_mangled_field_is_either_valid_or_a_style_error(key, value):
    """Whatever another tool writes into one field, reading it never fails with anything but StyleError."""
    try:
        style = LayerStyle.from_json(mutated(**{key: value}))
    except StyleError:
        return
    style.validate(LAYERS[style.layer])


@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes_the_reader(text):
    with contextlib.suppress(StyleError):
        LayerStyle.from_json(text)


def test_categorized_colours_from_the_palette_with_darker_outlines():
    base = LayerStyle("brick_factories")
    style = categorized(base, "operator", ["A", "B"])
    assert [c.symbol.fill for c in style.categories] == list(PALETTE[:2])
    assert style.categories[0].symbol.stroke == "#7f3800"  # 60 % of #d55e00
    assert style.symbol_for("B") == style.categories[1].symbol
    assert style.symbol_for("unheard of") == base.symbol
    style.validate(LAYERS["brick_factories"])


def test_legend_entries_use_vocabulary_labels_in_the_language():
    style = default_style(LAYERS["quarries"])
    kk = dict(legend_entries(style, "kk"))
    ru = dict(legend_entries(style, "ru"))
    en = [label for label, _ in legend_entries(style, "en")]
    assert "заңсыз" in kk and "незаконный" in ru and en[:2] == ["active", "illegal"]
    assert kk["заңсыз"] == style.categories[1].symbol


def test_legend_of_free_text_categories_shows_the_values_and_single_shows_the_title():
    style = categorized(LayerStyle("quarries"), "operator", ["ТОО Құм", "Other"])
    assert [label for label, _ in legend_entries(style, "kk")] == ["ТОО Құм", "Other"]
    single = default_style(LAYERS["shorelines"])
    assert legend_entries(single, "ru", title="Береговые линии") == [("Береговые линии", single.symbol)]


def test_reordering_puts_the_first_on_top():
    styles = default_styles()
    wanted = ["shorelines", "quarries", "tree_plantings", "cleanup_plans", "brick_factories", "sewage_outflows"]
    again = reordered(styles, wanted)
    assert top_first(again) == wanted
    assert again["shorelines"].order == 5 and again["sewage_outflows"].order == 0
    assert again["quarries"].categories == styles["quarries"].categories


def test_a_line_layer_is_categorised_by_line_colour_width_and_pattern():
    """Rivers by status: the definition's colours are the lines' own (not fills outlined a shade darker),
    with the widths and dashes it gives per code; codes it says nothing of keep the layer's line."""
    from layer_helpers import CANALS

    from baytak_desktop.layers.catalog import to_schema
    from baytak_desktop.layers.definition import parse

    schema = to_schema(parse(CANALS, "canals.json"))
    style = default_style(schema)
    style.validate(schema)
    assert style.kind == "categorized" and style.field == "status"
    working, leaking, dry = (style.symbol_for(code) for code in ("working", "leaking", "dry"))
    assert (working.stroke, working.stroke_width, working.dash) == ("#1f78b4", 4, "solid")
    assert (leaking.stroke, leaking.stroke_width, leaking.dash) == ("#e66101", 2, "solid")
    assert (dry.stroke, dry.stroke_width, dry.dash) == ("#8c510a", 3, "dash")
    assert dry.dash_pattern() == DASHES["dash"] and working.dash_pattern() == ()
    # classifying a line layer in the style dialog colours its lines too
    lines = categorized(LayerStyle("canals", symbol=style.symbol), "status", ["working", "dry"], line=True)
    assert [c.symbol.stroke for c in lines.categories] == list(PALETTE[:2])
    assert {c.symbol.fill for c in lines.categories} == {style.symbol.fill}
    # a saved style keeps the patterns, and refuses one it does not know
    assert LayerStyle.from_json(style.to_json(), Catalog((schema,), ())) == style
    with pytest.raises(StyleError, match="line pattern"):
        replace(style, symbol=replace(style.symbol, dash="wavy")).validate(schema)


def test_a_line_layer_without_colours_is_drawn_in_a_palette_colour_wide_enough_to_see():
    from layer_helpers import CANALS

    from baytak_desktop.layers.catalog import to_schema
    from baytak_desktop.layers.definition import parse

    plain = {key: value for key, value in CANALS.items() if key != "style"}
    style = default_style(to_schema(parse(plain, "canals.json")), order=1)
    assert style.symbol.stroke == PALETTE[1] and style.symbol.stroke_width == 2.0
    lines = [style.symbol_for(code) for code in ("working", "leaking", "dry")]  # by status, a colour each
    assert [s.stroke for s in lines] == list(PALETTE[:3]) and {s.stroke_width for s in lines} == {2.0}
