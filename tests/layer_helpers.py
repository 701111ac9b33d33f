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


DEPTH = {
    "name": "depth_m",
    "type": "real",
    "minimum": 0,
    "maximum": 500,
    "title": {"en": "Depth, m", "kk": "Тереңдігі, м", "ru": "Глубина, м"},
}

# The layer of the issue: what a coordinator publishes while activists are offline.
ILLEGAL_DUMPS: dict[str, Any] = {
    "name": "illegal_dumps",
    "geometry": "POINT",
    "title": {"en": "Illegal dumps", "kk": "Заңсыз қоқыс үйінділері", "ru": "Незаконные свалки"},
    "fields": [
        {"name": "name", "type": "text", "required": True, "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
        {
            "name": "volume_m3",
            "type": "real",
            "minimum": 0,
            "maximum": 1_000_000,
            "title": {"en": "Volume, m³", "kk": "Көлемі, м³", "ru": "Объём, м³"},
        },
        {
            "name": "status",
            "type": "text",
            "required": True,
            "title": {"en": "Status", "kk": "Мәртебесі", "ru": "Статус"},
            "vocabulary": [
                {"code": "active", "en": "Active", "kk": "Белсенді", "ru": "Действующая"},
                {"code": "cleaned", "en": "Cleaned", "kk": "Тазартылды", "ru": "Ликвидирована"},
            ],
        },
        {
            "name": "burning",
            "type": "boolean",
            "title": {"en": "Burning", "kk": "Жанып жатыр", "ru": "Горит"},
        },
        {
            "name": "found_on",
            "type": "date",
            "not_future": True,
            "title": {"en": "Found on", "kk": "Табылған күні", "ru": "Дата обнаружения"},
        },
    ],
    "style": {"fill": "#7f3c8d", "stroke": "#3d1a45", "size": 8, "colors": {"active": "#d7191c", "cleaned": "#1a9641"}},
}
