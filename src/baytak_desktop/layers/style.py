"""How a layer is drawn: a plain value, shared by the map canvas, the layer panel, and print exhibits.

A style is data, not Qt: colours are ``#rrggbb`` text, sizes are in pixels at 96 dpi, so the print
layout and the web map draw the same symbols as the screen. Styles are saved in the GeoPackage
(``baytak_styles``) as JSON, so they survive a restart and travel with the file.

``kind`` is ``single`` (one symbol for every feature) or ``categorized`` (a symbol per value of
``field``, e.g. status, with a legend). A value without a category is drawn with the default symbol.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from baytak_desktop.errors import BaytakError
from baytak_desktop.layers.schema import LAYERS, LayerSchema

COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
Kind = Literal["single", "categorized"]
# A palette that stays readable on the pale basemap and to people with red-green colour blindness
# (Okabe-Ito, then darker companions).
PALETTE = ("#d55e00", "#0072b2", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000", "#7f3c8d",
           "#11a579", "#3969ac", "#f2b701", "#e73f74")


class StyleError(BaytakError):
    """A saved style that cannot be used (hand-edited JSON, an older or newer file)."""


@dataclass(frozen=True)
class Symbol:
    fill: str = "#d55e00"  # polygon fill and point marker fill
    stroke: str = "#402010"  # outline, or the line colour for line layers
    stroke_width: float = 1.0
    size: float = 7.0  # point marker diameter, px
    fill_alpha: float = 0.45  # polygon fill transparency; points and lines are opaque (see opacity)

    def validate(self) -> None:
        for name in ("fill", "stroke"):
            if not COLOR_RE.match(getattr(self, name)):
                raise StyleError("The colour {value} is not a #rrggbb colour.", value=getattr(self, name))
        if not (0 <= self.stroke_width <= 50 and 0 < self.size <= 100 and 0 <= self.fill_alpha <= 1):
            raise StyleError("A symbol size or width is out of range.")


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
        if not 0 <= self.opacity <= 1:
            raise StyleError("Opacity must be between 0 and 1.")
        self.symbol.validate()
        for category in self.categories:
            category.symbol.validate()
        for name in (self.field, self.label_field):
            if name is not None and name not in schema.field_names:
                raise StyleError("The layer {layer} has no field {field}.", layer=self.layer, field=name)
        if self.kind == "categorized" and self.field is None:
            raise StyleError("A categorized style needs a field.")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> LayerStyle:
        try:
            data = json.loads(text)
            symbol = Symbol(**data.pop("symbol"))
            categories = tuple(Category(c["value"], Symbol(**c["symbol"])) for c in data.pop("categories"))
            style = cls(symbol=symbol, categories=categories, **data)
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise StyleError("A saved layer style cannot be read ({error}); the default style is used.",
                             error=str(error)) from error
        if style.layer not in LAYERS:
            raise StyleError("A saved style names an unknown layer {layer}.", layer=style.layer)
        style.validate(LAYERS[style.layer])
        return style


def categorized(style: LayerStyle, field_name: str, values: list[str]) -> LayerStyle:
    """``style`` turned into one category per value, coloured from the palette in order."""
    colors = [PALETTE[i % len(PALETTE)] for i in range(len(values))]
    categories = tuple(Category(value, replace(style.symbol, fill=color, stroke=_darker(color)))
                       for value, color in zip(values, colors))
    return replace(style, kind="categorized", field=field_name, categories=categories)


def _darker(color: str) -> str:
    r, g, b = (int(color[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02x}{:02x}{:02x}".format(*(int(c * 0.6) for c in (r, g, b)))


def default_style(schema: LayerSchema, order: int = 0) -> LayerStyle:
    """What a layer looks like before anyone styles it: categorized by status where it has one."""
    base = LayerStyle(layer=schema.name, order=order, symbol=Symbol(**_DEFAULT_SYMBOLS.get(schema.name, {})),
                      label_field="name" if "name" in schema.field_names else None)
    status = schema.field("status") if "status" in schema.field_names else None
    if status is not None and status.vocabulary is not None:
        return categorized(base, "status", list(status.vocabulary.codes))
    return base


_DEFAULT_SYMBOLS: dict[str, dict[str, Any]] = {
    "quarries": {"fill": "#b5651d", "stroke": "#5c3310"},
    "brick_factories": {"fill": "#8b1a1a", "stroke": "#3d0b0b", "size": 8.0},
    "sewage_outflows": {"fill": "#6a3d9a", "stroke": "#2e1a44", "size": 8.0},
    "shorelines": {"fill": "#1f78b4", "stroke": "#0b3c5d", "stroke_width": 1.5, "fill_alpha": 0.0},
    "tree_plantings": {"fill": "#33a02c", "stroke": "#155010"},
    "cleanup_plans": {"fill": "#e69f00", "stroke": "#7a5500", "fill_alpha": 0.3},
}


def default_styles() -> dict[str, LayerStyle]:
    return {name: default_style(schema, order=i) for i, (name, schema) in enumerate(LAYERS.items())}
