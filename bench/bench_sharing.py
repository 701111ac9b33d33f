"""Sharing benchmark: how long the UI's kind of database work waits while QGIS and ogr2ogr write beside it.

    .venv/bin/python bench/bench_sharing.py [--n 20000] [--seconds 20]

A store of ``--n`` points. For ``--seconds``, two other programs write to it in loops: a real QGIS
(python3-qgis, driven by tests/interop/qgis_session.py) commits 5 new features at a time through its
edit buffer, and ``ogr2ogr -append`` adds 100 points per run. Meanwhile this process does what the
app's UI thread does, every ~10 ms, on a store opened with ``busy_ms=50`` (the UI thread's patience):
the canvas's viewport read (``fids_in_bbox`` of a random box), the table's count and a block of 200
rows, the status bar's count of edits not yet synced, and the poll for other programs' edits
(``ChangeWatcher.poll``). Every ~250 ms the app makes an edit (insert or update) on a second store, as
its writer thread would. Each call is timed; a read that meets a lock for longer than 50 ms gives up
(the UI keeps what it shows and asks again at the next tick) and is counted.

Scenarios: ``app_first`` (the app opened the store first), ``qgis_first`` (QGIS opened it first and
turned it to rollback-journal mode; its first edit turns it to WAL, which then stays while the app
holds it), ``rollback_mode`` (QGIS opened it first and only reads, in a loop, while ogr2ogr writes:
the file stays in rollback-journal mode the whole time, where readers wait for every commit) and
``alone`` (no other program: the peer baseline). Each call's wall time is the stall the UI feels;
``blocked`` is wall time minus the thread's CPU time (waiting on locks and I/O, or preempted by the
other programs on a busy machine).
Target (issue 14): the UI thread never waits more than 50 ms on the database. One JSON object on stdout.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from typing import Any

import _common as c

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

UI_BUSY_MS = 50
TARGET_MS = 50.0
EDIT_EVERY_S = 0.25
TICK_S = 0.01


def extra_args(parser) -> None:
    parser.add_argument("--seconds", type=float, default=20.0, help="seconds per scenario (default 20)")


class OtherPrograms:
    """QGIS and ogr2ogr writing to the store in loops on their own threads, counting what happened."""

    def __init__(self, path: Path, source: Path, qgis_first: bool, qgis_writes: bool = True) -> None:
        from interop.programs import OGR2OGR, Qgis, gdal_lost_a_race, ogr2ogr_append, qgis_available

        self.path, self.source, self.qgis_writes = path, source, qgis_writes
        self.stop = threading.Event()
        self.counts = {
            "qgis_commits": 0,
            "qgis_failed": 0,
            "ogr2ogr_runs": 0,
            "ogr2ogr_lost_races": 0,
            "ogr2ogr_failed": 0,
        }
        self.qgis_commit_s: list[float] = []
        self.qgis = Qgis(path, wait_for_locks=True) if qgis_available() else None
        if self.qgis is not None and qgis_first:
            self.qgis(op="open", layer=c.LAYER)
        self._append, self._lost = ogr2ogr_append, gdal_lost_a_race
        self.threads = [threading.Thread(target=self._qgis_loop)] if self.qgis is not None else []
        if OGR2OGR is not None:
            self.threads.append(threading.Thread(target=self._gdal_loop))

    def start(self) -> None:
        if self.qgis is not None:
            self.qgis(op="open", layer=c.LAYER)  # (again, when it opened first: a no-op)
        for thread in self.threads:
            thread.start()

    def finish(self) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()
        if self.qgis is not None:
            self.qgis.quit()

    def _qgis_loop(self) -> None:
        assert self.qgis is not None
        while not self.stop.is_set():
            start = time.perf_counter()
            if not self.qgis_writes:  # QGIS drawing the layer: reads every feature
                self.qgis(op="count", layer=c.LAYER)
                self.counts["qgis_reads"] = self.counts.get("qgis_reads", 0) + 1
                continue
            answer = self.qgis(op="add", layer=c.LAYER, n=5, name="QGIS")
            self.qgis_commit_s.append(time.perf_counter() - start)
            self.counts["qgis_commits" if answer.get("ok") else "qgis_failed"] += 1

    def _gdal_loop(self) -> None:
        while not self.stop.is_set():
            done = self._append(self.path, self.source, c.LAYER)
            if done.returncode == 0:
                self.counts["ogr2ogr_runs"] += 1
            elif self._lost(done):
                self.counts["ogr2ogr_lost_races"] += 1
            else:
                self.counts["ogr2ogr_failed"] += 1


def ui_loop(ui, writer, seconds: float, seed: int) -> dict[str, Any]:
    """The UI thread's reads (on ``ui``, busy_ms=50) and the writer's edits, timed, for ``seconds``."""
    from baytak_desktop.errors import StoreBusy
    from baytak_desktop.sync.outbox import pending_count

    rng = random.Random(seed)
    reads: dict[str, list[float]] = {"viewport": [], "table": [], "pending_count": [], "poll": []}
    blocked: list[float] = []
    gave_up = dict.fromkeys(reads, 0)
    writes: list[float] = []
    write_failures: list[str] = []
    modes: set[str] = set()
    outside = 0
    watcher = ui.watcher()
    columns = '"fid", "uuid", "name", "status", "notes", "geom"'

    def viewport() -> None:
        x, y = rng.uniform(44, 88), rng.uniform(36, 54)
        ui.fids_in_bbox(c.LAYER, (x, y, x + 2, y + 2))

    def table_block() -> None:  # the attribute table: the row count and the rows of one visible block
        total = ui.count(c.LAYER)
        first = rng.randrange(max(total - 200, 1))
        ui.conn.execute(f'SELECT {columns} FROM "{c.LAYER}" WHERE fid > ? ORDER BY fid LIMIT 200', (first,)).fetchall()

    def poll() -> None:
        nonlocal outside
        outside += watcher.poll() is not None

    ops = {"viewport": viewport, "table": table_block, "pending_count": lambda: pending_count(ui.conn), "poll": poll}
    uuids = list(writer.iter_uuids(c.LAYER))[:500]
    end = time.monotonic() + seconds
    next_edit = time.monotonic()
    while time.monotonic() < end:
        for name, op in ops.items():
            start, cpu = time.perf_counter(), time.thread_time()
            try:
                op()
            except (sqlite3.OperationalError, StoreBusy) as exc:
                if not isinstance(exc, StoreBusy) and "locked" not in str(exc):
                    raise
                gave_up[name] += 1
            wall = time.perf_counter() - start
            reads[name].append(wall)
            blocked.append(max(wall - (time.thread_time() - cpu), 0.0))
        if time.monotonic() >= next_edit:
            next_edit += EDIT_EVERY_S
            start = time.perf_counter()
            try:
                if rng.random() < 0.5:
                    writer.insert(c.LAYER, {"name": "edit", "status": "closed"}, _point(rng))
                else:
                    writer.update(c.LAYER, rng.choice(uuids), {"name": f"edit {rng.random():.6f}"})
            except Exception as exc:  # counted and shown: a failed edit is what this guards against
                write_failures.append(f"{type(exc).__name__}: {exc}")
            writes.append(time.perf_counter() - start)
            modes.add(writer.journal_mode())
        time.sleep(TICK_S)
    all_reads = [v for values in reads.values() for v in values]
    return {
        "journal_modes_seen": sorted(modes),
        "ui_reads": {
            "calls": len(all_reads),
            **c.distribution_ms(all_reads),
            "p99_ms": _p99(all_reads),
            "longest_stall_ms": round(max(all_reads) * 1000, 3),
            "gave_up_after_50ms": sum(gave_up.values()),
            "blocked": {**c.distribution_ms(blocked), "p99_ms": _p99(blocked)},
            "by_kind": {name: {**c.distribution_ms(v), "gave_up": gave_up[name]} for name, v in reads.items()},
        },
        "writer_edits": {
            "calls": len(writes),
            **c.distribution_ms(writes),
            "p99_ms": _p99(writes),
            "failed": len(write_failures),
            "failures": write_failures[:5],
        },
        "outside_changes_noticed": outside,
    }


def _p99(values: list[float]) -> float:
    import numpy as np

    return round(float(np.percentile(np.asarray(values) * 1000, 99)), 3)


def _point(rng: random.Random):
    import shapely

    return shapely.Point(rng.uniform(45, 88), rng.uniform(37, 55))


def make_store_at(path: Path, n: int, seed: int) -> Path:
    """A store of ``n`` random points of ``c.LAYER`` at ``path``."""
    from baytak_desktop.store import Store

    names, statuses, geoms = c.random_points(n, seed)
    with Store.create(path) as store:
        store.insert_many(c.LAYER, {"name": list(names), "status": list(statuses)}, list(geoms))
    return path


def make_store(folder: Path, n: int, seed: int) -> tuple[Path, Path]:
    path = make_store_at(folder / f"store-{time.monotonic_ns()}.gpkg", n, seed)
    source = folder / "append.geojson"
    if not source.exists():
        c.random_frame(100, seed + 1).to_file(source, driver="GeoJSON")
    return path, source


def scenario(folder: Path, name: str, args) -> dict[str, Any]:
    """One scenario on a fresh store; the order in which the app and QGIS open it is the point."""
    from baytak_desktop.store import Store

    path, source = make_store(folder, args.n, args.seed)
    if name == "alone":
        with Store.open(path, busy_ms=UI_BUSY_MS) as ui, Store.open(path) as writer:
            return ui_loop(ui, writer, args.seconds, args.seed)
    qgis_first = name in ("qgis_first", "rollback_mode")  # QGIS opens the store here, before the app
    others = OtherPrograms(path, source, qgis_first=qgis_first, qgis_writes=name != "rollback_mode")
    try:
        with Store.open(path, busy_ms=UI_BUSY_MS) as ui, Store.open(path) as writer:
            others.start()
            result = ui_loop(ui, writer, args.seconds, args.seed)
    finally:
        others.finish()
    result["other_programs"] = {
        **others.counts,
        "qgis_commit": c.distribution_ms(others.qgis_commit_s) if others.qgis_commit_s else None,
    }
    return result


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=20_000, extra=extra_args)
    from interop.programs import OGR2OGR, qgis_available

    with tempfile.TemporaryDirectory(prefix="baytak-bench-sharing-") as tmp:
        folder = Path(tmp)
        names = ("alone", "app_first", "qgis_first", "rollback_mode")
        results = {name: scenario(folder, name, args) for name in names}
        shared = [results[name] for name in names[1:]]
        longest = max(r["ui_reads"]["longest_stall_ms"] for r in shared)
        c.emit(
            {
                "benchmark": "sharing",
                "n": args.n,
                "seconds_per_scenario": args.seconds,
                "machine": c.machine_info(tmp),
                "other_programs_present": {"qgis": qgis_available(), "ogr2ogr": OGR2OGR is not None},
                **results,
                "peer": "'alone': the same UI loop with no other program writing",
                "target": f"the UI thread's reads wait at most {TARGET_MS:g} ms (issue 14)",
                "longest_ui_stall_ms": longest,
                "meets_target": longest <= TARGET_MS,
                "notes": [
                    "UI reads run on a store opened with busy_ms=50: a read that meets a lock longer than that "
                    "gives up (counted in gave_up_after_50ms) and the UI shows what it had",
                    "writer_edits are the app's edits on its writer connection (not the UI thread): their "
                    "time includes waiting for QGIS's and ogr2ogr's commits",
                    "QGIS runs with OGR_SQLITE_PRAGMA=busy_timeout=30000 as the guide advises, and ogr2ogr with "
                    "--config OGR_SQLITE_PRAGMA busy_timeout=30000; ogr2ogr_lost_races are runs SQLite refused at "
                    "once because another program committed between GDAL's read and its first write",
                ],
            }
        )


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        main()
