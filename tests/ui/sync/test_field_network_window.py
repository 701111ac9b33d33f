"""The window's sync behind what a field network really answers (a hotel Wi-Fi's sign-in page, an empty
or foreign body, a redirect to a sign-in, a proxy's 502/504 page, a link that drops mid-answer): the
message bar says it in the person's language (Kazakh, Russian), the store keeps every edit and its
journal as they were, and once the network lets the traffic through the next sync goes as usual.

A real server process sits behind ``FieldNetwork`` (tests/sync/field_network.py) on 127.0.0.1; the
window is signed in through it, as a device on that Wi-Fi would be.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtWidgets import QApplication

from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.engine import sync
from baytak_desktop.sync.errors import NotBaytakAnswer
from baytak_desktop.sync.session import login
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.window.main_window import MainWindow
from tests.sync.conftest import FAST, PASSWORD, Server
from tests.sync.field_network import ANSWERS, FieldNetwork
from tests.ui.sync import test_sync_ui_fixtures as fixtures
from tests.ui.sync.test_sync_ui_fixtures import WAIT_MS, add_factory, run_sync

config_home, server = fixtures.config_home, fixtures.server  # pytest fixtures

NOT_OURS = NotBaytakAnswer.template
SERVER_FAILED = (
    "The server could not handle the request ({code}). Your edits are safe on this computer; try again later."
)
OFFLINE = "No connection: your %n edit(s) are safe on this computer and will be sent next time."


@pytest.fixture
def network(server: Server) -> Iterator[FieldNetwork]:
    between = FieldNetwork(server.port)
    try:
        yield between
    finally:
        between.close()


@pytest.fixture
def window(qtbot, tmp_path: Path, network: FieldNetwork) -> Iterator[MainWindow]:
    """A shown window on a new store, signed in as dana through the field network, with one synced site."""
    path = tmp_path / "field.gpkg"
    Store.create(path).close()
    login(path, network.url, "dana", PASSWORD, FAST)
    set_language("en")
    shown = MainWindow(Store.open(path), QSettings(str(tmp_path / "field.ini"), QSettings.Format.IniFormat))
    shown.sync.controller.options = FAST
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(shown.canvas.is_idle, timeout=20_000)
    add_factory(shown, "Kiln 0")
    run_sync(qtbot, shown)
    assert shown.sync.last_result is not None and shown.sync.last_result.pushed == 1
    try:
        yield shown
    finally:
        shown.sync.controller.shutdown()
        set_language("en")
        QApplication.processEvents()


def said(context: str, text: str, n: int = -1) -> str:
    """``text`` in the language set now; it must be a translation, not the English kept."""
    translated = QCoreApplication.translate(context, text, None, n)
    assert translated != text.replace("%n", str(n)), f"no translation of {text!r}"
    return translated


def expected(answer: str, network: FieldNetwork) -> str:
    if answer in ("bad_gateway", "gateway_timeout"):
        return said("SyncTexts", SERVER_FAILED).format(code=502 if answer == "bad_gateway" else 504)
    if answer == "cut":
        return said("SyncTexts", OFFLINE, 1)
    return said("DomainMessages", NOT_OURS).format(server=network.url)


def journal(window: MainWindow) -> list[tuple]:
    """What the store records for the next sync: its pending changes and its features."""
    changes = [(c.layer, c.uuid, c.op) for c in window.store.changes()]
    features = sorted((f.uuid, f.attributes["name"]) for f in window.store.features("brick_factories"))
    return [*changes, *features]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_each_field_network_answer_is_said_and_the_next_sync_goes(qtbot, window, network, lang):
    add_factory(window, "Kiln 1")
    before = journal(window)
    set_language(lang)
    for answer in ANSWERS:  # one after another, as a device moving between networks meets them
        network.answer(answer)
        answered = network.answered
        run_sync(qtbot, window)
        assert network.answered > answered, answer  # the network answered, not the server
        text = expected(answer, network)
        assert window.message_bar.texts() == [text], answer
        assert window.sync.last_message == text, answer
        assert journal(window) == before, answer  # every edit kept, nothing marked sent

    network.answer(None)
    run_sync(qtbot, window)
    assert window.sync.last_result is not None and window.sync.last_result.pushed == 1
    assert len(window.store.changes()) == 0


def _select(qtbot, window: MainWindow, name: str) -> None:
    fid = next(f.fid for f in window.store.features("brick_factories") if f.attributes["name"] == name)
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        window.selection.select("brick_factories", [fid])


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("answer", ["portal", "foreign_json", "redirect"])
def test_the_history_behind_a_sign_in_page_is_said_and_loads_after(qtbot, window, network, lang, answer):
    window.sync.docks["history"].show()
    set_language(lang)
    network.answer(answer)
    _select(qtbot, window, "Kiln 0")
    assert window.sync.history.error == said("DomainMessages", NOT_OURS).format(server=network.url)
    assert window.sync.history.tree.topLevelItemCount() == 0

    network.answer(None)
    window.selection.select("brick_factories", [])
    qtbot.waitUntil(lambda: window.sync.history.feature is None, timeout=WAIT_MS)
    _select(qtbot, window, "Kiln 0")
    assert window.sync.history.tree.topLevelItemCount() == 1 and not window.sync.history.error


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("answer", ["portal", "empty", "redirect"])
def test_a_resolution_behind_a_sign_in_page_is_said_and_goes_after(
    qtbot, window, network, server, tmp_path, lang, answer
):
    uuid = _conflict(qtbot, window, server, tmp_path)
    before = journal(window), records.conflicts(window.store.conn)
    set_language(lang)
    network.answer(answer)
    _keep_mine(qtbot, window, uuid)
    assert network.answered >= 1
    assert window.message_bar.texts() == [said("DomainMessages", NOT_OURS).format(server=network.url)]
    assert (journal(window), records.conflicts(window.store.conn)) == before  # still open, nothing lost

    network.answer(None)
    _keep_mine(qtbot, window, uuid)
    assert records.conflicts(window.store.conn) == []
    assert window.store.get("brick_factories", uuid).attributes["status"] == "relocated"


def _conflict(qtbot, window: MainWindow, server: Server, tmp_path: Path) -> str:
    """erlan, signed in straight to the server, closes Kiln 0; dana's window says it was relocated."""
    uuid = next(f.uuid for f in window.store.features("brick_factories"))
    other = tmp_path / "erlan.gpkg"
    Store.create(other).close()
    login(other, server.url, "erlan", PASSWORD, FAST)
    sync(other, options=FAST)
    with Store.open(other) as store:
        store.update("brick_factories", uuid, {"status": "closed"})
    sync(other, options=FAST)
    window.sync.session.update_attributes("brick_factories", uuid, {"status": "relocated"})
    run_sync(qtbot, window)
    assert window.sync.last_result is not None and window.sync.last_result.conflicts == 1
    return uuid


def _keep_mine(qtbot, window: MainWindow, uuid: str) -> None:
    window.sync.conflict_dialog = None
    window.sync.open_conflict("brick_factories", uuid)
    assert window.readers.wait_idle()
    dialog = window.sync.conflict_dialog
    assert dialog is not None
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_signing_in_behind_a_sign_in_page_is_said_in_the_connect_dialog(qtbot, window, network, lang):
    window.sync.controller.sign_out()
    qtbot.waitUntil(lambda: not window.sync.controller.busy(), timeout=WAIT_MS)  # the server-side logout
    set_language(lang)
    window.sync.open_connect()
    dialog = window.sync.connect_dialog
    dialog.url_edit.setText(network.url)
    dialog.user_edit.setText("dana")
    for answer in ("portal", "redirect", "network_sign_in", "bad_encoding"):
        network.answer(answer)
        dialog.password_edit.setText(PASSWORD)
        with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog.message.text() == said("DomainMessages", NOT_OURS).format(server=network.url), answer
        assert window.sync.controller.account is None, answer

    network.answer(None)
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert window.sync.controller.account is not None and window.sync.controller.account.username == "dana"
    add_factory(window, "Kiln 1")
    run_sync(qtbot, window)
    assert window.sync.last_result is not None and window.sync.last_result.pushed == 1
