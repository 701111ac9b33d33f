"""A redraw's pictures shown together when its last layer lands, as QGIS's canvas shows its render job.

A pan renders every layer again, one job after another on the render thread. Shown as each landed, every
layer's picture repainted the whole map on the UI thread while the other layers were still rendering:
PySide6 keeps the GIL through ``QPainter.drawImage``, so each of those repaints (ten full-screen pictures
blended, about ten times per pan) stopped the render thread (measured: a pan's 55 ms of render thread CPU
took 100-130 ms). Here the pictures that land wait, the old ones (moved with the map) stay meanwhile, and
all are shown at once when the scheduler has nothing left to run. A slow layer does not hold the others
back for long: like QGIS's map update interval (``QgsMapCanvas::mapUpdateInterval``, 250 ms), while a
redraw runs what has landed is shown every ``UPDATE_INTERVAL_MS``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from baytak_desktop.ui.map.scheduler import RenderResult, RenderScheduler

UPDATE_INTERVAL_MS = 250


class Landing(QObject):
    """Holds the scheduler's fresh results; ``show(results, complete)`` gets them when the last of a
    redraw lands (``complete``: nothing is left to run) or, while one runs, at every update interval."""

    def __init__(self, scheduler: RenderScheduler, show: Callable[[list[RenderResult], bool], None]) -> None:
        super().__init__(scheduler)
        self.scheduler, self.show = scheduler, show
        self._landed: dict[str, RenderResult] = {}
        self.timer = QTimer(self, interval=UPDATE_INTERVAL_MS)
        self.timer.timeout.connect(self.flush)
        scheduler.sigResult.connect(self._land)
        scheduler.sigIdle.connect(self.flush)  # a cancelled job ends without a result: show what waits

    def started(self) -> None:
        """Render jobs were submitted: the update interval counts from now (QGIS starts its timer with
        the job), not restarted by the next submissions of a drag, which still shows pictures meanwhile."""
        if not self.timer.isActive():
            self.timer.start()

    def drop(self, key: str) -> None:
        """Forget a landed picture of ``key`` (its layer is gone or cancelled: never shown)."""
        self._landed.pop(key, None)

    def _land(self, result: RenderResult) -> None:
        self._landed[result.request.key] = result
        if self.scheduler.is_idle():
            self.flush()

    def flush(self) -> None:
        complete = self.scheduler.is_idle()
        if complete:
            self.timer.stop()
        landed, self._landed = list(self._landed.values()), {}
        if landed:
            self.show(landed, complete)
