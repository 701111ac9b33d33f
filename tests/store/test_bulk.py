"""Bulk insert does the work of the triggers it sets aside, exactly, and puts them back."""

from __future__ import annotations

import numpy as np
import shapely

from baytak_desktop.store import journal


def _points(n: int) -> list[shapely.Geometry]:
    rng = np.random.default_rng(7)
    return list(shapely.points(rng.uniform(60, 80, n), rng.uniform(42, 54, n)))


def _trigger_sql(store) -> dict[str, str]:
    return dict(
        store.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'brick_factories'"
        )
    )


def test_bulk_insert_journals_every_row_and_restores_triggers(store):
    before = _trigger_sql(store)
    uuids = store.insert_many("brick_factories", {"name": "n", "status": "closed"}, _points(2_000))
    assert _trigger_sql(store) == before
    journaled = [
        row[0]
        for row in store.conn.execute(
            "SELECT uuid FROM baytak_journal WHERE layer = 'brick_factories' AND op = 'insert' ORDER BY id"
        )
    ]
    assert journaled == uuids
    assert store.conn.execute("SELECT rtreecheck('rtree_brick_factories_geom')").fetchone()[0] == "ok"


def test_bulk_insert_into_a_non_empty_layer_keeps_the_index_exact(store):
    store.insert_many("brick_factories", {"name": "a", "status": "closed"}, _points(500))
    store.insert_many("brick_factories", {"name": "b", "status": "closed"}, _points(500))
    box = (65.0, 45.0, 70.0, 50.0)
    expected = sum(1 for f in store.features("brick_factories") if shapely.box(*box).covers(f.geometry))
    assert len(store.features("brick_factories", box)) == expected
    assert store.conn.execute("SELECT rtreecheck('rtree_brick_factories_geom')").fetchone()[0] == "ok"


def test_bulk_insert_while_applying_server_changes_is_not_journaled(store):
    with store.session() as conn:
        conn.execute("UPDATE baytak_sync_state SET applying = 1")
        store.insert_many("brick_factories", {"name": "n", "status": "closed"}, _points(10))
        conn.execute("UPDATE baytak_sync_state SET applying = 0")
    assert store.count("brick_factories") == 10
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0


def test_bulk_insert_leaves_a_switched_off_journal_off(store):
    with store.session() as conn:
        journal.drop_triggers(conn, "brick_factories")
    store.insert_many("brick_factories", {"name": "n", "status": "closed"}, _points(10))
    assert store.conn.execute("SELECT count(*) FROM baytak_journal").fetchone()[0] == 0
