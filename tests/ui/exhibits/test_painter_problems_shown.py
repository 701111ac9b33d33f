"""The window says every problem of a refusal the painting child process raised, in its language: the
message it shows (``message_of``, as the Export map and dossier jobs show a failure) for a real child's
refusal carrying several problems."""

from __future__ import annotations

import pytest

from baytak_desktop.exhibits.dossier import DossierSpec, render_dossier
from baytak_desktop.layers.definition import LayerDefinitionError
from baytak_desktop.ui.i18n import set_language
from baytak_desktop.ui.messages import message_of
from tests.exhibits.test_painter_problems import broken_store
from tests.test_cli_language import said, translation


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_each_problem_of_the_childs_refusal_is_said_in_the_windows_language(qapp, tmp_path, lang):
    store_path, uuid = broken_store(tmp_path)
    with pytest.raises(LayerDefinitionError) as caught:
        render_dossier(DossierSpec(store=store_path, uuid=uuid, out=tmp_path / "d.pdf", server=False))
    error = caught.value
    set_language(lang)
    lines = [said(lang, p.template, p.params) for p in error.problems]
    assert len(lines) == 2
    expected = translation(lang, error.template).format(**{**error.params, "summary": "; ".join(lines)})
    assert message_of(error) == expected
    assert "is not one of" not in message_of(error)
