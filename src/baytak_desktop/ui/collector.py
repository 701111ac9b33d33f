"""Python's cyclic garbage collector runs on the UI thread only.

Left to itself, the collector runs in whichever thread allocates when a threshold is crossed, and frees
there all the garbage it finds, Qt objects included. A widget destroyed on a render or job thread takes
Qt's locks from the wrong thread while the UI thread, holding the GIL, waits for one of them: the app
hangs (seen with pyqtgraph's ViewBoxMenu, an unparented QMenu in a reference cycle, freed by a collection
at the end of a map render). It also stalls the UI: a full collection holds the GIL for 30-100 ms.

So the automatic collector is switched off and a timer on the UI thread collects, generation by
generation, as the collector's own thresholds say (pyqtgraph's ``GarbageCollector`` does the same).
Only reference cycles wait for the timer; everything else is still freed at once by reference counting.


Tried and measured (2026-12-07): looking every 50 ms with the middle generation every second young pass
and the oldest on CPython's growth rule made the passes smaller beside QGIS and ogr2ogr, but ran eight
times as many in the field-view tour (40 instead of 5; the longest 50 ms instead of 6; a UI block of
83 ms instead of 23) and counting the oldest generation walked it on the UI thread; beside the writers it
did no better (longest block 285 ms against 105 ms with the thresholds below). So CPython's thresholds,
looked at every 500 ms.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

CHECK_INTERVAL_MS = 500


class UiThreadCollector(QObject):
    """Collects on a timer in the thread it lives in (the UI thread); the automatic collector stays off."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = CHECK_INTERVAL_MS) -> None:
        super().__init__(parent)
        self._resume = gc.isenabled()
        self._thresholds = gc.get_threshold()
        self._frozen = False
        gc.disable()
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """What the automatic collector would have done by now: once the youngest generation is past its
        threshold, collect up to the oldest generation past its own; the oldest only once it grew by a
        quarter since the last full collection (counting it walks a list, but only when it is due)."""
        counts = gc.get_count()
        if counts[0] > self._thresholds[0]:
            gc.collect(
                max(generation for generation, count in enumerate(counts) if count > self._thresholds[generation])
            )

    def settle(self) -> None:
        """Once the window is up and drawn: what start-up made (modules, Qt wrappers, the basemap, the
        catalog) lives as long as the app, so it is moved out of the collector's generations
        (``gc.freeze``) and a full collection scans only what was made since. A full collection on the UI
        thread took 138 ms with it in bench_field_view.py. Cycles made later are collected as before.

        The young generations are collected first, not all of them: a full collection right before the
        freeze stopped the UI thread 340 ms just after the window was drawn (bench_ui_actions.py). The
        cycles start-up left in the oldest generation are frozen with it: kept, once, not collected."""
        if self._frozen:
            return
        gc.collect(1)
        gc.freeze()
        self._frozen = True

    def stop(self) -> None:
        """The collector back as it was: automatic, on any thread, nothing frozen."""
        self._timer.stop()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._resume:
            gc.enable()


def collect_on_ui_thread() -> UiThreadCollector:
    """The application's collector, made the first time (call it on the UI thread, once the app exists)."""
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() is not app.thread():
        raise RuntimeError("collect_on_ui_thread() needs the application and its thread")
    existing = app.findChild(UiThreadCollector)
    return existing if existing is not None else UiThreadCollector(app)
