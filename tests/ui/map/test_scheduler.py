"""The render scheduler: newest request of a key wins, stale results are dropped."""

from __future__ import annotations

from baytak_desktop.mapdata.projection import fit_view
from baytak_desktop.ui.map.scheduler import RenderScheduler


def test_only_the_newest_request_of_a_key_is_delivered(qtbot):
    scheduler = RenderScheduler()
    received = []
    scheduler.sigResult.connect(received.append)

    def slow(job, view, stale):
        import time

        time.sleep(0.05)
        return None

    view = fit_view((60, 40, 80, 50), 100, 100)
    with qtbot.waitSignal(scheduler.sigIdle, timeout=5000):
        for i in range(5):
            scheduler.submit("layer:x", view, slow, i)
    assert [r.request.job for r in received] == [4]
    scheduler.shutdown()


def test_idle_jobs_run_only_when_no_render_is_pending_and_give_way_to_one(qtbot):
    """An idle job runs after the renders; a render asked while it runs waits for one piece at most (the
    job stops at its next check) and the idle jobs queued are dropped; idle jobs do not count for
    ``is_idle``."""
    import threading
    import time

    scheduler = RenderScheduler()
    order: list[str] = []
    pieces: list[int] = []
    started = threading.Event()
    idle_done = []
    scheduler.sigIdleJobDone.connect(idle_done.append)
    rendered = []
    scheduler.sigResult.connect(rendered.append)

    def render(job, view, stale):
        order.append(f"render {job}")
        return None

    def read_ahead(job, view, stale):
        order.append(f"ahead {job}")
        started.set()
        for piece in range(200):
            if stale():
                return None
            pieces.append(piece)
            time.sleep(0.01)
        return None

    view = fit_view((60, 40, 80, 50), 100, 100)
    with qtbot.waitSignal(scheduler.sigIdle, timeout=5000):
        scheduler.submit("layer:x", view, render, 1)
        scheduler.submit_idle("ahead:x", view, read_ahead, 1)  # queued: a render is pending
        scheduler.submit_idle("ahead:y", view, read_ahead, 2)
        assert order == [] or order == ["render 1"]
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert scheduler.is_idle() and scheduler.idle_work_left()
    with qtbot.waitSignal(scheduler.sigIdle, timeout=5000):
        scheduler.submit("layer:x", view, render, 2)
    assert order == ["render 1", "ahead 1", "render 2"]  # "ahead 2" dropped, "ahead 1" stopped
    assert len(pieces) < 200
    qtbot.waitUntil(lambda: not scheduler.idle_work_left(), timeout=5000)
    assert [r.request.key for r in idle_done] == ["ahead:x"]
    assert [r.request.job for r in rendered] == [1, 2]
    scheduler.shutdown()
