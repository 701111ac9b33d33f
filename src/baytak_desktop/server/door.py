"""The door: every change of a push checked and put in its stored form before the push takes the lock.

Names (layer, fields), attachment descriptions, base values and new values are checked here, with the
rules the device applied before sealing (``values.clean_values``, ``layers.canonical``), against the
server's layers (its catalog: built-in and published layers checked alike). Nothing else of the
server's state is needed, so it runs before the push locks the revision counter: a big push from one
device does its checking while another device's push holds the lock, and the lock is held only for
what must be serial (reading the features, merging, writing). What needs the server's state, the
rights and the merge, is judged on these stored forms.

A push's values are checked column-wise (``check_all`` -> ``values.clean_many`` ->
``layers.canonical.check_many``): each field's rule once per column or per distinct value, the
geometries in one GEOS call each; a change with any problem is checked again on its own, so its
error is word for word the one ``check_change`` gives.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from baytak_desktop.layers import Catalog, LayerSchema
from baytak_desktop.layers.canonical import latest_date
from baytak_desktop.server.apierrors import ApiError
from baytak_desktop.server.merge import FieldChange
from baytak_desktop.server.values import (
    check_attachments,
    check_bases,
    check_field_names,
    clean_many,
    clean_values,
    comparable,
    layer_schema,
    server_managed,
)
from baytak_desktop.sync.protocol import ChangeIn, Op, Value
from baytak_desktop.sync.protocol import FieldChange as FieldChangeIn


@dataclass(frozen=True)
class Checked:
    """One change in its stored form: the values it writes (none for a delete), the derived values the
    geometry gave, and what the merge compares (``changes``: base -> new per field)."""

    schema: LayerSchema
    written: dict[str, Value]
    derived: dict[str, Value]
    sent: dict[str, FieldChangeIn]  # the fields the change sent, but the server's own: their bases
    deleted: bool = False

    @cached_property
    def changes(self) -> dict[str, FieldChange]:
        """Made when the merge asks: a new feature (most of a big push) is never merged (server.plain)."""
        schema, sent = self.schema, self.sent
        if self.deleted:
            return {name: FieldChange(comparable(schema, name, c.base), None) for name, c in sent.items()}
        return {
            name: FieldChange(comparable(schema, name, sent[name].base) if name in sent else None, value)
            for name, value in self.written.items()
        }


def check_change(catalog: Catalog, change: ChangeIn, *, whole: bool, today: dt.date | None = None) -> Checked:
    """``whole``: the change creates the feature (every required field and a geometry); ``catalog``: the
    server's layers (``server.catalog.catalog_of``). Raises ApiError (``unknown_layer``,
    ``unknown_field``, ``invalid_value``, ``invalid_geometry``)."""
    schema, managed, sent = _names_checked(catalog, change)
    if change.op is Op.delete:
        return _deleted(schema, sent)
    written = clean_values(schema, {name: c.new for name, c in sent.items()}, whole=whole, today=today)
    return _checked(schema, managed, sent, written)


def _names_checked(catalog: Catalog, change: ChangeIn) -> tuple[LayerSchema, frozenset[str], dict[str, FieldChangeIn]]:
    """What is checked before the values: the layer, the field names, attachments and bases."""
    schema = layer_schema(catalog, change.layer)
    check_field_names(schema, list(change.fields))
    check_attachments(change.attachments_added)
    managed = server_managed(schema)
    sent = {name: c for name, c in change.fields.items() if name not in managed}
    check_bases(schema, {name: c.base for name, c in sent.items()})
    return schema, managed, sent


def _deleted(schema: LayerSchema, sent: dict[str, FieldChangeIn]) -> Checked:
    return Checked(schema, {}, {}, sent, deleted=True)


def _checked(
    schema: LayerSchema, managed: frozenset[str], sent: dict[str, FieldChangeIn], written: dict[str, Value]
) -> Checked:
    derived = {name: written.pop(name) for name in managed if name in written}
    return Checked(schema, written, derived, sent)


def check_all(catalog: Catalog, changes: list[ChangeIn]) -> list[Checked | ApiError]:
    """Each change checked as if it creates its feature when it is an insert (the push checks again,
    without that, an insert of a feature the server has whose check failed: a retry is an update).
    The same results as ``check_change`` per change; the values of a layer's inserts, and of its
    updates, are cleaned together (``values.clean_many``: column-wise, one GEOS call per check)."""
    found: list[Checked | ApiError | None] = [None] * len(changes)
    today = latest_date()
    groups: dict[tuple[str, bool], list[tuple[int, LayerSchema, frozenset[str], dict[str, FieldChangeIn]]]] = {}
    for at, change in enumerate(changes):
        try:
            schema, managed, sent = _names_checked(catalog, change)
        except ApiError as error:
            found[at] = error
            continue
        if change.op is Op.delete:
            found[at] = _deleted(schema, sent)
        else:
            groups.setdefault((schema.name, change.op is Op.insert), []).append((at, schema, managed, sent))
    for (_, whole), members in groups.items():
        news = [{name: c.new for name, c in sent.items()} for _, _, _, sent in members]
        cleaned = clean_many(members[0][1], news, whole=whole, today=today)
        for (at, schema, managed, sent), written in zip(members, cleaned, strict=True):
            found[at] = written if isinstance(written, ApiError) else _checked(schema, managed, sent, written)
    assert all(one is not None for one in found)
    return cast(list[Checked | ApiError], found)
