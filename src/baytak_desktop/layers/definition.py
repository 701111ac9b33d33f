"""The layer definition format: a layer as JSON data (docs/layer-definitions.md).

The six built-in layers are definitions of this kind shipped with the program
(``resources/layers/*.json``); the party publishes more through the server (``baytak server layers
publish FILE.json``), and every device applies them at its next sync. So a definition comes from a
person's text editor or from the network, and is checked strictly before anything acts on it:

- the shape by pydantic (unknown keys refused, so a typo is an error and not a silently ignored rule;
  no type coercion: ``"required": "yes"`` is refused, not read as true);
- the meaning by ``definition_rules`` (a range only on numbers, a vocabulary only on text, the style's
  colours only for codes that exist...).

Every problem is reported at once, each with where it is (``fields[2].type``) and an English template
with parameters (``Problem.of``), so the UI shows it in Kazakh or Russian and the CLI in English.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from baytak_desktop.errors import BaytakError, Problem

FORMAT: Final = "baytak-layer/1"
NAME_PATTERN = r"^[a-z][a-z0-9_]*$"
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
MAX_NAME = 40  # PostgreSQL names are at most 63 bytes; "<layer>_geom" and "rtree_<layer>_geom" must fit
MAX_FIELDS = 200
MAX_TERMS = 500
MAX_TITLE = 200
FIELD_TYPES = ("text", "integer", "real", "date", "datetime", "boolean")
GEOMETRIES = ("POINT", "LINESTRING", "MULTILINESTRING", "MULTIPOLYGON")
MEASURES = ("area_ha", "area_km2", "length_km")

Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME, pattern=NAME_PATTERN)]
Text = Annotated[str, Field(min_length=1, max_length=MAX_TITLE)]
Color = Annotated[str, Field(pattern=COLOR_PATTERN)]


class _Strict(BaseModel):
    """Unknown keys refused, no coercion between types, immutable once read."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class TitlesDefinition(_Strict):
    """A title in the three languages of the program; none may be left out."""

    en: Text
    kk: Text
    ru: Text


class TermDefinition(_Strict):
    """One coded value: the code the data keeps, and its label in each language."""

    code: Annotated[str, Field(min_length=1, max_length=MAX_NAME, pattern=CODE_PATTERN)]
    en: Text
    kk: Text
    ru: Text
    deprecated: bool = False  # not offered in forms any more; features that have it keep it


class FieldDefinition(_Strict):
    name: Name
    type: Literal["text", "integer", "real", "date", "datetime", "boolean"]
    title: TitlesDefinition
    description: TitlesDefinition | None = None
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    min_length: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    max_length: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    not_future: bool = False  # a date of an observation: nobody saw it tomorrow
    derived: Literal["area_ha", "area_km2", "length_km"] | None = None  # computed from the geometry
    vocabulary: Annotated[list[TermDefinition], Field(min_length=1, max_length=MAX_TERMS)] | None = None
    vocabulary_name: Name | None = None  # shared by fields that use the same list; default <layer>_<field>
    deprecated: bool = False  # hidden in forms, kept in the data


Dash = Literal["solid", "dash", "dot", "dashdot"]  # how a line is drawn: whole, dashed, dotted, or both


class StyleDefinition(_Strict):
    """How the layer is drawn until someone styles it on their device."""

    fill: Color | None = None
    stroke: Color | None = None
    stroke_width: Annotated[float, Field(ge=0, le=50)] | None = None
    size: Annotated[float, Field(gt=0, le=100)] | None = None
    fill_alpha: Annotated[float, Field(ge=0, le=1)] | None = None
    categorized_by: Name | None = None  # a field with a vocabulary: one colour per code
    colors: dict[str, Color] = Field(default_factory=dict)  # code -> colour (the palette for the rest)
    label_field: Name | None = None
    # lines only: the pattern of the line, and per code a width and a pattern of its own
    dash: Dash | None = None
    widths: dict[str, Annotated[float, Field(gt=0, le=50)]] = Field(default_factory=dict)
    dashes: dict[str, Dash] = Field(default_factory=dict)


class LayerDefinition(_Strict):
    format: Literal["baytak-layer/1"] = FORMAT
    name: Name
    geometry: Literal["POINT", "LINESTRING", "MULTILINESTRING", "MULTIPOLYGON"]
    title: TitlesDefinition
    description: TitlesDefinition | None = None
    fields: Annotated[list[FieldDefinition], Field(min_length=1, max_length=MAX_FIELDS)]
    style: StyleDefinition | None = None

    def field(self, name: str) -> FieldDefinition | None:
        return next((f for f in self.fields if f.name == name), None)

    def as_json(self) -> dict[str, Any]:
        """The definition as published: without keys left at their defaults, in the documented order."""
        data: dict[str, Any] = self.model_dump(mode="json", exclude_defaults=True)
        return {"format": FORMAT, **data}

    def text(self) -> str:
        """Canonical JSON text: what the server stores and sends, so equal definitions are equal text."""
        return json.dumps(self.as_json(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class LayerDefinitionError(BaytakError):
    """A layer definition that cannot be used: ``problems`` says every reason and where it is."""

    template = "The layer definition {source} cannot be used: {summary}"

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.problems = problems
        summary = "; ".join(str(p) for p in problems[:5])
        if len(problems) > 5:
            summary += f"; and {len(problems) - 5} more"
        super().__init__(source=source, summary=summary)


class NewerDefinitionFormat(BaytakError):
    template = (
        "The layer definition {source} is written in {found}, which this version of Baytak does not know "
        "(it knows {known}); update the program."
    )


def parse_text(text: str, source: str, *, stored: bool = False) -> LayerDefinition:
    """A definition from JSON text (a file, a request body, or ``stored``: a revision already published);
    ``source`` names it in messages."""
    from baytak_desktop.layers.definition_shape import json_problem

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LayerDefinitionError(source, [json_problem(exc)]) from None
    return parse(data, source, stored=stored)


def parse(data: Any, source: str, *, stored: bool = False) -> LayerDefinition:
    """A definition from parsed JSON, checked in shape and meaning (a ``stored`` one by the rules it was
    published under: definition_rules.meaning_problems); LayerDefinitionError otherwise."""
    from baytak_desktop.layers.definition_rules import meaning_problems
    from baytak_desktop.layers.definition_shape import shape_problem

    if not isinstance(data, dict):
        problem = Problem.of("a layer definition is a JSON object {{...}}, not {kind}", kind=_json_kind(data))
        raise LayerDefinitionError(source, [problem])
    if isinstance(data.get("format"), str) and data["format"] != FORMAT and data["format"].startswith("baytak-layer/"):
        raise NewerDefinitionFormat(source=source, found=data["format"], known=FORMAT)
    try:
        definition = LayerDefinition.model_validate(data)
    except ValidationError as exc:
        raise LayerDefinitionError(source, [shape_problem(error) for error in exc.errors()]) from None
    problems = meaning_problems(definition, stored=stored)
    if problems:
        raise LayerDefinitionError(source, problems)
    return definition


def _json_kind(data: Any) -> str:
    return {list: "a list", str: "text", bool: "true/false", type(None): "null"}.get(type(data), "a number")
