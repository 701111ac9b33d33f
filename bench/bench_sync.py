"""Sync benchmark: building the push payload and applying pulled changes, beside pygeodiff.

    .venv/bin/python bench/bench_sync.py [--sizes 100000,1000000] [--edits 10000] [--repeat 3]

For each layer size a store of that many points is built and taken as synced (journal emptied); a
copy gets ``--edits`` edits (name and position) through SQL, journaled by the triggers.

- ours, payload: ``sync.outbox.seal`` (the journal read, the rows fetched in bulk, the wire JSON, the
  stamps), inside a transaction rolled back after each run; also on the unedited store (no edits).
- geodiff, create: ``GeoDiff.create_changeset(base, edited)`` on the same two files (the baytak_*
  bookkeeping tables skipped, so it diffs what we send); also base against an identical copy.
- ours, apply: the same edits as pulled pages (5,000 feature states each, JSON as the server sends
  them) parsed and applied by ``sync.apply.apply_page`` to a copy of the base store.
- geodiff, apply: ``GeoDiff.apply_changeset`` of its changeset to a copy of the base store (with the
  journal triggers standing still, as during our apply).
Targets (issue 5): payload < 100 ms for 10k edits at any layer size and faster than geodiff's create;
< 5 ms with no edits; apply faster than geodiff's apply. One JSON object goes to stdout.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from pathlib import Path

import _common as c
import numpy as np
import shapely

PAGE = 5_000  # the client's default page (sync.session.ClientOptions.page_size)


def extra_args(parser) -> None:
    parser.add_argument("--sizes", default="100000,1000000", help="layer sizes, comma-separated")
    parser.add_argument("--edits", type=int, default=10_000, help="edited features (default 10,000)")


def build_base(path: Path, n: int, seed: int) -> None:
    from baytak_desktop.store import Store

    names, statuses, geoms = c.random_points(n, seed)
    with Store.create(path) as store:
        store.insert_many(c.LAYER, {"name": names, "status": statuses}, list(geoms))
        with store.session() as conn:
            conn.execute("DELETE FROM baytak_journal")  # as after a sync: every feature known to the server
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def edit(path: Path, edits: int, seed: int) -> list[tuple[str, str, bytes]]:
    """``edits`` features renamed and moved through plain SQL; returns (uuid, name, blob) of each."""
    from baytak_desktop.layers import geometry as blobs
    from baytak_desktop.store import Store

    rng = np.random.default_rng(seed)
    with Store.open(path) as store:
        total = store.count(c.LAYER)
        fids = (rng.choice(total, edits, replace=False) + 1).tolist()
        points = shapely.points(rng.uniform(50, 85, edits), rng.uniform(40, 55, edits))
        geoms = blobs.many_from_shapely(list(points))
        rows = [(f"Edited {i}", g, fid) for i, (fid, g) in enumerate(zip(fids, geoms, strict=True))]
        with store.session() as conn:
            conn.executemany(f'UPDATE "{c.LAYER}" SET name = ?, geom = ? WHERE fid = ?', rows)
        uuids = dict(
            store.conn.execute(
                f'SELECT fid, uuid FROM "{c.LAYER}" WHERE fid IN (SELECT value FROM json_each(?))', (json.dumps(fids),)
            )
        )
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return [(uuids[fid], name, g) for (name, g, fid) in rows]


def time_seal(path: Path, repeat: int) -> tuple[dict, int]:
    from baytak_desktop.store import Store
    from baytak_desktop.sync import outbox

    with Store.open(path) as store:
        device = store.device_id

        def step(_):
            store.conn.execute("BEGIN IMMEDIATE")
            try:
                return sum(s.changes for s in outbox.seal(store.conn, device))
            finally:
                store.conn.execute("ROLLBACK")

        return c.timed(step, repeat)


def skip_bookkeeping(geodiff, path: Path) -> None:
    conn = sqlite3.connect(path)
    tables = [
        r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'baytak_%'")
    ]
    conn.close()
    geodiff.set_tables_to_skip(tables)


def time_geodiff_create(geodiff, base: Path, other: Path, out: Path, repeat: int) -> tuple[dict, int]:
    def step(_):
        out.unlink(missing_ok=True)
        geodiff.create_changeset(str(base), str(other), str(out))
        return geodiff.changes_count(str(out))

    return c.timed(step, repeat)


def pulled_pages(changes: list[tuple[str, str, bytes]], rev0: int) -> list[bytes]:
    """The edits as the server's pull feed would carry them: full feature states, JSON pages."""
    from baytak_desktop.sync import wire

    hexes = wire.geoms_to_wire([g for _, _, g in changes])
    pages = []
    for start in range(0, len(changes), PAGE):
        states = [
            {
                "layer": c.LAYER,
                "uuid": uuid,
                "rev": rev0 + start + i + 1,
                "fields": {
                    "name": name,
                    "status": "closed",
                    "branch": None,
                    "operator": None,
                    "closed_on": None,
                    "emissions_note": None,
                    "observed_on": None,
                    "notes": None,
                    "created_at": "2026-01-01T00:00:00.000Z",
                    "created_by": "bench",
                    "updated_at": "2026-01-02T00:00:00.000Z",
                    "updated_by": "bench",
                    "geom": hexes[start + i],
                },
            }
            for i, (uuid, name, _) in enumerate(changes[start : start + PAGE])
        ]
        until = rev0 + min(start + PAGE, len(changes))
        pages.append(
            json.dumps(
                {
                    "after": rev0 + start,
                    "until": until,
                    "more": until < rev0 + len(changes),
                    "server_rev": rev0 + len(changes),
                    "features": states,
                }
            ).encode()
        )
    return pages


def time_apply(base: Path, work: Path, pages: list[bytes], repeat: int) -> dict:
    from baytak_desktop.store import Store
    from baytak_desktop.sync.apply import apply_page
    from baytak_desktop.sync.protocol import ChangesPage

    stores = {}

    def setup(i):
        shutil.copy(base, work)
        stores[i] = Store.open(work)
        return stores[i]

    def step(store):
        for body in pages:
            page = ChangesPage.model_validate_json(body)
            with store.session() as conn:
                apply_page(conn, page)

    def teardown(i, _):
        stores.pop(i).close()

    return c.timed(step, repeat, setup, teardown)[0]


def time_geodiff_apply(geodiff, base: Path, work: Path, changeset: Path, repeat: int) -> dict:
    def setup(_):
        shutil.copy(base, work)
        conn = sqlite3.connect(work)
        conn.execute("UPDATE baytak_sync_state SET applying = 1")  # our journal stands still, as in our apply
        conn.commit()
        conn.close()

    def step(_):
        geodiff.apply_changeset(str(work), str(changeset))

    return c.timed(step, repeat, setup)[0]


def measure_size(tmp: Path, n: int, args, geodiff) -> dict:
    base, edited, same = tmp / f"base-{n}.gpkg", tmp / f"edited-{n}.gpkg", tmp / f"same-{n}.gpkg"
    c.log(f"building {n:,} features")
    build_base(base, n, args.seed)
    shutil.copy(base, edited)
    shutil.copy(base, same)
    changes = edit(edited, args.edits, args.seed + 1)
    skip_bookkeeping(geodiff, base)
    c.log("payload")
    ours, sealed = time_seal(edited, args.repeat)
    noop, _ = time_seal(base, args.repeat)
    c.log("geodiff create")
    changeset = tmp / f"changeset-{n}.bin"
    theirs, counted = time_geodiff_create(geodiff, base, edited, changeset, args.repeat)
    theirs_noop, _ = time_geodiff_create(geodiff, base, same, tmp / "noop.bin", args.repeat)
    shutil.copy(changeset, tmp / "keep.bin")
    c.log("apply")
    applied = time_apply(base, tmp / "work.gpkg", pulled_pages(changes, 1), args.repeat)
    geodiff_applied = time_geodiff_apply(geodiff, base, tmp / "work-geodiff.gpkg", tmp / "keep.bin", args.repeat)
    for path in (base, edited, same, tmp / "work.gpkg", tmp / "work-geodiff.gpkg"):
        path.unlink(missing_ok=True)
    return {
        "layer_rows": n,
        "edits": args.edits,
        "changes_sealed": sealed,
        "geodiff_changes": counted,
        "payload_10k": {
            "ours": ours,
            "geodiff_create_changeset": theirs,
            "ratio_ours_to_geodiff": c.ratio(ours["median_s"], theirs["median_s"]),
            "meets_target": ours["median_s"] < 0.1 and ours["median_s"] < theirs["median_s"],
        },
        "payload_no_edits": {
            "ours": noop,
            "geodiff_create_changeset": theirs_noop,
            "meets_target": noop["median_s"] < 0.005,
        },
        "apply_10k": {
            "ours_parse_and_apply": applied,
            "geodiff_apply_changeset": geodiff_applied,
            "ratio_ours_to_geodiff": c.ratio(applied["median_s"], geodiff_applied["median_s"]),
            "meets_target": applied["median_s"] < geodiff_applied["median_s"],
        },
    }


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=0, extra=extra_args)
    import pygeodiff

    geodiff = pygeodiff.GeoDiff()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="baytak-bench-sync-") as tmp:
        results = [measure_size(Path(tmp), n, args, geodiff) for n in sizes]
        c.emit(
            {
                "benchmark": "sync",
                "pygeodiff": geodiff.version(),
                "page_size": PAGE,
                "results": results,
                "machine": c.machine_info(tmp),
            }
        )


if __name__ == "__main__":
    main()
