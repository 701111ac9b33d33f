"""Killing the app right after Save keeps the feature; killing it mid-edit leaves the store as before.

A real subprocess runs the real EditSession on a real GeoPackage and is SIGKILLed: no cleanup, no
atexit, no rollback by Python. SQLite's WAL must do the rest.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest
import shapely

from baytak_desktop.store import Store

SCRIPT = textwrap.dedent("""
    import json, os, signal, sqlite3, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import shapely
    from PySide6.QtWidgets import QApplication
    from baytak_desktop.store import Store
    from baytak_desktop.store.connection import use_connection_class
    from baytak_desktop.ui.edit.session import EditSession
    from baytak_desktop.ui.sharing.writer import StoreWriter

    app = QApplication([])
    path, action, uuid, kill_at, where = sys.argv[1:6]

    def kill_before_commit(statement):
        # called as each statement starts: every row of the edit is written, the COMMIT is not
        if kill_at == "commit" and statement.strip().upper() == "COMMIT":
            os.kill(os.getpid(), signal.SIGKILL)

    class Traced(use_connection_class(sqlite3.Connection)):  # every connection, the writer thread's too
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.set_trace_callback(kill_before_commit)

    use_connection_class(Traced)
    store = Store.open(path)
    writer = StoreWriter() if where == "writer" else None  # the window's: every edit on its thread
    session = EditSession(store, writer=writer)
    if action == "create":
        uuid = session.create_feature("quarries", {"name": "Karaoy quarry", "status": "illegal"},
                                      shapely.box(77.2, 43.6, 77.25, 43.63))
    elif action == "update":
        session.update_attributes("quarries", uuid, {"status": "abandoned", "operator": "Unknown LLP"})
    elif action == "geometry":
        session.update_geometry("quarries", uuid, shapely.box(77.0, 43.5, 77.3, 43.7))
    elif action == "delete":
        session.delete_feature("quarries", uuid)
    if writer is not None:
        assert writer.wait_idle()
    print(json.dumps({"saved": uuid}), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)  # killed right after the save returned
""")


def _run(path, action, uuid="", kill_at="after", where="here"):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(path), action, uuid, kill_at, where],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    return done.stdout


def _state(path):
    """Every table an edit touches, read by a fresh process-independent connection."""
    with Store.open(path, readonly=True) as store:
        conn = store.conn
        tables = (
            "quarries",
            "rtree_quarries_geom",
            "baytak_journal",
            "baytak_base_quarries",
            "baytak_attachment_links",
            "gpkg_contents",
        )
        return {t: conn.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


def _validate(path):
    done = subprocess.run(
        [sys.executable, "-m", "baytak_desktop.cli", "validate", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


@pytest.fixture
def store_with_quarry(tmp_path):
    path = tmp_path / "field.gpkg"
    with Store.create(path) as store:
        feature = store.insert(
            "quarries", {"name": "Abat quarry", "status": "illegal"}, shapely.box(77.1, 43.6, 77.15, 43.64)
        )
    return path, feature.uuid


@pytest.mark.parametrize("where", ["here", "writer"])
def test_a_feature_saved_just_before_the_kill_is_kept(store_with_quarry, where):
    path, _ = store_with_quarry
    saved = json.loads(_run(path, "create", where=where))["saved"]
    with Store.open(path) as store:
        assert store.get("quarries", saved)["name"] == "Karaoy quarry"
        assert saved in [c.uuid for c in store.changes()]
    assert _validate(path)[0] == 0


@pytest.mark.parametrize("where", ["here", "writer"])  # the window writes on its writer thread
@pytest.mark.parametrize("action", ["create", "update", "geometry", "delete"])
def test_a_kill_in_the_middle_of_an_edit_leaves_the_store_as_before(store_with_quarry, action, where):
    path, uuid = store_with_quarry
    before = _state(path)
    assert _run(path, action, uuid, kill_at="commit", where=where) == ""  # the save never returned
    assert _state(path) == before
    code, report = _validate(path)
    assert code == 0, report
