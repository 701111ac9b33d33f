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
