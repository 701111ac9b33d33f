"""A refusal with several problems, raised in the painting child process, comes back with every problem
(its template and parameters), so ``baytak --lang kk dossier`` and the window say each one translated,
not the child's English summary. A real child process, a real store whose published layer definition
is broken (the parent never reads the definitions: the child does, when it opens the store)."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
import shapely

from baytak_desktop import i18n
from baytak_desktop.errors import Problem, ValidationError
from baytak_desktop.exhibits.dossier import DossierSpec, render_dossier
from baytak_desktop.exhibits.render_process import refusal
from baytak_desktop.layers.definition import LayerDefinitionError
from baytak_desktop.resources import path as resource
from baytak_desktop.store import Store
from tests.test_cli_language import baytak, said, translation


def broken_store(tmp_path: Path) -> tuple[Path, str]:
    """A store with a feature, then a published layer whose two field types do not exist."""
    store_path = tmp_path / "s.gpkg"
    with Store.create(store_path) as store:
        uuid = store.insert("brick_factories", {"name": "Зауыт", "status": "closed"}, shapely.Point(76.9, 43.2)).uuid
    definition = json.loads(resource("layers/brick_factories.json").read_text(encoding="utf-8"))
    definition["name"] = "illegal_dumps"
    definition["fields"][0]["type"], definition["fields"][1]["type"] = "colour", "money"
    with closing(sqlite3.connect(store_path)) as conn:
        conn.execute(
            "INSERT INTO baytak_layer_revisions (revision, rev, layer, definition) VALUES (1, 1, 'illegal_dumps', ?)",
            (json.dumps(definition),),
        )
        conn.commit()
    return store_path, uuid


def kazakh(error: LayerDefinitionError) -> str:
    """The error as the translators wrote it: each problem's sentence, inside the error's own."""
    lines = [said("kk", p.template, p.params) for p in error.problems]
    return translation("kk", error.template).format(**{**error.params, "summary": "; ".join(lines)})


def test_the_childs_problems_come_back_with_their_templates(tmp_path):
    store_path, uuid = broken_store(tmp_path)
    with pytest.raises(LayerDefinitionError) as caught:
        render_dossier(DossierSpec(store=store_path, uuid=uuid, out=tmp_path / "d.pdf", server=False))
    problems = caught.value.problems
    assert len(problems) == 2 and {p.template for p in problems} == {"{where}: {value} is not one of: {expected}"}
    assert [p.params["value"] for p in problems] == ['"colour"', '"money"']
    assert caught.value.message == LayerDefinitionError("schema revision 1", problems).message
    with i18n.speaking("kk"):
        assert i18n.error_text(caught.value) == kazakh(caught.value)
    assert not (tmp_path / "d.pdf").exists()


def test_baytak_dossier_says_each_problem_of_the_child_in_kazakh(tmp_path):
    store_path, uuid = broken_store(tmp_path)
    with pytest.raises(LayerDefinitionError) as caught, Store.open(store_path, readonly=True) as store:
        store.catalog  # noqa: B018  (the same error, raised here to know its problems)
    done = baytak("--lang", "kk", "dossier", store_path, "--uuid", uuid, "--out", tmp_path / "d.pdf", "--no-server")
    assert done.returncode == 1
    expected = translation("kk", "error: {message}").format(message=kazakh(caught.value))
    assert done.stderr.splitlines()[0] == " ".join(expected.split()), done.stderr
    assert "is not one of" not in done.stderr


def test_a_validation_errors_problems_travel_with_its_answer(tmp_path):
    """What the child prints for a ValidationError (ui/paint/exhibit_main.py ``refusal``), read back by the
    parent: the same problems, with rows, fields and templates, so each is said in the reader's language."""
    from baytak_desktop.ui.paint.exhibit_main import refusal as answer_of

    problems = [
        Problem.of("{value} is not a number", field="flow_m3_day", row=2, value="көп"),
        Problem.of("{value} is not a finite number", field="flow_m3_day", row=3, value="inf"),
    ]
    answer = json.loads(json.dumps(answer_of(ValidationError(problems))))  # as the pipe carries it
    rebuilt = refusal(answer, tmp_path / "x.pdf")
    assert isinstance(rebuilt, ValidationError) and rebuilt.problems == problems
    assert [(p.template, p.params) for p in rebuilt.problems] == [(p.template, p.params) for p in problems]
    with i18n.speaking("kk"):
        said = i18n.error_text(rebuilt)
    row, field = translation("kk", "row {row}"), translation("kk", "field {field}")
    assert said == "; ".join(
        f"{row.format(row=p.row)}, {field.format(field=p.field)}: " + translation("kk", p.template).format(**p.params)
        for p in problems
    )
