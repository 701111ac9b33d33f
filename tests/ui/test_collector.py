"""ui.collector: reference cycles are freed on the UI thread, whichever thread dropped them or allocated."""

import gc
import threading
import weakref

import pytest

from baytak_desktop.ui.collector import UiThreadCollector, collect_on_ui_thread


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_cycle_dropped_in_a_worker_thread_is_freed_on_the_ui_thread(qtbot):
    collect_on_ui_thread()
    assert not gc.isenabled()
    freed_in: list[threading.Thread] = []

    def work() -> None:  # as a render or a job does: drops garbage, then allocates a lot
        cycle = _Cycle()
        weakref.finalize(cycle, lambda: freed_in.append(threading.current_thread()))
        del cycle
        for _ in range(3 * gc.get_threshold()[0]):  # cycles: counted until collected, past the threshold
            junk: list[object] = []
            junk.append(junk)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert freed_in == []  # the worker's allocations started no collection
    qtbot.waitUntil(lambda: bool(freed_in), timeout=5_000)
    assert freed_in == [threading.main_thread()]


def test_the_application_has_one_collector_made_on_its_thread(qapp):
    assert collect_on_ui_thread() is collect_on_ui_thread()
    failures: list[Exception] = []

    def from_a_worker() -> None:
        try:
            collect_on_ui_thread()
        except RuntimeError as exc:
            failures.append(exc)

    worker = threading.Thread(target=from_a_worker)
    worker.start()
    worker.join()
    assert len(failures) == 1


def test_stopping_gives_back_the_automatic_collector(qapp):
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        collector = UiThreadCollector()
        assert not gc.isenabled()
        collector.stop()
        assert gc.isenabled()
    finally:
        if not was_enabled:
            gc.disable()


@pytest.mark.parametrize(
    ("older_counts", "thresholds", "collected"),
    [
        ((0, 0), (5, 2, 100), 0),  # only the youngest is due
        ((3, 0), (5, 2, 100), 1),  # three young collections since the middle one: past its 2
        ((3, 2), (5, 2, 1), 2),  # and two middle ones since the oldest: past its 1, a full collection
    ],
)
def test_check_collects_up_to_the_oldest_generation_past_its_threshold(qapp, older_counts, thresholds, collected):
    saved = gc.get_threshold()
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.set_threshold(*thresholds)
    collector = UiThreadCollector()  # reads the thresholds
    try:
        gc.collect()  # every count back to 0
        young_collections, middle_collections = older_counts
        for _ in range(middle_collections):
            gc.collect(1)  # each counts towards the oldest generation
        for _ in range(young_collections):
            gc.collect(0)  # each counts towards the middle one
        cycles = [_Cycle() for _ in range(10)]  # past the youngest threshold, 5
        del cycles
        gc.callbacks.append(record)
        collector.check()
    finally:
        if record in gc.callbacks:
            gc.callbacks.remove(record)
        collector.stop()
        gc.set_threshold(*saved)
    assert started == [collected]


def test_settling_makes_no_full_collection(qapp):
    """A full collection right before the freeze stopped the UI thread 340 ms once the window was drawn."""
    started: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    collector = UiThreadCollector()
    gc.callbacks.append(record)
    try:
        collector.settle()
        assert gc.get_objects(generation=2) == []  # what start-up made is frozen all the same
        assert gc.get_freeze_count() > 0
    finally:
        gc.callbacks.remove(record)
        collector.stop()
    assert started and 2 not in started


def test_settling_freezes_what_start_up_made_and_later_cycles_are_still_freed(qapp):
    collector = UiThreadCollector()
    try:
        collector.settle()
        frozen = gc.get_freeze_count()
        assert frozen > 0  # start-up's objects: out of every later collection
        collector.settle()
        assert gc.get_freeze_count() == frozen  # once
        freed: list[bool] = []
        cycle = _Cycle()
        weakref.finalize(cycle, lambda: freed.append(True))
        del cycle
        gc.collect()
        assert freed == [True]
    finally:
        collector.stop()
    assert gc.get_freeze_count() == 0
