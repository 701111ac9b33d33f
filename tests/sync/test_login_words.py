"""``baytak login`` says whom it signed in as in the person's language: the role's word and the branch's
label, each with the code beside it that ``baytak server user add`` takes."""

from __future__ import annotations

import io
import re

import pytest

from baytak_desktop.cli import main
from baytak_desktop.store import Store

from .conftest import PASSWORD


@pytest.mark.parametrize(
    ("lang", "role", "branch"),
    [
        ("kk", "редактор (editor)", "Алматы облысы (almaty_region)"),
        ("ru", "редактор (editor)", "Алматинская область (almaty_region)"),
    ],
)
def test_login_names_the_role_and_branch_in_words(server, tmp_path, monkeypatch, capsys, lang, role, branch):
    server.add_user("dana", role="editor", branch="almaty_region")
    store = tmp_path / "branch.gpkg"
    Store.create(store).close()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["--lang", lang, "login", str(store), "--server", server.url, "--user", "dana", "--password-stdin"])
    said = capsys.readouterr().out
    assert code == 0, said
    assert role in said and branch in said, said
    assert "editor," not in said and "almaty_region)" in said
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", said), said  # not ISO to the microsecond


def test_login_of_an_account_of_no_branch_says_all_branches(server, tmp_path, monkeypatch, capsys):
    store = tmp_path / "branch.gpkg"
    Store.create(store).close()
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(["--lang", "ru", "login", str(store), "--server", server.url, "--user", "aigerim", "--password-stdin"])
    said = capsys.readouterr().out
    assert code == 0, said
    assert "администратор (admin)" in said and "все филиалы" in said, said


def test_an_account_added_is_said_in_words_with_the_codes_to_type(tmp_path):
    """``baytak server user add`` says what it made as the sign-in does: the codes beside the words."""
    from .conftest import baytak_server

    data = tmp_path / "server"
    added = baytak_server(
        "--lang", "kk", "--data", str(data), "user", "add", "dana", "--role", "editor", "--branch", "almaty_region",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert "редактор (editor), филиал Алматы облысы (almaty_region)" in added.stdout, added.stdout
