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


MOTHBALLED = {"code": "mothballed", "en": "mothballed", "kk": "консервацияланған", "ru": "законсервирован"}


def factories_with_kilns_and_a_code() -> dict[str, Any]:
    """The built-in brick factories with a field more (the number of kilns) and a status code more."""
    from baytak_desktop.layers import builtin_catalog

    data = builtin_catalog().definition("brick_factories").as_json()
    data["fields"].append(KILNS)
    status = next(field for field in data["fields"] if field["name"] == "status")
    status["vocabulary"].append(MOTHBALLED)
    return data


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


# A line layer for water diplomacy: rivers and canals, their length derived from the geometry.
RIVERS: dict[str, Any] = {
    "name": "rivers",
    "geometry": "MULTILINESTRING",
    "title": {"en": "Rivers and canals", "kk": "Өзендер мен арналар", "ru": "Реки и каналы"},
    "fields": [
        {"name": "name", "type": "text", "required": True, "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
        {
            "name": "length_km",
            "type": "real",
            "derived": "length_km",
            "title": {"en": "Length, km", "kk": "Ұзындығы, км", "ru": "Длина, км"},
        },
    ],
    "style": {"stroke": "#1f78b4", "stroke_width": 2.5},
}


def publish_into(store: Any, *definitions: dict[str, Any]) -> None:
    """Apply ``definitions`` to ``store`` as a pull applies the server's schema revisions (the same
    function, in the store's transaction), numbered after the ones it has."""
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions

    first = store.catalog.revision + 1
    published = [PublishedRevision(first + i, first + i, parse(d, d["name"])) for i, d in enumerate(definitions)]
    with store.session() as conn:
        apply_revisions(conn, published)


# A line layer categorised by status: each status in a line colour and width of its own, the dry
# canals dashed (what a definition's default style says for lines).
CANALS: dict[str, Any] = {
    "name": "canals",
    "geometry": "MULTILINESTRING",
    "title": {"en": "Irrigation canals", "kk": "Суару арналары", "ru": "Оросительные каналы"},
    "fields": [
        {"name": "name", "type": "text", "required": True, "title": {"en": "Name", "kk": "Атауы", "ru": "Название"}},
        {
            "name": "status",
            "type": "text",
            "required": True,
            "title": {"en": "Status", "kk": "Мәртебесі", "ru": "Статус"},
            "vocabulary": [
                {"code": "working", "en": "Working", "kk": "Жұмыс істейді", "ru": "Действует"},
                {"code": "leaking", "en": "Leaking", "kk": "Су ағып кетеді", "ru": "С утечками"},
                {"code": "dry", "en": "Dry", "kk": "Құрғап қалған", "ru": "Пересох"},
            ],
        },
    ],
    "style": {
        "stroke": "#1f78b4",
        "stroke_width": 2,
        "categorized_by": "status",
        "colors": {"working": "#1f78b4", "leaking": "#e66101", "dry": "#8c510a"},
        "widths": {"working": 4, "dry": 3},
        "dashes": {"dry": "dash"},
    },
}
