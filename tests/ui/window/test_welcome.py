"""The first-run welcome page: when it shows, what each start makes, its language switch, and that
neither --screenshot nor an offscreen start ever waits on it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import shapely
from PySide6.QtCore import QSettings
from PySide6.QtGui import QImage

from baytak_desktop.store import Store
from baytak_desktop.ui.i18n import current_language, set_language
from baytak_desktop.ui.window.welcome import (
    BRANCH,
    CONNECT,
    DEMO,
    WelcomeDialog,
    ensure_branch_store,
    is_first_run,
    should_show,
)


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialog(qtbot, tmp_path):
    set_language("en")
    widget = WelcomeDialog(folder=tmp_path / "data")
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    set_language("en")


def test_shown_on_a_first_run_only_when_asked_or_on_a_real_display(qtbot, settings):
    assert is_first_run(settings)
    assert not should_show(settings, asked=False, screenshot=False)  # the tests run offscreen
    assert should_show(settings, asked=True, screenshot=True)  # --welcome --screenshot: a picture of it
    settings.setValue("language", "kk")
    assert not is_first_run(settings)


def test_an_empty_store_for_my_branch_in_the_data_folder(qtbot, dialog, tmp_path):
    dialog.branch.setCurrentIndex(dialog.branch.findData("almaty_region"))
    dialog.buttons[BRANCH].click()
    choice = dialog.choice
    assert (choice.kind, choice.branch) == (BRANCH, "almaty_region")
    assert choice.path == tmp_path / "data" / "almaty_region.gpkg"
    with Store.open(choice.path) as store:
        assert store.count("quarries") == 0 and store.changes() == []
        store.insert(
            "tree_plantings",
            {"species": "elm", "tree_count": 5, "status": "planted", "branch": "almaty_region"},
            shapely.Point(76.95, 43.24),
        )
    assert ensure_branch_store("almaty_region", tmp_path / "data") == choice.path  # kept, not replaced
    with Store.open(choice.path, readonly=True) as store:
        assert store.count("tree_plantings") == 1
    assert dialog.result() == WelcomeDialog.DialogCode.Accepted


def test_demo_map_and_connect(qtbot, dialog, tmp_path):
    dialog.buttons[DEMO].click()
    assert dialog.choice.kind == DEMO and dialog.choice.path is None  # the default store, with demo data
    dialog.branch.setCurrentIndex(dialog.branch.findData("mangystau"))
    dialog.buttons[CONNECT].click()
    assert dialog.choice.kind == CONNECT and dialog.choice.path == tmp_path / "data" / "mangystau.gpkg"
    assert dialog.choice.path.exists()  # the server's data is pulled into the branch's own store


def test_every_branch_can_be_chosen_and_the_language_switches_at_once(qtbot, dialog):
    assert dialog.branch.count() == 20
    assert dialog.branch.findText("Almaty (city)") >= 0
    dialog.language.setCurrentIndex(dialog.language.findData("ru"))
    assert current_language() == "ru"
    qtbot.waitUntil(lambda: dialog.branch.findText("город Алматы") >= 0)
    dialog.language.setCurrentIndex(dialog.language.findData("kk"))
    qtbot.waitUntil(lambda: dialog.branch.findText("Алматы қаласы") >= 0)
    assert all(dialog.buttons[kind].text() for kind in dialog.buttons)


def test_closing_it_chooses_nothing(qtbot, dialog):
    dialog.reject()
    assert dialog.choice is None and not (dialog.folder).exists()


def run_app(tmp_path, *args, lang="kk_KZ.UTF-8", **extra_env):
    env = dict(
        os.environ,
        **extra_env,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        LANG=lang,
        LC_ALL=lang,
    )
    return subprocess.run(
        [sys.executable, "-m", "baytak_desktop.ui.app", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_picture_of_the_welcome_page_saves_nothing(tmp_path):
    out = tmp_path / "welcome.png"
    done = run_app(tmp_path, "--welcome", "--screenshot", out)
    assert done.returncode == 0, done.stderr
    assert QImage(str(out)).width() > 300
    assert not (tmp_path / "data" / "Baytak").exists()  # no store made, no choice taken


def test_a_first_screenshot_opens_the_demo_without_waiting_for_the_welcome_page(tmp_path):
    done = run_app(tmp_path, "--screenshot", tmp_path / "first.png", "--size", "800x600")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "data" / "Baytak" / "baytak-desktop" / "baytak.gpkg").exists()


def test_a_screenshot_leaves_no_scratch_settings_behind(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = run_app(tmp_path, "--screenshot", tmp_path / "shot.png", "--size", "800x600", TMPDIR=str(scratch))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "shot.png").exists()
    assert list(scratch.iterdir()) == []  # the layout it used was its own, and it is gone
