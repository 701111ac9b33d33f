"""A source file's ``uuid`` column: which rows update a feature of the store, and which add one.

Exports carry each feature's uuid, so importing an export back, or a colleague's copy of it, must not
duplicate anything: a uuid the layer has updates that feature (one journaled update, only if something
differs). A well-formed uuid the layer does not have keeps it: the same feature imported on two devices
stays one feature when both sync (the server merges the two inserts field by field). A value that is not
a uuid gets a new one, with a warning; a uuid twice in the file is an error on the second row.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from dataclasses import dataclass, field
from typing import Any

from baytak_desktop.errors import GeometryError, Problem
from baytak_desktop.layers import Feature, LayerSchema
from baytak_desktop.store import rows as store_rows


@dataclass
class Identity:
    """Per source row (0-based): the uuid it keeps (None: a new one), and the stored feature it updates."""

    uuids: list[str | None]
    existing: dict[int, Feature] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def identify(
    conn: sqlite3.Connection, schema: LayerSchema, column: str | None, values: list[Any] | None, rows: int
) -> Identity:
    """Match the ``rows`` rows' uuids (``values`` of ``column``; None: the file has none) against the layer."""
    if column is None or values is None:
        return Identity([None] * rows)
    uuids: list[str | None] = []
    problems: list[Problem] = []
    first_row: dict[str, int] = {}
    for row, value in enumerate(values):
        text = canonical_uuid(value)
        if text is None and not _blank(value):
            problems.append(
                Problem.of(
                    "{value!r} is not a uuid; the feature gets a new one",
                    field=column,
                    row=row + 1,
                    severity="warning",
                    value=str(value),
                )
            )
        elif text is not None and text in first_row:
            problems.append(
                Problem.of(
                    "the uuid {uuid} is also on row {other}: a feature can be in the file once",
                    field=column,
                    row=row + 1,
                    uuid=text,
                    other=first_row[text] + 1,
                )
            )
            text = None
        if text is not None:
            first_row.setdefault(text, row)
        uuids.append(text)
    stored = _stored(conn, schema, [u for u in uuids if u is not None])
    existing = {row: stored[u] for row, u in enumerate(uuids) if u is not None and u in stored}
    return Identity(uuids, existing, problems)


def canonical_uuid(value: Any) -> str | None:
    """The lowercase canonical form of a uuid (braces and case as ArcGIS writes them accepted), or None."""
    if _blank(value):
        return None
    text = str(value).strip().strip("{}")
    try:
        parsed = uuidlib.UUID(text)
    except ValueError:
        return None
    return str(parsed)


def _blank(value: Any) -> bool:
    return (
        value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())
    )


def _stored(conn: sqlite3.Connection, schema: LayerSchema, uuids: list[str]) -> dict[str, Feature]:
    if not uuids:
        return {}
    sql = store_rows.select_sql(schema) + " WHERE uuid IN (SELECT value FROM json_each(?))"
    found = conn.execute(sql, (json.dumps(uuids),)).fetchall()
    return {feature.uuid: feature for feature in _features(schema, found)}


def _features(schema: LayerSchema, found: list[Any]) -> list[Feature]:
    """Stored rows as features; one whose geometry blob cannot be read still counts (its attributes do)."""
    features = []
    for row in found:
        try:
            features.append(store_rows.to_feature(schema, row))
        except GeometryError:  # a broken blob must not hide that the uuid exists
            fid, uuid, *values, _ = row
            features.append(Feature(schema.name, uuid, dict(zip(schema.field_names, values, strict=True)), None, fid))
    return features
