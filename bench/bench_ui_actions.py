"""Sharing benchmark, a person's actions: the UI thread's database calls while QGIS and ogr2ogr write beside it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_ui_actions.py [--n 100000] [--rounds 5] [--callers]

``bench_sharing_ui.py`` edits and lets other programs' saves refresh the views; this one drives what a
person does with the mouse, in the real main window (offscreen) on a store of ``--n`` points: open the
store (File > Open on an empty window: the store opened and read on the opener's thread, then the
window's first fill: the layer list, counts, table, extent), open another store while one is shown and
the first one again (``reopen_store``), zoom to the layer and to a few features, switch the active layer (table,
filters), choose a field in the table's value filter (its distinct values), click a feature on the map
(identify, the feature details), open it in the feature form, click a bar of the "sites by status"
chart (selecting its features), open the history and conflicts panels, hide and show the layer of
``--n`` points (its box in the layer panel), switch the language (View > Language: Russian or Kazakh
and back), and use the edit tools on a
feature (zoomed to it): delete (the question answered No), move (a drag), corners (a click), snapping
(the cursor wobbling near a point), merge and split two areas (each undone after), photos dropped on a
feature (attached, one undo step); last, close the window (``close_window``, once). Each action is repeated
``--rounds`` times; after each, the reads it asked for (and those their results asked for) and its writes
are waited for, so they belong to the action (not for the window to be idle: beside programs that commit
every second it re-reads their changes all the time and never is).

Measured per action, from ``store.meter`` (every call on every store connection, with its thread):
the calls made on the UI thread (count, longest, total, and with ``--callers`` who made them) and the
calls made on the reader threads; the UI thread's blocks (a 5 ms timer's lateness, whatever the cause),
each over 50 ms with where the UI thread was (``_beside.Blocks``), and the UI thread's CPU per action
(``time.thread_time``: a count that the load of other programs moves less than the blocks). Scenarios: ``alone`` (the peer: no other
program), ``shared``: a real QGIS (python3-qgis) commits 5 features at a time and ``ogr2ogr -append``
adds 100 points per run, in loops, the whole time (the programs of bench_sharing.py; their commits and the rows the store gained are
counted, and how many of their commits the window announced). Target (issue 14): the UI thread never waits
more than 50 ms on the database; the design goal is no UI-thread call at all. One JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _beside
import _common as c

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the tests' helpers (a geotagged photo, a drop)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_sharing
from _beside import TARGET_MS, pause, run_until

SETTLE_S = 60.0  # how long an action's reads and writes may take before the bench says so and goes on
OTHER_LAYER = "quarries"  # an empty layer of the built-in catalog: switching to it and back
AREAS = "quarries"  # two adjacent pits near the middle of the region: merged and split by the tools
AREA_SIDE = 0.01  # degrees


def extra_args(parser) -> None:
    parser.add_argument("--rounds", type=int, default=5, help="times each action is made (default 5)")
    parser.add_argument("--callers", action="store_true", help="name who made each UI-thread call (slower)")
    parser.add_argument(
        "--scenarios", default="alone,shared", help="which scenarios, comma-separated (default alone,shared)"
    )
    parser.add_argument(
        "--switch-interval",
        type=float,
        default=None,
        help="the interpreter's switch interval in seconds (default: the app's, ui.gil; 0.005 is CPython's own)",
    )


def add_areas(path: Path) -> tuple[float, float]:
    """Two adjacent pits (west, east) around the middle of the region; returns that middle (lon, lat)."""
    import shapely

    from baytak_desktop.store import Store

    lon, lat = (c.REGION[0] + c.REGION[2]) / 2, (c.REGION[1] + c.REGION[3]) / 2
    with Store.open(path) as store:
        for name, west in (("Bench west", lon - AREA_SIDE), ("Bench east", lon)):
            box = shapely.box(west, lat - AREA_SIDE / 2, west + AREA_SIDE, lat + AREA_SIDE / 2)
            store.insert(AREAS, {"name": name, "status": "illegal"}, box)
    return lon, lat


def run_actions(
    path: Path, rounds: int, callers: bool, points: Any = None, areas: tuple[float, float] | None = None
) -> dict[str, Any]:
    from PySide6.QtCore import QPoint, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    from baytak_desktop.store.meter import Meter
    from baytak_desktop.ui.collector import collect_on_ui_thread
    from baytak_desktop.ui.layers.panel import LAYER_ROLE
    from baytak_desktop.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    collector = collect_on_ui_thread()  # as the app: the cyclic collector on the UI thread's timer
    meter = Meter(stacks=callers).install()
    ui_thread = threading.get_ident()
    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(None, settings)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    records: dict[str, list[tuple[int, int]]] = {}
    seconds: dict[str, list[float]] = {}
    ui_cpu_s: dict[str, list[float]] = {}  # the UI thread's CPU per action (its reads' results taken in too)
    late: dict[str, int] = {}  # actions whose reads or writes were not done within SETTLE_S
    # other programs' commits the window announced (its poll found them, the views re-read), and those
    # announced as many or unknown features (every unsynced edit read again, not the features saved)
    noticed = {"announced": 0, "many_or_unknown": 0}

    def announced(change: Any) -> None:
        noticed["announced"] += 1
        if change.features is None:
            noticed["many_or_unknown"] += 1
            c.log(
                f"    outside change, all unsynced edits read again: {change.edits} edits, repair {set(change.repair)}"
            )

    window.outside.sigChanged.connect(announced)
    blocks = _beside.Blocks(ui_thread).start()
    began, cpu = time.perf_counter(), time.process_time()

    def settle() -> bool:
        """Wait for what the action asked (its reads, then the reads their results asked, its writes), not
        for the window to be idle: beside QGIS and ogr2ogr committing every second it re-reads their
        changes all the time and never is (waiting for that made the shared scenario last hours)."""
        ok = True
        for _ in range(2):  # a result may ask for more (the table's row block after its count)
            upto, waited = window.readers.asked(), 0.0
            while not window.readers.wait_reads(upto, 5_000) and waited < SETTLE_S:
                waited += 5
                c.log(f"    still reading after {waited:.0f} s: {window.readers.keys_waiting(upto)}")
            ok &= not window.readers.waiting(upto)
            ok &= window.edit_actions.writer.wait_idle(int(SETTLE_S * 1000))
            pause(0.2)
        return ok

    def measure(name: str, action: Callable[[], None]) -> None:
        c.log(f"  {name}...")
        blocks.phase = name
        start, clock, ui_cpu = meter.mark(), time.perf_counter(), time.thread_time()
        action()
        if not settle():
            late[name] = late.get(name, 0) + 1
        records.setdefault(name, []).append((start, meter.mark()))
        seconds.setdefault(name, []).append(time.perf_counter() - clock)
        ui_cpu_s.setdefault(name, []).append(time.thread_time() - ui_cpu)  # the bench's own waiting included
        blocks.phase = "between actions"
        c.log(
            f"  {name}: {seconds[name][-1]:.1f} s (load {os.getloadavg()[0]:.1f}, {noticed['announced']} outside changes)"
        )

    other = path.with_name(path.stem + "-other.gpkg")  # made by scenario(), before the meter

    def open_store(target: Path = path) -> None:
        window.open_store(target)  # File > Open: read on the opener's thread, shown when it lands
        run_until(lambda: not window.opening(), 120)

    def reopen_store() -> None:
        open_store(other)
        settle()
        open_store(path)

    def zoom_layer() -> None:
        window.canvas.zoom_to_layer(c.LAYER)

    def zoom_features() -> None:
        window.zoom_to_features(c.LAYER, list(range(1, 200, 7)))

    def choose_layer(layer: str) -> None:
        panel = window.layer_panel
        panel.tree.setCurrentItem(next(i for i in panel.tree.layer_items() if i.data(0, LAYER_ROLE) == layer))
        window.open_table(layer)

    def switch_layer() -> None:
        choose_layer(OTHER_LAYER)
        settle()
        choose_layer(c.LAYER)

    def value_filter() -> None:
        combo = window.table.field_combo
        combo.setCurrentIndex(combo.findData("status"))
        settle()
        combo.setCurrentIndex(0)

    def identify() -> None:  # a click in the middle of the map: 100,000 points, one is always near
        viewport = window.canvas.viewport()
        window.canvas._identify(QPoint(viewport.width() // 2, viewport.height() // 2))

    def details() -> None:
        window.show_feature(c.LAYER, 1 + len(records.get("details", [])) * 7)

    def edit_form() -> None:
        window.selection.select(c.LAYER, [1 + len(records.get("edit_form", [])) * 7])
        window.edit_actions.edit_selected()

    def chart_bar() -> None:
        charts = window.exhibits.charts
        if not charts.bars:
            c.log("    no bar to click: the chart was not drawn")
            return
        charts.click_at(charts.bars[0].x)

    def toggle_layer() -> None:  # its box in the layer panel: the 100,000 points hidden, then drawn again
        item = window.layer_panel.tree.layer_item(c.LAYER)
        item.setCheckState(0, Qt.CheckState.Unchecked)
        run_until(window.canvas.is_idle, 20)
        settle()
        item.setCheckState(0, Qt.CheckState.Checked)
        run_until(window.canvas.is_idle, 20)

    def language() -> None:  # View > Language: Russian, then back (every widget retranslated, twice)
        from baytak_desktop.ui.i18n import current_language

        before = current_language()
        window.switch_language("ru" if before != "ru" else "kk")
        settle()
        window.switch_language(before)

    def panels() -> None:
        window.edit_actions.show_history()
        for dock in window.sync.docks.values():
            dock.show()
            dock.raise_()

    # -- the edit tools, zoomed to a feature ------------------------------------------------------------------
    viewport = window.canvas.viewport()

    def use(key: str, layer: str) -> None:
        actions = window.edit_actions
        actions.layer_combo.setCurrentIndex(actions.layer_combo.findData(layer))
        actions.actions[key].trigger()
        settle()

    def focus(lon: float, lat: float, half: float = 0.01) -> QPoint:
        window.canvas.zoom_to_lonlat((lon - half, lat - half * 0.75, lon + half, lat + half * 0.75))
        run_until(window.canvas.is_idle, 20)
        settle()
        return window.canvas.pos_of(lon, lat)

    def point(name: str) -> tuple[float, float]:
        index = (len(records.get(name, [])) * 7919) % len(points)
        return float(points[index].x), float(points[index].y)

    def answer_no() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            box.button(QMessageBox.StandardButton.No).click()
        else:
            QTimer.singleShot(20, answer_no)

    def tool_action(name: str, key: str, layer: str, act: Callable[[QPoint], None], at: tuple[float, float]) -> None:
        use(key, layer)
        pos = focus(*at)
        measure(name, lambda: act(pos))
        window.edit_actions.actions["pan"].trigger()
        settle()

    def delete(pos: QPoint) -> None:
        QTimer.singleShot(0, answer_no)
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

    def move(pos: QPoint) -> None:
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)
        QTest.mouseMove(viewport, pos + QPoint(10, 6))
        QTest.mouseMove(viewport, pos + QPoint(20, 12))
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos + QPoint(20, 12))

    def corners(pos: QPoint) -> None:
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

    def wobble(pos: QPoint) -> None:
        for step in range(20):
            QTest.mouseMove(viewport, pos + QPoint(step % 7 - 3, step % 5 - 2))
            app.processEvents()

    def merge(pos: QPoint) -> None:
        span = window.canvas.pos_of(areas[0] + AREA_SIDE / 2, areas[1]).x() - pos.x()
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos - QPoint(span, 0))
        settle()
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos + QPoint(span, 0))

    def split(pos: QPoint) -> None:
        span = window.canvas.pos_of(areas[0], areas[1] + AREA_SIDE).y() - pos.y()
        west = pos - QPoint(int(abs(span) / 2), 0)
        QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, west + QPoint(0, span))
        QTest.mouseMove(viewport, west - QPoint(0, span))
        QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, west - QPoint(0, span))

    def drop_photo(photo: Path) -> Callable[[QPoint], None]:
        from tests.ui.edit.test_map_tools import drop

        return lambda pos: drop(window, [photo], pos)

    def photo() -> Path:  # made before the action: writing the JPEG is the bench's work, not the window's
        from tests.ui.edit.test_map_tools import geotagged

        return geotagged(path.parent, 43.6, 77.1 + len(records.get("photo_drop", [])) * 1e-4)

    def undo() -> None:
        window.edit_actions.session.stack.undo()
        settle()

    def edit_tools() -> None:
        tool_action("tool_delete", "delete_feature", c.LAYER, delete, point("tool_delete"))
        tool_action("tool_move", "move_feature", c.LAYER, move, point("tool_move"))
        tool_action("tool_corners", "edit_vertices", c.LAYER, corners, point("tool_corners"))
        tool_action("tool_snapping", "add_point", c.LAYER, wobble, point("tool_snapping"))
        tool_action("photo_drop", "move_feature", c.LAYER, drop_photo(photo()), point("photo_drop"))
        if areas is not None:
            tool_action("tool_merge", "merge", AREAS, merge, areas)
            undo()
            tool_action("tool_split", "split", AREAS, split, areas)
            undo()

    measure("open_store", open_store)
    collector.settle()  # as the app does once the map is first drawn
    # the Charts dock beside the table, both shown (a tab behind the table it reads and draws nothing), so
    # the chart is redrawn at each store and language as a person who looks at it sees it
    charts = window.exhibits.ensure_charts()
    window.removeDockWidget(charts)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, charts, Qt.Orientation.Horizontal)
    charts.show()
    charts.chart_combo.setCurrentIndex(charts.chart_combo.findData("status"))
    settle()
    charts.layer_combo.setCurrentIndex(charts.layer_combo.findData(c.LAYER))
    settle()
    for _ in range(rounds):
        measure("reopen_store", reopen_store)
        measure("zoom_layer", zoom_layer)
        measure("zoom_features", zoom_features)
        measure("switch_layer", switch_layer)
        measure("value_filter", value_filter)
        measure("identify", identify)
        measure("details", details)
        measure("edit_form", edit_form)
        measure("chart_bar", chart_bar)
        measure("panels", panels)
        measure("toggle_layer", toggle_layer)
        measure("language", language)
        if points is not None:
            edit_tools()
    blocks.phase, closing = "close_window", time.perf_counter()  # File > Quit: the views let go, the store closes
    start = meter.mark()
    window.close()
    pause(0.5)
    records["close_window"] = [(start, meter.mark())]
    seconds["close_window"] = [time.perf_counter() - closing]
    blocks.stop()
    collector.stop()
    collector.setParent(None)  # the next scenario's window gets a collector of its own
    wall, cpu = time.perf_counter() - began, time.process_time() - cpu
    app.processEvents()
    meter.uninstall()
    result: dict[str, Any] = {
        "wall_s": round(wall, 1),
        "cpu_s_this_process": round(cpu, 1),
        "loadavg_1_5_15_at_end": [round(v, 2) for v in os.getloadavg()],
        "outside_changes_announced": noticed,
        "ui_thread_blocks": blocks.report(),
        "ui_thread_blocks_between_actions": blocks.report("between actions"),
    }
    every_ui = [
        (name, call) for name, spans in records.items() for start, end in spans for call in meter.calls[start:end]
    ]
    every_ui = [(name, call) for name, call in every_ui if call.thread == ui_thread]
    if every_ui:
        action, call = max(every_ui, key=lambda item: item[1].seconds)
        result["longest_ui_call"] = {"action": action, **_beside.described(call)}
    else:
        result["longest_ui_call"] = {"ms": 0.0, "what": "no database call on the UI thread"}
    for name, spans in records.items():
        calls = [call for start, end in spans for call in meter.calls[start:end]]
        ui = [call for call in calls if call.thread == ui_thread]
        readers = [call for call in calls if call.thread != ui_thread]
        result[name] = {
            "seconds": [round(s, 1) for s in seconds[name]],
            **({"ui_thread_cpu_ms": [round(s * 1000) for s in ui_cpu_s[name]]} if name in ui_cpu_s else {}),
            **({"not_settled_within_s": SETTLE_S} if name in late else {}),
            "ui_thread_blocks": blocks.report(name),
            "ui_thread_db": _beside.ui_calls(ui, callers),
            "reader_threads": _beside.summary(readers),
        }
    return result


def scenario(folder: Path, name: str, args) -> dict[str, Any]:
    path, source = bench_sharing.make_store(folder, args.n, args.seed)
    points = c.random_points(args.n, args.seed)[2]  # where each feature is: the tools click on them
    areas = add_areas(path)
    bench_sharing.make_store_at(path.with_name(path.stem + "-other.gpkg"), 1000, 2)  # reopen_store's other store
    run = lambda: run_actions(path, args.rounds, args.callers, points, areas)  # noqa: E731
    return run() if name == "alone" else _beside.beside_others(path, source, run)


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], n=100_000, extra=extra_args)
    from interop.programs import OGR2OGR, qgis_available

    from baytak_desktop.ui.gil import SWITCH_INTERVAL_S, hand_over_often

    interval = SWITCH_INTERVAL_S if args.switch_interval is None else args.switch_interval
    hand_over_often(interval)  # as the app runs (ui.gil), unless asked otherwise

    with tempfile.TemporaryDirectory(prefix="baytak-bench-ui-actions-") as tmp:
        folder = Path(tmp)
        names = tuple(args.scenarios.split(","))
        results = {}
        for name in names:  # each scenario's result on stderr as it ends: a long run killed keeps them
            results[name] = scenario(folder, name, args)
            c.log(f"{name}: {json.dumps(results[name])}")
        longest = max(results[name]["longest_ui_call"]["ms"] for name in names)
        blocked = max(results[name]["ui_thread_blocks"]["longest_ms"] for name in names)
        c.emit(
            {
                "benchmark": "ui_actions",
                "n": args.n,
                "rounds": args.rounds,
                "switch_interval_s": interval,
                "machine": c.machine_info(tmp),
                "other_programs_present": {"qgis": qgis_available(), "ogr2ogr": OGR2OGR is not None},
                **results,
                "peer": "'alone': the same actions with no other program writing",
                "target": f"the UI thread waits at most {TARGET_MS:g} ms on the database (issue 14)",
                "longest_ui_db_call_ms": longest,
                "meets_target": longest <= TARGET_MS,
                "longest_ui_thread_block_ms": blocked,
                "notes": [
                    "the store is opened by the window itself (File > Open), on its opener thread; open_store and "
                    "reopen_store count the UI thread's calls from File > Open to the views filled",
                    "reader_threads: the same actions' reads (and the edit tools' writes), made on the window's "
                    "reader and writer threads",
                    "ui_thread_blocks: a 5 ms timer's lateness during each action (its call and until its reads "
                    "and writes were done), whatever kept the UI thread (database, drawing, Python); blocks over "
                    "50 ms come with where the UI thread was (sampled by a watchdog thread)",
                    "other_programs: their commits as they counted them, and the rows the store gained (QGIS's "
                    "5 per commit, ogr2ogr's 100 per run); outside_changes_announced: the window's poll found "
                    "their commits and the views re-read",
                ],
            }
        )


if __name__ == "__main__":
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        main()
