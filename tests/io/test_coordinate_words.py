"""What is wrong with a coordinate is said in words each front end translates: ``parse_coordinate``
refuses with a template and its parameters (not a finished English sentence), and an import of a CSV
with bad coordinates names them in Kazakh or Russian on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_cli_language import ROWS, baytak, translation

from baytak_desktop.io.coordinates import parse_coordinate
from baytak_desktop.layers.values import ValueProblem
from baytak_desktop.store import Store

NOT_A_COORDINATE = (
    '"{text}" is not a coordinate: write decimal degrees (43.87) or degrees, minutes, seconds (43°52\'12"N)'
)
SWAPPED = '"{text}" is a longitude, but a latitude was expected: are the columns swapped?'
OUTSIDE = "{value} is outside {low}..{high}"


@pytest.mark.parametrize(
    ("text", "axis", "template", "params"),
    [
        ("abc", "lat", NOT_A_COORDINATE, {"text": "abc"}),
        ("76.5E", "lat", SWAPPED, {"text": "76.5E"}),
        ("95", "lat", OUTSIDE, {"value": "95", "low": "-90", "high": "90"}),
        ("43°75'N", None, '"{text}" has minutes {number:g}: minutes must be less than 60', {"text": "43°75'N", "number": 75}),
        ("-43N", None, '"{text}" has both a minus sign and a hemisphere letter: keep one', {"text": "-43N"}),
    ],
)  # fmt: skip
def test_a_refused_coordinate_keeps_its_template(text: str, axis: str | None, template: str, params: dict) -> None:
    with pytest.raises(ValueProblem) as refused:
        parse_coordinate(text, axis)  # type: ignore[arg-type]
    assert (refused.value.template, refused.value.params) == (template, params)
    assert str(refused.value) == template.format(**params)  # the English, as before


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_an_import_names_bad_coordinates_in_the_language_asked(tmp_path: Path, lang: str) -> None:
    store = tmp_path / "store.gpkg"
    Store.create(store).close()
    source = tmp_path / "factories.csv"
    source.write_text(ROWS.replace("43.10,76.90", "abc,76.90").replace("43.35,77.45", "76.5E,77.45"), encoding="utf-8")
    done = baytak("--lang", lang, "import", store, source, "--layer", "brick_factories")
    assert done.returncode in (1, 2), done.stderr
    assert translation(lang, NOT_A_COORDINATE).format(text="abc") in done.stderr
    assert translation(lang, SWAPPED).format(text="76.5E") in done.stderr
    assert "is not a coordinate" not in done.stderr and "are the columns swapped" not in done.stderr
