"""Texts of exhibits in Kazakh, Russian and English, without Qt.

Exhibits are made by the CLI and by worker threads, where Qt's translator is not there (and the
exhibits package must not import Qt at all). Layer and field titles are read from the same Qt
Linguist files the app uses (``translations/baytak_{lang}.ts``, contexts ``Layers`` and ``Fields``),
so the web map says what the app says; the few strings only the web map shows are kept here.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from functools import lru_cache
from pathlib import Path

from baytak_desktop.layers import LAYERS

LANGUAGES = ("kk", "ru", "en")

# The web map's own words: (kk, ru, en).
_OWN: dict[str, tuple[str, str, str]] = {
    "Legend": ("Шартты белгілер", "Условные обозначения", "Legend"),
    "Year": ("Жыл", "Год", "Year"),
    "Play": ("Ойнату", "Воспроизвести", "Play"),
    "Towns (Natural Earth)": (
        "Елді мекендер (Natural Earth)",
        "Населённые пункты (Natural Earth)",
        "Towns (Natural Earth)",
    ),
    "Made with Natural Earth": (
        "Natural Earth деректерімен жасалған",
        "Сделано с Natural Earth",
        "Made with Natural Earth",
    ),
    "Photo": ("Фото", "Фото", "Photo"),
    "water area": ("су айдыны ауданы", "площадь водной поверхности", "water area"),
    "km²": ("км²", "км²", "km²"),
}


def text(source: str, lang: str) -> str:
    """One of the web map's own strings in ``lang`` (English when unknown)."""
    row = _OWN.get(source)
    return row[LANGUAGES.index(lang)] if row and lang in LANGUAGES else source


def translations_dir() -> Path:
    """``translations/`` at the root of a checkout, under ``share/`` once installed (as ui.i18n finds it)."""
    in_checkout = Path(__file__).resolve().parents[3] / "translations"
    if in_checkout.is_dir():
        return in_checkout
    return Path(sys.prefix) / "share" / "baytak-desktop" / "translations"


@lru_cache(maxsize=8)
def _catalogue(lang: str) -> dict[tuple[str, str], str]:
    """(context, English source) -> translation, from the .ts file; empty for English or a missing file."""
    path = translations_dir() / f"baytak_{lang}.ts"
    if lang == "en" or not path.exists():
        return {}
    catalogue = {}
    for context in ElementTree.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source, translation = message.findtext("source"), message.find("translation")
            if source and translation is not None and translation.text and translation.get("type") != "unfinished":
                catalogue[(name, source)] = translation.text
    return catalogue


def translate(context: str, source: str, lang: str) -> str:
    return _catalogue(lang).get((context, source), source)


def layer_title(layer: str, lang: str) -> str:
    schema = LAYERS.get(layer)
    return translate("Layers", schema.title, lang) if schema else layer


def field_title(layer: str, field_name: str, lang: str) -> str:
    schema = LAYERS.get(layer)
    if schema is None or field_name not in schema.field_names:
        return field_name
    return translate("Fields", schema.field(field_name).title or field_name, lang)
