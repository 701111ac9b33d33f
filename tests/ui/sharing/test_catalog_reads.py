"""New layers and fields reach the window with no database call on its UI thread (issue 14).

A sync that brings a published layer or field announces ``catalog_changed``; the window used to read
the layers, their styles and the map's layout on the UI thread then (a read that waits as long as QGIS
or ogr2ogr holds the store). Now it reads them on a reader, as the opener reads a store it opens
(``store_opening.read_shown``), and hands them to the map, the layer panel, the table, the edit layers and
an open form when they land. The same holds for a layer another program adds while the window is open,
and for the first start, when the demo store is made. Every store connection is metered
(``store.meter``): each test asserts which calls the UI thread made (structure, not timing).
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from layer_helpers import ILLEGAL_DUMPS, RIVERS, factories_with_kilns_and_a_code, publish_into
from PySide6.QtCore import QSettings

from baytak_desktop.store import Store
from baytak_desktop.store.meter import Meter
from baytak_desktop.ui import app
from baytak_desktop.ui.i18n import set_language, shown_catalog
from baytak_desktop.ui.window.main_window import MainWindow
from baytak_desktop.ui.window.store_opening import prepare
from tests.ui.sharing.test_store_opening_reads import OTHERS, make_store, opened, ui_calls

LAYER = "brick_factories"
SITES = [("Besagash", (77.06, 43.30))]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return make_store(tmp_path / "almaty.gpkg", SITES)


@pytest.fixture
def window(qtbot, settings: QSettings, path: Path) -> MainWindow:
    set_language("en")
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    window.open_store(path)
    opened(qtbot, window, path)
    yield window
    window.close()


def sync_brings(window: MainWindow, *definitions: dict, announce: bool = True) -> None:
    """What a pull does on the worker thread: the revisions applied on its own connection (sharing the
    window's events), then ``catalog_changed`` announced there."""

    def pull() -> None:
        with Store.open(window.store.path, events=window.store_events) as sync:
            publish_into(sync, *definitions)
            if announce:
                sync.announce(sync.events.catalog_changed)

    thread = threading.Thread(target=pull)
    thread.start()
    thread.join()


def shows_layer(window: MainWindow, layer: str) -> bool:
    return (
        layer in window.layer_panel.styles()
        and window.edit_actions.layer_combo.findData(layer) >= 0
        and window.table.layer_combo.findData(layer) >= 0
        and layer in window.canvas.layers.present
        and layer in shown_catalog()
    )


def test_a_layer_and_a_field_a_sync_brings_are_read_off_the_ui_thread_and_every_view_follows(
    qtbot, meter: Meter, window
):
    store = window.store
    (uuid,) = list(store.iter_uuids(LAYER))
    form = window.edit_actions.panel.edit_feature(LAYER, uuid)  # a form open while the sync runs
    assert form is not None and "kiln_count" not in form.editors
    window.open_table(LAYER)
    assert window.readers.wait_idle()
    mark = meter.mark()
    sync_brings(window, ILLEGAL_DUMPS, factories_with_kilns_and_a_code())
    qtbot.waitUntil(lambda: shows_layer(window, "illegal_dumps"), timeout=10_000)
    assert window.readers.wait_idle()
    assert ui_calls(meter, mark) == []
    assert "kiln_count" in window.edit_actions.panel.form.editors  # the open form took the new field in
    assert "kiln_count" in window.table.catalog().layer(LAYER).field_names
    mark = meter.mark()
    assert store.catalog.layer("illegal_dumps") and "kiln_count" in store.layer(LAYER).field_names
    assert ui_calls(meter, mark) == []  # the window's store was given what the reader read


def test_two_syncs_in_a_row_the_newer_catalog_wins(qtbot, meter: Meter, window):
    mark = meter.mark()
    sync_brings(window, ILLEGAL_DUMPS)
    sync_brings(window, RIVERS)  # announced before the first one's read has landed
    qtbot.waitUntil(lambda: shows_layer(window, "rivers"), timeout=10_000)
    assert window.readers.wait_idle()
    assert shows_layer(window, "illegal_dumps") and window.store.catalog.revision == 2
    assert ui_calls(meter, mark) == []


def test_a_catalog_read_of_a_store_no_longer_shown_is_dropped(qtbot, window, tmp_path):
    other = Store.open(make_store(tmp_path / "shymkent.gpkg", [("Sairam", (69.76, 42.30))]))
    prepared = prepare(other)
    sync_brings(window, ILLEGAL_DUMPS, announce=False)
    window.store_signals.sigCatalogChanged.emit()  # the new layers are being read on a reader...
    window.set_store(other, prepared)  # ...when another store is shown
    assert window.readers.wait_idle()
    assert window.store is other and "illegal_dumps" not in window.layer_panel.styles()
    assert "illegal_dumps" not in shown_catalog()


def test_the_same_catalog_read_again_changes_nothing(qtbot, meter: Meter, window):
    """Another program's commit that touched no layer definition (the poller cannot tell) reads the
    layers on a reader and, finding the same, leaves the panel and the map as they are."""
    panel_catalog = window.table.catalog()
    window.store_events.catalog_changed.emit()
    assert window.readers.wait_idle()
    assert window.table.catalog() is panel_catalog


def test_a_layer_another_program_adds_while_the_window_is_open_is_read_off_the_ui_thread(
    qtbot, meter: Meter, window, path
):
    """A script (a plain SQLite connection) applies a published layer as a pull would: the poller sees an
    unknown commit, and the window reads the layers again on a reader."""
    from baytak_desktop.layers.definition import parse
    from baytak_desktop.store.layer_revisions import PublishedRevision, apply_revisions
    from tests.conftest import open_plain_sqlite

    assert window.readers.wait_idle()
    mark = meter.mark()
    conn = open_plain_sqlite(path)
    try:
        conn.execute("BEGIN IMMEDIATE")
        apply_revisions(conn, [PublishedRevision(1, 1, parse(ILLEGAL_DUMPS, "illegal_dumps"))])
        conn.execute("COMMIT")
    finally:
        conn.close()
    qtbot.waitUntil(lambda: shows_layer(window, "illegal_dumps"), timeout=15_000)
    assert window.readers.wait_idle()
    assert ui_calls(meter, mark) == []


def test_the_first_start_makes_the_demo_store_and_shows_it_off_the_ui_thread(
    qtbot, meter: Meter, settings, tmp_path, monkeypatch
):
    """The first start (no store yet): the default store is made with the demo data and read on the
    opener's thread while the window is on screen, saying it is opening it."""
    default = tmp_path / "data" / "baytak.gpkg"
    monkeypatch.setattr(app, "default_store_path", lambda: default)
    set_language("en")
    window = MainWindow(None, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    mark = meter.mark()
    assert app.open_first_store(window) == default
    assert window.opening()
    qtbot.waitUntil(lambda: window.store is not None, timeout=120_000)
    assert window.readers.wait_idle()
    assert set(ui_calls(meter, mark)) <= OTHERS, ui_calls(meter, mark)
    assert window.store.path == default and "demo store" in window.windowTitle()
    assert "quarries" in window.layer_panel.styles() and "quarries" in window.canvas.layers.present
    window.open_table("quarries")
    qtbot.waitUntil(lambda: window.table.model.rowCount() > 0, timeout=10_000)
    window.close()


def test_a_broken_layer_definition_another_program_wrote_is_said_and_the_window_keeps_its_layers(
    qtbot, meter: Meter, window, path
):
    """A script writes a revision that is not JSON: the layers cannot be read. The window keeps the
    layers it shows and says why in the message bar (it stayed silently behind before); a later read
    that succeeds takes the warning away."""
    from tests.conftest import open_plain_sqlite

    assert window.readers.wait_idle()
    shown = window.table.catalog()
    conn = open_plain_sqlite(path)
    try:
        conn.execute(
            "INSERT INTO baytak_layer_revisions (revision, rev, layer, definition) VALUES (1, 1, 'dumps', '{not json')"
        )
        conn.commit()
        window.store_events.catalog_changed.emit()
        qtbot.waitUntil(lambda: any("could not be read" in text for text in window.message_bar.texts()))
        assert window.table.catalog() is shown and LAYER in window.layer_panel.styles()
        assert "not JSON" in " ".join(window.message_bar.texts())
        conn.execute("DELETE FROM baytak_layer_revisions WHERE revision = 1")
        conn.commit()
    finally:
        conn.close()
    window.store_events.catalog_changed.emit()
    qtbot.waitUntil(lambda: not any("could not be read" in text for text in window.message_bar.texts()))
