"""The attribute table's queries on a real GeoPackage: filters, orders, row blocks, distinct values.

Orders are checked against a ground truth computed here in Python from the rows themselves (not by
the SQL under test): case-folded text, labels in the UI language, empty values last, ties by fid.
"""

from __future__ import annotations

import pytest
import shapely

from baytak_desktop.layers import get_layer
from baytak_desktop.store import changes, query
from baytak_desktop.store.query import TableQuery

QUARRIES = [  # name, status, operator, observed_on
    ("Абат карьері", "illegal", "ТОО Құм", "2024-05-01"),
    ("Караой", "illegal", None, "2023-09-12"),
    ("besagash sand pit", "active", "ТОО Құм", None),
    ("Бесагаш", "abandoned", "ИП Ёлкин", "2022-01-30"),
    ("Otegen Batyr gravel", "restored", "АО Gravel", "2024-05-01"),
    ("ёлочный", "closed", None, "2021-07-07"),
    ("Zhetysu stone", "under_restoration", "ТОО Тас", "2020-02-02"),
]


def _square(x: float, y: float, size: float = 0.01) -> shapely.MultiPolygon:
    return shapely.MultiPolygon([shapely.box(x, y, x + size, y + size)])


@pytest.fixture
def quarries(store):
    store.insert_many(
        "quarries",
        {
            "name": [q[0] for q in QUARRIES],
            "status": [q[1] for q in QUARRIES],
            "operator": [q[2] for q in QUARRIES],
            "observed_on": [q[3] for q in QUARRIES],
        },
        [_square(77.0 + i / 10, 43.5) for i in range(len(QUARRIES))],
    )
    return store


def _fids(store, **kwargs) -> list[int]:
    return query.ordered_fids(store.conn, TableQuery("quarries", **kwargs)).tolist()


def _names(store, fids: list[int]) -> list[str]:
    return [
        row[2 + get_layer("quarries").field_names.index("name")]
        for row in query.fetch_rows(store.conn, "quarries", fids)
    ]


def _truth(store, column: str, key, descending: bool = False) -> list[int]:
    rows = store.conn.execute(f'SELECT fid, "{column}" FROM quarries').fetchall()
    present = sorted((r for r in rows if r[1] is not None), key=lambda r: r[0])
    present.sort(key=lambda r: key(r[1]), reverse=descending)
    absent = sorted(r[0] for r in rows if r[1] is None)
    return [r[0] for r in present] + absent


def test_no_filter_lists_every_fid_in_storage_order(quarries):
    fids = _fids(quarries)
    assert fids == sorted(fids) and len(fids) == len(QUARRIES)


def test_text_matches_a_russian_label_of_a_code(quarries):
    found = _names(quarries, _fids(quarries, text="незаконн", lang="ru"))
    assert sorted(found) == ["Абат карьері", "Караой"]


def test_text_matches_a_kazakh_label_case_insensitively(quarries):
    found = _names(quarries, _fids(quarries, text="ЗАҢСЫЗ", lang="kk"))
    assert sorted(found) == ["Абат карьері", "Караой"]


def test_labels_are_matched_only_in_the_ui_language(quarries):
    assert _fids(quarries, text="незаконн", lang="en") == []
    assert len(_fids(quarries, text="illegal", lang="en")) == 2


def test_text_matches_names_and_operators_across_cyrillic_case_and_yo(quarries):
    assert _names(quarries, _fids(quarries, text="БЕСАГАШ")) == ["Бесагаш"]
    assert _names(quarries, _fids(quarries, text="BESAGASH")) == ["besagash sand pit"]
    assert set(_names(quarries, _fids(quarries, text="елкин"))) == {"Бесагаш"}  # ё typed as е
    assert set(_names(quarries, _fids(quarries, text="ЁЛОЧ"))) == {"ёлочный"}
    assert set(_names(quarries, _fids(quarries, text="құм"))) == {"Абат карьері", "besagash sand pit"}


def test_a_match_never_spans_two_fields(quarries):
    # "Караой" has no operator; "Абат карьері" + "ТОО" would only match across the field boundary
    assert _fids(quarries, text="карьеріТОО") == []


def test_user_text_is_a_parameter_not_sql(quarries):
    assert _fids(quarries, text="'); DROP TABLE quarries; --") == []
    assert _fids(quarries, text="%") == [] and _fids(quarries, text="_") == []
    assert quarries.count("quarries") == len(QUARRIES)


def test_field_equals_value_and_empty(quarries):
    assert sorted(_names(quarries, _fids(quarries, equals=(("status", "illegal"),)))) == ["Абат карьері", "Караой"]
    assert set(_names(quarries, _fids(quarries, equals=(("operator", None),)))) == {"Караой", "ёлочный"}
    both = _fids(quarries, text="абат", equals=(("status", "illegal"),))
    assert _names(quarries, both) == ["Абат карьері"]


def test_filters_name_only_schema_fields(quarries):
    with pytest.raises(KeyError):
        _fids(quarries, equals=(('name" OR 1=1 --', "x"),))
    with pytest.raises(KeyError):
        _fids(quarries, sort_field="geom")


@pytest.mark.parametrize("descending", [False, True])
def test_text_sort_is_case_folded_with_empty_last(quarries, descending):
    expected = _truth(quarries, "name", query.sort_key, descending)
    assert _fids(quarries, sort_field="name", descending=descending) == expected
    operators = _fids(quarries, sort_field="operator", descending=descending)
    assert operators == _truth(quarries, "operator", query.sort_key, descending)
    assert _names(quarries, operators[-2:]) == ["Караой", "ёлочный"]  # no operator: last either way


def test_text_sorts_in_kazakh_alphabet_order(store):
    names = [
        "Ыбырай",
        "Ілияс",
        "Кент",
        "Қарағаш",
        "Лепсі",
        "Уштобе",
        "Ұзынағаш",
        "Үшарал",
        "Фабрика",
        "Аягөз",
        "Әуезов",
        "Бақты",
        "ағаш",
        "Өскемен",
        "Орал",
    ]
    store.insert_many(
        "brick_factories",
        {"name": names, "status": "closed"},
        [shapely.Point(70 + i / 100, 45) for i in range(len(names))],
    )
    fids = query.ordered_fids(store.conn, TableQuery("brick_factories", "name"))
    rows = query.fetch_rows(store.conn, "brick_factories", fids)
    assert [row[2 + get_layer("brick_factories").field_names.index("name")] for row in rows] == [
        "ағаш",
        "Аягөз",
        "Әуезов",
        "Бақты",
        "Кент",
        "Қарағаш",
        "Лепсі",
        "Орал",
        "Өскемен",
        "Уштобе",
        "Ұзынағаш",
        "Үшарал",
        "Фабрика",
        "Ыбырай",
        "Ілияс",
    ]


@pytest.mark.parametrize("descending", [False, True])
def test_date_sort_matches_ground_truth(quarries, descending):
    assert _fids(quarries, sort_field="observed_on", descending=descending) == _truth(
        quarries, "observed_on", str, descending
    )


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_coded_field_sorts_by_its_label_in_the_ui_language(quarries, lang):
    vocabulary = get_layer("quarries").field("status").vocabulary
    expected = _truth(quarries, "status", lambda code: (query.sort_key(vocabulary.label(code, lang)), code))
    assert _fids(quarries, sort_field="status", lang=lang) == expected


def test_fetch_rows_keeps_the_order_asked_and_has_no_geometry(quarries):
    fids = _fids(quarries, sort_field="name", descending=True)[:3]
    rows = query.fetch_rows(quarries.conn, "quarries", [*fids, 999_999])
    assert [row[0] for row in rows[:3]] == fids and rows[3] is None
    assert len(rows[0]) == len(query.row_columns(get_layer("quarries")))
    assert not any(isinstance(value, bytes) for row in rows[:3] for value in row)


def test_fetch_rows_handles_more_fids_than_one_statement_takes(store):
    n = 1_200
    store.insert_many(
        "brick_factories",
        {"name": [f"F{i}" for i in range(n)], "status": "closed"},
        [shapely.Point(70 + i / 1000, 45) for i in range(n)],
    )
    fids = query.ordered_fids(store.conn, TableQuery("brick_factories", "name", descending=True))
    rows = query.fetch_rows(store.conn, "brick_factories", fids)
    assert [row[0] for row in rows] == fids.tolist()


def test_distinct_values(quarries):
    assert query.distinct_values(quarries.conn, "quarries", "operator") == [
        "АО Gravel",
        "ИП Ёлкин",
        "ТОО Құм",
        "ТОО Тас",
    ]  # Қ before Т
    codes = query.distinct_values(quarries.conn, "quarries", "status")
    assert codes == list(get_layer("quarries").field("status").vocabulary.codes)


def test_distinct_values_keep_an_unknown_code_found_in_the_data(quarries, plain_sqlite):
    conn = plain_sqlite(quarries.path)
    conn.execute("UPDATE quarries SET status = 'flooded' WHERE name = 'Караой'")
    conn.close()
    assert query.distinct_values(quarries.conn, "quarries", "status")[-1] == "flooded"
    assert _names(quarries, _fids(quarries, sort_field="status"))[-1] == "Караой"  # after the known codes


def test_distinct_values_of_a_column_another_tool_filled_with_text_and_numbers(store, plain_sqlite):
    """SQLite keeps text written into a number column (QGIS, a script); the filter list still opens."""
    for count in (40, 12, 7):
        store.insert(
            "tree_plantings", {"species": "elm", "tree_count": count, "status": "planted"}, shapely.Point(77, 43)
        )
    conn = plain_sqlite(store.path)
    conn.execute("UPDATE tree_plantings SET tree_count = 'шамамен 30' WHERE tree_count = 12")
    conn.close()
    assert query.distinct_values(store.conn, "tree_plantings", "tree_count") == [7, 40, "шамамен 30"]
    store.insert("quarries", {"name": "Абат", "status": "illegal"}, shapely.box(77, 43, 77.1, 43.1))
    conn = plain_sqlite(store.path)
    conn.execute("INSERT INTO quarries (name, status, geom) SELECT 'x', x'01', geom FROM quarries")  # a blob
    conn.execute("INSERT INTO quarries (name, status, geom) SELECT 'y', 'flooded', geom FROM quarries WHERE name = 'x'")
    conn.close()
    assert query.distinct_values(store.conn, "quarries", "status")[-2:] == ["flooded", b"\x01"]


def test_local_change_of_one_feature(quarries):
    uuid = next(quarries.iter_uuids("quarries"))
    assert query.local_change(quarries.conn, "quarries", uuid).op == "insert"
    with quarries.session() as conn:
        changes.mark_synced(conn, "quarries", [uuid])
    assert query.local_change(quarries.conn, "quarries", uuid) is None
    quarries.update("quarries", uuid, {"status": "closed"})
    change = query.local_change(quarries.conn, "quarries", uuid)
    assert change.op == "update" and "status" in change.fields
