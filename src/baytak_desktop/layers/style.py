"""How a layer is drawn: a plain value, shared by the map canvas, the layer panel, and print exhibits.

A style is data, not Qt: colours are ``#rrggbb`` text, sizes are in pixels at 96 dpi, so the print
layout and the web map draw the same symbols as the screen. Styles are saved in the GeoPackage
(``baytak_styles``) as JSON, so they survive a restart and travel with the file.

``kind`` is ``single`` (one symbol for every feature) or ``categorized`` (a symbol per value of
``field``, e.g. status, with a legend). A value without a category is drawn with the default symbol.

A saved style may have been edited by hand or by another tool (the table is visible in QGIS), so
``from_json`` checks everything and raises ``StyleError`` rather than letting a bad value reach the
painter.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers.catalog import Catalog, builtin_catalog
from baytak_desktop.layers.schema import DefaultStyle, FieldType, LayerSchema

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
Kind = Literal["single", "categorized"]
KINDS = ("single", "categorized")
# A palette that stays readable on the pale basemap and to people with red-green colour blindness
# (Okabe-Ito, then darker companions).
PALETTE = (
    "#d55e00",
    "#0072b2",
    "#009e73",
    "#cc79a7",
    "#e69f00",
    "#56b4e9",
    "#000000",
    "#7f3c8d",
    "#11a579",
    "#3969ac",
    "#f2b701",
    "#e73f74",
)
# How a line is drawn: dashes and gaps in units of the line's width (as Qt's pens count them), so a
# pattern keeps its look at any width; the web map multiplies them out into pixels.
DASHES: dict[str, tuple[float, ...]] = {
    "solid": (),
    "dash": (4.0, 2.0),
    "dot": (1.0, 2.0),
    "dashdot": (4.0, 2.0, 1.0, 2.0),
}
LINE_WIDTH = 2.0  # px: a line layer drawn without a width of its own
# (attribute, lowest, highest) of a symbol; size must also be above 0 (a 0 px marker is invisible).
_SYMBOL_RANGES = (("stroke_width", 0.0, 50.0), ("size", 0.0, 100.0), ("fill_alpha", 0.0, 1.0))
MAX_CATEGORIES = 200  # more than this is not a legend a person can read


class StyleError(BaytakError):
    """A style that cannot be used: a hand-edited or corrupt saved style, or a bad value in the editor."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


@dataclass(frozen=True)
class Symbol:
    fill: str = "#d55e00"  # polygon fill and point marker fill
    stroke: str = "#402010"  # outline, or the line colour for line layers
    stroke_width: float = 1.0
    size: float = 7.0  # point marker diameter, px
    fill_alpha: float = 0.45  # polygon fill opacity (0 = only the outline); points are opaque (see opacity)
    dash: str = "solid"  # how a line (a line layer's, or an outline) is drawn: a key of DASHES

    def dash_pattern(self) -> tuple[float, ...]:
        """Dashes and gaps in units of the line's width; () for a solid line."""
        return DASHES.get(self.dash, ())

    def validate(self) -> None:
        if self.dash not in DASHES:
            raise StyleError("The line pattern {value} is not one of: solid, dash, dot, dashdot.", value=self.dash)
        for name in ("fill", "stroke"):
            value = getattr(self, name)
            if not isinstance(value, str) or not COLOR_RE.match(value):
                raise StyleError("The colour {value} is not a #rrggbb colour.", value=value)
        for name, low, high in _SYMBOL_RANGES:
            value = getattr(self, name)
            if not _is_number(value) or not low <= value <= high or (name == "size" and value == 0):
                raise StyleError(
                    "The {name} {value} is out of range ({low} to {high}).",
                    name=name.replace("_", " "),
                    value=value,
                    low=low,
                    high=high,
                )


@dataclass(frozen=True)
class Category:
    value: str  # the stored code, e.g. "illegal"; the legend shows its label in the UI language
    symbol: Symbol


@dataclass(frozen=True)
class LayerStyle:
    layer: str
    visible: bool = True
    opacity: float = 1.0
    order: int = 0  # drawing order: higher is drawn on top
    kind: Kind = "single"
    symbol: Symbol = field(default_factory=Symbol)  # the single symbol, and the fallback of a category
    field: str | None = None  # categorized by this field
    categories: tuple[Category, ...] = ()
    label_field: str | None = None  # draw this field's value beside each feature

    def symbol_for(self, value: Any) -> Symbol:
        """The symbol of a feature whose ``field`` holds ``value``."""
        if self.kind == "categorized":
            for category in self.categories:
                if category.value == value:
                    return category.symbol
        return self.symbol

    def validate(self, schema: LayerSchema) -> None:
        """Raise StyleError with a message a person can act on when the style cannot be drawn."""
        if not isinstance(self.visible, bool) or isinstance(self.order, bool) or not isinstance(self.order, int):
            raise StyleError("The visibility or drawing order of {layer} is not valid.", layer=self.layer)
        if not _is_number(self.opacity) or not 0 <= self.opacity <= 1:
            raise StyleError("Opacity must be between 0 and 1.")
        if self.kind not in KINDS:
            raise StyleError("Unknown style kind {kind}: use single or categorized.", kind=self.kind)
        self.symbol.validate()
        for name in (self.field, self.label_field):
            if name is not None and (not isinstance(name, str) or name not in schema.field_names):
                raise StyleError("The layer {layer} has no field {field}.", layer=self.layer, field=name)
        if self.kind == "categorized":
            self._validate_categories(schema)

    def _validate_categories(self, schema: LayerSchema) -> None:
        if self.field is None:
            raise StyleError("A categorized style needs a field.")
        if schema.field(self.field).type is not FieldType.TEXT:
            raise StyleError("Categories need a text field; {field} is not one.", field=self.field)
        if not self.categories:
            raise StyleError("A categorized style needs at least one category: press Classify.")
        if len(self.categories) > MAX_CATEGORIES:
            raise StyleError(
                "{count} categories are too many for a legend (at most {most}).",
                count=len(self.categories),
                most=MAX_CATEGORIES,
            )
        values = [c.value for c in self.categories]
        if not all(isinstance(v, str) for v in values) or len(set(values)) != len(values):
            raise StyleError("Each category needs a different text value.")
        for category in self.categories:
            category.symbol.validate()

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, catalog: Catalog | None = None) -> LayerStyle:
        """A saved style, checked against ``catalog`` (the built-in layers when not given): anything
        unreadable or out of range raises StyleError."""
        try:
            data = json.loads(text)
            symbol = Symbol(**data.pop("symbol"))
            categories = tuple(Category(c["value"], Symbol(**c["symbol"])) for c in data.pop("categories"))
            style = cls(symbol=symbol, categories=categories, **data)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise StyleError(
                "A saved layer style cannot be read ({error}); the default style is used.", error=str(error)
            ) from error
        layers = catalog or builtin_catalog()
        if not isinstance(style.layer, str) or style.layer not in layers:
            raise StyleError("A saved style names an unknown layer {layer}.", layer=style.layer)
        style.validate(layers[style.layer])
        return style


def categorized(style: LayerStyle, field_name: str, values: Iterable[str], *, line: bool = False) -> LayerStyle:
    """``style`` turned into one category per value, coloured from the palette in order (the line's
    colour for a line layer, ``line``; else the fill)."""
    values = list(values)
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(values))]
    categories = tuple(
        category_for(style.symbol, value, color, line=line) for value, color in zip(values, colors, strict=True)
    )
    return replace(style, kind="categorized", field=field_name, categories=categories)


def category_for(base: Symbol, value: str, color: str, *, line: bool = False) -> Category:
    """A category drawn like ``base`` in ``color``: a line layer's line is drawn in it (``line``: a line
    has no fill), a point or an area is filled with it and outlined in a darker shade of it."""
    if line:
        return Category(value, replace(base, stroke=color))
    return Category(value, replace(base, fill=color, stroke=darker(color)))


def category_color(symbol: Symbol, *, line: bool = False) -> str:
    """The colour that tells a category apart: a line's own colour, else the fill."""
    return symbol.stroke if line else symbol.fill


def darker(color: str) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.6) for c in (r, g, b)))


def category_label(layer: str, field_name: str | None, value: str, lang: str, catalog: Catalog | None = None) -> str:
    """How a category value reads in ``lang``: its vocabulary label, or the value itself."""
    schema = (catalog or builtin_catalog()).get(layer)
    if schema is None or field_name is None or field_name not in schema.field_names:
        return value
    vocabulary = schema.field(field_name).vocabulary
    return vocabulary.label(value, lang) if vocabulary is not None else value


def legend_entries(
    style: LayerStyle, lang: str, title: str = "", catalog: Catalog | None = None
) -> list[tuple[str, Symbol]]:
    """What a legend shows for ``style``: (label in ``lang``, symbol) pairs, in category order.

    A single-symbol style is one entry labelled ``title`` (the caller's layer title, translated by the
    caller's own means). Used by the layer panel, the style dialog's preview and print layouts, so the
    legend on paper is the legend on screen.
    """
    if style.kind != "categorized":
        return [(title, style.symbol)]
    return [(category_label(style.layer, style.field, c.value, lang, catalog), c.symbol) for c in style.categories]


def reordered(styles: dict[str, LayerStyle], top_first: list[str]) -> dict[str, LayerStyle]:
    """``styles`` with ``order`` renumbered so the first layer of ``top_first`` is drawn on top."""
    count = len(top_first)
    return {layer: replace(styles[layer], order=count - 1 - i) for i, layer in enumerate(top_first)}


def top_first(styles: dict[str, LayerStyle]) -> list[str]:
    """Layer names as a layer list shows them: the one drawn on top first."""
    return sorted(styles, key=lambda layer: (-styles[layer].order, layer))


def default_style(schema: LayerSchema, order: int = 0) -> LayerStyle:
    """What a layer looks like before anyone styles it, from its definition's ``style``: categorized
    by the field it names (or by ``status`` where that has a vocabulary), each code in its colour."""
    hint, line = schema.style, schema.is_line
    given = {
        name: getattr(hint, name)
        for name in ("fill", "stroke", "stroke_width", "size", "fill_alpha", "dash")
        if getattr(hint, name) is not None
    }
    if given and line:
        given = {"stroke_width": LINE_WIDTH, **given}
    symbol = Symbol(**given) if given else _palette_symbol(order, line)
    base = LayerStyle(
        layer=schema.name,
        order=order,
        symbol=symbol,
        label_field=hint.label_field or ("name" if "name" in schema.field_names else None),
    )
    by = hint.categorized_by or ("status" if "status" in schema.field_names else None)
    vocabulary = schema.field(by).vocabulary if by is not None else None
    if by is None or vocabulary is None:
        return base
    styled = categorized(base, by, list(vocabulary.codes), line=line)
    return replace(styled, categories=tuple(_hinted(c, base.symbol, hint, line) for c in styled.categories))


def _hinted(category: Category, base: Symbol, hint: DefaultStyle, line: bool) -> Category:
    """A default category with what the definition says of its code: its colour, and for a line its
    width and pattern."""
    colors, widths, dashes = dict(hint.colors), dict(hint.widths), dict(hint.dashes)
    code = category.value
    if code in colors:
        category = category_for(base, code, colors[code], line=line)
    if line and (code in widths or code in dashes):
        symbol = category.symbol
        changed = replace(
            symbol, stroke_width=widths.get(code, symbol.stroke_width), dash=dashes.get(code, symbol.dash)
        )
        category = Category(code, changed)
    return category


def _palette_symbol(order: int, line: bool = False) -> Symbol:
    """A layer published without colours: the next colour of the palette, outlined a shade darker (a
    line drawn in the colour itself, wide enough to be seen over the basemap)."""
    color = PALETTE[order % len(PALETTE)]
    if line:
        return Symbol(fill=color, stroke=color, stroke_width=LINE_WIDTH)
    return Symbol(fill=color, stroke=darker(color))


def _rank(schema: LayerSchema) -> int:
    """Areas at the bottom, lines above them, points on top: no point hides under a polygon."""
    return 0 if schema.is_polygon else (1 if schema.is_line else 2)


# Bottom to top among the built-in layers: the water extent under everything, areas under points.
DEFAULT_ORDER = ("shorelines", "cleanup_plans", "quarries", "brick_factories", "sewage_outflows", "tree_plantings")


def default_styles(catalog: Catalog | None = None) -> dict[str, LayerStyle]:
    """Every layer's default style, drawing order set: areas, then lines, then points; the built-in
    layers in their order, published ones above the built-in layers of the same kind."""
    layers = list((catalog or builtin_catalog()).values())

    def key(item: tuple[int, LayerSchema]) -> tuple[int, int, int]:
        index, schema = item
        known = DEFAULT_ORDER.index(schema.name) if schema.name in DEFAULT_ORDER else len(DEFAULT_ORDER) + index
        return (_rank(schema), known, index)

    bottom_up = [schema for _, schema in sorted(enumerate(layers), key=key)]
    return {schema.name: default_style(schema, order=i) for i, schema in enumerate(bottom_up)}
