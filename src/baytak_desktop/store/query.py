"""Queries behind the attribute table: ordered and filtered fids, row blocks, distinct values.

The table never copies a layer. It asks once for the ordered list of fids that pass the filters (a numpy
array: 100,000 fids are 800 kB) and then fetches the rows a person can see, a block of fids at a time,
without the geometry blobs. Everything here is plain SQLite with bound parameters; nothing a user types
is ever formatted into SQL. Column names come only from the layer schema.

Text matching must fold Cyrillic and Kazakh case ("Незаконн" finds "незаконный"), which SQLite's
``LIKE`` and ``lower()`` do not (ASCII only), so the connection gets a ``baytak_fold`` function. Coded
fields are matched by their labels in the UI language: the labels that contain the text give a set of
codes, and the rows whose code is in that set match.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from baytak_desktop.layers import Field, FieldType, LayerSchema
from baytak_desktop.store import changes
from baytak_desktop.store.catalog import catalog_of
from baytak_desktop.store.changes import Change

FOLD_FUNCTION = "baytak_fold"
SORT_KEY_FUNCTION = "baytak_sort_key"
# Kazakh letters come right after their Russian neighbours (Ә after А, Қ after К, І after Ы...), which
# code points do not give (they sort after Я): each becomes its neighbour plus a mark above any letter.
_AFTER, _LAST = "\U0010fffe", "\U0010ffff"
_KAZAKH_ORDER = str.maketrans(
    {
        "ә": "а" + _LAST,
        "ғ": "г" + _LAST,
        "қ": "к" + _LAST,
        "ң": "н" + _LAST,
        "ө": "о" + _LAST,
        "ұ": "у" + _AFTER,
        "ү": "у" + _LAST,
        "һ": "х" + _LAST,
        "і": "ы" + _LAST,
    }
)
SEPARATOR_SQL = "char(31)"  # joins a row's text fields, so a match never spans two of them
Equals = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class TableQuery:
    """What the table shows: one layer, an order and filters. Immutable, so a worker can hold one.

    ``sort_field`` None means storage order (fid). ``text`` is matched against every free-text field
    and against the labels (in ``lang``) of every coded field. ``equals`` is (field, stored value)
    pairs that must all hold; a None value means the field is empty.
    """

    layer: str
    sort_field: str | None = None
    descending: bool = False
    text: str = ""
    equals: Equals = ()
    lang: str = "en"

    @property
    def filtered(self) -> bool:
        return bool(self.text.strip() or self.equals)


def fold(text: str | None) -> str | None:
    """Case- and ё-insensitive form of a text (Russian writers use е for ё interchangeably)."""
    return None if text is None else text.casefold().replace("ё", "е")


def sort_key(text: str | None) -> str | None:
    """What text sorts by: case-folded, in the Kazakh and Russian alphabet order."""
    folded = fold(text)
    return None if folded is None else folded.translate(_KAZAKH_ORDER)


def register_functions(conn: sqlite3.Connection) -> None:
    """Give ``conn`` the ``baytak_fold`` and ``baytak_sort_key`` SQL functions (re-registering replaces)."""
    conn.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)
    conn.create_function(SORT_KEY_FUNCTION, 1, sort_key, deterministic=True)


def text_fields(schema: LayerSchema) -> tuple[Field, ...]:
    """Fields matched as free text: text without a vocabulary."""
    return tuple(f for f in schema.fields if f.type is FieldType.TEXT and f.vocabulary is None)


def _quoted(schema: LayerSchema, name: str) -> str:
    """A column name for SQL, only after checking that the schema has it (names never come from users)."""
    schema.field(name)
    return f'"{name}"'


def matching_codes(field: Field, text: str, lang: str) -> list[str]:
    """Codes of ``field``'s vocabulary whose label in ``lang`` contains ``text`` (case-folded)."""
    assert field.vocabulary is not None
    needle = fold(text.strip()) or ""
    return [t.code for t in field.vocabulary.terms if needle in (fold(t.label(lang)) or "")]


def _text_condition(schema: LayerSchema, text: str, lang: str) -> tuple[str, list[Any]]:
    parts, params = [], []
    joined = f" || {SEPARATOR_SQL} || ".join(f"ifnull(\"{f.name}\", '')" for f in text_fields(schema))
    if joined:
        parts.append(f"instr({FOLD_FUNCTION}({joined}), ?) > 0")
        params.append(fold(text.strip()))
    for field in schema.fields:
        if field.vocabulary is not None and (codes := matching_codes(field, text, lang)):
            parts.append(f'"{field.name}" IN ({", ".join("?" for _ in codes)})')
            params.extend(codes)
    return "(" + " OR ".join(parts or ["0"]) + ")", params


def where_clause(schema: LayerSchema, query: TableQuery) -> tuple[str, list[Any]]:
    """``WHERE ...`` (or "") for the query's filters, with its parameters."""
    conditions, params = [], []
    if query.text.strip():
        condition, text_params = _text_condition(schema, query.text, query.lang)
        conditions.append(condition)
        params.extend(text_params)
    for name, value in query.equals:
        column = _quoted(schema, name)
        if value is None:
            conditions.append(f"{column} IS NULL")
        else:
            conditions.append(f"{column} = ?")
            params.append(value)
    return ("WHERE " + " AND ".join(conditions) if conditions else ""), params


def order_clause(schema: LayerSchema, query: TableQuery) -> tuple[str, list[Any]]:
    """``ORDER BY ...``: coded fields by their label in the UI language, text by ``sort_key``, empty last.

    Ties (and an unsorted table) go by fid, so the order is total and a re-sort is repeatable.
    """
    if query.sort_field is None:
        return "ORDER BY fid DESC" if query.descending else "ORDER BY fid", []
    field = schema.field(query.sort_field)
    key, params = _sort_key(field, query.lang)
    direction = "DESC" if query.descending else "ASC"
    return f"ORDER BY {key} {direction} NULLS LAST, fid", params


def _sort_key(field: Field, lang: str) -> tuple[str, list[Any]]:
    column = f'"{field.name}"'
    if field.vocabulary is not None:
        terms = sorted(field.vocabulary.terms, key=lambda t: (sort_key(t.label(lang)), t.code))
        cases = " ".join("WHEN ? THEN ?" for _ in terms)
        params: list[Any] = [x for rank, t in enumerate(terms) for x in (t.code, rank)]
        # an unknown code sorts after the known ones, by itself; NULL stays NULL (last)
        return f"CASE WHEN {column} IS NULL THEN NULL ELSE CASE {column} {cases} ELSE {len(terms)} END END", params
    if field.type is FieldType.TEXT:
        return f"{SORT_KEY_FUNCTION}({column})", []
    return column, []


def ordered_fids(conn: sqlite3.Connection, query: TableQuery) -> np.ndarray:
    """The fids of the rows that pass the filters, in display order, as an int64 array."""
    schema = catalog_of(conn).layer(query.layer)
    register_functions(conn)
    where, where_params = where_clause(schema, query)
    order, order_params = order_clause(schema, query)
    cursor = conn.execute(f'SELECT fid FROM "{schema.name}" {where} {order}', [*where_params, *order_params])
    return np.fromiter((row[0] for row in cursor), dtype=np.int64)


def row_columns(schema: LayerSchema) -> tuple[str, ...]:
    """The columns a row block holds: fid, uuid and the attribute fields (never the geometry)."""
    return ("fid", "uuid", *schema.field_names)


def fetch_rows(conn: sqlite3.Connection, layer: str, fids: Sequence[int] | np.ndarray) -> list[tuple[Any, ...] | None]:
    """The rows of ``fids`` in the same order (``row_columns``); None for a fid deleted meanwhile."""
    schema = catalog_of(conn).layer(layer)
    wanted = [int(fid) for fid in fids]
    if not wanted:
        return []
    columns = ", ".join(f'"{c}"' for c in row_columns(schema))
    found: dict[int, tuple[Any, ...]] = {}
    for start in range(0, len(wanted), 500):  # well under SQLite's bound-parameter limit
        chunk = wanted[start : start + 500]
        marks = ", ".join("?" for _ in chunk)
        for row in conn.execute(f'SELECT {columns} FROM "{schema.name}" WHERE fid IN ({marks})', chunk):
            found[row[0]] = row
    return [found.get(fid) for fid in wanted]


def distinct_values(conn: sqlite3.Connection, layer: str, field: str, limit: int = 500) -> list[Any]:
    """Up to ``limit`` distinct non-empty values of a field, for the value filter's list.

    A coded field's values are its vocabulary codes (in vocabulary order), with any unknown code found
    in the data after them, so a list is offered even on an empty layer.
    """
    schema = catalog_of(conn).layer(layer)
    column = _quoted(schema, field)
    rows = conn.execute(
        f'SELECT DISTINCT {column} FROM "{schema.name}" WHERE {column} IS NOT NULL LIMIT ?', (limit,)
    ).fetchall()
    values = [row[0] for row in rows]
    vocabulary = schema.field(field).vocabulary
    if vocabulary is not None:
        return list(vocabulary.codes) + sorted((v for v in values if v not in vocabulary.codes), key=_value_order)
    return sorted(values, key=_value_order)


def _value_order(value: Any) -> tuple[int, Any]:
    """Numbers, then text in the Kazakh and Russian alphabet order, then anything else (blobs).

    A column may hold values of several types (SQLite keeps what another tool wrote: text in a number
    column), and Python refuses to compare a number with text; so each type sorts in its own group.
    """
    if isinstance(value, (int, float)):
        return (0, value)
    if isinstance(value, str):
        return (1, sort_key(value))
    return (2, bytes(value) if isinstance(value, (bytes, memoryview)) else repr(value))


def count(conn: sqlite3.Connection, layer: str) -> int:
    return int(conn.execute(f'SELECT count(*) FROM "{catalog_of(conn).layer(layer).name}"').fetchone()[0])


def uuid_of(conn: sqlite3.Connection, layer: str, fid: int) -> str | None:
    """The uuid (the identity across devices) of the row ``fid`` (the id in this file), or None."""
    row = conn.execute(f'SELECT uuid FROM "{catalog_of(conn).layer(layer).name}" WHERE fid = ?', (int(fid),)).fetchone()
    return None if row is None else str(row[0])


def fid_of(conn: sqlite3.Connection, layer: str, uuid: str) -> int | None:
    """The row id in this file of the feature ``uuid``, or None when it is not here."""
    row = conn.execute(f'SELECT fid FROM "{catalog_of(conn).layer(layer).name}" WHERE uuid = ?', (uuid,)).fetchone()
    return None if row is None else int(row[0])


def fids_of(conn: sqlite3.Connection, layer: str, uuids: Sequence[str]) -> list[int]:
    """The row ids of those of ``uuids`` that are in this file (in storage order)."""
    table, found = catalog_of(conn).layer(layer).name, list[int]()
    for start in range(0, len(uuids), 500):  # well under SQLite's bound-parameter limit
        chunk = list(uuids[start : start + 500])
        marks = ", ".join("?" for _ in chunk)
        found.extend(int(r[0]) for r in conn.execute(f'SELECT fid FROM "{table}" WHERE uuid IN ({marks})', chunk))
    return sorted(found)


# The field a person calls a feature by, per layer (the first of these the layer has).
NAME_FIELDS = ("name", "title", "species", "water_body", "receiving_water")


def name_field(schema: LayerSchema) -> str | None:
    names = schema.field_names
    return next((f for f in NAME_FIELDS if f in names), None)


def label_of(conn: sqlite3.Connection, layer: str, uuid: str) -> tuple[str, int | None]:
    """(what a person calls the feature, its fid), or (the start of its uuid, None) when it is not here."""
    schema = catalog_of(conn).get(layer)
    if schema is None:  # a layer of a newer version, named in a conflict record
        return uuid[:8], None
    name = name_field(schema)
    columns = "fid" + (f', "{name}"' if name else "")
    row = conn.execute(
        f'SELECT {columns} FROM "{catalog_of(conn).layer(layer).name}" WHERE uuid = ?', (uuid,)
    ).fetchone()
    if row is None:
        return uuid[:8], None
    return (str(row[1]) if len(row) > 1 and row[1] not in (None, "") else uuid[:8]), int(row[0])


def local_change(conn: sqlite3.Connection, layer: str, uuid: str) -> Change | None:
    """The net unsynced change of one feature, or None: one indexed journal lookup, not the layer's."""
    schema = catalog_of(conn).layer(layer)
    row = conn.execute(
        "SELECT group_concat(ifnull(columns, '*')) FROM baytak_journal WHERE layer = ? AND uuid = ?",
        (schema.name, uuid),
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return changes.net_change(conn, schema, uuid, row[0])
