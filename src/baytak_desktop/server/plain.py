"""A planned push's plain inserts judged together, their rows built one column at a time.

Most of a big push is new features: an insert of a uuid the server has never seen, with no
attachment, no review mark, no demo data. Judged one by one (``push._apply``), each went through the
merge, a ``Decision``, a dict of values merged four times, a row and a history row built value by
value and a JSON text made by ``json.dumps``: some 45 µs of Python per change, the largest share of a
10,000-change push. Here such a change is still checked on its own (the rights on exactly the values
it stores, ``rights.write_refusal``; the demo and review rules; its revision taken in the push's
order), and anything else goes the ordinary way. Only the building is shared: the layer rows and the
history rows of all of them are made column by column, each column's values converted (and encoded
as JSON) in one pass, the values every row shares once. The rows and the answer are the ones the
ordinary way writes, byte for byte (tests/server/test_push_plain.py).
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from baytak_desktop.layers import LayerSchema
from baytak_desktop.layers.demo_identity import is_demo_uuid, is_illustrative
from baytak_desktop.layers.review import reviewers_named
from baytak_desktop.server import features
from baytak_desktop.server.door import Checked
from baytak_desktop.server.rights import Write, write_refusal
from baytak_desktop.server.values import GEOM
from baytak_desktop.sync.protocol import ChangeIn, ChangeResult, Op, Outcome, Value

if TYPE_CHECKING:
    from baytak_desktop.server.push import Push

STAMPED = ("updated_at", "updated_by", "created_at", "created_by")  # set by the server on every new feature


class PlainInserts:
    """The plain inserts of one planned push, gathered by ``take`` in the push's order and written by
    ``build`` (into the push's batch) once every change has been judged."""

    def __init__(self, state: Push) -> None:
        self.state = state
        # per (layer, the written and derived names): the changes' uuid, revision and checked values
        self.groups: dict[tuple[str, tuple[str, ...], tuple[str, ...]], list[tuple[str, int, Checked]]] = {}

    def take(self, change: ChangeIn, checked: Checked | Exception) -> bool:
        """Judge ``change`` here if it is a plain insert (its result appended to the push's), else
        leave it to the ordinary way (False); a plain insert that is refused is left to it too, so
        its answer is the ordinary one."""
        state = self.state
        if (
            not isinstance(checked, Checked)
            or change.op is not Op.insert
            or change.attachments_added
            or change.attachments_removed
        ):
            return False
        schema = checked.schema
        uuid = str(change.uuid)
        key = (schema.name, uuid)
        if key not in state.known or state.known[key] is not None or state.links.get(key):
            return False  # the server has it (or a link to it): merged the ordinary way
        notes = change.fields.get("notes")
        if is_demo_uuid(uuid) or (notes is not None and is_illustrative(notes.new)):
            return False
        written = checked.written
        if (
            write_refusal(state.account, Write(schema, None, written)) is not None
            or reviewers_named(schema, None, written) is not None
        ):
            return False
        del state.known[key]
        state.links.pop(key, None)
        rev = state.revisions.next()
        group = (schema.name, tuple(written), tuple(checked.derived))
        self.groups.setdefault(group, []).append((uuid, rev, checked))
        state.results.append(  # validated: pydantic's model_construct is slower (3.3 µs against 2.1)
            ChangeResult(layer=schema.name, uuid=change.uuid, outcome=Outcome.applied, rev=rev, conflict_ids=[])
        )
        return True

    def build(self) -> None:
        """The layer rows and history rows of every plain insert taken, into the push's batch."""
        for (layer, written, derived), members in self.groups.items():
            schema = self.state.catalog.layer(layer)
            columns = _columns(schema, written, derived, members, self.state)
            _rows(self.state, schema, columns, members)
            _history(self.state, schema, columns, members)


def _columns(
    schema: LayerSchema,
    written: tuple[str, ...],
    derived: tuple[str, ...],
    members: list[tuple[str, int, Checked]],
    state: Push,
) -> dict[str, list[Value] | Value]:
    """Each column of the new features: a list of values, or one value all of them share (the stamps;
    a field none of them sets is absent). Later sources win, as in ``push._write``'s merge:
    the written values, then the derived ones, then the server's stamps."""
    stamp = state.stamp
    found: dict[str, list[Value] | Value] = {}
    for name in written:
        found[name] = [checked.written[name] for _, _, checked in members]
    for name in derived:
        found[name] = [checked.derived[name] for _, _, checked in members]
    found |= dict(zip(STAMPED, (stamp.at, stamp.username, stamp.at, stamp.username), strict=True))
    return found


def _rows(
    state: Push, schema: LayerSchema, columns: dict[str, list[Value] | Value], members: list[tuple[str, int, Checked]]
) -> None:
    """The layer's rows, as ``features.insert`` makes them: the columns in the schema's order, the
    geometry as bytes, a yes/no field as a boolean."""
    names = tuple(name for name in features.columns(schema) if name in columns)
    booleans = schema.boolean_names
    count = len(members)
    values: list[list[Any]] = [[uuid for uuid, _, _ in members], [rev for _, rev, _ in members]]
    for name in names:
        given = columns[name]
        column: list[Any] = given if isinstance(given, list) else [given] * count
        if name == GEOM:
            column = [bytes.fromhex(v) if isinstance(v, str) else v for v in column]
        elif name in booleans:
            column = [None if v is None else bool(v) for v in column]
        values.append(column)
    state.batch.insert_rows(schema.name, ("uuid", "rev", *names), list(zip(*values, strict=True)), geometry=GEOM)


def _history(
    state: Push, schema: LayerSchema, columns: dict[str, list[Value] | Value], members: list[tuple[str, int, Checked]]
) -> None:
    """One history row per new feature, its state the JSON text ``json.dumps`` gives of every column
    in the schema's order (``push._full``), built from each column's encoded values."""
    count, stamp = len(members), state.stamp
    parts: list[list[str]] = []
    for name in features.columns(schema):
        key = encode_basestring(name) + ": "
        column = columns.get(name)
        if isinstance(column, list):
            parts.append([key + _encoded(v) for v in column])
        else:
            parts.append([key + _encoded(column)] * count)
    texts = ["{" + ", ".join(row) + "}" for row in zip(*parts, strict=True)]
    state.batch.insert_rows(
        "baytak_history",
        features.HISTORY_COLUMNS,
        [
            (schema.name, uuid, rev, 0, text, "[]", stamp.username, stamp.at, stamp.changeset_id)
            for (uuid, rev, _), text in zip(members, texts, strict=True)
        ],
    )


def _encoded(value: Value) -> str:
    """``json.dumps(value, ensure_ascii=False)``, a text at C speed."""
    if type(value) is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    return json.dumps(value, ensure_ascii=False)
