"""The edit tools read the store on the window's reader threads, never on the UI thread (issue 14).

What a click of a tool needs to know of the store (the feature under it, its stored geometry, its name
for the delete question, the areas a line cuts, the two areas merged), the feature photos are dropped
on, and the outlines snapping looks at are read on a reader; the tool acts when the answer lands. Every
store connection is metered (``store.meter``), so each test asserts that the tool made no database
call at all on the UI thread (structure, not timing: bench/bench_ui_actions.py measures) and that the
outcome is the one a person had before: the same edit, one undo step with the same name, the same
question. Another program holding an exclusive lock delays the tool, not the window.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.interop.programs import SQLITE3, SqliteShell
from tests.ui.edit.test_edit_flow import answer_message_box
from tests.ui.edit.test_map_tools import drop, geotagged
from tests.ui.sharing.test_ui_thread_reads import ui_calls
from tests.ui.writes import written

needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")
FACTORY = (77.1012345678, 43.6012345678)  # not on any pixel: a snapped click must land on it exactly
WEST = shapely.box(77.09, 43.595, 77.10, 43.607)
EAST = shapely.box(77.10, 43.595, 77.11, 43.607)
CENTRE = (77.10, 43.60)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "tools.gpkg"
    with Store.create(path) as store:
        store.insert("brick_factories", {"name": "Besagash works", "status": "closed"}, shapely.Point(*FACTORY))
        store.insert("quarries", {"name": "Abat west", "status": "illegal"}, WEST)
        store.insert("quarries", {"name": "Abat east", "status": "illegal"}, EAST)
    return path


@pytest.fixture
def uuids(path: Path) -> dict[str, str]:
    """Each feature's uuid, read before the meter looks (a test's own reads are not the window's)."""
    with Store.open(path, readonly=True) as store:
        return {
            f.attributes["name"]: f.uuid for layer in ("brick_factories", "quarries") for f in store.features(layer)
        }


@pytest.fixture
def window(qtbot, path: Path, settings: QSettings) -> MainWindow:
    set_language("en")
    window = MainWindow(Store.open(path), settings)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    window.canvas.zoom_to_lonlat((CENTRE[0] - 0.02, CENTRE[1] - 0.015, CENTRE[0] + 0.02, CENTRE[1] + 0.015))
    qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
    assert window.readers.wait_idle()
    yield window
    window.close()


def use(window: MainWindow, layer: str, tool: str):
    actions = window.edit_actions
    actions.layer_combo.setCurrentIndex(actions.layer_combo.findData(layer))
    actions.actions[tool].trigger()
    assert window.readers.wait_idle()
    return window.canvas.tool()


def at(window: MainWindow, lon: float, lat: float) -> QPoint:
    return window.canvas.pos_of(lon, lat)


def click(qtbot, window: MainWindow, pos: QPoint) -> None:
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, pos)
    assert window.readers.wait_idle()  # a person hovers before clicking: snapping's candidates are read
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=pos)


def stored(path: Path, layer: str) -> dict[str, shapely.Geometry]:
    with Store.open(path, readonly=True) as store:
        return {f.uuid: f.geometry for f in store.features(layer)}


def test_the_delete_tool_reads_the_feature_and_its_name_on_a_reader_then_asks(qtbot, meter: Meter, window, path, uuids):
    tool = use(window, "brick_factories", "delete_feature")
    answered = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    mark = meter.mark()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(window, *FACTORY))
    assert tool.reading  # the busy cursor and "Reading the map data…": see the lock test below
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    assert answered == ["Delete “Besagash works” from Brick factories? You can undo this with Undo."]
    assert stored(path, "brick_factories") == {}
    assert window.edit_actions.session.stack.undoText() == "Delete feature from Brick factories"
    assert not tool.reading and window.canvas.viewport().cursor().shape() == tool.cursor_shape
    assert calls == []
    assert any(call.thread_name.startswith("baytak-reader") for call in meter.since(mark))


def test_delete_selected_reads_names_on_a_reader(qtbot, meter: Meter, window, path):
    window.selection.select("quarries", [1, 2])
    answered = answer_message_box(qtbot, QMessageBox.StandardButton.Yes)
    mark = meter.mark()
    window.edit_actions.actions["delete_selected"].trigger()
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    assert len(answered) == 1 and answered[0].startswith("Delete 2 feature") and "Quarries" in answered[0]
    assert stored(path, "quarries") == {} and window.selection.layers() == []
    assert window.edit_actions.session.stack.count() == 1
    assert calls == []


def test_the_move_tool_grabs_the_feature_read_on_a_reader_and_replays_the_drag(
    qtbot, meter: Meter, window, path, uuids
):
    use(window, "brick_factories", "move_feature")
    viewport, start, end = window.canvas.viewport(), at(window, *FACTORY), at(window, 77.105, 43.603)
    mark = meter.mark()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)  # the feature is read meanwhile
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    moved = stored(path, "brick_factories")[uuids["Besagash works"]]
    assert (moved.x, moved.y) == pytest.approx((77.105, 43.603), abs=2e-4)
    assert window.edit_actions.session.stack.count() == 1
    assert calls == []


def test_a_press_beside_every_feature_moves_nothing(qtbot, meter: Meter, window, path):
    use(window, "brick_factories", "move_feature")
    viewport, start, end = window.canvas.viewport(), at(window, 77.092, 43.590), at(window, 77.095, 43.592)
    before = stored(path, "brick_factories")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=end)
    written(qtbot, window)
    assert stored(path, "brick_factories") == before and window.edit_actions.session.stack.count() == 0


def test_the_corner_tool_shows_the_corners_read_on_a_reader(qtbot, meter: Meter, window, path, uuids):
    tool = use(window, "quarries", "edit_vertices")
    mark = meter.mark()
    click(qtbot, window, at(window, 77.095, 43.60))
    written(qtbot, window)
    assert tool.feature == ("quarries", uuids["Abat west"]) and len(tool.band.handles) == 4
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)
    assert tool.feature is None
    assert ui_calls(meter, mark) == []


def test_split_reads_the_area_on_a_reader_and_cuts_it_in_one_step(qtbot, meter: Meter, window, path, uuids):
    use(window, "quarries", "split")
    mark = meter.mark()
    click(qtbot, window, at(window, 77.095, 43.59))
    viewport, end = window.canvas.viewport(), at(window, 77.095, 43.61)
    qtbot.mouseMove(viewport, end)
    assert window.readers.wait_idle()
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=end)
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    after = stored(path, "quarries")  # the west pit in two pieces (the larger keeps its uuid), the east one
    assert (
        len(after) == 3
        and uuids["Abat west"] in after
        and after[uuids["Abat east"]].equals(shapely.MultiPolygon([EAST]))
    )
    assert window.edit_actions.session.stack.undoText() == "Split feature in Quarries"
    assert window.edit_actions.session.stack.count() == 1
    assert calls == []


def test_merge_reads_both_areas_on_a_reader_and_joins_them_in_one_step(qtbot, meter: Meter, window, path, uuids):
    tool = use(window, "quarries", "merge")
    mark = meter.mark()
    click(qtbot, window, at(window, 77.095, 43.60))
    written(qtbot, window)
    assert tool.first == ("quarries", uuids["Abat west"]) and not tool.band.is_empty()
    click(qtbot, window, at(window, 77.105, 43.60))
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    assert list(stored(path, "quarries")) == [uuids["Abat west"]]
    assert stored(path, "quarries")[uuids["Abat west"]].equals(shapely.MultiPolygon([shapely.union(WEST, EAST)]))
    assert window.edit_actions.session.stack.undoText() == "Merge features in Quarries"
    assert calls == []


def test_an_older_click_still_read_is_dropped_for_the_newer_one(qtbot, meter: Meter, window, uuids):
    tool = use(window, "quarries", "merge")
    viewport = window.canvas.viewport()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at(window, 77.105, 43.60))  # east, then at once
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at(window, 77.095, 43.60))  # west: this one counts
    written(qtbot, window)
    assert tool.first == ("quarries", uuids["Abat west"]) and window.edit_actions.session.stack.count() == 0


def test_esc_drops_a_click_still_read(qtbot, window, path):
    tool = use(window, "quarries", "delete_feature")
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(window, 77.095, 43.60))
    assert tool.reading
    qtbot.keyClick(window.canvas, Qt.Key.Key_Escape)  # the answer on its way is dropped: no question comes
    written(qtbot, window)
    assert len(stored(path, "quarries")) == 2 and not tool.reading


def test_photos_dropped_on_a_feature_find_it_on_a_reader(qtbot, meter: Meter, window, path, uuids, tmp_path):
    use(window, "brick_factories", "move_feature")
    mark = meter.mark()
    assert drop(window, [geotagged(tmp_path, 43.6, 77.1)], at(window, 77.095, 43.60))
    written(qtbot, window)
    calls = ui_calls(meter, mark)
    with Store.open(path, readonly=True) as store:
        assert len(store.attachments("quarries", uuids["Abat west"])) == 1
    assert window.edit_actions.session.stack.undoText() == "Attach photo in Quarries"
    assert calls == []


def test_snapping_reads_its_candidates_once_for_the_extent_not_per_move(qtbot, meter: Meter, window, path):
    use(window, "brick_factories", "add_point")
    viewport = window.canvas.viewport()
    mark = meter.mark()
    near = at(window, *FACTORY)
    for dx in range(-6, 7, 2):  # a person's hand wobbling near the factory
        qtbot.mouseMove(viewport, near + QPoint(dx, 3))
        assert window.readers.wait_idle()
    reads = [call for call in meter.since(mark) if "rtree_brick_factories" in call.what.lower()]
    assert len(reads) <= 2  # the extent's candidates (read again at most once), not one query per move
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=near + QPoint(4, 3))
    panel = window.edit_actions.panel
    assert (panel.feature_geometry.x, panel.feature_geometry.y) == FACTORY  # snapped bit for bit
    assert ui_calls(meter, mark) == []


def test_snapping_sees_a_feature_added_after_its_candidates_were_read(qtbot, window, path):
    tool = use(window, "brick_factories", "add_point")
    viewport = window.canvas.viewport()
    qtbot.mouseMove(viewport, at(window, 77.095, 43.603))
    assert window.readers.wait_idle() and tool.snapper.candidates is not None
    target = (77.0951234567, 43.6031234567)
    window.edit_actions.session.create_feature(
        "brick_factories", {"name": "Kiln", "status": "operating"}, shapely.Point(*target)
    )
    written(qtbot, window)  # the store's change asks for the candidates again
    qtbot.mouseMove(viewport, at(window, *target) + QPoint(3, 2))
    assert window.readers.wait_idle()
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=at(window, *target) + QPoint(3, 2))
    panel = window.edit_actions.panel
    assert (panel.feature_geometry.x, panel.feature_geometry.y) == target


@needs_sqlite3
def test_a_tool_waits_behind_another_programs_exclusive_lock_and_acts_when_it_goes(
    qtbot, meter: Meter, path, settings, uuids
):
    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")  # as QGIS leaves it: a lock there keeps readers out
        set_language("en")
        window = MainWindow(Store.open(path), settings)
        qtbot.addWidget(window)
        window.resize(1200, 800)
        window.show()
        qtbot.waitExposed(window)
        window.canvas.zoom_to_lonlat((CENTRE[0] - 0.02, CENTRE[1] - 0.015, CENTRE[0] + 0.02, CENTRE[1] + 0.015))
        qtbot.waitUntil(window.canvas.is_idle, timeout=20_000)
        assert window.readers.wait_idle() and window.store.journal_mode() == "delete"
        tool = use(window, "quarries", "merge")
        shell.run(".timeout 5000")
        shell.run("BEGIN EXCLUSIVE;")  # in rollback-journal mode nobody may even read now
        mark = meter.mark()
        ticks: list[int] = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start(50)
        qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=at(window, 77.095, 43.60))
        qtbot.wait(2000)
        timer.stop()
        assert len(ticks) >= 10  # the event loop went on (40 expected on an idle machine)
        assert tool.reading and tool.first is None  # waiting, busy cursor, "Reading the map data…"
        assert window.canvas.viewport().cursor().shape() == Qt.CursorShape.BusyCursor
        assert ui_calls(meter, mark) == []
        shell.run("COMMIT;")
        qtbot.waitUntil(lambda: not tool.reading, timeout=15_000)
    assert tool.first == ("quarries", uuids["Abat west"])
    assert ui_calls(meter, mark) == []
    window.close()
