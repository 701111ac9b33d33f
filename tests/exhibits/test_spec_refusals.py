"""An exhibit's or a dossier's description that the painter cannot read is refused in our own words
(damaged, or holding what this version does not take), translated, with Python's text only as a detail
after them; the painter process says so as a user's problem (exit 1), not as a crash.

The descriptions are real files: one the command line writes for the painter, then cut short or edited.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli_language import translation

from baytak_desktop import i18n
from baytak_desktop.exhibits.dossier import DossierSpec
from baytak_desktop.exhibits.print_spec import ExhibitSpec, SpecError
from baytak_desktop.exhibits.render_process import painter_module
from baytak_desktop.store import Store

DAMAGED = (
    "The exhibit description is damaged or cut short, so nothing was made: make the exhibit again ({library}: {detail})"
)
FOREIGN = (
    "The exhibit description holds a value this version of Baytak does not take (was it written by another "
    "version?), so nothing was made: make the exhibit again ({library}: {detail})"
)


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    store = tmp_path / "store.gpkg"
    Store.create(store).close()
    path = tmp_path / "spec.json"
    path.write_text(ExhibitSpec(store, tmp_path / "map.pdf", title="Карьерлер").to_json(), encoding="utf-8")
    return path


def refusal(text: str, cls: type[ExhibitSpec] | type[DossierSpec] = ExhibitSpec) -> SpecError:
    with pytest.raises(SpecError) as refused:
        cls.from_json(text)
    return refused.value


def test_a_description_cut_short_is_said_damaged(spec_file: Path) -> None:
    text = spec_file.read_text(encoding="utf-8")
    error = refusal(text[: len(text) // 2])
    assert error.template == DAMAGED and error.params["library"] == "JSON"
    with i18n.speaking("kk"):
        said = i18n.error_text(error)
    assert said == translation("kk", DAMAGED).format(**error.params)
    assert said.index(error.params["detail"]) > 0 and said.endswith(error.params["detail"] + ")")


def test_a_value_of_another_kind_is_said_foreign(spec_file: Path) -> None:
    data = json.loads(spec_file.read_text(encoding="utf-8"))
    error = refusal(json.dumps({**data, "extent": 5}))
    assert error.template == FOREIGN and "TypeError" in error.params["detail"]
    with i18n.speaking("ru"):
        assert i18n.error_text(error) == translation("ru", FOREIGN).format(**error.params)
    assert refusal(json.dumps([data])).template == FOREIGN  # a list, not a description


def test_a_dossier_description_without_its_output_is_refused(spec_file: Path) -> None:
    data = json.loads(spec_file.read_text(encoding="utf-8"))
    dossier = {"store": data["store"], "uuid": "00000000-0000-8000-8001-000000000001"}  # no "out"
    assert refusal(json.dumps(dossier), DossierSpec).template == FOREIGN
    assert refusal('{"store": "s.gpkg", "uuid": ', DossierSpec).template == DAMAGED


@pytest.mark.parametrize("flag", ["--spec", "--dossier"])
def test_the_painter_refuses_a_torn_description_as_a_users_problem(spec_file: Path, flag: str) -> None:
    text = spec_file.read_text(encoding="utf-8")
    spec_file.write_text(text[: len(text) // 2], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", painter_module(), flag, str(spec_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout.splitlines()[-1])["error"].startswith("The exhibit description is damaged")
