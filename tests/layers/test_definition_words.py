"""A wrong layer definition is refused in the person's language, naming the field and what is wrong,
with none of pydantic's or the JSON reader's English ("Input should be greater than 0", "Expecting ','
delimiter"): published with ``baytak server layers publish`` as a party's administrator does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli_language import baytak, translation

WELLS = {
    "name": "wells",
    "title": {"kk": "Құдықтар", "ru": "Колодцы", "en": "Wells"},
    "geometry": "POINT",
    "fields": [{"name": "depth", "type": "real", "title": {"kk": "Тереңдік", "ru": "Глубина", "en": "Depth"}}],
}
LIBRARY_WORDS = ("Input should", "Expecting", "delimiter", " or ")


def publish(tmp_path: Path, lang: str, text: str) -> str:
    file = tmp_path / "wells.json"
    file.write_text(text, encoding="utf-8")
    done = baytak("--lang", lang, "server", "--data", tmp_path / "server", "layers", "publish", file)
    assert done.returncode == 1, done.stdout
    return done.stderr + done.stdout


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_out_of_range_and_unknown_choice_are_said_in_the_persons_words(tmp_path, lang):
    wrong = {**WELLS, "geometry": "POLYGON", "style": {"size": 0, "fill_alpha": 2, "stroke_width": -1.5}}
    said = publish(tmp_path, lang, json.dumps(wrong))
    assert not any(word in said for word in LIBRARY_WORDS), said
    for bound in ("must be more than {limit}", "must be at most {limit}", "must be at least {limit}"):
        assert translation(lang, bound).split("{")[0] in said, (bound, said)
    assert "style.size: 0" in said and "style.fill_alpha: 2" in said and "style.stroke_width: -1.5" in said
    assert "0.0" not in said
    assert (
        translation(lang, "{others} or {last}").format(others="POINT, LINESTRING, MULTILINESTRING", last="MULTIPOLYGON")
        in said
    )


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_broken_json_says_where_and_why_in_the_persons_words(tmp_path, lang):
    said = publish(tmp_path, lang, '{"name": "wells" "geometry": "POINT"}')
    assert not any(word in said for word in LIBRARY_WORDS), said
    assert translation(lang, "a comma is missing") in said and "1" in said
