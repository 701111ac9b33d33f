"""A change the live server refuses is said in the person's language: the device keeps the refusal's
template and parameters (from the push answer, and from the pull feed on another device of the same
account), and the Conflicts panel (a real QApplication) and ``baytak conflicts`` say it in Kazakh and
Russian, the reason nested in it too; so is a push the server refuses whole (a viewer's). A refusal from a server that sends only its English message
still shows that message."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import uuid as uuidlib

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.protocol import ErrorBody, ErrorCode, Rejection
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.sync.conflicts_panel import ConflictsPanel
from tests.test_cli_language import environment, translation

from .harness import PYTHON, add_user

OLD_MESSAGE = "The server refused this edit, as an old server says it."


def said_in(lang: str) -> str:
    """What the editor of Almaty is told in ``lang`` for an edit of a feature of branch abai."""
    shown = translation(lang, "branch {branch}").format(branch="abai")
    reason = translation(lang, "as {role} of branch {branch} you cannot change a feature of {shown}")
    return translation(lang, "Not allowed: {reason}.").format(
        reason=reason.format(role=translation(lang, "editor"), branch="almaty", shown=shown)  # "редактор"
    )


def cli_conflicts(path, lang: str) -> str:
    done = subprocess.run(
        [PYTHON, "-m", "baytak_desktop.cli", "conflicts", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment(LANGUAGE=lang),
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def panel_texts(qtbot, path, lang: str) -> list[str]:
    set_language(lang)
    store = Store.open(path)
    panel = ConflictsPanel()
    qtbot.addWidget(panel)
    try:
        panel.set_store(store)
        return [panel.refused.topLevelItem(i).text(2) for i in range(panel.refused.topLevelItemCount())]
    finally:
        panel.set_store(None)
        store.close()
        set_language("en")


def old_server_refusal(path) -> None:
    """A rejection pulled from a server that sends only the English message (no template in details)."""
    with Store.open(path) as store, store.session() as session:
        records.save_rejections(
            session,
            [
                Rejection(
                    id=10_000,
                    rev=1,
                    layer="brick_factories",
                    uuid=uuidlib.uuid4(),
                    author="aigerim",
                    changeset_id=uuidlib.uuid4(),
                    error=ErrorBody(code=ErrorCode.forbidden, message=OLD_MESSAGE, details={"fields": ["notes"]}),
                    created_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
                )
            ],
        )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_refused_edit_is_said_in_the_persons_language(server, device, qtbot, lang):
    boss, a = device("admin"), device("aigerim")
    foreign = boss.insert(name="Абай облысының зауыты", branch="abai")
    boss.sync()
    a.sync()
    a.update(foreign, notes="басқа филиалдың нысаны")  # an editor of almaty, a feature of abai
    assert a.sync().rejected == 1
    other = device("aigerim")  # the same account's other device has the refusal from the pull feed
    other.sync()
    expected = said_in(lang)
    assert "Not allowed" not in expected and "abai" in expected  # a real translation, the branch in it

    for path in (a.path, other.path):
        refused = [line for line in cli_conflicts(path, lang).splitlines() if foreign in line]
        assert len(refused) == 1 and expected in refused[0], refused
        assert expected in panel_texts(qtbot, path, lang)  # the account's other refusals are pulled too

    old_server_refusal(a.path)
    assert OLD_MESSAGE in cli_conflicts(a.path, lang)
    assert OLD_MESSAGE in panel_texts(qtbot, a.path, lang)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_push_refused_whole_is_said_in_the_persons_language(server, device, qtbot, lang):
    add_user(server.database_url, f"viewer-{lang}", "viewer", "almaty")
    viewer = device(f"viewer-{lang}")
    made = viewer.insert(name="Қараушының зауыты")

    assert viewer.sync().rejected == 1  # a 403 for the whole changeset: its changes held as refused

    expected = translation(lang, "Not allowed: {reason}.").format(
        reason=translation(lang, "a viewer cannot change features")
    )
    (line,) = [line for line in cli_conflicts(viewer.path, lang).splitlines() if made in line]
    assert expected in line and "viewer" not in line, line
    assert panel_texts(qtbot, viewer.path, lang) == [expected]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_sync_with_refused_edits_says_where_to_see_why(lang):
    """`baytak sync` said a refused edit only by its count and "see --json", whose later runs no longer
    hold it: it now points to `baytak conflicts`, which says why in the person's language (above)."""
    from baytak_desktop import i18n
    from baytak_desktop.sync.commands import sync_report
    from baytak_desktop.sync.engine import SyncResult

    with i18n.speaking(lang):
        lines = sync_report(SyncResult(pushed=3, applied=1, rejected=2, pending=2), "field.gpkg")
    refused = translation(lang, "{count} edit(s) refused by the server; see why: baytak conflicts {store}")
    assert refused.format(count=2, store="field.gpkg") in lines
    assert "--json" not in "\n".join(lines)
