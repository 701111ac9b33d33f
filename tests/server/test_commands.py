"""``baytak server user|token|audit`` on both backends, through the real ``baytak`` entry point."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from layer_helpers import ILLEGAL_DUMPS

from baytak_desktop.cli import main
from baytak_desktop.server.settings import SQLITE_NAME, database_url, default_data_dir

from .conftest import PASSWORD, Clock, Server, insert


def run(
    capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch, url: str, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["server", *argv, "--database-url", url])
    out, err = capsys.readouterr()
    return code, out, err


def test_user_add_list_disable_enable(capsys, monkeypatch, database_url: str) -> None:
    code, out, _ = run(
        capsys,
        monkeypatch,
        database_url,
        "user",
        "add",
        "aigerim",
        "--role",
        "editor",
        "--branch",
        "almaty",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert code == 0 and "Added aigerim (editor, branch Almaty (city) (almaty))" in out
    run(
        capsys,
        monkeypatch,
        database_url,
        "user",
        "add",
        "root",
        "--role",
        "admin",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    code, out, _ = run(capsys, monkeypatch, database_url, "user", "list", "--json")
    assert json.loads(out) == [
        {"username": "aigerim", "role": "editor", "branch": "almaty", "disabled": False},
        {"username": "root", "role": "admin", "branch": None, "disabled": False},
    ]
    code, out, _ = run(capsys, monkeypatch, database_url, "user", "disable", "aigerim")
    assert code == 0 and "disabled" in out
    assert "disabled" in run(capsys, monkeypatch, database_url, "user", "list")[1]
    assert run(capsys, monkeypatch, database_url, "user", "enable", "aigerim")[0] == 0


@pytest.mark.parametrize(
    "argv, message",
    [
        (("user", "add", "x", "--role", "editor", "--password-stdin"), "belongs to a branch"),
        (("user", "add", "x", "--role", "editor", "--branch", "atlantis", "--password-stdin"), "not a branch code"),
        (("user", "disable", "ghost"), "no user named"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(capsys, monkeypatch, database_url: str, argv, message: str) -> None:
    code, _, err = run(capsys, monkeypatch, database_url, *argv, stdin=PASSWORD + "\n")
    assert code == 1 and message in err and "Traceback" not in err


def test_duplicate_and_short_password(capsys, monkeypatch, database_url: str) -> None:
    args = ("user", "add", "aigerim", "--role", "viewer", "--password-stdin")
    assert run(capsys, monkeypatch, database_url, *args, stdin=PASSWORD)[0] == 0
    assert "already a user" in run(capsys, monkeypatch, database_url, *args, stdin=PASSWORD)[2]
    assert (
        "at least 8"
        in run(
            capsys, monkeypatch, database_url, "user", "add", "b", "--role", "viewer", "--password-stdin", stdin="short"
        )[2]
    )


def test_token_revoke_and_audit(capsys, monkeypatch, database_url: str) -> None:
    server = Server(database_url, Clock())
    try:
        device = server.user("aigerim")
        other = server.user("bolat")
        device.push(insert(), insert(layer="nope"))
        code, out, _ = run(capsys, monkeypatch, database_url, "token", "revoke", "--user", "aigerim", "--json")
        assert code == 0 and json.loads(out) == {"revoked": 1}
        assert device.get("/api/v1/me").status_code == 401 and other.get("/api/v1/me").status_code == 200
        assert "Revoked 1 token" in run(capsys, monkeypatch, database_url, "token", "revoke", "--all")[1]
        assert other.get("/api/v1/me").status_code == 401
        code, out, _ = run(capsys, monkeypatch, database_url, "audit", "--json")
        revocations, (entry,) = json.loads(out)[:2], json.loads(out)[2:]
        assert [r["action"] for r in revocations] == ["token_revoke", "token_revoke"]
        assert (entry["user"], entry["changes"], entry["applied"], entry["rejected"]) == ("aigerim", 2, 1, 1)
        assert "aigerim" in run(capsys, monkeypatch, database_url, "audit")[1]
    finally:
        server.close()


def test_data_dir_default_and_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "baytak-server"
    assert database_url(None, None) == f"sqlite:///{tmp_path / 'xdg' / 'baytak-server' / SQLITE_NAME}"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD))
    assert (
        main(["server", "user", "add", "a", "--role", "viewer", "--password-stdin", "--data", str(tmp_path / "d")]) == 0
    )
    assert (tmp_path / "d" / SQLITE_NAME).exists()
    capsys.readouterr()
    assert main(["server", "--data", str(tmp_path / "d"), "user", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["username"] == "a"


AT = len(ILLEGAL_DUMPS["fields"])  # where the added field is: fields[AT]


@pytest.mark.parametrize(
    "written, said",
    [
        ('"minimum": Infinity', f"fields[{AT}].minimum: inf is not a finite number"),
        ('"maximum": NaN', f"fields[{AT}].maximum: nan is not a finite number"),
        ('"minimum": -1e400', f"fields[{AT}].minimum: -inf is not a finite number"),
        ('"description": {"en": "a\\u0000b", "kk": "ә", "ru": "я"}', f"fields[{AT}].description.en: contains"),
        ('"description": {"en": "\\u001b[2J", "kk": "ә", "ru": "я"}', "the character U+001B (at position 1)"),
        ('"description": {"en": "\\ud800", "kk": "ә", "ru": "я"}', '"\\ud800" cannot be used here'),
    ],
)
def test_a_layer_with_a_bound_that_is_no_number_or_text_that_is_no_text_is_not_published(
    capsys, monkeypatch, database_url: str, tmp_path: Path, written: str, said: str
) -> None:
    data = {**ILLEGAL_DUMPS, "fields": [*ILLEGAL_DUMPS["fields"], {"name": "depth", "type": "real", "HERE": 0}]}
    data["fields"][-1]["title"] = {"en": "Depth", "kk": "Тереңдік", "ru": "Глубина"}
    path = tmp_path / "dumps.json"
    path.write_text(json.dumps(data, ensure_ascii=False).replace('"HERE": 0', written), encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, database_url, "layers", "publish", str(path))
    assert code == 1 and said in err, err
    assert "illegal_dumps" not in run(capsys, monkeypatch, database_url, "layers", "list")[1]


@pytest.mark.parametrize("by", ["a\x1b[2Jb", "erlan\u200b", "\udcff", "я" * 201, " "])
def test_who_publishes_is_a_name_a_device_can_show(capsys, monkeypatch, database_url: str, tmp_path: Path, by: str):
    path = tmp_path / "dumps.json"
    path.write_text(json.dumps(ILLEGAL_DUMPS, ensure_ascii=False), encoding="utf-8")
    code, _, err = run(capsys, monkeypatch, database_url, "layers", "publish", str(path), "--by", by)
    assert code == 1 and "cannot be the name of who publishes" in err, err
    err.encode()  # printed as it is: no lone surrogate in the message
    assert "illegal_dumps" not in run(capsys, monkeypatch, database_url, "layers", "list")[1]
    assert run(capsys, monkeypatch, database_url, "layers", "publish", str(path), "--by", "Ерлан")[0] == 0
