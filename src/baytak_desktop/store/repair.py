"""`baytak validate --fix`: repair what other tools left, as journaled edits, and list what remains.

Opening the store writable already migrates it and reinstalls the journal and R-tree triggers another
tool dropped or replaced. Then every repairable finding of every feature (feature_check.py) is written in
one transaction, as an UPDATE that the journal records like any edit, so the repairs sync; a spatial
index that disagrees with its table is rebuilt. The store is checked again after: what is still wrong
is listed, for a person to decide.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from baytak_desktop.layers import LayerSchema
from baytak_desktop.store import rows
from baytak_desktop.store.check import check_store
from baytak_desktop.store.feature_check import Finding, examine
from baytak_desktop.store.store import Store, utc_now


@dataclass
class RepairReport:
    fixed: list[Finding]
    remaining: list[Finding]


def repair_store(path: Path) -> RepairReport:
    """Check, repair in one transaction, check again."""
    with Store.open(path, readonly=True) as store:
        before = check_store(store)
    with Store.open(path) as store:
        with store.session() as conn:
            for schema in store.catalog.values():
                _repair_features(store, schema)
                if any(f.check == "rtree" and f.layer == schema.name for f in before):
                    _rebuild_rtree(conn, schema.name)
        after = check_store(store)
    left = {f.key for f in after}
    return RepairReport([f for f in before if f.fixable and f.key not in left], after)


def _repair_features(store: Store, schema: LayerSchema) -> None:
    now = utc_now()
    for row in store.conn.execute(rows.select_sql(schema)).fetchall():
        fixes = examine(schema, tuple(row)).fixes
        if fixes:
            rows.update_row(store.conn, schema, row[1], {**fixes, "updated_at": now})


def _rebuild_rtree(conn: sqlite3.Connection, table: str) -> None:
    rtree = f"rtree_{table}_geom"
    conn.execute(f'DELETE FROM "{rtree}"')
    conn.execute(
        f'INSERT INTO "{rtree}" SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) '
        f'FROM "{table}" WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)'
    )
