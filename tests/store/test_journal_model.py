"""Property: for any sequence of edits (app or plain sqlite3) and syncs, ``store.changes()`` is exactly
the difference between a simple model's last-synced state and its current state, feature by feature."""

from __future__ import annotations

import os

import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baytak_desktop.layers import geometry as blobs
from baytak_desktop.store import Store
from baytak_desktop.store import changes as changes_module
from baytak_desktop.store.changes import mark_synced

LAYER = "brick_factories"
TRACKED = {"branch", "name", "status", "operator", "closed_on", "emissions_note", "observed_on", "notes", "geom"}
POOLS = {
    "name": ["Narynkol", "Besagash", "Кирпичный завод"],
    "status": ["operating", "closed", "relocated", "unknown"],
    "operator": [None, "ТОО Кірпіш", "IP Serik"],
    "notes": [None, "closed in 2019", "smoke seen"],
    "observed_on": [None, "2020-01-01", "2023-06-30"],
}
EDITABLE = sorted(POOLS)
xy = st.tuples(st.sampled_from([76.9, 77.0, 77.1]), st.sampled_from([43.2, 43.3]))
pick = st.integers(0, 10_000)
field_value = st.sampled_from(EDITABLE).flatmap(lambda f: st.tuples(st.just(f), st.sampled_from(POOLS[f])))
attributes = st.fixed_dictionaries({f: st.sampled_from(POOLS[f]) for f in EDITABLE})

operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), attributes, xy),
        st.tuples(st.just("reinsert"), pick, attributes, xy),
        st.tuples(st.just("update"), pick, field_value),
        st.tuples(st.just("move"), pick, xy),
        st.tuples(st.just("delete"), pick),
        st.tuples(st.just("sync")),
        st.tuples(st.just("raw_insert"), attributes, xy),
        st.tuples(st.just("raw_update"), pick, field_value),
        st.tuples(st.just("raw_move"), pick, xy),
        st.tuples(st.just("raw_delete"), pick),
    ),
    min_size=1,
    max_size=25,
)


def expected_changes(synced: dict, current: dict) -> dict:
    found = {}
    for uuid in synced.keys() | current.keys():
        if uuid not in synced:
            found[uuid] = ("insert", TRACKED)
        elif uuid not in current:
            found[uuid] = ("delete", set())
        else:
            fields = {f for f in current[uuid] if current[uuid][f] != synced[uuid][f]}
            if fields:
                found[uuid] = ("update", fields)
    return found


def stored(attrs: dict, where: tuple[float, float]) -> dict:
    """The model of one feature: the editable values and the position (other tracked fields stay NULL)."""
    return {**attrs, "geom": where}


@settings(
    max_examples=int(os.environ.get("BAYTAK_MODEL_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations)
@pytest.mark.parametrize("bulk_above", [changes_module.BULK_ABOVE, 0], ids=["row-by-row", "in-bulk"])
def test_changes_equal_the_models_net_diff(tmp_path_factory, plain_sqlite, gpkg_blob, monkeypatch, bulk_above, ops):
    """Both ways of reading the rows: a feature at a time (few journaled) and every journaled feature's
    rows in one statement (many: a full re-read of 100,000 unsynced edits)."""
    monkeypatch.setattr(changes_module, "BULK_ABOVE", bulk_above)
    path = tmp_path_factory.mktemp("model") / "s.gpkg"
    store = Store.create(path)
    raw = plain_sqlite(path)
    synced: dict[str, dict] = {}
    current: dict[str, dict] = {}
    gone: list[str] = []  # deleted uuids that may come back (an undo)
    try:
        for op in ops:
            live = list(current)
            kind = op[0]
            if kind == "insert":
                _, attrs, where = op
                f = store.insert(LAYER, attrs, shapely.Point(*where))
                current[f.uuid] = stored(attrs, where)
            elif kind == "reinsert":
                _, i, attrs, where = op
                if not gone:
                    continue
                uuid = gone.pop(i % len(gone))
                store.insert(LAYER, attrs, shapely.Point(*where), uuid=uuid)
                current[uuid] = stored(attrs, where)
            elif kind == "raw_insert":
                _, attrs, where = op
                names = ", ".join(attrs)
                marks = ", ".join("?" for _ in attrs)
                cursor = raw.execute(
                    f"INSERT INTO {LAYER} ({names}, geom) VALUES ({marks}, ?)",
                    (*attrs.values(), gpkg_blob(shapely.Point(*where))),
                )
                (uuid,) = raw.execute(f"SELECT uuid FROM {LAYER} WHERE fid = ?", (cursor.lastrowid,)).fetchone()
                current[uuid] = stored(attrs, where)
            elif kind == "sync":
                with store.session() as conn:
                    mark_synced(conn, LAYER, sorted(synced.keys() | current.keys() | set(gone)))
                synced = {u: dict(v) for u, v in current.items()}
            elif not live:
                continue
            else:
                uuid = live[op[1] % len(live)]
                if kind == "update":
                    field, value = op[2]
                    store.update(LAYER, uuid, {field: value})
                    current[uuid][field] = value
                elif kind == "raw_update":
                    field, value = op[2]
                    raw.execute(f"UPDATE {LAYER} SET {field} = ? WHERE uuid = ?", (value, uuid))
                    current[uuid][field] = value
                elif kind == "move":
                    store.update(LAYER, uuid, geometry=shapely.Point(*op[2]))
                    current[uuid]["geom"] = op[2]
                elif kind == "raw_move":
                    raw.execute(f"UPDATE {LAYER} SET geom = ? WHERE uuid = ?", (gpkg_blob(shapely.Point(*op[2])), uuid))
                    current[uuid]["geom"] = op[2]
                elif kind in ("delete", "raw_delete"):
                    if kind == "delete":
                        store.delete(LAYER, uuid)
                    else:
                        raw.execute(f"DELETE FROM {LAYER} WHERE uuid = ?", (uuid,))
                    del current[uuid]
                    gone.append(uuid)

            got = {c.uuid: (c.op, set(c.fields)) for c in store.changes(LAYER)}
            assert got == expected_changes(synced, current), op
            for change in store.changes(LAYER):
                if change.current is not None:
                    model = current[change.uuid]
                    assert {f: change.current[f] for f in EDITABLE} == {f: model[f] for f in EDITABLE}
                    assert blobs.to_shapely(change.current["geom"]).equals(shapely.Point(*model["geom"]))
        assert store.count(LAYER) == len(current)
    finally:
        raw.close()
        store.close()
