"""Sync round trips against a real server process (uvicorn, SQLite backend) on 127.0.0.1.

    .venv/bin/python bench/bench_sync_roundtrip.py [--n 100000] [--edits 10000] [--ui-points 2000] [--repeat 3]

One server is started as ``python -m baytak_desktop.server --data DIR`` (as a person would), with one
admin account; every store signs in to it through ``sync.session.login``. Measured (issue 5 "Speed"):

- seed: a store with ``--n`` points pushes them all (informational: the cost of a first upload);
- first download: a new, empty store's first ``sync.engine.sync`` (downloads the ``--n`` features);
  target < 20 s. ``--repeat`` fresh stores, median reported;
- round trip: ``--edits`` features of the seeded store renamed and moved through SQL (journaled by the
  triggers), then one ``sync`` (push, then pull back); target < 10 s. Repeated on other features;
- no-op sync: ``sync`` again with nothing to send or receive; target < 200 ms;
- server memory while taking a ``--edits`` changeset: the server's peak RSS (VmHWM of
  /proc/<pid>/status, reset through /proc/<pid>/clear_refs just before the push; also sampled every
  20 ms); target < 300 MB;
- UI gaps: a ``--ui-points`` sync (push of new points, then a second store's first download) on a
  Python thread, as ui/sync/runner.py runs it, while the main thread runs a 10 ms QTimer in a
  QCoreApplication: the largest gap between its ticks is how long the sync held the GIL (the UI thread
  needs it for every Python slot). Target: no gap > 50 ms. The same timer with no sync for one second
  (``idle_baseline``) shows what the machine's load alone does to it.

The load average at start and end is in ``machine``; on a 2-core machine shared with test runs the
figures move by 2x: compare ``runs_s``. One JSON object goes to stdout.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import _common as c
import numpy as np
import shapely

PASSWORD = "bench-password-2026"
USER = "bench"


def extra_args(parser) -> None:
    parser.add_argument("--edits", type=int, default=10_000, help="edited features per round trip (10,000)")
    parser.add_argument("--ui-points", type=int, default=2_000, help="points of the UI-gap sync (2,000)")
    parser.add_argument("--parts", default="ui,roundtrip", help="what to measure: ui, roundtrip (both by default)")


# -- the server ------------------------------------------------------------------------------------
class Server:
    """``python -m baytak_desktop.server`` on a free port; stopped by terminate()."""

    def __init__(self, data: Path) -> None:
        self.data = data
        data.mkdir(parents=True, exist_ok=True)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "baytak_desktop.server",
                "user",
                "add",
                USER,
                "--role",
                "admin",
                "--password-stdin",
                "--data",
                str(data),
            ],
            input=PASSWORD + "\n",
            text=True,
            capture_output=True,
            check=True,
            timeout=60,
            env=_env(),
        )
        log = (data / "server.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "baytak_desktop.server", "--data", str(data), "--port", str(self.port)],
            stdout=log,
            stderr=log,
            env=_env(),
        )
        self._wait_healthy()

    def _wait_healthy(self) -> None:
        import httpx

        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        raise RuntimeError("the server did not start: " + (self.data / "server.log").read_text())

    def status(self, key: str) -> int:
        """A /proc/<pid>/status figure in kB (VmRSS, VmHWM)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        raise KeyError(key)

    def reset_peak(self) -> bool:
        """Writing 5 to clear_refs resets VmHWM to the current RSS (Linux >= 4.0)."""
        try:
            Path(f"/proc/{self.process.pid}/clear_refs").write_text("5")
            return True
        except OSError:
            return False

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _env() -> dict[str, str]:
    src = str(Path(__file__).resolve().parent.parent / "src")
    return {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}


# -- stores ----------------------------------------------------------------------------------------
def new_store(path: Path, url: str):
    from baytak_desktop.store import Store
    from baytak_desktop.sync.session import login

    Store.create(path).close()
    login(path, url, USER, PASSWORD)


def seed(path: Path, n: int, seed_value: int) -> None:
    from baytak_desktop.store import Store

    names, statuses, geoms = c.random_points(n, seed_value)
    with Store.open(path) as store:
        store.insert_many(c.LAYER, {"name": names, "status": statuses}, list(geoms))


def edit(path: Path, edits: int, seed_value: int, tag: str) -> None:
    """``edits`` features renamed and moved through plain SQL (the triggers journal them)."""
    from baytak_desktop.layers import geometry as blobs
    from baytak_desktop.store import Store

    rng = np.random.default_rng(seed_value)
    with Store.open(path) as store:
        fids = [row[0] for row in store.conn.execute(f'SELECT fid FROM "{c.LAYER}"')]
        chosen = rng.choice(np.array(fids), edits, replace=False).tolist()
        points = shapely.points(rng.uniform(50, 85, edits), rng.uniform(40, 55, edits))
        geoms = blobs.many_from_shapely(list(points))
        with store.session() as conn:
            conn.executemany(
                f'UPDATE "{c.LAYER}" SET name = ?, geom = ? WHERE fid = ?',
                [(f"{tag} {i}", g, fid) for i, (fid, g) in enumerate(zip(chosen, geoms, strict=True))],
            )


def sync(path: Path):
    from baytak_desktop.sync import engine

    return engine.sync(path)


def timed_sync(path: Path) -> tuple[float, dict]:
    start = time.perf_counter()
    result = sync(path)
    return time.perf_counter() - start, result.as_json()


# -- measurements ----------------------------------------------------------------------------------
def first_download(tmp: Path, server: Server, repeat: int, n: int) -> dict:
    runs, results = [], []
    for i in range(repeat):
        path = tmp / f"fresh-{i}.gpkg"
        new_store(path, server.url)
        seconds, result = timed_sync(path)
        runs.append(seconds)
        results.append(result["pulled"])
        path.unlink()
        c.log(f"  first download {i + 1}: {seconds:.2f} s, {result['pulled']} features")
    summary = c.seconds(runs)
    return {
        **summary,
        "features_pulled": results,
        "target_s": 20.0,
        "meets_target": summary["median_s"] < 20.0,
        "features": n,
    }


def round_trips(path: Path, server: Server, edits: int, repeat: int, seed_value: int) -> tuple[dict, dict, dict]:
    runs, peaks, rss_samples, noop_runs, details = [], [], [], [], []
    for i in range(repeat):
        edit(path, edits, seed_value + i, f"Round {i}")
        server.reset_peak()
        before = server.status("VmRSS")
        sampler = RssSampler(server)
        sampler.start()
        seconds, result = timed_sync(path)
        sampler.stop()
        runs.append(seconds)
        peaks.append(server.status("VmHWM"))
        rss_samples.append(max(sampler.samples, default=0))
        details.append({"pushed": result["pushed"], "pulled": result["pulled"], "rss_before_kb": before})
        noop, noop_result = timed_sync(path)
        noop_runs.append(noop)
        c.log(
            f"  round trip {i + 1}: {seconds:.2f} s ({result['pushed']} pushed, {result['pulled']} pulled), "
            f"server peak {peaks[-1] / 1024:.0f} MB; no-op {noop * 1000:.0f} ms ({noop_result['pulled']} pulled)"
        )
    trip = {
        **c.seconds(runs),
        "edits": edits,
        "details": details,
        "target_s": 10.0,
        "meets_target": statistics.median(runs) < 10.0,
    }
    noop = {**c.seconds(noop_runs), "target_s": 0.2, "meets_target": statistics.median(noop_runs) < 0.2}
    memory = {
        "server_peak_rss_mb_per_push": [round(p / 1024, 1) for p in peaks],
        "server_sampled_max_rss_mb": [round(s / 1024, 1) for s in rss_samples],
        "median_peak_mb": round(statistics.median(peaks) / 1024, 1),
        "target_mb": 300,
        "meets_target": statistics.median(peaks) / 1024 < 300,
    }
    return trip, noop, memory


class RssSampler(threading.Thread):
    def __init__(self, server: Server) -> None:
        super().__init__(daemon=True)
        self.server, self.samples, self.done = server, [], threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.02):
            self.samples.append(self.server.status("VmRSS"))

    def stop(self) -> None:
        self.done.set()
        self.join()


def ui_gaps(tmp: Path, points: int, repeat: int) -> dict:
    """The largest gap between ticks of a 10 ms QTimer on the main thread while a sync of ``points``
    new points (push + pull back), then a second store's first download of them, run on a thread."""
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    app = QCoreApplication.instance() or QCoreApplication([])
    server = Server(tmp / "ui-server")
    try:
        pushes, downloads = [], []
        for i in range(repeat):
            sender, receiver = tmp / f"ui-send-{i}.gpkg", tmp / f"ui-receive-{i}.gpkg"
            new_store(sender, server.url)
            new_store(receiver, server.url)
            for path in (sender, receiver):  # catch up with earlier rounds: only this round's points are measured
                sync(path)
            seed(sender, points, 100 + i)
            pushes.append(_gaps_during(app, QTimer, QEventLoop, lambda p=sender: sync(p)))
            downloads.append(_gaps_during(app, QTimer, QEventLoop, lambda p=receiver: sync(p)))
            c.log(
                f"  UI gaps {i + 1}: push+pull max {pushes[-1]['max_gap_ms']} ms, "
                f"download max {downloads[-1]['max_gap_ms']} ms"
            )
    finally:
        server.stop()
    worst = [r["max_gap_ms"] for r in pushes + downloads]
    idle = [_gaps_during(app, QTimer, QEventLoop, _idle) for _ in range(repeat)]
    return {
        "points": points,
        "timer_ms": 10,
        "push_and_pull_back": pushes,
        "second_store_download": downloads,
        "idle_baseline": idle,
        "median_of_max_gap_ms": round(statistics.median(worst), 1),
        "idle_median_of_max_gap_ms": round(statistics.median(r["max_gap_ms"] for r in idle), 1),
        "target_max_gap_ms": 50,
        "meets_target": statistics.median(worst) < 50,
    }


class _Nothing:
    def as_json(self) -> dict:
        return {"pushed": 0, "pulled": 0}


def _idle() -> _Nothing:
    """The same timer with no sync at all, for one second: what the machine's load alone does to it."""
    time.sleep(1.0)
    return _Nothing()


def _gaps_during(app, QTimer, QEventLoop, job) -> dict:
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()
    outcome: dict = {}

    def work() -> None:
        start = time.perf_counter()
        try:
            outcome["result"] = job().as_json()
        finally:
            outcome["seconds"] = time.perf_counter() - start
            QTimer.singleShot(0, app, loop.quit)

    thread = threading.Thread(target=work)
    timer.start()
    ticks.append(time.perf_counter())
    thread.start()
    loop.exec()
    timer.stop()
    thread.join()
    gaps = np.diff(np.array(ticks)) * 1000.0
    return {
        "sync_s": round(outcome["seconds"], 3),
        "ticks": len(ticks),
        "max_gap_ms": round(float(gaps.max()), 1),
        "p99_gap_ms": round(float(np.percentile(gaps, 99)), 1),
        "gaps_over_50ms": int((gaps > 50).sum()),
        "pushed": outcome["result"]["pushed"],
        "pulled": outcome["result"]["pulled"],
    }


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=100_000, extra=extra_args)
    with tempfile.TemporaryDirectory(prefix="baytak-bench-roundtrip-") as tmp_name:
        tmp = Path(tmp_name)
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # tokens of the bench's stores stay in here
        out: dict = {"benchmark": "sync_roundtrip", "backend": "sqlite", "layer_rows": args.n}
        parts = set(args.parts.split(","))
        if "ui" in parts:
            c.log(f"UI gaps, {args.ui_points:,} points")
            out["ui_gaps"] = ui_gaps(tmp, args.ui_points, args.repeat)
        if "roundtrip" in parts:
            out.update(roundtrip_figures(tmp, args))
        out["machine"] = c.machine_info(tmp_name)
        c.emit(out)


def roundtrip_figures(tmp: Path, args) -> dict:
    out: dict = {}
    server = Server(tmp / "server")
    try:
        main_store = tmp / "main.gpkg"
        new_store(main_store, server.url)
        seed(main_store, args.n, args.seed)
        c.log(f"seed: pushing {args.n:,} features")
        seconds, result = timed_sync(main_store)
        out["seed_push"] = {
            "seconds": round(seconds, 3),
            "pushed": result["pushed"],
            "changesets": result["changesets"],
            "server_peak_rss_mb": round(server.status("VmHWM") / 1024, 1),
        }
        c.log("first download")
        out["first_download"] = first_download(tmp, server, args.repeat, args.n)
        c.log(f"round trips of {args.edits:,} edits")
        trip, noop, memory = round_trips(main_store, server, args.edits, args.repeat, args.seed + 7)
        out.update(round_trip=trip, noop_sync=noop, server_memory_taking_changeset=memory)
    finally:
        server.stop()
    return out


if __name__ == "__main__":
    main()
