"""The unsynced edits read as a store opens: every feature's mark at once, no Python per feature.

Opening a store of 100,000 unsynced points, a reader thread spent ~0.75 s of Python on their marks (a
blob read per feature, a dict entry and a list item each), holding the GIL in slices while the UI thread
waited at each turn. The marks read in bulk are exactly those read a feature at a time (``_entry``), for
every kind of blob, and reading 10,000 features runs as many Python lines as reading 1,000.
"""

from __future__ import annotations

import gc
import struct
import sys
from pathlib import Path

import numpy as np
import shapely

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import Store
from baytak_desktop.store.changes import mark_synced
from baytak_desktop.ui.edit import pending as pending_module
from baytak_desktop.ui.edit.pending import _entry, _read_all

LAYER = "brick_factories"


def _one_by_one(store: Store) -> dict[str, dict[str, object]]:
    """The marks as a feature at a time makes them: ``_entry`` of each net change's row now."""
    found: dict[str, dict[str, object]] = {layer: {} for layer in store.catalog}
    for change in store.changes():
        found[change.layer][change.uuid] = _entry(change.current)
    return found


def _set_blob(store: Store, uuid: str, blob: bytes | None) -> None:
    """Another program's geometry, written as it writes it (the triggers journal it)."""
    store.conn.execute(f'UPDATE "{LAYER}" SET geom = ? WHERE uuid = ?', (blob, uuid))
    store.conn.commit()


def test_the_marks_read_at_once_are_those_read_one_by_one(tmp_path: Path):
    """Points, polygons (their envelope in the header), a line without an envelope, a big-endian blob, an
    empty point, no geometry, deleted and moved features synced before, and new ones deleted: the same
    marks (fid and exact centre, None: counted, not drawn), and the rings' centres and the table's fids
    are those of the drawn ones, in the journal's order."""
    with Store.create(tmp_path / "s.gpkg") as store:
        uuids = store.insert_many(
            LAYER,
            {"name": [f"F{i}" for i in range(400)], "status": "closed"},
            [shapely.Point(70 + i * 1e-3, 45 + i * 1e-4) for i in range(400)],
        )
        with store.session() as conn:
            mark_synced(conn, LAYER, uuids[:300])  # synced: their edits below are updates and deletes
        for uuid in uuids[:20]:
            store.update(LAYER, uuid, geometry=shapely.Point(80, 50))
        for uuid in [*uuids[20:30], *uuids[390:]]:
            store.delete(LAYER, uuid)
        store.insert("quarries", {"name": "Pit", "status": "illegal"}, shapely.box(70, 45, 70.01, 45.02))
        line = shapely.LineString([(71, 44), (71.5, 44.25)])
        _set_blob(store, uuids[300], b"GP\x00\x01" + struct.pack("<i", 4326) + shapely.to_wkb(line, byte_order=1))
        big_endian = b"GP\x00\x02" + struct.pack(">i4d", 4326, 72, 72.5, 43, 43.5) + shapely.to_wkb(line, byte_order=0)
        _set_blob(store, uuids[301], big_endian)
        _set_blob(store, uuids[302], blobs.from_shapely(shapely.Point()))  # empty: NaN coordinates
        _set_blob(store, uuids[303], None)  # no geometry (another program's)
        _set_blob(store, uuids[40], blobs.from_shapely(shapely.Point(76.9, 43.25)))  # synced, then moved

        demo, pending, centres = _read_all(store)
        expected = _one_by_one(store)

    assert not demo
    assert pending == {
        layer: {u: e[0] if e else None for u, e in entries.items()} for layer, entries in expected.items()
    }
    for layer, entries in expected.items():
        assert {uuid: centres.entry((layer, uuid)) for uuid in entries} == entries  # fid and exact centre
        assert centres.fids(layer) == {entry[0] for entry in entries.values() if entry is not None}  # type: ignore[index]
    assert centres.entry((LAYER, uuids[300]))[1:] == _entry({"fid": 0, "geom": blobs.from_shapely(line)})[1:]  # type: ignore[index]
    assert pending[LAYER][uuids[302]] is None and pending[LAYER][uuids[20]] is None  # counted, not drawn
    assert pending[LAYER][uuids[303]] is None and len(pending["quarries"]) == 1
    drawn = [entry for entries in expected.values() for entry in entries.values() if entry is not None]
    assert centres.points().tolist() == [list(entry[1:]) for entry in drawn]  # type: ignore[index]
    assert [list(entries) for entries in pending.values()] == [list(entries) for entries in expected.values()]
    assert not any(gc.is_tracked(entries) for entries in pending.values())  # nothing for the collector to walk


def _lines_run(path: Path) -> tuple[int, int]:
    """Python lines run, and ``blobs.envelope`` calls, reading the store's marks (``_read_all``)."""
    calls = [0]
    envelope = blobs.envelope

    def counted(blob: bytes):  # the real function, counted
        calls[0] += 1
        return envelope(blob)

    lines = [0]

    def trace(frame, event, arg):
        if event == "line":
            lines[0] += 1
        return trace

    pending_module.blobs.envelope = counted  # type: ignore[attr-defined]
    try:
        with Store.open(path, readonly=True) as store:
            sys.settrace(trace)
            try:
                _, pending, centres = _read_all(store)
            finally:
                sys.settrace(None)
    finally:
        pending_module.blobs.envelope = envelope  # type: ignore[attr-defined]
    assert len(pending[LAYER]) == len(centres.points())
    return lines[0], calls[0]


def test_reading_10000_unsynced_points_runs_as_much_python_as_1000(tmp_path: Path):
    """The marks of 10,000 new points are read with as many Python lines as those of 1,000 (SQLite, numpy
    and C constructors do the per-feature work) and no blob read one by one."""
    runs = {}
    for n in (1_000, 10_000):
        rng = np.random.default_rng(n)
        with Store.create(tmp_path / f"s{n}.gpkg") as store:
            store.insert_many(
                LAYER,
                {"name": [f"F{i}" for i in range(n)], "status": "closed"},
                list(shapely.points(rng.uniform(50, 85, n), rng.uniform(41, 55, n))),
            )
        runs[n] = _lines_run(tmp_path / f"s{n}.gpkg")
    assert runs[1_000][1] == runs[10_000][1] == 0, runs
    assert runs[10_000][0] <= runs[1_000][0] + 50, runs  # O(1) in the features, not O(n)
