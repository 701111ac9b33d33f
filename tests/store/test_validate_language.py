"""`baytak validate` says what it found in Kazakh and Russian, like every other command; ``--json`` keeps
the English findings, the same in every language.

The findings are broken into a real demo store the way other tools break it (a label where a code
belongs, an emptied area, a dropped journal trigger); the expected sentences come from the translators'
.ts files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cli_language import baytak, translation

from baytak_desktop import i18n
from baytak_desktop.demo import build_demo
from baytak_desktop.store import Store
from baytak_desktop.store.check import check_store
from baytak_desktop.store.journal import trigger_sql

LABEL = "{raw!r} is a label, not a code: the code is {value!r}"
EMPTY = "{name} is empty: it is computed from the geometry ({value})"
TRIGGER = (
    "journal trigger {name} is missing or altered: edits would not sync (open the store with baytak to "
    "reinstall it and catch up the edits)"
)


@pytest.fixture
def broken(tmp_path: Path, plain_sqlite) -> tuple[Path, str]:
    """A demo store with a label for a code, an area emptied, and a journal trigger dropped; and the
    dropped trigger's name."""
    path = tmp_path / "store.gpkg"
    with Store.create(path) as store:
        build_demo(store)
        factory = next(iter(store.features("brick_factories"))).uuid
        quarry = next(iter(store.features("quarries"))).uuid
        dropped = next(iter(trigger_sql(store.layer("tree_plantings"))))
    conn = plain_sqlite(path)
    conn.execute("UPDATE brick_factories SET status = 'Закрыт' WHERE uuid = ?", (factory,))
    conn.execute("UPDATE quarries SET area_ha = NULL WHERE uuid = ?", (quarry,))
    conn.execute(f'DROP TRIGGER "{dropped}"')
    conn.close()
    return path, dropped


def test_every_finding_keeps_its_template(broken: tuple[Path, str]) -> None:
    path, dropped = broken
    with Store.open(path, readonly=True) as store:
        findings = check_store(store)
    assert {f.template for f in findings} == {LABEL, EMPTY, TRIGGER}
    trigger = next(f for f in findings if f.check == "triggers")
    assert trigger.params == {"name": dropped} and trigger.message == TRIGGER.format(name=dropped)
    with i18n.speaking("kk"):
        assert i18n.finding_message(trigger) == translation("kk", TRIGGER).format(name=dropped)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_validate_speaks_the_language_asked(broken: tuple[Path, str], lang: str) -> None:
    path, dropped = broken
    done = baytak("--lang", lang, "validate", path)
    assert done.returncode == 2, done.stderr
    assert translation(lang, LABEL).format(raw="Закрыт", value="closed") in done.stdout
    assert translation(lang, TRIGGER).format(name=dropped) in done.stdout
    assert translation(lang, EMPTY).split("{name}")[1].split("(")[0].strip() in done.stdout
    for english in ("is a label, not a code", "is missing or altered", "it is computed from the geometry"):
        assert english not in done.stdout


def test_validate_json_is_english_in_every_language(broken: tuple[Path, str]) -> None:
    path, _ = broken
    outputs = [baytak("--lang", lang, "validate", "--json", path).stdout for lang in ("en", "kk", "ru")]
    assert outputs[0] == outputs[1] == outputs[2]
    messages = {f["message"] for f in json.loads(outputs[0])["findings"]}
    assert "'Закрыт' is a label, not a code: the code is 'closed'" in messages
    assert all(set(f) == {"check", "severity", "message", "layer", "uuid", "fid", "field", "fixable"}
               for f in json.loads(outputs[1])["findings"])  # fmt: skip
