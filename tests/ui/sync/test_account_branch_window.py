"""The window puts the branch of the account signed in on its store (``Store.new_feature_branch``), so a
new feature made in the window without the form (a paste, a tool, a GPS point) gets it as the form's
does, and the server takes it; signing out takes it away. Against a real server process."""

from __future__ import annotations

import sqlite3

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


def test_an_import_in_the_window_is_the_accounts_in_its_branch_and_syncs(qtbot, make_window, tmp_path):
    """File > Import runs on a store the job opens itself: it carries the window store's author and branch,
    so the imported sites say who brought them in and the server takes them."""
    window = make_window("a", user="erlan")
    qtbot.waitUntil(lambda: window.sync.controller.account is not None, timeout=WAIT_MS)
    source = tmp_path / "kilns.csv"
    source.write_text("lat,lon,name,status\n43.25,76.95,Kaskelen kiln,closed\n43.26,76.96,Talgar kiln,operating\n")
    runner = window.jobs.start_import(source, "brick_factories")
    with qtbot.waitSignal(runner.sigEnded, timeout=WAIT_MS):
        pass
    with sqlite3.connect(window.store.path) as conn:  # as QGIS or a court's expert would read them
        made = conn.execute("SELECT branch, created_by, updated_by FROM brick_factories").fetchall()
    assert made == [(BRANCH, "erlan", "erlan")] * 2
    run_sync(qtbot, window)
    assert (window.sync.last_result.applied, window.sync.last_result.rejected) == (2, 0)
