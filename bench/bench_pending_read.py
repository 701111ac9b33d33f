"""The unsynced edits' marks read as a store opens: a reader thread's CPU for ``_read_all``, ours and a peer's.

    .venv/bin/python bench/bench_pending_read.py [--n 100000] [--repeat 5] [--peer /path/to/other/checkout]

A store of ``--n`` new points (every one an unsynced edit) is read by this checkout's
``ui.edit.pending._read_all`` and by the peer checkout's (its ``ui/edit/pending.py`` and
``store/changes.py`` loaded beside ours, the rest of the package shared), alternating in one process:
the CPU seconds of the reading thread (it holds the GIL in slices meanwhile, and the UI thread waits at
each turn), the objects it leaves for the collector (``gc.get_objects()`` grown while the result is
held), a full collection's time with the result held, and the longest wait of another thread waking
every millisecond (as the UI thread's timer does) during the read. The two results must be equal.
One JSON object goes to stdout.
"""

from __future__ import annotations

import gc
import importlib.util
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import _common as c
import bench_sharing


def extra_args(parser) -> None:
    parser.add_argument("--peer", default="/work/main", help="the other checkout (default /work/main)")


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


class _PeerStore:
    """The store as the peer's ``_read_all`` sees it: its own ``pending_marks``."""

    def __init__(self, store, changes: ModuleType) -> None:
        self.store, self.changes = store, changes
        self.is_demo, self.catalog = store.is_demo, store.catalog

    def pending_marks(self):
        return self.changes.pending_marks(self.store.conn)


class _Ticker:
    """Another Python thread, as the UI thread is: it wakes every millisecond; its longest wait between
    two wakes while a read runs is how long the reading thread kept the GIL in one piece (and the load)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        last = time.perf_counter()
        while not self._stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def __enter__(self) -> _Ticker:
        self._thread.start()
        time.sleep(0.01)
        self.longest = 0.0
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def _measure(read) -> tuple[float, int, float, float, Any]:
    gc.collect()
    before = len(gc.get_objects())
    with _Ticker() as ticker:
        start = time.thread_time()
        found = read()
        cpu = time.thread_time() - start
    grown = len(gc.get_objects()) - before
    start = time.perf_counter()
    gc.collect()
    return cpu, grown, time.perf_counter() - start, ticker.longest, found


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=100_000, extra=extra_args)
    from baytak_desktop.store import Store
    from baytak_desktop.ui.edit import pending as ours

    peer_src = Path(args.peer) / "src" / "baytak_desktop"
    peer_changes = _load("peer_changes", peer_src / "store" / "changes.py")
    peer_pending = _load("peer_pending", peer_src / "ui" / "edit" / "pending.py")
    rounds = args.repeat
    with tempfile.TemporaryDirectory(prefix="baytak-bench-pending-") as tmp:
        path = bench_sharing.make_store_at(Path(tmp) / "store.gpkg", args.n, args.seed)
        runs: dict[str, list[tuple[float, int, float, float]]] = {"ours": [], "peer": []}
        marks: dict[str, list[float]] = {"ours": [], "peer": []}  # its pending_marks alone (SQL and rows)
        with Store.open(path, readonly=True) as store:
            peer_store = _PeerStore(store, peer_changes)
            for _ in range(rounds):
                for side in ("ours", "peer"):
                    if side == "ours":
                        cpu, grown, collect, held, _ = _measure(lambda: ours._read_all(store))
                    else:
                        cpu, grown, collect, held, _ = _measure(lambda: peer_pending._read_all(peer_store))
                    runs[side].append((cpu, grown, collect, held))
                    start = time.thread_time()
                    (store if side == "ours" else peer_store).pending_marks()
                    marks[side].append(time.thread_time() - start)
            same = _same(ours._read_all(store), peer_pending._read_all(peer_store))

    def summary(side: str) -> dict[str, Any]:
        cpu, grown, collect, held = zip(*runs[side], strict=True)
        return {
            "reader_cpu_s": [round(s, 3) for s in cpu],
            "reader_cpu_s_median": round(statistics.median(cpu), 3),
            "of_which_pending_marks_cpu_s_median": round(statistics.median(marks[side]), 3),
            "objects_left_for_the_collector": statistics.median(grown),
            "full_collection_ms_median": round(1000 * statistics.median(collect), 1),
            "other_thread_longest_wait_ms": [round(1000 * s, 1) for s in held],
        }

    c.emit(
        {
            "benchmark": "pending_read",
            "n": args.n,
            "rounds": rounds,
            "machine": c.machine_info(),
            "ours": summary("ours"),
            "peer": {"checkout": args.peer, **summary("peer")},
            "same_result": same,
            "notes": [
                "one process, the sides alternating; CPU seconds of the reading thread (time.thread_time)",
                "objects_left_for_the_collector: gc.get_objects() grown while the result is held",
                "other_thread_longest_wait_ms: a thread waking every 1 ms, its longest wait during the read "
                "(the GIL kept in one piece by the reader, or the load)",
            ],
        }
    )


def _same(ours, peer) -> bool:
    """The same demo flag, pending features (ours: {uuid: fid or None}; the peer's may keep (fid, x, y)),
    drawn centres (in order) and fids."""
    as_fids = {
        layer: {u: e[0] if isinstance(e, tuple) else e for u, e in entries.items()}
        for layer, entries in peer[1].items()
    }
    if ours[0] != peer[0] or ours[1] != as_fids:
        return False
    if ours[2].points().shape != peer[2].points().shape or not (ours[2].points() == peer[2].points()).all():
        return False
    return all(ours[2].fids(layer) == peer[2].fids(layer) for layer in ours[1])


if __name__ == "__main__":
    main()
