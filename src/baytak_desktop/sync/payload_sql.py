"""The one SQL statement per layer that writes the push payload: each change's complete JSON text.

SQLite compares each journaled feature's base (last-synced row) with its current row, column by
column, and prints the change as the wire carries it (``ChangeIn``), so Python only joins strings.
The statement is built for speed on 10,000 edits, whatever the layer size (it reads the journal and
looks the edited features up; it never scans the layer):

- an edited feature's current row is found by the fid kept in its base (``_current_fid``);
- one ``printf`` per piece instead of chains of ``||`` (each ``||`` allocates and copies the string
  so far; the fields of a change were ~25 allocations, now ~8);
- the column names journaled for a feature are read only when its base was lost (a correlated
  ``EXISTS`` evaluated in that branch alone), not aggregated with ``group_concat`` for every feature;
- whether each geometry is 2D little-endian ISO WKB (as the store and GDAL write it) is one
  comparison of its first five WKB bytes, returned as a column: the rare one that is not is
  rewritten by shapely in Python, the others are never parsed.

Columns: uuid; the change's JSON text, or NULL when the edits cancel out (inserted then deleted);
1 when both geometries are plain WKB. ``"fields"`` follows ``"op"`` in the text, so an update whose
fields net to nothing is found by one substring test (``EMPTY_UPDATE``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from baytak_desktop.layers import LayerSchema
from baytak_desktop.store import journal
from baytak_desktop.sync import wire

EMPTY_UPDATE = '"op":"update","fields":{},'
_PLAIN_WKB = ", ".join(f"x'01{code:02X}000000'" for code in range(1, 8))  # little-endian, 2D ISO types 1..7


def changes_sql(schema: LayerSchema) -> str:
    """One row per feature of the layer with an unsealed journal row (parameter ?1: the layer name)."""
    return _changes_sql(schema.name, tuple(journal.tracked_columns(schema)))


@cache
def _changes_sql(layer: str, tracked: tuple[str, ...]) -> str:
    """Built once per layer and set of columns (a schema revision adds columns: another statement)."""
    pieces = "%s" * len(tracked)

    def listing(value: Callable[[str], str]) -> str:  # every piece starts with a comma; the caller drops the first
        return f"printf('{pieces}', {', '.join(value(col) for col in tracked)})"

    inserted = listing(lambda col: _field(col, "NULL", _value("c", col)))
    deleted = listing(lambda col: _field(col, _value("b", col), "NULL"))
    updated = listing(
        lambda col: f"CASE WHEN {_differs(col)} THEN {_field(col, _value('b', col), _value('c', col))} END"
    )
    lost = listing(
        lambda col: f"CASE WHEN {_journaled(col)} THEN {_field(col, _value('b', col), _value('c', col))} END"
    )
    new = "b.uuid IS NULL AND s.uuid IS NULL"  # never synced, no base: an insert
    op = f"CASE WHEN {new} THEN 'insert' WHEN c.uuid IS NULL THEN 'delete' ELSE 'update' END"
    fields = (
        f"CASE WHEN c.uuid IS NULL THEN CASE WHEN b.uuid IS NULL THEN '' ELSE {deleted} END "
        f"WHEN {new} THEN {inserted} WHEN b.uuid IS NULL THEN {lost} ELSE {updated} END"
    )
    text = (
        f"""printf('{{"layer":"{layer}","uuid":"%s","op":"%s","fields":{{%s}},"base_rev":%s,"""
        f""""attachments_added":[],"attachments_removed":[],"made_at":"%s"}}', j.uuid, {op}, """
        f"substr({fields}, 2), CASE WHEN r.rev IS NULL OR ({new}) THEN 'null' ELSE r.rev END, j.made_at)"
    )
    return (
        f"SELECT j.uuid, CASE WHEN c.uuid IS NULL AND {new} THEN NULL ELSE {text} END, "
        f"{_plain('c')} AND {_plain('b')} "
        "FROM (SELECT uuid, max(at) AS made_at FROM baytak_journal WHERE layer = ?1 "
        "GROUP BY uuid HAVING max(changeset_id IS NULL)) AS j "
        f'LEFT JOIN "{journal.base_table(layer)}" AS b ON b.uuid = j.uuid '
        f'LEFT JOIN "{layer}" AS c ON c.fid = {_current_fid(layer)} '
        "LEFT JOIN baytak_synced AS s ON s.layer = ?1 AND s.uuid = j.uuid "
        "LEFT JOIN baytak_feature_revs AS r ON r.layer = ?1 AND r.uuid = j.uuid"
    )


def _current_fid(layer: str) -> str:
    """The feature's row id: the base's fid when that row still holds the feature (one rowid lookup),
    else found by uuid (an insert, or a row another tool replaced). On a 1,000,000-row layer the uuid
    index alone is ~60 MB of pages read at random; going by fid skips it for every edited feature."""
    return (
        f'CASE WHEN (SELECT x.uuid FROM "{layer}" AS x WHERE x.fid = b.fid) = j.uuid THEN b.fid '
        f'ELSE (SELECT y.fid FROM "{layer}" AS y WHERE y.uuid = j.uuid) END'
    )


def _field(col: str, base: str, new: str) -> str:
    return f"""',"{col}":' || json_object('base', {base}, 'new', {new})"""


def _header_length() -> str:
    """CASE on the flags byte: 8 bytes of header plus the envelope its bits 1-3 announce (0, 4, 6, 6 or
    8 doubles), whatever the byte order (bit 0), empty (bit 4) or extended (bit 5) bits say. The two
    flags every writer uses for 2D data (0x01 no envelope, 0x03 XY envelope) are tried first."""
    sizes = {0: 8, 1: 40, 2: 56, 3: 56, 4: 72}
    flags = [0x01, 0x03, *(f for f in range(64) if f not in (0x01, 0x03) and (f >> 1) & 7 in sizes)]
    whens = " ".join(f"WHEN x'{f:02X}' THEN {sizes[(f >> 1) & 7]}" for f in flags)
    return f"CASE substr({{g}}, 4, 1) {whens} ELSE 8 END"


_HEADER_LENGTH = _header_length()


def _wkb(alias: str) -> str:
    """The WKB of a GeoPackage blob: past the header and the envelope its flags byte announces."""
    return f"substr({alias}.geom, 1 + {_HEADER_LENGTH.format(g=alias + '.geom')})"


def _value(alias: str, col: str) -> str:
    """A column as the wire carries it; a geometry as hex WKB (see ``_plain``)."""
    return f"hex({_wkb(alias)})" if col == wire.GEOM else f'{alias}."{col}"'


def _plain(alias: str) -> str:
    """Whether the geometry is NULL or 2D little-endian ISO WKB behind one of the two usual headers."""
    g = f"{alias}.geom"
    return (
        f"({g} IS NULL OR CASE substr({g}, 4, 1) WHEN x'01' THEN substr({g}, 9, 5) IN ({_PLAIN_WKB}) "
        f"WHEN x'03' THEN substr({g}, 41, 5) IN ({_PLAIN_WKB}) ELSE 0 END)"
    )


def _differs(col: str) -> str:
    """Current against base. Two geometry blobs with the same 8-byte header differ in their WKB when
    they differ at all; only when the headers differ (another tool wrote one) are the WKBs compared."""
    if col == wire.GEOM:
        return (
            f"c.geom IS NOT b.geom AND (substr(c.geom, 1, 8) = substr(b.geom, 1, 8) OR {_wkb('c')} IS NOT {_wkb('b')})"
        )
    return f'c."{col}" IS NOT b."{col}"'


def _journaled(col: str) -> str:
    """With the base lost, the journaled column names say what changed (a row without names, an
    insert or a delete, counts as every column)."""
    return (
        "EXISTS (SELECT 1 FROM baytak_journal AS h WHERE h.layer = ?1 AND h.uuid = j.uuid AND "
        f"(h.columns IS NULL OR instr(',' || h.columns || ',', ',{col},') > 0))"
    )
