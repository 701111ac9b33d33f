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
