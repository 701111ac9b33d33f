"""A refused change's answer carries its template and parameters beside the English message, as text
the unchanged ``ErrorBody`` accepts (so a device that predates them still reads the answer), and the
pull feed's rejection carries the same: a device keeps it and says it in its person's language (a
refused value problem by problem, as a change held on the device)."""

from __future__ import annotations

import json

import pytest

from baytak_desktop.errors import formatted
from baytak_desktop.i18n import problem_text, speaking, tr
from baytak_desktop.store import Store
from baytak_desktop.sync import records
from baytak_desktop.sync.protocol import ErrorBody, Rejection
from tests.test_cli_language import translation

from .conftest import Server, insert, update

FOREIGN = {
    "template": "as {role} of branch {branch} you cannot change a feature of {shown}",
    "params": {
        "role": {"template": "editor", "params": {}},  # a sentence of its own: said in the reader's language
        "branch": "almaty",
        "shown": {"template": "branch {branch}", "params": {"branch": "abai"}},
    },
}


def test_a_refusal_carries_its_template_and_nested_parameters(server: Server) -> None:
    boss, editor = server.user("boss", "admin", None), server.user("aigerim")
    foreign = insert(branch="abai")
    rev = boss.push(foreign)["results"][0]["rev"]

    answer = editor.push(update(foreign["uuid"], rev, notes=(None, "басқа филиал")))

    (result,) = answer["results"]
    assert result["outcome"] == "rejected"
    error = ErrorBody.model_validate(result["error"])  # the model old devices validate with, unchanged
    assert error.code.value == "forbidden"
    assert error.details["template"] == "Not allowed: {reason}."
    params = json.loads(str(error.details["params"]))
    assert params == {"reason": FOREIGN}
    assert formatted(str(error.details["template"]), params) == error.message
    assert error.message == "Not allowed: as editor of branch almaty you cannot change a feature of branch abai."
    (pulled,) = [r for page in editor.pull_all() for r in page["rejections"]]
    assert pulled["error"] == result["error"]


def test_the_machine_readable_details_stay_beside_the_sentence(server: Server) -> None:
    boss = server.user("boss", "admin", None)
    unknown = insert(notes="x")
    unknown["fields"]["no_such_field"] = {"base": None, "new": 1}

    (result,) = boss.push(unknown)["results"]

    details = ErrorBody.model_validate(result["error"]).details
    assert details["fields"] == ["no_such_field"]
    assert details["template"] == "Layer {layer} has no field(s) {names}. Fields: {known}."
    assert json.loads(str(details["params"]))["names"] == "'no_such_field'"


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_refused_value_is_said_problem_by_problem_on_the_device(server: Server, tmp_path, lang: str) -> None:
    editor = server.user("aigerim")
    (result,) = editor.push(insert(status="exploded"))["results"]
    error = ErrorBody.model_validate(result["error"])
    assert error.code.value == "invalid_value" and error.details["fields"] == ["status"]
    assert error.details["template"] == "{reasons}"
    (reason,) = json.loads(str(error.details["params"]))["reasons"]
    assert (reason["field"], reason["template"]) == ("status", "{value!r} is not one of: {codes}")
    (pulled,) = [Rejection.model_validate(r) for page in editor.pull_all() for r in page["rejections"]]

    with Store.create(tmp_path / "s.gpkg") as store:  # the device keeps the pulled refusal
        with store.session() as session:
            records.save_rejections(session, [pulled])
        (record,) = records.rejections(store.conn)
    with speaking(lang):
        said = records.rejection_text(record, lambda template, params: tr(template, **params), problem_text)

    value = translation(lang, "{value!r} is not one of: {codes}").format(**reason["params"])
    assert said == translation(lang, "field {field}").format(field="status") + ": " + value
    assert "is not one of" in error.message and "is not one of" not in said
