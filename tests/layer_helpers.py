"""Layer definitions for tests: a built-in one with a field more, the "illegal dumps" of the issue."""

from __future__ import annotations

from typing import Any

from baytak_desktop.layers.definition import LayerDefinition, parse


def with_field(definition: LayerDefinition, field: dict[str, Any]) -> LayerDefinition:
    """``definition`` with one more field (given as its JSON), checked like a published file."""
    data = definition.as_json()
    data["fields"].append(field)
    return parse(data, f"{definition.name} with {field['name']}")


KILNS = {
    "name": "kiln_count",
    "type": "integer",
    "minimum": 0,
    "maximum": 1000,
    "title": {"en": "Kilns", "kk": "Пештер саны", "ru": "Число печей"},
}
