"""Why an edit was held on the device is said in the reader's language: the record keeps its template and
parameters (store migration 9), ``baytak conflicts`` says them in Kazakh or Russian, ``--json`` keeps the
English; a row written before migration 9 keeps its English sentence, readable as it was.

Real stores; the values are written the way another program writes them (plain SQLite), then sealed as a
sync seals them. Expected sentences come from translations/baytak_{kk,ru}.ts themselves."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from baytak_desktop import i18n
from baytak_desktop.errors import problem_from_json
from baytak_desktop.layers import builtin_catalog
from baytak_desktop.store import Store, migrations
from baytak_desktop.sync import records
from baytak_desktop.sync.hold import change_problems
from tests.conftest import open_plain_sqlite
from tests.sync.helpers import LAYER, seal
from tests.test_cli_language import baytak, translation

SCHEMA_8 = Path(__file__).resolve().parents[1] / "data" / "stores" / "schema-8.gpkg"


def held_feature(store: Store, add_factory) -> str:
    """A brick factory whose notes hold a NUL and whose date is a number (as a script wrote them): held."""
    uuid = add_factory(name="Зауыт").uuid
    conn = open_plain_sqlite(store.path)
    try:
        conn.execute(f"UPDATE {LAYER} SET notes = ?, observed_on = 20240101 WHERE uuid = ?", ("бір\x00екі", uuid))
    finally:
        conn.close()
    assert seal(store) == []  # nothing the server would take: held, not sent
    return uuid


def said_in(lang: str, record: dict) -> str:
    """The refusal as the translators wrote it: each reason's field and sentence, then the whole."""
    reasons = [problem_from_json(reason) for reason in record["params"]["reasons"]]
    lines = [
        translation(lang, "field {field}").format(field=p.field)
        + ": "
        + translation(lang, p.template).format(**p.params)
        for p in reasons
    ]
    return translation(lang, "Not sent: {reasons}").format(reasons="; ".join(lines))


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_baytak_conflicts_says_why_an_edit_was_held_in_the_language_asked(store, add_factory, lang):
    uuid = held_feature(store, add_factory)
    (record,) = records.rejections(store.conn)
    assert record["template"] == "Not sent: {reasons}" and len(record["params"]["reasons"]) == 2
    assert {r["field"] for r in record["params"]["reasons"]} == {"notes", "observed_on"}
    store.close()
    done = baytak("--lang", lang, "conflicts", store.path)
    assert done.returncode == 0, done.stderr
    expected = translation(lang, "refused  {layer} {uuid}: {message} ({code})").format(
        layer=builtin_catalog().layer(LAYER).title_in(lang),
        uuid=uuid,
        message=said_in(lang, record),
        code="invalid_value",
    )
    assert done.stdout.strip() == " ".join(expected.split()) or done.stdout.strip() == expected
    assert "Not sent" not in done.stdout and "U+0000" in done.stdout
    english = json.loads(baytak("--lang", lang, "conflicts", store.path, "--json").stdout)["rejections"]
    assert english[0]["message"] == record["message"] and english[0]["message"].startswith("Not sent: field ")


def test_a_held_base_value_says_its_own_problem_inside_the_sentence():
    """A value the change starts from that no field could store: "the base value {problem}" wraps the
    value's own problem, and both are said in Kazakh."""
    change = {"op": "update", "fields": {"name": {"base": "a\x00b", "new": "ab"}}}
    (problem,) = change_problems(builtin_catalog().layer(LAYER), change)
    record = {"template": "Not sent: {reasons}", "params": {"reasons": [records_json(problem)]}, "message": "x"}
    with i18n.speaking("kk"):
        text = records.rejection_text(record, lambda t, p: i18n.tr(t, **p), i18n.problem_text)
    inner = translation("kk", problem.params["problem"].template).format(**problem.params["problem"].params)
    base = translation("kk", "the base value {problem}").format(problem=inner)
    field = translation("kk", "field {field}").format(field="name")
    assert text == translation("kk", "Not sent: {reasons}").format(reasons=f"{field}: {base}")
    assert (
        str(problem)
        == "field name: the base value contains the character U+0000 (at position 2), which text cannot hold; remove it"
    )


def records_json(problem):
    from baytak_desktop.errors import problem_json

    return json.loads(json.dumps(problem_json(problem)))  # as the store keeps it


def test_a_row_held_before_migration_9_keeps_its_english_sentence(tmp_path):
    """A schema-8 store with a held edit, its reason written as schema 8 wrote it (English only)."""
    path = tmp_path / "old.gpkg"
    shutil.copy(SCHEMA_8, path)
    english = "Not sent: field notes: contains the character U+0000 (at position 4), which text cannot hold; remove it"
    conn = open_plain_sqlite(path)
    try:
        conn.execute(
            "INSERT INTO baytak_rejections (changeset_id, layer, uuid, code, message, details, created_at) "
            "VALUES ('h', ?, 'u', 'invalid_value', ?, '{\"held\": true}', '2026-12-01T10:00:00.000Z')",
            (LAYER, english),
        )
    finally:
        conn.close()
    with Store.open(path) as store:
        assert store.schema_version() == migrations.SCHEMA_VERSION
        (record,) = records.rejections(store.conn)
    assert record["template"] is None and record["params"] is None
    with i18n.speaking("kk"):
        assert records.rejection_text(record, lambda t, p: i18n.tr(t, **p), i18n.problem_text) == english
    done = baytak("--lang", "kk", "conflicts", path)
    assert english in done.stdout
