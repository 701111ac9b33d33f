"""The window puts the branch of the account signed in on its store (``Store.new_feature_branch``), so a
new feature made in the window without the form (a paste, a tool, a GPS point) gets it as the form's
does, and the server takes it; signing out takes it away. Against a real server process."""

from __future__ import annotations

from tests.ui.sync import test_sync_ui_fixtures as fixtures
from tests.ui.sync.test_sync_ui_fixtures import BRANCH, HERE, WAIT_MS, attributes, run_sync
from tests.ui.writes import written

config_home, server, make_window = fixtures.config_home, fixtures.server, fixtures.make_window  # pytest fixtures


def test_a_feature_made_without_the_form_gets_the_accounts_branch_and_syncs(qtbot, make_window):
    window = make_window("a", user="erlan")  # an editor of the Almaty region
    qtbot.waitUntil(lambda: window.sync.controller.account is not None, timeout=WAIT_MS)  # read on a reader
    assert window.store.new_feature_branch == BRANCH
    uuid = window.sync.session.create_feature("brick_factories", {"name": "Kaskelen kiln", "status": "closed"}, HERE)
    written(qtbot, window)  # on the window's writer thread, on a store of its own
    assert attributes(window, uuid)["branch"] == BRANCH
    run_sync(qtbot, window)
    assert (window.sync.last_result.applied, window.sync.last_result.rejected) == (1, 0)


def test_signing_out_takes_the_branch_away(qtbot, make_window):
    window = make_window("a", user="erlan")
    qtbot.waitUntil(lambda: window.sync.controller.account is not None, timeout=WAIT_MS)
    window.sync.controller.sign_out()
    assert window.store.new_feature_branch is None
    uuid = window.sync.session.create_feature("brick_factories", {"name": "Talgar kiln", "status": "closed"}, HERE)
    written(qtbot, window)
    assert attributes(window, uuid)["branch"] is None
    qtbot.waitUntil(lambda: not window.sync.controller.busy(), timeout=WAIT_MS)  # the server-side logout
