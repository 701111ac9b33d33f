"""The window says a library's failure in its language: SQLite's, httpx's, the system's English only
after our words (library_failures.py through ui.messages.message_of), tested with real failures."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from baytak_desktop.errors import BaytakError
from baytak_desktop.io.tile_cache import TileCache, TileFetcher
from baytak_desktop.store import Store
from baytak_desktop.ui import i18n
from baytak_desktop.ui.messages import message_of, sentence_text
from tests.test_library_failures import locked_out


def kk(template: str, **params: object) -> str:
    text = QCoreApplication.translate("DomainMessages", template)
    assert text != template or template.startswith("{reason} ("), template
    return text.format(**params)


@pytest.fixture
def kazakh(qapp):
    i18n.set_language("kk")
    yield
    i18n.set_language("en")


def test_a_file_that_is_not_a_store_is_said_in_kazakh(kazakh, tmp_path: Path) -> None:
    path = tmp_path / "notes.gpkg"
    path.write_text("Narynkol brick factory: closed in 2019.\n" * 40, encoding="utf-8")
    with pytest.raises(BaytakError) as raised:
        Store.open(path)
    reason = kk("it is not an SQLite database (or it is encrypted or damaged)")
    detail = kk("{reason} ({library}: {detail})", reason=reason, library="SQLite", detail="file is not a database")
    assert message_of(raised.value) == kk("{path} is not a GeoPackage: {reason}", path=str(path), reason=detail)


def test_a_locked_database_is_said_in_kazakh(kazakh, tmp_path: Path) -> None:
    """Any other exception reaching the window (a reader's, a sync's) goes through message_of too."""
    error = locked_out(tmp_path / "held.sqlite")
    why = kk("another program is writing to it; close it there (or wait for it), then try again")
    assert message_of(error) == kk(
        "{reason} ({library}: {detail})", reason=why, library="SQLite", detail="database is locked"
    )


def test_a_tile_from_a_closed_port_is_said_in_kazakh(kazakh, tmp_path: Path) -> None:
    """What the map's message bar shows (main_window: sentence_text of the canvas's problems)."""
    import socket

    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fetcher = TileFetcher(TileCache(tmp_path, f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png"), timeout=0.5)
    assert fetcher.get(3, 5, 2) is None
    refused = kk("the server refused the connection: it is not running there, or the address or port is wrong")
    reason = kk(
        "{reason} ({library}: {detail})", reason=refused, library="HTTP", detail="[Errno 111] Connection refused"
    )
    url = f"http://127.0.0.1:{port}/3/5/2.png"
    assert sentence_text(fetcher.errors[-1]) == kk(
        "A map tile could not be fetched: {reason}. Its address: {url}", reason=reason, url=url
    )


def test_the_web_map_panel_says_why_it_could_not_build_in_kazakh(kazakh, qtbot, tmp_path: Path) -> None:
    """The panel put the error's English sentence inside its translated one."""
    from baytak_desktop.ui.exhibits.web_map_dock import WebMapDock

    path = tmp_path / "notes.gpkg"
    path.write_text("Narynkol brick factory: closed in 2019.\n" * 40, encoding="utf-8")
    with pytest.raises(BaytakError) as raised:
        Store.open(path)
    dock = WebMapDock()
    qtbot.addWidget(dock)
    dock.set_store(path)
    runner = dock.rebuild()
    assert runner is not None
    qtbot.waitUntil(lambda: not runner.running, timeout=30_000)
    said = QCoreApplication.translate("WebMapDock", "The web map could not be built: {reason}")
    assert dock.status_label.text() == said.format(reason=message_of(raised.value))
    assert raised.value.message not in dock.status_label.text() and "SQLite database" not in dock.status_label.text()


def test_the_programs_holding_a_store_are_named_in_kazakh(kazakh, tmp_path: Path) -> None:
    """StoreLocked names who holds the store ("QGIS (process 4242)"): the window says that part in
    Kazakh too, not only the sentence around it; two or three programs are joined in Kazakh."""
    from baytak_desktop.errors import StoreLocked
    from baytak_desktop.store.holders import Holder, describe
    from baytak_desktop.store.lockwait import Waiting

    qgis, shell = Holder(4242, "QGIS", writing=True), Holder(77, "sqlite3", reading=True)
    one = StoreLocked(path="field.gpkg", program=Waiting("field.gpkg", 3.0, (qgis,)).program, seconds=3.0)
    named = kk("{program} (process {pid})", program="QGIS", pid=4242)
    assert message_of(one) == kk(
        "{program} has been holding {path} for {seconds:.0f} s, so nothing was changed here. Save or cancel the "
        "edits there (or close the file in it), then try again.",
        program=named,
        path="field.gpkg",
        seconds=3.0,
    )
    assert "4242 процесі" in message_of(one)
    both = StoreLocked(path="field.gpkg", program=describe([qgis, shell]), seconds=3.0)
    second = kk("{program} (process {pid})", program="sqlite3", pid=77)
    assert kk("{first} and {second}", first=named, second=second) in message_of(both)
    nobody = StoreLocked(path="field.gpkg", program=Waiting("field.gpkg", 3.0, ()).program, seconds=3.0)
    assert kk("another program") in message_of(nobody)


def test_the_status_bar_waits_for_programs_named_in_kazakh(kazakh) -> None:
    """The window's "Waiting for QGIS (process 4242)…" (ui.worker.waiting_text) names the programs as the
    store names them, in Kazakh, and "another program" when the system cannot tell."""
    from baytak_desktop.store.holders import Holder
    from baytak_desktop.store.lockwait import Waiting
    from baytak_desktop.ui.worker import waiting_text

    wait = QCoreApplication.translate(
        "LockWait", "Waiting for {program}, which has the store open for writing ({seconds} s)…"
    )
    assert "күтілуде" in wait, wait  # Kazakh, not the English source
    named = kk("{program} (process {pid})", program="QGIS", pid=4242)
    assert waiting_text(Waiting("field.gpkg", 3.2, (Holder(4242, "QGIS", writing=True),))) == wait.format(
        program=named, seconds=3
    )
    assert waiting_text(Waiting("field.gpkg", 1.0, ())) == wait.format(program=kk("another program"), seconds=1)
