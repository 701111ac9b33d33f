"""A full re-read of the unsynced edits reads every journaled feature's rows in one statement per table
(100,000 edits: three statements, not 300,000): the same changes as a feature at a time, whatever they are.
"""

from __future__ import annotations

from pathlib import Path

import shapely

from baytak_desktop.store import Store
from baytak_desktop.store import changes as changes_module
from baytak_desktop.store.changes import mark_synced
from baytak_desktop.store.journal import base_table

LAYER = "brick_factories"


def synced_and_edited(store: Store) -> list[str]:
    """400 factories, 300 of them synced (with their base) and 100 still new; 60 renamed, 15 of those
    renamed back (no change). Returns their uuids in insertion order."""
    uuids = store.insert_many(
        LAYER,
        {"name": [f"F{i}" for i in range(400)], "status": "closed"},
        [shapely.Point(70 + i * 1e-3, 45) for i in range(400)],
    )
    with store.session() as conn:
        mark_synced(conn, LAYER, uuids[:300])
    for uuid in uuids[:60]:
        store.update(LAYER, uuid, {"name": "renamed"})
    for uuid in uuids[:15]:
        store.update(LAYER, uuid, {"name": f"F{uuids.index(uuid)}"})
    return uuids


def test_the_changes_read_in_bulk_are_the_changes_read_feature_by_feature(tmp_path: Path, monkeypatch):
    with Store.create(tmp_path / "s.gpkg") as store:
        uuids = synced_and_edited(store)
        for uuid in uuids[60:80]:
            store.update(LAYER, uuid, geometry=shapely.Point(80, 50))
        for uuid in [*uuids[80:100], *uuids[350:360]]:  # synced ones and new ones deleted
            store.delete(LAYER, uuid)
        for i in range(30):
            store.insert(LAYER, {"name": f"New {i}", "status": "operating"}, shapely.Point(75, 44))
        store.conn.execute(f'DELETE FROM "{base_table(LAYER)}" WHERE uuid IN (?, ?)', (uuids[61], uuids[62]))
        store.conn.commit()  # base lost (edited while the triggers were missing): journaled columns count

        monkeypatch.setattr(changes_module, "BULK_ABOVE", 10**9)
        one_by_one = store.changes()
        monkeypatch.setattr(changes_module, "BULK_ABOVE", 0)
        in_bulk = store.changes()
    assert in_bulk == one_by_one
    assert {c.op for c in in_bulk} == {"insert", "update", "delete"}
    assert len(in_bulk) > 200  # more than the default BULK_ABOVE: the window reads them so


def test_the_marks_read_narrowly_are_the_changes_features(tmp_path: Path, monkeypatch):
    """``pending_marks`` (the map's unsynced-edit marks) names the features ``changes()`` names, in its
    order, with their fid and geometry now (none for a deletion), few or many synced features alike."""
    with Store.create(tmp_path / "s.gpkg") as store:
        uuids = synced_and_edited(store)
        for uuid in [*uuids[80:100], *uuids[350:360]]:  # synced ones and new ones deleted
            store.delete(LAYER, uuid)
        store.insert("quarries", {"name": "Pit", "status": "illegal"}, shapely.box(70, 45, 70.01, 45.01))
        expected = [
            (c.layer, c.uuid, *((c.current["fid"], c.current["geom"]) if c.current else (None, None)))
            for c in store.changes()
        ]
        for bulk_above in (10**9, 0):
            monkeypatch.setattr(changes_module, "BULK_ABOVE", bulk_above)
            marks = [(layer, *mark) for layer, found in store.pending_marks().items() for mark in found]
            assert [(layer, uuid, fid, bytes(geom) if geom else None) for layer, uuid, fid, geom in marks] == [
                (layer, uuid, fid, bytes(geom) if geom else None) for layer, uuid, fid, geom in expected
            ]
    assert {m[0] for m in marks} == {LAYER, "quarries"}
    assert sum(m[2] is None for m in marks) == 20  # the synced ones deleted; the new ones deleted are nothing
