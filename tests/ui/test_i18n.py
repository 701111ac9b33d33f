"""Languages: every UI string translated into Kazakh and Russian, Qt's own translations, locale, font."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont

from baytak_desktop.layers import LAYERS
from baytak_desktop.ui import i18n

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
update_translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(update_translations)


@pytest.fixture(autouse=True)
def english_afterwards(qapp):
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_ui_string_has_a_translation(tmp_path, lang):
    """lupdate over the current sources into a copy of the committed .ts: nothing may be left untranslated."""
    committed = update_translations.TRANSLATIONS / f"baytak_{lang}.ts"
    copy = tmp_path / committed.name
    shutil.copy(committed, copy)
    update_translations.lupdate([copy], "-no-obsolete", "-locations", "none")
    missing = update_translations.untranslated(copy)
    assert missing == [], (
        f"{len(missing)} strings have no {lang} translation: run scripts/update_translations.py "
        f"and translate them: {missing[:20]}"
    )


def test_english_has_every_plural_form(tmp_path):
    committed = update_translations.TRANSLATIONS / "baytak_en.ts"
    copy = tmp_path / committed.name
    shutil.copy(committed, copy)
    update_translations.lupdate([copy], "-no-obsolete", "-locations", "none")
    assert update_translations.untranslated(copy, plurals_only=True) == []


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_committed_qm_is_compiled_from_the_committed_ts(tmp_path, lang):
    ts = update_translations.TRANSLATIONS / f"baytak_{lang}.ts"
    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    update_translations.lrelease(copy, copy.with_suffix(".qm"))
    assert copy.with_suffix(".qm").read_bytes() == update_translations.compiled(ts).read_bytes(), (
        "the .qm is stale: run scripts/update_translations.py"
    )


def test_switching_installs_ours_and_qts_translations(qapp):
    loaded = [Path(p).name for p in i18n.set_language("kk")]
    assert loaded == ["qtbase_kk.qm", "baytak_kk.qm"]
    assert QCoreApplication.translate("Layers", "Quarries") == "Карьерлер"
    assert i18n.current_language() == "kk" and QLocale().name() == "kk_KZ"
    loaded = [Path(p).name for p in i18n.set_language("ru")]
    assert loaded == ["qtbase_ru.qm", "baytak_ru.qm"]
    assert QCoreApplication.translate("Layers", "Quarries") == "Карьеры"
    loaded = [Path(p).name for p in i18n.set_language("en")]
    assert loaded == ["baytak_en.qm"] and QCoreApplication.translate("Layers", "Quarries") == "Quarries"


def test_numbers_follow_the_language(qapp):
    i18n.set_language("en")
    assert i18n.format_number(2_500_000) == "2,500,000"
    i18n.set_language("ru")
    assert i18n.format_number(2_500_000) == "2\u00a0500\u00a0000"
    i18n.set_language("kk")
    assert i18n.format_number(2_500_000).replace("\u00a0", " ") == "2 500 000"


def test_russian_plural_forms(qapp):
    from baytak_desktop.ui.window.status_bar import StatusBar

    i18n.set_language("ru")
    bar = StatusBar()
    texts = []
    for n in (1, 3, 5, 21):
        bar.show_changes(n)
        texts.append(bar.changes_label.text())
    assert texts == [
        "1 правка не синхронизирована",
        "3 правки не синхронизированы",
        "5 правок не синхронизировано",
        "21 правка не синхронизирована",
    ]


def test_chosen_font_covers_the_kazakh_letters(qapp):
    from baytak_desktop.ui.app import make_app

    app = make_app()
    assert i18n.covers(app.font(), i18n.KAZAKH_LETTERS), app.font().family()
    assert i18n.covers(i18n.kazakh_font(QFont("DejaVu Sans")))


def test_every_layer_and_field_title_is_marked_for_translation():
    titles = {f.title for schema in LAYERS.values() for f in schema.fields if f.title}
    assert titles <= set(i18n.FIELD_TITLES)
    assert {name: s.title for name, s in LAYERS.items()} == i18n.LAYER_TITLES


def test_no_tr_call_hides_where_lupdate_cannot_see_it():
    """lupdate skips ``tr()`` inside f-strings: such a string would never be translated. Every literal
    passed to ``tr(...)`` in ui/ must be in the .ts files."""
    import re
    import xml.etree.ElementTree as ET

    sources = {
        m.findtext("source")
        for m in ET.parse(update_translations.TRANSLATIONS / "baytak_kk.ts").getroot().iter("message")
    }
    call = re.compile(r"""\btr\(\s*(?P<q>["'])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")
    hidden = []
    for path in update_translations.UI.rglob("*.py"):
        for match in call.finditer(path.read_text(encoding="utf-8")):
            text = match.group("text").encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            if text not in sources:
                hidden.append(f"{path.name}: {text}")
    assert hidden == [], f"tr() calls lupdate does not collect (inside an f-string?): {hidden}"
