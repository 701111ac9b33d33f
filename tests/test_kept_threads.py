"""Kept threads: jobs handed over without starting a thread each time (the UI thread never waits for
``Thread.start``'s handshake with the GIL), named while they run, failures reported as a thread's."""

from __future__ import annotations

import threading

from baytak_desktop.kept_threads import ThreadKeeper

WAIT_S = 10.0


def test_a_job_runs_under_its_name_and_its_end_is_seen():
    keeper = ThreadKeeper()
    seen: list[str] = []
    done = keeper.run(lambda: seen.append(threading.current_thread().name), "baytak-store-closer")
    assert done.wait(WAIT_S)
    assert seen == ["baytak-store-closer"]
    assert not done.is_alive()


def test_jobs_one_after_another_share_one_thread():
    keeper = ThreadKeeper()
    idents: set[int] = set()
    for _ in range(20):
        assert keeper.run(lambda: idents.add(threading.get_ident()), "job").wait(WAIT_S)
    assert keeper.started == 1
    assert len(idents) == 1


def test_overlapping_jobs_get_a_thread_each_and_the_threads_are_kept():
    keeper = ThreadKeeper()
    release = threading.Event()
    blocked = keeper.run(lambda: release.wait(WAIT_S), "an opening waiting for a lock")
    quick = keeper.run(lambda: None, "a closing meanwhile")
    assert quick.wait(WAIT_S)  # it did not wait behind the blocked job
    assert blocked.is_alive()
    release.set()
    assert blocked.wait(WAIT_S)
    for _ in range(10):  # both threads idle now: no third is needed, one after another or two at once
        assert keeper.run(lambda: None, "again").wait(WAIT_S)
    assert keeper.started == 2


def test_a_failing_job_is_reported_like_a_threads_and_the_thread_serves_on(monkeypatch):
    keeper = ThreadKeeper()
    reports: list[tuple[type[BaseException] | None, str]] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: reports.append((args.exc_type, args.thread.name)))
    assert keeper.run(lambda: 1 / 0, "baytak-job").wait(WAIT_S)
    names: list[str] = []
    assert keeper.run(lambda: names.append(threading.current_thread().name), "next").wait(WAIT_S)
    assert reports == [(ZeroDivisionError, "baytak-job")]
    assert names == ["next"]
    assert keeper.started == 1


def test_busy_python_threads_do_not_make_the_caller_start_threads():
    """Beside three threads holding the GIL in turns (readers and render threads) a hand-over is a queue
    put; a thread is started only for the first job."""
    keeper = ThreadKeeper()
    stop = threading.Event()

    def burn() -> None:
        total = 0
        while not stop.is_set():
            total += sum(range(1000))

    burners = [threading.Thread(target=burn, daemon=True) for _ in range(3)]
    for burner in burners:
        burner.start()
    try:
        for _ in range(10):
            assert keeper.run(lambda: None, "job").wait(WAIT_S)
    finally:
        stop.set()
        for burner in burners:
            burner.join(WAIT_S)
    assert keeper.started == 1
