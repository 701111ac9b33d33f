"""Where one push's CPU goes: a ``--changes``-change push split into its steps, on one backend.

    .venv/bin/python bench/bench_push_cpu.py --backend postgis [--changes 10000] [--repeat 3]
    .venv/bin/python bench/bench_push_cpu.py --backend sqlite

The push is run in this process on the server's own functions, in the order ``server.push.push`` runs
them, and each step is timed in CPU seconds of this thread (``time.thread_time``: what the server's
Python spends, whatever else the machine runs): reading and validating the body (the request model,
as FastAPI does it), the door's checks (``door.check_all``), judging on a snapshot (``push.plan``:
rights, merge, rows built), the locked write (``push.commit``: the plan placed, COPY, the commit) and
the answer's JSON. ``wall`` is the whole push in wall seconds (PostgreSQL's work and the machine's other
load in it). The cyclic collector is set as ``python -m baytak_desktop.server`` sets it (thresholds,
and off while a push is in flight: ``server.collector``), and, for comparison, ``--default-gc`` leaves
Python's default.

The bodies are bench_push_burst's (new points in ``brick_factories``); the first push warms up and is
not reported. Reported per step: the min and median over ``--repeat`` pushes, and microseconds per
change of the whole.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

import _common as c
import numpy as np
from bench_push_burst import body

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))


def extra_args(parser) -> None:
    parser.add_argument("--backend", choices=("postgis", "sqlite"), default="postgis")
    parser.add_argument("--changes", type=int, default=10_000, help="changes per push (10,000)")
    parser.add_argument("--default-gc", action="store_true", help="keep Python's default collector settings")


def run(args, url: str) -> dict:
    from baytak_desktop.server import accounts, collector, door, push
    from baytak_desktop.server.catalog import catalog_of
    from baytak_desktop.server.commands import _collect_less_often
    from baytak_desktop.server.db import open_database
    from baytak_desktop.server.db.migrations import migrate
    from baytak_desktop.server.settings import ServerSettings
    from baytak_desktop.sync.protocol import ChangesetIn, Role

    if not args.default_gc:
        _collect_less_often()
    settings = ServerSettings(scrypt_n=2**10)
    db = open_database(url)
    migrate(db, settings.now_text())
    with db.transaction(write=True) as tx:
        account = accounts.add_user(tx, settings, "device00", "bench-password-2026", Role.editor, "almaty")
    rng = np.random.default_rng(args.seed)
    payloads = [body(args.changes, rng) for _ in range(args.repeat + 1)]
    steps: dict[str, list[float]] = {"parse": [], "door": [], "plan": [], "commit": [], "answer": [], "wall": []}
    for index, payload in enumerate(payloads):
        wall = time.perf_counter()
        with nullcontext() if args.default_gc else collector.paused():  # as the server's middleware does
            clock = time.thread_time()
            changeset = ChangesetIn.model_validate(json.loads(payload))
            parsed = time.thread_time()
            with db.transaction() as tx:
                catalog = catalog_of(tx)
            checked = door.check_all(catalog, changeset.changes)
            doored = time.thread_time()
            planned = push.plan(db, settings, account, changeset, catalog, checked)
            judged = time.thread_time()
            result = push.commit(db, settings, account, changeset, catalog, checked, planned)
            written = time.thread_time()
            result.model_dump_json()
            answered = time.thread_time()
        if index == 0:
            continue  # warm-up
        for name, seconds in zip(
            ("parse", "door", "plan", "commit", "answer"),
            (parsed - clock, doored - parsed, judged - doored, written - judged, answered - written),
            strict=True,
        ):
            steps[name].append(seconds)
        steps["wall"].append(time.perf_counter() - wall)
    db.close()
    cpu = [sum(values) for values in zip(*(steps[name] for name in steps if name != "wall"), strict=True)]
    return {
        "cpu_seconds": {
            name: {"min": round(min(values), 3), "median": round(statistics.median(values), 3)}
            for name, values in steps.items()
            if name != "wall"
        },
        "cpu_seconds_total": {"min": round(min(cpu), 3), "median": round(statistics.median(cpu), 3)},
        "cpu_microseconds_per_change": round(statistics.median(cpu) / args.changes * 1e6),
        "wall_seconds": {"min": round(min(steps["wall"]), 3), "median": round(statistics.median(steps["wall"]), 3)},
    }


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], 0, extra_args)
    with tempfile.TemporaryDirectory(prefix="baytak-push-cpu-") as temp:
        cluster = None
        if args.backend == "postgis":
            import pg

            cluster = pg.PostgresCluster().start(durable=True)
            url = cluster.new_database()
        else:
            url = f"sqlite:///{Path(temp) / 'server.sqlite'}"
        try:
            result = run(args, url)
        finally:
            if cluster is not None:
                cluster.stop()
        c.emit(
            {
                "benchmark": "push_cpu",
                "backend": args.backend,
                "changes_per_push": args.changes,
                "collector": "python default" if args.default_gc else "server's (off while a push is in flight)",
                **result,
                "machine": c.machine_info(temp),
            }
        )


if __name__ == "__main__":
    main()
