"""Long jobs on the worker thread: results, errors and a Cancel that really rolls back, on a real store."""

from __future__ import annotations

import threading

import pytest

from baytak_desktop.errors import ImportRejected
from baytak_desktop.io.jobs import export_job, import_job, preview_job
from baytak_desktop.store import Store
from baytak_desktop.ui.worker import JobRunner


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store.gpkg"
    Store.create(path).close()
    return path


def plantings_csv(path, rows: int, bad_row: int | None = None):
    lines = ["lat,lon,species,tree_count,status"]
    for i in range(rows):
        species = "no-such-tree" if i == bad_row else "elm"
        lines.append(f"{43.2 + i * 1e-5:.6f},{76.9 + i * 1e-5:.6f},{species},{i % 50 + 1},planted")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_runs_off_the_ui_thread_and_delivers_its_result(qtbot, store_path, tmp_path):
    source = plantings_csv(tmp_path / "plantings.csv", 120)
    threads = []

    def job(*args, progress, **kwargs):
        threads.append(threading.current_thread())
        return import_job(*args, progress=progress, **kwargs)

    runner = JobRunner(None, "import", job, store_path, source, "tree_plantings", show_dialog=False)
    with qtbot.waitSignal(runner.sigFinished, timeout=30_000) as finished:
        runner.start()
    assert finished.args[0].imported == 120
    assert threads and threads[0] is not threading.main_thread()
    with Store.open(store_path) as store:
        assert store.count("tree_plantings") == 120


def test_cancel_mid_import_leaves_the_store_as_it_was(qtbot, store_path, tmp_path):
    source = plantings_csv(tmp_path / "plantings.csv", 25_000)
    runners = []

    def job(*args, progress, **kwargs):
        class CancelWhileWriting:  # the user presses Cancel once rows are being written
            def update(self, fraction, text=""):
                if fraction > 0.45:
                    runners[0].cancel()
                progress.update(fraction, text)

        return import_job(*args, progress=CancelWhileWriting(), **kwargs)

    runner = JobRunner(None, "import", job, store_path, source, "tree_plantings", show_dialog=False)
    runners.append(runner)
    with qtbot.waitSignal(runner.sigCancelled, timeout=60_000):
        runner.start()
    with Store.open(store_path) as store:
        assert store.count("tree_plantings") == 0
        assert store.changes() == []


def test_a_rejected_import_arrives_as_the_domain_error(qtbot, store_path, tmp_path):
    source = plantings_csv(tmp_path / "plantings.csv", 10, bad_row=3)
    runner = JobRunner(None, "import", import_job, store_path, source, "tree_plantings", show_dialog=False)
    with qtbot.waitSignal(runner.sigFailed, timeout=30_000) as failed:
        runner.start()
    error = failed.args[0]
    assert isinstance(error, ImportRejected)
    assert any(p.row == 4 and p.field == "species" for p in error.problems)


def test_progress_dialog_shows_and_closes(qtbot, store_path, tmp_path):
    source = plantings_csv(tmp_path / "plantings.csv", 50)
    runner = JobRunner(None, "Importing", import_job, store_path, source, "tree_plantings")
    assert runner.dialog is not None and runner.dialog.labelText() == "Importing"
    with qtbot.waitSignal(runner.sigEnded, timeout=30_000):
        runner.start()
    assert runner.dialog is None and not runner.running


def test_export_and_preview_jobs(qtbot, store_path, tmp_path):
    source = plantings_csv(tmp_path / "plantings.csv", 30)
    import_job(store_path, source, "tree_plantings", progress=_NoProgress())
    out = tmp_path / "out.geojson"
    runner = JobRunner(None, "export", export_job, store_path, "tree_plantings", out, show_dialog=False)
    with qtbot.waitSignal(runner.sigFinished, timeout=30_000) as finished:
        runner.start()
    assert finished.args[0].count == 30 and out.stat().st_size > 0
    preview = preview_job(source, progress=_NoProgress(), rows=5)
    assert preview.count == 30 and len(preview.rows) == 5 and "species" in preview.columns


class _NoProgress:
    def update(self, fraction, text=""):
        return None


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_the_progress_dialog_names_the_phase_in_the_language_and_moves_while_reading(qtbot, lang):
    """A file read whole gives no fraction: the bar moves (busy) and says it reads, in the user's
    language; a job's English words that the dialog does not know are not shown."""
    from PySide6.QtCore import QCoreApplication

    from baytak_desktop.jobs import Phase
    from baytak_desktop.ui.i18n import set_language

    set_language(lang)
    reading, release = threading.Event(), threading.Event()

    def job(progress):
        progress.update(0.0, Phase("Reading the file…"))
        reading.set()
        release.wait(10)
        progress.update(0.5, "sealing 3 local edits")
        return "done"

    try:
        runner = JobRunner(None, "Импорт", job)
        runner.start()
        qtbot.waitUntil(lambda: runner.dialog is not None and "\n" in runner.dialog.labelText(), timeout=10_000)
        assert runner.dialog.maximum() == 0  # a busy bar, not 0 % for seconds
        phase = QCoreApplication.translate("DomainMessages", "Reading the file…")
        assert phase != "Reading the file…" and runner.dialog.labelText() == f"Импорт\n{phase}"
        with qtbot.waitSignal(runner.sigFinished, timeout=10_000):
            release.set()
    finally:
        release.set()
        set_language("en")
