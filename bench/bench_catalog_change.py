"""A field and a code arriving with a sync while the window is open: what the person waits for.

    .venv/bin/python bench/bench_catalog_change.py [--n 100000] [--repeat 3]

Builds a store with ``--n`` brick factories, opens the MainWindow offscreen with the attribute table on
them and a new factory's form half typed in, then, ``--repeat`` times: applies a schema revision that
adds a field and a status code to brick factories (the function a pull applies them with, in the store's
transaction: ALTER TABLE, metadata, triggers; timed as ``apply_revision``), announces it as the pull
does, and times the window taking it in: ``ui_thread_blocked`` is the handlers on the UI thread (the
announcement's, which ask a reader for the new layers, then the taking in of what it read: the form
rebuilt with what was typed kept, the table's columns, the layer panel, the map's layers), during which
typing waits; ``window_takes_it`` goes on until the work they start on other threads is done (the map
drawn again, the table's rows queried). No peer: QGIS, QField and Mergin reload the project for a schema
change. Target: the UI thread blocked under 200 ms, so that the form does not visibly stall while the
person types. One JSON object to stdout.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path
from typing import Any

import _common as c

TARGET_MS = 200.0


def revision(number: int) -> Any:
    """Brick factories with ``number`` fields more than the built-in ones, and a status code per field."""
    from baytak_desktop.layers import builtin_catalog
    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision

    data = builtin_catalog().definition("brick_factories").as_json()
    status = next(f for f in data["fields"] if f["name"] == "status")
    for i in range(1, number + 1):
        title = {"en": f"Kilns {i}", "kk": f"Пештер {i}", "ru": f"Печи {i}"}
        data["fields"].append({"name": f"kilns_{i}", "type": "integer", "minimum": 0, "title": title})
        status["vocabulary"].append({"code": f"code_{i}", "en": f"code {i}", "kk": f"код {i}", "ru": f"код {i}"})
    return lambda rev: PublishedRevision(rev, rev, parse(data, "brick_factories"))


def main() -> None:
    args = c.parse_args(__doc__.splitlines()[0], 100_000)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from baytak_desktop.store import Store
    from baytak_desktop.store.layer_revisions import apply_revisions
    from baytak_desktop.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        machine = c.machine_info(folder)
        store = Store.create(Path(folder) / "factories.gpkg")
        names, statuses, geoms = c.random_points(args.n, args.seed, (76.5, 43.0, 77.5, 43.8))
        store.insert_many("brick_factories", {"name": names, "status": statuses}, list(geoms))
        window = MainWindow(store, QSettings(str(Path(folder) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(1366, 768)
        window.show()
        window.canvas.zoom_to_lonlat((76.5, 43.0, 77.5, 43.8))
        _settle(app, window)
        window.open_table("brick_factories")
        actions = window.edit_actions
        actions.set_edit_layer("brick_factories")
        actions.actions["add_point"].trigger()
        QTest.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(77.0, 43.4))
        actions.panel.form.editors["name"].set_value("typed, not saved")
        _settle(app, window)
        applied, blocked, taken = [], [], []
        applying: list[float] = []  # the window taking the catalog read on its reader in (UI thread)
        take_in = window._catalog_read

        def timed_take_in(*read: Any) -> None:
            start = time.perf_counter()
            take_in(*read)
            applying.append(time.perf_counter() - start)

        window._catalog_read = timed_take_in  # type: ignore[method-assign]
        for run in range(args.repeat):
            published = revision(run + 1)(store.catalog.revision + 1)
            t0 = time.perf_counter()
            with store.session() as conn:
                apply_revisions(conn, [published])
                store.announce(store.events.catalog_changed)
            t1 = time.perf_counter()
            app.processEvents()  # the catalog event's handlers, on the UI thread
            t2 = time.perf_counter()
            _settle(app, window)  # and what they started on worker threads (the map, the table's query)
            t3 = time.perf_counter()
            applied.append(t1 - t0)
            blocked.append(t2 - t1 + sum(applying))  # the announcement's handlers, then the taking in
            applying.clear()
            taken.append(t3 - t1)
            form = actions.panel.form
            assert form is not None and f"kilns_{run + 1}" in form.editors
            assert form.editors["name"].value() == "typed, not saved"
        result = {
            "benchmark": "catalog_change",
            "n_features": args.n,
            "apply_revision_ms": c.distribution_ms(applied),
            "ui_thread_blocked_ms": c.distribution_ms(blocked),
            "window_takes_it_ms": c.distribution_ms(taken),
            "target_ms": TARGET_MS,
            "meets_target": c.distribution_ms(blocked)["median_ms"] < TARGET_MS,
            "machine": machine,
        }
        window.close()
    c.emit(result)


def _settle(app, window) -> None:
    deadline = time.perf_counter() + 60
    busy = lambda: not window.canvas.is_idle() or window.table.model.busy or window.readers.busy()  # noqa: E731
    while busy() and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.005)


if __name__ == "__main__":
    main()
