"""The Sync menu against a real server process: sign in and out, sync with progress and a summary,
editing during a sync, the server killed mid-sync, a revoked token, automatic sync, review, history."""

from __future__ import annotations

import os
import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from baytak_desktop.sync import credentials as tokens
from baytak_desktop.sync.engine import sync
from baytak_desktop.ui.actions import menu_titles
from baytak_desktop.ui.sync.runner import phase_text
from tests.sync.conftest import FAST, PASSWORD, baytak_server
from tests.ui.sync import test_sync_ui_fixtures as fixtures
from tests.ui.sync.test_sync_ui_fixtures import BRANCH, HERE, WAIT_MS, add_factory, attributes, run_sync
from tests.ui.writes import written

config_home, server, make_window = fixtures.config_home, fixtures.server, fixtures.make_window  # pytest fixtures


def test_sync_menu_shortcut_and_toolbar(make_window):
    window = make_window("a")
    actions = window.sync.actions
    assert menu_titles(window)[-2:] == ["Sync", "Help"]
    assert actions["sync_now"].shortcut().toString() == "Ctrl+Shift+S"
    assert actions["sync_now"] in window.window_actions.toolbar.actions()
    assert not actions["sync_now"].isEnabled()  # not signed in yet
    assert window.readers.wait_idle()  # read on the window's readers
    assert window.status.sync_label.text() == "Never synced"


def test_connect_shows_the_account_and_keeps_the_token_like_the_cli(qtbot, make_window, server, config_home):
    window = make_window("a")
    window.sync.open_connect()
    dialog = window.sync.connect_dialog
    dialog.url_edit.setText("htp://" + server.url.split("://")[1])  # a slip: said, not "No connection"
    dialog.user_edit.setText("dana")
    dialog.password_edit.setText("not the password")
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "is not a server address" in dialog.message.text()
    dialog.url_edit.setText(server.url)
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Wrong user name or password."
    assert window.sync.controller.account is None

    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(window.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert "dana" in dialog.account_label.text() and "coordinator" in dialog.account_label.text()
    assert "Almaty Region" in dialog.account_label.text()
    assert dialog.password_edit.text() == ""  # never kept
    kept = tokens.load(server.url, window.store.device_id)
    assert kept is not None and kept.username == "dana" and kept.role == "coordinator" and kept.branch == BRANCH
    assert oct(os.stat(tokens.credentials_path()).st_mode & 0o777) == "0o600"
    assert window.sync.actions["sync_now"].isEnabled()
    assert window.sync.review.is_reviewer()

    qtbot.mouseClick(dialog.sign_out_button, Qt.MouseButton.LeftButton)
    assert tokens.load(server.url, window.store.device_id) is None
    assert window.sync.controller.account is None and not window.sync.actions["sync_now"].isEnabled()
    assert "Not signed in" in dialog.account_label.text()
    qtbot.waitUntil(lambda: not window.sync.controller.busy(), timeout=WAIT_MS)  # the server-side logout


def test_sync_now_sends_receives_refreshes_and_summarises(qtbot, make_window):
    a, b = make_window("a", user="dana"), make_window("b", user="erlan")
    for index in range(3):
        add_factory(a, f"Kiln {index}")
    assert a.readers.wait_idle()  # the unsynced edits are read on a reader
    assert a.status.changes_label.text() == tr("StatusBar", "%n edit(s) not yet synced", 3)
    progress = []
    a.sync.controller.sigProgress.connect(lambda fraction, text: progress.append((fraction, text)))
    run_sync(qtbot, a)
    assert a.sync.last_result.pushed == 3 and a.sync.last_result.applied == 3
    assert a.sync.last_message.startswith("Sync finished: 3 sent, 0 merged, 3 received, 0 conflicts.")
    # the journal is read again on a thread of its own: the count follows a moment later
    qtbot.waitUntil(lambda: a.status.changes_label.text() == tr("StatusBar", "%n edit(s) not yet synced", 0))
    assert a.readers.wait_idle()
    assert a.status.sync_label.text().startswith("Last sync: ")
    assert {"Preparing your edits…", "Sending changes: 3…"} <= {t for _, t in progress}
    assert progress[-1][0] == 1.0 and not a.sync.progress.isVisible()

    b.table.set_layer("brick_factories")
    run_sync(qtbot, b)
    assert b.sync.last_result.pulled == 3
    assert b.store.count("brick_factories") == 3
    qtbot.waitUntil(lambda: b.table.model.rowCount() == 3, timeout=WAIT_MS)  # the table shows what arrived
    assert "3 received" in b.message_bar.texts()[0]


OFFLINE = "No connection: your %n edit(s) are safe on this computer and will be sent next time."


def tr(context: str, text: str, n: int = -1) -> str:
    """What the UI shows for ``text`` in the current language (English plurals come from baytak_en.qm)."""
    return QCoreApplication.translate(context, text, None, n)


def _gated(job, phase: str, reached: threading.Event, release: threading.Event):
    """The real sync job, held at ``phase`` until the test lets it go (on the worker thread)."""

    class Gate:
        def __init__(self, inner) -> None:
            self.inner = inner

        def update(self, fraction: float, text: str = "") -> None:
            self.inner.update(fraction, text)
            if text.startswith(phase) and not reached.is_set():
                reached.set()
                release.wait(WAIT_MS / 1000)

    return lambda *args, progress: job(*args, progress=Gate(progress))


def test_an_edit_made_during_a_sync_is_kept_and_sent_next_time(qtbot, make_window, server, tmp_path):
    a = make_window("a", user="dana")
    uuid = add_factory(a, "before")
    reached, release = threading.Event(), threading.Event()
    a.sync.controller.jobs["sync"] = _gated(a.sync.controller.jobs["sync"], "Sending changes", reached, release)
    with qtbot.waitSignal(a.sync.controller.sigEnded, timeout=WAIT_MS):
        a.sync.actions["sync_now"].trigger()
        qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
        sending = "Sending changes: 1…"
        # the worker's progress reaches the label through a queued signal: on a loaded machine a moment later
        qtbot.waitUntil(lambda: a.sync.progress.isVisible() and a.sync.progress.phase.text() == sending)
        a.sync.session.update_attributes("brick_factories", uuid, {"name": "typed during the sync"})
        release.set()
    assert a.sync.last_result.pushed == 1 and a.sync.last_result.pending == 1
    assert attributes(a, uuid)["name"] == "typed during the sync"
    assert len(a.store.changes()) == 1
    assert tr("SyncActions", "%n edit(s) wait for the next sync.", 1) in a.sync.last_message
    run_sync(qtbot, a)
    assert len(a.store.changes()) == 0
    fresh = _fresh_copy(tmp_path, server)
    assert _names(fresh) == ["typed during the sync"]


def test_cancel_keeps_every_edit_and_the_next_sync_finishes_without_duplicates(qtbot, make_window, server, tmp_path):
    a = make_window("a", user="dana")
    add_factory(a, "Kiln")
    reached, release = threading.Event(), threading.Event()
    job = a.sync.controller.jobs["sync"]
    a.sync.controller.jobs["sync"] = _gated(job, "Sending changes", reached, release)
    with qtbot.waitSignal(a.sync.controller.sigCancelled, timeout=WAIT_MS):
        a.sync.actions["sync_now"].trigger()
        qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
        qtbot.mouseClick(a.sync.progress.cancel_button, Qt.MouseButton.LeftButton)
        assert a.sync.progress.phase.text() == tr("SyncProgress", "Cancelling…")
        release.set()  # the push is already on its way: the server gets it, the answer is left unread
    qtbot.waitUntil(lambda: not a.sync.controller.busy(), timeout=WAIT_MS)
    assert a.sync.last_message == tr(
        "SyncActions", "Sync cancelled: nothing was lost; your edits go with the next sync."
    )
    assert len(a.store.changes()) == 1
    a.sync.controller.jobs["sync"] = job
    run_sync(qtbot, a)
    assert len(a.store.changes()) == 0
    assert _names(_fresh_copy(tmp_path, server)) == ["Kiln"]


@pytest.mark.parametrize("phase", ["Sending changes", "Sent; reading the server's answer"])
def test_the_server_killed_mid_sync_keeps_every_edit_and_the_next_sync_completes(
    qtbot, make_window, server, tmp_path, phase
):
    a = make_window("a", user="dana")
    made = {add_factory(a, f"Kiln {index}") for index in range(3)}
    run_sync(qtbot, a)  # one synced feature edited too: an update and inserts go in the same changeset
    edited = sorted(made)[0]
    a.sync.session.update_attributes("brick_factories", edited, {"status": "closed"})
    made |= {add_factory(a, "Kiln late")}
    reached, release = threading.Event(), threading.Event()
    job = a.sync.controller.jobs["sync"]
    a.sync.controller.jobs["sync"] = _gated(job, phase, reached, release)
    with qtbot.waitSignal(a.sync.controller.sigEnded, timeout=WAIT_MS):
        a.sync.actions["sync_now"].trigger()
        qtbot.waitUntil(reached.is_set, timeout=WAIT_MS)
        server.process.kill()
        server.process.wait(10)
        server.process = None
        release.set()
    text = a.message_bar.texts()[0]
    assert text == a.sync.last_message and text.startswith("No connection: your ")
    assert text.endswith("safe on this computer and will be sent next time.")
    if phase == "Sending changes":  # nothing reached the server
        assert text == tr("SyncTexts", OFFLINE, 2) and len(a.store.changes()) == 2
    assert {f.uuid for f in a.store.features("brick_factories")} == made
    assert attributes(a, edited)["status"] == "closed"

    server.start()  # the same data directory and port
    a.sync.controller.jobs["sync"] = job
    run_sync(qtbot, a)
    assert a.sync.last_message.startswith("Sync finished:")
    assert len(a.store.changes()) == 0
    fresh = _fresh_copy(tmp_path, server)
    assert set(_names(fresh)) == {"Kiln 0", "Kiln 1", "Kiln 2", "Kiln late"}
    assert len(_names(fresh)) == 4  # nothing duplicated by the retry


def test_a_revoked_token_asks_to_sign_in_again(qtbot, make_window, server):
    a = make_window("a", user="dana")
    add_factory(a)
    baytak_server("token", "revoke", "--user", "dana", "--data", str(server.data))
    run_sync(qtbot, a)
    dialog = a.sync.connect_dialog
    assert dialog is not None and dialog.isVisible()
    assert "expired or was revoked: sign in again" in dialog.reason_label.text()
    assert "sign in again" in a.message_bar.texts()[0]
    assert len(a.store.changes()) == 1  # the edit waits

    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(a.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Signed in." and not dialog.reason_label.isVisible()
    run_sync(qtbot, a)
    assert a.sync.last_result.pushed == 1 and len(a.store.changes()) == 0


def test_automatic_sync_every_n_minutes(qtbot, make_window):
    a = make_window("a", user="dana")
    a.sync.auto_actions[15].trigger()
    assert a.sync.timer.isActive() and a.sync.timer.interval() == 15 * 60_000
    assert int(a.settings.value("sync/auto_minutes")) == 15
    add_factory(a)
    with qtbot.waitSignal(a.sync.controller.sigEnded, timeout=WAIT_MS):
        a.sync.timer.timeout.emit()
    assert a.sync.last_result.pushed == 1
    a.sync.auto_actions[0].trigger()
    assert not a.sync.timer.isActive()


def test_branch_review_verify_and_reject_with_a_reason_the_reporter_reads(qtbot, make_window):
    coordinator, editor = make_window("dana", user="dana"), make_window("erlan", user="erlan")
    wrong = add_factory(editor, "Wrong place kiln")
    trees = editor.sync.session.create_feature(
        "tree_plantings", {"species": "elm", "tree_count": 40, "status": "planted", "branch": BRANCH}, HERE
    )
    run_sync(qtbot, editor)
    run_sync(qtbot, coordinator)
    assert coordinator.readers.wait_idle()  # the review marks are read on the window's readers
    panel = coordinator.sync.review
    listed = {
        panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole).uuid: i
        for i in range(panel.tree.topLevelItemCount())
    }
    assert set(listed) == {wrong, trees}

    panel.tree.setCurrentItem(panel.tree.topLevelItem(listed[trees]))
    qtbot.mouseClick(panel.zoom_button, Qt.MouseButton.LeftButton)
    assert coordinator.selection.layers() == ["tree_plantings"]
    with qtbot.waitSignal(coordinator.sync.controller.sigEnded, timeout=WAIT_MS):
        qtbot.mouseClick(panel.verify_button, Qt.MouseButton.LeftButton)  # saved, then synced at once
    assert attributes(coordinator, trees, "tree_plantings")["status"] == "verified"
    assert coordinator.readers.wait_idle()

    row = next(
        i
        for i in range(panel.tree.topLevelItemCount())
        if panel.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole).uuid == wrong
    )
    panel.tree.setCurrentItem(panel.tree.topLevelItem(row))
    with qtbot.waitSignal(coordinator.sync.controller.sigEnded, timeout=WAIT_MS):
        panel.reject_current("the photo shows a different pit")
    assert coordinator.sync.session.stack.count() == 2  # two undoable edits

    run_sync(qtbot, editor)
    assert attributes(editor, trees, "tree_plantings")["status"] == "verified"
    notes = attributes(editor, wrong)["notes"]
    assert notes.startswith("[rejected by dana on ") and notes.endswith("the photo shows a different pit")
    assert editor.readers.wait_idle()
    returned = editor.sync.review.returned
    assert returned.isVisibleTo(editor.sync.review) and returned.topLevelItemCount() == 1
    assert returned.topLevelItem(0).text(5) == "the photo shows a different pit"


def test_history_of_the_selected_feature(qtbot, make_window):
    a = make_window("a", user="dana")
    uuid = add_factory(a, "Kiln")
    run_sync(qtbot, a)
    a.sync.session.update_attributes("brick_factories", uuid, {"status": "closed", "operator": "ТОО Кірпіш"})
    run_sync(qtbot, a)
    a.sync.docks["history"].show()
    fid = a.store.get("brick_factories", uuid).fid
    with qtbot.waitSignal(a.sync.controller.sigEnded, timeout=WAIT_MS):
        a.selection.select("brick_factories", [fid])
    tree = a.sync.history.tree
    assert tree.topLevelItemCount() == 2
    latest = tree.topLevelItem(0)
    assert latest.text(1) == "dana" and latest.text(3) == tr("HistoryPanel", "%n field(s) changed", 2)
    changes = {latest.child(i).text(0): latest.child(i).text(3) for i in range(latest.childCount())}
    assert changes == {"Status": "operating → closed", "Operator": "— → ТОО Кірпіш"}
    assert tree.topLevelItem(1).text(3) == "created"
    assert a.sync.history.title.text() == tr("HistoryPanel", "{layer}: %n revision(s) on the server", 2).format(
        layer="Brick factories"
    )


def test_progress_phases_are_readable():
    from baytak_desktop.jobs import Phase
    from baytak_desktop.ui.i18n import set_language

    assert phase_text(Phase("Changes to send: {count}", count=12)) == "Changes to send: 12"
    assert phase_text(Phase("Sending photo {index} of {count}…", index=2, count=5)) == "Sending photo 2 of 5…"
    assert phase_text(Phase("Receiving changes (revision {rev})…", rev=4000)) == "Receiving changes (revision 4000)…"
    assert phase_text("something new") == "Syncing…"  # a text that is not a Phase: never shown as it is
    set_language("ru")
    assert phase_text(Phase("Changes to send: {count}", count=12480)) == "Изменений к отправке: 12\u00a0480"


# -- helpers -------------------------------------------------------------------------------------------
def _fresh_copy(tmp_path, server):
    """A new store signed in as the admin of nothing but reading: what the server holds."""
    from baytak_desktop.store import Store
    from baytak_desktop.sync.session import login

    path = tmp_path / f"fresh{len(list(tmp_path.glob('fresh*.gpkg')))}.gpkg"
    Store.create(path).close()
    login(path, server.url, "dana", PASSWORD, FAST)
    sync(path, options=FAST)
    return path


def _names(path) -> list[str]:
    from baytak_desktop.store import Store

    with Store.open(path) as store:
        return sorted(f.attributes["name"] for f in store.features("brick_factories"))


def test_a_new_feature_takes_the_editors_branch_and_syncs_without_a_refusal(qtbot, make_window):
    """An editor's feature of no branch is refused by the server: the form starts with the account's branch,
    and once signed out, with the branch last saved."""
    window = make_window("a", user="erlan")
    actions = window.edit_actions
    actions.set_edit_layer("brick_factories")
    actions.actions["add_point"].trigger()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(HERE.x, HERE.y))
    form = actions.panel.form
    assert form is not None and form.editors["branch"].value() == BRANCH
    form.editors["name"].set_value("Қаскелең кірпіш зауыты")
    form.editors["status"].set_value("operating")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    written(qtbot, window)
    (saved,) = [f for f in window.store.features("brick_factories") if f["name"] == "Қаскелең кірпіш зауыты"]
    assert saved["branch"] == BRANCH
    run_sync(qtbot, window)
    assert window.sync.last_result.rejected == 0 and window.sync.last_result.applied >= 1

    window.sync.controller.sign_out()
    actions.panel.cancel()
    actions.actions["add_point"].trigger()
    qtbot.mouseClick(window.canvas.viewport(), Qt.MouseButton.LeftButton, pos=window.canvas.pos_of(HERE.x, HERE.y))
    assert actions.panel.form.editors["branch"].value() == BRANCH  # the branch last saved in this window
