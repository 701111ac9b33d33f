"""The unsynced-edit marks keep up while another program saves all the time (issue 14).

QGIS or ogr2ogr saving every second makes the window look at the features they changed, on a reader
thread. A look asked per save used to replace the one running, which was then dropped when it landed:
while the saves went on no look ever landed, the features waiting piled up, each look read more of them
than the last and both reader threads did nothing else (the benchmark beside QGIS and ogr2ogr never
finished). Here the saves are announced without pause, faster than any look can land; the marks must
still be put in place meanwhile, with no call on the UI thread (the store meter).
"""

from __future__ import annotations

import threading
from pathlib import Path

import shapely
from PySide6.QtCore import QSettings, QTimer

from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow

LAYER = "brick_factories"


def test_looks_land_while_other_programs_changes_keep_coming(qtbot, path: Path, settings: QSettings, meter):
    with Store.open(path) as store:
        store.insert_many(
            LAYER, {"name": [f"F{i}" for i in range(300)], "status": "closed"}, [shapely.Point(70, 45)] * 300
        )
        uuids = list(store.iter_uuids(LAYER))
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.show()
    tracker = window.edit_actions.tracker
    qtbot.waitUntil(lambda: tracker.count() == 301, timeout=20_000)
    assert window.readers.wait_idle()
    mark = meter.mark()
    landed = {"streaming": 0}
    tracker.sigReloaded.connect(lambda: landed.__setitem__("streaming", landed["streaming"] + streaming[0]))
    streaming = [1]
    step = [0]

    def announce() -> None:  # what the poll does for each save of another program: these features changed
        step[0] += 1
        tracker.features_changed(LAYER, tuple(uuids[(step[0] * 7 + k) % len(uuids)] for k in range(5)))

    saves = QTimer()
    saves.timeout.connect(announce)
    saves.start(0)
    qtbot.waitUntil(lambda: landed["streaming"] >= 3, timeout=30_000)  # put in place while saves go on
    saves.stop()
    streaming[0] = 0
    assert window.readers.wait_idle(30_000)
    assert tracker.count() == 301 and len(tracker.rings.points) == 301
    ui = [c for c in meter.since(mark, threading.get_ident())]
    assert ui == [], [f"{c.what} <- {c.where}" for c in ui]
    window.close()


def test_a_look_the_readers_dropped_does_not_stop_the_next(
    qtbot, path: Path, settings: QSettings, plain_sqlite, gpkg_blob
):
    """The readers drop every read when they are pointed at a store again (another store shown); a look
    dropped so must not be taken for one still running, or no mark would ever be put in place again."""
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    tracker = window.edit_actions.tracker
    qtbot.waitUntil(lambda: tracker.count() == 1, timeout=20_000)
    assert window.readers.wait_idle()
    (first,) = list(window.store.iter_uuids(LAYER))
    tracker.features_changed(LAYER, (first,))  # a look asked...
    window.readers.set_path(path)  # ...and dropped before it landed
    other = plain_sqlite(path)  # another program adds a feature
    other.execute(
        f"INSERT INTO {LAYER} (name, status, geom) VALUES ('Other', 'closed', ?)", (gpkg_blob(shapely.Point(71, 44)),)
    )
    (uuid,) = [row[0] for row in other.execute(f"SELECT uuid FROM {LAYER} WHERE name = 'Other'")]
    other.close()
    tracker.features_changed(LAYER, (uuid,))  # what the poll announces
    qtbot.waitUntil(lambda: tracker.count() == 2, timeout=20_000)
    assert len(tracker.rings.points) == 2
    window.close()
