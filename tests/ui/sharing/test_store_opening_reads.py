"""Opening a store and the map's zooms read the store off the UI thread (issue 14).

File > Open used to open, upgrade and read the store on the UI thread (the styles alone took 125 ms
behind QGIS and ogr2ogr writing; a store another program keeps locked froze the window for the busy
timeout, then called it damaged). Now ``StoreOpener`` opens it on a thread while the window says it is
opening it, and the map's zoom to a layer or to features reads the box on a reader, a late answer never
moving the map after a newer move. Every store connection is metered (``store.meter``): each test
asserts which calls the UI thread still makes (structure, not timing; bench/bench_ui_actions.py measures).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QSettings, QTimer

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.interop.programs import OGR2OGR, SQLITE3, Qgis, SqliteShell, ogr2ogr_append, qgis_available
from tests.interop.test_sharing import points_file

LAYER = "brick_factories"
SITES = [("Besagash", (77.06, 43.30)), ("Kaskelen", (76.62, 43.20)), ("Talgar", (77.24, 43.30))]
needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")
needs_gdal = pytest.mark.skipif(OGR2OGR is None, reason="ogr2ogr (gdal-bin) is not installed")
needs_qgis = pytest.mark.skipif(
    not qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)
# What the UI thread still reads when a store is shown: the sync's own read of the server's address
# (ui/sync's to move: it changes with a sign-in made on another connection); nothing else.
OTHERS = {("SELECT server_url FROM baytak_sync_state", "session.py")}


def make_store(path: Path, sites: list[tuple[str, tuple[float, float]]]) -> Path:
    with Store.create(path) as store:
        for name, (lon, lat) in sites:
            store.insert(LAYER, {"name": name, "status": "closed"}, shapely.Point(lon, lat))
    return path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_store(tmp_path / "almaty.gpkg", SITES)


@pytest.fixture
def window(qtbot, settings: QSettings) -> MainWindow:
    set_language("en")
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def ui_calls(meter: Meter, mark: int) -> list[tuple[str, str]]:
    """(statement, the caller's file) of each call the UI thread made since ``mark``."""
    return [(c.what, c.where.split(":", 1)[0]) for c in meter.since(mark, threading.get_ident())]


def opened(qtbot, window: MainWindow, path: Path) -> None:
    qtbot.waitUntil(lambda: window.store is not None and window.store.path == path, timeout=30_000)
    assert window.readers.wait_idle()


def test_opening_a_store_reads_it_off_the_ui_thread_with_a_loading_state(qtbot, meter: Meter, window, path):
    mark = meter.mark()
    window.open_store(path)
    assert window.opening()
    assert "Opening almaty.gpkg…" in window.message_bar.texts()  # until the store is read
    opened(qtbot, window, path)
    assert "Opening almaty.gpkg…" not in window.message_bar.texts()
    assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)
    assert window.layer_panel.tree.layer_item(LAYER) is not None
    assert LAYER in window.canvas.layers.present  # the map's layout came from the opener
    assert window.windowTitle().startswith("almaty.gpkg")
    assert window.store.author  # the name on edits, read where the store was opened
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == len(SITES), timeout=10_000)


def test_switching_store_reads_the_new_one_off_the_ui_thread(qtbot, meter: Meter, window, path, tmp_path):
    window.open_store(path)
    opened(qtbot, window, path)
    first = window.store
    other = make_store(tmp_path / "shymkent.gpkg", [("Sairam", (69.76, 42.30))])
    mark = meter.mark()
    window.open_store(other)  # File > Open while a store is shown: it stays shown until the other is read
    assert window.store is first
    opened(qtbot, window, other)
    assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)  # closing the first one too
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 1, timeout=10_000)


def test_the_views_reads_start_once_every_view_has_the_new_store(qtbot, meter: Meter, window, path, tmp_path):
    """The reads the views ask while a store is given to them wait until the last has it: started at once,
    the reader threads took the GIL from the UI thread between two views (the 60 ms of Python that shows
    a store stopped the window 100-300 ms). Then they all run and land."""
    window.open_store(path)
    opened(qtbot, window, path)
    other = make_store(tmp_path / "shymkent.gpkg", [("Sairam", (69.76, 42.30))])
    readers = {thread.ident for thread in window.readers._threads}
    mark = meter.mark()
    on_readers: list[int] = []
    # connected last: it runs after every view and part was given the store (the table's read asked too)
    window.store_signals.sigStoreReplaced.connect(
        lambda: on_readers.append(sum(1 for call in meter.calls[mark:] if call.thread in readers))
    )
    window.open_store(other)
    opened(qtbot, window, other)
    assert on_readers == [0]
    assert window.readers.wait_idle()
    assert any(call.thread in readers for call in meter.calls[mark:])  # then they read
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == 1, timeout=10_000)


def test_a_newer_open_wins_over_one_still_being_read(qtbot, window, path, tmp_path):
    other = make_store(tmp_path / "shymkent.gpkg", [("Sairam", (69.76, 42.30))])
    window.open_store(path)
    window.open_store(other)
    opened(qtbot, window, other)
    qtbot.wait(300)  # the first answer, had it been kept, would have landed by now
    assert window.store.path == other


def test_a_file_that_is_not_a_store_is_explained_and_changes_nothing(qtbot, window, path, tmp_path):
    window.open_store(path)
    opened(qtbot, window, path)
    shown = window.store
    bogus = tmp_path / "notes.gpkg"
    bogus.write_text("not a GeoPackage at all", encoding="utf-8")
    window.open_store(bogus)
    qtbot.waitUntil(lambda: window.jobs.last_explanation is not None, timeout=10_000)
    assert "not a GeoPackage" in window.jobs.last_explanation
    assert window.store is shown and not window.opening()
    assert not any("notes.gpkg" in text for text in window.message_bar.texts())


@needs_sqlite3
def test_a_store_another_program_locks_opens_once_the_lock_goes_and_the_window_stays_usable(qtbot, window, path):
    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")  # as QGIS 3.22 leaves it: then a lock keeps readers out
        shell.run("BEGIN EXCLUSIVE;")
        window.open_store(path)
        ticks: list[int] = []
        timer = QTimer(window)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(20)
        qtbot.wait(1500)  # the store is held: the window keeps handling events meanwhile
        timer.stop()
        assert len(ticks) > 20, len(ticks)
        assert window.store is None and window.opening()
        assert any("almaty.gpkg" in text for text in window.message_bar.texts())  # the loading state
        window.zoom_in()  # the window answers: the map moves while the store waits
        shell.run("ROLLBACK;")
    opened(qtbot, window, path)
    assert window.jobs.last_explanation is None  # not called damaged, nothing to explain


@needs_gdal
def test_opening_while_ogr2ogr_writes_makes_no_call_of_its_own_on_the_ui_thread(qtbot, meter, window, path, tmp_path):
    source = points_file(tmp_path, "more", 200)
    done = []
    writer = threading.Thread(target=lambda: done.append(ogr2ogr_append(path, source, LAYER)))
    writer.start()
    mark = meter.mark()
    window.open_store(path)
    opened(qtbot, window, path)
    writer.join()
    assert done[0].returncode == 0, done[0].stderr
    assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)


@needs_qgis
def test_a_store_qgis_has_open_and_edits_opens_with_no_call_of_its_own_on_the_ui_thread(qtbot, meter, window, path):
    with Qgis(path) as qgis:
        qgis(op="open", layer=LAYER)  # QGIS first: the file is in rollback-journal mode
        mark = meter.mark()
        window.open_store(path)
        assert qgis(op="add", layer=LAYER, n=3)["ok"]  # while the window opens it
        opened(qtbot, window, path)
        assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)
        window.open_table(LAYER)
        qtbot.waitUntil(lambda: window.table.model.rowCount() == len(SITES) + 3, timeout=10_000)
        window.close()


def test_zoom_to_layer_and_to_features_read_on_a_reader(qtbot, meter: Meter, window, path):
    window.open_store(path)
    opened(qtbot, window, path)
    window.open_table(LAYER)
    qtbot.waitUntil(lambda: window.table.model.rowCount() == len(SITES), timeout=10_000)
    assert window.readers.wait_idle()
    mark = meter.mark()
    window.canvas.zoom_to_layer(LAYER)
    before = window.canvas.center_lonlat()
    qtbot.waitUntil(lambda: window.canvas.center_lonlat() != before, timeout=10_000)
    lon, lat = window.canvas.center_lonlat()
    assert 76.6 < lon < 77.3 and 43.1 < lat < 43.4  # the middle of the three sites
    assert window.readers.wait_idle()
    fid = window.table.model.fid_at(0)
    window.zoom_to_features(LAYER, [fid])
    qtbot.waitUntil(lambda: window.canvas.scale_denominator() < 200_000, timeout=10_000)
    assert window.readers.wait_idle()
    assert ui_calls(meter, mark) == []


def test_a_late_zoom_answer_never_moves_the_map_after_a_newer_move(qtbot, meter: Meter, window, path):
    window.open_store(path)
    opened(qtbot, window, path)
    window.canvas.zoom_to_kazakhstan()
    kazakhstan = window.canvas.center_lonlat()
    mark = meter.mark()
    window.canvas.zoom_to_layer(LAYER)  # read on a reader...
    window.canvas.zoom_to_kazakhstan()  # ...while the person moves the map elsewhere
    assert window.readers.wait_idle()
    qtbot.wait(100)
    assert window.canvas.center_lonlat() == pytest.approx(kazakhstan)
    assert ui_calls(meter, mark) == []


def test_a_new_store_is_made_off_the_ui_thread_and_shown(qtbot, meter: Meter, window, tmp_path):
    path = tmp_path / "new-branch.gpkg"
    mark = meter.mark()
    window.jobs.create_store(path)  # File > New, once the file name is chosen
    assert window.opening()
    opened(qtbot, window, path)
    assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)
    assert window.layer_panel.tree.layer_item(LAYER) is not None
    with Store.open(path, readonly=True) as store:
        assert store.count(LAYER) == 0


def test_a_new_store_over_an_existing_file_is_refused_and_changes_nothing(qtbot, window, path):
    window.open_store(path)
    opened(qtbot, window, path)
    shown = window.store
    window.jobs.create_store(path)
    qtbot.waitUntil(lambda: window.jobs.last_explanation is not None, timeout=10_000)
    assert "already exists" in window.jobs.last_explanation
    assert window.store is shown and window.store.count(LAYER) == len(SITES)
