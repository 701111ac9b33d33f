"""Domain messages (errors, validation problems) reach the user in the UI language."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import shapely
from PySide6.QtCore import QCoreApplication

from baytak_desktop.errors import NotAGeoPackage, Problem, ValidationError
from baytak_desktop.layers import LAYERS
from baytak_desktop.ui import i18n
from baytak_desktop.ui.edit.feature_form import FeatureForm
from baytak_desktop.ui.messages import message_of

TREE_PLANTINGS = LAYERS["tree_plantings"]

ROOT = Path(__file__).resolve().parents[2]


def collector():
    spec = importlib.util.spec_from_file_location(
        "collect_domain_messages", ROOT / "scripts" / "collect_domain_messages.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_domain_messages_file_is_up_to_date():
    module = collector()
    templates = module.collect()
    assert "{value} is below the minimum {minimum:g}" in templates  # a validation Problem
    assert NotAGeoPackage.template in templates  # a BaytakError subclass
    assert module.OUTPUT.read_text(encoding="utf-8") == module.render(templates), (
        "run .venv/bin/python scripts/collect_domain_messages.py, then scripts/update_translations.py"
    )


def test_every_domain_message_is_translated_and_keeps_its_placeholders(qapp):
    import string

    templates = collector().collect()
    for lang in ("kk", "ru"):
        try:
            i18n.set_language(lang)
            for template in templates:
                text = QCoreApplication.translate("DomainMessages", template)
                words = "".join(f[0] for f in string.Formatter().parse(template))
                assert text != template or not any(c.isalpha() for c in words), (lang, template)
                names = {f[1] for f in string.Formatter().parse(template) if f[1]}
                assert {f[1] for f in string.Formatter().parse(text) if f[1]} == names, (lang, template, text)
        finally:
            i18n.set_language("en")


def test_validation_message_shows_in_kazakh_in_the_feature_form(qtbot):
    form = FeatureForm(TREE_PLANTINGS)
    qtbot.addWidget(form)
    form.show()
    form.set_geometry(shapely.LineString([(77.0, 43.0), (77.1, 43.1)]))
    english = "layer Tree plantings takes Point geometries, not LineString"  # the layer's title, not its table
    assert form.geometry_message.text() == english
    try:
        i18n.set_language("kk")
        qtbot.waitUntil(lambda: form.geometry_message.text() != english)
        text = form.geometry_message.text()
        assert i18n.layer_title("tree_plantings") in text and "LineString" in text and "қабаты" in text
        assert "tree_plantings" not in text
    finally:
        i18n.set_language("en")
    qtbot.waitUntil(lambda: form.geometry_message.text() == english)


def test_errors_and_problems_translate_with_their_params(qapp):
    error = NotAGeoPackage(path="roads.gpkg", reason="no table gpkg_contents")
    problem = Problem.of("{value} is below the minimum {minimum:g}", field="tree_count", row=4, value=0, minimum=1.0)
    rejected = ValidationError([problem])
    assert message_of(error) == error.message
    assert message_of(problem) == "row 4, field tree_count: 0 is below the minimum 1"
    try:
        i18n.set_language("ru")
        assert "roads.gpkg" in message_of(error) and message_of(error) != error.message
        assert message_of(problem) == "строка 4, поле tree_count: 0 меньше минимума 1"
        assert message_of(rejected) == message_of(problem)
        assert message_of(ValueError("plain")) == "plain"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["en", "kk", "ru"])
def test_the_window_never_tells_its_user_to_type_a_command(qapp, lang):
    """Errors worded for the command line ("sign in again with baytak login … --server …") are said in
    the window with the window's own way, in every language."""
    from baytak_desktop.errors import BaytakError
    from baytak_desktop.ui.i18n import set_language
    from baytak_desktop.ui.messages import WINDOW_WORDING, message_of

    set_language(lang)
    try:
        for template in WINDOW_WORDING:
            error = BaytakError(template, server="https://baytak.example", reason="revoked", store="a.gpkg", id=7)
            text = message_of(error)
            assert "--" not in text and "baytak " not in text, text
            assert "https://baytak.example" in text or "7" in text
    finally:
        set_language("en")


@pytest.mark.parametrize(
    ("lang", "words"), [("kk", "бүлінген немесе соңына дейін жазылмаған"), ("ru", "повреждён или обрезан")]
)
def test_a_damaged_file_is_refused_in_the_users_language_gdals_words_only_after(qapp, tmp_path, lang, words):
    """A GeoPackage cut short: before, GDAL's "database disk image is malformed" was the whole reason."""
    import geopandas as gpd

    from baytak_desktop.errors import SourceError
    from baytak_desktop.io.readers import read_source

    path = tmp_path / "карьеры.gpkg"
    gpd.GeoDataFrame({"name": ["Абат"] * 50}, geometry=[shapely.Point(77, 43.5)] * 50, crs="EPSG:4326").to_file(path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(SourceError) as refused:
        read_source(path)
    try:
        i18n.set_language(lang)
        text = message_of(refused.value)
    finally:
        i18n.set_language("en")
    ours, _, detail = text.partition("(GDAL: ")
    assert ours.startswith("карьеры.gpkg") and words in ours, text
    assert "malformed" not in ours and "malformed" in detail, text
