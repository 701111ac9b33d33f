"""The store shared with real QGIS, ogr2ogr/ogrinfo and the sqlite3 shell, in any order (issue 14).

QGIS 3.22 puts a GeoPackage back into rollback-journal mode whenever it can; GDAL's tools write in
their own transactions; a person may leave a transaction open in the sqlite3 shell. In every order
of opening, editing and closing, the app's actions must work without "database is locked", wait (and
say for whom) while another program holds the lock, give up with a message naming it only when it
keeps the lock, and leave the store unchanged when they fail or are cancelled.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
import shapely

from baytak_desktop.errors import StoreLocked
from baytak_desktop.io.importer import import_file
from baytak_desktop.jobs import Cancelled
from baytak_desktop.store import Store
from baytak_desktop.store import store as store_module
from baytak_desktop.store.holders import holders
from baytak_desktop.store.lockwait import Waiting

from .programs import (
    OGR2OGR,
    OGRINFO,
    SQLITE3,
    Qgis,
    SqliteShell,
    gdal_lost_a_race,
    ogr2ogr_append,
    ogrinfo_sql,
    qgis_available,
)

needs_qgis = pytest.mark.skipif(
    not qgis_available(), reason="QGIS (python3-qgis for /usr/bin/python3) is not installed"
)
needs_gdal = pytest.mark.skipif(OGR2OGR is None or OGRINFO is None, reason="ogr2ogr/ogrinfo (gdal-bin) not installed")
needs_sqlite3 = pytest.mark.skipif(SQLITE3 is None, reason="the sqlite3 shell (Debian's sqlite3) is not installed")
LAYER = "brick_factories"


def points_file(folder: Path, name: str, n: int, lon: float = 76.0) -> Path:
    path = folder / f"{name}.geojson"
    frame = gpd.GeoDataFrame(
        {"name": [f"{name} {i}" for i in range(n)], "status": ["closed"] * n},
        geometry=[shapely.Point(lon + i * 1e-3, 43.0) for i in range(n)],
        crs="EPSG:4326",
    )
    pyogrio.write_dataframe(frame, path, driver="GeoJSON")
    return path


def snapshot(store: Store) -> tuple:
    """Everything an action could change: features of every layer and the journal."""
    conn = store.conn
    features = conn.execute(f'SELECT uuid, name, notes FROM "{LAYER}" ORDER BY fid').fetchall()
    journal = conn.execute("SELECT layer, uuid, op, columns FROM baytak_journal ORDER BY id").fetchall()
    return features, journal


def integrity(path: Path) -> None:
    with Store.open(path, readonly=True) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    path = tmp_path / "almaty.gpkg"
    with Store.create(path) as store:
        store.insert(LAYER, {"name": "Besagash", "status": "closed"}, shapely.Point(77.06, 43.3))
    return path


# -- QGIS and the app, in both orders ------------------------------------------------------------------
@needs_qgis
def test_qgis_opens_edits_and_closes_while_the_app_holds_the_store(path: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path, "import", 50)
    with Store.open(path) as app, Store.open(path) as worker:  # the window's store and a job's
        with Qgis(path) as qgis:
            assert qgis(op="open", layer=LAYER)["count"] == 1
            assert qgis(op="add", layer=LAYER, n=3)["ok"]
            assert import_file(worker, source, LAYER).imported == 50
            app.insert(LAYER, {"name": "While QGIS edits", "status": "closed"}, shapely.Point(77.0, 43.3))
            assert qgis(op="count", layer=LAYER)["count"] == 55  # QGIS sees the app's commits
            qgis(op="close")
        assert app.count(LAYER) == 55
        assert import_file(app, source, LAYER).imported == 50  # after QGIS closed it: no "locked"
        assert len(app.changes(LAYER)) == 105
    integrity(path)


@needs_qgis
def test_the_app_opens_while_qgis_holds_the_store_and_works_in_its_journal_mode(path: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path, "import", 20)
    with Qgis(path) as qgis:
        qgis(op="open", layer=LAYER)  # QGIS 3.22 turns the file to rollback-journal mode
        with Store.open(path) as app:
            assert app.journal_mode() == "delete"  # not switched under QGIS
            assert any(h.program == "QGIS" for h in holders(path))
            assert import_file(app, source, LAYER).imported == 20
            qgis(op="add", layer=LAYER, n=2)
            uuid = app.features(LAYER)[0].uuid
            app.update(LAYER, uuid, {"name": "Renamed by the app"})
            qgis(op="rename", layer=LAYER, uuid=uuid, name="Renamed in QGIS")
            assert app.get(LAYER, uuid)["name"] == "Renamed in QGIS"
            assert qgis(op="count", layer=LAYER)["count"] == app.count(LAYER) == 23
    integrity(path)


@needs_qgis
def test_wal_comes_back_once_qgis_has_closed_the_store(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store_module, "WAL_RETRY_S", 0.0)
    with Qgis(path) as qgis:
        qgis(op="open", layer=LAYER)
        app = Store.open(path)
        app.insert(LAYER, {"name": "A", "status": "closed"}, shapely.Point(77.0, 43.3))
        assert app.journal_mode() == "delete"
    try:  # QGIS has quit: the next write takes WAL back
        app.insert(LAYER, {"name": "B", "status": "closed"}, shapely.Point(77.0, 43.3))
        assert app.journal_mode() == "wal" and app.count(LAYER) == 3
    finally:
        app.close()
    integrity(path)


@needs_qgis
def test_a_second_store_opened_in_the_process_does_not_drop_the_locks_of_the_first(path: Path) -> None:
    """Reading the header with open()/close() used to drop this process's POSIX locks: QGIS then
    switched the file to rollback mode and deleted the WAL under the open store, whose next commits
    went to a deleted file that QGIS never saw."""
    with Store.open(path) as app:
        app.insert(LAYER, {"name": "A", "status": "closed"}, shapely.Point(77.0, 43.3))
        Store.open(path).close()  # a job opens (and closes) its own store
        with Qgis(path) as qgis:
            qgis(op="open", layer=LAYER)
            assert app.journal_mode() == "wal" and Path(f"{path}-wal").exists()
            app.insert(LAYER, {"name": "B", "status": "closed"}, shapely.Point(77.0, 43.3))
            assert qgis(op="count", layer=LAYER)["count"] == 3


# -- waiting for another program's lock ----------------------------------------------------------------
@needs_qgis
def test_a_write_waits_while_qgis_holds_the_lock_and_says_whom_it_waits_for(path: Path) -> None:
    waits: list[Waiting] = []
    with Qgis(path) as qgis, Store.open(path) as app:
        app.lock_policy.on_wait = waits.append
        qgis(op="begin", layer=LAYER)  # an edit session in a transaction group: QGIS holds the lock
        done: list[str] = []
        writer = threading.Thread(
            target=lambda: done.append(
                app.insert(LAYER, {"name": "Waited", "status": "closed"}, shapely.Point(77.0, 43.3)).uuid
            )
        )
        writer.start()
        time.sleep(1.0)
        assert not done and waits and waits[-1].program.startswith("QGIS (process ")
        assert qgis(op="commit")["ok"]
        writer.join(30)
        assert done and app.count(LAYER) == 3
    integrity(path)


@needs_qgis
def test_a_write_that_cannot_proceed_names_qgis_and_changes_nothing(path: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path, "import", 30)
    with Qgis(path) as qgis, Store.open(path) as app:
        before = snapshot(app)
        qgis(op="begin", layer=LAYER)
        app.lock_policy.patience = 1.5
        with pytest.raises(StoreLocked) as locked:
            import_file(app, source, LAYER)
        assert "QGIS (process " in str(locked.value) and "nothing was changed" in str(locked.value)
        qgis(op="rollback")
        assert snapshot(app) == before
    integrity(path)


@needs_sqlite3
def test_the_sqlite3_shell_holding_a_transaction_is_named(path: Path) -> None:
    with SqliteShell(path) as shell, Store.open(path) as app:
        before = snapshot(app)
        shell.hold()
        app.lock_policy.patience = 0.8
        with pytest.raises(StoreLocked) as locked:
            app.insert(LAYER, {"name": "X", "status": "closed"}, shapely.Point(77.0, 43.3))
        assert f"sqlite3 (process {shell.pid})" in str(locked.value)
        shell.release()
        assert snapshot(app) == before
        app.insert(LAYER, {"name": "X", "status": "closed"}, shapely.Point(77.0, 43.3))


@needs_sqlite3
def test_cancel_while_waiting_changes_nothing(path: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path, "import", 30)

    def cancel(waiting: Waiting) -> None:
        raise Cancelled()

    with SqliteShell(path) as shell, Store.open(path) as app:
        before = snapshot(app)
        shell.hold()
        app.lock_policy.on_wait = cancel
        with pytest.raises(Cancelled):
            import_file(app, source, LAYER)
        shell.release()
        assert snapshot(app) == before


@needs_sqlite3
def test_in_rollback_mode_a_commit_waits_for_a_reader_and_then_goes_through(path: Path) -> None:
    """In rollback-journal mode a commit needs every reader gone; it is retried, not rolled back."""
    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")
        with Store.open(path) as app:
            assert app.journal_mode() == "delete"  # the shell has the file open: no switch under it
            waits: list[Waiting] = []
            app.lock_policy.on_wait = waits.append
            shell.run("BEGIN; SELECT count(*) FROM brick_factories;")  # a read transaction left open
            release = threading.Timer(1.0, lambda: shell.run("COMMIT;"))
            release.start()
            app.insert(LAYER, {"name": "After the reader", "status": "closed"}, shapely.Point(77.0, 43.3))
            release.join()
            assert waits and app.count(LAYER) == 2
    integrity(path)


@needs_sqlite3
def test_a_reader_that_never_finishes_makes_the_commit_give_up_and_roll_back(path: Path, tmp_path: Path) -> None:
    source = points_file(tmp_path, "import", 30)
    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")
        with Store.open(path) as app:
            before = snapshot(app)
            shell.run("BEGIN; SELECT count(*) FROM brick_factories;")
            app.lock_policy.patience = 1.0
            with pytest.raises(StoreLocked):
                import_file(app, source, LAYER)
            shell.run("COMMIT;")
            assert snapshot(app) == before
    integrity(path)


# -- GDAL's tools --------------------------------------------------------------------------------------
@needs_gdal
def test_ogr2ogr_and_ogrinfo_write_in_a_loop_while_the_app_imports_and_edits(path: Path, tmp_path: Path) -> None:
    sources = [points_file(tmp_path, f"gdal{i}", 40, lon=75.0) for i in range(6)]
    mine = points_file(tmp_path, "mine", 25, lon=78.0)
    failures: list[str] = []
    retried: list[str] = []

    def gdal_loop() -> None:
        for i, source in enumerate(sources):
            for command in (
                lambda: ogr2ogr_append(path, source, LAYER),
                lambda: ogrinfo_sql(path, f"UPDATE {LAYER} SET notes = 'pass {i}' WHERE fid = 1"),
            ):
                done = command()
                while done.returncode != 0 and gdal_lost_a_race(done) and len(retried) < 50:
                    retried.append(done.stderr)  # as a person would: run the command again
                    done = command()
                if done.returncode != 0:
                    failures.append(done.stderr[-3000:])

    with Store.open(path) as app:
        gdal = threading.Thread(target=gdal_loop)
        gdal.start()
        imported = 0
        while gdal.is_alive() or imported < 4:
            imported += 1
            assert import_file(app, mine, LAYER).imported == 25
            app.insert(LAYER, {"name": f"edit {imported}", "status": "closed"}, shapely.Point(77.0, 43.3))
        gdal.join()
        assert not failures, failures
        assert app.count(LAYER) == 1 + 6 * 40 + imported * 26
        assert len(app.changes(LAYER)) == app.count(LAYER)
    integrity(path)


@needs_gdal
def test_ogr2ogr_first_then_the_app(path: Path, tmp_path: Path) -> None:
    assert ogr2ogr_append(path, points_file(tmp_path, "gdal", 10), LAYER).returncode == 0
    with Store.open(path) as app:
        assert app.count(LAYER) == 11
        assert import_file(app, points_file(tmp_path, "mine", 5), LAYER).imported == 5
        assert ogrinfo_sql(path, f"DELETE FROM {LAYER} WHERE name = 'gdal 0'").returncode == 0
        assert app.count(LAYER) == 15
        assert {c.op for c in app.changes(LAYER)} == {"insert"}
    integrity(path)


# -- noticing what the others changed -------------------------------------------------------------------
@needs_qgis
def test_the_watcher_reports_qgis_edits_and_not_the_apps_own(path: Path) -> None:
    with Store.open(path) as app, Qgis(path) as qgis:
        watcher = app.watcher()
        assert watcher.poll() is None
        app.insert(LAYER, {"name": "Own", "status": "closed"}, shapely.Point(77.0, 43.3))
        assert watcher.poll() is None  # the app's own write on this connection: its own events say so
        qgis(op="add", layer=LAYER, n=2)
        change = watcher.poll()
        assert change is not None and change.layers == {LAYER} and change.edits == 2 and not change.repair
        assert watcher.poll() is None


@needs_gdal
def test_a_poller_of_its_own_leaves_out_every_commit_of_this_process_and_reports_gdals(
    path: Path, tmp_path: Path
) -> None:
    """The window polls on a connection of its own; its edits (UI thread's store, writer thread's
    store) already announced themselves, so only ogr2ogr's features are reported, even between them."""
    source = points_file(tmp_path, "gdal", 3)
    with Store.open(path) as window, Store.open(path) as writer, Store.open(path, readonly=True) as poller:
        watcher = poller.outside_watcher()
        try:
            assert watcher.poll() is None
            first = window.insert(LAYER, {"name": "Own", "status": "closed"}, shapely.Point(77.0, 43.3)).uuid
            writer.update(LAYER, first, {"name": "Own, renamed"})
            brief = writer.insert(LAYER, {"name": "Brief", "status": "closed"}, shapely.Point(77, 43))
            window.delete(LAYER, brief.uuid)
            assert watcher.poll() is None  # four commits of this process: nothing to refresh again
            writer.update(LAYER, first, {"notes": "before GDAL"})
            done = ogr2ogr_append(path, source, LAYER)
            assert done.returncode == 0, done.stderr
            window.update(LAYER, first, {"notes": "after GDAL"})
            change = watcher.poll()
            assert change is not None and change.layers == {LAYER} and change.edits == 3
            gdal = {uuid for (uuid,) in poller.conn.execute(f"SELECT uuid FROM \"{LAYER}\" WHERE name LIKE 'gdal %'")}
            assert change.features == {(LAYER, uuid) for uuid in gdal} and len(gdal) == 3
            writer.update(LAYER, first, {"notes": "again"})
            assert watcher.poll() is None
        finally:
            watcher.close()
    with Store.open(path, readonly=True) as poller, Store.open(path) as window:
        watcher = poller.outside_watcher()
        watcher.close()  # closed: this process's commits are reported like anyone's
        window.update(LAYER, first, {"notes": "seen"})
        change = watcher.poll()
        assert change is not None and change.features == {(LAYER, first)}


@needs_gdal
def test_a_poll_behind_several_ogr2ogr_runs_still_names_their_features(path: Path, tmp_path: Path) -> None:
    """Six runs of 100 points between two polls (ogr2ogr in a loop, the poller late on a loaded machine):
    the poll names the 600 features, so the window looks at them alone instead of reading every unsynced
    edit again (seconds for a big store, and again at the next poll)."""
    source = points_file(tmp_path, "gdal", 100)
    with Store.open(path, readonly=True) as poller:
        watcher = poller.outside_watcher()
        try:
            for _ in range(6):
                done = ogr2ogr_append(path, source, LAYER)
                assert done.returncode == 0, done.stderr
            change = watcher.poll()
        finally:
            watcher.close()
    assert change is not None and change.edits == 600
    assert change.features is not None and len(change.features) == 600


def test_the_watcher_asks_for_repair_when_a_tool_drops_the_triggers(path: Path) -> None:
    import sqlite3

    with Store.open(path) as app:
        watcher = app.watcher()
        other = sqlite3.connect(path, isolation_level=None)
        other.execute(f'DROP TRIGGER "baytak_journal_{LAYER}_update"')
        other.close()
        change = watcher.poll()
        assert change is not None and change.repair == {LAYER}
        assert app.repair_journal() == {LAYER: 0}
        assert watcher.poll() is None  # the repair is the app's own write


@needs_sqlite3
def test_a_command_line_read_kept_out_by_a_writer_names_it_and_does_not_doubt_the_file(path: Path) -> None:
    """With the store in rollback-journal mode (as QGIS leaves it), a write transaction keeps readers out.
    `baytak layers` waited its read timeout and then asked "is it a GeoPackage made by baytak?", which
    sent people looking for damage: it names who is writing and says nothing was changed (kk)."""
    from tests.test_cli_language import baytak, translation

    with SqliteShell(path) as shell:
        shell.run("PRAGMA journal_mode = DELETE;")
        shell.run("BEGIN EXCLUSIVE;")
        done = baytak("--lang", "kk", "layers", path)
        shell.release()
    said = translation(
        "kk",
        "{program} is writing to {path}, so it could not be read; nothing was changed. Let it finish (or close "
        "the file there), then try again.",
    ).format(program=translation("kk", "{program} (process {pid})").format(program="sqlite3", pid=shell.pid), path=path)
    assert done.returncode == 1
    assert done.stderr.strip() == translation("kk", "error: {message}").format(message=said), done.stderr
    integrity(path)
